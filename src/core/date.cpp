// Date parsing, formatting and calendar arithmetic on top of std::chrono.
#include "core/date.h"

namespace recert::core {

using namespace std::chrono;

std::optional<Date> Date::from_ymd(int y, unsigned m, unsigned d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return std::nullopt;
    year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok())
        return std::nullopt;
    return Date(ymd);
}

std::optional<Date> Date::parse(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-')
        return std::nullopt;
    auto num = [&](std::size_t pos, std::size_t len, int& out) {
        out = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (t[i] < '0' || t[i] > '9')
                return false;
            out = out * 10 + (t[i] - '0');
        }
        return true;
    };
    int y, m, d;
    if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d) || y < 1000)
        return std::nullopt;
    return from_ymd(y, unsigned(m), unsigned(d));
}

year_month_day Date::ymd() const {
    return year_month_day{sys_days{std::chrono::days{m_days}}};
}
int Date::year() const {
    return int(ymd().year());
}
unsigned Date::month() const {
    return unsigned(ymd().month());
}
unsigned Date::day() const {
    return unsigned(ymd().day());
}

std::string Date::to_string() const {
    auto v = ymd();
    int y = int(v.year());
    unsigned m = unsigned(v.month()), d = unsigned(v.day());
    char buf[16];
    buf[0] = char('0' + (y / 1000) % 10);
    buf[1] = char('0' + (y / 100) % 10);
    buf[2] = char('0' + (y / 10) % 10);
    buf[3] = char('0' + y % 10);
    buf[4] = '-';
    buf[5] = char('0' + m / 10);
    buf[6] = char('0' + m % 10);
    buf[7] = '-';
    buf[8] = char('0' + d / 10);
    buf[9] = char('0' + d % 10);
    return std::string(buf, 10);
}

Date Date::add_months(int n) const {
    auto v = ymd();
    year_month ym = year_month{v.year(), v.month()} + std::chrono::months{n};
    auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}};
    unsigned d = unsigned(v.day());
    unsigned last_d = unsigned(last.day());
    return Date(year_month_day{ym.year(), ym.month(), std::chrono::day{d < last_d ? d : last_d}});
}

Date Date::end_of_month() const {
    auto v = ymd();
    return Date(year_month_day{year_month_day_last{v.year(), month_day_last{v.month()}}});
}

} // namespace recert::core
