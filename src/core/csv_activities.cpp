// Activities <-> CSV: see csv_activities.h.
#include "core/csv_activities.h"

#include "core/names.h"

#include "core/limits.h"
#include "core/statement.h"
#include "core/validate.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace recert::core {
namespace {

// [SECTION] Names

struct FieldName {
    CsvField field;
    std::string_view own;   // our export's header
    std::string_view label; // shown in the mapping step and in errors
};
constexpr FieldName field_names[] = {
    {CsvField::ignore, "", "(ignore)"},
    {CsvField::id, "id", "Id"},
    {CsvField::earned, "earned", "Date earned"},
    {CsvField::reported, "reported", "Date reported"},
    {CsvField::title, "title", "Title"},
    {CsvField::provider, "provider", "Provider"},
    {CsvField::provider_approval, "provider_approval", "Approval number"},
    {CsvField::course_number, "course_number", "Course number"},
    {CsvField::format, "format", "Format"},
    {CsvField::category, "category", "Category"},
    {CsvField::category_for, "category_for", "Category per body"},
    {CsvField::amount, "amount", "Credits"},
    {CsvField::unit, "unit", "Unit"},
    {CsvField::status, "status", "Status"},
    {CsvField::source, "source", "Source"},
    {CsvField::claim_id, "claim_id", "Claim id"},
    {CsvField::notes, "notes", "Notes"},
};

// Lowercase, letters and digits only, '#' read as "number" ("Date Completed" -> "datecompleted",
// "Course #" -> "coursenumber").
std::string squash(std::string_view s) {
    std::string out;
    for (unsigned char c : s)
        if (std::isalnum(c)) out += char(std::tolower(c));
        else if (c == '#') out += "number";
    return out;
}

struct Synonym {
    std::string_view squashed;
    CsvField field;
};
constexpr Synonym synonyms[] = {
    {"date", CsvField::earned},           {"dateearned", CsvField::earned},
    {"completiondate", CsvField::earned}, {"datecompleted", CsvField::earned},
    {"completed", CsvField::earned},      {"enddate", CsvField::earned},
    {"activitydate", CsvField::earned},   {"coursedate", CsvField::earned},
    {"datereported", CsvField::reported}, {"reportdate", CsvField::reported},
    {"title", CsvField::title},           {"course", CsvField::title},
    {"coursetitle", CsvField::title},     {"coursename", CsvField::title},
    {"activity", CsvField::title},        {"activitytitle", CsvField::title},
    {"program", CsvField::title},         {"session", CsvField::title},
    {"name", CsvField::title},            {"provider", CsvField::provider},
    {"providername", CsvField::provider}, {"sponsor", CsvField::provider},
    {"organization", CsvField::provider}, {"organizer", CsvField::provider},
    {"approvalnumber", CsvField::provider_approval}, {"approval", CsvField::provider_approval},
    {"providernumber", CsvField::provider_approval}, {"providerapproval", CsvField::provider_approval},
    {"accreditationnumber", CsvField::provider_approval}, {"coursenumber", CsvField::course_number},
    {"courseid", CsvField::course_number}, {"courseno", CsvField::course_number},
    {"coursecode", CsvField::course_number}, {"format", CsvField::format},
    {"deliveryformat", CsvField::format}, {"category", CsvField::category},
    {"credittype", CsvField::category},   {"creditcategory", CsvField::category},
    {"hours", CsvField::amount},          {"credits", CsvField::amount},
    {"credit", CsvField::amount},         {"amount", CsvField::amount},
    {"ceus", CsvField::amount},           {"ceu", CsvField::amount},
    {"cecs", CsvField::amount},           {"cec", CsvField::amount},
    {"contacthours", CsvField::amount},   {"cehours", CsvField::amount},
    {"credithours", CsvField::amount},    {"cmecredits", CsvField::amount},
    {"cme", CsvField::amount},            {"cpe", CsvField::amount},
    {"pdh", CsvField::amount},            {"pdhs", CsvField::amount},
    {"unit", CsvField::unit},             {"units", CsvField::unit},
    {"status", CsvField::status},         {"notes", CsvField::notes},
    {"note", CsvField::notes},            {"comments", CsvField::notes},
};

std::optional<Unit> unit_from_text(std::string_view text) {
    if (auto u = parse_unit(text)) return u;
    const std::string s = squash(text);
    if (s == "cec" || s == "cecs") return Unit::cec;
    if (s == "ceu" || s == "ceus") return Unit::ceu;
    if (s == "cme" || s == "cmecredits" || s == "cmes") return Unit::cme;
    if (s == "contacthour" || s == "contacthours" || s == "hours" || s == "hour" || s == "hrs") return Unit::contact_hour;
    if (s == "cpe" || s == "cpes") return Unit::cpe;
    if (s == "pdh" || s == "pdhs") return Unit::pdh;
    if (s == "semestercredit" || s == "semestercredits" || s == "semesterhours") return Unit::semester_credit;
    if (s == "quartercredit" || s == "quartercredits" || s == "quarterhours") return Unit::quarter_credit;
    return std::nullopt;
}

std::string trim(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
    return std::string(s.substr(a, b - a));
}

bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::optional<Date> parse_date_in(std::string_view text, DateOrder order) {
    if (order == DateOrder::iso) return Date::parse(text);
    const char sep = order == DateOrder::us ? '/' : '.';
    const std::size_t p1 = text.find(sep);
    if (p1 == std::string_view::npos) return std::nullopt;
    const std::size_t p2 = text.find(sep, p1 + 1);
    if (p2 == std::string_view::npos) return std::nullopt;
    const std::string_view a = text.substr(0, p1), b = text.substr(p1 + 1, p2 - p1 - 1), y = text.substr(p2 + 1);
    if (!digits(a) || !digits(b) || y.size() != 4 || !digits(y) || a.size() > 2 || b.size() > 2) return std::nullopt;
    const int yy = std::stoi(std::string(y));
    const unsigned first = unsigned(std::stoi(std::string(a))), second = unsigned(std::stoi(std::string(b)));
    if (yy < 1000) return std::nullopt;
    return order == DateOrder::us ? Date::from_ymd(yy, first, second) : Date::from_ymd(yy, second, first);
}

std::string_view date_example(DateOrder o) {
    switch (o) {
    case DateOrder::us: return "03/11/2025 (month/day/year)";
    case DateOrder::europe: return "11.03.2025 (day.month.year)";
    default: return "2025-03-11 (YYYY-MM-DD)";
    }
}

// A cell a spreadsheet would evaluate as a function call: "=NAME(" (after optional spaces).
bool looks_like_formula(std::string_view cell) {
    std::size_t k = 0;
    while (k < cell.size() && cell[k] == ' ') ++k;
    if (k >= cell.size() || (cell[k] != '=' && cell[k] != '@')) return false;
    ++k;
    const std::size_t name = k;
    while (k < cell.size() && (std::isalnum(static_cast<unsigned char>(cell[k])) || cell[k] == '.' || cell[k] == '_')) ++k;
    return k > name && k < cell.size() && cell[k] == '(';
}

// "Applied ACSM CPT": the credential's name; two credentials of the same name are told apart by
// their credential number (else their cycle), never by a record id. (Files exported before named the
// column "Applied ACSM CPT [<id>]"; import ignores these columns either way.)
std::vector<std::string> credential_columns(const Log& log, const Evaluation& eval, bool evaluated) {
    std::vector<std::string> names;
    for (std::size_t c = 0; c < log.credentials.size(); ++c)
        names.push_back(credential_short_name(log.credentials[c], evaluated ? eval.credentials[c].pack : nullptr));
    std::vector<std::string> out;
    for (std::size_t c = 0; c < names.size(); ++c) {
        const Credential& cred = log.credentials[c];
        std::string col = "Applied " + names[c];
        if (std::count(names.begin(), names.end(), names[c]) > 1)
            col += cred.id_number.empty() ? " (cycle " + cred.cycle.first.to_string().substr(0, 4) + "-" +
                                                cred.cycle.last.to_string().substr(0, 4) + ")"
                                          : " #" + cred.id_number;
        out.push_back(std::move(col));
    }
    return out;
}

} // namespace

