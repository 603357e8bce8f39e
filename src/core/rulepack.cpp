// Cycle arithmetic, requirement/fee lookup and pack lookup for RulePack.
#include "core/rulepack.h"

namespace recert::core {

namespace {

Date jan1(int y) {
    return *Date::from_ymd(y, 1, 1);
}
Date dec31(int y) {
    return *Date::from_ymd(y, 12, 31);
}

int floor_div(int a, int b) {
    int q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

} // namespace

DateRange default_cycle(const CycleRule& rule, Date certified_on) {
    switch (rule.kind) {
    case CycleKind::fixed: {
        Date end = rule.end_of_month ? certified_on.add_months(rule.months).end_of_month()
                                     : certified_on.add_months(rule.months).add_days(-1);
        return {certified_on, end};
    }
    case CycleKind::calendar: {
        if (rule.anchor_year) {
            int k = floor_div(certified_on.year() - *rule.anchor_year, rule.years);
            int first = *rule.anchor_year + k * rule.years;
            return {jan1(first), dec31(first + rule.years - 1)};
        }
        return {certified_on, dec31(certified_on.year() + rule.years - (rule.certification_year_counts ? 1 : 0))};
    }
    case CycleKind::annual:
        return {jan1(certified_on.year() + 1), dec31(certified_on.year() + 1)};
    }
    return {certified_on, certified_on};
}

DateRange next_cycle(const CycleRule& rule, DateRange current) {
    Date start = current.last.add_days(1);
    switch (rule.kind) {
    case CycleKind::fixed:
        if (rule.end_of_month)
            return {start, current.last.add_months(rule.months).end_of_month()};
        return {start, start.add_months(rule.months).add_days(-1)};
    case CycleKind::calendar:
        return {start, dec31(current.last.year() + rule.years)};
    case CycleKind::annual:
        return {jan1(current.last.year() + 1), dec31(current.last.year() + 1)};
    }
    return current;
}

DateRange credit_window(const CycleRule& rule, DateRange cycle, Date certified_on) {
    switch (rule.window) {
    case WindowKind::cycle:
        return cycle;
    case WindowKind::cycle_from_certification:
        return {later(cycle.first, certified_on), cycle.last};
    case WindowKind::previous_calendar_year:
        return {jan1(cycle.first.year() - 1), dec31(cycle.first.year() - 1)};
    case WindowKind::month_day_before_end: {
        int y = cycle.last.year() - rule.window_years_before_end;
        auto d = Date::from_ymd(y, rule.window_month, rule.window_day);
        Date first = d ? *d : jan1(y);
        return {later(first, certified_on), cycle.last};
    }
    }
    return cycle;
}

const Program* RulePack::find_program(std::string_view id) const {
    for (const auto& p : programs)
        if (p.id == id)
            return &p;
    return nullptr;
}

int RulePack::find_category(std::string_view id) const {
    for (std::size_t i = 0; i < categories.size(); ++i)
        if (categories[i].id == id)
            return int(i);
    return -1;
}

const Conversion* RulePack::conversion(Unit from) const {
    for (const auto& c : conversions)
        if (c.from == from)
            return &c;
    return nullptr;
}

const RequirementTier* find_requirement(const Program& program, Date certified_on, DateRange cycle) {
    for (const auto& t : program.requirements) {
        if (t.certified_before_cycle && !(certified_on < cycle.first))
            continue;
        if (t.certified_from_month && certified_on < cycle.first.add_months(*t.certified_from_month))
            continue;
        if (t.certified_to_month && !(certified_on < cycle.first.add_months(*t.certified_to_month)))
            continue;
        if (t.cycle_end_from && cycle.last < *t.cycle_end_from)
            continue;
        if (t.cycle_end_to && *t.cycle_end_to < cycle.last)
            continue;
        return &t;
    }
    return nullptr;
}

const FeeSchedule* find_fees(const Program& program, Date day) {
    for (const auto& f : program.fees)
        if (in_effect(f.effective_from, f.effective_to, day))
            return &f;
    return nullptr;
}

const RulePack* PackSet::find(std::string_view body, Date day) const {
    const RulePack* best = nullptr;
    for (const auto& p : packs) {
        if (p.body != body || day < p.effective_from || (p.effective_to && *p.effective_to < day))
            continue;
        if (!best || best->effective_from < p.effective_from)
            best = &p;
    }
    if (!best) {
        // A date before every version: fall back to the oldest version rather than to nothing, so
        // historical cycles still evaluate (their rules carry their own effective dates).
        for (const auto& p : packs)
            if (p.body == body && (!best || p.effective_from < best->effective_from))
                best = &p;
    }
    return best;
}

RulePack make_custom_pack(const CustomProgram& custom) {
    RulePack pack;
    pack.body = "custom";
    pack.name = custom.name.empty() ? "Custom program" : custom.name;
    pack.version = "user";
    pack.unit = "credits";
    pack.categories.push_back({"general", "General", -1});
    for (const auto& c : custom.categories)
        if (c.id != "general")
            pack.categories.push_back({c.id, c.id, -1});
    pack.default_category = 0;
    for (Unit u : {Unit::cec, Unit::cme, Unit::contact_hour, Unit::cpe, Unit::pdh})
        pack.conversions.push_back({u, Factor{1, 1}, Rounding::down_to_hundredth(), std::nullopt, {}});
    pack.conversions.push_back({Unit::ceu, Factor{10, 1}, Rounding::down_to_hundredth(), std::nullopt, {}});
    Program p;
    p.id = "custom";
    p.name = pack.name;
    p.short_name = pack.name;
    p.cart_label = pack.name + " renewal";
    p.cycle.kind = CycleKind::fixed;
    p.cycle.months = custom.cycle_months > 0 ? custom.cycle_months : 12;
    RequirementTier tier;
    tier.total = custom.required;
    for (const auto& c : custom.categories) {
        CategoryLimit lim;
        lim.category = pack.find_category(c.id);
        if (!c.min.is_zero())
            lim.min = c.min;
        lim.max = c.max;
        tier.categories.push_back(lim);
    }
    p.requirements.push_back(tier);
    FeeSchedule fee;
    fee.renewal = custom.renewal_fee;
    p.fees.push_back(fee);
    pack.programs.push_back(std::move(p));
    return pack;
}

} // namespace recert::core
