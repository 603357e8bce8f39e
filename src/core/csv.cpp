// RFC 4180 reader and writer: see csv.h.
#include "core/csv.h"

#include <algorithm>
#include <limits>

namespace recert::core {
namespace {

bool is_trigger(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// Length of the UTF-8 sequence starting at text[i], or 0 when invalid (overlongs, surrogates and
// code points above U+10FFFF are invalid).
std::size_t utf8_len(std::string_view t, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    const auto cont = [&](std::size_t k) { return k < t.size() && (b(k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(i + 1) || !cont(i + 2)) return 0;
        if (c == 0xE0 && b(i + 1) < 0xA0) return 0; // overlong
        if (c == 0xED && b(i + 1) > 0x9F) return 0; // surrogates
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
        if (c == 0xF0 && b(i + 1) < 0x90) return 0; // overlong
        if (c == 0xF4 && b(i + 1) > 0x8F) return 0; // > U+10FFFF
        return 4;
    }
    return 0;
}

} // namespace

std::size_t invalid_utf8_at(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_len(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

std::string csv_location(int line, int column) {
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

CsvReader::CsvReader(std::string_view text, std::string_view file) : m_text(text), m_file(file) {
    m_row.line = 1;
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") {
        m_table.had_bom = true;
        m_i = 3;
    }
    if (const std::size_t bad = invalid_utf8_at(m_text.substr(m_i)); bad != std::string_view::npos) {
        // Locate the bad byte by line and column (columns counted in CSV fields is not possible
        // before parsing; the column here is the character position on that line).
        int line = 1, col = 1;
        for (std::size_t k = m_i; k < m_i + bad; ++k) {
            if (m_text[k] == '\n') {
                ++line;
                col = 1;
            } else if ((static_cast<unsigned char>(m_text[k]) & 0xC0) != 0x80) {
                ++col;
            }
        }
        fail(Error{m_file, "line " + std::to_string(line) + ", character " + std::to_string(col),
                   "not UTF-8 text (save the file as CSV UTF-8)"});
    }
}

bool CsvReader::fail(Error e) {
    m_error = std::move(e);
    m_done = true;
    return true;
}

bool CsvReader::end_field() {
    if (m_row.cells.size() >= csv_max_columns)
        return fail(Error{m_file, csv_location(m_row.line, int(m_row.cells.size()) + 1),
                          "more than " + std::to_string(csv_max_columns) + " columns"});
    m_row.cells.push_back(std::move(m_field));
    m_field.clear();
    return false;
}

bool CsvReader::end_row() {
    const bool blank = m_row.cells.size() == 1 && m_row.cells[0].empty() && !m_row_has_content;
    if (!blank) {
        if (m_table.rows.empty()) m_expected_cols = m_row.cells.size();
        else if (m_row.cells.size() != m_expected_cols)
            return fail(Error{m_file, csv_location(m_row.line, int(std::min(m_row.cells.size(), m_expected_cols)) + 1),
                              "this row has " + std::to_string(m_row.cells.size()) + " columns, the first row has " +
                                  std::to_string(m_expected_cols)});
        if (m_table.rows.size() >= csv_max_rows)
            return fail(Error{m_file, csv_location(m_row.line, 1), "more than " + std::to_string(csv_max_rows) + " rows"});
        m_table.rows.push_back(std::move(m_row));
    }
    m_row = CsvRow{};
    m_row_has_content = false;
    return false;
}

bool CsvReader::step(std::size_t max_rows) {
    const std::string_view text = m_text;
    const std::string& f = m_file;
    std::size_t& i = m_i;
    const std::size_t stop_at = m_table.rows.size() + std::max<std::size_t>(max_rows, 1);
    while (!m_done && m_table.rows.size() < stop_at) {
        const int column = int(m_row.cells.size()) + 1;
        if (i == text.size()) { // end of input: close the last row (unless the file ended with a newline)
            if (!m_row.cells.empty() || !m_field.empty() || m_row_has_content) {
                if (end_field() || end_row()) return true;
            }
            m_done = true;
            break;
        }
        const char c = text[i];
        if (c == '"' && m_field.empty()) {
            // Quoted field.
            const int start_line = m_line;
            m_row_has_content = true;
            ++i;
            for (;;) {
                if (i >= text.size())
                    return fail(Error{f, csv_location(start_line, column), "a quoted field is never closed (a \" is missing)"});
                const char q = text[i];
                if (q == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        m_field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                if (q == '\0') return fail(Error{f, csv_location(m_line, column), "contains a NUL byte"});
                if (q == '\n' || (q == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++m_line;
                m_field += q;
                ++i;
                if (m_field.size() > csv_max_field_bytes)
                    return fail(Error{f, csv_location(start_line, column),
                                      "a field is longer than " + std::to_string(csv_max_field_bytes / 1024) + " KB"});
            }
            if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                return fail(Error{f, csv_location(m_line, column), "text after a closing quote (write \"\" for a quote)"});
            continue;
        }
        if (c == ',') {
            m_row_has_content = true;
            if (end_field()) return true;
            ++i;
            continue;
        }
        if (c == '\r' || c == '\n') {
            if (end_field() || end_row()) return true;
            i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
            ++m_line;
            m_row.line = m_line;
            continue;
        }
        if (c == '"') return fail(Error{f, csv_location(m_line, column), "a quote inside an unquoted field (quote the whole field)"});
        if (c == '\0') return fail(Error{f, csv_location(m_line, column), "contains a NUL byte"});
        m_field += c;
        m_row_has_content = true;
        if (m_field.size() > csv_max_field_bytes)
            return fail(Error{f, csv_location(m_line, column),
                              "a field is longer than " + std::to_string(csv_max_field_bytes / 1024) + " KB"});
        ++i;
    }
    return m_done;
}

Result<CsvTable> CsvReader::take() {
    if (m_error) return *m_error;
    return std::move(m_table);
}

Result<CsvTable> parse_csv(std::string_view text, std::string_view file) {
    CsvReader reader(text, file);
    while (!reader.step(std::numeric_limits<std::size_t>::max() / 2)) {
    }
    return reader.take();
}

std::string csv_field(std::string_view v) {
    bool quote = !v.empty() && (v.front() == ' ' || v.back() == ' ');
    for (char c : v)
        if (c == ',' || c == '"' || c == '\r' || c == '\n') quote = true;
    if (!quote) return std::string(v);
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void csv_append_row(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t k = 0; k < fields.size(); ++k) {
        if (k) out += ',';
        out += csv_field(fields[k]);
    }
    out += "\r\n";
}

std::string neutralize_formula(std::string_view text) {
    std::size_t k = 0;
    while (k < text.size() && text[k] == '\'') ++k;
    if (k < text.size() && is_trigger(text[k])) return "'" + std::string(text);
    return std::string(text);
}

std::string restore_formula(std::string_view text) {
    std::size_t k = 0;
    while (k < text.size() && text[k] == '\'') ++k;
    if (k > 0 && k < text.size() && is_trigger(text[k])) return std::string(text.substr(1));
    return std::string(text);
}

} // namespace recert::core
