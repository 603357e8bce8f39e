// Reports and interchange: see view_reports.h. The work itself (files, ZIP, commits) is the app
// layer's ReportsController; these functions only show state and leave ReportRequests in
// AppState::intents.
#include "ui/view_reports.h"

#include "core/audit_packet.h"
#include "core/names.h"
#include "core/renewal.h"
#include "core/statement.h"
#include "core/transcript.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace recert::ui {
namespace {

// [SECTION] Helpers

std::string credential_name(const DataView& d, std::size_t c) {
    return core::credential_short_name(d.log.credentials[c], d.evaluation.credentials[c].pack);
}

void request(AppState& state, ReportKind kind, int credential = -1, std::string reason = {},
             std::optional<core::DateRange> cycle = std::nullopt) {
    state.intents.push_back(ReportRequest{kind, credential, std::move(reason), cycle});
}

// A combo choosing one of the credentials; returns true when it changed.
bool credential_combo(AppState& state, const char* id, int& index) {
    const DataView& d = state.data;
    if (d.log.credentials.empty()) return false;
    index = std::clamp(index, 0, int(d.log.credentials.size()) - 1);
    bool changed = false;
    text_plain("Credential"); // the visible label (the combo's accessible name is the same)
    ImGui::SetNextItemWidth(-1);
    if (begin_combo(id, credential_name(d, std::size_t(index)).c_str(), 0, "Credential")) {
        for (std::size_t c = 0; c < d.log.credentials.size(); ++c) {
            const std::string label = credential_name(d, c) + "##cred" + std::to_string(c);
            if (ImGui::Selectable(label.c_str(), int(c) == index)) {
                index = int(c);
                changed = true;
            }
        }
        end_combo();
    }
    return changed;
}

const core::FinalizedStatement* current_lock(const DataView& d, std::size_t c) {
    const core::DateRange window = d.evaluation.credentials[c].window;
    for (const core::FinalizedStatement& f : d.log.credentials[c].statements)
        if (!f.unlock && f.period == window) return &f;
    return nullptr;
}

// [SECTION] Import dialog

void draw_mapping(AppState& state) {
    ImportDialog& dlg = state.reports.import;
    if (dlg.table.rows.empty()) return;
    const auto& header = dlg.table.rows[0].cells;
    if (dlg.mapping.own_export)
        text_colored(palette().success, ICON_CHECK " Recognized as a Recert activities export.");
    else text_muted("Columns were matched by their names. Check each one; choose (ignore) for columns you do not need.");
    if (begin_table(
            "Column mapping", "mapping", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
            ImVec2(0, std::min(6.5f, float(header.size()) + 1.6f) * ImGui::GetFrameHeightWithSpacing()))) {
        ImGui::TableSetupColumn("Column in the file", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Recert field", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupScrollFreeze(0, 1);
        table_headers_row();
        for (std::size_t k = 0; k < header.size(); ++k) {
            table_next_row();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            const std::string column = header[k].empty() ? "(no name)" : header[k];
            text_plain(column.c_str());
            ImGui::TableNextColumn();
            ImGui::PushID(int(k));
            ImGui::SetNextItemWidth(-1);
            const std::string id = "##field" + std::to_string(k);
            // Heard as "Recert field for Date, Date earned": the file's column it maps, then the choice.
            const std::string name = "Recert field for " + column;
            if (begin_combo(id.c_str(), std::string(core::csv_field_label(dlg.mapping.columns[k])).c_str(), 0, name.c_str())) {
                for (int f = 0; f < core::csv_field_count; ++f) {
                    const std::string label = std::string(core::csv_field_label(core::CsvField(f))) + "##f" + std::to_string(f);
                    if (ImGui::Selectable(label.c_str(), dlg.mapping.columns[k] == core::CsvField(f))) {
                        dlg.mapping.columns[k] = core::CsvField(f);
                        dlg.mapping_changed = true;
                    }
                }
                end_combo();
            }
            ImGui::PopID();
        }
        end_table();
    }
    ImGui::AlignTextToFramePadding();
    text_plain("Dates are written as");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui_px(180));
    if (begin_combo("##dateorder", std::string(core::date_order_label(dlg.mapping.date_order)).c_str())) {
        for (int o = 0; o < 3; ++o)
            if (ImGui::Selectable(std::string(core::date_order_label(core::DateOrder(o))).c_str(), int(dlg.mapping.date_order) == o)) {
                dlg.mapping.date_order = core::DateOrder(o);
                dlg.mapping_changed = true;
            }
        end_combo();
    }
    same_line_if_fits(ImGui::CalcTextSize("  Unit when none is given").x + ImGui::GetStyle().ItemSpacing.x + ui_px(160));
    text_plain("  Unit when none is given");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui_px(160));
    if (begin_combo("##defaultunit", std::string(core::unit_label(dlg.mapping.default_unit)).c_str())) {
        for (int u = 0; u < core::unit_count; ++u)
            if (ImGui::Selectable(std::string(core::unit_label(core::Unit(u))).c_str(), int(dlg.mapping.default_unit) == u)) {
                dlg.mapping.default_unit = core::Unit(u);
                dlg.mapping_changed = true;
            }
        end_combo();
    }
}

