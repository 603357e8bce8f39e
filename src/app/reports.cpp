// The reports controller: see reports.h.
#include "app/reports.h"

#include "core/audit_packet.h"
#include "core/ics.h"
#include "core/names.h"
#include "core/openbadges.h"
#include "core/renewal.h"
#include "core/statement.h"
#include "core/transcript.h"
#include "storage/evidence.h"

#include <algorithm>
#include <cctype>
#include <chrono>

namespace recert::app {
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
    return true;
}

bool looks_like_json(const std::vector<std::uint8_t>& bytes) {
    for (std::uint8_t b : bytes) {
        if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
        return b == '{' || b == '[';
    }
    return false;
}

std::string credential_label(const ui::DataView& d, std::size_t c) {
    return core::credential_short_name(d.log.credentials[c], d.evaluation.credentials[c].pack);
}

} // namespace

ReportsController::ReportsController(storage::Store& store, const core::PackSet& packs, ReportHooks hooks)
    : m_store(store), m_packs(packs), m_hooks(std::move(hooks)), m_writer(store, packs) {}

bool ReportsController::accepts(const std::string& name) {
    return ends_with(name, ".csv") || ends_with(name, ".txt") || ends_with(name, ".json") || ends_with(name, ".jsonld");
}

void ReportsController::track(ui::AppState& state, WriteId id, std::string done, std::string working,
                              std::function<void(ui::AppState&)> on_ok) {
    m_pending.add(id, std::move(done), std::move(on_ok));
    state.reports.working = true;
    state.reports.working_label = std::move(working);
}

bool ReportsController::tick(ui::AppState& state, const std::vector<ui::ReportRequest>& requests, core::Date today) {
    m_today = today;
    bool changed = m_pending.finish(m_writer, state, [&](const WriteResult& st) {
                           ui::notify(state, st.message.empty() ? "That did not work; nothing was changed." : st.message,
                                      true);
                       }).count > 0;
    if (m_pending.empty() && state.reports.working) {
        state.reports.working = false;
        changed = true;
    }
    ui::ImportDialog& dlg = state.reports.import;
    if (m_job.active()) {
        if (dlg.open && dlg.reading) read_import(state);
        else m_job = ImportJob{}; // cancelled (or the dialog was closed)
        changed = true;
    }
    if (dlg.open && (dlg.mapping_changed || dlg.badge_unit_changed)) {
        dlg.mapping_changed = dlg.badge_unit_changed = false;
        convert(state);
        changed = true;
    }
    for (const ui::ReportRequest& r : requests) {
        run(state, r, today);
        changed = true;
    }
    return changed;
}

ReportsController::Stated ReportsController::stated_cycles(const ui::DataView& d, const ui::ReportRequest& r,
                                                          core::Date today) const {
    Stated out; // the log is copied only when a statement's cycle differs (1,000 activities: ~2 ms)
    const bool one = r.credential >= 0 && std::size_t(r.credential) < d.log.credentials.size();
    for (std::size_t c = 0; c < d.log.credentials.size(); ++c) {
        if (one && c != std::size_t(r.credential)) continue;
        const core::Credential& cred = d.log.credentials[c];
        const core::DateRange cycle =
            one && r.cycle ? *r.cycle : core::default_statement_cycle(cred, d.evaluation.credentials[c]);
        if (cycle == cred.cycle) continue;
        if (!out.changed) out.log = d.log;
        out.log.credentials[c] = core::as_in_cycle(cred, cycle);
        out.changed = true;
    }
    if (out.changed) out.evaluation = core::evaluate(m_packs, out.log.credentials, out.log.activities, today);
    return out;
}

