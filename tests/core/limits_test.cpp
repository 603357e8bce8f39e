// The record limits (core/limits.h) at every way in: the form's validation, the log decoder (restore
// and the CLI; both of its paths), CSV and Open Badges imports; checked sums; the depth limit of every
// core JSON decoder; plain messages for numbers no double holds.
#include "core/csv.h"
#include "core/csv_activities.h"
#include "core/json_read.h"
#include "core/limits.h"
#include "core/log_codec.h"
#include "core/openbadges.h"
#include "core/rulepack_codec.h"
#include "core/validate.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <climits>

using namespace recert::core;
using namespace recert::core::test;

namespace {

// A one-activity log whose activity has `field` set to the JSON value `value` (text).
std::string log_with(const std::string& field, const std::string& value) {
    Log log;
    log.activities.push_back(act("a1", "2025-03-01", "1.5"));
    nlohmann::json j = nlohmann::json::parse(encode_log(log));
    j["activities"][0][field] = nlohmann::json::parse(value);
    return j.dump();
}

// The error decode_log gives, after checking the DOM decoder gives the same and the fast path gives way.
Error refused(const std::string& text) {
    auto r = decode_log(text, "log.json");
    REQUIRE_FALSE(r.ok());
    CHECK_FALSE(detail::decode_log_fast(text).has_value());
    auto dom = detail::decode_log_dom(text, "log.json");
    REQUIRE_FALSE(dom.ok());
    CHECK(dom.error().path == r.error().path);
    CHECK(dom.error().message == r.error().message);
    return r.error();
}

std::string nested(std::size_t depth, const std::string& open = "[", const std::string& close = "]",
                   const std::string& inner = "") {
    std::string s;
    s.reserve(depth * (open.size() + close.size()) + inner.size());
    for (std::size_t i = 0; i < depth; ++i)
        s += open;
    s += inner;
    for (std::size_t i = 0; i < depth; ++i)
        s += close;
    return s;
}

} // namespace

TEST_CASE("restore and the CLI refuse an amount beyond the form's 1000, at its location") {
    const Error e = refused(log_with("amount", "\"999999999999.99\""));
    CHECK(e.path == "/activities/0/amount");
    CHECK(e.message == "999999999999.99 CEC is more than the 1000 a single activity can carry");
    CHECK(e.to_string() ==
          "log.json: /activities/0/amount: 999999999999.99 CEC is more than the 1000 a single "
          "activity can carry");
    // The form says the same about the same record.
    Activity a = act("a1", "2025-03-01", "999999999999.99");
    const auto form = validate_activity(a, d("2025-03-11"));
    REQUIRE(form.size() == 1);
    CHECK(form[0].field == "amount");
    CHECK(form[0].message == "999999999999.99 CEC is more than the 1000 a single activity can carry.");
    // The limit itself still loads, in any unit.
    CHECK(decode_log(log_with("amount", "\"1000\"")).ok());
    CHECK(decode_log(log_with("unit", "\"ceu\"")).ok());
}

