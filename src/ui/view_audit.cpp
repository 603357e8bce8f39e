// Audit readiness: the activities an auditor would ask about that have no certificate on file or
// lack required details, and how long to keep proof after each renewal.
#include "core/names.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/view_reports.h"
#include "ui/views.h"

#include "imgui.h"

#include <cstdint>
#include <vector>

namespace recert::ui {
namespace {

// Counted somewhere (applied > 0 for any credential).
bool counts_anywhere(const DataView& d, std::size_t a) {
    for (std::size_t c = 0; c < d.log.credentials.size(); ++c)
        if (d.evaluation.at(c, a).applied > core::Credits()) return true;
    return false;
}

// The counted activities that lack their proof or details, found once per data generation: a frame
// of this view then walks only them, not the whole log.
struct ProofGaps {
    std::uint64_t generation = ~std::uint64_t(0);
    std::vector<std::uint32_t> rows; // indices into log.activities
    int missing_evidence = 0, missing_details = 0;
};
ProofGaps g_gaps;
constexpr std::size_t rows_without_scrolling = 8;

const ProofGaps& proof_gaps(const DataView& d) {
    if (g_gaps.generation == d.generation) return g_gaps;
    g_gaps = {};
    g_gaps.generation = d.generation;
    for (std::size_t a = 0; a < d.log.activities.size(); ++a) {
        const core::Activity& act = d.log.activities[a];
        if ((!act.evidence.empty() && !act.provider.empty()) || !counts_anywhere(d, a)) continue;
        g_gaps.rows.push_back(static_cast<std::uint32_t>(a));
        g_gaps.missing_evidence += act.evidence.empty();
        g_gaps.missing_details += act.provider.empty();
    }
    return g_gaps;
}

} // namespace

void draw_audit(AppState& state) {
    const DataView& d = state.data;
    heading(state, "Audit readiness");
    text_muted("Certifying bodies audit a random share of renewals and usually want proof within about 30 days. "
               "Keep a certificate for every activity you count.");
    ImGui::Spacing();

    // Found first: a log where every counted activity has its proof shows the line below, not an
    // empty table.
    const ProofGaps& gaps = proof_gaps(d);
    // A few rows take the table's own height; a long list scrolls inside a box of fixed height.
    const bool scrolls = gaps.rows.size() > rows_without_scrolling;
    if (!gaps.rows.empty() &&
        begin_table("Missing evidence", "audit", 3,
                    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | (scrolls ? ImGuiTableFlags_ScrollY : 0),
                    ImVec2(0, scrolls ? ui_px(320) : 0.0f))) {
        ImGui::TableSetupColumn("Activity", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("Missing", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("##fix", ImGuiTableColumnFlags_WidthFixed, 80.0f);
        ImGui::TableSetupScrollFreeze(0, 1);
        table_headers_row();
        sem_virtualized_begin(); // one row per counted activity without proof (thousands in a large log): what the table shows
        for (const std::uint32_t a : gaps.rows) {
            const core::Activity& act = d.log.activities[a];
            const bool no_evidence = act.evidence.empty();
            const bool no_provider = act.provider.empty();
            table_next_row();
            ImGui::TableNextColumn();
            text_wrapped("%s \xc2\xb7 %s", format_date(act.earned, state.settings.date_style).c_str(),
                         act.title.c_str());
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
            text_wrapped(ICON_WARNING " %s%s%s", no_evidence ? "certificate" : "",
                         no_evidence && no_provider ? ", " : "", no_provider ? "provider name" : "");
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(a));
            if (small_button("Fix…")) open_activity_form(state, &act);
            ImGui::PopID();
        }
        sem_virtualized_end();
        end_table();
    }
    if (gaps.rows.empty())
        text_colored(palette().success,
                     ICON_CHECK " Every counted activity has a certificate and its details.");
    else
        text_fmt("%d without a certificate, %d without a provider name.", gaps.missing_evidence,
                 gaps.missing_details);

    ImGui::Spacing();
    heading(state, "Keep proof until");
    bool any = false;
    for (std::size_t c = 0; c < d.log.credentials.size(); ++c) {
        const core::Credential& cred = d.log.credentials[c];
        const core::CredentialResult& r = d.evaluation.credentials[c];
        if (!r.pack || cred.history.empty()) continue;
        const core::RenewalRecord& last = cred.history.back();
        const int months = r.pack->audit.retention_months;
        if (months <= 0) continue;
        any = true;
        const core::Date until = last.renewed_on.add_months(months);
        const int days = d.today.days_until(until);
        bullet_text("%s: renewed %s; keep certificates until %s (%s)", core::credential_short_name(cred, r.pack).c_str(),
                    format_date(last.renewed_on, state.settings.date_style).c_str(),
                    format_date(until, state.settings.date_style).c_str(),
                    days >= 0 ? (std::to_string(days) + " days left").c_str() : "retention period over");
    }
    if (!any) text_muted("The countdown starts when you record a renewal.");

    ImGui::Spacing();
    ImGui::BeginDisabled(d.log.credentials.empty());
    if (ImGui::Button(ICON_DOWNLOAD " Prepare audit packet…")) open_audit_packet_dialog(state); // view_reports.cpp
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Transcript, CSV and every certificate in one ZIP, with a manifest of SHA-256 hashes.");
}

} // namespace recert::ui
