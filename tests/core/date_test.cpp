// Date: strict ISO parsing, formatting and calendar arithmetic.
#include "core/date.h"

#include <catch2/catch.hpp>

using namespace recert::core;

TEST_CASE("dates parse only real calendar days in strict ISO form") {
    CHECK(Date::parse("2025-03-11")->to_string() == "2025-03-11");
    CHECK(Date::parse("2024-02-29"));
    for (const char* bad : {"2025-02-30", "2023-02-29", "2025-13-01", "2025-00-10", "2025-3-11", "2025/03/11",
                            "20250311", "", "2025-03-11T00:00", "0999-01-01", "abcd-ef-gh", "2025-04-31"})
        CHECK_FALSE(Date::parse(bad));
}

TEST_CASE("day arithmetic crosses months, years and leap days") {
    Date d = *Date::parse("2024-02-28");
    CHECK(d.add_days(1).to_string() == "2024-02-29");
    CHECK(d.add_days(2).to_string() == "2024-03-01");
    CHECK(Date::parse("2024-12-31")->add_days(1).to_string() == "2025-01-01");
    CHECK(Date::parse("2025-03-11")->days_until(*Date::parse("2026-12-31")) == 660);
}

TEST_CASE("adding months and years clamps to the end of shorter months") {
    CHECK(Date::parse("2024-02-29")->add_years(1).to_string() == "2025-02-28");
    CHECK(Date::parse("2024-02-29")->add_years(4).to_string() == "2028-02-29");
    CHECK(Date::parse("2025-01-31")->add_months(1).to_string() == "2025-02-28");
    CHECK(Date::parse("2024-01-31")->add_months(1).to_string() == "2024-02-29");
    CHECK(Date::parse("2025-03-31")->add_months(-1).to_string() == "2025-02-28");
}

TEST_CASE("end of month knows month lengths and leap years") {
    CHECK(Date::parse("2024-02-10")->end_of_month().to_string() == "2024-02-29");
    CHECK(Date::parse("2025-02-10")->end_of_month().to_string() == "2025-02-28");
    CHECK(Date::parse("2025-04-01")->end_of_month().to_string() == "2025-04-30");
}

TEST_CASE("date ranges include both ends") {
    DateRange r{*Date::parse("2024-01-01"), *Date::parse("2026-12-31")};
    CHECK(r.contains(*Date::parse("2024-01-01")));
    CHECK(r.contains(*Date::parse("2026-12-31")));
    CHECK_FALSE(r.contains(*Date::parse("2023-12-31")));
    CHECK_FALSE(r.contains(*Date::parse("2027-01-01")));
}
