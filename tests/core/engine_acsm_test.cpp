// ACSM scenarios, including the seeds' own dashboard numbers ("100% 45 of 45", "50 of 60") and caps.
#include "core/explain.h"
#include "core/log_codec.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

namespace {

struct Fixture {
    Log log;
    Evaluation ev;
};

Fixture dashboard() {
    auto r = decode_log(read_fixture("acsm_dashboard.json"));
    REQUIRE(r.ok());
    Fixture f{r.value(), {}};
    f.ev = evaluate(shipped_packs(), f.log.credentials, f.log.activities, d("2025-03-11"));
    return f;
}

} // namespace

TEST_CASE("ACSM CPT with 63 CECs in a 2024-2026 cycle shows 100% 45 of 45 and waits for the CPR upload") {
    Fixture f = dashboard();
    const CredentialResult& cpt = f.ev.credentials[0];
    CHECK(progress_text(cpt) == "100% 45 of 45");
    CHECK(cpt.applied == cr("63"));
    CHECK(cpt.pending == cr("3"));
    CHECK(cpt.days_left == 660);
    CHECK(cpt.credits_complete);
    CHECK(cpt.prerequisite == PrerequisiteIssue::not_uploaded);
    CHECK(cpt.status == CredentialStatus::prerequisite_missing);
    CHECK(status_lines(cpt) ==
          std::vector<std::string>{
              "Recertification in Process", "CPR Certificate Not Uploaded",
              "The Renew button will appear when all credits are submitted and your updated CPR "
              "Certificate is uploaded."});
    CHECK(cpt.fee_due == usd("60"));
}

TEST_CASE("ACSM EP at 50 of 60 is in progress and the CPR card is missing") {
    Fixture f = dashboard();
    const CredentialResult& ep = f.ev.credentials[1];
    CHECK(progress_text(ep) == "83% 50 of 60");
    CHECK(ep.status == CredentialStatus::in_progress);
    CHECK(ep.prerequisite == PrerequisiteIssue::missing);
    CHECK(status_lines(ep).front() == "Recertification in Process");
}

TEST_CASE("every activity of the dashboard fixture is explained for each credential") {
    Fixture f = dashboard();
    auto text = [&](std::size_t c, std::size_t a) {
        return describe(f.ev.at(c, a), f.ev, f.log.activities, f.log.credentials);
    };
    CHECK(f.ev.at(0, 0).reason == Reason::counted);
    CHECK(text(0, 0) == "Counted in full: 20 CEC.");
    CHECK(f.ev.at(0, 3).reason == Reason::counted_partly);
    CHECK(text(0, 3) == "Counted partly: 5 of 8 CEC applied: CPR/AED/First Aid cap of 5 for 2025 reached.");
    CHECK(f.ev.at(0, 5).reason == Reason::before_window);
    CHECK(text(0, 5) == "Not counted: earned 2023-12-15, before the credit window 2024-01-01 to 2026-12-31.");
    CHECK(f.ev.at(0, 6).reason == Reason::not_yet_posted);
    CHECK(text(0, 6) == "Not yet posted: 3 CEC pending (pending).");
    CHECK(f.ev.at(0, 7).reason == Reason::duplicate);
    CHECK(f.ev.at(1, 2).reason == Reason::excluded_by_user);
    CHECK(text(1, 2) == "Not counted: you marked it outside the scope of this certification.");
    CHECK(f.ev.at(0, 2).reason == Reason::counted);
}

