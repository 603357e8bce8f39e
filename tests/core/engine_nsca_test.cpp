// NSCA scenarios: proration by certification date, at least two categories, category maxima, the 2.0 CEU
// per-event limit, college credit and IACET contact-hour conversion with rounding.
#include "core/explain.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

namespace {

Credits required_for(const char* certified) {
    Credential c = cred("c", "nsca", "cscs", certified, "2024-01-01", "2026-12-31");
    Evaluation ev = evaluate(shipped_packs(), {c}, {}, d("2025-01-01"));
    REQUIRE(ev.credentials[0].pack);
    return ev.credentials[0].required;
}

} // namespace

TEST_CASE("NSCA prorates the requirement by certification date, with inclusive boundaries") {
    CHECK(required_for("2015-04-01") == cr("6.0"));
    CHECK(required_for("2023-12-31") == cr("6.0"));
    CHECK(required_for("2024-01-01") == cr("4.0"));
    CHECK(required_for("2024-12-31") == cr("4.0"));
    CHECK(required_for("2025-01-01") == cr("2.0"));
    CHECK(required_for("2026-06-30") == cr("1.0"));
    CHECK(required_for("2026-07-01") == cr("0"));
}

TEST_CASE("NSCA category maxima follow the proration row") {
    Credential c = cred("c", "nsca", "cscs", "2024-05-01", "2024-01-01", "2026-12-31");
    Evaluation ev = evaluate(shipped_packs(), {c}, {}, d("2025-01-01"));
    const auto& cats = ev.credentials[0].categories;
    REQUIRE(cats.size() == 4);
    CHECK(cats[0].max == cr("3.5"));
    CHECK(cats[1].max == cr("3.0"));
}

TEST_CASE("NSCA needs CEUs from at least two categories") {
    Credential c = cred("c", "nsca", "cscs", "2010-01-01", "2024-01-01", "2026-12-31");
    std::vector<Activity> only_a;
    for (int i = 0; i < 4; ++i)
        only_a.push_back(
            act("a" + std::to_string(i), "2024-03-01", "2.0", Unit::ceu, Format::conference_session, "A"));
    Evaluation ev = evaluate(shipped_packs(), {c}, only_a, d("2025-01-01"));
    // Category A maximum 5.5 of 6.0 required: 8.0 earned, 5.5 applied.
    CHECK(ev.credentials[0].applied == cr("5.5"));
    CHECK(ev.at(0, 2).reason == Reason::counted_partly);
    CHECK(ev.at(0, 2).limit == Limit::category_max);
    CHECK(ev.at(0, 3).reason == Reason::limit_reached);
    CHECK(ev.credentials[0].distinct_categories == 1);
    CHECK_FALSE(ev.credentials[0].credits_complete);

    only_a.push_back(act("quiz", "2024-04-01", "0.5", Unit::ceu, Format::home_study, "B"));
    Evaluation ev2 = evaluate(shipped_packs(), {c}, only_a, d("2025-01-01"));
    CHECK(ev2.credentials[0].applied == cr("6.0"));
    CHECK(ev2.credentials[0].distinct_categories == 2);
    CHECK(ev2.credentials[0].credits_complete);
}

TEST_CASE("NSCA counts at most 2.0 CEUs for a single event") {
    Credential c = cred("c", "nsca", "cscs", "2010-01-01", "2024-01-01", "2026-12-31");
    std::vector<Activity> acts = {
        act("conf", "2024-07-10", "25", Unit::contact_hour, Format::conference_session, "A")};
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2025-01-01"));
    CHECK(ev.at(0, 0).converted == cr("2.5"));
    CHECK(ev.at(0, 0).applied == cr("2.0"));
    CHECK(ev.at(0, 0).limit == Limit::per_event);
    CHECK(describe(ev.at(0, 0), ev, acts, {c}) ==
          "Counted partly: 2 of 2.5 CEU applied: Category A limit of 2 per event reached.");
}

TEST_CASE("NSCA converts college credit and contact hours with IACET rounding") {
    Credential c = cred("c", "nsca", "cscs", "2010-01-01", "2024-01-01", "2026-12-31");
    std::vector<Activity> acts = {
        act("sem", "2024-05-01", "3", Unit::semester_credit, Format::college_course, "C"),
        act("qtr", "2024-06-01", "4", Unit::quarter_credit, Format::college_course, "C"),
        act("h15", "2024-07-01", "1.5", Unit::contact_hour, Format::online, "D"),
        act("h14", "2024-07-02", "1.4", Unit::contact_hour, Format::online, "D"),
        act("h02", "2024-07-03", "0.25", Unit::contact_hour, Format::online, "D"),
        act("h0", "2024-07-04", "0", Unit::contact_hour, Format::online, "D"),
    };
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2025-01-01"));
    CHECK(ev.at(0, 0).applied == cr("1.5")); // 3 × 0.5
    CHECK(ev.at(0, 1).applied == cr("1.2")); // 4 × 0.3
    CHECK(ev.at(0, 2).applied == cr("0.2")); // 0.15 → 0.2 (half-up)
    CHECK(ev.at(0, 3).applied == cr("0.1")); // 0.14 → 0.1
    CHECK(ev.at(0, 4).applied == cr("0.1")); // 0.025 → 0.0, raised to the 0.1 minimum
    CHECK(ev.at(0, 5).applied == cr("0"));   // nothing earned: no minimum
}

TEST_CASE("NSCA credits earned before the certification date do not count") {
    Credential c = cred("c", "nsca", "nsca_cpt", "2025-02-01", "2024-01-01", "2026-12-31");
    Evaluation ev =
        evaluate(shipped_packs(), {c}, {act("early", "2025-01-15", "1", Unit::ceu)}, d("2025-06-01"));
    CHECK(ev.at(0, 0).reason == Reason::before_window);
}

TEST_CASE("the CSCS and NSCA-CPT of one person share the same CEUs") {
    std::vector<Credential> creds = {
        cred("cscs", "nsca", "cscs", "2010-01-01", "2024-01-01", "2026-12-31"),
        cred("cpt", "nsca", "nsca_cpt", "2012-01-01", "2024-01-01", "2026-12-31")};
    std::vector<Activity> acts = {act("a", "2024-03-01", "2.0", Unit::ceu, Format::live, "A")};
    Evaluation ev = evaluate(shipped_packs(), creds, acts, d("2025-01-01"));
    CHECK(ev.at(0, 0).applied == cr("2.0"));
    CHECK(ev.at(1, 0).applied == cr("2.0"));
}

TEST_CASE("NSCA requires a hands-on CPR/AED card") {
    Credential c = cred("c", "nsca", "cscs", "2024-08-01", "2024-01-01", "2026-12-31");
    c.prerequisites.push_back(cpr_card());
    c.prerequisites.back().hands_on = false;
    Evaluation ev = evaluate(shipped_packs(), {c}, {}, d("2026-12-01")); // certified 2024-08: 4.0 required
    CHECK(ev.credentials[0].prerequisite == PrerequisiteIssue::no_hands_on);
}
