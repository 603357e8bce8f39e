// The reports controller: carries out the UI's ReportRequests (transcript, CSV and calendar exports,
// the audit packet ZIP, finalize / unlock a statement) and runs imports (CSV, Open Badges / CLR) from
// a file to one all-or-nothing commit. Pure C++ over the Store interface (no Emscripten): the browser
// parts (download, new tab, file picker, clock) come in as ReportHooks.
#pragma once

#include "app/record_writer.h"
#include "core/csv_activities.h"
#include "core/openbadges.h"
#include "core/sha256.h"
#include "storage/store.h"
#include "ui/app_state.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace recert::app {

struct ReportHooks {
    // Offers `content` as a file download.
    std::function<void(const std::string& name, const std::string& mime, const std::string& content)> download;
    // Opens an HTML page in a new tab.
    std::function<void(const std::string& html)> open_html;
    // Opens the file picker for a CSV or badge file (the file comes back through file_arrived()).
    std::function<void()> pick_import_file;
    // The current UTC time as "20251123T101500Z" (the calendar's DTSTAMP).
    std::function<std::string()> utc_stamp;
    // A fresh prefix for imported activities' ids (unique per import).
    std::function<std::string()> new_id_prefix;
    // The URL the transcript tab links its stylesheet from (absolute: the tab is a blob: URL).
    std::function<std::string()> stylesheet_url;
};

inline constexpr std::size_t import_max_bytes = 20'000'000;

class ReportsController {
  public:
    // `packs` must outlive the controller.
    ReportsController(storage::Store& store, const core::PackSet& packs, ReportHooks hooks);

    // Once per frame after Controller::tick (through app::dispatch, which hands it the requests the UI
    // left in AppState::intents): reads and converts a CSV import a slice at a time, re-converts an
    // import whose mapping or unit changed, carries out `requests` and reports finished store
    // operations. True when something visible changed (always while an import is read).
    bool tick(ui::AppState& state, const std::vector<ui::ReportRequest>& requests, core::Date today);

    // A file chosen in the picker or dropped on the page: a CSV (by name or content) or an Open Badges
    // 3.0 / CLR 2.0 JSON. Opens the import dialog; a CSV is then read and checked over the next ticks
    // (ImportDialog::reading, progress; Cancel stops it), ending in the converted rows or the located error.
    void file_arrived(ui::AppState& state, const std::string& name, std::vector<std::uint8_t> bytes);

    // How long one tick may spend reading an import (default 30 ms, under the 50 ms a browser counts
    // as a long task): the page answers input between ticks. At 0 each tick reads one step of 256
    // rows (tests count the steps).
    void set_import_slice_ms(double ms) { m_slice_ms = ms; }

    // True for a file this controller imports (.csv, .txt, .json, or JSON / CSV-looking text).
    static bool accepts(const std::string& name);

  private:
    // The log a transcript or audit packet states: each credential it covers in the cycle asked for
    // (r.cycle for one credential, else core::default_statement_cycle), re-evaluated when any differs
    // from the current cycle (`changed`; else the app's own evaluation is used).
    struct Stated {
        bool changed = false;
        core::Log log;
        core::Evaluation evaluation;
    };
    Stated stated_cycles(const ui::DataView& d, const ui::ReportRequest& r, core::Date today) const;
    void run(ui::AppState& state, const ui::ReportRequest& r, core::Date today);
    void convert(ui::AppState& state);
    void read_import(ui::AppState& state);
    void show_rows(ui::AppState& state, std::vector<core::CsvImportRow> rows);
    void commit_import(ui::AppState& state);
    void track(ui::AppState& state, WriteId id, std::string done, std::string working,
               std::function<void(ui::AppState&)> on_ok = {});

    storage::Store& m_store;
    const core::PackSet& m_packs;
    ReportHooks m_hooks;
    RecordWriter m_writer;
    PendingWrites m_pending;
    core::Date m_today;
    std::string m_id_prefix;
    // A CSV import being read: the text (the reader reads it in place), then the row conversion.
    struct ImportJob {
        std::string text;
        std::unique_ptr<core::CsvReader> reader;
        std::unique_ptr<core::CsvActivityImporter> importer;
        std::vector<core::CsvImportRow> converted; // waiting for its duplicate check, a tick of its own
        bool checking = false;
        // An Open Badges file: hashed a megabyte a step (the badge is kept as evidence), then read.
        std::unique_ptr<core::Sha256> hash;
        std::size_t hashed = 0;
        std::unique_ptr<core::BadgeReader> badge;
        bool active() const { return reader || importer || checking || hash || badge; }
    };
    ImportJob m_job;
    double m_slice_ms = 30.0;
};

} // namespace recert::app
