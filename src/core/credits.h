// Exact decimal quantities: Credits (hundredths of a credit) and Money (cents), plus the explicit
// rounding modes rule packs use when converting units or applying multipliers. No doubles anywhere.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace recert::core {

// How a scaled quantity is rounded: to a multiple of `step` hundredths (1 = 0.01, 10 = 0.1, 100 = 1),
// going down (toward zero), half-up (away from zero at exactly .5), or up (away from zero).
struct Rounding {
    enum class Mode : std::uint8_t { down, half_up, up };
    Mode mode = Mode::down;
    std::int64_t step = 1;

    static constexpr Rounding down_to_hundredth() { return {Mode::down, 1}; }
    static constexpr Rounding down_to_tenth() { return {Mode::down, 10}; }
    static constexpr Rounding nearest_tenth() { return {Mode::half_up, 10}; }
    static constexpr Rounding nearest_hundredth() { return {Mode::half_up, 1}; }
    static constexpr Rounding up_to_hundredth() { return {Mode::up, 1}; }

    friend bool operator==(const Rounding&, const Rounding&) = default;
};

// Parses the pack spelling "down_0.01", "down_0.1", "down_1", "half_up_0.1", "up_0.01", …
std::optional<Rounding> parse_rounding(std::string_view text);
// The pack spelling of a rounding, inverse of parse_rounding.
std::string to_string(Rounding r);

// Sums and differences of Credits and Money that do not fit 64 bits: an error, never a wrap. Every way
// in (core/limits.h) keeps amounts far below this, so it means a bug, not bad input.
struct ArithmeticOverflow : std::overflow_error {
    ArithmeticOverflow() : std::overflow_error("a credit or money total is too large to compute") {}
};

namespace detail {
constexpr std::int64_t checked_add(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_add_overflow(a, b, &out))
        throw ArithmeticOverflow();
    return out;
}
constexpr std::int64_t checked_sub(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_sub_overflow(a, b, &out))
        throw ArithmeticOverflow();
    return out;
}
constexpr std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out))
        throw ArithmeticOverflow();
    return out;
}
} // namespace detail

// A non-negative or negative amount of credit in exact hundredths ("1.25" is 125).
// All arithmetic is integer and checked: a result beyond 64 bits throws ArithmeticOverflow.
class Credits {
  public:
    constexpr Credits() = default;
    static constexpr Credits from_hundredths(std::int64_t h) { return Credits(h); }
    static constexpr Credits whole(std::int64_t n) { return Credits(detail::checked_mul(n, 100)); }

    constexpr std::int64_t hundredths() const { return m_h; }
    constexpr bool is_zero() const { return m_h == 0; }

    // Strict parse of "12", "1.5", "1.25", "-0.5": at most two decimals, no exponent, no spaces.
    // Returns nullopt for "1.234", "", "1.", ".5", "abc", or values beyond ±1e12.
    static std::optional<Credits> parse(std::string_view text);
    // Always two decimals: "1.50", "45.00", "-0.25".
    std::string to_string() const;
    // Shortest exact form for prose: "1.5", "45", "0.25".
    std::string to_short_string() const;

    // this × num / den, rounded as asked. Precondition: den > 0.
    Credits scaled(std::int64_t num, std::int64_t den, Rounding r) const;
    // Rounds this amount to the rounding's step.
    Credits rounded(Rounding r) const { return scaled(1, 1, r); }

    constexpr Credits operator+(Credits o) const { return Credits(detail::checked_add(m_h, o.m_h)); }
    constexpr Credits operator-(Credits o) const { return Credits(detail::checked_sub(m_h, o.m_h)); }
    constexpr Credits& operator+=(Credits o) {
        m_h = detail::checked_add(m_h, o.m_h);
        return *this;
    }
    constexpr Credits& operator-=(Credits o) {
        m_h = detail::checked_sub(m_h, o.m_h);
        return *this;
    }
    friend constexpr auto operator<=>(Credits, Credits) = default;

  private:
    constexpr explicit Credits(std::int64_t h) : m_h(h) {}
    std::int64_t m_h = 0;
};

constexpr Credits min(Credits a, Credits b) {
    return a < b ? a : b;
}
constexpr Credits max(Credits a, Credits b) {
    return a < b ? b : a;
}

// A ratio num/den parsed from a decimal factor ("1.5" → 3/2, "0.1" → 1/10), at most 6 decimals.
struct Factor {
    std::int64_t num = 1;
    std::int64_t den = 1;
    static std::optional<Factor> parse(std::string_view text);
    std::string to_string() const;
    friend bool operator==(const Factor&, const Factor&) = default;
};

// An amount of money in integer cents (USD unless a pack says otherwise).
class Money {
  public:
    constexpr Money() = default;
    static constexpr Money from_cents(std::int64_t c) { return Money(c); }
    constexpr std::int64_t cents() const { return m_c; }
    // Strict parse of "60", "60.5", "60.00"; at most two decimals, non-negative.
    static std::optional<Money> parse(std::string_view text);
    // "60.00"
    std::string to_string() const;
    // "$60.00"
    std::string to_display() const;
    constexpr Money operator+(Money o) const { return Money(detail::checked_add(m_c, o.m_c)); }
    constexpr Money operator*(std::int64_t n) const { return Money(detail::checked_mul(m_c, n)); }
    constexpr Money& operator+=(Money o) {
        m_c = detail::checked_add(m_c, o.m_c);
        return *this;
    }
    friend constexpr auto operator<=>(Money, Money) = default;

  private:
    constexpr explicit Money(std::int64_t c) : m_c(c) {}
    std::int64_t m_c = 0;
};

} // namespace recert::core
