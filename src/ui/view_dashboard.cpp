// The dashboard view: a tile per credential, modelled on ACSM's CEC dashboard (seeds 000/001):
// the speedometer ("100% 45 of 45"), body and program, cycle dates, days left, the status in the
// body's own words, category bars, this year's cap usage and the actions that apply. The empty
// state invites the person to add their first credential.
#include "core/explain.h"
#include "core/names.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace recert::ui {
namespace {

float tile_min_width() { return ui_px(360.0f); }

// The height each credential's tile took last frame, by credential id (draw_dashboard).
std::unordered_map<std::string, float> tile_needs;

// The height a tile needs for its content (ImGui 1.86 child windows cannot size to content).
float tile_height(const AppState& state, std::size_t c) {
    const core::CredentialResult& r = state.data.evaluation.credentials[c];
    const float line = ImGui::GetTextLineHeightWithSpacing();
    float h = ui_px(136.0f) + 5.0f * line + 2.0f * ImGui::GetStyle().WindowPadding.y + ui_px(8.0f); // header, gauge, cycle, actions
    h += static_cast<float>(core::status_lines(r).size()) * line * 1.35f;      // may wrap
    h += static_cast<float>(r.categories.size()) * (line + ui_px(14.0f));
    for (const core::CapUsage& cu : r.caps)
        if (cu.year == 0 || cu.year == state.data.today.year()) h += line;
    if (!r.pending.is_zero()) h += line;
    h += static_cast<float>(core::missing_minimums(r).size() + 2) * line * 1.35f; // remaining, window, may wrap
    if (state.explain_credential == state.data.log.credentials[c].id) h += ui_px(160.0f);
    return h;
}

void draw_empty_state(AppState& state) {
    const float inner = begin_empty_card(state, "empty_state", 250.0f, ICON_CERTIFICATE,
                                         "No credentials yet \xe2\x80\x94 add one to start tracking");
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted_text);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
    text_wrapped("Pick your certifying body and program; Recert fills in the cycle and shows what you "
                 "still need, and by when.");
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    if (end_empty_card(ICON_PLUS "  Add credential", inner)) open_credential_form(state, nullptr);
}

const char* status_color_key(core::CredentialStatus s, ImVec4& out) {
    const Palette& p = palette();
    switch (s) {
    case core::CredentialStatus::ready_to_renew:
    case core::CredentialStatus::renewed: out = p.success; return "ok";
    case core::CredentialStatus::prerequisite_missing:
    case core::CredentialStatus::grace_period: out = p.warning; return "warn";
    case core::CredentialStatus::lapsed:
    case core::CredentialStatus::unknown_program: out = p.danger; return "bad";
    case core::CredentialStatus::in_progress:
    case core::CredentialStatus::record_only: break;
    }
    out = p.muted_text;
    return "";
}

bool in_cart(const AppState& state, const std::string& id) {
    return std::find(state.cart.begin(), state.cart.end(), id) != state.cart.end();
}

void draw_explanations(AppState& state, std::size_t c) {
    const DataView& d = state.data;
    ImGui::BeginChild("explanations", ImVec2(0, ui_px(150)), true);
    const auto rows = d.evaluation.for_credential(c);
    int shown = 0;
    for (const core::Explanation& e : rows) {
        if (e.reason == core::Reason::before_window || e.reason == core::Reason::after_window) continue;
        const std::string text = core::describe(e, d.evaluation, d.log.activities, d.log.credentials);
        ImGui::Bullet();
        text_wrapped("%s \xe2\x80\x94 %s", d.log.activities[e.activity].title.c_str(), text.c_str());
        if (++shown >= 200) {
            text_muted("Showing the first 200; the Activities tab lists every entry.");
            break;
        }
    }
    if (shown == 0) text_muted("No activity falls inside this cycle yet.");
    ImGui::EndChild();
}

