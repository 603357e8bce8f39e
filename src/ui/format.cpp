// Display formatting: see format.h.
#include "ui/format.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <random>

namespace recert::ui {

std::string format_date(core::Date d, DateStyle style) {
    char buf[16];
    switch (style) {
    case DateStyle::us: std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", d.month(), d.day(), d.year()); break;
    case DateStyle::europe: std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", d.day(), d.month(), d.year()); break;
    case DateStyle::iso: return d.to_string();
    }
    return buf;
}

std::string format_credits(core::Credits c, std::string_view unit) {
    std::string s = c.to_short_string();
    if (!unit.empty()) {
        s += ' ';
        s += unit;
    }
    return s;
}

std::optional<core::Date> parse_date_input(const std::string& text, DateStyle style, DateStyle locale_style) {
    std::string t;
    for (char ch : text)
        if (!std::isspace(static_cast<unsigned char>(ch))) t += ch;
    if (auto iso = core::Date::parse(t)) return iso;
    unsigned a = 0, b = 0;
    int y = 0;
    char s1 = 0, s2 = 0;
    int consumed = 0;
    if (std::sscanf(t.c_str(), "%2u%c%2u%c%4d%n", &a, &s1, &b, &s2, &y, &consumed) != 5 ||
        consumed != static_cast<int>(t.size()) || y < 1000)
        return std::nullopt;
    const auto in = [&](DateStyle s) { return style == s || locale_style == s; };
    if (in(DateStyle::us) && s1 == '/' && s2 == '/') return core::Date::from_ymd(y, a, b);
    if (in(DateStyle::europe) && s1 == '.' && s2 == '.') return core::Date::from_ymd(y, b, a);
    return std::nullopt;
}

DateStyle date_style_for_locale(std::string_view tag) {
    std::string t;
    for (char ch : tag) t += ch == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const std::string lang = t.substr(0, t.find('-'));
    const std::string region = t.find('-') == std::string::npos ? "" : t.substr(t.rfind('-') + 1);
    if ((lang == "en" && (region.empty() || region == "us" || region == "ph")) || t == "es-us") return DateStyle::us;
    static constexpr std::array<std::string_view, 18> dotted = {"de", "da", "fi", "nb", "nn", "no", "pl", "ru", "uk",
                                                                "cs", "sk", "tr", "ro", "bg", "hr", "sl", "et", "is"};
    for (std::string_view d : dotted)
        if (lang == d) return DateStyle::europe;
    return DateStyle::iso;
}

const char* date_hint(DateStyle style) {
    switch (style) {
    case DateStyle::us: return "MM/DD/YYYY";
    case DateStyle::europe: return "DD.MM.YYYY";
    case DateStyle::iso: break;
    }
    return "YYYY-MM-DD";
}

std::string_view status_label(core::ActivityStatus s) {
    switch (s) {
    case core::ActivityStatus::planned: return "Planned";
    case core::ActivityStatus::claimed: return "Claimed";
    case core::ActivityStatus::pending: return "Pending";
    case core::ActivityStatus::posted: return "Posted";
    case core::ActivityStatus::verified: return "Verified";
    case core::ActivityStatus::rejected: return "Rejected";
    }
    return "";
}

std::string new_uuid(std::uint64_t seed) {
    static std::mt19937_64 rng(std::random_device{}());
    std::uint64_t hi = rng() ^ seed, lo = rng() ^ (seed * 0x9e3779b97f4a7c15ull);
    hi = (hi & ~0xF000ull) | 0x4000ull;                          // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;   // RFC 4122 variant
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                  static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
    return buf;
}

bool contains_folded(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    if (needle.size() > haystack.size()) return false;
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        std::size_t j = 0;
        while (j < needle.size() && lower(haystack[i + j]) == lower(needle[j])) ++j;
        if (j == needle.size()) return true;
    }
    return false;
}

const char* format_display(core::Format f) {
    static const auto labels = [] {
        std::array<std::string, core::format_count> out;
        for (int i = 0; i < core::format_count; ++i) {
            out[i] = std::string(core::format_label(core::Format(i)));
            if (!out[i].empty()) out[i][0] = char(std::toupper(static_cast<unsigned char>(out[i][0])));
        }
        return out;
    }();
    return labels[int(f)].c_str();
}

} // namespace recert::ui
