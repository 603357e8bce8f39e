// Renewal cart (full fee per certification, late fee line in grace) and recording a renewal.
#include "core/renewal.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

namespace {

Credential ready(const char* id, const char* program) {
    Credential c = cred(id, "acsm", program, "2021-01-01", "2024-01-01", "2026-12-31");
    c.prerequisites.push_back(cpr_card("2025-01-15", "2027-01-15"));
    return c;
}

} // namespace

TEST_CASE("an ACSM cart with GEI and EP has $60 and $70 lines totalling $130") {
    std::vector<Credential> creds = {ready("gei", "gei"), ready("ep", "ep")};
    Evaluation ev = evaluate(shipped_packs(), creds, {act("a", "2024-05-01", "60")}, d("2026-10-01"));
    Cart cart = build_cart(ev, creds);
    REQUIRE(cart.lines.size() == 2);
    CHECK(cart.lines[0].description == "GEI Recertification");
    CHECK(cart.lines[0].qty == 1);
    CHECK(cart.lines[0].unit_price == usd("60.00"));
    CHECK(cart.lines[0].total == usd("60.00"));
    CHECK(cart.lines[1].description == "EP Recertification");
    CHECK(cart.lines[1].unit_price == usd("70.00"));
    CHECK(cart.total == usd("130.00"));
}

TEST_CASE("the cart leaves out credentials that are not ready and can be limited to chosen ones") {
    std::vector<Credential> creds = {ready("gei", "gei"), ready("ep", "ep")};
    Evaluation ev = evaluate(shipped_packs(), creds, {act("a", "2024-05-01", "50")}, d("2026-10-01"));
    Cart cart = build_cart(ev, creds); // EP has 50 of 60
    REQUIRE(cart.lines.size() == 1);
    CHECK(cart.lines[0].credential_id == "gei");
    Evaluation all = evaluate(shipped_packs(), creds, {act("a", "2024-05-01", "60")}, d("2026-10-01"));
    CHECK(build_cart(all, creds, {"ep"}).total == usd("70"));
}

TEST_CASE("in the grace period the cart adds a late fee line") {
    std::vector<Credential> creds = {ready("ep", "ep")};
    Evaluation ev = evaluate(shipped_packs(), creds, {act("a", "2024-05-01", "60")}, d("2027-02-01"));
    Cart cart = build_cart(ev, creds);
    REQUIRE(cart.lines.size() == 2);
    CHECK(cart.lines[1].description == "EP Late Fee");
    CHECK(cart.lines[1].total == usd("80"));
    CHECK(cart.total == usd("150"));
}

TEST_CASE("recording a renewal rolls the credential to its next cycle and keeps history") {
    Credential ep = ready("ep", "ep");
    EvidenceRef receipt{std::string(64, 'f'), "receipt.pdf", "application/pdf"};
    auto r = record_renewal(ep, d("2026-10-02"), usd("70"), receipt, shipped_packs());
    REQUIRE(r.ok());
    const Credential& next = r.value();
    CHECK(next.cycle.first == d("2027-01-01"));
    CHECK(next.cycle.last == d("2029-12-31"));
    REQUIRE(next.history.size() == 1);
    CHECK(next.history[0].cycle.first == d("2024-01-01"));
    CHECK(next.history[0].amount == usd("70"));
    CHECK(next.history[0].receipt == receipt);
    CHECK(ep.history.empty()); // input untouched
}

TEST_CASE("recording a NAAEI renewal moves to the next renewal year and its previous-year window") {
    Credential cam = cred("cam", "naaei", "cam", "2015-06-01", "2020-01-01", "2020-12-31");
    auto r = record_renewal(cam, d("2020-02-01"), Money(), std::nullopt, shipped_packs());
    REQUIRE(r.ok());
    CHECK(r.value().cycle.first == d("2021-01-01"));
    Evaluation ev =
        evaluate(shipped_packs(), {r.value()},
                 {act("y2019", "2019-06-01", "6"), act("y2020", "2020-06-01", "6")}, d("2021-02-01"));
    CHECK(ev.at(0, 0).reason == Reason::before_window); // 2019 CECs served the 2020 renewal only
    CHECK(ev.at(0, 1).reason == Reason::counted);
}

TEST_CASE("recording a renewal fails without changes for unknown programs or impossible dates") {
    Credential bad = cred("x", "acsm", "nope", "2021-01-01", "2024-01-01", "2026-12-31");
    CHECK_FALSE(record_renewal(bad, d("2026-10-01"), usd("60"), std::nullopt, shipped_packs()).ok());
    Credential ep = ready("ep", "ep");
    auto early = record_renewal(ep, d("2023-06-01"), usd("70"), std::nullopt, shipped_packs());
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().message == "renewal date 2023-06-01 is before the cycle start 2024-01-01");
}

TEST_CASE("after a renewal a statement can be stated for the closed cycle, which it opens on while the new one is empty") {
    Credential cpt = ready("cpt", "cpt");
    auto renewed = record_renewal(cpt, d("2026-12-04"), usd("60"), std::nullopt, shipped_packs());
    REQUIRE(renewed.ok());
    const Credential& now = renewed.value();
    const std::vector<DateRange> cycles = statement_cycles(now);
    REQUIRE(cycles.size() == 2);
    CHECK(cycles[0] == now.cycle);                              // the current cycle first
    CHECK(cycles[1] == DateRange{d("2024-01-01"), d("2026-12-31")}); // then the closed one
    // As it stood in the closed cycle: that cycle, no renewal of it yet.
    const Credential then = as_in_cycle(now, cycles[1]);
    CHECK(then.cycle == cycles[1]);
    CHECK(then.history.empty());
    CHECK(as_in_cycle(now, cycles[0]).history == now.history);

    std::vector<Activity> acts{act("a1", "2025-05-01", "20")};
    const Evaluation current = evaluate(shipped_packs(), {now}, acts, d("2026-12-10"));
    CHECK(current.credentials[0].applied.is_zero());
    CHECK(default_statement_cycle(now, current.credentials[0]) == cycles[1]);
    const Evaluation past = evaluate(shipped_packs(), {then}, acts, d("2026-12-10"));
    CHECK(past.credentials[0].applied == cr("20"));
    // Once the new cycle has something, it is the default again; never renewed: the current cycle.
    acts.push_back(act("a2", "2027-02-01", "2"));
    const Evaluation later = evaluate(shipped_packs(), {now}, acts, d("2027-03-01"));
    CHECK(default_statement_cycle(now, later.credentials[0]) == now.cycle);
    CHECK(default_statement_cycle(cpt, evaluate(shipped_packs(), {cpt}, {}, d("2025-01-01")).credentials[0]) == cpt.cycle);
}
