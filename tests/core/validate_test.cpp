// Validation of entered activities and credentials: every problem names its field.
#include "core/validate.h"

#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

namespace {
bool has_field(const std::vector<FieldError>& errors, const std::string& field) {
    for (const auto& e : errors)
        if (e.field == field) return true;
    return false;
}
} // namespace

TEST_CASE("a complete self-reported activity is valid") {
    REQUIRE(validate_activity(act("a", "2025-03-01", "1.5"), d("2025-03-11")).empty());
}

TEST_CASE("an activity without a title or credits names both fields") {
    Activity a = act("a", "2025-03-01", "0");
    a.title = "   ";
    const auto errors = validate_activity(a, d("2025-03-11"));
    REQUIRE(has_field(errors, "title"));
    REQUIRE(has_field(errors, "amount"));
    REQUIRE(errors.size() == 2);
}

TEST_CASE("a negative or absurd amount is refused") {
    REQUIRE(has_field(validate_activity(act("a", "2025-03-01", "-1"), d("2025-03-11")), "amount"));
    REQUIRE(has_field(validate_activity(act("a", "2025-03-01", "1000.01"), d("2025-03-11")), "amount"));
    REQUIRE(validate_activity(act("a", "2025-03-01", "1000"), d("2025-03-11")).empty());
}

TEST_CASE("a future date earned is refused unless the activity is planned") {
    Activity a = act("a", "2025-04-01", "2");
    REQUIRE(has_field(validate_activity(a, d("2025-03-11")), "earned"));
    a.status = ActivityStatus::planned;
    REQUIRE(validate_activity(a, d("2025-03-11")).empty());
    REQUIRE(validate_activity(act("a", "2025-03-11", "2"), d("2025-03-11")).empty()); // today itself is fine
}

TEST_CASE("a date reported before the date earned is refused") {
    Activity a = act("a", "2025-03-01", "2");
    a.reported = d("2025-02-28");
    REQUIRE(has_field(validate_activity(a, d("2025-03-11")), "reported"));
}

TEST_CASE("claim-per-session activities need titled sessions with hours instead of an amount") {
    Activity a = act("a", "2025-03-01", "0");
    a.sessions.push_back({"Keynote", cr("1.5"), true});
    REQUIRE(validate_activity(a, d("2025-03-11")).empty());
    a.sessions.push_back({"", cr("0"), false});
    const auto errors = validate_activity(a, d("2025-03-11"));
    REQUIRE(errors.size() == 2);
    REQUIRE(errors[0].message == "Session 2 needs a title.");
}

TEST_CASE("a damaged evidence reference is refused") {
    Activity a = act("a", "2025-03-01", "1");
    a.evidence.push_back({"not-a-hash", "cert.pdf", "application/pdf"});
    REQUIRE(has_field(validate_activity(a, d("2025-03-11")), "evidence"));
}

TEST_CASE("a credential needs a known body and program") {
    Credential c = cred("c", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    REQUIRE(validate_credential(c, shipped_packs(), d("2025-03-11")).empty());
    c.program = "astronaut";
    REQUIRE(has_field(validate_credential(c, shipped_packs(), d("2025-03-11")), "program"));
    c.body = "nobody";
    REQUIRE(has_field(validate_credential(c, shipped_packs(), d("2025-03-11")), "body"));
}

TEST_CASE("a credential's cycle must end after it starts and certification cannot be in the future") {
    Credential c = cred("c", "acsm", "cpt", "2026-01-01", "2024-01-01", "2023-12-31");
    const auto errors = validate_credential(c, shipped_packs(), d("2025-03-11"));
    REQUIRE(has_field(errors, "cycle"));
    REQUIRE(has_field(errors, "certified_on"));
}

TEST_CASE("a custom program needs a name, credits and a sensible cycle") {
    Credential c = cred("c", "custom", "", "2024-01-01", "2024-01-01", "2025-12-31");
    REQUIRE(has_field(validate_credential(c, shipped_packs(), d("2025-03-11")), "program"));
    c.custom = CustomProgram{"", Credits(), 0, {}, Money()};
    const auto errors = validate_credential(c, shipped_packs(), d("2025-03-11"));
    REQUIRE(has_field(errors, "custom_name"));
    REQUIRE(has_field(errors, "custom_required"));
    REQUIRE(has_field(errors, "custom_months"));
    c.custom = CustomProgram{"State massage license", cr("24"), 24, {}, Money()};
    REQUIRE(validate_credential(c, shipped_packs(), d("2025-03-11")).empty());
}

TEST_CASE("a CPR card that expires before it was issued is refused") {
    Credential c = cred("c", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    c.prerequisites.push_back(cpr_card("2025-01-15", "2024-01-15"));
    REQUIRE(has_field(validate_credential(c, shipped_packs(), d("2025-03-11")), "prerequisites"));
}
