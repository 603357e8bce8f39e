// core::RecordIndex: the same answers as a linear search, whether the records are sorted by id
// (binary search) or not (an index), before and after records are appended.
#include "core/record_index.h"

#include <catch2/catch.hpp>

#include <algorithm>
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
