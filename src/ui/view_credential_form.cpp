// The Add / Edit credential dialog (pick body -> program -> certification date; the current
// cycle is prefilled from the pack's cycle rule) and the CPR/AED card dialog.
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <algorithm>
#include <string_view>

namespace recert::ui {
namespace {

// Bodies offered in the picker: one entry per body (the pack in force today), then "Custom".
std::vector<const core::RulePack*> bodies(const DataView& d) {
    std::vector<const core::RulePack*> out;
    if (!d.packs) return out;
    for (const core::RulePack& p : d.packs->packs) {
        if (std::any_of(out.begin(), out.end(), [&](const core::RulePack* q) { return q->body == p.body; })) continue;
        if (const core::RulePack* current = d.packs->find(p.body, d.today)) out.push_back(current);
    }
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->name < b->name; });
    return out;
}

// The cycle that contains `today` (or the first one, for a recent certification).
core::DateRange current_cycle(const core::CycleRule& rule, core::Date certified, core::Date today) {
    core::DateRange c = core::default_cycle(rule, certified);
    for (int guard = 0; guard < 200 && c.last < today; ++guard) c = core::next_cycle(rule, c);
    return c;
}

struct Built {
    core::Credential record;
    std::vector<core::FieldError> errors;
};

Built build(const AppState& state, const std::vector<const core::RulePack*>& packs) {
    const CredentialForm& f = state.credential_form;
    const DateStyle style = state.settings.date_style;
    Built b;
    b.record = f.base;
    b.record.id_number = f.id_number;
    const bool custom = f.body == static_cast<int>(packs.size());
    if (f.body < 0) b.errors.push_back({"body", "Choose a certifying body."});
    if (custom) {
        b.record.body = "custom";
        b.record.program = "custom";
        core::CustomProgram p;
        p.name = f.custom_name;
        p.cycle_months = f.custom_months;
        if (auto v = core::Credits::parse(f.custom_required)) p.required = *v;
        else if (!f.custom_required.empty()) b.errors.push_back({"custom_required", "Enter the credits required, e.g. 24."});
        if (auto m = core::Money::parse(f.custom_fee.empty() ? "0" : f.custom_fee)) p.renewal_fee = *m;
        else b.errors.push_back({"custom_fee", "Enter the fee like 60 or 60.00."});
        b.record.custom = p;
    } else if (f.body >= 0) {
        const core::RulePack* pack = packs[static_cast<std::size_t>(f.body)];
        b.record.body = pack->body;
        b.record.custom.reset();
        if (f.program >= 0 && f.program < static_cast<int>(pack->programs.size()))
            b.record.program = pack->programs[static_cast<std::size_t>(f.program)].id;
        else {
            b.record.program.clear();
            b.errors.push_back({"program", "Choose the program you hold."});
        }
    }
    auto certified = parse_date_input(f.certified_on, style, state.locale_date_style);
    auto start = parse_date_input(f.cycle_start, style, state.locale_date_style);
    auto end = parse_date_input(f.cycle_end, style, state.locale_date_style);
    const std::string hint = std::string("Enter a date like ") + date_hint(style) + ".";
    if (!certified) b.errors.push_back({"certified_on", hint});
    if (!start) b.errors.push_back({"cycle_start", hint});
    if (!end) b.errors.push_back({"cycle_end", hint});
    if (certified) b.record.certified_on = *certified;
    if (start && end) b.record.cycle = {*start, *end};
    if (b.errors.empty() && state.data.packs) {
        auto more = core::validate_credential(b.record, *state.data.packs, state.data.today);
        b.errors.insert(b.errors.end(), more.begin(), more.end());
    }
    return b;
}