std::string_view csv_field_label(CsvField f) {
    for (const FieldName& n : field_names)
        if (n.field == f) return n.label;
    return "?";
}

std::string_view date_order_label(DateOrder o) {
    switch (o) {
    case DateOrder::us: return "MM/DD/YYYY";
    case DateOrder::europe: return "DD.MM.YYYY";
    default: return "YYYY-MM-DD";
    }
}

// [SECTION] Export

std::string export_activities_csv(const Log& log, const Evaluation& eval, const CsvExportOptions& options) {
    std::string out;
    if (options.bom) out += "\xEF\xBB\xBF";
    std::vector<std::string> header;
    for (const FieldName& n : field_names)
        if (n.field != CsvField::ignore) header.emplace_back(n.own);
    const bool evaluated = eval.activity_count == log.activities.size() && eval.credentials.size() == log.credentials.size();
    for (const std::string& col : credential_columns(log, eval, evaluated)) header.push_back(neutralize_formula(col));
    csv_append_row(out, header);
    auto row_for = [&](std::size_t i) {
        const Activity& a = log.activities[i];
        std::string category_for;
        for (const BodyCategory& bc : a.category_for) {
            if (!category_for.empty()) category_for += ';';
            category_for += bc.body + "=" + bc.category;
        }
        std::vector<std::string> r{
            neutralize_formula(a.id),
            a.earned.to_string(),
            a.reported ? a.reported->to_string() : std::string(),
            neutralize_formula(a.title),
            neutralize_formula(a.provider),
            neutralize_formula(a.provider_approval),
            neutralize_formula(a.course_number),
            std::string(to_string(a.format)),
            neutralize_formula(a.category),
            neutralize_formula(category_for),
            a.amount.to_string(),
            std::string(to_string(a.unit)),
            std::string(to_string(a.status)),
            std::string(to_string(a.source)),
            neutralize_formula(a.claim_id),
            neutralize_formula(a.notes),
        };
        for (std::size_t c = 0; c < log.credentials.size(); ++c) {
            const Credits applied = evaluated ? eval.at(c, i).applied : Credits();
            r.push_back(applied.is_zero() ? std::string() : applied.to_string());
        }
        csv_append_row(out, r);
    };
    if (options.only.empty())
        for (std::size_t i = 0; i < log.activities.size(); ++i) row_for(i);
    else
        for (std::size_t i : options.only)
            if (i < log.activities.size()) row_for(i);
    return out;
}