void draw_tile(AppState& state, std::size_t c) {
    const DataView& d = state.data;
    const core::Credential& cred = d.log.credentials[c];
    const core::CredentialResult& r = d.evaluation.credentials[c];
    const Palette& p = palette();
    const std::string unit = r.pack ? r.pack->unit : "";

    // Header: program and body.
    if (state.fonts.strong) ImGui::PushFont(state.fonts.strong);
    const std::string full_name = r.program ? r.program->name : core::credential_full_name(cred, r.pack);
    const char* program_name = full_name.c_str();
    ImGui::TextWrapped("%s", program_name);
    if (SemNode* n = sem_node(Role::heading, program_name))
        n->level = 3;
    if (state.fonts.strong) ImGui::PopFont();
    text_muted("%s%s%s", core::body_display_name(cred, r.pack).c_str(), cred.id_number.empty() ? "" : " \xc2\xb7 #",
               cred.id_number.c_str());
    if (r.status == core::CredentialStatus::unknown_program) {
        text_colored_wrapped(p.danger, r.problem.c_str());
        return;
    }

    if (r.required.is_zero()) {
        // No credit total (ASM's transcript, NAAEI CAMT): no gauge, say what the program asks for.
        if (state.fonts.strong) ImGui::PushFont(state.fonts.strong);
        text_wrapped("%s", core::requirement_text(r).c_str());
        if (state.fonts.strong) ImGui::PopFont();
    } else {
        // Gauge with the seed's wording: "100%" over "45 of 45" (never 100% while a category minimum is unmet).
        const float radius = ui_px(62.0f);
        const float inner = ImGui::GetContentRegionAvail().x;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (inner - radius * 2.0f) * 0.5f);
        char big[16], small[64];
        std::snprintf(big, sizeof big, "%d%%", r.percent);
        std::snprintf(small, sizeof small, "%s of %s %s", r.toward_required.to_short_string().c_str(),
                      r.required.to_short_string().c_str(), unit.c_str());
        const float fraction = static_cast<float>(r.percent) / 100.0f;
        draw_gauge(state, fraction, big, small, radius, "Credits toward renewal");
        const std::string remaining = core::remaining_text(r);
        if (!remaining.empty()) {
            if (state.fonts.strong) ImGui::PushFont(state.fonts.strong);
            centered_text(remaining.c_str(), ImGui::GetContentRegionAvail().x);
            if (state.fonts.strong) ImGui::PopFont();
        }
        for (const std::string& m : core::missing_minimums(r))
            text_colored_wrapped(p.warning, m.c_str());
    }

    // Cycle, days left, totals.
    text_fmt(ICON_CALENDAR " %s \xe2\x80\x93 %s",
             format_date(r.cycle.first, state.settings.date_style).c_str(),
             format_date(r.cycle.last, state.settings.date_style).c_str());
    if (r.days_left >= 0) text_muted("%d days left \xc2\xb7 total %s", r.days_left, format_credits(r.applied, unit).c_str());
    else text_muted("Cycle ended %d days ago \xc2\xb7 total %s", -r.days_left, format_credits(r.applied, unit).c_str());
    if (!r.pending.is_zero()) text_muted("+%s pending", format_credits(r.pending, unit).c_str());
    // Which credits count when it is not the cycle itself (NAAEI: the previous calendar year's).
    if (r.window != r.cycle) {
        const bool one_year = r.window.first.year() == r.window.last.year() && r.window.first.month() == 1 &&
                              r.window.first.day() == 1 && r.window.last.month() == 12 && r.window.last.day() == 31;
        if (one_year)
            text_muted("Only credits earned in %d count toward this renewal", r.window.first.year());
        else
            text_muted("Only credits earned %s \xe2\x80\x93 %s count toward this renewal",
                       format_date(r.window.first, state.settings.date_style).c_str(),
                       format_date(r.window.last, state.settings.date_style).c_str());
    }

    // Status in the body's words.
    ImVec4 color;
    status_color_key(r.status, color);
    const auto lines = core::status_lines(r);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i == 0 && state.fonts.strong) ImGui::PushFont(state.fonts.strong);
        text_colored_wrapped(i == 0 ? color : (i == 1 ? p.warning : p.muted_text), lines[i].c_str());
        if (i == 0 && state.fonts.strong) ImGui::PopFont();
    }

    // Category bars (minimums / maximums) and this year's caps.
    for (const core::CategoryProgress& cp : r.categories) {
        const core::Category& cat = r.pack->categories[static_cast<std::size_t>(cp.category)];
        const core::Credits goal = cp.max ? *cp.max : (cp.min ? *cp.min : r.required);
        const float f = goal.hundredths() > 0 ? static_cast<float>(cp.applied.hundredths()) / static_cast<float>(goal.hundredths()) : 0.0f;
        const float marker = (cp.min && cp.max && cp.max->hundredths() > 0)
                                 ? static_cast<float>(cp.min->hundredths()) / static_cast<float>(cp.max->hundredths())
                                 : -1.0f;
        char label[160];
        std::snprintf(label, sizeof label, "%s: %s%s%s%s%s", cat.name.c_str(), cp.applied.to_short_string().c_str(),
                      cp.min ? " (min " : "", cp.min ? cp.min->to_short_string().c_str() : "", cp.min ? ")" : "",
                      cp.max ? (" max " + cp.max->to_short_string()).c_str() : "");
        text_plain(label);
        progress_bar(f, ImGui::GetContentRegionAvail().x, ui_px(6.0f), cp.met ? p.success : p.accent_ink, marker,
                     cat.name.c_str(), label);
    }
    for (const core::CapUsage& cu : r.caps) {
        if (cu.year != 0 && cu.year != d.today.year()) continue;
        const core::Cap& cap = r.pack->caps[static_cast<std::size_t>(cu.cap)];
        text_muted("%s: %s of %s %s", cap.label.c_str(), cu.used.to_short_string().c_str(), cu.max.to_short_string().c_str(),
                   cu.year ? "this year" : "this cycle");
    }

    // Actions that apply.
    ImGui::Spacing();
    ImGui::PushID(static_cast<int>(c));
    if (r.prerequisite != core::PrerequisiteIssue::none) {
        if (primary_button(ICON_UPLOAD " Upload CPR card")) open_cpr_form(state, cred.id);
        ImGui::SameLine();
    }
    if (r.status == core::CredentialStatus::ready_to_renew || r.status == core::CredentialStatus::grace_period) {
        if (!in_cart(state, cred.id)) {
            if (primary_button(ICON_CART " Renew")) {
                state.cart.push_back(cred.id);
                notify(state, "Added to your renewal cart");
            }
        } else if (ImGui::Button(ICON_TIMES " Remove from cart")) {
            std::erase(state.cart, cred.id);
        }
        ImGui::SameLine();
    }
    const bool open = state.explain_credential == cred.id;
    if (ImGui::Button(open ? "Hide explanations" : "Explanations")) state.explain_credential = open ? "" : cred.id;
    ImGui::SameLine();
    const bool edit = ImGui::Button(ICON_PENCIL "##edit");
    name_item(Role::button, "Edit this credential");
    if (edit)
        open_credential_form(state, &cred);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Edit this credential");
    if (open) draw_explanations(state, c);
    ImGui::PopID();
}

} // namespace

