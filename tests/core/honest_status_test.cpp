// Issue #18 items 5 and 6: the dashboard's numbers and the renewal checklist say only what is true —
// no gauge at 100% while a category minimum is unmet, the amount still needed, no $0.00 for a fee the
// body does not publish, and no "0 of 0" gauge for a program that is not a credit total.
#include "core/explain.h"
#include "core/planner.h"
#include "core/renewal.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

TEST_CASE("an NCCPA gauge with 45 Category 1 and 60 Category 2 reads 95 of 100, not 100%") {
    Credential pa = cred("pa", "nccpa", "pa_c", "2010-07-01", "2024-01-01", "2025-12-31");
    std::vector<Activity> acts = {act("c1", "2024-06-01", "45", Unit::cme, Format::live, "cat1"),
                                  act("c2", "2024-07-01", "60", Unit::cme, Format::live, "cat2")};
    Evaluation ev = evaluate(shipped_packs(), {pa}, acts, d("2025-06-01"));
    const CredentialResult& r = ev.credentials[0];
    CHECK_FALSE(r.credits_complete);
    CHECK(r.applied == cr("105"));        // everything counted is still reported
    CHECK(r.toward_required == cr("95")); // Category 2 cannot stand in for the 5 Category 1 missing
    CHECK(r.percent == 95);
    CHECK(progress_text(r) == "95% 95 of 100");
    CHECK(remaining_text(r) == "5 remaining");
    REQUIRE(missing_minimums(r).size() == 1);
    CHECK(missing_minimums(r)[0] == "Category 1: 5 more CME needed (at least 50)");
    // The planner asks for the same 5.
    const auto plan_items = plan(ev);
    REQUIRE(plan_items.size() == 1);
    CHECK(plan_items[0].remaining == cr("5"));
}

TEST_CASE("an ACSM EP at 50 of 60 shows 10 remaining, and nothing once complete") {
    Credential ep = cred("ep", "acsm", "ep", "2021-03-15", "2024-01-01", "2026-12-31");
    std::vector<Activity> acts = {act("a", "2024-06-01", "50", Unit::cec, Format::online)};
    Evaluation ev = evaluate(shipped_packs(), {ep}, acts, d("2025-03-11"));
    CHECK(progress_text(ev.credentials[0]) == "83% 50 of 60");
    CHECK(remaining_text(ev.credentials[0]) == "10 remaining");
    acts.push_back(act("b", "2024-07-01", "10", Unit::cec, Format::online));
    Evaluation done = evaluate(shipped_packs(), {ep}, acts, d("2025-03-11"));
    CHECK(remaining_text(done.credentials[0]).empty());
}

TEST_CASE("a NAAEI fee the pack does not list is never shown as $0.00") {
    Credential cam = cred("cam", "naaei", "cam", "2015-06-01", "2025-01-01", "2025-12-31");
    std::vector<Activity> acts = {act("in", "2024-03-01", "8", Unit::cec, Format::live, "in_network")};
    Evaluation ev = evaluate(shipped_packs(), {cam}, acts, d("2025-02-01"));
    const CredentialResult& r = ev.credentials[0];
    REQUIRE(r.status == CredentialStatus::ready_to_renew);
    CHECK_FALSE(r.fee_listed);
    CHECK(fee_text(r) == "Fee: not listed by NAAEI \xe2\x80\x94 check with them");
    const Cart cart = build_cart(ev, {cam});
    REQUIRE(cart.lines.size() == 1);
    CHECK_FALSE(cart.lines[0].price_listed);
    CHECK(cart.unlisted);
}

TEST_CASE("a listed ACSM fee is still shown as the amount due") {
    Credential cpt = cred("cpt", "acsm", "cpt", "2021-03-15", "2024-01-01", "2026-12-31");
    Evaluation ev = evaluate(shipped_packs(), {cpt}, {}, d("2025-03-11"));
    CHECK(ev.credentials[0].fee_listed);
    CHECK(fee_text(ev.credentials[0]) == "Fee due: $60.00");
    CHECK_FALSE(build_cart(ev, {cpt}).unlisted);
}

TEST_CASE("ASM's transcript has no credit total, no 0 of 0 gauge and nothing to renew") {
    Credential t = cred("asm", "asm", "transcript", "2012-01-01", "2013-01-01", "2013-12-31");
    std::vector<Activity> acts = {act("s", "2013-05-01", "1.5", Unit::cme, Format::live)};
    Evaluation ev = evaluate(shipped_packs(), {t}, acts, d("2013-06-01"));
    const CredentialResult& r = ev.credentials[0];
    CHECK(r.status == CredentialStatus::record_only);
    CHECK(r.applied == cr("1.5"));
    CHECK(progress_text(r) ==
          "No credit total: claim credit for each session you attend (with its Badge ID or Group ID), complete "
          "its evaluation, then print your statement of credit; once printed it is final and no session can be "
          "added.");
    CHECK(status_label(r) == "Nothing to renew: a record of your credits");
    CHECK(fee_text(r) == "No fee: nothing to renew");
    CHECK(build_cart(ev, {t}).lines.empty());
}

TEST_CASE("NAAEI CAMT requires no CECs and says so instead of a gauge") {
    Credential c = cred("camt", "naaei", "camt", "2015-06-01", "2024-01-01", "2024-12-31");
    Evaluation ev = evaluate(shipped_packs(), {c}, {}, d("2024-02-01"));
    CHECK(progress_text(ev.credentials[0]) == "No credits required this cycle");
}
