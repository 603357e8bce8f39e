// RFC 4180 CSV: a strict reader (UTF-8 checked, quotes balanced, sizes bounded, every error located
// by line and column) and a writer (CRLF, quoting only where needed). Pure; no locale, no allocation
// beyond the table itself.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

inline constexpr std::size_t csv_max_field_bytes = 64 * 1024;
inline constexpr std::size_t csv_max_rows = 200'000;
inline constexpr std::size_t csv_max_columns = 256;

struct CsvRow {
    std::vector<std::string> cells;
    int line = 0; // 1-based line where the row starts
};

struct CsvTable {
    std::vector<CsvRow> rows; // blank lines are skipped; the header (if any) is rows[0]
    bool had_bom = false;
};

// "line 3, column 2" (1-based), the Error::path spelling every CSV error uses.
std::string csv_location(int line, int column);

// Parses `text`. Accepts CRLF, LF or CR line ends, an optional UTF-8 BOM, quoted fields with ""
// escapes and embedded line breaks. Rejects (with Error{file, "line L, column C", why}): invalid
// UTF-8, NUL bytes, a quote inside an unquoted field, text after a closing quote, an unterminated
// quoted field, fields over csv_max_field_bytes, more than csv_max_rows rows or csv_max_columns
// columns, and rows whose column count differs from the first row's.
Result<CsvTable> parse_csv(std::string_view text, std::string_view file = {});

// One field as RFC 4180 wants it: quoted when it holds a comma, quote, CR or LF, or starts/ends with
// a space; quotes doubled.
std::string csv_field(std::string_view value);
// Appends a row (fields joined with commas) and CRLF to `out`.
void csv_append_row(std::string& out, const std::vector<std::string>& fields);

// Spreadsheet formula injection (CWE-1236): a text cell starting with = + - @ TAB or CR (after any
// number of leading apostrophes) gets one more leading apostrophe, so a spreadsheet shows it as text.
std::string neutralize_formula(std::string_view text);
// The inverse on import: drops that one apostrophe again (text not in that form is unchanged).
std::string restore_formula(std::string_view text);

// The byte offset of the first invalid UTF-8 sequence in `text`, or npos when it is valid UTF-8.
std::size_t invalid_utf8_at(std::string_view text);

} // namespace recert::core
