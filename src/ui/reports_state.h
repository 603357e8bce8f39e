// UI state of the reports and interchange features (transcript, CSV / calendar export, audit packet,
// CSV and Open Badges import, finalize statement). Part of AppState (app_state.h); the app layer's
// ReportsController (app/reports.h) carries out the requests (left in AppState::intents) and fills the
// results.
#pragma once

#include "core/csv.h"
#include "core/csv_activities.h"
#include "core/model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace recert::ui {

enum class ReportKind : std::uint8_t {
    open_transcript,     // a new tab (linked stylesheet, strict CSP)
    download_transcript, // self-contained HTML file
    csv,                 // activities CSV
    csv_bom,             // the same with a UTF-8 BOM for spreadsheet apps
    calendar,            // deadlines .ics
    audit_packet,        // one ZIP for report_credential
    finalize,            // lock report_credential's current statement
    unlock,              // unlock it, with a reason
    import_commit,       // store the rows of the import dialog
    pick_import_file,    // open the file picker for a CSV or badge file
};

struct ReportRequest {
    ReportKind kind = ReportKind::csv;
    int credential = -1; // index into the log's credentials, -1 = all (exports)
    std::string reason;  // unlock
    // Transcript and audit packet of one credential: the cycle stated (core::statement_cycles);
    // unset = core::default_statement_cycle, as for every credential of an all-credentials transcript.
    std::optional<core::DateRange> cycle;
};

// One row of the import dialog: the converted activity and the person's decision.
struct ImportRowChoice {
    bool import = true;              // false: skipped (a duplicate the person confirmed)
    int duplicate_of_existing = -1;  // suggestion: index into the stored activities
    int duplicate_of_row = -1;       // suggestion: an earlier row of the same file
    bool same_id = false;
};

struct ImportDialog {
    bool open = false;
    bool badge = false;          // Open Badges / CLR file (else CSV)
    std::string file_name;
    std::string error;           // the located reason nothing can be imported ("x.csv: line 3, column 2: ...")
    // A CSV is read and checked over several frames: the dialog shows how far (0…1) and Cancel.
    bool reading = false;
    float progress = 0.0f;
    // CSV: the parsed table and the mapping the person may edit (re-converted by the app layer).
    core::CsvTable table;
    core::CsvMapping mapping;
    bool mapping_changed = false;
    // The converted activities (empty while `error` is set) and a decision per row.
    std::vector<core::Activity> activities;
    std::vector<int> lines;
    std::vector<ImportRowChoice> choices;
    // Badge: the unit the person chose (Open Badges carry none) and the file kept as evidence.
    int badge_unit = 0;
    bool badge_unit_changed = false;
    core::EvidenceRef badge_file;
    std::vector<std::uint8_t> badge_bytes;
    std::vector<std::uint8_t> raw; // the file as read (re-converted when the unit changes)
};

struct FinalizeDialog {
    bool open = false;
    int credential = 0;
    std::string reason; // for an unlock
};

struct PacketDialog {
    bool open = false;
    int credential = 0;
    int cycle = -1; // index into core::statement_cycles(credential); -1 = the default one
    // The coverage of a past cycle, evaluated once per (data generation, credential, cycle).
    std::uint64_t cached_generation = 0;
    int cached_credential = -1;
    core::DateRange cached_cycle;
    std::vector<std::size_t> cached_activities, cached_missing;
};

struct ReportsUi {
    ImportDialog import;
    FinalizeDialog finalize;
    PacketDialog packet;
    bool working = false;      // a download / ZIP / import is being prepared
    std::string working_label; // "Preparing the audit packet…"
    int credential = 0;        // the credential the Reports menu's per-credential items use
};

} // namespace recert::ui