void draw_preview(AppState& state) {
    ImportDialog& dlg = state.reports.import;
    const DataView& d = state.data;
    const std::size_t shown = std::min<std::size_t>(dlg.activities.size(), 8);
    text_fmt("Preview (first %d of %d):", int(shown), int(dlg.activities.size()));
    if (ImGui::GetContentRegionAvail().x < ui_px(520.0f)) {
        // A phone: too narrow for five columns; one entry a row, its parts on wrapped lines.
        for (std::size_t i = 0; i < shown; ++i) {
            const core::Activity& a = dlg.activities[i];
            ImGui::Separator();
            text_wrapped("%s", a.title.c_str());
            text_muted("%s · %s · %s · %s", format_date(a.earned, state.settings.date_style).c_str(), a.provider.c_str(),
                       core::amount_with_unit(a.amount, a.unit).c_str(), dlg.choices[i].import ? "imported" : "skipped");
        }
        ImGui::Separator();
    } else if (begin_table("Activities to import", "preview", 5,
                    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, 92.0f);
        ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn("Provider", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Credits", ImGuiTableColumnFlags_WidthFixed, ui_px(120.0f));
        ImGui::TableSetupColumn("Import", ImGuiTableColumnFlags_WidthFixed, 60.0f);
        table_headers_row();
        for (std::size_t i = 0; i < shown; ++i) {
            const core::Activity& a = dlg.activities[i];
            table_next_row();
            ImGui::TableNextColumn();
            text_plain(format_date(a.earned, state.settings.date_style).c_str());
            ImGui::TableNextColumn();
            text_wrapped("%s", a.title.c_str());
            ImGui::TableNextColumn();
            text_wrapped("%s", a.provider.c_str());
            ImGui::TableNextColumn();
            text_plain(core::amount_with_unit(a.amount, a.unit).c_str());
            ImGui::TableNextColumn();
            text_plain(dlg.choices[i].import ? "yes" : "skip");
        }
        end_table();
    }
    // Duplicate suggestions: the person decides each one. Thousands of them (a file imported twice)
    // are drawn a screenful at a time: each takes one line of text and one of choices.
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < dlg.choices.size(); ++i)
        if (dlg.choices[i].duplicate_of_existing >= 0 || dlg.choices[i].duplicate_of_row >= 0) rows.push_back(i);
    const int count = int(rows.size());
    if (count == 0) return;
    ImGui::Spacing();
    text_colored(palette().warning, ICON_WARNING " %d possible duplicate%s: decide for each", count,
                 count == 1 ? "" : "s");
    const float item_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing();
    if (ImGui::BeginChild("dups", ImVec2(0, std::min(4, count) * item_h + ImGui::GetStyle().WindowPadding.y * 2.0f + 4.0f), true)) {
        sem_virtualized_begin(); // thousands of them (a file imported twice): a screenful at a time
        ImGuiListClipper clipper;
        clipper.Begin(count, item_h);
        while (clipper.Step()) {
            for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                const std::size_t i = rows[std::size_t(k)];
                ImportRowChoice& c = dlg.choices[i];
                const core::Activity& a = dlg.activities[i];
                std::string other;
                if (c.duplicate_of_existing >= 0 && std::size_t(c.duplicate_of_existing) < d.log.activities.size())
                    other = c.same_id ? "the same record, already stored"
                                      : "stored \"" + d.log.activities[std::size_t(c.duplicate_of_existing)].title + "\"";
                else if (c.duplicate_of_row >= 0)
                    other = "line " + std::to_string(dlg.lines[std::size_t(c.duplicate_of_row)]) + " of this file";
                ImGui::PushID(int(i));
                const std::string line = (dlg.badge ? std::string() : "Line " + std::to_string(dlg.lines[i]) + ", ") + "\"" +
                                         a.title + "\" (" + a.earned.to_string() + ") looks like " + other;
                text_plain(line.c_str());
                const std::string skip = "Duplicate: skip##skip" + std::to_string(i);
                const std::string keep = "Not a duplicate: import##keep" + std::to_string(i);
                if (radio_button(skip.c_str(), !c.import))
                    c.import = false;
                ImGui::SameLine();
                if (radio_button(keep.c_str(), c.import))
                    c.import = true;
                ImGui::PopID();
            }
        }
        sem_virtualized_end();
    }
    ImGui::EndChild();
}

