// Exact decimal parsing, formatting and rounding for Credits, Factor and Money.
#include "core/credits.h"

#include <cstdlib>

namespace recert::core {

namespace {

__extension__ typedef __int128 i128;

// Parses [-]digits[.digits] with at most `max_decimals` decimals into value × 10^max_decimals.
std::optional<std::int64_t> parse_fixed(std::string_view s, int max_decimals, bool allow_negative,
                                        std::int64_t limit) {
    if (s.empty())
        return std::nullopt;
    bool neg = false;
    std::size_t i = 0;
    if (s[0] == '-') {
        if (!allow_negative)
            return std::nullopt;
        neg = true;
        i = 1;
    }
    std::int64_t whole = 0;
    std::size_t digits = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) {
        whole = whole * 10 + (s[i] - '0');
        if (whole > limit)
            return std::nullopt;
    }
    if (digits == 0)
        return std::nullopt;
    std::int64_t frac = 0;
    int frac_digits = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
            if (++frac_digits > max_decimals)
                return std::nullopt;
            frac = frac * 10 + (s[i] - '0');
        }
        if (frac_digits == 0)
            return std::nullopt;
    }
    if (i != s.size())
        return std::nullopt;
    for (int k = frac_digits; k < max_decimals; ++k)
        frac *= 10;
    std::int64_t scale = 1;
    for (int k = 0; k < max_decimals; ++k)
        scale *= 10;
    std::int64_t v = whole * scale + frac;
    return neg ? -v : v;
}

std::string format_fixed2(std::int64_t v) {
    bool neg = v < 0;
    std::uint64_t a = neg ? std::uint64_t(0) - std::uint64_t(v) : std::uint64_t(v);
    std::string out;
    if (neg)
        out.push_back('-');
    out.append(std::to_string(a / 100));
    unsigned frac = unsigned(a % 100);
    out.push_back('.');
    out.push_back(char('0' + frac / 10));
    out.push_back(char('0' + frac % 10));
    return out;
}

} // namespace

std::optional<Rounding> parse_rounding(std::string_view text) {
    Rounding r;
    std::string_view rest;
    if (text.rfind("down_", 0) == 0) {
        r.mode = Rounding::Mode::down;
        rest = text.substr(5);
    } else if (text.rfind("half_up_", 0) == 0) {
        r.mode = Rounding::Mode::half_up;
        rest = text.substr(8);
    } else if (text.rfind("up_", 0) == 0) {
        r.mode = Rounding::Mode::up;
        rest = text.substr(3);
    } else {
        return std::nullopt;
    }
    if (rest == "0.01")
        r.step = 1;
    else if (rest == "0.1")
        r.step = 10;
    else if (rest == "0.5")
        r.step = 50;
    else if (rest == "1")
        r.step = 100;
    else
        return std::nullopt;
    return r;
}

std::string to_string(Rounding r) {
    std::string out = r.mode == Rounding::Mode::down      ? "down_"
                      : r.mode == Rounding::Mode::half_up ? "half_up_"
                                                          : "up_";
    switch (r.step) {
    case 1:
        return out + "0.01";
    case 10:
        return out + "0.1";
    case 50:
        return out + "0.5";
    default:
        return out + "1";
    }
}

std::optional<Credits> Credits::parse(std::string_view text) {
    auto v = parse_fixed(text, 2, true, 1'000'000'000'000LL);
    if (!v)
        return std::nullopt;
    return Credits(*v);
}

std::string Credits::to_string() const {
    return format_fixed2(m_h);
}

std::string Credits::to_short_string() const {
    std::string s = format_fixed2(m_h);
    if (s.size() >= 3 && s.compare(s.size() - 3, 3, ".00") == 0)
        return s.substr(0, s.size() - 3);
    if (s.back() == '0')
        s.pop_back();
    return s;
}

Credits Credits::scaled(std::int64_t num, std::int64_t den, Rounding r) const {
    // value (hundredths) × num / den, then rounded to a multiple of r.step hundredths.
    // 64-bit fast path when nothing can overflow; 128-bit otherwise.
    if (m_h > -(1LL << 31) && m_h < (1LL << 31) && num >= 0 && num < (1LL << 31) && den > 0 &&
        den < (1LL << 24) && r.step > 0 && r.step <= 100) {
        const std::int64_t numer = m_h * num;
        const std::int64_t d = den * r.step;
        const bool neg = numer < 0;
        const std::int64_t a = neg ? -numer : numer;
        std::int64_t q = a / d;
        const std::int64_t rem = a % d;
        if ((r.mode == Rounding::Mode::half_up && rem * 2 >= d) || (r.mode == Rounding::Mode::up && rem != 0))
            ++q;
        return Credits((neg ? -q : q) * r.step);
    }
    // Work in units of (1/den) hundredths: exact = m_h*num / den. Use 128-bit to avoid overflow.
    const i128 numer = (i128)m_h * num;
    const i128 d = (i128)den * r.step; // result in steps = numer / d
    const bool neg = numer < 0;
    const i128 a = neg ? -numer : numer;
    i128 q = a / d;
    const i128 rem = a % d;
    switch (r.mode) {
    case Rounding::Mode::down:
        break;
    case Rounding::Mode::half_up:
        if (rem * 2 >= d)
            ++q;
        break;
    case Rounding::Mode::up:
        if (rem != 0)
            ++q;
        break;
    }
    if (q > (i128)(INT64_MAX / r.step))
        throw ArithmeticOverflow();
    const std::int64_t steps = (std::int64_t)q;
    return Credits(detail::checked_mul(neg ? -steps : steps, r.step));
}

std::optional<Factor> Factor::parse(std::string_view text) {
    auto v = parse_fixed(text, 6, false, 1'000'000);
    if (!v || *v <= 0)
        return std::nullopt;
    std::int64_t num = *v, den = 1'000'000;
    std::int64_t a = num, b = den;
    while (b != 0) {
        std::int64_t t = a % b;
        a = b;
        b = t;
    }
    return Factor{num / a, den / a};
}

std::string Factor::to_string() const {
    // Exact decimal because den divides 10^6 by construction.
    std::int64_t scaled = num * (1'000'000 / den);
    std::string out = std::to_string(scaled / 1'000'000);
    std::int64_t frac = scaled % 1'000'000;
    if (frac != 0) {
        std::string f = std::to_string(frac);
        f = std::string(6 - f.size(), '0') + f;
        while (!f.empty() && f.back() == '0')
            f.pop_back();
        out += "." + f;
    }
    return out;
}

std::optional<Money> Money::parse(std::string_view text) {
    auto v = parse_fixed(text, 2, false, 1'000'000'000'000LL);
    if (!v)
        return std::nullopt;
    return Money(*v);
}

std::string Money::to_string() const {
    return format_fixed2(m_c);
}
std::string Money::to_display() const {
    std::string out = m_c < 0 ? "-$" : "$";
    out.append(format_fixed2(m_c < 0 ? -m_c : m_c));
    return out;
}

} // namespace recert::core