void prefill_cycle(AppState& state, const std::vector<const core::RulePack*>& packs) {
    CredentialForm& f = state.credential_form;
    if (f.cycle_edited || f.body < 0) return;
    const auto certified = parse_date_input(f.certified_on, state.settings.date_style, state.locale_date_style);
    if (!certified) return;
    core::CycleRule rule;
    if (f.body == static_cast<int>(packs.size())) {
        rule.kind = core::CycleKind::fixed;
        rule.months = f.custom_months;
    } else {
        const core::RulePack* pack = packs[static_cast<std::size_t>(f.body)];
        if (f.program < 0 || f.program >= static_cast<int>(pack->programs.size())) return;
        rule = pack->programs[static_cast<std::size_t>(f.program)].cycle;
    }
    const core::DateRange c = current_cycle(rule, *certified, state.data.today);
    f.cycle_start = format_date(c.first, state.settings.date_style);
    f.cycle_end = format_date(c.last, state.settings.date_style);
}

// [SECTION] When a message shows

bool touched(const CredentialForm& f, std::string_view field) {
    return std::find(f.touched.begin(), f.touched.end(), field) != f.touched.end();
}

void touch(std::vector<std::string>& list, const char* field) {
    if (std::find(list.begin(), list.end(), field) == list.end()) list.emplace_back(field);
}

// Marks `field` once the item drawn last was edited (now) or left (from the next frame).
void touch_item(CredentialForm& f, const char* field, bool edited) {
    if (edited) touch(f.touched, field);
    else if (ImGui::IsItemDeactivated()) touch(f.touched_next, field);
}

// A field's messages, once the person has been there or pressed Save: nothing in red before they typed.
void errors_for(const CredentialForm& f, const std::vector<core::FieldError>& errors, const char* field) {
    if (f.submitted || touched(f, field)) field_errors(errors, field);
}

} // namespace

void open_credential_form(AppState& state, const core::Credential* existing) {
    CredentialForm& f = state.credential_form;
    f = CredentialForm{};
    f.open = true;
    const auto packs = bodies(state.data);
    const DateStyle style = state.settings.date_style;
    if (existing) {
        f.is_new = false;
        f.base = *existing;
        f.id_number = existing->id_number;
        f.certified_on = format_date(existing->certified_on, style);
        f.cycle_start = format_date(existing->cycle.first, style);
        f.cycle_end = format_date(existing->cycle.last, style);
        f.cycle_edited = true;
        if (existing->body == "custom" && existing->custom) {
            f.body = static_cast<int>(packs.size());
            f.custom_name = existing->custom->name;
            f.custom_required = existing->custom->required.to_short_string();
            f.custom_months = existing->custom->cycle_months;
            f.custom_fee = existing->custom->renewal_fee.to_string();
        }
        for (std::size_t i = 0; i < packs.size(); ++i) {
            if (packs[i]->body != existing->body) continue;
            f.body = static_cast<int>(i);
            for (std::size_t j = 0; j < packs[i]->programs.size(); ++j)
                if (packs[i]->programs[j].id == existing->program) f.program = static_cast<int>(j);
        }
    } else {
        f.base.id = new_uuid(state.data.generation);
        f.base.rev = 0;
    }
}

