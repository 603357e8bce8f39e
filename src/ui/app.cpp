// The dashboard's frame: one full-window host window with a menu bar, the current view, and
// any open dialogs.
#include "ui/app.h"

#include "ui/views.h"

#include "imgui.h"

namespace recert::ui {

void draw_app(AppState& state) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin(main_window_name, nullptr, flags);
    ImGui::PopStyleVar();
    draw_menu_bar(state);
    draw_dashboard(state);
    ImGui::End();

    draw_about_dialog(state);
    draw_shortcuts_dialog(state);
}

} // namespace recert::ui
