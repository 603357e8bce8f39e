// Duplicate suggestions: same course number and date, or same title + provider + date; never merged.
#include "core/duplicates.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

TEST_CASE("activities with the same course number and date are suggested as duplicates") {
    std::vector<Activity> acts = {act("a", "2025-02-01", "1"), act("b", "2025-02-01", "1"),
                                  act("c", "2025-02-02", "1")};
    acts[0].course_number = "EIM-101";
    acts[1].course_number = " eim-101 ";
    acts[2].course_number = "EIM-101";
    acts[0].title = "One";
    acts[1].title = "Two";
    acts[2].title = "Three";
    auto s = suggest_duplicates(acts);
    REQUIRE(s.size() == 1);
    CHECK(s[0].first == 0);
    CHECK(s[0].second == 1);
    CHECK(s[0].match == DuplicateMatch::same_course_number_and_date);
}

TEST_CASE("same title and provider on the same day is a duplicate suggestion, case and spaces ignored") {
    std::vector<Activity> acts = {act("a", "2025-02-01", "1"), act("b", "2025-02-01", "2"),
                                  act("c", "2025-02-01", "1")};
    acts[0].title = "Exercise is  Medicine";
    acts[0].provider = "ACSM";
    acts[1].title = "exercise is medicine";
    acts[1].provider = "acsm";
    acts[2].title = "Exercise is Medicine";
    acts[2].provider = "Other provider";
    auto s = suggest_duplicates(acts);
    REQUIRE(s.size() == 1);
    CHECK(s[0].match == DuplicateMatch::same_title_provider_and_date);
    CHECK(s[0].second == 1);
}

TEST_CASE("resolved and rejected activities are not suggested again, and nothing is merged") {
    std::vector<Activity> acts = {act("a", "2025-02-01", "1"), act("b", "2025-02-01", "1"),
                                  act("c", "2025-02-01", "1")};
    for (auto& a : acts)
        a.title = "Same";
    acts[1].duplicate_of = "a";
    acts[2].status = ActivityStatus::rejected;
    CHECK(suggest_duplicates(acts).empty());
    CHECK(acts.size() == 3);
}

TEST_CASE("a pair matching both ways is reported once, as a course-number match") {
    std::vector<Activity> acts = {act("a", "2025-02-01", "1"), act("b", "2025-02-01", "1")};
    for (auto& a : acts) {
        a.title = "Same";
        a.course_number = "X1";
    }
    auto s = suggest_duplicates(acts);
    REQUIRE(s.size() == 1);
    CHECK(s[0].match == DuplicateMatch::same_course_number_and_date);
}
