// Help dialogs: About Recert and the keyboard shortcuts.
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"

namespace recert::ui {

void draw_about_dialog(AppState& state) {
    if (!begin_dialog("About Recert", &state.show_about, 460.0f)) return;
    if (state.fonts.strong) ImGui::PushFont(state.fonts.strong);
    text_fmt("Recert %s", state.version.c_str());
    if (state.fonts.strong) ImGui::PopFont();
    text_muted("A personal tracker for the continuing-education credits (CECs, CEUs, CMEs, contact "
               "hours) that keep your certifications current.");
    ImGui::Spacing();
    text_wrapped("Your log lives only in this browser on this device. No account, no tracking.");
    ImGui::Spacing();
    if (primary_button("Close", 120.0f)) {
        state.show_about = false;
        ImGui::CloseCurrentPopup();
    }
    end_dialog();
}

void draw_shortcuts_dialog(AppState& state) {
    if (!begin_dialog("Keyboard shortcuts", &state.show_shortcuts, 560.0f)) return;
    if (begin_table("Keyboard shortcuts", "shortcuts", 2,
                    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("Keys", ImGuiTableColumnFlags_WidthFixed, ui_px(120.0f));
        ImGui::TableSetupColumn("Action");
        const char* rows[][2] = {
            {"Tab", "Skip to content (first stop), then the next button, field or tab"},
            {"Shift+Tab", "The previous button, field or tab"},
            {"Left / Right", "The previous / next view in the tab bar, or menu in the menu bar"},
            {"Up / Down", "The previous / next item in a menu, list or group of choices"},
            {"Home / End", "The first / last item in a tab bar or menu"},
            {"Space / Enter", "Activate the focused item"},
            {"Escape", "Close a dialog or menu (focus returns to what opened it)"},
            {"Ctrl+C / Ctrl+V", "Copy and paste in text fields"},
        };
        for (const auto& row : rows) {
            table_next_row();
            ImGui::TableNextColumn();
            text_plain(row[0]);
            ImGui::TableNextColumn();
            text_plain(row[1]);
        }
        end_table();
    }
    ImGui::Spacing();
    if (primary_button("Close", 120.0f)) {
        state.show_shortcuts = false;
        ImGui::CloseCurrentPopup();
    }
    end_dialog();
}

} // namespace recert::ui
