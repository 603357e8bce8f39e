// Date: a thin, always-valid wrapper over std::chrono::year_month_day with strict ISO-8601 parsing,
// day arithmetic and clamped month/year arithmetic. The core never reads the clock: "today" is a parameter.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recert::core {

class Date {
  public:
    // 1970-01-01.
    constexpr Date() : m_days(0) {}
    // Precondition: ymd.ok(). Use from_ymd() for unchecked input.
    explicit Date(std::chrono::year_month_day ymd)
        : m_days(std::chrono::sys_days(ymd).time_since_epoch().count()) {}
    // nullopt when the triple is not a real calendar day (2025-02-30, 2023-02-29).
    static std::optional<Date> from_ymd(int y, unsigned m, unsigned d);
    // Strict "YYYY-MM-DD" (exactly 10 chars, years 1000-9999); nullopt for anything else.
    static std::optional<Date> parse(std::string_view text);
    static constexpr Date from_serial(std::int32_t days) { return Date(days, 0); }

    // Days since 1970-01-01; cheap to compare and store in hot loops.
    constexpr std::int32_t serial() const { return m_days; }
    std::chrono::year_month_day ymd() const;
    int year() const;
    unsigned month() const;
    unsigned day() const;
    // "2025-03-11"
    std::string to_string() const;

    Date add_days(std::int32_t n) const { return from_serial(m_days + n); }
    // Calendar months; the day is clamped to the target month's length (Jan 31 + 1 month = Feb 28/29).
    Date add_months(int n) const;
    // Calendar years, clamped (Feb 29 + 1 year = Feb 28).
    Date add_years(int n) const { return add_months(12 * n); }
    // Last day of this date's month.
    Date end_of_month() const;
    // Days from this date to `other` (positive when other is later).
    constexpr std::int32_t days_until(Date other) const { return other.m_days - m_days; }

    friend constexpr auto operator<=>(Date, Date) = default;

  private:
    constexpr Date(std::int32_t days, int) : m_days(days) {}
    std::int32_t m_days;
};

constexpr Date later(Date a, Date b) {
    return a < b ? b : a;
}
constexpr Date earlier(Date a, Date b) {
    return a < b ? a : b;
}

// Inclusive range of days [first, last]; empty when last < first.
struct DateRange {
    Date first;
    Date last;
    constexpr bool contains(Date d) const { return first <= d && d <= last; }
    friend constexpr bool operator==(const DateRange&, const DateRange&) = default;
};

} // namespace recert::core
