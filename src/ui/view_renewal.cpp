// Renewal: the cart (Description, Qty, Unit Price, Total Price — full fee per credential, as in
// seed 000), the "Complete recertification" checklist, and recording a renewal, which starts the
// next cycle and keeps the closed one in the credential's history.
#include "core/explain.h"
#include "core/names.h"
#include "core/renewal.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"

#include <algorithm>

namespace recert::ui {
namespace {

int index_of(const DataView& d, const std::string& id) {
    for (std::size_t i = 0; i < d.log.credentials.size(); ++i)
        if (d.log.credentials[i].id == id) return static_cast<int>(i);
    return -1;
}

// The program's name as people know it ("ACSM Certified Personal Trainer"), never its id.
std::string program_name(const DataView& d, std::size_t c) {
    const core::CredentialResult* r = c < d.evaluation.credentials.size() ? &d.evaluation.credentials[c] : nullptr;
    return r && r->program ? r->program->name : d.log.credentials[c].program;
}

void check_line(bool ok, const char* text) {
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_Text, ok ? p.success : p.danger);
    text_plain(ok ? ICON_CHECK : ICON_TIMES);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    text_wrapped("%s", text);
}

void draw_cart(AppState& state) {
    const DataView& d = state.data;
    const core::Cart cart = core::build_cart(d.evaluation, d.log.credentials, state.cart);
    if (begin_table("Renewal cart", "cart", 5,
                    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter)) {
        ImGui::TableSetupColumn("Description", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Qty", ImGuiTableColumnFlags_WidthFixed, 40.0f);
        ImGui::TableSetupColumn("Unit Price", ImGuiTableColumnFlags_WidthFixed, 90.0f);
        ImGui::TableSetupColumn("Total Price", ImGuiTableColumnFlags_WidthFixed, 90.0f);
        ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed, 36.0f);
        table_headers_row();
        for (std::size_t i = 0; i < cart.lines.size(); ++i) {
            const core::CartLine& line = cart.lines[i];
            table_next_row();
            ImGui::TableNextColumn();
            text_plain(line.description.c_str());
            ImGui::TableNextColumn();
            text_fmt("%d", line.qty);
            // A fee the body does not publish is not $0.00: say so (NAAEI's is on the member's invoice).
            ImGui::TableNextColumn();
            text_plain(line.price_listed ? line.unit_price.to_display().c_str() : "Not listed");
            ImGui::TableNextColumn();
            text_plain(line.price_listed ? line.total.to_display().c_str() : "Not listed");
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(i));
            const bool first_line_of_credential =
                i == 0 || cart.lines[i - 1].credential_id != line.credential_id;
            if (first_line_of_credential && small_button(ICON_TIMES "##remove")) std::erase(state.cart, line.credential_id);
            ImGui::PopID();
        }
        table_next_row();
        ImGui::TableNextColumn();
        if (state.fonts.strong) ImGui::PushFont(state.fonts.strong);
        text_plain("Total");
        ImGui::TableSetColumnIndex(3);
        // Listed fees only; where none is listed the total is not "$0.00".
        const std::string total = !cart.unlisted ? cart.total.to_display()
                                  : cart.total > core::Money() ? cart.total.to_display() + " + not listed"
                                                               : std::string("Not listed");
        text_plain(total.c_str());
        if (state.fonts.strong) ImGui::PopFont();
        end_table();
    }
    if (cart.unlisted)
        text_muted("The total leaves out the fees a body does not publish: check your invoice or ask the body.");
}

void draw_checklist(AppState& state, std::size_t c) {
    const DataView& d = state.data;
    const core::Credential& cred = d.log.credentials[c];
    const core::CredentialResult& r = d.evaluation.credentials[c];
    ImGui::PushID(static_cast<int>(c));
    subheading(state, core::credential_full_name(cred, r.pack).c_str());
    // Only what this body requires: its credits and each prerequisite its pack lists (NAAEI has none).
    check_line(r.credits_complete, ("Credits complete: " + core::progress_text(r)).c_str());
    if (r.pack)
        for (std::size_t k = 0; k < r.pack->prerequisites.size(); ++k) {
            const core::Prerequisite& pq = r.pack->prerequisites[k];
            const bool ok = r.prerequisite == core::PrerequisiteIssue::none || r.prerequisite_index != static_cast<int>(k);
            check_line(ok, ("Current " + pq.label + (pq.upload_required ? " uploaded" : " on file")).c_str());
        }
    if (r.fee_listed) check_line(true, core::fee_text(r).c_str());
    else text_muted("%s", core::fee_text(r).c_str());
    if (r.pack && !r.pack->sources.empty() && !r.pack->sources.front().url.empty())
        text_muted("Pay and submit on the body's site: %s", r.pack->sources.front().url.c_str());
    if (primary_button("Record renewal…")) open_renewal_form(state, cred.id);
    ImGui::PopID();
    ImGui::Separator();
}

} // namespace

void open_renewal_form(AppState& state, const std::string& credential_id) {
    RenewalForm& f = state.renewal_form;
    f = RenewalForm{};
    f.open = true;
    f.credential_id = credential_id;
    f.renewed_on = format_date(state.data.today, state.settings.date_style);
    const int c = index_of(state.data, credential_id);
    if (c >= 0) {
        const core::CredentialResult& r = state.data.evaluation.credentials[static_cast<std::size_t>(c)];
        if (r.fee_listed) f.amount = r.fee_due.to_string(); // else left for the person to type from the invoice
    }
}

