// Cycle arithmetic: first cycles, roll-over to the next cycle and credit windows for each cycle kind.
#include "core/rulepack.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

TEST_CASE("a fixed three-year cycle ends the day before the third anniversary") {
    CycleRule r;
    r.kind = CycleKind::fixed;
    r.months = 36;
    DateRange c = default_cycle(r, d("2024-01-01"));
    CHECK(c.last == d("2026-12-31"));
    DateRange n = next_cycle(r, c);
    CHECK(n.first == d("2027-01-01"));
    CHECK(n.last == d("2029-12-31"));
}

TEST_CASE("a cycle starting on a leap day rolls over to February 28") {
    CycleRule r;
    r.kind = CycleKind::fixed;
    r.months = 12;
    DateRange c = default_cycle(r, d("2024-02-29"));
    CHECK(c.last == d("2025-02-27"));
    CHECK(next_cycle(r, c).first == d("2025-02-28"));
}

TEST_CASE("ACE certifications expire on the last day of the month two years later") {
    const Program& p = *pack("ace").find_program("cpt");
    DateRange c = default_cycle(p.cycle, d("2023-05-15"));
    CHECK(c.first == d("2023-05-15"));
    CHECK(c.last == d("2025-05-31"));
    DateRange n = next_cycle(p.cycle, c);
    CHECK(n.first == d("2025-06-01"));
    CHECK(n.last == d("2027-05-31"));
}

TEST_CASE("NSCA cycles are aligned calendar triennia and the window starts at certification") {
    const Program& p = *pack("nsca").find_program("cscs");
    DateRange c = default_cycle(p.cycle, d("2025-06-10"));
    CHECK(c.first == d("2024-01-01"));
    CHECK(c.last == d("2026-12-31"));
    CHECK(credit_window(p.cycle, c, d("2025-06-10")).first == d("2025-06-10"));
    CHECK(credit_window(p.cycle, c, d("2010-01-01")).first == d("2024-01-01"));
    CHECK(next_cycle(p.cycle, c).last == d("2029-12-31"));
}

TEST_CASE("NAAEI renewals use the previous calendar year as the window") {
    const Program& p = *pack("naaei").find_program("cam");
    DateRange c = default_cycle(p.cycle, d("2019-03-01"));
    CHECK(c.first == d("2020-01-01"));
    CHECK(c.last == d("2020-12-31"));
    DateRange w = credit_window(p.cycle, c, d("2019-03-01"));
    CHECK(w.first == d("2019-01-01"));
    CHECK(w.last == d("2019-12-31"));
    CHECK(next_cycle(p.cycle, c).first == d("2021-01-01"));
}

TEST_CASE("the NCCPA window opens May 1 of the issue year, or on the issue date for new PAs") {
    const Program& p = *pack("nccpa").find_program("pa_c");
    DateRange c{d("2018-06-01"), d("2020-12-31")};
    CHECK(credit_window(p.cycle, c, d("2005-07-01")).first == d("2018-05-01"));
    DateRange fresh = default_cycle(p.cycle, d("2023-08-15"));
    CHECK(fresh.last == d("2025-12-31"));
    CHECK(credit_window(p.cycle, fresh, d("2023-08-15")).first == d("2023-08-15"));
    CHECK(next_cycle(p.cycle, c).last == d("2022-12-31"));
}

TEST_CASE("an ACSM certification of 2021-03-15 runs to the end of 2023, then 1/1/2024 - 12/31/2026") {
    // ACSM: three calendar years ending December 31 (the seed's dashboard: 1/1/2024 - 12/31/2026),
    // never 36 months from the certification date (2024-03-15 - 2027-03-14).
    for (const char* program : {"gei", "cpt", "ep", "cep"}) {
        const CycleRule& rule = pack("acsm").find_program(program)->cycle;
        const DateRange first = default_cycle(rule, d("2021-03-15"));
        CHECK(first == DateRange{d("2021-03-15"), d("2023-12-31")});
        const DateRange seed_cycle{d("2024-01-01"), d("2026-12-31")};
        CHECK(next_cycle(rule, first) == seed_cycle);
        CHECK(credit_window(rule, seed_cycle, d("2021-03-15")) == seed_cycle);
    }
}
