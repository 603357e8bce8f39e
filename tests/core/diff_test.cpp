// Field-level differences between two versions of a record (core/diff.h).
#include "core/diff.h"

#include <catch2/catch.hpp>

using namespace recert::core;

namespace {

Activity activity() {
    Activity a;
    a.id = "a1";
    a.rev = 3;
    a.earned = *Date::parse("2025-02-01");
    a.title = "Kettlebell basics";
    a.provider = "NSCA";
    a.amount = *Credits::parse("2");
    a.unit = Unit::cec;
    a.format = Format::live;
    a.category = "general";
    return a;
}

} // namespace

TEST_CASE("diff_activities: equal records have no differences, revisions are ignored", "[diff]") {
    Activity a = activity(), b = activity();
    b.rev = 9;
    CHECK(diff_activities(a, b).empty());
}

TEST_CASE("diff_activities: names each changed field with both values, in form order", "[diff]") {
    Activity a = activity(), b = activity();
    b.title = "Kettlebell basics II";
    b.amount = *Credits::parse("2.5");
    b.earned = *Date::parse("2025-02-03");
    const auto d = diff_activities(a, b);
    REQUIRE(d.size() == 3);
    CHECK(d[0] == FieldChange{"Title", "Kettlebell basics", "Kettlebell basics II"});
    CHECK(d[1] == FieldChange{"Date earned", "2025-02-01", "2025-02-03"});
    CHECK(d[2].field == "Credits");
    CHECK(d[2].a == "2 CEC");
    CHECK(d[2].b == "2.5 CEC");
}

TEST_CASE("diff_activities: lists are shown by count and marked when only their contents differ", "[diff]") {
    Activity a = activity(), b = activity();
    a.evidence.push_back({std::string(64, 'a'), "card.pdf", "application/pdf"});
    b.evidence.push_back({std::string(64, 'b'), "other.pdf", "application/pdf"});
    auto d = diff_activities(a, b);
    REQUIRE(d.size() == 1);
    CHECK(d[0] == FieldChange{"Evidence", "1 file", "1 file (changed)"});
    b.evidence.clear();
    d = diff_activities(a, b);
    REQUIRE(d.size() == 1);
    CHECK(d[0] == FieldChange{"Evidence", "1 file", "none"});
}

TEST_CASE("diff_activities: sessions change the credited amount", "[diff]") {
    Activity a = activity(), b = activity();
    b.sessions.push_back({"Opening keynote", *Credits::parse("1"), true});
    const auto d = diff_activities(a, b);
    REQUIRE(d.size() == 2);
    CHECK(d[0].field == "Credits");
    CHECK(d[0].b == "1 CEC");
    CHECK(d[1] == FieldChange{"Sessions", "none", "1 session"});
}

TEST_CASE("diff_credentials: cycle, ID number and CPR card", "[diff]") {
    Credential a;
    a.id = "c1";
    a.body = "acsm";
    a.program = "cpt";
    a.certified_on = *Date::parse("2023-01-15");
    a.cycle = {*Date::parse("2023-01-15"), *Date::parse("2026-01-31")};
    Credential b = a;
    b.id_number = "123456";
    b.prerequisites.push_back({"cpr_aed", *Date::parse("2025-01-01"), *Date::parse("2027-01-01"), true, std::nullopt});
    CHECK(diff_credentials(a, a).empty());
    const auto d = diff_credentials(a, b);
    REQUIRE(d.size() == 2);
    CHECK(d[0] == FieldChange{"ID number", "", "123456"});
    CHECK(d[1] == FieldChange{"CPR/AED", "none", "expires 2027-01-01, no card file"});
    CHECK(record_label(a) == "ACSM CPT");
}

TEST_CASE("record_label: untitled activities and custom programs", "[diff]") {
    Activity a = activity();
    a.title.clear();
    CHECK(record_label(a) == "Untitled activity");
    Credential c;
    c.body = "custom";
    c.custom = CustomProgram{"State massage license", *Credits::parse("24"), 24, {}, {}};
    CHECK(record_label(c) == "State massage license");
}
