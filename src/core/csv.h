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

// parse_csv() a slice at a time, for a page that must keep answering while a large file is read:
// step() reads up to `max_rows` more rows and returns true once the text is read or an error is
// found; take() then gives the table or that error. `text` must outlive the reader.
class CsvReader {
public:
    explicit CsvReader(std::string_view text, std::string_view file = {});
    bool step(std::size_t max_rows);
    std::size_t offset() const { return m_i; } // bytes read so far, of size()
    std::size_t size() const { return m_text.size(); }
    Result<CsvTable> take();

private:
    bool fail(Error e); // records the error, ends the read; returns true
    bool end_field();   // true when that failed
    bool end_row();

    std::string_view m_text;
    std::string m_file;
    std::size_t m_i = 0;
    int m_line = 1;
    std::size_t m_expected_cols = 0;
    CsvTable m_table;
    CsvRow m_row;
    std::string m_field;
    bool m_row_has_content = false;
    bool m_done = false;
    std::optional<Error> m_error;
};

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