// Closes the import dialog; the app layer stops reading the file at its next tick.
void import_cancel_button(ImportDialog& dlg) {
    if (ImGui::Button("Cancel##import")) {
        dlg = ImportDialog{};
        ImGui::CloseCurrentPopup();
    }
}

void draw_import_dialog(AppState& state) {
    ImportDialog& dlg = state.reports.import;
    if (!begin_dialog(ICON_UPLOAD " Import activities###import", &dlg.open, 760.0f)) return;
    text_fmt("File: %s", dlg.file_name.c_str());
    ImGui::Separator();
    if (dlg.reading) {
        // A large CSV is read over many frames: how far, in words and as a bar, and a way out.
        const std::string percent = std::to_string(static_cast<int>(dlg.progress * 100.0f));
        text_plain((std::string(dlg.progress < 0.5f ? "Reading the file… " : "Checking each row… ") + percent + "%").c_str());
        text_muted("Nothing is imported until you confirm.");
        progress_bar(dlg.progress, ImGui::GetContentRegionAvail().x, ui_px(6.0f), palette().accent_ink, -1.0f,
                     "Reading the import", (percent + " percent").c_str());
        ImGui::Spacing();
        import_cancel_button(dlg);
        end_dialog();
        return;
    }
    begin_dialog_body(); // the mapping and the preview scroll; the actions below stay on screen
    if (!dlg.badge && !dlg.table.rows.empty()) draw_mapping(state);
    if (dlg.badge && dlg.error.empty()) {
        text_muted("Open Badges carry no unit: choose the unit the provider awarded. The badge file is kept as evidence.");
        ImGui::AlignTextToFramePadding();
        text_plain("Unit");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ui_px(200));
        if (begin_combo("##badgeunit", std::string(core::unit_label(core::Unit(dlg.badge_unit))).c_str())) {
            for (int u = 0; u < core::unit_count; ++u)
                if (ImGui::Selectable(std::string(core::unit_label(core::Unit(u))).c_str(), dlg.badge_unit == u)) {
                    dlg.badge_unit = u;
                    dlg.badge_unit_changed = true;
                }
            end_combo();
        }
    }
    ImGui::Spacing();
    int importing = 0;
    if (!dlg.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().danger);
        text_wrapped(ICON_WARNING " Nothing was imported.");
        text_wrapped("%s", dlg.error.c_str());
        ImGui::PopStyleColor();
        text_muted("Fix the file (or the column choices above) and try again; your records are unchanged.");
    } else {
        draw_preview(state);
        for (const ImportRowChoice& c : dlg.choices) importing += c.import;
    }
    end_dialog_body();
    ImGui::Separator();
    const bool busy = state.reports.working;
    if (importing > 0) {
        const std::string label = std::string(ICON_UPLOAD " Import ") + std::to_string(importing) +
                                  (importing == 1 ? " activity" : " activities") + "##commit";
        ImGui::BeginDisabled(busy);
        if (primary_button(label.c_str())) request(state, ReportKind::import_commit);
        ImGui::EndDisabled();
        same_line_if_fits(button_width("Choose another file…"));
    }
    if (ImGui::Button("Choose another file…")) request(state, ReportKind::pick_import_file);
    same_line_if_fits(button_width("Cancel"));
    import_cancel_button(dlg);
    if (busy) {
        ImGui::SameLine();
        text_muted("%s", state.reports.working_label.c_str());
    }
    end_dialog();
}

