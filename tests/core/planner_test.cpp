// Planner: remaining credits per credential and category, deadline, monthly pace, and what-if deltas.
#include "core/planner.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

TEST_CASE("the planner shows what is left, by when and at what pace") {
    Credential ep = cred("ep", "acsm", "ep", "2021-01-01", "2024-01-01", "2026-12-31");
    std::vector<Activity> acts = {act("a", "2024-05-01", "50"), act("p", "2025-02-20", "3")};
    acts[1].status = ActivityStatus::pending;
    Evaluation ev = evaluate(shipped_packs(), {ep}, acts, d("2025-03-11"));
    auto items = plan(ev);
    REQUIRE(items.size() == 1);
    CHECK(items[0].remaining == cr("10"));
    CHECK(items[0].deadline == d("2026-12-31"));
    CHECK(items[0].months_left == 22);       // March 2025 through December 2026
    CHECK(items[0].per_month == cr("0.46")); // 10 / 22 = 0.4545… rounded up
    CHECK(items[0].pending == cr("3"));
    CHECK(items[0].prerequisite_needed);
}

TEST_CASE("the planner lists unmet category minimums and missing categories") {
    Credential cam = cred("cam", "naaei", "cam", "2015-06-01", "2024-01-01", "2024-12-31");
    Credential cscs = cred("cscs", "nsca", "cscs", "2010-01-01", "2024-01-01", "2026-12-31");
    std::vector<Activity> acts = {act("o", "2023-05-01", "8", Unit::cec, Format::online, "out_of_network"),
                                  act("n", "2024-05-01", "1.0", Unit::ceu, Format::live, "A")};
    Evaluation ev = evaluate(shipped_packs(), {cam, cscs}, acts, d("2024-06-01"));
    auto items = plan(ev);
    REQUIRE(items.size() == 2);
    // 8 of 8 in total, but none in-network: the 5 in-network CECs are still needed (out-of-network
    // credit cannot stand in for them), as the tile's gauge says.
    CHECK(items[0].remaining == cr("5"));
    REQUIRE(items[0].categories.size() == 1);
    CHECK(items[0].categories[0].id == "in_network");
    CHECK(items[0].categories[0].remaining == cr("5"));
    CHECK(items[1].remaining == cr("5"));
    CHECK(items[1].categories_missing == 1);
}

TEST_CASE("a credential past its deadline has no pace") {
    Credential ep = cred("ep", "acsm", "ep", "2021-01-01", "2024-01-01", "2026-12-31");
    auto items = plan(evaluate(shipped_packs(), {ep}, {}, d("2027-02-01")));
    REQUIRE(items.size() == 1);
    CHECK(items[0].days_left < 0);
    CHECK(items[0].per_month.is_zero());
}

TEST_CASE("what if I take this 10-hour course: each credential shows its delta") {
    std::vector<Credential> creds = {cred("ep", "acsm", "ep", "2021-01-01", "2024-01-01", "2026-12-31"),
                                     cred("cscs", "nsca", "cscs", "2010-01-01", "2024-01-01", "2026-12-31")};
    std::vector<Activity> acts = {act("a", "2024-05-01", "50")};
    acts[0].excluded_from = {"cscs"};
    Activity course = act("", "2025-04-05", "10", Unit::contact_hour, Format::live, "A");
    course.status = ActivityStatus::planned;
    auto deltas = what_if(shipped_packs(), creds, acts, course, d("2025-03-11"));
    REQUIRE(deltas.size() == 2);
    CHECK(deltas[0].applied_before == cr("50"));
    CHECK(deltas[0].applied_after == cr("60"));
    CHECK(deltas[0].remaining_after == cr("0"));
    CHECK(deltas[0].explanation.reason == Reason::counted);
    CHECK(deltas[1].applied_after - deltas[1].applied_before == cr("1.0"));
    CHECK(deltas[1].remaining_after == cr("5"));
    CHECK(acts.size() == 1); // inputs untouched
}
