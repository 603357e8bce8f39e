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
// Parses a date typed in the person's style or in ISO ("2025-03-11" always works).
std::optional<core::Date> parse_date_input(const std::string& text, DateStyle style);
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