// [SECTION] Finalize / unlock

void draw_finalize_dialog(AppState& state) {
    FinalizeDialog& f = state.reports.finalize;
    const DataView& d = state.data;
    if (!begin_dialog(ICON_CERTIFICATE " Finalize statement###finalize", &f.open, 600.0f)) return;
    if (d.log.credentials.empty()) {
        text_muted("Add a credential first.");
    } else {
        credential_combo(state, "##finalizecred", f.credential);
        const std::size_t c = std::size_t(f.credential);
        const core::CredentialResult& r = d.evaluation.credentials[c];
        ImGui::Spacing();
        if (const core::FinalizedStatement* lock = current_lock(d, c)) {
            text_colored(palette().success, ICON_CHECK " Finalized on %s",
                         format_date(lock->finalized_on, state.settings.date_style).c_str());
            text_wrapped("Activities earned from %s to %s are locked for %s. To change them, unlock the "
                         "statement; the "
                         "unlock is recorded with its date and your reason.",
                         format_date(lock->period.first, state.settings.date_style).c_str(),
                         format_date(lock->period.last, state.settings.date_style).c_str(),
                         credential_name(d, c).c_str());
            labeled_input("Reason for unlocking", "##unlockreason", f.reason, "e.g. a late certificate arrived");
            ImGui::Spacing();
            const bool blank = f.reason.find_first_not_of(" \t") == std::string::npos;
            ImGui::BeginDisabled(blank || state.reports.working);
            if (danger_button("Unlock statement")) request(state, ReportKind::unlock, f.credential, f.reason);
            ImGui::EndDisabled();
        } else {
            ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
            text_wrapped(ICON_WARNING " Finalizing locks this statement.");
            ImGui::PopStyleColor();
            text_wrapped(
                "After you finalize the %s statement for %s to %s, activities earned in that period cannot "
                "be "
                "added, changed or deleted for it (certificates and notes can still be attached) until you "
                "unlock it, and every unlock is recorded with its reason. Like a printed ASM statement of "
                "credit, it is meant to be final.",
                credential_name(d, c).c_str(), format_date(r.window.first, state.settings.date_style).c_str(),
                format_date(r.window.last, state.settings.date_style).c_str());
            ImGui::Spacing();
            ImGui::BeginDisabled(!r.pack || state.reports.working);
            if (primary_button("Finalize statement##confirm")) request(state, ReportKind::finalize, f.credential);
            ImGui::EndDisabled();
        }
        ImGui::SameLine();
    }
    if (ImGui::Button("Close##finalize")) {
        f.open = false;
        ImGui::CloseCurrentPopup();
    }
    end_dialog();
}

// [SECTION] Audit packet

// "2024-01-01 to 2026-12-31" in the person's date style.
std::string cycle_words(const AppState& state, core::DateRange cycle) {
    return format_date(cycle.first, state.settings.date_style) + " to " + format_date(cycle.last, state.settings.date_style);
}