void draw_renewal(AppState& state) {
    const DataView& d = state.data;
    heading(state, "Renewal");
    if (state.cart.empty()) {
        text_muted("Your cart is empty. A credential's Renew button appears on the dashboard when all credits "
                   "are in and whatever else its body asks for (a CPR/AED card at ACSM) is on file.");
        for (std::size_t c = 0; c < d.log.credentials.size(); ++c) {
            const auto s = d.evaluation.credentials[c].status;
            if (s != core::CredentialStatus::ready_to_renew && s != core::CredentialStatus::grace_period) continue;
            ImGui::PushID(static_cast<int>(c));
            bullet_text("%s is ready to renew",
                        core::credential_full_name(d.log.credentials[c], d.evaluation.credentials[c].pack).c_str());
            ImGui::SameLine();
            if (small_button("Add to cart")) state.cart.push_back(d.log.credentials[c].id);
            ImGui::PopID();
        }
    } else {
        draw_cart(state);
        ImGui::Spacing();
        heading(state, "Complete recertification");
        text_muted("Pay the fee on the body's own site, then record the renewal here: Recert starts the next "
                   "cycle and keeps this one, with its activities, in the history.");
        ImGui::Spacing();
        for (const std::string& id : std::vector<std::string>(state.cart)) {
            const int c = index_of(d, id);
            if (c >= 0) draw_checklist(state, static_cast<std::size_t>(c));
        }
    }

    ImGui::Spacing();
    heading(state, "History");
    bool any = false;
    for (std::size_t c = 0; c < d.log.credentials.size(); ++c) {
        const core::Credential& cred = d.log.credentials[c];
        const core::RulePack* pack = c < d.evaluation.credentials.size() ? d.evaluation.credentials[c].pack : nullptr;
        // "ACSM Certified Personal Trainer (American College of Sports Medicine): cycle …"
        const std::string name = core::credential_full_name(cred, pack), body = core::body_display_name(cred, pack);
        const std::string who = body == name ? name : name + " (" + body + ")";
        for (const core::RenewalRecord& h : cred.history) {
            any = true;
            bullet_text("%s: cycle %s \xe2\x80\x93 %s renewed on %s for %s%s", who.c_str(),
                        format_date(h.cycle.first, state.settings.date_style).c_str(),
                        format_date(h.cycle.last, state.settings.date_style).c_str(),
                        format_date(h.renewed_on, state.settings.date_style).c_str(),
                        h.amount.to_display().c_str(), h.receipt ? " (receipt on file)" : "");
        }
    }
    if (!any) text_muted("No renewal recorded yet.");
}

void draw_renewal_dialog(AppState& state) {
    RenewalForm& f = state.renewal_form;
    if (!begin_dialog("Record renewal", &f.open, 480.0f)) return;
    // Which credential this records: its name and body, never its id.
    if (const int c = index_of(state.data, f.credential_id); c >= 0) {
        const core::Credential& cred = state.data.log.credentials[std::size_t(c)];
        const core::RulePack* pack = std::size_t(c) < state.data.evaluation.credentials.size()
                                         ? state.data.evaluation.credentials[std::size_t(c)].pack
                                         : nullptr;
        text_wrapped("Renewal of %s (%s), cycle %s \xe2\x80\x93 %s. The next cycle starts when it is recorded.",
                     core::credential_full_name(cred, pack).c_str(), core::body_display_name(cred, pack).c_str(),
                     format_date(cred.cycle.first, state.settings.date_style).c_str(),
                     format_date(cred.cycle.last, state.settings.date_style).c_str());
        ImGui::Spacing();
    }
    if (state.picked && state.picked_purpose == FilePurpose::renewal_receipt) {
        f.receipt = std::move(*state.picked);
        state.picked.reset();
    }
    std::vector<core::FieldError> errors;
    const auto day = parse_date_input(f.renewed_on, state.settings.date_style, state.locale_date_style);
    const auto amount = core::Money::parse(f.amount);
    if (!day) errors.push_back({"renewed_on", std::string("Enter a date like ") + date_hint(state.settings.date_style) + "."});
    else if (state.data.today < *day) errors.push_back({"renewed_on", "The renewal date is in the future."});
    if (!amount) errors.push_back({"amount", "Enter the amount paid, like 60.00."});
    labeled_input("Renewed on", "##renewed_on", f.renewed_on, date_hint(state.settings.date_style));
    required_field();
    field_errors(errors, "renewed_on");
    labeled_input("Amount paid (USD)", "##renewal_amount", f.amount, "60.00");
    required_field();
    field_errors(errors, "amount");
    if (ImGui::Button(ICON_UPLOAD " Attach receipt…"))
        state.intents.push_back(RequestFile{FilePurpose::renewal_receipt, f.credential_id});
    if (f.receipt) {
        ImGui::SameLine();
        text_fmt(ICON_FILE " %s", f.receipt->ref.name.c_str());
    }
    ImGui::Spacing();
    ImGui::BeginDisabled(!errors.empty() || state.busy.active);
    if (primary_button("Record renewal", 160.0f))
        state.intents.push_back(RecordRenewal{f.credential_id, *day, *amount, f.receipt});
    ImGui::EndDisabled();
    cancel_and_end_dialog(f.open);
}

} // namespace recert::ui
