// RFC 4180 reader and writer: see csv.h.
#include "core/csv.h"

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

Result<CsvTable> parse_csv(std::string_view text, std::string_view file) {
    const std::string f(file);
    CsvTable table;
    std::size_t i = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        table.had_bom = true;
        i = 3;
    }
    if (const std::size_t bad = invalid_utf8_at(text.substr(i)); bad != std::string_view::npos) {
        // Locate the bad byte by line and column (columns counted in CSV fields is not possible
        // before parsing; the column here is the character position on that line).
        int line = 1, col = 1;
        for (std::size_t k = i; k < i + bad; ++k) {
            if (text[k] == '\n') {
                ++line;
                col = 1;
            } else if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) {
                ++col;
            }
        }
        return Error{f, "line " + std::to_string(line) + ", character " + std::to_string(col),
                     "not UTF-8 text (save the file as CSV UTF-8)"};
    }

    int line = 1;
    std::size_t expected_cols = 0;
    CsvRow row;
    row.line = 1;
    std::string field;
    bool row_has_content = false;
    auto end_field = [&]() -> std::optional<Error> {
        if (row.cells.size() >= csv_max_columns)
            return Error{f, csv_location(row.line, int(row.cells.size()) + 1),
                         "more than " + std::to_string(csv_max_columns) + " columns"};
        row.cells.push_back(std::move(field));
        field.clear();
        return std::nullopt;
    };
    auto end_row = [&]() -> std::optional<Error> {
        const bool blank = row.cells.size() == 1 && row.cells[0].empty() && !row_has_content;
        if (!blank) {
            if (table.rows.empty()) expected_cols = row.cells.size();
            else if (row.cells.size() != expected_cols)
                return Error{f, csv_location(row.line, int(std::min(row.cells.size(), expected_cols)) + 1),
                             "this row has " + std::to_string(row.cells.size()) + " columns, the first row has " +
                                 std::to_string(expected_cols)};
            if (table.rows.size() >= csv_max_rows)
                return Error{f, csv_location(row.line, 1), "more than " + std::to_string(csv_max_rows) + " rows"};
            table.rows.push_back(std::move(row));
        }
        row = CsvRow{};
        row_has_content = false;
        return std::nullopt;
    };

    while (i <= text.size()) {
        const int column = int(row.cells.size()) + 1;
        if (i == text.size()) { // end of input: close the last row (unless the file ended with a newline)
            if (!row.cells.empty() || !field.empty() || row_has_content) {
                if (auto e = end_field()) return *e;
                if (auto e = end_row()) return *e;
            }
            break;
        }
        const char c = text[i];
        if (c == '"' && field.empty()) {
            // Quoted field.
            const int start_line = line;
            row_has_content = true;
            ++i;
            for (;;) {
                if (i >= text.size())
                    return Error{f, csv_location(start_line, column),
                                 "a quoted field is never closed (a \" is missing)"};
                const char q = text[i];
                if (q == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                if (q == '\0') return Error{f, csv_location(line, column), "contains a NUL byte"};
                if (q == '\n' || (q == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
                field += q;
                ++i;
                if (field.size() > csv_max_field_bytes)
                    return Error{f, csv_location(start_line, column),
                                 "a field is longer than " + std::to_string(csv_max_field_bytes / 1024) + " KB"};
            }
            if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                return Error{f, csv_location(line, column), "text after a closing quote (write \"\" for a quote)"};
            continue;
        }
        if (c == ',') {
            row_has_content = true;
            if (auto e = end_field()) return *e;
            ++i;
            continue;
        }
        if (c == '\r' || c == '\n') {
            if (auto e = end_field()) return *e;
            if (auto e = end_row()) return *e;
            i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
            ++line;
            row.line = line;
            continue;
        }
        if (c == '"') return Error{f, csv_location(line, column), "a quote inside an unquoted field (quote the whole field)"};
        if (c == '\0') return Error{f, csv_location(line, column), "contains a NUL byte"};
        field += c;
        row_has_content = true;
        if (field.size() > csv_max_field_bytes)
            return Error{f, csv_location(line, column),
                         "a field is longer than " + std::to_string(csv_max_field_bytes / 1024) + " KB"};
        ++i;
    }
    return table;
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