// [SECTION] Mapping

CsvMapping detect_mapping(const CsvTable& table) {
    CsvMapping m;
    if (table.rows.empty()) return m;
    const std::vector<std::string>& header = table.rows[0].cells;
    m.columns.assign(header.size(), CsvField::ignore);
    std::set<CsvField> used;
    // Our own export: exact names.
    for (std::size_t k = 0; k < header.size(); ++k)
        for (const FieldName& n : field_names)
            if (n.field != CsvField::ignore && header[k] == n.own && used.insert(n.field).second) m.columns[k] = n.field;
    m.own_export = !header.empty() && header[0] == "id" && used.count(CsvField::earned) && used.count(CsvField::amount) &&
                   used.count(CsvField::unit);
    if (!m.own_export) {
        used.clear();
        m.columns.assign(header.size(), CsvField::ignore);
        for (std::size_t k = 0; k < header.size(); ++k) {
            const std::string s = squash(header[k]);
            for (const Synonym& syn : synonyms)
                if (s == syn.squashed && used.insert(syn.field).second) {
                    m.columns[k] = syn.field;
                    if (syn.field == CsvField::amount)
                        if (auto u = unit_from_text(header[k]); u && s != "credits" && s != "credit" && s != "amount")
                            m.default_unit = *u;
                    break;
                }
        }
    }
    // Date order from the first non-empty date cells.
    for (std::size_t k = 0; k < m.columns.size(); ++k) {
        if (m.columns[k] != CsvField::earned) continue;
        for (std::size_t r = 1; r < table.rows.size() && r < 50; ++r) {
            const std::string cell = trim(table.rows[r].cells[k]);
            if (cell.empty()) continue;
            if (cell.find('/') != std::string::npos) m.date_order = DateOrder::us;
            else if (cell.find('.') != std::string::npos) m.date_order = DateOrder::europe;
            break;
        }
    }
    return m;
}

bool mapping_complete(const CsvMapping& m, std::string* why) {
    std::map<CsvField, int> count;
    for (CsvField f : m.columns) ++count[f];
    for (const auto& [f, n] : count)
        if (f != CsvField::ignore && n > 1) {
            if (why) *why = std::string("Two columns are mapped to ") + std::string(csv_field_label(f)) + "; choose one.";
            return false;
        }
    const std::pair<CsvField, const char*> needed[] = {{CsvField::earned, "the date earned"},
                                                        {CsvField::title, "the title"},
                                                        {CsvField::amount, "the credits"}};
    for (const auto& [f, what] : needed)
        if (!count.count(f)) {
            if (why) *why = std::string("Choose the column that holds ") + what + ".";
            return false;
        }
    return true;
}

// [SECTION] Import

