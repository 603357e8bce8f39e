// Retry policy: see backoff.h.
#include "sync/backoff.h"

#include "core/date.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace recert::sync {

RetryDecision decide_retry(const RetryPolicy& policy, int attempt, int status, std::optional<double> retry_after_ms,
                           double random01) {
    const bool retryable = status == 0 || status == 408 || status == 429 || (status >= 500 && status <= 599);
    if (!retryable || attempt >= policy.max_attempts)
        return {};
    if (retry_after_ms) {
        if (*retry_after_ms > policy.max_retry_after_ms)
            return {};
        return {true, std::max(0.0, *retry_after_ms)};
    }
    const double ceiling = std::min(policy.cap_ms, policy.base_ms * std::pow(2.0, std::max(0, attempt - 1)));
    const double r = std::clamp(random01, 0.0, 1.0);
    return {true, r * ceiling};
}

std::optional<double> parse_retry_after(std::string_view v, double now_unix_ms) {
    while (!v.empty() && v.front() == ' ')
        v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ')
        v.remove_suffix(1);
    if (v.empty())
        return std::nullopt;
    bool digits = v.size() <= 9;
    for (char c : v)
        digits = digits && c >= '0' && c <= '9';
    if (digits)
        return std::stod(std::string(v)) * 1000.0;
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" (29 characters).
    if (v.size() != 29 || v[3] != ',' || v.substr(25) != " GMT")
        return std::nullopt;
    static constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto num = [&](std::size_t at, std::size_t n) -> int {
        int x = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (v[i] < '0' || v[i] > '9')
                return -1;
            x = x * 10 + (v[i] - '0');
        }
        return x;
    };
    const int day = num(5, 2), year = num(12, 4), hh = num(17, 2), mm = num(20, 2), ss = num(23, 2);
    int month = 0;
    for (std::size_t i = 0; i < months.size(); ++i)
        if (v.substr(8, 3) == months[i])
            month = static_cast<int>(i) + 1;
    if (day < 0 || year < 0 || hh < 0 || mm < 0 || ss < 0 || month == 0 || hh > 23 || mm > 59 || ss > 60)
        return std::nullopt;
    auto d = core::Date::from_ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    if (!d)
        return std::nullopt;
    const double at_ms = (static_cast<double>(d->serial()) * 86400.0 + hh * 3600.0 + mm * 60.0 + ss) * 1000.0;
    return std::max(0.0, at_ms - now_unix_ms);
}

} // namespace recert::sync
