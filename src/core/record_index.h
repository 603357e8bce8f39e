// Finds the records of a vector by id, for a batch of lookups: a linear search (find_by_id) for a
// few; for many (a sync page, a restore), a binary search when the records are sorted by id (the
// web store keeps them so), else an index built once. Checking or applying a change of k records
// to a log of n then costs about n + k log n (one pass of comparisons to see that it is sorted),
// not k x n, and builds no index of n copied ids per change. And upsert_sorted: a batch of records
// into a sorted vector; erase_ids: many deletes in one pass.
#pragma once

#include "core/model.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace recert::core {

// Records in id order (the web store's log).
template <class T>
bool id_less(const T& a, const T& b) {
    return a.id < b.id;
}
template <class T>
void sort_by_id(std::vector<T>& v) {
    std::sort(v.begin(), v.end(), id_less<T>);
}
// The record with `id` in [first, last), sorted by id (binary search), or `last`.
template <class It>
It find_sorted_by_id(It first, It last, std::string_view id) {
    It it = std::lower_bound(first, last, id, [](const auto& r, std::string_view key) { return std::string_view(r.id) < key; });
    return it != last && it->id == id ? it : last;
}

template <class T>
class RecordIndex {
  public:
    // Lookups up to this many search; more build the index.
    static constexpr std::size_t search_up_to = 16;

    // `records` must outlive the index and grow only through added() while it is used.
    RecordIndex(const std::vector<T>& records, std::size_t lookups) : m_records(records) {
        if (lookups <= search_up_to)
            return;
        m_sorted = std::is_sorted(records.begin(), records.end(), id_less<T>);
        if (!m_sorted)
            build();
    }

    std::optional<std::size_t> position(std::string_view id) const {
        if (m_sorted) {
            const auto it = find_sorted_by_id(m_records.begin(), m_records.end(), id);
            if (it == m_records.end())
                return std::nullopt;
            return static_cast<std::size_t>(it - m_records.begin());
        }
        if (!m_indexed) {
            const T* r = find_by_id(m_records, id);
            return r ? std::optional<std::size_t>(static_cast<std::size_t>(r - m_records.data())) : std::nullopt;
        }
        auto it = m_positions.find(id);
        return it == m_positions.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    }
    const T* find(std::string_view id) const {
        const std::optional<std::size_t> at = position(id);
        return at ? &m_records[*at] : nullptr;
    }
    // The caller appended a record to the vector: it is found from now on.
    void added() {
        if (m_sorted) {
            const std::size_t n = m_records.size();
            if (n < 2 || m_records[n - 2].id < m_records[n - 1].id)
                return; // still sorted
            m_sorted = false;
            build(); // (includes the new record)
            return;
        }
        if (m_indexed)
            m_positions.emplace(m_records.back().id, m_records.size() - 1);
    }
    std::size_t size() const { return m_records.size(); }

  private:
    void build() {
        m_positions.reserve(m_records.size());
        for (std::size_t i = 0; i < m_records.size(); ++i)
            m_positions.emplace(m_records[i].id, i);
        m_indexed = true;
    }

    // Transparent lookups by string_view: no std::string made per find.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    const std::vector<T>& m_records;
    std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> m_positions;
    bool m_indexed = false;
    bool m_sorted = false;
};

// Puts records (already carrying their new rev) into `records`, sorted by id, keeping them sorted
// (the web store's log); with `only_newer`, a record older than the one held is ignored (a late
// message from another tab). Each is found by binary search; the new ones, sorted among themselves,
// are merged in from the back: each stored record moves at most once, and the vector grows
// geometrically. (Sorting the whole log after every page of a sync cost n log n per page; an index
// of it, n hashed ids; an exact reserve and std::inplace_merge, about three moves of the log.)
template <class T>
void upsert_sorted(std::vector<T>& records, std::vector<T> incoming, bool only_newer) {
    if (incoming.empty())
        return;
    if (records.empty()) { // a first load or a restore into an empty log: no copy, no second vector
        records = std::move(incoming);
        sort_by_id(records);
        return;
    }
    std::vector<T> fresh;
    for (T& r : incoming) {
        const auto it = find_sorted_by_id(records.begin(), records.end(), r.id);
        if (it == records.end())
            fresh.push_back(std::move(r));
        else if (!only_newer || r.rev >= it->rev)
            *it = std::move(r);
    }
    if (fresh.empty())
        return;
    sort_by_id(fresh);
    const std::size_t n = records.size(), m = fresh.size();
    if (records.capacity() < n + m)
        records.reserve(std::max(n + m, 2 * records.capacity()));
    records.resize(n + m);
    for (std::size_t i = n, j = m, k = n + m; j > 0;) {
        if (i > 0 && fresh[j - 1].id < records[i - 1].id)
            records[--k] = std::move(records[--i]);
        else
            records[--k] = std::move(fresh[--j]);
    }
}

// Removes the records whose id one of `ids` names (id_of(x) is the id of an element x), in one pass
// over the records.
template <class T, class Ids, class IdOf>
void erase_ids(std::vector<T>& records, const Ids& ids, IdOf id_of) {
    if (ids.empty())
        return;
    std::unordered_set<std::string_view> gone;
    for (const auto& x : ids)
        gone.insert(id_of(x));
    std::erase_if(records, [&](const T& r) { return gone.contains(r.id); });
}

} // namespace recert::core
