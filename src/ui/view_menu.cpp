// The menu bar: file actions, view options, help.
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/view_reports.h"
#include "ui/views.h"

#include "imgui.h"

namespace recert::ui {

void draw_menu_bar(AppState& state) {
    if (!ImGui::BeginMenuBar()) return;
    if (!state.embedded) { // embedded: the host page shows its own brand around the app
        if (state.fonts.strong) ImGui::PushFont(state.fonts.strong);
        ImGui::PushStyleColor(ImGuiCol_Text, palette().accent_ink);
        text_plain(ICON_GRADUATION " Recert");
        ImGui::PopStyleColor();
        if (state.fonts.strong) ImGui::PopFont();
        ImGui::Spacing();
    }
    sem_begin(Role::menubar, "Main menu");

    if (begin_menu("File")) {
        if (ImGui::MenuItem(ICON_DOWNLOAD "  Export backup (ZIP)", nullptr, false, state.data.loaded))
            state.intents.push_back(ExportBackup{false});
        if (ImGui::MenuItem(ICON_DOWNLOAD "  Export log only (JSON)", nullptr, false, state.data.loaded))
            state.intents.push_back(ExportBackup{true});
        ImGui::Separator();
        if (ImGui::MenuItem(ICON_UPLOAD "  Restore backup…", nullptr, false,
                            state.data.loaded && state.restore.stage == RestoreDialog::Stage::closed))
            state.intents.push_back(RestoreBackup{});
        end_menu();
    }
    draw_reports_menu(state); // view_reports.cpp
    if (begin_menu("View")) {
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
        end_menu();
    }
    if (begin_menu("Help")) {
        if (ImGui::MenuItem("Keyboard shortcuts")) state.show_shortcuts = true;
        ImGui::Separator();
        if (ImGui::MenuItem("About Recert")) state.show_about = true;
        end_menu();
    }
    sem_end();
    ImGui::EndMenuBar();
}

} // namespace recert::ui
