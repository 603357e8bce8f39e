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

void draw_embed_consent(AppState& state) {
    EmbedConsent& c = state.embed_consent;
    if (!c.asking) return;
    bool open = true;
    if (!begin_dialog("Allow this site to add to your records?", &open, 520.0f)) return;
    text_wrapped("%s, the page Recert is shown in, asks to add activities to your continuing-education log "
                 "and to start backup downloads.", c.host.c_str());
    text_muted("Recert asks once for each site. You can change your answer in Settings.");
    ImGui::Spacing();
    const auto answer = [&](EmbedConsent::Decision d) {
        c.decision = d;
        c.asking = false;
        c.answered = true;
        ImGui::CloseCurrentPopup();
    };
    if (primary_button("Allow", 120.0f)) answer(EmbedConsent::Decision::allowed);
    ImGui::SameLine();
    if (ImGui::Button("Don't allow", ImVec2(120.0f, 0.0f)) || !open) answer(EmbedConsent::Decision::denied);
    end_dialog();
}

void draw_embed_consent_settings(AppState& state) {
    EmbedConsent& c = state.embed_consent;
    if (c.host.empty()) return;
    subheading(state, "The page Recert is shown in");
    text_wrapped("%s", c.host.c_str());
    if (c.trusted) {
        text_muted("Your organization's Recert set-up lets this site add activities and start backups.");
        return;
    }
    // What was decided, and the one button that takes it back to "ask me".
    const auto decided = [&](const char* words, const char* button) {
        text_wrapped("%s", words);
        if (ImGui::Button(button)) {
            c.decision = EmbedConsent::Decision::ask;
            c.answered = true;
        }
    };
    if (c.decision == EmbedConsent::Decision::allowed)
        decided("Allowed to add activities to your records and start backup downloads.", "Stop allowing##embed_consent");
    else if (c.decision == EmbedConsent::Decision::denied)
        decided("Not allowed to add activities or start downloads.", "Ask me again##embed_consent");
    else
        text_muted("Recert asks you the first time this site wants to add activities or start a download.");
}

} // namespace recert::ui
