// The deadlines calendar (RFC 5545): structure, folding, escaping, alarms and stable UIDs.
#include "core/ics.h"
#include "reports_support.h"

#include <map>
#include <set>

using namespace recert::core;
using namespace recert::core::test;

namespace {

// Physical lines (split on CRLF); fails on a bare LF or CR.
std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            REQUIRE(i + 1 < text.size());
            REQUIRE(text[i + 1] == '\n');
            out.push_back(text.substr(start, i - start));
            start = i + 2;
            ++i;
        } else {
            REQUIRE(text[i] != '\n');
        }
    }
    REQUIRE(start == text.size()); // ends with CRLF
    return out;
}

// Content lines after unfolding (RFC 5545 3.1).
std::vector<std::string> unfold(const std::vector<std::string>& physical) {
    std::vector<std::string> out;
    for (const std::string& l : physical) {
        if (!l.empty() && l[0] == ' ') {
            REQUIRE_FALSE(out.empty());
            out.back() += l.substr(1);
        } else {
            out.push_back(l);
        }
    }
    return out;
}

Log calendar_log() {
    Log log = dashboard_log();
    log.person.name = "Zoë; \"Trainer\", Esq.";
    log.credentials[0].id = "cred,cpt;weird id";
    return log;
}

} // namespace

TEST_CASE("the calendar is CRLF-terminated, folded at 75 octets and balanced") {
    const Log log = calendar_log();
    const std::string ics = export_calendar(log, evaluate_log(log), "20250311T090000Z");
    const auto physical = physical_lines(ics);
    for (const std::string& l : physical) CHECK(l.size() <= 75);
    const auto lines = unfold(physical);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    int depth = 0, events = 0, alarms = 0;
    for (const std::string& l : lines) {
        if (l.rfind("BEGIN:", 0) == 0) ++depth;
        if (l.rfind("END:", 0) == 0) --depth;
        REQUIRE(depth >= 0);
        events += l == "BEGIN:VEVENT";
        alarms += l == "BEGIN:VALARM";
    }
    CHECK(depth == 0);
    // Two ACSM credentials: cycle end + grace end each, and one CPR/AED card.
    CHECK(events == 5);
    CHECK(alarms == 15);
    CHECK(std::count(lines.begin(), lines.end(), "TRIGGER:-P90D") == 5);
    CHECK(std::count(lines.begin(), lines.end(), "TRIGGER:-P7D") == 5);
    CHECK(std::find(lines.begin(), lines.end(), "X-WR-CALNAME:Recert deadlines: Zoë\\; \"Trainer\"\\, Esq.") != lines.end());
}

TEST_CASE("calendar events carry the right days and unique, stable UIDs") {
    const Log log = calendar_log();
    const Evaluation ev = evaluate_log(log);
    const auto deadlines = collect_deadlines(log, ev);
    std::set<std::string> uids;
    for (const Deadline& d : deadlines) CHECK(uids.insert(d.uid).second);
    REQUIRE(deadlines.size() == 5);
    CHECK(deadlines[0].kind == DeadlineKind::cycle_end);
    CHECK(deadlines[0].day == d("2026-12-31"));
    CHECK(deadlines[0].uid == "cred%2Ccpt%3Bweird%20id-cycle-end-20240101-20261231@recert.app");
    CHECK(deadlines[1].kind == DeadlineKind::grace_end);
    CHECK(deadlines[1].day > deadlines[0].day);
    CHECK(deadlines[2].kind == DeadlineKind::cpr_expiry);
    CHECK(deadlines[2].day == d("2027-01-20"));
    // A later export (other day, more activities) keeps the UIDs: a re-import updates the events.
    Log later = log;
    later.activities.push_back(act("new", "2025-06-01", "3"));
    const auto again = collect_deadlines(later, evaluate_log(later, "2025-07-01"));
    REQUIRE(again.size() == deadlines.size());
    for (std::size_t i = 0; i < again.size(); ++i) CHECK(again[i].uid == deadlines[i].uid);
    const std::string ics = export_calendar(log, ev, "20250311T090000Z");
    CHECK(ics.find("DTSTART;VALUE=DATE:20261231\r\n") != std::string::npos);
    CHECK(ics.find("DTEND;VALUE=DATE:20270101\r\n") != std::string::npos);
}

TEST_CASE("TEXT values escape backslash, semicolon, comma and line breaks") {
    CHECK(ics_escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf");
}

TEST_CASE("folding never splits a UTF-8 character and continues with one space") {
    const std::string line = "SUMMARY:" + std::string(60, 'x') + "ééééééééééé"; // 68 + 22 octets
    const std::string folded = ics_fold_line(line);
    const auto physical = physical_lines(folded);
    REQUIRE(physical.size() == 2);
    CHECK(physical[0].size() <= 75);
    CHECK(physical[0].size() == 74); // the 4th é would make 76
    CHECK(physical[1][0] == ' ');
    CHECK(unfold(physical)[0] == line);
}
