// Where the records are kept, when that is not the browser's ordinary storage: the panel an
// embedded Recert shows when the browser refuses it storage (three ways through), the permanent
// banner of "this visit only", and the one-time note that an embedded log is kept per site.
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"

namespace recert::ui {

void draw_storage_blocked(AppState& state) {
    heading(state, "Recert can't keep your records inside this page", 1);
    text_wrapped("Your browser does not let Recert store anything while it is shown inside another site's "
                 "page (this protects your privacy). Choose how to go on:");
    ImGui::Spacing();
    const bool asking = state.storage.choice != StorageChoice::none;
    ImGui::BeginDisabled(asking);
    if (primary_button(ICON_SHIELD "  Allow Recert to keep your records here"))
        state.storage.choice = StorageChoice::allow;
    text_muted("Your browser asks you once. Your records then stay in Recert's own storage on this device, the "
               "same as when you open Recert directly.");
    ImGui::Spacing();
    if (ImGui::Button(ICON_EXTERNAL "  Open Recert in its own tab"))
        state.storage.choice = StorageChoice::open_tab;
    text_muted("Recert opens as its own page, where your browser lets it keep your records.");
    ImGui::Spacing();
    if (ImGui::Button(ICON_CLOCK "  Use it for this visit only"))
        state.storage.choice = StorageChoice::this_visit;
    text_muted("Nothing is kept when you leave this page. Export a backup before you go, and restore it next "
               "time to bring your records back.");
    ImGui::EndDisabled();
    if (!state.data.load_error.empty()) {
        ImGui::Spacing();
        status_text(palette().muted_text, state.data.load_error.c_str());
    }
}

void draw_storage_banner(AppState& state) {
    if (state.storage.where == StorageWhere::session_only) {
        status_text(palette().warning, ICON_WARNING "  This visit only: nothing you enter here is kept after you "
                                                    "leave this page.");
        if (primary_button(ICON_DOWNLOAD "  Export backup##session"))
            state.intents.push_back(ExportBackup{false});
        ImGui::SameLine();
        if (ImGui::Button(ICON_UPLOAD "  Restore backup##session"))
            state.intents.push_back(RestoreBackup{RestoreBackup::Step::pick});
        ImGui::Separator();
        return;
    }
    if (state.storage.where == StorageWhere::partitioned && !state.storage.partition_notice_dismissed) {
        status_text(palette().muted_text, ICON_INFO "  Records you keep inside this site are separate from "
                                                    "Recert opened directly. To move them, Export backup here "
                                                    "and Restore it there (File menu).");
        if (ImGui::Button("Got it##partition"))
            state.storage.partition_notice_dismissed = true;
        ImGui::Separator();
    }
}

const char* storage_where_words(StorageWhere where) {
    switch (where) {
    case StorageWhere::first_party: return "in this browser, on this device";
    case StorageWhere::partitioned:
        return "in this browser, separately for the site showing Recert (not shared with Recert opened directly)";
    case StorageWhere::blocked: return "nowhere: the browser refuses storage to Recert inside this page";
    case StorageWhere::session_only: return "only in this page, until you leave it (nothing is kept)";
    case StorageWhere::unknown: break;
    }
    return "being opened";
}

} // namespace recert::ui
