// Credential statuses over time: in progress, credits complete – CPR missing, ready, grace period with late
// fee, lapsed with reinstatement, renewed.
#include "core/explain.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

namespace {

Credential complete_cpt() {
    Credential c = cred("cpt", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    c.prerequisites.push_back(cpr_card("2025-01-15", "2027-01-15"));
    return c;
}

std::vector<Activity> forty_five() {
    return {act("a", "2024-05-01", "45")};
}

} // namespace

TEST_CASE("a complete ACSM credential with an uploaded CPR card is ready to renew") {
    Evaluation ev = evaluate(shipped_packs(), {complete_cpt()}, forty_five(), d("2026-10-01"));
    const CredentialResult& r = ev.credentials[0];
    CHECK(r.status == CredentialStatus::ready_to_renew);
    CHECK(status_lines(r) == std::vector<std::string>{"RENEW"});
    CHECK(r.fee_due == usd("60"));
    CHECK(r.late_fee == Money());
}

TEST_CASE("after the cycle ends the six-month grace period adds the $80 late fee") {
    Evaluation ev = evaluate(shipped_packs(), {complete_cpt()}, forty_five(), d("2027-03-01"));
    const CredentialResult& r = ev.credentials[0];
    CHECK(r.status == CredentialStatus::grace_period);
    CHECK(r.grace_end == d("2027-06-30"));
    CHECK(r.late_fee == usd("80"));
    CHECK(r.fee_due == usd("140"));
    CHECK(r.days_left < 0);
    CHECK(status_label(r) == "In grace period until 2027-06-30 – late fee $80.00");
}

TEST_CASE("the last day of the grace period still allows late renewal; the next day it has lapsed") {
    Evaluation last = evaluate(shipped_packs(), {complete_cpt()}, forty_five(), d("2027-06-30"));
    CHECK(last.credentials[0].status == CredentialStatus::grace_period);
    Evaluation after = evaluate(shipped_packs(), {complete_cpt()}, forty_five(), d("2027-07-01"));
    CHECK(after.credentials[0].status == CredentialStatus::lapsed);
    CHECK(after.credentials[0].fee_due == usd("165"));
}

TEST_CASE("a body without a grace period lapses the day after the cycle ends") {
    Credential c = cred("pa", "nccpa", "pa_c", "2010-07-01", "2024-01-01", "2025-12-31");
    Evaluation ev = evaluate(shipped_packs(), {c}, {}, d("2026-01-01"));
    CHECK(ev.credentials[0].status == CredentialStatus::lapsed);
}

TEST_CASE("a renewed credential whose next cycle has not started shows as renewed with nothing due") {
    Credential c = complete_cpt();
    c.history.push_back({d("2026-10-02"), {d("2024-01-01"), d("2026-12-31")}, usd("60"), std::nullopt});
    c.cycle = {d("2027-01-01"), d("2029-12-31")};
    Evaluation ev = evaluate(shipped_packs(), {c}, forty_five(), d("2026-11-01"));
    CHECK(ev.credentials[0].status == CredentialStatus::renewed);
    CHECK(ev.credentials[0].fee_due == Money());
    CHECK(ev.at(0, 0).reason == Reason::before_window); // old credits stay in the old cycle
}

TEST_CASE("credits complete but CPR expired reads as a prerequisite problem, not as in progress") {
    Credential c = complete_cpt();
    c.prerequisites[0].expires = d("2026-01-01");
    Evaluation ev = evaluate(shipped_packs(), {c}, forty_five(), d("2026-10-01"));
    CHECK(ev.credentials[0].status == CredentialStatus::prerequisite_missing);
    CHECK(ev.credentials[0].prerequisite == PrerequisiteIssue::expired);
}

TEST_CASE("a newer uploaded card wins over an older expired one") {
    Credential c = complete_cpt();
    c.prerequisites.insert(c.prerequisites.begin(), cpr_card("2020-01-01", "2022-01-01"));
    Evaluation ev = evaluate(shipped_packs(), {c}, forty_five(), d("2026-10-01"));
    CHECK(ev.credentials[0].prerequisite == PrerequisiteIssue::none);
}

TEST_CASE("evaluation is deterministic and does not depend on the input order of same-day activities") {
    std::vector<Activity> acts = {act("a", "2025-03-01", "4", Unit::cec, Format::cpr_aed_first_aid),
                                  act("b", "2025-03-01", "4", Unit::cec, Format::cpr_aed_first_aid)};
    Evaluation one = evaluate(shipped_packs(), {complete_cpt()}, acts, d("2025-06-01"));
    Evaluation two = evaluate(shipped_packs(), {complete_cpt()}, acts, d("2025-06-01"));
    CHECK(one.at(0, 0).applied == two.at(0, 0).applied);
    CHECK(one.at(0, 0).applied == cr("4")); // input order breaks the tie
    CHECK(one.at(0, 1).applied == cr("1"));
    CHECK(one.credentials[0].applied == cr("5"));
}
