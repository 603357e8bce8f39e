// NCCPA PA-C: 100 CME with at least 50 Category 1, self-assessment ×1.5, first 20 PI-CME of a cycle ×2.
#include "core/explain.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

namespace {

Credential pa() {
    return cred("pa", "nccpa", "pa_c", "2010-07-01", "2024-01-01", "2025-12-31");
}

} // namespace

TEST_CASE("self-assessment Category 1 CME counts one and a half times") {
    std::vector<Activity> acts = {act("sa", "2024-06-01", "10", Unit::cme, Format::online, "cat1_sa"),
                                  act("sa-odd", "2024-06-02", "0.25", Unit::cme, Format::online, "cat1_sa")};
    Evaluation ev = evaluate(shipped_packs(), {pa()}, acts, d("2025-01-01"));
    CHECK(ev.at(0, 0).applied == cr("15"));
    CHECK(ev.at(0, 1).applied == cr("0.38")); // 0.375 rounded half-up to 0.01
    CHECK(describe(ev.at(0, 0), ev, acts, {pa()}) == "Counted in full: 15 CME (self-assessment ×1.5).");
    REQUIRE(ev.credentials[0].categories.size() == 1);
    CHECK(ev.credentials[0].categories[0].applied == cr("15.38")); // feeds Category 1
}

TEST_CASE("only the first 20 PI-CME credits of a cycle count double, in date order") {
    std::vector<Activity> acts = {act("pi2", "2024-09-01", "15", Unit::cme, Format::online, "cat1_pi"),
                                  act("pi1", "2024-03-01", "10", Unit::cme, Format::online, "cat1_pi")};
    Evaluation ev = evaluate(shipped_packs(), {pa()}, acts, d("2025-01-01"));
    CHECK(ev.at(0, 1).applied == cr("20")); // earlier: 10 × 2
    CHECK(ev.at(0, 0).applied == cr("25")); // 10 × 2 + 5
    CHECK(ev.credentials[0].applied == cr("45"));
}

TEST_CASE("PA-C needs at least 50 Category 1 credits among its 100") {
    std::vector<Activity> acts = {act("c2", "2024-06-01", "70", Unit::cme, Format::live, "cat2"),
                                  act("c1", "2024-07-01", "40", Unit::cme, Format::live, "cat1")};
    Evaluation ev = evaluate(shipped_packs(), {pa()}, acts, d("2025-06-01"));
    CHECK(ev.credentials[0].applied == cr("110"));
    CHECK_FALSE(ev.credentials[0].credits_complete);
    CHECK(ev.credentials[0].status == CredentialStatus::in_progress);
    acts.push_back(act("c1b", "2024-08-01", "10", Unit::cme, Format::live, "cat1"));
    Evaluation ev2 = evaluate(shipped_packs(), {pa()}, acts, d("2025-06-01"));
    CHECK(ev2.credentials[0].credits_complete);
    CHECK(ev2.credentials[0].status == CredentialStatus::ready_to_renew);
    CHECK(ev2.credentials[0].fee_due == usd("180"));
}

TEST_CASE("NCCPA has no default category: uncategorized CME is out of scope and says so") {
    std::vector<Activity> acts = {act("x", "2024-06-01", "5", Unit::cme, Format::live, "")};
    Evaluation ev = evaluate(shipped_packs(), {pa()}, acts, d("2025-01-01"));
    CHECK(ev.at(0, 0).reason == Reason::category_out_of_scope);
}

TEST_CASE("a per-body category override lets one activity be Category 1 for NCCPA and A for NSCA") {
    std::vector<Credential> creds = {pa(),
                                     cred("cscs", "nsca", "cscs", "2010-01-01", "2024-01-01", "2026-12-31")};
    Activity a = act("conf", "2024-06-01", "12", Unit::cme, Format::conference_session, "");
    a.category_for = {{"nccpa", "cat1"}, {"nsca", "A"}};
    Evaluation ev = evaluate(shipped_packs(), creds, {a}, d("2025-01-01"));
    CHECK(ev.at(0, 0).applied == cr("12"));
    CHECK(ev.at(1, 0).applied == cr("1.2")); // 12 hours at NSCA: 0.1 per hour
}

TEST_CASE("the NCCPA maintenance fee changes on its effective date") {
    Evaluation before = evaluate(shipped_packs(), {pa()}, {}, d("2025-06-01"));
    CHECK(before.credentials[0].renewal_fee == usd("180"));
    Credential next = cred("pa", "nccpa", "pa_c", "2010-07-01", "2026-01-01", "2027-12-31");
    Evaluation after = evaluate(shipped_packs(), {next}, {}, d("2026-02-01"));
    CHECK(after.credentials[0].renewal_fee == usd("195"));
}
