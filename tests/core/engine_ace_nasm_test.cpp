// ACE and NASM: decimal units (0.1 = one hour), 2.0 per two years, CPR/AED with live skills, NASM's 0.1
// for CPR/AED.
#include "core/explain.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

TEST_CASE("ACE counts 20 hours as its 2.0 CECs, converting hour-based CECs at 0.1") {
    Credential c = cred("ace", "ace", "cpt", "2023-05-15", "2023-05-15", "2025-05-31");
    c.prerequisites.push_back(cpr_card("2024-01-01", "2026-01-01"));
    std::vector<Activity> acts = {act("ace-course", "2023-09-01", "1.2", Unit::ceu),
                                  act("acsm-webinar", "2024-02-01", "8", Unit::cec)};
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2025-05-01"));
    CHECK(ev.at(0, 1).applied == cr("0.8"));
    CHECK(ev.credentials[0].applied == cr("2.0"));
    CHECK(ev.credentials[0].status == CredentialStatus::ready_to_renew);
    CHECK(ev.credentials[0].days_left == 30);
}

TEST_CASE("ACE CPR/AED must include a live skills check") {
    Credential c = cred("ace", "ace", "cpt", "2023-05-15", "2023-05-15", "2025-05-31");
    c.prerequisites.push_back(cpr_card("2024-01-01", "2026-01-01"));
    c.prerequisites.back().hands_on = false;
    Evaluation ev =
        evaluate(shipped_packs(), {c}, {act("x", "2023-09-01", "2.0", Unit::ceu)}, d("2025-05-01"));
    CHECK(ev.credentials[0].status == CredentialStatus::prerequisite_missing);
    CHECK(status_label(ev.credentials[0]) == "Credits complete – Adult CPR/AED certificate with a live "
                                             "skills check lacks a hands-on skills check");
}

TEST_CASE("an expired CPR/AED card blocks renewal even when an older valid-looking card exists") {
    Credential c = cred("ace", "ace", "cpt", "2023-05-15", "2023-05-15", "2025-05-31");
    c.prerequisites.push_back(cpr_card("2021-01-01", "2023-01-01"));
    Evaluation ev =
        evaluate(shipped_packs(), {c}, {act("x", "2023-09-01", "2.0", Unit::ceu)}, d("2025-05-01"));
    CHECK(ev.credentials[0].prerequisite == PrerequisiteIssue::expired);
}

TEST_CASE("NASM counts CPR/AED as 0.1 CEU toward its 2.0") {
    Credential c = cred("nasm", "nasm", "cpt", "2023-03-01", "2023-03-01", "2025-02-28");
    std::vector<Activity> acts = {
        act("courses", "2023-06-01", "1.9", Unit::ceu),
        act("cpr", "2024-01-10", "4", Unit::contact_hour, Format::cpr_aed_first_aid)};
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2025-01-01"));
    CHECK(ev.at(0, 1).converted == cr("0.4"));
    CHECK(ev.at(0, 1).applied == cr("0.1"));
    CHECK(ev.at(0, 1).limit == Limit::per_cycle);
    CHECK(ev.credentials[0].applied == cr("2.0"));
    CHECK(ev.credentials[0].credits_complete);
}
