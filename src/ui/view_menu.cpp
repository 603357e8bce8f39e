// The menu bar: file actions, view options, help.
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"

namespace recert::ui {

void draw_menu_bar(AppState& state) {
    if (!ImGui::BeginMenuBar()) return;
    if (!state.embedded) { // embedded: the host page shows its own brand around the app
        if (state.fonts.strong) ImGui::PushFont(state.fonts.strong);
        ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
        ImGui::TextUnformatted(ICON_GRADUATION " Recert");
        ImGui::PopStyleColor();
        if (state.fonts.strong) ImGui::PopFont();
        ImGui::Spacing();
    }

    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem(ICON_DOWNLOAD "  Export backup (ZIP)", nullptr, false, state.data.loaded))
            state.intents.push_back(ExportBackup{false});
        if (ImGui::MenuItem(ICON_DOWNLOAD "  Export log only (JSON)", nullptr, false, state.data.loaded))
            state.intents.push_back(ExportBackup{true});
        ImGui::Separator();
        if (ImGui::MenuItem(ICON_UPLOAD "  Restore backup…", nullptr, false,
                            state.data.loaded && state.restore.stage == RestoreDialog::Stage::closed))
            state.intents.push_back(RestoreBackup{});
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Light theme", nullptr, state.settings.theme == Theme::light)) {
            state.settings.theme = Theme::light;
            state.settings_dirty = true;
            state.intents.push_back(SaveSettings{});
        }
        if (ImGui::MenuItem("Dark theme", nullptr, state.settings.theme == Theme::dark)) {
            state.settings.theme = Theme::dark;
            state.settings_dirty = true;
            state.intents.push_back(SaveSettings{});
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Keyboard shortcuts")) state.show_shortcuts = true;
        ImGui::Separator();
        if (ImGui::MenuItem("About Recert")) state.show_about = true;
        ImGui::EndMenu();
    }
    ImGui::EndMenuBar();
}

} // namespace recert::ui