TEST_CASE("restore refuses dates, titles, sessions and lists the form would never let in") {
    CHECK(refused(log_with("earned", "\"9999-12-31\"")).message ==
          "9999-12-31 is outside the dates Recert keeps (1900-01-01 to 2199-12-31)");
    CHECK(refused(log_with("reported", "\"1000-01-01\"")).path == "/activities/0/reported");
    const Error title = refused(log_with("title", "\"" + std::string(1 << 20, 'x') + "\""));
    CHECK(title.path == "/activities/0/title");
    CHECK(title.message == "longer than 300 characters (the most a title can have)");
    CHECK(refused(log_with("notes", "\"" + std::string(4001, 'n') + "\"")).path == "/activities/0/notes");
    CHECK(refused(log_with("course_number", "\"" + std::string(201, 'c') + "\"")).path ==
          "/activities/0/course_number");
    CHECK(
        refused(log_with("sessions", R"([{"title": "s", "hours_claimed": "5000", "evaluation_done": true}])"))
            .path == "/activities/0/sessions/0/hours_claimed");
    nlohmann::json many = nlohmann::json::array();
    for (int i = 0; i < 101; ++i)
        many.push_back({{"title", "s"}, {"hours_claimed", "1"}, {"evaluation_done", true}});
    CHECK(refused(log_with("sessions", many.dump())).message ==
          "more than 100 sessions (the most one activity can have)");
    nlohmann::json sessions = nlohmann::json::array();
    for (int i = 0; i < 3; ++i)
        sessions.push_back({{"title", "s"}, {"hours_claimed", "400"}, {"evaluation_done", true}});
    CHECK(refused(log_with("sessions", sessions.dump())).message ==
          "the sessions add up to 1200 CEC, more than the 1000 a single activity can carry");

    // A credential's dates too.
    Log log;
    log.credentials.push_back(cred("c1", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31"));
    nlohmann::json j = nlohmann::json::parse(encode_log(log));
    j["credentials"][0]["cycle"]["end"] = "9999-12-31";
    CHECK(refused(j.dump()).path == "/credentials/0/cycle/end");
}

TEST_CASE("a log of more than 100,000 activities is refused") {
    Log log;
    log.activities.push_back(act("a", "2025-03-01", "1"));
    const std::string one = encode_record(log.activities[0]);
    std::string text = R"({"format":"recert-log","version":1,"activities":[)";
    for (std::size_t i = 0; i <= limits::max_activities; ++i) {
        std::string rec = one;
        rec.replace(rec.find("\"a\""), 3, "\"a" + std::to_string(i) + "\"");
        text += (i ? "," : "") + rec;
    }
    text += "]}";
    const Error e = refused(text);
    CHECK(e.path == "/activities");
    CHECK(e.message == "more than 100000 activities (the most one log can have)");
}

TEST_CASE("CSV and Open Badges imports apply the same limits") {
    auto t = parse_csv("Date,Title,Credits\n2025-03-01,Big,999999999999.99\n");
    REQUIRE(t);
    auto rows =
        import_activities_csv(t.value(), detect_mapping(t.value()), Log{}, {d("2025-03-11"), "imp"}, "a.csv");
    REQUIRE_FALSE(rows);
    CHECK(rows.error().message.find(
              "999999999999.99 CEC is more than the 1000 a single activity can carry") != std::string::npos);
    auto old = parse_csv("Date,Title,Credits\n1850-03-01,Old,1\n");
    REQUIRE(old);
    auto old_rows =
        import_activities_csv(old.value(), detect_mapping(old.value()), Log{}, {d("2025-03-11"), "imp"});
    REQUIRE_FALSE(old_rows);
    CHECK(old_rows.error().message.find("1850-03-01 is outside the dates Recert keeps") != std::string::npos);

    nlohmann::json badge = {{"type", {"VerifiableCredential", "OpenBadgeCredential"}},
                            {"issuer", {{"name", "Provider"}}},
                            {"validFrom", "2024-06-01T12:00:00Z"},
                            {"credentialSubject",
                             {{"creditsEarned", 1.5},
                              {"achievement", {{"name", "Course"}, {"humanCode", std::string(5000, 'K')}}}}}};
    BadgeImportOptions o;
    o.today = d("2025-03-11");
    auto b = import_open_badges(badge.dump(), "b.json", o);
    REQUIRE_FALSE(b);
    CHECK(b.error().path == "/credentialSubject/achievement/humanCode");
    CHECK(b.error().message == "Longer than 200 characters (the most this field can have).");
}

TEST_CASE("a year outside the limits typed into a date field is told the allowed range") {
    CHECK(typed_date_problem("0001-01-01") ==
          "The year 0001 is outside the dates Recert keeps (1900-01-01 to 2199-12-31)");
    CHECK(typed_date_problem("01/01/0001").find("The year 0001") == 0);
    CHECK(typed_date_problem("31.12.9999").find("The year 9999") == 0);
    CHECK(typed_date_problem("2025-13-01").empty()); // a bad month: "Enter a date like …" stays
    CHECK(typed_date_problem("yesterday").empty());
    Activity a = act("a", "2025-03-01", "1");
    a.earned = *Date::from_ymd(1850, 1, 1);
    const auto errors = validate_activity(a, d("2025-03-11"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "earned");
    CHECK(errors[0].message == "1850-01-01 is outside the dates Recert keeps (1900-01-01 to 2199-12-31).");
}

TEST_CASE("sums of credits and money are checked: an overflow is an error, never a wrap") {
    const Credits big = Credits::from_hundredths(LLONG_MAX - 5);
    CHECK_THROWS_AS(big + Credits::whole(1), ArithmeticOverflow);
    Credits sum = big;
    CHECK_THROWS_AS(sum += Credits::whole(1), ArithmeticOverflow);
    CHECK(sum == big); // unchanged
    CHECK_THROWS_AS(Credits::from_hundredths(LLONG_MIN + 5) - Credits::whole(1), ArithmeticOverflow);
    CHECK_THROWS_AS(Money::from_cents(LLONG_MAX / 2) * 3, ArithmeticOverflow);
    CHECK_THROWS_AS(Money::from_cents(LLONG_MAX) + Money::from_cents(1), ArithmeticOverflow);
    CHECK_THROWS_AS(big.scaled(10, 1, Rounding::down_to_hundredth()), ArithmeticOverflow);
    CHECK((Credits::whole(1000) + Credits::whole(1)).to_string() == "1001.00");
}

TEST_CASE("every core JSON decoder refuses nesting deeper than 64 levels, located, before parsing") {
    for (std::size_t depth : {std::size_t(7000), std::size_t(100000)}) {
        INFO(depth);
        // The settings of a log (a backup's log.json): the deep object inside them.
        Log log;
        nlohmann::json j = nlohmann::json::parse(encode_log(log));
        std::string text = j.dump();
        text.replace(text.find("\"settings\":{}"), 13, "\"settings\":" + nested(depth, "{\"a\":", "}", "1"));
        const Error s = refused(text);
        CHECK(s.path.rfind("/settings/a/a/a", 0) == 0);
        CHECK(s.message.find("nested deeper than 64 levels") == 0);
        // A whole document of arrays (the CLI's 50 MB probe, smaller).
        const Error arrays = refused(nested(depth));
        CHECK(arrays.path.rfind("/0/0/0", 0) == 0);
        CHECK(arrays.message.find("nested deeper than 64 levels (at byte 64)") == 0);
        // Rule packs and Open Badges.
        auto pack = decode_rulepack(nested(depth), "deep.json");
        REQUIRE_FALSE(pack);
        CHECK(pack.error().message.find("nested deeper than 64 levels") == 0);
        auto b = import_open_badges(R"({"credentialSubject":)" + nested(depth) + "}", "b.json",
                                    BadgeImportOptions{});
        REQUIRE_FALSE(b);
        CHECK(b.error().path.rfind("/credentialSubject/0/0", 0) == 0);
    }
    // 64 levels are fine; strings with brackets do not count.
    CHECK(detail::depth_problem(nested(64)) == std::nullopt);
    CHECK(detail::depth_problem("[\"[[[[\\\"[[[[\"]", 2) == std::nullopt);
    CHECK(detail::depth_problem(nested(65)).has_value());
}

TEST_CASE("the depth check's fast pass agrees with a character-by-character scan on any text") {
    // The reference: inside a string a backslash takes the next character with it, whatever it is.
    const auto reference = [](std::string_view t, int max) {
        int depth = 0;
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (t[i] == '"') {
                for (++i; i < t.size() && t[i] != '"'; i += t[i] == '\\' ? 2 : 1) {
                }
            } else if (t[i] == '[' || t[i] == '{') {
                if (++depth > max)
                    return true;
            } else if ((t[i] == ']' || t[i] == '}') && depth > 0) {
                --depth;
            }
        }
        return false;
    };
    // Escaped quotes, runs of backslashes, brackets inside and outside strings, unterminated strings.
    const std::string alphabet = "[]{}\"\\\\a,";
    std::uint32_t seed = 12345;
    int deep = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string t;
        const int len = static_cast<int>(seed % 24);
        for (int i = 0; i < len; ++i) {
            seed = seed * 1664525u + 1013904223u;
            t += alphabet[(seed >> 16) % alphabet.size()];
        }
        seed = seed * 1664525u + 1013904223u;
        const bool expected = reference(t, 2);
        deep += expected;
        INFO(t);
        CHECK(detail::nests_deeper_than(t, 2) == expected);
        CHECK(detail::depth_problem(t, 2).has_value() == expected);
    }
    CHECK(deep > 1000); // both outcomes were tried, many times
    CHECK(detail::nests_deeper_than(R"(["\\\"[[[", 1])", 2) == false);   // an odd run escapes the quote
    CHECK(detail::nests_deeper_than(R"(["\\\\", [[1]]])", 2) == true); // an even run does not
}

TEST_CASE("a number no double can hold gets a plain, located message") {
    auto r = decode_log("1e400", "log.json");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "invalid JSON: a number is too large to read (1e400 at byte 0)");
    CHECK(r.error().to_string().find("json.exception") == std::string::npos);
    auto inside = decode_log(R"({"format": "recert-log", "version": 1, "settings": {"x": -2e999}})");
    REQUIRE_FALSE(inside);
    CHECK(inside.error().message.find("(-2e999 at byte") != std::string::npos);
}

