// Custom programs, and activities that may count for only one credential: allocation that maximizes
// progress and says where each credit went.
#include "core/explain.h"
#include "core/rulepack_codec.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

namespace {

// A body whose credentials may not share an activity; program "a" caps teaching at 2 per cycle.
PackSet exclusive_packs() {
    auto r = decode_rulepack(R"({
      "schema": 1, "body": "solo", "name": "Solo board", "version": "1", "unit": "PDH",
      "effective_from": "2020-01-01",
      "sources": [{"id": "s", "title": "Test rules", "url": "https://example.org/rules"}],
      "categories": [{"id": "general", "name": "General"}], "default_category": "general",
      "conversions": [{"from": "pdh", "factor": "1"}],
      "sharing": {"same_body": false, "other_bodies": true},
      "caps": [{"id": "teach", "label": "Teaching", "match": {"formats": ["teaching"]}, "period": "cycle",
                "max": "2", "programs": ["a"], "sources": ["s"]}],
      "programs": [
        {"id": "a", "name": "License A", "short_name": "A", "cycle": {"kind": "fixed", "years": 2},
         "requirements": [{"total": "10", "sources": ["s"]}]},
        {"id": "b", "name": "License B", "short_name": "B", "cycle": {"kind": "fixed", "years": 2},
         "requirements": [{"total": "10", "sources": ["s"]}]}
      ]})",
                             "solo.json");
    REQUIRE(r.ok());
    PackSet set = shipped_packs();
    set.packs.push_back(r.value());
    return set;
}

std::vector<Credential> two_licenses() {
    return {cred("la", "solo", "a", "2024-01-01", "2024-01-01", "2025-12-31"),
            cred("lb", "solo", "b", "2024-01-01", "2024-01-01", "2025-12-31")};
}

} // namespace

TEST_CASE("a custom program counts credits against the user's own total and categories") {
    Credential c = cred("lic", "custom", "custom", "2024-05-01", "2024-05-01", "2026-04-30");
    c.custom = CustomProgram{"State license", cr("24"), 24, {{"ethics", cr("2"), std::nullopt}}, usd("50")};
    std::vector<Activity> acts = {act("e", "2024-06-01", "1", Unit::contact_hour, Format::online, "ethics"),
                                  act("g", "2024-07-01", "30", Unit::pdh)};
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2025-01-01"));
    const CredentialResult& r = ev.credentials[0];
    REQUIRE(r.pack);
    CHECK(r.required == cr("24"));
    CHECK(r.applied == cr("31"));
    CHECK_FALSE(r.credits_complete); // ethics minimum 2 not met
    CHECK(r.categories[0].applied == cr("1"));
    CHECK(r.fee_due == usd("50"));
}

TEST_CASE("an activity that may not be shared goes to the credential that needs it most") {
    PackSet packs = exclusive_packs();
    std::vector<Activity> acts = {act("x", "2024-02-01", "8", Unit::pdh),
                                  act("y", "2024-03-01", "8", Unit::pdh)};
    Evaluation ev = evaluate(packs, two_licenses(), acts, d("2025-01-01"));
    CHECK(ev.credentials[0].applied == cr("8"));
    CHECK(ev.credentials[1].applied == cr("8"));
    CHECK(ev.at(0, 0).reason == Reason::counted);
    CHECK(ev.at(1, 0).reason == Reason::allocated_elsewhere);
    CHECK(ev.at(1, 0).other_credential == 0);
    CHECK(describe(ev.at(1, 0), ev, acts, two_licenses()) ==
          "Not counted here: applied to SOLO A instead (the rules do not allow sharing it).");
    CHECK(ev.at(1, 1).reason == Reason::counted);
    CHECK(ev.at(0, 1).reason == Reason::allocated_elsewhere);
}

TEST_CASE("when a cap would waste a shared activity, allocation moves it where it counts in full") {
    PackSet packs = exclusive_packs();
    std::vector<Activity> acts = {act("teach", "2024-02-01", "6", Unit::pdh, Format::teaching),
                                  act("course", "2024-03-01", "6", Unit::pdh)};
    Evaluation ev = evaluate(packs, two_licenses(), acts, d("2025-01-01"));
    // Best split: teaching (capped at 2 for A) goes to B, the course to A: 6 + 6.
    CHECK(ev.at(1, 0).reason == Reason::counted);
    CHECK(ev.at(0, 0).reason == Reason::allocated_elsewhere);
    CHECK(ev.at(0, 0).other_credential == 1);
    CHECK(ev.at(0, 1).reason == Reason::counted);
    CHECK(ev.credentials[0].applied == cr("6"));
    CHECK(ev.credentials[1].applied == cr("6"));
}

TEST_CASE("sharing across bodies is allowed while within one body it is not") {
    PackSet packs = exclusive_packs();
    std::vector<Credential> creds = two_licenses();
    creds.push_back(cred("cpt", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31"));
    Activity a = act("x", "2024-02-01", "8", Unit::pdh);
    Evaluation ev = evaluate(packs, creds, {a}, d("2025-01-01"));
    CHECK(ev.at(0, 0).reason == Reason::counted);
    CHECK(ev.at(1, 0).reason == Reason::allocated_elsewhere);
    CHECK(ev.at(2, 0).reason == Reason::counted); // ACSM also counts it (other bodies may share)
    CHECK(ev.at(2, 0).applied == cr("8"));
}

TEST_CASE("a credential without a rule pack is reported, not silently dropped") {
    Credential c = cred("x", "nobody", "p", "2024-01-01", "2024-01-01", "2025-12-31");
    Evaluation ev = evaluate(shipped_packs(), {c}, {act("a", "2024-02-01", "1")}, d("2025-01-01"));
    CHECK(ev.credentials[0].status == CredentialStatus::unknown_program);
    CHECK(ev.credentials[0].problem == "no rule pack for body \"nobody\"");
    CHECK(ev.at(0, 0).reason == Reason::no_rules);
}
