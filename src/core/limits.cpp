// The record limits (limits.h): the checks and their messages, shared by every way in.
#include "core/limits.h"

#include <cctype>

namespace recert::core {

Credits max_amount(Unit) {
    return Credits::whole(limits::max_amount_whole);
}
Date first_date() {
    return *Date::from_ymd(limits::first_year, 1, 1);
}
Date last_date() {
    return *Date::from_ymd(limits::last_year, 12, 31);
}

std::string amount_problem(Credits c, Unit u) {
    const std::string amount = c.to_short_string() + " " + std::string(unit_label(u));
    if (c < Credits())
        return amount + " is less than 0";
    if (max_amount(u) < c)
        return amount + " is more than the " + max_amount(u).to_short_string() +
               " a single activity can carry";
    return {};
}

std::string date_problem(Date d) {
    if (d < first_date() || last_date() < d)
        return d.to_string() + " is outside the dates Recert keeps (" + first_date().to_string() + " to " +
               last_date().to_string() + ")";
    return {};
}

std::string text_problem(std::string_view text, std::size_t max, std::string_view what) {
    if (text.size() <= max)
        return {};
    return "longer than " + std::to_string(max) + " characters (the most " + std::string(what) + " can have)";
}

std::string count_problem(std::size_t n, std::size_t max, std::string_view what, std::string_view owner) {
    if (n <= max)
        return {};
    return "more than " + std::to_string(max) + " " + std::string(what) + " (the most one " +
           std::string(owner) + " can have)";
}

std::vector<LimitProblem> activity_limit_problems(const Activity& a) {
    std::vector<LimitProblem> out;
    // (Called on every decoded activity: nothing is built unless a limit is broken.)
    auto add = [&](std::string_view pointer, std::string_view field, std::string message) {
        if (!message.empty())
            out.push_back({std::string(pointer), std::string(field), std::move(message)});
    };
    auto short_text = [&](const std::string& s, std::string_view key) {
        if (s.size() > limits::max_short_text)
            add("/" + std::string(key), key, text_problem(s, limits::max_short_text, "this field"));
    };
    short_text(a.id, "id");
    add("/earned", "earned", date_problem(a.earned));
    if (a.reported)
        add("/reported", "reported", date_problem(*a.reported));
    add("/title", "title", text_problem(a.title, limits::max_title, "a title"));
    add("/provider", "provider", text_problem(a.provider, limits::max_provider, "a provider name"));
    short_text(a.provider_approval, "provider_approval");
    short_text(a.course_number, "course_number");
    short_text(a.category, "category");
    add("/category_for", "category",
        count_problem(a.category_for.size(), limits::max_small_list, "per-body categories", "activity"));
    for (const BodyCategory& bc : a.category_for) {
        const std::string& longer = bc.body.size() > bc.category.size() ? bc.body : bc.category;
        if (std::string p = text_problem(longer, limits::max_short_text, "a category"); !p.empty()) {
            add("/category_for", "category", std::move(p));
            break;
        }
    }
    add("/amount", "amount", amount_problem(a.amount, a.unit));
    auto at = [](const char* list, std::size_t i, const char* key) {
        return std::string(list) + std::to_string(i) + key;
    };
    add("/sessions", "sessions",
        count_problem(a.sessions.size(), limits::max_sessions, "sessions", "activity"));
    if (a.sessions.size() <= limits::max_sessions) {
        Credits sum;
        for (std::size_t i = 0; i < a.sessions.size(); ++i) {
            const Session& x = a.sessions[i];
            if (std::string p = text_problem(x.title, limits::max_title, "a session title"); !p.empty())
                add(at("/sessions/", i, "/title"), "sessions", std::move(p));
            if (std::string p = amount_problem(x.hours_claimed, a.unit); !p.empty())
                add(at("/sessions/", i, "/hours_claimed"), "sessions", std::move(p));
            sum += x.hours_claimed; // at most 100 × 10^12: no overflow
        }
        if (max_amount(a.unit) < sum)
            add("/sessions", "sessions",
                "the sessions add up to " + sum.to_short_string() + " " + std::string(unit_label(a.unit)) +
                    ", more than the " + max_amount(a.unit).to_short_string() +
                    " a single activity can carry");
    }
    short_text(a.claim_id, "claim_id");
    if (a.statement_printed)
        add("/statement_printed", "statement_printed", date_problem(*a.statement_printed));
    add("/evidence", "evidence",
        count_problem(a.evidence.size(), limits::max_evidence, "evidence files", "activity"));
    for (std::size_t i = 0; i < a.evidence.size() && i < limits::max_evidence; ++i) {
        if (std::string p = text_problem(a.evidence[i].name, limits::max_file_name, "a file name");
            !p.empty())
            add(at("/evidence/", i, "/name"), "evidence", std::move(p));
        if (std::string p = text_problem(a.evidence[i].mime, limits::max_short_text, "a file type");
            !p.empty())
            add(at("/evidence/", i, "/mime"), "evidence", std::move(p));
    }
    add("/notes", "notes", text_problem(a.notes, limits::max_notes, "notes"));
    short_text(a.duplicate_of, "duplicate_of");
    add("/excluded_from", "excluded_from",
        count_problem(a.excluded_from.size(), limits::max_small_list, "excluded credentials", "activity"));
    if (a.provider_link) {
        const ProviderLink& l = *a.provider_link;
        add("/provider_link/accredited_by", "provider_link",
            count_problem(l.accredited_by.size(), limits::max_small_list, "accrediting bodies", "activity"));
        add("/provider_link/assigned_to", "provider_link",
            count_problem(l.assigned_to.size(), limits::max_small_list, "assigned credentials", "activity"));
        for (const auto* list : {&l.accredited_by, &l.assigned_to})
            for (const std::string& s : *list)
                if (std::string p = text_problem(s, limits::max_short_text, "a name"); !p.empty()) {
                    add(list == &l.accredited_by ? "/provider_link/accredited_by" : "/provider_link/assigned_to",
                        "provider_link", std::move(p));
                    break;
                }
    }
    return out;
}

std::string limit_problem_place(const LimitProblem& p) {
    struct Place {
        std::string_view pointer_prefix, words;
    };
    // The longest prefix first where one is another's prefix (/sessions/ before /sessions).
    static constexpr Place places[] = {
        {"/id", "record id"},
        {"/earned", "completion date"},
        {"/reported", "reported date"},
        {"/title", "title"},
        {"/provider_approval", "approval number"},
        {"/provider_link/accredited_by", "accrediting body"},
        {"/provider_link/assigned_to", "assigned credentials"},
        {"/provider", "provider"},
        {"/course_number", "course number"},
        {"/category", "category"},
        {"/amount", "credits"},
        {"/sessions/", "session"},
        {"/sessions", "sessions"},
        {"/claim_id", "claim number"},
        {"/statement_printed", "statement date"},
        {"/evidence/", "evidence file"},
        {"/evidence", "evidence"},
        {"/notes", "notes"},
        {"/duplicate_of", "duplicate link"},
        {"/excluded_from", "excluded credentials"},
    };
    for (const Place& place : places)
        if (p.pointer.rfind(place.pointer_prefix, 0) == 0) {
            // "/sessions/2/title" is exactly "/sessions/" + index + key: say which.
            const std::string_view rest = std::string_view(p.pointer).substr(place.pointer_prefix.size());
            if (place.pointer_prefix.back() == '/' && !rest.empty()) {
                const auto slash = rest.find('/');
                const std::string n = std::to_string(std::stoul(std::string(rest.substr(0, slash))) + 1);
                const std::string_view key = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
                const std::string what = key == "title" ? " title" : key == "hours_claimed" ? " hours"
                                       : key == "name"  ? " name"  : key == "mime" ? " type" : "";
                return std::string(place.words) + " " + n + what;
            }
            return std::string(place.words);
        }
    return "record";
}

std::optional<Date> parse_date_any_year(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-')
        return std::nullopt;
    int v[3] = {0, 0, 0};
    const std::size_t at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k)
        for (std::size_t i = at[k]; i < at[k] + len[k]; ++i) {
            if (t[i] < '0' || t[i] > '9')
                return std::nullopt;
            v[k] = v[k] * 10 + (t[i] - '0');
        }
    return Date::from_ymd(v[0], unsigned(v[1]), unsigned(v[2]));
}

std::string typed_date_problem(std::string_view text) {
    // Three groups of digits split by single separators, one of them four digits long: the year.
    std::vector<std::string_view> groups;
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
        ++i;
    while (i < text.size() && groups.size() < 4) {
        const std::size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
            ++i;
        if (i == start)
            return {};
        groups.push_back(text.substr(start, i - start));
        if (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])))
            ++i; // the separator
        else
            break;
    }
    if (groups.size() != 3)
        return {};
    for (std::string_view g : groups)
        if (g.size() == 4) {
            const int year = std::stoi(std::string(g));
            if (year >= limits::first_year && year <= limits::last_year)
                return {};
            return "The year " + std::string(g) + " is outside the dates Recert keeps (" +
                   first_date().to_string() + " to " + last_date().to_string() + ")";
        }
    return {};
}

} // namespace recert::core
