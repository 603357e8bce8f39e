// RulePack: one certifying body's rules as validated, typed data (loaded from assets/rulepacks/*.json by
// rulepack_codec), plus the cycle arithmetic and requirement lookup the engine and renewal code share.
#pragma once

#include "core/credits.h"
#include "core/date.h"
#include "core/model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

// A document a rule was read from: a URL or one of the shared seeds.
struct PackSource {
    std::string id;
    std::string title;
    std::string url;
    std::string seed;
    std::string accessed;
};

// [SECTION] Cycles

enum class CycleKind : std::uint8_t {
    fixed,    // N months (usually 12·years) from the cycle start, optionally ending on a month's last day
    calendar, // N whole calendar years ending Dec 31 (NSCA 2024-2026, NCCPA)
    annual,   // one renewal per calendar year (NAAEI), credits usually from the previous year
};

enum class WindowKind : std::uint8_t {
    cycle,                    // credits earned within the cycle
    cycle_from_certification, // within the cycle, but not before the certification date
    previous_calendar_year,   // the calendar year before the cycle's year (NAAEI: 2020 renewal uses 2019)
    month_day_before_end,     // from a month/day N years before the cycle end year (NCCPA: May 1)
};

struct CycleRule {
    CycleKind kind = CycleKind::fixed;
    int months = 12;                // fixed: cycle length
    int years = 1;                  // calendar: cycle length in calendar years
    bool end_of_month = false;      // fixed: cycle ends on the last day of a month (ACE)
    std::optional<int> anchor_year; // calendar: cycles are aligned to this year (NSCA 2024)
    // calendar, no anchor: the certification year is the first of the `years` calendar years (ACSM:
    // certified 2021-03-15 -> 2021-03-15 to 2023-12-31, then 2024-01-01 to 2026-12-31); otherwise the
    // first cycle ends `years` after the certification year (NCCPA: issued 2024 -> ends 2026-12-31).
    bool certification_year_counts = false;
    WindowKind window = WindowKind::cycle;
    unsigned window_month = 1; // month_day_before_end
    unsigned window_day = 1;
    int window_years_before_end = 0;
    std::vector<std::string> sources;
};

// The first cycle of a credential certified on `certified_on`.
DateRange default_cycle(const CycleRule& rule, Date certified_on);
// The cycle following `current` (what recording a renewal rolls to).
DateRange next_cycle(const CycleRule& rule, DateRange current);
// The days in which credits must be earned to count for `cycle`.
DateRange credit_window(const CycleRule& rule, DateRange cycle, Date certified_on);

// [SECTION] Requirements, caps, multipliers, conversions

struct Category {
    std::string id;
    std::string name;
    int counts_toward = -1; // index of the category whose minimum/maximum this one also feeds; -1 = none
};

struct CategoryLimit {
    int category = -1; // index into RulePack::categories
    std::optional<Credits> min;
    std::optional<Credits> max; // credits above a category maximum do not count
};

// One row of a program's requirement table. The first row whose conditions all hold applies.
struct RequirementTier {
    bool certified_before_cycle = false;     // certification date before the cycle start
    std::optional<int> certified_from_month; // certified within [cycle start + from, + to) months
    std::optional<int> certified_to_month;
    std::optional<Date> cycle_end_from; // cycle end within [from, to] (rules that changed by year)
    std::optional<Date> cycle_end_to;
    Credits total;
    std::vector<CategoryLimit> categories;
    int min_distinct_categories = 0; // "CEUs from at least 2 categories"
    std::vector<std::string> sources;
    std::string note;
};

// Which activities a cap or multiplier applies to. Empty masks match everything.
struct Selector {
    std::uint32_t formats = 0;    // bit i = Format(i)
    std::uint64_t categories = 0; // bit i = category index i (groups match their members)
    bool matches(Format f, int category) const {
        return (formats == 0 || (formats >> unsigned(f)) & 1u) &&
               (categories == 0 || (category >= 0 && category < 64 && ((categories >> category) & 1u)));
    }
};

enum class CapPeriod : std::uint8_t { calendar_year, cycle, event };

struct Cap {
    std::string id;
    std::string label; // "CPR/AED/First Aid"
    Selector match;
    CapPeriod period = CapPeriod::calendar_year;
    Credits max;
    std::optional<Date> effective_from; // by the activity's date earned
    std::optional<Date> effective_to;
    std::vector<std::string> programs; // empty = every program of the pack
    std::vector<std::string> sources;
    std::string note;
};

