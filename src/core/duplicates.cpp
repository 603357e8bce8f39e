// Duplicate detection by normalized keys and sorting.
#include "core/duplicates.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <tuple>

namespace recert::core {

std::string normalize_for_matching(std::string_view s) {
    std::string out;
    bool space = false;
    for (unsigned char ch : s) {
        if (std::isspace(ch)) {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += char(std::tolower(ch));
    }
    return out;
}

namespace {

std::string normalize(const std::string& s) {
    return normalize_for_matching(s);
}

struct Keyed {
    std::string key;
    std::size_t index;
};

void collect(std::vector<Keyed>& keyed, DuplicateMatch match, const std::vector<Activity>& activities,
             std::vector<DuplicateSuggestion>& out) {
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
        return std::tie(a.key, a.index) < std::tie(b.key, b.index);
    });
    for (std::size_t i = 0; i < keyed.size();) {
        std::size_t j = i + 1;
        while (j < keyed.size() && keyed[j].key == keyed[i].key)
            ++j;
        for (std::size_t a = i; a < j; ++a)
            for (std::size_t b = a + 1; b < j; ++b) {
                const Activity& x = activities[keyed[a].index];
                const Activity& y = activities[keyed[b].index];
                if (x.duplicate_of == y.id || y.duplicate_of == x.id)
                    continue;
                out.push_back({keyed[a].index, keyed[b].index, match});
            }
        i = j;
    }
}

} // namespace

std::vector<DuplicateSuggestion> suggest_duplicates(const std::vector<Activity>& activities) {
    std::vector<Keyed> by_course, by_title;
    for (std::size_t i = 0; i < activities.size(); ++i) {
        const Activity& a = activities[i];
        if (a.status == ActivityStatus::rejected || !a.duplicate_of.empty())
            continue;
        const std::string date = a.earned.to_string();
        std::string course = normalize(a.course_number);
        if (!course.empty())
            by_course.push_back({date + '\x1f' + course, i});
        std::string title = normalize(a.title);
        if (!title.empty())
            by_title.push_back({date + '\x1f' + title + '\x1f' + normalize(a.provider), i});
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

} // namespace recert::core