// The cycle the packet states: a combo of the current cycle and every renewed one; opens on the
// most recently closed cycle while the current one has nothing yet (core::default_statement_cycle).
core::DateRange packet_cycle_combo(AppState& state, PacketDialog& p, std::size_t c) {
    const DataView& d = state.data;
    const core::Credential& cred = d.log.credentials[c];
    const std::vector<core::DateRange> cycles = core::statement_cycles(cred);
    if (p.cycle < 0 || p.cycle >= int(cycles.size())) {
        const core::DateRange def = core::default_statement_cycle(cred, d.evaluation.credentials[c]);
        p.cycle = int(std::find(cycles.begin(), cycles.end(), def) - cycles.begin());
    }
    auto label = [&](std::size_t i) {
        std::string s = cycle_words(state, cycles[i]);
        if (i == 0) return s + " (current cycle)";
        for (const core::RenewalRecord& h : cred.history)
            if (h.cycle == cycles[i]) return s + " (renewed " + format_date(h.renewed_on, state.settings.date_style) + ")";
        return s;
    };
    text_plain("Cycle");
    ImGui::SetNextItemWidth(-1);
    if (begin_combo("##packetcycle", label(std::size_t(p.cycle)).c_str(), 0, "Cycle")) {
        for (std::size_t i = 0; i < cycles.size(); ++i)
            if (ImGui::Selectable((label(i) + "##cycle" + std::to_string(i)).c_str(), int(i) == p.cycle)) p.cycle = int(i);
        end_combo();
    }
    return cycles[std::size_t(p.cycle)];
}

// What the packet for `cycle` covers: the app's evaluation for the current cycle, else the
// credential evaluated as it stood in that cycle (once per data generation and choice).
core::PacketCoverage packet_coverage(const AppState& state, PacketDialog& p, std::size_t c, core::DateRange cycle) {
    const DataView& d = state.data;
    const core::Credential& cred = d.log.credentials[c];
    if (cycle == cred.cycle || !d.packs) return core::audit_packet_coverage(d.log, d.evaluation, c);
    if (p.cached_generation != d.generation || p.cached_credential != int(c) || !(p.cached_cycle == cycle)) {
        core::Log one;
        one.credentials = {core::as_in_cycle(cred, cycle)};
        const core::Evaluation ev = core::evaluate(*d.packs, one.credentials, d.log.activities, d.today);
        one.activities = d.log.activities; // the same indexes as d.log's
        core::PacketCoverage cov = core::audit_packet_coverage(one, ev, 0);
        p.cached_activities = std::move(cov.activities);
        p.cached_missing = std::move(cov.missing_evidence);
        p.cached_generation = d.generation;
        p.cached_credential = int(c);
        p.cached_cycle = cycle;
    }
    return {p.cached_activities, p.cached_missing};
}

