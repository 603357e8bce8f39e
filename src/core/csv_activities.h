// Activities as CSV: the export (one row per activity, ISO dates, the credits each credential applied
// as extra columns, formula injection neutralized, optional BOM) and the import (column mapping
// detected for our own export and for a generic transcript layout, preview, duplicate suggestions,
// all-or-nothing with line-and-column errors). Pure; "today" and new ids are parameters.
#pragma once

#include "core/csv.h"
#include "core/duplicates.h"
#include "core/engine.h"
#include "core/model.h"
#include "core/result.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

// [SECTION] Export

struct CsvExportOptions {
    bool bom = false;                 // a UTF-8 BOM so spreadsheet apps read the file as UTF-8
    std::vector<std::size_t> only;    // indexes into log.activities to export; empty = all
};

// The header is: id, earned, reported, title, provider, provider_approval, course_number, format,
// category, category_for, amount, unit, status, source, claim_id, notes, then one "Applied <BODY>
// <PROGRAM> [<credential id>]" column per credential (the credits that credential counted, in its
// pack's unit; empty when none). `eval` must be evaluate(…, log.credentials, log.activities, …).
// Text cells pass through neutralize_formula(); lines end with CRLF.
std::string export_activities_csv(const Log& log, const Evaluation& eval, const CsvExportOptions& options = {});

// [SECTION] Import

enum class CsvField : std::uint8_t {
    ignore,
    id,
    earned,
    reported,
    title,
    provider,
    provider_approval,
    course_number,
    format,
    category,
    category_for,
    amount,
    unit,
    status,
    source,
    claim_id,
    notes,
};
inline constexpr int csv_field_count = 17;
std::string_view csv_field_label(CsvField f); // "Date earned", "Credits", "(ignore)"

enum class DateOrder : std::uint8_t { iso, us, europe }; // 2025-03-11, 03/11/2025, 11.03.2025
std::string_view date_order_label(DateOrder o);

struct CsvMapping {
    std::vector<CsvField> columns; // one per column of the file
    bool own_export = false;       // the header is our own export's
    DateOrder date_order = DateOrder::iso;
    Unit default_unit = Unit::cec; // when no unit column (or an empty cell); see detect_mapping
};

// Maps a header row: our own export's names exactly, else a generic transcript's common names
// (date / completion date, title / course, provider / sponsor, hours / credits / CEUs, unit, course
// number, approval number, ...; case and punctuation ignored). A credits column named "CEUs"/"CECs"/
// "Contact hours" sets default_unit. The date order is guessed from the date column's cells.
CsvMapping detect_mapping(const CsvTable& table);

// True when the mapping has the columns an import needs (a date earned, a title, an amount).
// Otherwise `why` says what is missing ("Choose the column that holds the date earned").
bool mapping_complete(const CsvMapping& m, std::string* why = nullptr);

struct CsvImportOptions {
    Date today;                 // validation: dates earned after today need status "planned"
    std::string id_prefix;      // new ids are id_prefix + "-" + line when the file has no id column
    const PackSet* packs = nullptr; // names a credential in a refusal ("ASM CE"); ids in capitals without
};

struct CsvImportRow {
    Activity activity;
    int line = 0;
};

// Converts every data row (rows[1..]) with `mapping`. All or nothing: the first bad cell fails the
// whole import with Error{file, "line L, column C", "<column name>: why"}. Checks every value,
// validate_activity(), duplicate ids within the file, cells a spreadsheet would run as a formula
// (=NAME(…)), and the finalized-statement lock against `existing.credentials`. Own-export cells
// that were neutralized on export are restored (restore_formula). New activities get source
// "imported" unless the file says otherwise, rev 1.
Result<std::vector<CsvImportRow>> import_activities_csv(const CsvTable& table, const CsvMapping& mapping,
                                                        const Log& existing, const CsvImportOptions& options,
                                                        std::string_view file = {});

// import_activities_csv() a slice at a time, for a page that must keep answering while a large file
// is converted: step() converts up to `max_rows` more rows and returns true once every row is
// converted or one failed; take() then gives the rows or that error. `table` must outlive the
// importer; what it needs of `existing` (ids, credentials, count) is copied.
class CsvActivityImporter {
public:
    CsvActivityImporter(const CsvTable& table, CsvMapping mapping, const Log& existing, CsvImportOptions options,
                        std::string_view file = {});
    bool step(std::size_t max_rows);
    std::size_t rows_done() const { return m_next; } // of rows_total(), counting the header row
    std::size_t rows_total() const { return m_table.rows.size(); }
    Result<std::vector<CsvImportRow>> take();

private:
    bool fail(Error e);                // records the error, ends the import; returns true
    bool convert_row(std::size_t row); // true when the row failed

    const CsvTable& m_table;
    CsvMapping m_mapping;
    CsvImportOptions m_options;
    std::string m_file;
    std::vector<Credential> m_credentials;
    std::size_t m_total = 0; // activities the log would hold
    std::map<CsvField, int> m_column_of;
    std::set<std::string> m_ids;
    std::set<std::string> m_existing_ids;
    std::size_t m_next = 1; // the next row to convert (rows[0] is the header)
    std::vector<CsvImportRow> m_out;
    bool m_done = false;
    std::optional<Error> m_error;
};

// A possible duplicate of an imported row: an activity already stored (existing >= 0, an index into
// the log's activities) or an earlier row of the same file (other_row >= 0). `same_id` means the
// stored record has the row's id (re-importing our own export).
struct ImportDuplicate {
    std::size_t row = 0; // index into the import's rows
    int existing = -1;
    int other_row = -1;
    bool same_id = false;
    DuplicateMatch match = DuplicateMatch::same_course_number_and_date;
};
// Suggestions only (same course number and date, or same title, provider and date; or same id);
// the person confirms or rejects each. Ordered by row.
std::vector<ImportDuplicate> import_duplicates(const std::vector<Activity>& existing,
                                               const std::vector<CsvImportRow>& rows);

} // namespace recert::core