CsvActivityImporter::CsvActivityImporter(const CsvTable& table, CsvMapping mapping, const Log& existing,
                                         CsvImportOptions options, std::string_view file)
    : m_table(table), m_mapping(std::move(mapping)), m_options(std::move(options)), m_file(file),
      m_credentials(existing.credentials), m_total(existing.activities.size()) {
    const std::string& f = m_file;
    std::string why;
    if (table.rows.empty()) fail(Error{f, "", "the file is empty"});
    else if (m_mapping.columns.size() != table.rows[0].cells.size())
        fail(Error{f, "line 1", "the column mapping does not match the file's columns"});
    else if (!mapping_complete(m_mapping, &why)) fail(Error{f, "line 1", why});
    else if (table.rows.size() < 2) fail(Error{f, "line 2", "no activities below the header row"});
    if (m_done) return;
    for (std::size_t k = 0; k < m_mapping.columns.size(); ++k) m_column_of[m_mapping.columns[k]] = int(k) + 1;
    m_out.reserve(table.rows.size() - 1);
    // Activities the log would hold: rows with an existing id replace that activity.
    for (const Activity& e : existing.activities) m_existing_ids.insert(e.id);
}

bool CsvActivityImporter::fail(Error e) {
    m_error = std::move(e);
    m_done = true;
    return true;
}

bool CsvActivityImporter::step(std::size_t max_rows) {
    for (std::size_t n = 0; !m_done && n < std::max<std::size_t>(max_rows, 1); ++n) {
        if (m_next >= m_table.rows.size()) {
            m_done = true;
            break;
        }
        if (convert_row(m_next++)) return true;
    }
    if (m_next >= m_table.rows.size()) m_done = true;
    return m_done;
}

Result<std::vector<CsvImportRow>> CsvActivityImporter::take() {
    if (m_error) return *m_error;
    return std::move(m_out);
}

bool CsvActivityImporter::convert_row(std::size_t r) {
    const std::string& f = m_file;
    const CsvRow& row = m_table.rows[r];
    Activity a;
    a.rev = 1;
    a.source = ActivitySource::imported;
    a.status = ActivityStatus::posted;
    a.unit = m_mapping.default_unit;
    bool unit_set = false;
    for (std::size_t k = 0; k < m_mapping.columns.size(); ++k) {
        const CsvField field = m_mapping.columns[k];
        if (field == CsvField::ignore) continue;
        const std::string& raw = row.cells[k];
        const auto bad = [&](const std::string& message) {
            return Error{f, csv_location(row.line, int(k) + 1), std::string(csv_field_label(field)) + ": " + message};
        };
        if (looks_like_formula(raw))
            return fail(bad("looks like a spreadsheet formula (" + raw.substr(0, 24) +
                       "…); save the sheet's values, not its formulas"));
        const std::string text = m_mapping.own_export ? restore_formula(raw) : raw;
        const std::string value = trim(text);
        switch (field) {
        case CsvField::ignore: break;
        case CsvField::id:
            if (value.empty()) return fail(bad("empty id"));
            a.id = value;
            break;
        case CsvField::earned:
        case CsvField::reported: {
            if (value.empty()) {
                if (field == CsvField::earned) return fail(bad("missing; expected a date like " + std::string(date_example(m_mapping.date_order))));
                break;
            }
            auto d = parse_date_in(value, m_mapping.date_order);
            if (!d) return fail(bad("\"" + value.substr(0, 40) + "\" is not a date like " + std::string(date_example(m_mapping.date_order))));
            (field == CsvField::earned ? a.earned : a.reported.emplace()) = *d;
            break;
        }
        case CsvField::title: a.title = value; break;
        case CsvField::provider: a.provider = value; break;
        case CsvField::provider_approval: a.provider_approval = value; break;
        case CsvField::course_number: a.course_number = value; break;
        case CsvField::notes: a.notes = text; break;
        case CsvField::claim_id: a.claim_id = value; break;
        case CsvField::category: a.category = value; break;
        case CsvField::format: {
            if (value.empty()) break;
            auto fm = parse_format(value);
            if (!fm) {
                for (int i = 0; i < format_count && !fm; ++i)
                    if (squash(format_label(Format(i))) == squash(value)) fm = Format(i);
            }
            if (!fm) return fail(bad("\"" + value.substr(0, 40) + "\" is not a known format (live, online, home_study, …)"));
            a.format = *fm;
            break;
        }
        case CsvField::category_for: {
            std::string_view rest = value;
            while (!rest.empty()) {
                const std::size_t semi = rest.find(';');
                const std::string_view part = rest.substr(0, semi);
                const std::size_t eq = part.find('=');
                if (eq == std::string_view::npos || eq == 0)
                    return fail(bad("expected body=category pairs separated by ; (nsca=A;nccpa=cat1)"));
                a.category_for.push_back({std::string(part.substr(0, eq)), std::string(part.substr(eq + 1))});
                rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
            }
            break;
        }
        case CsvField::amount: {
            if (value.empty()) return fail(bad("missing; expected a number like 1.5"));
            auto c = Credits::parse(value);
            if (!c) return fail(bad("\"" + value.substr(0, 40) + "\" is not a number like 1.5 (at most two decimals, a dot for decimals)"));
            if (*c < Credits()) return fail(bad("must not be negative"));
            a.amount = *c;
            break;
        }
        case CsvField::unit: {
            if (value.empty()) break;
            auto u = unit_from_text(value);
            if (!u) return fail(bad("\"" + value.substr(0, 40) + "\" is not a known unit (CEC, CEU, CME, contact hour, CPE, PDH, …)"));
            a.unit = *u;
            unit_set = true;
            break;
        }
        case CsvField::status: {
            if (value.empty()) break;
            auto s = parse_activity_status(value);
            if (!s) return fail(bad("\"" + value.substr(0, 40) + "\" is not a status (planned, claimed, pending, posted, verified, rejected)"));
            a.status = *s;
            break;
        }
        case CsvField::source: {
            if (value.empty()) break;
            auto s = parse_activity_source(value);
            if (!s) return fail(bad("\"" + value.substr(0, 40) + "\" is not a source (self_reported, imported, synced)"));
            a.source = *s;
            break;
        }
        }
    }
    (void)unit_set;
    if (a.id.empty()) a.id = m_options.id_prefix + "-" + std::to_string(row.line);
    const auto at = [&](CsvField field) { return m_column_of.count(field) ? m_column_of.at(field) : 1; };
    if (!m_ids.insert(a.id).second)
        return fail(Error{f, csv_location(row.line, at(CsvField::id)), "Id: \"" + a.id + "\" appears twice in this file"});
    if (auto errors = validate_activity(a, m_options.today); !errors.empty()) {
        const FieldError& e = errors.front();
        CsvField field = CsvField::ignore;
        for (const FieldName& n : field_names)
            if (n.own == e.field) field = n.field;
        return fail(Error{f, csv_location(row.line, at(field)),
                     (field == CsvField::ignore ? std::string() : std::string(csv_field_label(field)) + ": ") + e.message});
    }
    if (std::string p = statement_lock_problem(m_credentials, nullptr, &a, m_options.packs); !p.empty())
        return fail(Error{f, csv_location(row.line, at(CsvField::earned)), "Date earned: " + p});
    if (!m_existing_ids.count(a.id) && ++m_total > limits::max_activities)
        return fail(Error{f, csv_location(row.line, 1),
                     "with this row the log would hold " +
                         count_problem(m_total, limits::max_activities, "activities", "log")});
    m_out.push_back({std::move(a), row.line});
    return false;
}