void draw_credential_dialog(AppState& state) {
    CredentialForm& f = state.credential_form;
    if (!begin_dialog("Credential", &f.open, 560.0f)) return;
    for (const std::string& field : f.touched_next) touch(f.touched, field.c_str());
    f.touched_next.clear();
    begin_dialog_body(); // the fields scroll; Save and Cancel stay on screen
    const auto packs = bodies(state.data);
    const bool custom = f.body == static_cast<int>(packs.size());

    text_plain("Certifying body");
    ImGui::SetNextItemWidth(-1);
    const char* body_preview = f.body < 0 ? "Choose…" : custom ? "Custom program" : packs[static_cast<std::size_t>(f.body)]->name.c_str();
    if (begin_combo("##body", body_preview, 0, "Certifying body")) {
        for (std::size_t i = 0; i < packs.size(); ++i) {
            if (ImGui::Selectable(packs[i]->name.c_str(), f.body == static_cast<int>(i))) {
                touch(f.touched, "body");
                f.body = static_cast<int>(i);
                f.program = packs[i]->programs.size() == 1 ? 0 : -1;
                prefill_cycle(state, packs);
            }
        }
        if (ImGui::Selectable("Custom program", custom)) {
            touch(f.touched, "body");
            f.body = static_cast<int>(packs.size());
            f.program = -1;
            prefill_cycle(state, packs);
        }
        end_combo();
    }
    Built b = build(state, packs);
    errors_for(f, b.errors, "body");

    if (f.body >= 0 && !custom) {
        const core::RulePack* pack = packs[static_cast<std::size_t>(f.body)];
        text_plain("Program");
        ImGui::SetNextItemWidth(-1);
        const char* prog_preview = f.program < 0 ? "Choose…" : pack->programs[static_cast<std::size_t>(f.program)].name.c_str();
        if (begin_combo("##program", prog_preview, 0, "Program")) {
            for (std::size_t j = 0; j < pack->programs.size(); ++j)
                if (ImGui::Selectable(pack->programs[j].name.c_str(), f.program == static_cast<int>(j))) {
                    touch(f.touched, "program");
                    f.program = static_cast<int>(j);
                    prefill_cycle(state, packs);
                }
            end_combo();
        }
        errors_for(f, b.errors, "program");
    } else if (custom) {
        touch_item(f, "custom_name",
                   labeled_input("Program name", "##custom_name", f.custom_name, "e.g. State massage therapy license"));
        required_field();
        errors_for(f, b.errors, "custom_name");
        touch_item(f, "custom_required",
                   labeled_input("Credits required per cycle", "##custom_required", f.custom_required, "e.g. 24"));
        required_field();
        errors_for(f, b.errors, "custom_required");
        text_plain("Cycle length (months)");
        ImGui::SetNextItemWidth(-1);
        const bool months_edited = ImGui::InputInt("##custom_months", &f.custom_months);
        if (months_edited) {
            f.custom_months = std::clamp(f.custom_months, 1, 120);
            prefill_cycle(state, packs);
        }
        touch_item(f, "custom_months", months_edited);
        errors_for(f, b.errors, "custom_months");
        touch_item(f, "custom_fee", labeled_input("Renewal fee (optional)", "##custom_fee", f.custom_fee, "e.g. 60.00"));
        errors_for(f, b.errors, "custom_fee");
    }

    const char* hint = date_hint(state.settings.date_style);
    const bool certified_edited = labeled_input("Certification date", "##certified_on", f.certified_on, hint);
    if (certified_edited) prefill_cycle(state, packs);
    // A date is judged when the person leaves the field (not at its first digit) or presses Save.
    touch_item(f, "certified_on", false);
    required_field();
    errors_for(f, b.errors, "certified_on");
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    ImGui::BeginGroup();
    if (labeled_input("Current cycle starts", "##cycle_start", f.cycle_start, hint, half)) f.cycle_edited = true;
    touch_item(f, "cycle_start", false);
    required_field();
    errors_for(f, b.errors, "cycle_start");
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    if (labeled_input("Cycle ends", "##cycle_end", f.cycle_end, hint, half)) f.cycle_edited = true;
    touch_item(f, "cycle_end", false);
    required_field();
    errors_for(f, b.errors, "cycle_end");
    ImGui::EndGroup();
    if (f.submitted || touched(f, "cycle_start") || touched(f, "cycle_end")) field_errors(b.errors, "cycle");
    if (!f.cycle_edited && !f.cycle_start.empty()) text_muted("Prefilled from the body's cycle rule; change it if your dates differ.");
    labeled_input("Certification number (optional)", "##id_number", f.id_number);
    end_dialog_body();

    ImGui::Spacing();
    const bool valid = b.errors.empty();
    if (!valid && f.submitted) text_colored_wrapped(palette().danger, "Not saved yet: fix the fields marked in red.");
    // Save stays pressable: pressed with problems, it shows every field's message instead of saving.
    ImGui::BeginDisabled(state.busy.active);
    if (primary_button("Save", 120.0f)) {
        if (valid) state.intents.push_back(SaveCredential{b.record, {}});
        else f.submitted = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(ui_px(100.0f), 0))) f.open = false;
    if (!f.is_new) {
        ImGui::SameLine();
        if (danger_button(ICON_TRASH " Delete")) {
            state.intents.push_back(DeleteCredential{f.base.id});
            f.open = false;
        }
    }
    if (!f.open) ImGui::CloseCurrentPopup();
    end_dialog();
}

