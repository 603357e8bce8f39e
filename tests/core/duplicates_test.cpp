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

namespace {
// The definition, written the slow and obvious way: every pair compared.
std::vector<DuplicateSuggestion> by_definition(const std::vector<Activity>& acts) {
    std::vector<DuplicateSuggestion> out;
    auto eligible = [](const Activity& a) { return a.status != ActivityStatus::rejected && a.duplicate_of.empty(); };
    for (std::size_t i = 0; i < acts.size(); ++i)
        for (std::size_t j = i + 1; j < acts.size(); ++j) {
            const Activity& x = acts[i];
            const Activity& y = acts[j];
            if (!eligible(x) || !eligible(y) || x.earned != y.earned || x.duplicate_of == y.id || y.duplicate_of == x.id)
                continue;
            const std::string cx = normalize_for_matching(x.course_number);
            if (!cx.empty() && cx == normalize_for_matching(y.course_number))
                out.push_back({i, j, DuplicateMatch::same_course_number_and_date});
            else if (!normalize_for_matching(x.title).empty() &&
                     normalize_for_matching(x.title) == normalize_for_matching(y.title) &&
                     normalize_for_matching(x.provider) == normalize_for_matching(y.provider))
                out.push_back({i, j, DuplicateMatch::same_title_provider_and_date});
        }
    return out;
}
} // namespace

TEST_CASE("suggestions equal the pairwise definition on thousands of random logs") {
    std::uint32_t seed = 99;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    const char* words[] = {"", " ", "A", "a", " a ", "A  b", "a b", "B", "\x1f", "a\x1f", "\tA\n"};
    const char* dates[] = {"2025-02-01", "2025-02-02", "2025-03-01"};
    std::size_t suggested = 0;
    for (int round = 0; round < 3000; ++round) {
        std::vector<Activity> acts;
        const std::size_t n = 1 + next() % 9;
        for (std::size_t i = 0; i < n; ++i) {
            Activity a = act("x" + std::to_string(i), dates[next() % 3], "1");
            a.course_number = words[next() % 11];
            a.title = words[next() % 11];
            a.provider = words[next() % 11];
            if (next() % 10 == 0) a.status = ActivityStatus::rejected;
            if (next() % 10 == 0) a.duplicate_of = "x" + std::to_string(next() % n);
            acts.push_back(a);
        }
        const auto got = suggest_duplicates(acts);
        const auto want = by_definition(acts);
        REQUIRE(got.size() == want.size());
        for (std::size_t k = 0; k < got.size(); ++k) {
            CHECK(got[k].first == want[k].first);
            CHECK(got[k].second == want[k].second);
            CHECK(got[k].match == want[k].match);
        }
        suggested += got.size();
    }
    CHECK(suggested > 1000); // the random logs do contain duplicates
}
