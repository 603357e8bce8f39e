// Duplicate suggestions for the UI. Suggestions only: nothing is ever merged automatically; the user
// decides by setting Activity::duplicate_of.
#pragma once

#include "core/model.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

enum class DuplicateMatch : std::uint8_t {
    same_course_number_and_date,  // same provider course number, same date earned
    same_title_provider_and_date, // same title and provider (case/space-insensitive), same date
};

struct DuplicateSuggestion {
    std::size_t first = 0; // the earlier entry in input order
    std::size_t second = 0;
    DuplicateMatch match = DuplicateMatch::same_course_number_and_date;
};

// Pairs of activities that look like the same thing recorded twice. Skips rejected activities and pairs
// already resolved (either one marked duplicate_of). Each pair is reported once, by its strongest match;
// ordered by (first, second). O(n log n).
std::vector<DuplicateSuggestion> suggest_duplicates(const std::vector<Activity>& activities);
// The same over `stored` followed by `incoming` (indexes count stored first), without copying them;
// incoming activities are compared as if none were marked duplicate_of (an import's rows).
std::vector<DuplicateSuggestion> suggest_duplicates(const std::vector<Activity>& stored,
                                                    const std::vector<const Activity*>& incoming);

// The text form matches compare: lowercase, whitespace runs collapsed to one space, trimmed.
// Also used by provider sync to hold incoming items that look like recorded ones.
std::string normalize_for_matching(std::string_view s);

// The exact keys suggest_duplicates() groups by: two activities are a suggested pair when their keys
// for one match are equal. The date, then each normalized field after its length, so that no field
// can run into the next. Provider sync holds incoming items by these same keys (sync/session.cpp).
std::string course_key(std::string_view course_number, Date earned);                          // same_course_number_and_date
std::string title_key(std::string_view title, std::string_view provider, Date earned);        // same_title_provider_and_date

} // namespace recert::core