TEST_CASE("a CSV import that would take the log past 100,000 activities is refused at that row") {
    Log existing;
    existing.activities.reserve(limits::max_activities);
    for (std::size_t i = 0; i + 1 < limits::max_activities; ++i)
        existing.activities.push_back(act("e" + std::to_string(i), "2025-03-01", "1"));
    auto t = parse_csv("Id,Date,Title,Credits\ne5,2025-03-01,Replaces one,1\nn1,2025-03-01,Last,1\n"
                       "n2,2025-03-01,One too many,1\n");
    REQUIRE(t);
    CsvMapping m = detect_mapping(t.value());
    m.columns[0] = CsvField::id; // (a foreign file's id column is chosen by hand)
    auto rows = import_activities_csv(t.value(), m, existing, {d("2025-03-11"), "imp"}, "a.csv");
    REQUIRE_FALSE(rows);
    CHECK(rows.error().to_string() == "a.csv: line 4, column 1: with this row the log would hold more than "
                                      "100000 activities (the most one log "
                                      "can have)");
}

TEST_CASE("totals past 64 bits stop the evaluation with an error instead of wrapping negative") {
    // What restore refuses now (100,000 activities of 999,999,999,999.99 CEC) handed to the engine
    // directly: before, the dashboard showed a negative total.
    std::vector<Credential> creds = {cred("c1", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31")};
    std::vector<Activity> acts;
    for (int i = 0; i < 100000; ++i)
        acts.push_back(act("a" + std::to_string(i), "2025-01-02", "999999999999.99"));
    CHECK_THROWS_AS(evaluate(shipped_packs(), creds, acts, d("2025-03-11")), ArithmeticOverflow);
    acts.resize(1000); // within 64 bits: a plain, positive total
    acts.front().amount = Credits::whole(45);
    const Evaluation ev = evaluate(shipped_packs(), creds, acts, d("2025-03-11"));
    CHECK(ev.credentials.at(0).applied > Credits());
}

TEST_CASE("every limit problem has a place in a person's words, never a field id") {
    Activity a;
    a.id = std::string(201, 'i');
    a.earned = *Date::from_ymd(1, 1, 1);
    a.reported = *Date::from_ymd(1, 1, 1);
    a.title = std::string(301, 't');
    a.provider = std::string(301, 'p');
    a.provider_approval = std::string(201, 'a');
    a.course_number = std::string(201, 'c');
    a.category = std::string(201, 'k');
    a.amount = Credits::whole(5000);
    a.sessions.push_back({std::string(301, 's'), Credits::whole(2000), true});
    a.claim_id = std::string(201, 'x');
    a.statement_printed = *Date::from_ymd(1, 1, 1);
    a.evidence.push_back({});
    a.evidence[0].name = std::string(300, 'f');
    a.notes = std::string(4001, 'n');
    a.duplicate_of = std::string(201, 'd');
    a.provider_link = ProviderLink{};
    a.provider_link->accredited_by = {std::string(201, 'b')};
    const auto problems = activity_limit_problems(a);
    REQUIRE(problems.size() >= 16);
    for (const LimitProblem& p : problems) {
        const std::string place = limit_problem_place(p);
        INFO(p.pointer << " -> " << place);
        CHECK(place != "record");
        CHECK(place.find('_') == std::string::npos);
        CHECK(place.find('/') == std::string::npos);
    }
    auto place_of = [&](std::string_view pointer) {
        for (const LimitProblem& p : problems)
            if (p.pointer == pointer) return limit_problem_place(p);
        return std::string("(none)");
    };
    CHECK(place_of("/earned") == "completion date");
    CHECK(place_of("/provider_link/accredited_by") == "accrediting body");
    CHECK(place_of("/sessions/0/title") == "session 1 title");
    CHECK(place_of("/sessions/0/hours_claimed") == "session 1 hours");
    CHECK(place_of("/evidence/0/name") == "evidence file 1 name");
}
