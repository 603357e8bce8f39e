// The planner: what each credential still needs (in total and per category), by when and at what
// pace per month, and "what if I take this course?" answered by the core's what_if().
#include "core/explain.h"
#include "core/names.h"
#include "core/planner.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"
#include "imgui_stdlib.h"

namespace recert::ui {
namespace {

// The last what-if result, kept until the inputs or the data change.
struct WhatIfCache {
    std::uint64_t generation = ~0ull;
    std::string key;
    std::vector<core::WhatIfDelta> deltas;
    std::string error;
};
WhatIfCache g_what_if;

std::string credential_name(const DataView& d, std::size_t c) {
    return core::credential_short_name(d.log.credentials[c], d.evaluation.credentials[c].pack);
}

} // namespace

void draw_planner(AppState& state) {
    const DataView& d = state.data;
    heading(state, "What do I still need?");
    if (d.plan.empty()) {
        text_muted("Add a credential on the Dashboard to see what it still needs.");
        return;
    }
    if (begin_table("Still needed", "plan", 5,
                    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable)) {
        ImGui::TableSetupColumn("Credential", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Still needed", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Deadline", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Pace", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Also needed", ImGuiTableColumnFlags_WidthStretch, 2.2f);
        table_headers_row();
        for (const core::PlanItem& item : d.plan) {
            const core::CredentialResult& r = d.evaluation.credentials[item.credential];
            const std::string unit = r.pack ? r.pack->unit : "";
            table_next_row();
            ImGui::TableNextColumn();
            text_wrapped("%s", credential_name(d, item.credential).c_str());
            ImGui::TableNextColumn();
            // "Complete" only when the credits are (ASM's transcript has no total; NSCA may still lack a category).
            if (r.required.is_zero())
                text_muted(r.status == core::CredentialStatus::record_only ? "No credit total" : "None required");
            else if (r.credits_complete)
                text_colored(palette().success, ICON_CHECK " Complete");
            else if (item.remaining.is_zero())
                text_plain("Total reached");
            else
                text_plain(format_credits(item.remaining, unit).c_str());
            if (!item.pending.is_zero()) text_muted("+%s pending", item.pending.to_short_string().c_str());
            ImGui::TableNextColumn();
            text_plain(format_date(item.deadline, state.settings.date_style).c_str());
            text_muted(item.days_left >= 0 ? "%d days left" : "ended %d days ago", item.days_left >= 0 ? item.days_left : -item.days_left);
            ImGui::TableNextColumn();
            if (item.remaining.is_zero()) text_muted("\xe2\x80\x94");
            else
                text_fmt("%s / month", format_credits(item.per_month, unit).c_str());
            ImGui::TableNextColumn();
            for (const core::CategoryNeed& n : item.categories)
                bullet_text("%s: %s more", n.name.c_str(), n.remaining.to_short_string().c_str());
            if (item.categories_missing > 0)
                bullet_text("%d more categor%s", item.categories_missing,
                            item.categories_missing == 1 ? "y" : "ies");
            if (item.prerequisite_needed)
                bullet_text("A current CPR/AED card");
            if (item.categories.empty() && item.categories_missing == 0 && !item.prerequisite_needed) text_muted("\xe2\x80\x94");
        }
        end_table();
    }

    ImGui::Spacing();
    heading(state, "What if I take…");
    const float w = ImGui::GetContentRegionAvail().x;
    const bool narrow = w < ui_px(700.0f);
    const float field = narrow ? -1.0f : (w - 3 * ImGui::GetStyle().ItemSpacing.x) / 4.0f;
    ImGui::BeginGroup();
    labeled_input("Course", "##wi_title", state.what_if_title, "Planned course", field);
    ImGui::EndGroup();
    if (!narrow) ImGui::SameLine();
    ImGui::BeginGroup();
    labeled_input("Amount", "##wi_hours", state.what_if_hours, "10", field);
    ImGui::EndGroup();
    if (!narrow) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted("Unit"); // the combo's name
    ImGui::SetNextItemWidth(field);
    if (begin_combo("##wi_unit",
                    std::string(core::unit_label(static_cast<core::Unit>(state.what_if_unit))).c_str(), 0,
                    "Unit")) {
        for (int u = 0; u < core::unit_count; ++u)
            if (ImGui::Selectable(std::string(core::unit_label(static_cast<core::Unit>(u))).c_str(), u == state.what_if_unit))
                state.what_if_unit = u;
        end_combo();
    }
    ImGui::EndGroup();
    if (!narrow) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted("Format"); // the combo's name
    ImGui::SetNextItemWidth(field);
    if (begin_combo("##wi_format",
                    std::string(core::format_label(static_cast<core::Format>(state.what_if_format))).c_str(),
                    0, "Format")) {
        for (int f = 0; f < core::format_count; ++f)
            if (ImGui::Selectable(std::string(core::format_label(static_cast<core::Format>(f))).c_str(), f == state.what_if_format))
                state.what_if_format = f;
        end_combo();
    }
    ImGui::EndGroup();

    const auto amount = core::Credits::parse(state.what_if_hours);
    if (!amount || *amount <= core::Credits()) {
        text_colored_wrapped(palette().danger, "Enter the amount, e.g. 10 or 1.5.");
        return;
    }
    const std::string key = state.what_if_title + "|" + state.what_if_hours + "|" + std::to_string(state.what_if_unit) +
                            "|" + std::to_string(state.what_if_format);
    if (g_what_if.generation != d.generation || g_what_if.key != key) {
        core::Activity planned;
        planned.id = "what-if";
        planned.title = state.what_if_title;
        planned.earned = d.today;
        planned.amount = *amount;
        planned.unit = static_cast<core::Unit>(state.what_if_unit);
        planned.format = static_cast<core::Format>(state.what_if_format);
        planned.status = core::ActivityStatus::planned;
        g_what_if.deltas = core::what_if(*d.packs, d.log.credentials, d.log.activities, planned, d.today);
        g_what_if.generation = d.generation;
        g_what_if.key = key;
    }
    for (const core::WhatIfDelta& delta : g_what_if.deltas) {
        const core::CredentialResult& r = d.evaluation.credentials[delta.credential];
        const std::string unit = r.pack ? r.pack->unit : "";
        const core::Credits gain = delta.applied_after - delta.applied_before;
        bullet_text("%s: %s%s", credential_name(d, delta.credential).c_str(),
                    gain.is_zero() ? "no change" : ("+" + format_credits(gain, unit)).c_str(),
                    delta.remaining_after.is_zero() && !delta.remaining_before.is_zero()
                        ? " \xe2\x80\x94 completes the requirement"
                        : "");
        if (!delta.remaining_after.is_zero())
            text_muted("    %s still needed afterwards", format_credits(delta.remaining_after, unit).c_str());
    }
}

} // namespace recert::ui
