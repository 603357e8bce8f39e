// The limits of a record, one set for every way in: the activity form (validate.h), the log decoder
// (restore and the CLI), CSV and Open Badges imports and provider sync. What one door refuses, no other
// lets in, so the engine, the dashboard and a transcript never see an absurd amount, date or text.
#pragma once

#include "core/credits.h"
#include "core/date.h"
#include "core/model.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert::core::limits {

// Credits one activity can carry, in the activity's own unit (CEC, CEU, contact hours, …): at most
// 1000, the form's cap since it was written. The form also asks for more than 0; a stored record may
// hold 0 (its sessions carry the credit), never less.
inline constexpr std::int64_t max_amount_whole = 1000;
// Dates (earned, reported, cycles, cards, renewals, statements): 1900-01-01 to 2199-12-31.
inline constexpr int first_year = 1900;
inline constexpr int last_year = 2199;
// Text, in bytes of UTF-8: the form's and the badge import's title cap, the form's provider and notes caps;
// every other text (ids, approval and course numbers, categories, claim ids, names) 200.
inline constexpr std::size_t max_title = 300;
inline constexpr std::size_t max_provider = 200;
inline constexpr std::size_t max_notes = 4000;
inline constexpr std::size_t max_short_text = 200;
inline constexpr std::size_t max_file_name = 255; // an evidence file's name, as file systems allow
// Lists.
inline constexpr std::size_t max_sessions = 100;       // sessions of one activity
inline constexpr std::size_t max_evidence = 100;       // evidence files of one activity
inline constexpr std::size_t max_small_list = 100;     // per-body categories, excluded credentials
inline constexpr std::size_t max_activities = 100'000; // activities in one log
inline constexpr std::size_t max_credentials = 1000;   // credentials in one log
inline constexpr std::size_t max_badge_bytes = 5'000'000; // one Open Badge's JSON ("5 MB")
inline constexpr std::size_t max_badges = 5000;        // credentials in one CLR bundle
inline constexpr std::size_t max_rulepack_bytes = 1'000'000; // one rule pack's JSON (the largest shipped: 18 KB)
// JSON nesting, for every decoder (json_read.h: checked before any parse).
inline constexpr int max_json_depth = 64;

} // namespace recert::core::limits

namespace recert::core {

// One limit a record breaks: where (a JSON pointer inside the record, "/sessions/2/hours_claimed"), the
// form's field ("sessions") and why, in plain words without a final period
// ("999999999999.99 CEC is more than the 1000 a single activity can carry").
struct LimitProblem {
    std::string pointer;
    std::string field;
    std::string message;
};

Credits max_amount(Unit u);
Date first_date();
Date last_date();

// "" when `c` (in `u`) is within 0 … max_amount(u), else why not.
std::string amount_problem(Credits c, Unit u);
// "" when `d` is within first_date() … last_date(), else why not.
std::string date_problem(Date d);
// "" when `text` has at most `max` bytes, else "longer than 300 characters (the most <what> can have)".
std::string text_problem(std::string_view text, std::size_t max, std::string_view what);
// "" when `n` ≤ `max`, else "more than 100 <what> (the most one <owner> can have)".
std::string count_problem(std::size_t n, std::size_t max, std::string_view what, std::string_view owner);

// Every limit `a` breaks, in field order (empty = within limits).
std::vector<LimitProblem> activity_limit_problems(const Activity& a);
// The place of `p` in a person's words ("completion date", "accrediting body", "session title"),
// for messages shown outside the form (a provider's completion set aside, a file refused).
std::string limit_problem_place(const LimitProblem& p);

// "YYYY-MM-DD" with any four-digit year from 0001 (Date::parse takes 1000-9999 only): what a provider
// or a person may send, read so that a year outside the limits gets date_problem()'s message instead
// of "not a date".
std::optional<Date> parse_date_any_year(std::string_view text);

// For a date field a person typed that did not parse: "The year 0001 is outside the dates Recert keeps
// (1900-01-01 to 2199-12-31)" when it is a date with a four-digit year outside the limits (day, month
// and year in any order), else "".
std::string typed_date_problem(std::string_view text);

} // namespace recert::core
