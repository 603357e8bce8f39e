// Credits, Factor, Rounding and Money: exact parsing, formatting and rounding.
#include "core/credits.h"

#include <catch2/catch.hpp>

using namespace recert::core;

TEST_CASE("credits parse decimal strings with at most two decimals") {
    CHECK(Credits::parse("1.25")->hundredths() == 125);
    CHECK(Credits::parse("45")->hundredths() == 4500);
    CHECK(Credits::parse("0.1")->hundredths() == 10);
    CHECK(Credits::parse("-0.5")->hundredths() == -50);
    CHECK(Credits::parse("0")->is_zero());
}

TEST_CASE("credits reject garbage, too many decimals and incomplete numbers") {
    for (const char* bad : {"1.234", "", "1.", ".5", "abc", "1e3", " 1", "1 ", "+1", "--1", "1.2.3", "0x10",
                            "99999999999999999999", "1,5", "-"})
        CHECK_FALSE(Credits::parse(bad));
}

TEST_CASE("credits format with two decimals or in short form") {
    CHECK(Credits::from_hundredths(150).to_string() == "1.50");
    CHECK(Credits::from_hundredths(-25).to_string() == "-0.25");
    CHECK(Credits::whole(45).to_short_string() == "45");
    CHECK(Credits::from_hundredths(150).to_short_string() == "1.5");
    CHECK(Credits::from_hundredths(125).to_short_string() == "1.25");
    CHECK(Credits::from_hundredths(5).to_short_string() == "0.05");
}

TEST_CASE("credits add, subtract and compare exactly") {
    Credits sum;
    for (int i = 0; i < 10; ++i)
        sum += *Credits::parse("0.1");
    CHECK(sum == Credits::whole(1)); // no floating-point drift
    CHECK(*Credits::parse("2.5") - *Credits::parse("0.75") == *Credits::parse("1.75"));
    CHECK(*Credits::parse("0.99") < Credits::whole(1));
}

TEST_CASE("scaling rounds down, half-up or up to the requested step") {
    const Credits h15 = *Credits::parse("1.5"); // 1.5 contact hours
    CHECK(h15.scaled(1, 10, Rounding::down_to_hundredth()).to_string() == "0.15");
    CHECK(h15.scaled(1, 10, Rounding::nearest_tenth()).to_string() == "0.20"); // .15 → .2 (half-up)
    CHECK(h15.scaled(1, 10, Rounding::down_to_tenth()).to_string() == "0.10");
    CHECK(Credits::parse("1.4")->scaled(1, 10, Rounding::nearest_tenth()).to_string() == "0.10");
    CHECK(Credits::parse("0.01")->scaled(3, 2, Rounding::nearest_hundredth()).to_string() ==
          "0.02"); // ×1.5 of 0.01
    CHECK(Credits::parse("0.01")->scaled(3, 2, Rounding::down_to_hundredth()).to_string() == "0.01");
    CHECK(Credits::parse("0.01")->scaled(1, 3, Rounding::up_to_hundredth()).to_string() == "0.01");
    CHECK(Credits::parse("10")->scaled(3, 2, Rounding::down_to_hundredth()).to_string() == "15.00");
    CHECK(Credits::parse("-0.15")->scaled(1, 1, Rounding::nearest_tenth()).to_string() == "-0.20");
    CHECK(Credits::parse("7")->scaled(1, 3, Rounding::up_to_hundredth()).to_string() == "2.34");
}

TEST_CASE("rounding spellings parse and print symmetrically") {
    for (const char* s : {"down_0.01", "down_0.1", "half_up_0.1", "half_up_0.01", "up_1", "down_0.5"})
        CHECK(to_string(*parse_rounding(s)) == s);
    CHECK_FALSE(parse_rounding("nearest"));
    CHECK_FALSE(parse_rounding("down_0.3"));
}

TEST_CASE("factors parse as exact ratios") {
    CHECK(*Factor::parse("1.5") == Factor{3, 2});
    CHECK(*Factor::parse("0.1") == Factor{1, 10});
    CHECK(*Factor::parse("10") == Factor{10, 1});
    CHECK(Factor::parse("0.3")->to_string() == "0.3");
    CHECK_FALSE(Factor::parse("0"));
    CHECK_FALSE(Factor::parse("-1"));
    CHECK_FALSE(Factor::parse("x"));
}

TEST_CASE("money is integer cents and prints as dollars") {
    CHECK(Money::parse("60.00")->cents() == 6000);
    CHECK(Money::parse("70")->to_display() == "$70.00");
    CHECK((*Money::parse("60") + *Money::parse("70")).to_display() == "$130.00");
    CHECK_FALSE(Money::parse("-5"));
    CHECK_FALSE(Money::parse("1.999"));
}
