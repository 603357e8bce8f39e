// Duplicate detection by normalized keys: hashed without building a string per activity, then
// exact keys compared only where hashes meet.
#include "core/duplicates.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <tuple>

namespace recert::core {
namespace {

// normalize_for_matching, one output character at a time.
template <class Put>
void normalize_into(std::string_view s, Put&& put) {
    bool any = false, space = false;
    for (unsigned char ch : s) {
        if (std::isspace(ch)) {
            space = any;
            continue;
        }
        if (space)
            put(' ');
        space = false;
        any = true;
        put(char(std::tolower(ch)));
    }
}

bool normalizes_empty(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isspace(ch) != 0; });
}

// The normalized fields two activities must share (besides the date) to match this way.
template <class Field>
void key_fields(const Activity& a, DuplicateMatch match, Field&& field) {
    if (match == DuplicateMatch::same_course_number_and_date) {
        field(a.course_number);
        return;
    }
    field(a.title);
    field(a.provider);
}

// A hash of the key: the date's day number, then each normalized field after U+001F. Equal keys give equal
// hashes; the grouping then compares key_text().
std::uint64_t key_hash(const Activity& a, DuplicateMatch match) {
    std::uint64_t h = 1469598103934665603ULL; // FNV-1a
    auto put = [&](char c) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    };
    const std::int32_t day = a.earned.serial(); // the date, as its 4 bytes
    for (int b = 0; b < 4; ++b)
        put(char((static_cast<std::uint32_t>(day) >> (8 * b)) & 0xFF));
    key_fields(a, match, [&](std::string_view s) {
        put('\x1f');
        normalize_into(s, put);
    });
    return h;
}

// One field of a key: the separator, the normalized field's length, ':', the field (so that a field
// holding the separator cannot run into the next one, as it may in what key_hash() hashes).
void append_key_field(std::string& out, std::string_view s) {
    const std::string f = normalize_for_matching(s);
    out += '\x1f';
    out += std::to_string(f.size());
    out += ':';
    out += f;
}

// The exact key (course_key / title_key).
std::string key_text(const Activity& a, DuplicateMatch match) {
    return match == DuplicateMatch::same_course_number_and_date ? course_key(a.course_number, a.earned)
                                                                : title_key(a.title, a.provider, a.earned);
}

struct Hashed {
    std::uint64_t hash;
    std::size_t index;
};

// The activities compared: entries [0, marked) keep their duplicate_of marks; those from `marked` on
// (an import's incoming rows) are compared as if unmarked.
struct Entries {
    std::vector<const Activity*> list;
    std::size_t marked = 0;
    const Activity& operator[](std::size_t i) const { return *list[i]; }
    std::string_view duplicate_of(std::size_t i) const {
        return i < marked ? std::string_view(list[i]->duplicate_of) : std::string_view();
    }
};

// Every pair of `group` (ascending indexes) that share a key, unless already resolved as duplicates.
void pairs(const std::vector<std::size_t>& group, DuplicateMatch match, const Entries& activities,
           std::vector<DuplicateSuggestion>& out) {
    for (std::size_t a = 0; a < group.size(); ++a)
        for (std::size_t b = a + 1; b < group.size(); ++b) {
            const Activity& x = activities[group[a]];
            const Activity& y = activities[group[b]];
            if (activities.duplicate_of(group[a]) == y.id || activities.duplicate_of(group[b]) == x.id)
                continue;
            out.push_back({group[a], group[b], match});
        }
}

void collect(std::vector<Hashed>& hashed, DuplicateMatch match, const Entries& activities,
             std::vector<DuplicateSuggestion>& out) {
    std::sort(hashed.begin(), hashed.end(),
              [](const Hashed& a, const Hashed& b) { return std::tie(a.hash, a.index) < std::tie(b.hash, b.index); });
    std::vector<std::pair<std::string, std::size_t>> run;
    std::vector<std::size_t> group;
    for (std::size_t i = 0; i < hashed.size();) {
        std::size_t j = i + 1;
        while (j < hashed.size() && hashed[j].hash == hashed[i].hash)
            ++j;
        if (j - i > 1) {
            // Equal hashes: group by the exact key (a hash collision splits here).
            run.clear();
            for (std::size_t k = i; k < j; ++k)
                run.emplace_back(key_text(activities[hashed[k].index], match), hashed[k].index);
            std::sort(run.begin(), run.end());
            for (std::size_t a = 0; a < run.size();) {
                std::size_t b = a + 1;
                while (b < run.size() && run[b].first == run[a].first)
                    ++b;
                group.clear();
                for (std::size_t k = a; k < b; ++k)
                    group.push_back(run[k].second);
                pairs(group, match, activities, out);
                a = b;
            }
        }
        i = j;
    }
}

std::vector<DuplicateSuggestion> suggest_in(const Entries& activities) {
    const std::size_t n = activities.list.size();
    std::vector<Hashed> by_course, by_title;
    by_course.reserve(n);
    by_title.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Activity& a = activities[i];
        if (a.status == ActivityStatus::rejected || !activities.duplicate_of(i).empty())
            continue;
        if (!normalizes_empty(a.course_number))
            by_course.push_back({key_hash(a, DuplicateMatch::same_course_number_and_date), i});
        if (!normalizes_empty(a.title))
            by_title.push_back({key_hash(a, DuplicateMatch::same_title_provider_and_date), i});
    }
    std::vector<DuplicateSuggestion> out;
    collect(by_course, DuplicateMatch::same_course_number_and_date, activities, out);
    collect(by_title, DuplicateMatch::same_title_provider_and_date, activities, out);
    // One suggestion per pair: the course-number match (collected first) wins.
    std::stable_sort(out.begin(), out.end(), [](const DuplicateSuggestion& a, const DuplicateSuggestion& b) {
        return std::tie(a.first, a.second) < std::tie(b.first, b.second);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const DuplicateSuggestion& a, const DuplicateSuggestion& b) {
                              return a.first == b.first && a.second == b.second;
                          }),
              out.end());
    return out;
}

} // namespace

std::string normalize_for_matching(std::string_view s) {
    std::string out;
    normalize_into(s, [&](char c) { out += c; });
    return out;
}


std::vector<DuplicateSuggestion> suggest_duplicates(const std::vector<Activity>& activities) {
    Entries entries;
    entries.list.reserve(activities.size());
    for (const Activity& a : activities)
        entries.list.push_back(&a);
    entries.marked = activities.size();
    return suggest_in(entries);
}

std::vector<DuplicateSuggestion> suggest_duplicates(const std::vector<Activity>& stored,
                                                    const std::vector<const Activity*>& incoming) {
    Entries entries;
    entries.list.reserve(stored.size() + incoming.size());
    for (const Activity& a : stored)
        entries.list.push_back(&a);
    entries.list.insert(entries.list.end(), incoming.begin(), incoming.end());
    entries.marked = stored.size();
    return suggest_in(entries);
}

std::string course_key(std::string_view course_number, Date earned) {
    std::string out = earned.to_string();
    append_key_field(out, course_number);
    return out;
}

std::string title_key(std::string_view title, std::string_view provider, Date earned) {
    std::string out = earned.to_string();
    append_key_field(out, title);
    append_key_field(out, provider);
    return out;
}

} // namespace recert::core