Result<std::vector<CsvImportRow>> import_activities_csv(const CsvTable& table, const CsvMapping& mapping,
                                                        const Log& existing, const CsvImportOptions& options,
                                                        std::string_view file) {
    CsvActivityImporter importer(table, mapping, existing, options, file);
    while (!importer.step(table.rows.size())) {
    }
    return importer.take();
}

std::vector<ImportDuplicate> import_duplicates(const std::vector<Activity>& existing, const std::vector<CsvImportRow>& rows) {
    std::vector<const Activity*> incoming; // suggestions consider every incoming row, marked or not
    incoming.reserve(rows.size());
    for (const CsvImportRow& r : rows)
        incoming.push_back(&r.activity);
    std::map<std::size_t, ImportDuplicate> best; // one suggestion per row: the first found
    std::map<std::string, std::size_t> existing_ids;
    for (std::size_t i = 0; i < existing.size(); ++i) existing_ids.emplace(existing[i].id, i);
    for (std::size_t r = 0; r < rows.size(); ++r)
        if (auto it = existing_ids.find(rows[r].activity.id); it != existing_ids.end())
            best[r] = ImportDuplicate{r, int(it->second), -1, true, DuplicateMatch::same_course_number_and_date};
    const std::size_t n = existing.size();
    for (const DuplicateSuggestion& s : suggest_duplicates(existing, incoming)) {
        if (s.second < n) continue; // both stored: not this import's business
        const std::size_t row = s.second - n;
        if (best.count(row)) continue;
        ImportDuplicate d{row, -1, -1, false, s.match};
        if (s.first < n) d.existing = int(s.first);
        else d.other_row = int(s.first - n);
        best[row] = d;
    }
    std::vector<ImportDuplicate> out;
    for (auto& [row, d] : best) out.push_back(d);
    return out;
}

} // namespace recert::core
