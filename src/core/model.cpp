// Spellings of the model's enumerations and small Activity helpers.
#include "core/model.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace recert::core {

namespace {

constexpr std::array<std::string_view, format_count> format_names = {
    "live",     "online",       "home_study",        "conference_session", "college_course",
    "teaching", "volunteering", "cpr_aed_first_aid", "publication",        "other"};
constexpr std::array<std::string_view, format_count> format_labels = {"live",
                                                                      "online",
                                                                      "home study",
                                                                      "conference session",
                                                                      "college course",
                                                                      "teaching",
                                                                      "volunteering/committee",
                                                                      "CPR/AED/First Aid",
                                                                      "publication",
                                                                      "other"};
constexpr std::array<std::string_view, unit_count> unit_names = {
    "cec", "ceu", "cme", "contact_hour", "cpe", "pdh", "semester_credit", "quarter_credit"};
constexpr std::array<std::string_view, unit_count> unit_labels = {
    "CEC", "CEU", "CME", "contact hour", "CPE", "PDH", "semester credit", "quarter credit"};
constexpr std::array<std::string_view, 6> status_names = {"planned", "claimed",  "pending",
                                                          "posted",  "verified", "rejected"};
constexpr std::array<std::string_view, 3> source_names = {"self_reported", "imported", "synced"};

template <class E, std::size_t N>
std::optional<E> find_name(const std::array<std::string_view, N>& names, std::string_view s) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == s)
            return E(i);
    return std::nullopt;
}

} // namespace

std::string_view to_string(Format f) {
    return format_names[std::size_t(f)];
}
std::string_view to_string(Unit u) {
    return unit_names[std::size_t(u)];
}
std::string_view to_string(ActivityStatus s) {
    return status_names[std::size_t(s)];
}
std::string_view to_string(ActivitySource s) {
    return source_names[std::size_t(s)];
}
std::string_view unit_label(Unit u) {
    return unit_labels[std::size_t(u)];
}
std::string_view format_label(Format f) {
    return format_labels[std::size_t(f)];
}
std::optional<Format> parse_format(std::string_view s) {
    return find_name<Format>(format_names, s);
}
std::optional<Unit> parse_unit(std::string_view s) {
    return find_name<Unit>(unit_names, s);
}
std::optional<ActivityStatus> parse_activity_status(std::string_view s) {
    return find_name<ActivityStatus>(status_names, s);
}
std::optional<ActivitySource> parse_activity_source(std::string_view s) {
    return find_name<ActivitySource>(source_names, s);
}

namespace {
// Letters and digits only, lower case: "NAA EI", "naaei" and "N.A.A.E.I." are one name.
std::string fold_body(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        const auto u = static_cast<unsigned char>(ch);
        if (std::isalnum(u))
            out += static_cast<char>(std::tolower(u));
    }
    return out;
}
} // namespace

bool accredited_for(const Activity& a, const Credential& c, std::string_view body_name) {
    if (!a.provider_link || a.provider_link->accredited_by.empty())
        return true;
    const ProviderLink& l = *a.provider_link;
    for (const auto& id : l.assigned_to)
        if (id == c.id)
            return true;
    const std::string body = fold_body(c.body);
    const std::string name = fold_body(body_name);
    for (const auto& by : l.accredited_by) {
        const std::string f = fold_body(by);
        if (!f.empty() && (f == body || f == name))
            return true;
    }
    return false;
}

std::string accreditation_key(const Activity& a) {
    if (!a.provider_link || a.provider_link->accredited_by.empty())
        return {};
    std::vector<std::string> bodies;
    for (const auto& by : a.provider_link->accredited_by)
        bodies.push_back(fold_body(by));
    std::sort(bodies.begin(), bodies.end());
    bodies.erase(std::unique(bodies.begin(), bodies.end()), bodies.end());
    std::string key = a.provider_link->provider;
    for (const auto& b : bodies) {
        key += '\n';
        key += b;
    }
    return key;
}

const std::string& Activity::category_for_body(std::string_view body) const {
    for (const auto& bc : category_for)
        if (bc.body == body)
            return bc.category;
    return category;
}

Credits Activity::effective_amount() const {
    if (sessions.empty())
        return amount;
    Credits sum;
    for (const auto& s : sessions)
        if (s.evaluation_done)
            sum += s.hours_claimed;
    return sum;
}

} // namespace recert::core
