// core::RecordIndex: the same answers as a linear search, whether the records are sorted by id
// (binary search) or not (an index), before and after records are appended. core::upsert_sorted:
// what a map by id would hold, in order, without reallocating the log for every batch.
#include "core/record_index.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace recert::core;

namespace {

std::vector<Activity> activities(const std::vector<std::string>& ids) {
    std::vector<Activity> out;
    for (const auto& id : ids) {
        Activity a;
        a.id = id;
        out.push_back(a);
    }
    return out;
}

// Every id of `probe` is found where a linear search finds it, or not at all.
void agrees(const RecordIndex<Activity>& index, const std::vector<Activity>& records,
            const std::vector<std::string>& probe) {
    for (const auto& id : probe) {
        INFO(id);
        const Activity* linear = find_by_id(records, id);
        CHECK(index.find(id) == linear);
    }
}

} // namespace

TEST_CASE("a record index finds what a linear search finds, sorted or not, as records are appended") {
    std::vector<std::string> ids, absent = {"", "a", "sync-", "sync-0", "sync-zzzz", "~"};
    std::uint32_t seed = 7;
    for (int i = 0; i < 300; ++i) {
        seed = seed * 1664525u + 1013904223u;
        ids.push_back("sync-" + std::to_string(seed % 100000));
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<std::string> probe = ids;
    probe.insert(probe.end(), absent.begin(), absent.end());

    for (const bool sorted : {true, false}) {
        std::vector<std::string> order = ids;
        if (!sorted)
            std::reverse(order.begin(), order.end());
        std::vector<Activity> records = activities(order);
        records.reserve(records.size() + 4); // added() below: the vector must not move under the index
        for (const std::size_t lookups : {std::size_t{3}, std::size_t{1000}}) {
            INFO("sorted " << sorted << ", lookups " << lookups);
            RecordIndex<Activity> index(records, lookups);
            agrees(index, records, probe);
            CHECK(index.size() == records.size());
            // In order (still sorted), then out of order (the index takes over): both found, and the rest still.
            for (const char* id : {"~a", "~b", "a0", "sync-00"}) {
                Activity a;
                a.id = id;
                records.push_back(a);
                index.added();
                std::vector<std::string> now = probe;
                now.push_back(id);
                agrees(index, records, now);
            }
            records.resize(order.size());
        }
    }
}

TEST_CASE("upsert_sorted keeps the log sorted and applies each record as a map by id would") {
    std::uint32_t seed = 99;
    const auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    for (int round = 0; round < 200; ++round) {
        const bool only_newer = round % 2 == 1;
        std::map<std::string, Activity> expected;
        std::vector<Activity> records;
        for (int i = 0, n = static_cast<int>(next() % 40); i < n; ++i) {
            Activity a;
            a.id = "id-" + std::to_string(next() % 60);
            a.rev = 1 + next() % 5;
            a.title = "stored " + std::to_string(i);
            if (expected.emplace(a.id, a).second)
                records.push_back(a);
        }
        sort_by_id(records);
        std::vector<Activity> incoming;
        std::set<std::string> seen;
        for (int i = 0, n = static_cast<int>(next() % 30); i < n; ++i) {
            Activity a;
            a.id = "id-" + std::to_string(next() % 90); // some stored, some new
            if (!seen.insert(a.id).second)
                continue; // one record per id in a batch, as the store's changes are
            a.rev = 1 + next() % 5;
            a.title = "incoming " + std::to_string(i);
            incoming.push_back(a);
            auto it = expected.find(a.id);
            if (it == expected.end())
                expected.emplace(a.id, a);
            else if (!only_newer || a.rev >= it->second.rev)
                it->second = a;
        }
        upsert_sorted(records, incoming, only_newer);
        REQUIRE(records.size() == expected.size());
        std::size_t i = 0;
        for (const auto& [id, a] : expected) { // (a map iterates in id order)
            INFO("round " << round << ", record " << i);
            CHECK(records[i].id == id);
            CHECK(records[i].rev == a.rev);
            CHECK(records[i].title == a.title);
            ++i;
        }
    }
}

TEST_CASE("upsert_sorted grows the log geometrically: pages of new records do not reallocate it each time") {
    std::vector<Activity> records;
    int reallocations = 0;
    for (int page = 0; page < 100; ++page) {
        std::vector<Activity> incoming;
        for (int i = 0; i < 50; ++i) {
            Activity a;
            a.id = "sync-" + std::to_string((page * 7919 + i * 104729) % 1000003) + "-" + std::to_string(page);
            incoming.push_back(a);
        }
        const Activity* before = records.data();
        upsert_sorted(records, std::move(incoming), false);
        reallocations += records.data() != before;
    }
    CHECK(records.size() == 5000);
    CHECK(std::is_sorted(records.begin(), records.end(), [](const Activity& a, const Activity& b) { return a.id < b.id; }));
    CHECK(reallocations <= 10); // an exact reserve per page: 99
}