// [SECTION] CPR/AED card

void open_cpr_form(AppState& state, const std::string& credential_id) {
    CprForm& f = state.cpr_form;
    f = CprForm{};
    f.open = true;
    f.credential_id = credential_id;
    for (const core::Credential& c : state.data.log.credentials) {
        if (c.id != credential_id) continue;
        for (const core::PrerequisiteDoc& p : c.prerequisites) {
            if (p.kind != "cpr_aed") continue;
            f.issued = format_date(p.issued, state.settings.date_style);
            f.expires = format_date(p.expires, state.settings.date_style);
            f.hands_on = p.hands_on;
        }
    }
}

void draw_cpr_dialog(AppState& state) {
    CprForm& f = state.cpr_form;
    if (!begin_dialog("CPR/AED card", &f.open, 520.0f)) return;
    const core::Credential* cred = nullptr;
    for (const core::Credential& c : state.data.log.credentials)
        if (c.id == f.credential_id) cred = &c;
    if (!cred) {
        f.open = false;
        ImGui::CloseCurrentPopup();
        end_dialog();
        return;
    }
    if (state.picked && state.picked_purpose == FilePurpose::cpr_card) {
        f.file = std::move(*state.picked);
        state.picked.reset();
    }
    text_muted("A current CPR/AED (or BLS/ACLS) card must be on file for each certification before you can renew.");
    const DateStyle style = state.settings.date_style;
    std::vector<core::FieldError> errors;
    const auto issued = parse_date_input(f.issued, style, state.locale_date_style);
    const auto expires = parse_date_input(f.expires, style, state.locale_date_style);
    const std::string hint = std::string("Enter a date like ") + date_hint(style) + ".";
    if (!issued) errors.push_back({"issued", hint});
    if (!expires) errors.push_back({"expires", hint});
    if (issued && expires && *expires <= *issued) errors.push_back({"expires", "The card expires before it was issued."});
    if (!f.file) errors.push_back({"file", "Attach a photo or PDF of the card."});

    labeled_input("Issued", "##issued", f.issued, date_hint(style));
    required_field();
    field_errors(errors, "issued");
    labeled_input("Expires", "##expires", f.expires, date_hint(style));
    required_field();
    field_errors(errors, "expires");
    ImGui::Checkbox("The course had a hands-on skills test", &f.hands_on);
    if (ImGui::Button(ICON_UPLOAD " Choose file…")) state.intents.push_back(RequestFile{FilePurpose::cpr_card, f.credential_id});
    ImGui::SameLine();
    if (f.file)
        text_fmt(ICON_FILE " %s", f.file->ref.name.c_str());
    else field_errors(errors, "file");
    if (!state.file_error.empty()) text_colored_wrapped(palette().danger, state.file_error.c_str());

    ImGui::Spacing();
    ImGui::BeginDisabled(!errors.empty() || state.busy.active);
    if (primary_button("Save card", 140.0f)) {
        core::Credential updated = *cred;
        std::erase_if(updated.prerequisites, [](const core::PrerequisiteDoc& p) { return p.kind == "cpr_aed"; });
        updated.prerequisites.push_back({"cpr_aed", *issued, *expires, f.hands_on, f.file->ref});
        state.intents.push_back(SaveCredential{updated, {*f.file}});
    }
    ImGui::EndDisabled();
    cancel_and_end_dialog(f.open);
}

} // namespace recert::ui
