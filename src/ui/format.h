// Formatting for display: dates in the person's chosen style, credits with their unit, money,
// and the labels of enums. Pure functions over core types (no ImGui).
#pragma once

#include "core/credits.h"
#include "core/date.h"
#include "core/model.h"
#include "ui/app_state.h"

#include <optional>
#include <string>

namespace recert::ui {

std::string format_date(core::Date d, DateStyle style);
// "1.5 CEC", "0.25 CEU"
std::string format_credits(core::Credits c, std::string_view unit);
// Parses a date typed in ISO ("2025-03-11" always works), in the person's chosen style or in the
// locale's style (`locale_style`: "3/15/2021" in the United States even while ISO is chosen).
std::optional<core::Date> parse_date_input(const std::string& text, DateStyle style, DateStyle locale_style);
inline std::optional<core::Date> parse_date_input(const std::string& text, DateStyle style) {
    return parse_date_input(text, style, style);
}
// The date format of a BCP 47 locale tag: "en-US" (and "en", "es-US") month first with slashes,
// "de-DE" and the other day.month.year locales with dots, ISO for the rest (en-GB's day-first
// slashes have no style of their own: ISO reads unambiguously there).
DateStyle date_style_for_locale(std::string_view tag);
// The placeholder shown in an empty date field: "YYYY-MM-DD", "MM/DD/YYYY", "DD.MM.YYYY".
const char* date_hint(DateStyle style);
std::string_view status_label(core::ActivityStatus s);
// A format's label with a capital first letter ("Home study"), for tables and pickers.
const char* format_display(core::Format f);
// A random (version 4) UUID for new records; `seed` mixes in caller entropy.
std::string new_uuid(std::uint64_t seed);
// Case-insensitive substring test for the search box (ASCII folding; other bytes compare exactly).
bool contains_folded(std::string_view haystack, std::string_view needle);

} // namespace recert::ui