TEST_CASE("the CPR/AED cap of 5 per year applies from 2025 and spans calendar years separately") {
    Credential c = cred("c", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    std::vector<Activity> acts = {
        act("cpr24", "2024-05-01", "4", Unit::cec, Format::cpr_aed_first_aid),
        act("cpr25a", "2025-01-10", "3", Unit::cec, Format::cpr_aed_first_aid),
        act("cpr25b", "2025-12-31", "3", Unit::cec, Format::cpr_aed_first_aid),
        act("cpr26", "2026-01-01", "3", Unit::cec, Format::cpr_aed_first_aid),
    };
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2026-06-01"));
    CHECK(ev.at(0, 0).reason == Reason::limit_reached); // not accepted before 2025 (cap 0)
    CHECK(ev.at(0, 0).limit_year == 2024);
    CHECK(ev.at(0, 1).applied == cr("3"));
    CHECK(ev.at(0, 2).applied == cr("2")); // 3 of 5 used in 2025
    CHECK(ev.at(0, 2).limit_used == cr("3"));
    CHECK(ev.at(0, 3).applied == cr("3")); // 2026 is a fresh year
    CHECK(ev.credentials[0].applied == cr("8"));
    const auto& caps = ev.credentials[0].caps;
    bool saw_2025 = false;
    for (const auto& u : caps)
        if (u.year == 2025 && pack("acsm").caps[std::size_t(u.cap)].id == "cpr_per_year") {
            saw_2025 = true;
            CHECK(u.used == cr("5"));
            CHECK(u.max == cr("5"));
        }
    CHECK(saw_2025);
}

TEST_CASE("committee volunteering is capped at 8 per year and 24 per cycle") {
    Credential c = cred("c", "acsm", "ep", "2021-01-01", "2024-01-01", "2026-12-31");
    std::vector<Activity> acts = {
        act("v1", "2024-03-01", "10", Unit::cec, Format::volunteering),
        act("v2", "2025-03-01", "8", Unit::cec, Format::volunteering),
        act("v3", "2026-03-01", "8", Unit::cec, Format::volunteering),
        act("v4", "2026-04-01", "8", Unit::cec, Format::volunteering),
    };
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2026-06-01"));
    CHECK(ev.at(0, 0).applied == cr("8"));
    CHECK(ev.at(0, 0).limit == Limit::per_year);
    CHECK(ev.at(0, 1).applied == cr("8"));
    CHECK(ev.at(0, 2).applied == cr("8"));
    CHECK(ev.at(0, 3).reason == Reason::limit_reached);
    CHECK(ev.credentials[0].applied == cr("24"));
}

TEST_CASE("a cycle spanning four calendar years hits the 24-per-cycle volunteering cap before a yearly cap") {
    Credential c = cred("c", "acsm", "ep", "2021-07-01", "2024-07-01", "2027-06-30");
    std::vector<Activity> acts = {
        act("v24", "2024-08-01", "8", Unit::cec, Format::volunteering),
        act("v25", "2025-08-01", "8", Unit::cec, Format::volunteering),
        act("v26", "2026-08-01", "8", Unit::cec, Format::volunteering),
        act("v27", "2027-02-01", "4", Unit::cec, Format::volunteering),
    };
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2027-03-01"));
    CHECK(ev.credentials[0].applied == cr("24"));
    CHECK(ev.at(0, 3).reason == Reason::limit_reached);
    CHECK(ev.at(0, 3).limit == Limit::per_cycle);
    CHECK(
        describe(ev.at(0, 3), ev, acts, {c}) ==
        "Not counted: Committee volunteering cap of 24 for the cycle already reached (0 of 4 CEC applied).");
}

TEST_CASE("teaching is capped at 5 per year") {
    Credential c = cred("c", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    Evaluation ev = evaluate(shipped_packs(), {c},
                             {act("t", "2024-05-01", "12", Unit::cec, Format::teaching)}, d("2025-01-01"));
    CHECK(ev.at(0, 0).applied == cr("5"));
    CHECK(ev.at(0, 0).converted == cr("12"));
}

TEST_CASE("ACSM converts decimal CEUs and college semester credits to CECs") {
    Credential c = cred("c", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    std::vector<Activity> acts = {
        act("nsca-course", "2024-05-01", "1.5", Unit::ceu),
        act("college", "2024-09-01", "3", Unit::semester_credit, Format::college_course),
        act("quarter", "2024-09-01", "4", Unit::quarter_credit, Format::college_course)};
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2025-01-01"));
    CHECK(ev.at(0, 0).applied == cr("15"));
    CHECK(ev.at(0, 1).applied == cr("30"));
    CHECK(ev.at(0, 2).reason == Reason::unit_not_accepted);
}

TEST_CASE("cycle boundaries are inclusive on both ends") {
    Credential c = cred("c", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    std::vector<Activity> acts = {act("first", "2024-01-01", "1"), act("last", "2026-12-31", "1"),
                                  act("before", "2023-12-31", "1"), act("after", "2027-01-01", "1")};
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2027-01-02"));
    CHECK(ev.at(0, 0).reason == Reason::counted);
    CHECK(ev.at(0, 1).reason == Reason::counted);
    CHECK(ev.at(0, 2).reason == Reason::before_window);
    CHECK(ev.at(0, 3).reason == Reason::after_window);
}

TEST_CASE("zero and fractional credits count exactly") {
    Credential c = cred("c", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    std::vector<Activity> acts = {act("z", "2024-02-01", "0"), act("f1", "2024-02-02", "0.25"),
                                  act("f2", "2024-02-03", "0.75"), act("f3", "2024-02-04", "44")};
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2025-01-01"));
    CHECK(ev.at(0, 0).reason == Reason::counted);
    CHECK(ev.at(0, 0).applied.is_zero());
    CHECK(ev.credentials[0].applied == cr("45"));
    CHECK(ev.credentials[0].credits_complete);
}

TEST_CASE("activity statuses: only posted and verified count; rejected and planned never do") {
    Credential c = cred("c", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    std::vector<Activity> acts;
    const ActivityStatus all[] = {ActivityStatus::planned,  ActivityStatus::claimed,
                                  ActivityStatus::pending,  ActivityStatus::posted,
                                  ActivityStatus::verified, ActivityStatus::rejected};
    for (int i = 0; i < 6; ++i) {
        acts.push_back(act("s" + std::to_string(i), "2024-03-01", "2"));
        acts.back().status = all[i];
    }
    Evaluation ev = evaluate(shipped_packs(), {c}, acts, d("2025-01-01"));
    CHECK(ev.at(0, 0).reason == Reason::planned);
    CHECK(ev.at(0, 1).reason == Reason::not_yet_posted);
    CHECK(ev.at(0, 2).reason == Reason::not_yet_posted);
    CHECK(ev.at(0, 3).reason == Reason::counted);
    CHECK(ev.at(0, 4).reason == Reason::counted);
    CHECK(ev.at(0, 5).reason == Reason::rejected);
    CHECK(ev.credentials[0].applied == cr("4"));
    CHECK(ev.credentials[0].pending == cr("4"));
    CHECK(ev.credentials[0].planned == cr("2"));
}

TEST_CASE("a posted activity dated after today does not count yet") {
    Credential c = cred("c", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    Evaluation ev = evaluate(shipped_packs(), {c}, {act("f", "2025-06-01", "5")}, d("2025-03-11"));
    CHECK(ev.at(0, 0).reason == Reason::after_today);
    CHECK(ev.credentials[0].applied.is_zero());
}