struct Multiplier {
    std::string id;
    std::string label;
    Selector match;
    Factor factor;
    std::optional<Credits> first; // only the first N credits (pack units, by date earned) of a cycle
    Rounding rounding = Rounding::down_to_hundredth();
    std::optional<Date> effective_from;
    std::optional<Date> effective_to;
    std::vector<std::string> sources;
};

struct Conversion {
    Unit from = Unit::cec;
    Factor factor;
    Rounding rounding = Rounding::down_to_hundredth();
    std::optional<Credits> minimum; // IACET: at least 0.1 when anything was earned
    std::vector<std::string> sources;
};

struct Sharing {
    bool same_body = true;    // one activity may count for several credentials of this body
    bool other_bodies = true; // … and also for credentials of other bodies
    std::vector<std::string> sources;
};

struct Prerequisite {
    std::string kind;  // matches PrerequisiteDoc::kind
    std::string label; // "CPR/AED (or BLS/ACLS) certificate"
    bool hands_on_required = false;
    bool upload_required = true;
    std::vector<std::string> sources;
};

struct FeeSchedule {
    std::optional<Date> effective_from; // by the renewal date (today)
    std::optional<Date> effective_to;
    Money renewal;
    std::optional<Money> late;
    std::optional<Money> reinstatement;
    std::vector<std::string> sources;
    std::string note;
};

struct Program {
    std::string id;
    std::string name;
    std::string short_name; // "EP"
    std::string cart_label; // "EP Recertification"
    CycleRule cycle;
    std::vector<RequirementTier> requirements;
    std::vector<FeeSchedule> fees; // empty: the body does not publish its fees (they are on the invoice)
    int grace_months = 0;
    bool renews = true; // false: a record of credits (ASM's transcript), nothing to renew
    std::vector<std::string> sources;
};

struct Audit {
    int proof_due_days = 0;
    int retention_months = 0;
    std::vector<std::string> sources;
};

// Claim-per-session providers (ASM): sessions are claimed one by one and a printed statement is final.
struct ClaimRules {
    bool per_session = false;
    bool final_after_print = false;
    bool evaluation_required = false;
    bool claim_id_required = false; // Badge ID (live) / Group ID (teleconference)
    std::vector<std::string> sources;
};

// Dashboard wording a body uses for each status (ACSM: "Recertification in Process", …). Empty = generic.
struct Wording {
    std::string in_progress;
    std::string prerequisite_missing;
    std::string renew_hint;
    std::string ready;
};

struct RulePack {
    int schema = 1;
    std::string body;    // "acsm"
    std::string name;    // "American College of Sports Medicine"
    std::string version; // "2025.1"
    std::string unit;    // display unit: "CEC", "CEU", "CME"
    Date effective_from;
    std::optional<Date> effective_to;
    std::vector<PackSource> sources;
    std::vector<Category> categories;
    int default_category = -1;          // used when an activity names no category known to this pack
    std::uint32_t accepted_formats = 0; // 0 = every format
    std::vector<Conversion> conversions;
    std::vector<Cap> caps;
    std::vector<Multiplier> multipliers;
    Sharing sharing;
    std::vector<Prerequisite> prerequisites;
    Audit audit;
    ClaimRules claims;
    Wording wording;
    std::vector<Program> programs;
    std::string file; // where it was loaded from (for messages)

    const Program* find_program(std::string_view id) const;
    int find_category(std::string_view id) const;  // -1 when unknown
    const Conversion* conversion(Unit from) const; // nullptr = unit not accepted
};

// The requirement row that applies to a credential certified on `certified_on` in `cycle`; nullptr if none.
const RequirementTier* find_requirement(const Program& program, Date certified_on, DateRange cycle);
// The fee schedule in force on `day`; nullptr if none.
const FeeSchedule* find_fees(const Program& program, Date day);
// Whether a dated rule with optional [from, to] bounds is in force on `day`.
inline bool in_effect(const std::optional<Date>& from, const std::optional<Date>& to, Date day) {
    return (!from || *from <= day) && (!to || day <= *to);
}

// All loaded packs. Several versions of one body may coexist; find() picks the newest in force.
struct PackSet {
    std::vector<RulePack> packs;
    // The pack for `body` with the latest effective_from <= day (and not past effective_to); nullptr if none.
    const RulePack* find(std::string_view body, Date day) const;
};

// A one-program pack built from a user's custom program definition (body "custom").
RulePack make_custom_pack(const CustomProgram& custom);

} // namespace recert::core
