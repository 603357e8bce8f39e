// NAAEI scenarios: previous-calendar-year window, CECs reused across credentials, in-network minimums,
// requirement rows that changed by renewal year, committee/teaching caps.
#include "core/explain.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

TEST_CASE("the NAAEI 2020 renewal ignores 2018 CECs and reuses 2019 CECs across CAM and CALP") {
    std::vector<Credential> creds = {cred("cam", "naaei", "cam", "2015-06-01", "2020-01-01", "2020-12-31"),
                                     cred("calp", "naaei", "calp", "2016-06-01", "2020-01-01", "2020-12-31")};
    std::vector<Activity> acts = {
        act("old", "2018-11-01", "6", Unit::cec, Format::live, "in_network"),
        act("apt-class", "2019-03-01", "4", Unit::cec, Format::live, "in_network"),
        act("webinar", "2019-09-01", "2", Unit::cec, Format::online, "out_of_network"),
        act("next-year", "2020-02-01", "5", Unit::cec, Format::live, "in_network"),
    };
    Evaluation ev = evaluate(shipped_packs(), creds, acts, d("2020-03-01"));
    for (std::size_t c = 0; c < 2; ++c) {
        CHECK(ev.at(c, 0).reason == Reason::before_window);
        CHECK(ev.at(c, 1).reason == Reason::counted);
        CHECK(ev.at(c, 2).reason == Reason::counted);
        CHECK(ev.at(c, 3).reason == Reason::after_window);
        CHECK(ev.credentials[c].applied == cr("6"));
        CHECK(ev.credentials[c].window.first == d("2019-01-01"));
        CHECK(ev.credentials[c].window.last == d("2019-12-31"));
    }
    // 2020 renewal rows: CAM 6 with at least half in-network; CALP (then NALP) 3.
    CHECK(ev.credentials[0].required == cr("6"));
    CHECK(ev.credentials[0].credits_complete);
    CHECK(ev.credentials[1].required == cr("3"));
    CHECK(ev.credentials[1].credits_complete);
    CHECK(ev.credentials[0].status == CredentialStatus::ready_to_renew);
}

TEST_CASE("NAAEI requirements from 2022 are 8 with 5 in-network for CAM and 5 with 3 for CALP") {
    std::vector<Credential> creds = {cred("cam", "naaei", "cam", "2015-06-01", "2024-01-01", "2024-12-31"),
                                     cred("calp", "naaei", "calp", "2016-06-01", "2024-01-01", "2024-12-31")};
    std::vector<Activity> acts = {
        act("in", "2023-03-01", "4", Unit::cec, Format::live, "in_network"),
        act("out", "2023-05-01", "5", Unit::cec, Format::online)}; // default: out_of_network
    Evaluation ev = evaluate(shipped_packs(), creds, acts, d("2024-02-01"));
    const CredentialResult& cam = ev.credentials[0];
    CHECK(cam.required == cr("8"));
    CHECK(cam.applied == cr("9"));
    REQUIRE(cam.categories.size() == 1);
    CHECK(cam.categories[0].applied == cr("4"));
    CHECK(cam.categories[0].min == cr("5"));
    CHECK_FALSE(cam.categories[0].met);
    CHECK_FALSE(cam.credits_complete); // total met, in-network minimum not
    CHECK(cam.status == CredentialStatus::in_progress);
    CHECK(ev.credentials[1].required == cr("5"));
    CHECK(ev.credentials[1].credits_complete); // 4 ≥ 3 in-network, 9 ≥ 5
}

TEST_CASE("NAAEI committee service counts at most 3 per year") {
    Credential c = cred("cam", "naaei", "cam", "2015-06-01", "2024-01-01", "2024-12-31");
    std::vector<Activity> acts = {
        act("board", "2023-01-15", "2", Unit::cec, Format::volunteering, "in_network"),
        act("committee", "2023-06-15", "2", Unit::cec, Format::volunteering, "in_network")};
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2024-02-01"));
    CHECK(ev.at(0, 1).applied == cr("1"));
    CHECK(describe(ev.at(0, 1), ev, acts, {c}) ==
          "Counted partly: 1 of 2 CEC applied: Board/committee service cap of 3 for 2023 reached.");
}

TEST_CASE("CAMT requires no CECs") {
    Credential c = cred("camt", "naaei", "camt", "2015-06-01", "2024-01-01", "2024-12-31");
    Evaluation ev = evaluate(shipped_packs(), {c}, {}, d("2024-02-01"));
    CHECK(ev.credentials[0].required.is_zero());
    CHECK(ev.credentials[0].percent == 100);
    CHECK(ev.credentials[0].status == CredentialStatus::ready_to_renew);
}