void draw_packet_dialog(AppState& state) {
    PacketDialog& p = state.reports.packet;
    const DataView& d = state.data;
    if (!begin_dialog(ICON_DOWNLOAD " Prepare audit packet###packet", &p.open, 640.0f)) return;
    if (d.log.credentials.empty()) {
        text_muted("Add a credential first.");
    } else {
        text_muted("One ZIP for an auditor: the statement of credit, a CSV of the cycle's activities, every certificate "
                   "(named by date and course) and a manifest with the SHA-256 of each file.");
        ImGui::Spacing();
        if (credential_combo(state, "##packetcred", p.credential)) p.cycle = -1;
        const std::size_t c = std::size_t(p.credential);
        const core::DateRange cycle = packet_cycle_combo(state, p, c);
        const core::PacketCoverage cov = packet_coverage(state, p, c, cycle);
        ImGui::Spacing();
        text_wrapped("%d activities in the statement for %s.", int(cov.activities.size()),
                 cycle_words(state, cycle).c_str());
        ImGui::BeginDisabled(state.reports.working);
        if (ImGui::Button(ICON_FILE " Open transcript of this cycle"))
            request(state, ReportKind::open_transcript, p.credential, {}, cycle);
        ImGui::EndDisabled();
        if (!cov.missing_evidence.empty()) {
            text_colored(palette().warning,
                         ICON_WARNING " %d without a certificate on file:", int(cov.missing_evidence.size()));
            if (ImGui::BeginChild("missing", ImVec2(0, std::min<float>(5.0f, float(cov.missing_evidence.size())) * ImGui::GetTextLineHeightWithSpacing() + ui_px(12.0f)), true)) {
                sem_virtualized_begin(); // a list of any length: what its box shows (it scrolls)
                for (std::size_t a : cov.missing_evidence) {
                    const core::Activity& act = d.log.activities[a];
                    const bool out = sem_out_of_view();
                    if (out) sem_hide_begin();
                    bullet_text("%s \xc2\xb7 %s", format_date(act.earned, state.settings.date_style).c_str(),
                                act.title.c_str());
                    if (out) sem_hide_end();
                }
                sem_virtualized_end();
            }
            ImGui::EndChild();
            text_muted("An auditor will ask for these. Attach them first (Activities, Edit), or build the packet without them.");
        } else if (!cov.activities.empty()) {
            text_colored(palette().success, ICON_CHECK " Every activity has a certificate on file.");
        }
        ImGui::Spacing();
        ImGui::BeginDisabled(state.reports.working);
        const char* label = cov.missing_evidence.empty() ? ICON_DOWNLOAD " Build ZIP##build" : ICON_DOWNLOAD " Build ZIP without them##build";
        if (primary_button(label)) request(state, ReportKind::audit_packet, p.credential, {}, cycle);
        ImGui::EndDisabled();
        ImGui::SameLine();
    }
    if (ImGui::Button("Close##packet")) {
        p.open = false;
        ImGui::CloseCurrentPopup();
    }
    if (state.reports.working) {
        ImGui::SameLine();
        text_muted("%s", state.reports.working_label.c_str());
    }
    end_dialog();
}

} // namespace

// [SECTION] Entry points

void open_audit_packet_dialog(AppState& state) {
    state.reports.packet.open = true;
    state.reports.packet.cycle = -1; // the default cycle again (a renewal may have changed the list)
}

void draw_reports_menu(AppState& state) {
    if (!begin_menu("Reports"))
        return;
    const bool loaded = state.data.loaded;
    const bool any = loaded && !state.data.log.credentials.empty();
    if (ImGui::MenuItem(ICON_FILE "  Open transcript", nullptr, false, loaded)) request(state, ReportKind::open_transcript);
    if (ImGui::MenuItem(ICON_DOWNLOAD "  Download transcript (HTML)", nullptr, false, loaded))
        request(state, ReportKind::download_transcript);
    ImGui::Separator();
    if (ImGui::MenuItem(ICON_DOWNLOAD "  Export activities (CSV)", nullptr, false, loaded)) request(state, ReportKind::csv);
    if (ImGui::MenuItem(ICON_DOWNLOAD "  Export CSV for spreadsheet apps", nullptr, false, loaded)) request(state, ReportKind::csv_bom);
    if (ImGui::MenuItem(ICON_CALENDAR "  Export deadlines calendar (.ics)", nullptr, false, any)) request(state, ReportKind::calendar);
    ImGui::Separator();
    if (ImGui::MenuItem(ICON_UPLOAD "  Import CSV or Open Badge…", nullptr, false, loaded)) request(state, ReportKind::pick_import_file);
    ImGui::Separator();
    if (ImGui::MenuItem(ICON_CERTIFICATE "  Finalize statement…", nullptr, false, any)) state.reports.finalize.open = true;
    if (ImGui::MenuItem(ICON_SHIELD "  Prepare audit packet…", nullptr, false, any)) open_audit_packet_dialog(state);
    end_menu();
}

void draw_reports_dialogs(AppState& state) {
    if (!state.data.loaded) return;
    draw_import_dialog(state);
    draw_finalize_dialog(state);
    draw_packet_dialog(state);
}

} // namespace recert::ui
