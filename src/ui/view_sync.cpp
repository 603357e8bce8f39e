// Settings › Sync with a provider (issue #7): the provider's address and client id, sign-in, "Sync
// now" with progress and the last-synced time, self-reports waiting to be sent, incoming items that
// look like entries already recorded (import or skip: never merged automatically), and errors in
// plain words. A view of AppState::sync; every action is a SyncIntent for the app layer.
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"

#include <string>

namespace recert::ui {
namespace {

void section(AppState& state, const char* title) {
    ImGui::Spacing();
    subheading(state, title);
}

// "2025-03-01T10:00:00Z" -> "2025-03-01 10:00 UTC".
std::string when(const std::string& iso) {
    if (iso.size() < 16) return iso;
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

void draw_held(AppState& state) {
    SyncView& s = state.sync;
    section(state, "Incoming items to review");
    text_muted("%zu item%s from the provider look%s like activities you already recorded. Nothing is merged "
               "automatically: import each one as a separate entry, or skip it.", s.held.size(),
               s.held.size() == 1 ? "" : "s", s.held.size() == 1 ? "s" : "");
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!begin_table("Held items", "held", 3, flags))
        return;
    ImGui::TableSetupColumn("From the provider", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Looks like your entry", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9.5f);
    table_headers_row();
    for (const SyncHeldItem& h : s.held) {
        ImGui::PushID(h.external_id.c_str());
        table_next_row();
        ImGui::TableNextColumn();
        text_wrapped("%s", h.title.c_str());
        text_muted("%s", h.detail.c_str());
        ImGui::TableNextColumn();
        text_wrapped("%s", h.local_title.c_str());
        ImGui::TableNextColumn();
        ImGui::BeginDisabled(s.running);
        if (ImGui::Button(("Import##" + h.external_id).c_str()))
            state.intents.push_back(SyncIntent{SyncAction::accept_held, h.external_id});
        ImGui::SameLine();
        if (ImGui::Button(("Skip##" + h.external_id).c_str()))
            state.intents.push_back(SyncIntent{SyncAction::reject_held, h.external_id});
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    end_table();
}

} // namespace

void draw_sync_settings(AppState& state) {
    SyncView& s = state.sync;
    ImGui::Spacing();
    ImGui::Separator();
    section(state, ICON_REFRESH "  Sync with a provider");
    if (state.reveal_sync > 0) { // just back from signing in: this section at the top of the view
        ImGui::SetScrollHereY(0.0f);
        --state.reveal_sync;
    }
    text_muted("Bring in completions and certificates from a CE provider, and send it your self-reported "
               "activities. The provider stays the source of truth for its records; nothing is deleted here.");
    if (!s.available) {
        ImGui::Spacing();
        text_colored_wrapped(palette().warning, (ICON_INFO "  " + (s.unavailable_reason.empty()
                                                                      ? std::string("Sync is not available here.")
                                                                      : s.unavailable_reason)).c_str());
        ImGui::BeginDisabled();
        ImGui::Button("Sync now##sync");
        ImGui::EndDisabled();
        return;
    }

    const float field = ImGui::GetFontSize() * 24.0f;
    ImGui::BeginDisabled(s.running);
    // The providers this Recert was set up with: one click fills in the address and client id and
    // looks the provider up; typing them stays possible.
    if (!s.known.empty()) {
        text_muted("Providers set up for this Recert:");
        for (std::size_t i = 0; i < s.known.size(); ++i) {
            const SyncKnownProvider& k = s.known[i];
            if (i > 0) ImGui::SameLine();
            if (ImGui::Button(("Use " + k.name + "##known" + std::to_string(i)).c_str())) {
                s.base_url = k.address;
                s.client_id = k.client_id;
                state.intents.push_back(SyncIntent{SyncAction::save_provider, {}});
            }
        }
        text_muted("Or enter another provider:");
    }
    if (!s.known_note.empty()) text_colored_wrapped(palette().warning, (ICON_INFO "  " + s.known_note).c_str());
    labeled_input("Provider address", "##sync_base_url", s.base_url, "https://ce.example.org/api", field);
    labeled_input("Client id", "##sync_client_id", s.client_id, "the id the provider registered for Recert", field * 0.6f);
    if (ImGui::Button("Save provider##sync")) state.intents.push_back(SyncIntent{SyncAction::save_provider, {}});
    ImGui::EndDisabled();

    ImGui::Spacing();
    if (s.signed_in) {
        text_colored(palette().success, ICON_CHECK "  Signed in as %s",
                     s.account.empty() ? "…" : s.account.c_str());
        ImGui::SameLine();
        ImGui::BeginDisabled(s.running);
        if (small_button("Sign out##sync")) state.intents.push_back(SyncIntent{SyncAction::sign_out, {}});
        ImGui::EndDisabled();
    } else {
        text_muted("Not signed in. Sign-in happens on the provider's own page; Recert keeps the access only "
                   "in this tab's memory, never in storage or backups.");
        ImGui::BeginDisabled(!s.configured || s.running);
        if (primary_button("Sign in with the provider##sync")) state.intents.push_back(SyncIntent{SyncAction::sign_in, {}});
        ImGui::EndDisabled();
    }
    // Off: the sign-in lasts as long as this tab. On: the renewal token is kept in this browser next
    // to a key that cannot be copied out of it, so the provider accepts it only from here.
    bool stay = s.stay_signed_in;
    ImGui::BeginDisabled(!s.can_stay_signed_in);
    if (ImGui::Checkbox("Stay signed in on this device##sync", &stay))
        state.intents.push_back(SyncIntent{SyncAction::stay_signed_in, stay ? "1" : "0"});
    ImGui::EndDisabled();
    if (!s.can_stay_signed_in && s.configured)
        text_muted("This provider does not bind its sign-ins to this browser (DPoP), so Recert keeps them only "
                   "while the tab is open.");
    else if (s.stay_signed_in)
        text_muted("You stay signed in after a reload. Only this browser can use the sign-in; Sign out ends it.");

    ImGui::Spacing();
    ImGui::BeginDisabled(!s.signed_in || s.running);
    if (primary_button(ICON_REFRESH "  Sync now##sync")) state.intents.push_back(SyncIntent{SyncAction::sync_now, {}});
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (s.last_synced.empty()) text_muted(ICON_CLOCK "  Never synced");
    else text_muted(ICON_CLOCK "  Last synced %s", when(s.last_synced).c_str());

    if (s.running) {
        progress_bar(s.progress, field, ImGui::GetFontSize() * 0.45f, palette().accent_ink, -1.0f,
                     "Sync progress");
        text_muted("%s", s.step.empty() ? "Working…" : s.step.c_str());
    }
    if (!s.error.empty()) text_colored_wrapped(palette().danger, (ICON_WARNING "  " + s.error).c_str());
    else if (!s.result.empty() && !s.running) text_colored_wrapped(palette().success, (ICON_CHECK "  " + s.result).c_str());

    section(state, "Self-reports for the provider");
    if (!s.configured) {
        text_muted("Once a provider is set up above, your self-reported activities can be sent to it.");
    } else if (s.queueable > 0) {
        text_muted("%d self-reported activit%s not sent to this provider yet.", s.queueable, s.queueable == 1 ? "y is" : "ies are");
        ImGui::BeginDisabled(s.running);
        if (ImGui::Button(ICON_UPLOAD "  Queue for sending##sync")) state.intents.push_back(SyncIntent{SyncAction::queue_self_reports, {}});
        ImGui::EndDisabled();
    } else {
        text_muted("Every self-reported activity has been sent or queued.");
    }
    int refused = 0;
    for (const SyncQueuedItem& q : s.outbox) refused += !q.refused.empty();
    const int waiting = static_cast<int>(s.outbox.size()) - refused;
    if (waiting > 0) text_muted("%d waiting to be sent with the next sync (kept on this device until the provider confirms).", waiting);
    for (const SyncQueuedItem& q : s.outbox)
        if (!q.refused.empty())
            text_colored_wrapped(palette().warning, (ICON_WARNING "  Refused: " + q.title + " — " + q.refused).c_str());

    if (!s.held.empty()) draw_held(state);
}

} // namespace recert::ui
