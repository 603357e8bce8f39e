// What the person reads names credentials and bodies, never record ids or pack ids (issue #18 items 7
// and 10): the renewal history, the Record renewal dialog, the ready-to-renew list, the Audit view.
#include "ui_harness.h"

using namespace recert;
using test::UiHarness;

namespace {

// ACSM CPT renewed on 2026-12-04 (cycle 2024-2026 closed), with a credential id a person must not see.
core::Log renewed() {
    core::Log log = test::two_credentials();
    core::Credential& cpt = log.credentials[0];
    cpt.id = "57c0907c-1111-4222-8333-944445555666";
    cpt.history.push_back({test::day("2026-12-04"), cpt.cycle, core::Money::from_cents(6000), std::nullopt});
    cpt.cycle = {test::day("2027-01-01"), test::day("2029-12-31")};
    return log;
}

} // namespace

TEST_CASE("renewal history names the credential and its body") {
    UiHarness h;
    h.load(renewed(), "2027-01-10");
    h.open(ui::View::renewal);
    h.frames();
    CHECK(test::node_containing("ACSM Certified Personal Trainer (American College of Sports Medicine): cycle 2024-01-01"));
    CHECK_FALSE(test::node_containing("cpt: cycle"));
    CHECK_FALSE(test::node_containing("57c0907c"));
}

TEST_CASE("the Record renewal dialog names the credential it records") {
    UiHarness h;
    h.load(renewed(), "2027-01-10");
    ui::open_renewal_form(h.state, h.state.data.log.credentials[0].id);
    h.frames(4);
    CHECK(test::node_containing("Renewal of ACSM Certified Personal Trainer (American College of Sports Medicine), cycle "
                          "2027-01-01"));
}

TEST_CASE("the Audit view's retention line names the credential, not its program id") {
    UiHarness h;
    h.load(renewed(), "2027-01-10");
    h.open(ui::View::audit);
    h.frames();
    CHECK(test::node_containing("ACSM CPT: renewed 2026-12-04; keep certificates until"));
    CHECK_FALSE(test::node_containing("cpt: renewed"));
}

TEST_CASE("a credential ready to renew is named, not shown by its program id") {
    core::Log log = test::two_credentials();
    log.credentials[0].prerequisites.push_back(
        {"cpr_aed", test::day("2025-01-15"), test::day("2027-01-15"), true,
         core::EvidenceRef{std::string(64, 'a'), "card.pdf", "application/pdf"}});
    log.activities[0].amount = core::Credits::whole(45);
    UiHarness h;
    h.load(log, "2026-11-01");
    h.open(ui::View::renewal);
    h.frames();
    CHECK(test::node_containing("ACSM Certified Personal Trainer is ready to renew"));
    CHECK_FALSE(test::node_containing("cpt is ready to renew"));
}

TEST_CASE("the Activities table shows a credit type by its name in the pack, not its id") {
    core::Log log;
    log.credentials.push_back(test::credential("cam", "naaei", "cam", "2025-01-01", "2025-12-31"));
    core::Activity a = test::activity("a1", "Fair housing update", "2024-05-01", "3");
    a.category = "in_network";
    log.activities.push_back(a);
    UiHarness h;
    h.load(log, "2025-03-01");
    h.open(ui::View::activities);
    h.frames();
    const ui::SemNode* cell = nullptr;
    for (const ui::SemNode& n : ui::semantics_nodes())
        if (n.role == ui::Role::gridcell && n.name == "In-network") cell = &n;
    CHECK(cell);
    for (const ui::SemNode& n : ui::semantics_nodes()) CHECK(n.name != "in_network");
}

TEST_CASE("a credential whose program has no rules is still named by its body and program, not a bare id") {
    core::Log log;
    log.credentials.push_back(test::credential("57c0907c-1111-4222-8333-944445555666", "acsm", "xyz", "2024-01-01",
                                               "2026-12-31"));
    UiHarness h(std::move(log));
    CHECK(test::find_node(ui::Role::group, "ACSM XYZ"));
    CHECK(test::find_node(ui::Role::heading, "ACSM XYZ"));
    CHECK_FALSE(test::node_containing("57c0907c"));
}
