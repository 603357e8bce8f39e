// The audit packet dialog's cycle (issue #18): after a renewal it opens on the cycle just closed,
// whose activities it counts; the current cycle and every renewed one can be chosen.
#include "ui_harness.h"

using namespace recert;
using test::UiHarness;

namespace {

// two_credentials() one month after ACSM CPT's renewal closed 2024-2026 (its activities are 2025's).
core::Log renewed() {
    core::Log log = test::two_credentials();
    core::Credential& cpt = log.credentials[0];
    cpt.history.push_back({test::day("2026-12-04"), cpt.cycle, core::Money::from_cents(6000), std::nullopt});
    cpt.cycle = {test::day("2027-01-01"), test::day("2029-12-31")};
    return log;
}

const ui::SemNode* text_starting(std::string_view start) {
    for (const ui::SemNode& n : ui::semantics_nodes())
        if (n.role == ui::Role::text && n.name.rfind(start, 0) == 0) return &n;
    return nullptr;
}

} // namespace

TEST_CASE("the audit packet dialog opens on the cycle a renewal just closed and counts its activities") {
    UiHarness h;
    h.load(renewed(), "2027-01-10");
    h.state.reports.packet.open = true;
    h.frames(4);
    const ui::SemNode* cycle = test::find_node(ui::Role::combobox, "Cycle");
    REQUIRE(cycle);
    CHECK(cycle->value == "2024-01-01 to 2026-12-31 (renewed 2026-12-04)");
    const ui::SemNode* count = text_starting("3 activities in the statement for 2024-01-01 to 2026-12-31");
    CHECK(count);
    REQUIRE(test::find_node(ui::Role::button, "Open transcript of this cycle"));

    h.state.reports.packet.cycle = 0; // the person picks the current cycle
    h.frames();
    CHECK(test::find_node(ui::Role::combobox, "Cycle")->value == "2027-01-01 to 2029-12-31 (current cycle)");
    CHECK(text_starting("0 activities in the statement for 2027-01-01 to 2029-12-31"));
}