void ReportsController::run(ui::AppState& state, const ui::ReportRequest& r, core::Date today) {
    const ui::DataView& d = state.data;
    if (!d.loaded) return;
    const bool one = r.credential >= 0 && std::size_t(r.credential) < d.log.credentials.size();
    const std::string day = today.to_string();
    core::TranscriptOptions t;
    t.produced = today;
    t.app_version = "Recert " + state.version;
    if (one) t.credentials = {std::size_t(r.credential)};
    const bool statement = r.kind == ui::ReportKind::open_transcript || r.kind == ui::ReportKind::download_transcript ||
                           r.kind == ui::ReportKind::audit_packet;
    const Stated stated = statement ? stated_cycles(d, r, today) : Stated{};
    const core::Log& log = stated.changed ? stated.log : d.log;
    const core::Evaluation& eval = stated.changed ? stated.evaluation : d.evaluation;
    switch (r.kind) {
    case ui::ReportKind::open_transcript: {
        t.inline_css = false;
        if (m_hooks.stylesheet_url) t.stylesheet_href = m_hooks.stylesheet_url();
        if (m_hooks.open_html) m_hooks.open_html(core::transcript_html(log, eval, t));
        ui::notify(state, "Transcript opened in a new tab: use the browser's Print to save it as PDF");
        break;
    }
    case ui::ReportKind::download_transcript:
        if (m_hooks.download)
            m_hooks.download("recert-transcript-" + day + ".html", "text/html", core::transcript_html(log, eval, t));
        ui::notify(state, "Transcript downloaded");
        break;
    case ui::ReportKind::csv:
    case ui::ReportKind::csv_bom:
        if (m_hooks.download)
            m_hooks.download("recert-activities-" + day + ".csv", "text/csv",
                             core::export_activities_csv(d.log, d.evaluation, {r.kind == ui::ReportKind::csv_bom, {}}));
        ui::notify(state, "Activities exported (CSV)");
        break;
    case ui::ReportKind::calendar:
        if (m_hooks.download)
            m_hooks.download("recert-deadlines.ics", "text/calendar",
                             core::export_calendar(d.log, d.evaluation, m_hooks.utc_stamp ? m_hooks.utc_stamp() : day + "T000000Z"));
        ui::notify(state, "Deadlines calendar exported (.ics)");
        break;
    case ui::ReportKind::audit_packet: {
        if (!one) return;
        const core::AuditPacketPlan plan = core::plan_audit_packet(
            log, eval, std::size_t(r.credential), t, [](std::string_view text) {
                return storage::sha256_hex(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
            });
        std::vector<storage::ZipEntry> entries;
        for (const core::PacketFile& f : plan.files)
            entries.push_back(f.evidence ? storage::ZipEntry{f.path, {}, f.sha256} : storage::ZipEntry{f.path, f.text, {}});
        const std::size_t evidence = std::count_if(plan.files.begin(), plan.files.end(), [](const auto& f) { return f.evidence; });
        track(state, m_writer.watch(m_store.export_zip(plan.zip_name, std::move(entries))),
              "Audit packet downloaded: " + std::to_string(plan.activities.size()) + " activities, " +
                  std::to_string(evidence) + " evidence files",
              "Preparing the audit packet…", [](ui::AppState& st) { st.reports.packet.open = false; });
        break;
    }
    case ui::ReportKind::finalize:
    case ui::ReportKind::unlock: {
        if (!one) return;
        const core::Credential& rec = d.log.credentials[std::size_t(r.credential)];
        const core::DateRange period = d.evaluation.credentials[std::size_t(r.credential)].window;
        auto next = r.kind == ui::ReportKind::finalize
                        ? core::finalize_statement(rec, period, today)
                        : core::unlock_statement(rec, period, today,
                                                 d.log.person.name.empty() ? "the account holder" : d.log.person.name, r.reason);
        if (!next) {
            ui::notify(state, "Not changed: " + next.error().message, true);
            return;
        }
        storage::ChangeSet c;
        c.credentials.push_back({next.value(), rec.rev});
        const WriteId id = m_writer.write(std::move(c), today);
        if (const WriteResult& w = m_writer.result(id); w.refused()) {
            ui::notify(state, "Not changed: " + w.message, true);
            m_writer.forget(id);
            return;
        }
        const std::string label = credential_label(d, std::size_t(r.credential));
        track(state, id,
              r.kind == ui::ReportKind::finalize ? "Statement for " + label + " finalized"
                                                  : "Statement for " + label + " unlocked; the reason is recorded",
              "Saving…", [](ui::AppState& st) {
                  st.reports.finalize.open = false;
                  st.reports.finalize.reason.clear();
              });
        break;
    }
    case ui::ReportKind::import_commit: commit_import(state); break;
    case ui::ReportKind::pick_import_file:
        if (m_hooks.pick_import_file) m_hooks.pick_import_file();
        break;
    }
}

void ReportsController::file_arrived(ui::AppState& state, const std::string& name, std::vector<std::uint8_t> bytes) {
    ui::ImportDialog& dlg = state.reports.import;
    dlg = ui::ImportDialog{};
    m_job = ImportJob{};
    dlg.open = true;
    dlg.file_name = storage::safe_file_name(name);
    m_id_prefix = m_hooks.new_id_prefix ? m_hooks.new_id_prefix() : "import";
    if (!state.data.loaded) {
        dlg.error = "Your records are still opening; try again in a moment.";
        return;
    }
    if (bytes.empty()) {
        dlg.error = dlg.file_name + ": the file is empty";
        return;
    }
    if (bytes.size() > import_max_bytes) {
        dlg.error = dlg.file_name + ": " + storage::human_size(bytes.size()) + " is more than an import may hold (20 MB)";
        return;
    }
    dlg.badge = ends_with(name, ".json") || ends_with(name, ".jsonld") || (!ends_with(name, ".csv") && looks_like_json(bytes));
    if (dlg.badge) {
        // Hashed (the badge is kept as evidence), then read, a slice a tick (read_import).
        dlg.raw = std::move(bytes);
        m_job.text.assign(dlg.raw.begin(), dlg.raw.end());
        m_job.hash = std::make_unique<core::Sha256>();
        dlg.reading = true;
        dlg.progress = 0.0f;
        return;
    }
    m_job.text.assign(bytes.begin(), bytes.end());
    m_job.reader = std::make_unique<core::CsvReader>(m_job.text, dlg.file_name);
    dlg.reading = true;
    dlg.progress = 0.0f;
}

// One slice of a CSV import: read rows (the first half of the progress), then convert and check them
// (the second half), until the slice's time is used; at the end the rows or the located error show.
void ReportsController::read_import(ui::AppState& state) {
    ui::ImportDialog& dlg = state.reports.import;
    constexpr std::size_t step_rows = 256;
    const auto start = std::chrono::steady_clock::now();
    const auto elapsed_ms = [&] {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    };
    do {
        if (m_job.reader) {
            const bool done = m_job.reader->step(step_rows);
            dlg.progress = 0.5f * float(double(m_job.reader->offset()) / double(std::max<std::size_t>(m_job.reader->size(), 1)));
            if (!done) continue;
            auto table = m_job.reader->take();
            m_job = ImportJob{};
            if (!table) {
                dlg.reading = false;
                dlg.error = table.error().to_string();
                return;
            }
            dlg.table = std::move(table.value());
            dlg.mapping = core::detect_mapping(dlg.table);
            convert(state); // starts the conversion
        } else if (m_job.importer) {
            const bool done = m_job.importer->step(step_rows);
            dlg.progress = 0.5f + 0.5f * float(double(m_job.importer->rows_done()) /
                                               double(std::max<std::size_t>(m_job.importer->rows_total(), 1)));
            if (!done) continue;
            auto rows = m_job.importer->take();
            m_job = ImportJob{};
            if (!rows) {
                dlg.reading = false;
                dlg.error = rows.error().to_string();
                return;
            }
            m_job.converted = std::move(rows.value());
            m_job.checking = true;
            return; // the duplicate check takes the next tick
        } else if (m_job.hash) {
            constexpr std::size_t step_bytes = 1 << 20;
            const std::size_t n = std::min(step_bytes, m_job.text.size() - m_job.hashed);
            m_job.hash->update({reinterpret_cast<const std::uint8_t*>(m_job.text.data()) + m_job.hashed, n});
            m_job.hashed += n;
            dlg.progress = 0.2f * float(double(m_job.hashed) / double(std::max<std::size_t>(m_job.text.size(), 1)));
            if (m_job.hashed < m_job.text.size()) continue;
            dlg.badge_file = {m_job.hash->finish_hex(), dlg.file_name, "application/json"};
            m_job.hash.reset();
            convert(state); // starts reading the badge, in a tick of its own
            return;
        } else if (m_job.badge) {
            // Its first steps read the whole text (depth, then shape): each takes a tick to itself.
            const double before = elapsed_ms();
            const bool done = m_job.badge->step(1);
            dlg.progress = 0.2f + 0.8f * m_job.badge->progress();
            if (!done && elapsed_ms() - before > 10.0) return;
            if (!done) continue;
            auto r = m_job.badge->take();
            m_job = ImportJob{};
            dlg.reading = false;
            if (!r) {
                dlg.error = r.error().to_string();
                return;
            }
            std::vector<core::CsvImportRow> rows;
            for (core::Activity& a : r.value()) {
                if (std::string p = core::statement_lock_problem(state.data.log.credentials, nullptr, &a, state.data.packs); !p.empty()) {
                    dlg.error = dlg.file_name + ": " + p;
                    return;
                }
                rows.push_back({std::move(a), 0});
            }
            m_job.converted = std::move(rows);
            m_job.checking = true;
            dlg.reading = true;
            return; // the duplicate check takes the next tick
        } else if (m_job.checking) {
            std::vector<core::CsvImportRow> rows = std::move(m_job.converted);
            m_job = ImportJob{};
            dlg.reading = false;
            show_rows(state, std::move(rows));
            return;
        }
    } while (m_job.active() && elapsed_ms() < m_slice_ms);
}

void ReportsController::convert(ui::AppState& state) {
    ui::ImportDialog& dlg = state.reports.import;
    const ui::DataView& d = state.data;
    dlg.error.clear();
    dlg.activities.clear();
    dlg.lines.clear();
    dlg.choices.clear();
    std::vector<core::CsvImportRow> rows;
    if (dlg.badge) {
        // Read a credential a step at a time (read_import); the file was hashed first.
        core::BadgeImportOptions o;
        o.today = m_today;
        o.id_prefix = m_id_prefix;
        o.unit = core::Unit(std::clamp(dlg.badge_unit, 0, core::unit_count - 1));
        o.evidence = dlg.badge_file;
        m_job = ImportJob{};
        m_job.text.assign(dlg.raw.begin(), dlg.raw.end());
        m_job.badge = std::make_unique<core::BadgeReader>(m_job.text, dlg.file_name, o);
        dlg.reading = true;
        dlg.progress = 0.2f;
        return;
    }
    // A CSV is converted a slice at a time (read_import).
    m_job = ImportJob{};
    m_job.importer = std::make_unique<core::CsvActivityImporter>(dlg.table, dlg.mapping, d.log,
                                                                 core::CsvImportOptions{m_today, m_id_prefix, state.data.packs}, dlg.file_name);
    dlg.reading = true;
    dlg.progress = 0.5f;
}

// The converted rows in the dialog, with a duplicate suggestion per row where one applies.
void ReportsController::show_rows(ui::AppState& state, std::vector<core::CsvImportRow> rows) {
    ui::ImportDialog& dlg = state.reports.import;
    const ui::DataView& d = state.data;
    const auto dups = core::import_duplicates(d.log.activities, rows);
    dlg.choices.assign(rows.size(), {});
    for (const core::ImportDuplicate& dup : dups) {
        ui::ImportRowChoice& c = dlg.choices[dup.row];
        c.import = false; // suggested duplicate: skipped unless the person says it is not one
        c.duplicate_of_existing = dup.existing;
        c.duplicate_of_row = dup.other_row;
        c.same_id = dup.same_id;
    }
    for (core::CsvImportRow& r : rows) {
        dlg.activities.push_back(std::move(r.activity));
        dlg.lines.push_back(r.line);
    }
}

void ReportsController::commit_import(ui::AppState& state) {
    ui::ImportDialog& dlg = state.reports.import;
    if (!dlg.open || !dlg.error.empty() || dlg.activities.empty()) return;
    storage::ChangeSet c;
    std::size_t n = 0;
    for (std::size_t i = 0; i < dlg.activities.size(); ++i) {
        if (!dlg.choices[i].import) continue;
        core::Activity a = dlg.activities[i];
        if (dlg.choices[i].same_id) a.id = m_id_prefix + "-copy-" + std::to_string(i + 1); // kept as a separate entry
        a.rev = 1;
        c.activities.push_back({std::move(a), 0});
        ++n;
    }
    if (n == 0) {
        ui::notify(state, "Nothing to import: every row was skipped");
        return;
    }
    if (dlg.badge) c.attachments.push_back({dlg.badge_file, dlg.badge_bytes.empty() ? dlg.raw : dlg.badge_bytes});
    // The rows were checked when converted; the log may have changed since (a statement finalized).
    const WriteId id = m_writer.write(std::move(c), m_today);
    if (const WriteResult& w = m_writer.result(id); w.refused()) {
        dlg.error = dlg.file_name + ": " + w.message;
        m_writer.forget(id);
        return;
    }
    const std::string done = std::to_string(n) + (n == 1 ? " activity imported" : " activities imported") + " from " + dlg.file_name;
    track(state, id, done, "Importing…", [](ui::AppState& st) {
        st.reports.import = ui::ImportDialog{};
        st.view = ui::View::activities;
        st.view_changed = true;
    });
}

} // namespace recert::app