void draw_dashboard(AppState& state) {
    const DataView& d = state.data;
    draw_backup_banner(state);
    heading(state, "Your credentials", 2);
    if (d.log.credentials.empty()) {
        text_muted(state.storage.where == StorageWhere::session_only
                       ? "Continuing-education credits, checked against each certifying body's rules. "
                         "Nothing leaves this page, and nothing stays after it."
                       : "Continuing-education credits, checked against each certifying body's rules. "
                         "Everything stays on this device.");
        draw_empty_state(state);
        return;
    }
    if (primary_button(ICON_PLUS " Add activity")) open_activity_form(state, nullptr);
    ImGui::SameLine();
    if (ImGui::Button(ICON_PLUS " Add credential")) open_credential_form(state, nullptr);
    if (!state.cart.empty()) {
        ImGui::SameLine();
        if (primary_button(ICON_CART " Complete recertification")) {
            state.view = View::renewal;
            state.view_changed = true;
        }
    }
    ImGui::Spacing();

    const float avail = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int columns = std::max(1, static_cast<int>((avail + spacing) / (tile_min_width() + spacing)));
    const float tile_w = (avail - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const std::size_t n = d.log.credentials.size();
    const std::size_t cols = static_cast<std::size_t>(columns);
    float row_h = 0.0f;
    for (std::size_t c = 0; c < n; ++c) {
        if (c % cols != 0) {
            ImGui::SameLine();
        } else { // tiles of one row share the tallest one's height
            row_h = 0.0f;
            for (std::size_t k = c; k < std::min(n, c + cols); ++k)
                row_h = std::max({row_h, tile_height(state, k), tile_needs[d.log.credentials[k].id]});
        }
        char id[32];
        std::snprintf(id, sizeof id, "tile%zu", c);
        ImGui::BeginChild(id, ImVec2(tile_w, row_h), true, ImGuiWindowFlags_NoScrollbar);
        const core::CredentialResult& r = d.evaluation.credentials[c];
        sem_begin(Role::group, r.program ? r.program->name : core::credential_full_name(d.log.credentials[c], r.pack), id);
        draw_tile(state, c);
        sem_end();
        // What the content took (text wraps more at a larger UI scale than tile_height() knows):
        // the next frame's tile is at least that tall.
        tile_needs[d.log.credentials[c].id] =
            ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + ImGui::GetStyle().WindowPadding.y;
        ImGui::EndChild();
    }
}

} // namespace recert::ui
