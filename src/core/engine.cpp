// The rules engine: eligibility per activity × credential, allocation of activities that may not be shared,
// then limits in date order. Hot loops work on pre-converted integers; no strings, no maps of strings.
#include "core/engine.h"

#include <algorithm>
#include <array>
#include <climits>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace recert::core {

namespace {

// [SECTION] Prepared inputs

struct PreActivity {
    std::int32_t earned = 0;
    std::int16_t year = 0;
    Format format = Format::other;
    Unit unit = Unit::cec;
    ActivityStatus status = ActivityStatus::posted;
    bool duplicate = false;
    bool has_exclusions = false;
    bool has_overrides = false;
    bool accredited = false; // a synced course whose provider named its accrediting bodies
    std::int32_t category_key = -1; // interned Activity::category
    Credits amount;
};

struct CredentialCtx {
    bool valid = false;
    const RulePack* pack = nullptr;
    const Program* program = nullptr;
    const RequirementTier* tier = nullptr;
    std::int32_t win_first = 0;
    std::int32_t win_last = -1;
    std::array<const Conversion*, unit_count> conversions{};
    std::vector<std::int16_t> category_by_key; // interned key → pack category (default applied), -1 none
    std::vector<int> caps;                     // applicable cap indices
    std::vector<std::optional<Credits>> category_max; // by category index (top-level only)
    // Rules that can touch an activity, by (format, category + 1): bit k = ctx.caps[k] / multiplier k.
    std::vector<std::uint32_t> cap_mask;
    std::vector<std::uint32_t> multiplier_mask;
    std::vector<std::int32_t> cap_from, cap_to;   // effective bounds as day serials, by position in caps
    std::vector<std::int32_t> mult_from, mult_to; // by multiplier index
    bool has_limits = false;

    std::size_t rule_slot(Format f, int category) const {
        return std::size_t(f) * (pack->categories.size() + 1) + std::size_t(category + 1);
    }
};

constexpr std::int32_t no_lower = INT32_MIN;
constexpr std::int32_t no_upper = INT32_MAX;

void prepare_rule_tables(CredentialCtx& x) {
    const RulePack& pack = *x.pack;
    const std::size_t ncat = pack.categories.size() + 1;
    x.cap_mask.assign(std::size_t(format_count) * ncat, 0);
    x.multiplier_mask.assign(std::size_t(format_count) * ncat, 0);
    for (int f = 0; f < format_count; ++f)
        for (int c = -1; c < int(pack.categories.size()); ++c) {
            const std::size_t slot = std::size_t(f) * ncat + std::size_t(c + 1);
            for (std::size_t k = 0; k < x.caps.size() && k < 32; ++k)
                if (pack.caps[std::size_t(x.caps[k])].match.matches(Format(f), c))
                    x.cap_mask[slot] |= 1u << k;
            for (std::size_t m = 0; m < pack.multipliers.size() && m < 32; ++m)
                if (pack.multipliers[m].match.matches(Format(f), c))
                    x.multiplier_mask[slot] |= 1u << m;
        }
    for (int k : x.caps) {
        const Cap& cap = pack.caps[std::size_t(k)];
        x.cap_from.push_back(cap.effective_from ? cap.effective_from->serial() : no_lower);
        x.cap_to.push_back(cap.effective_to ? cap.effective_to->serial() : no_upper);
    }
    for (const auto& m : pack.multipliers) {
        x.mult_from.push_back(m.effective_from ? m.effective_from->serial() : no_lower);
        x.mult_to.push_back(m.effective_to ? m.effective_to->serial() : no_upper);
    }
    bool any_max = false;
    for (const auto& m : x.category_max)
        any_max = any_max || m.has_value();
    x.has_limits = !x.caps.empty() || !pack.multipliers.empty() || any_max;
}

int top_category(const RulePack& pack, int cat) {
    if (cat < 0)
        return -1;
    int parent = pack.categories[std::size_t(cat)].counts_toward;
    return parent >= 0 ? parent : cat;
}

int resolve_category(const RulePack& pack, std::string_view name) {
    int c = name.empty() ? -1 : pack.find_category(name);
    return c >= 0 ? c : pack.default_category;
}

Credits convert(const Conversion& c, Credits amount) {
    if (c.factor.num == c.factor.den && c.rounding.step == 1)
        return amount;
    Credits r = amount.scaled(c.factor.num, c.factor.den, c.rounding);
    if (c.minimum && amount > Credits() && r < *c.minimum)
        r = *c.minimum;
    return r;
}

bool is_excluded(const Activity& a, const std::string& credential_id) {
    for (const auto& id : a.excluded_from)
        if (id == credential_id)
            return true;
    return false;
}

// Activity indices by (date earned, input index). Counting sort over the span of days when it is small
// (any real log), a comparison sort otherwise; a log already in date order costs one pass.
std::vector<std::uint32_t> date_order(const std::vector<PreActivity>& pre) {
    const std::size_t n = pre.size();
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    if (n < 2)
        return order;
    bool sorted = true;
    std::int32_t lo = pre[0].earned, hi = pre[0].earned;
    for (std::size_t i = 1; i < n; ++i) {
        sorted = sorted && pre[i - 1].earned <= pre[i].earned;
        lo = std::min(lo, pre[i].earned);
        hi = std::max(hi, pre[i].earned);
    }
    if (sorted)
        return order;
    const std::size_t span = std::size_t(std::int64_t(hi) - lo) + 1;
    if (span <= std::max<std::size_t>(4 * n, 1 << 16)) {
        std::vector<std::uint32_t> start(span + 1, 0);
        for (const auto& p : pre)
            ++start[std::size_t(p.earned - lo) + 1];
        for (std::size_t k = 1; k <= span; ++k)
            start[k] += start[k - 1];
        for (std::uint32_t i = 0; i < n; ++i)
            order[start[std::size_t(pre[i].earned - lo)]++] = i;
        return order;
    }
    std::vector<std::uint64_t> keys(n);
    for (std::uint32_t i = 0; i < n; ++i)
        keys[i] = (std::uint64_t(std::uint32_t(pre[i].earned) ^ 0x80000000u) << 32) | i;
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < n; ++i)
        order[i] = std::uint32_t(keys[i]);
    return order;
}

// [SECTION] Limits

struct YearUse {
    std::int16_t year;
    Credits used;
};

struct LimitState {
    std::vector<std::vector<YearUse>> per_year; // by position in ctx.caps
    std::vector<Credits> per_cycle;
    std::vector<Credits> category_applied; // by category index
    std::vector<Credits> multiplier_first_used;
    std::vector<std::uint8_t> eligible; // by activity index

    void reset(const CredentialCtx& ctx) {
        per_year.assign(ctx.caps.size(), {});
        per_cycle.assign(ctx.caps.size(), Credits());
        category_applied.assign(ctx.pack->categories.size(), Credits());
        multiplier_first_used.assign(ctx.pack->multipliers.size(), Credits());
    }
    Credits& year_use(std::size_t k, std::int16_t year) {
        for (auto& y : per_year[k])
            if (y.year == year)
                return y.used;
        per_year[k].push_back({year, Credits()});
        return per_year[k].back().used;
    }
};

// Applies multipliers and limits to every eligible activity of one credential, in date order.
// Eligible = reason counted before limits. Fills converted/applied/limit fields of `row`.
void apply_limits(const CredentialCtx& ctx, const std::vector<PreActivity>& pre,
                  const std::vector<std::uint32_t>& order, Explanation* row, LimitState& st) {
    const RulePack& pack = *ctx.pack;
    st.reset(ctx);
    // One sequential pass marks what is eligible, so the date-order pass below only touches those rows.
    st.eligible.resize(pre.size());
    for (std::size_t i = 0; i < pre.size(); ++i) {
        Explanation& e = row[i];
        const bool ok = e.reason == Reason::counted || e.reason == Reason::counted_partly ||
                        e.reason == Reason::limit_reached;
        st.eligible[i] = ok;
        if (!ok) {
            e.applied = Credits();
            e.limit = Limit::none;
        }
    }
    for (std::uint32_t ai : order) {
        if (!st.eligible[ai])
            continue;
        Explanation& e = row[ai];
        const PreActivity& p = pre[ai];
        Credits amount = e.converted;
        e.multiplier = -1;
        e.limit = Limit::none;
        e.limit_index = -1;
        if (!ctx.has_limits) {
            e.applied = amount;
            e.reason = Reason::counted;
            const int top = top_category(pack, e.category);
            if (top >= 0)
                st.category_applied[std::size_t(top)] += amount;
            continue;
        }
        const std::size_t slot = ctx.rule_slot(p.format, e.category);
        // Multipliers come first ("first N" depends on date order, hence here and not in eligibility).
        for (std::uint32_t bits = ctx.multiplier_mask[slot]; bits != 0; bits &= bits - 1) {
            const auto m = std::size_t(__builtin_ctz(bits));
            if (p.earned < ctx.mult_from[m] || p.earned > ctx.mult_to[m])
                continue;
            const Multiplier& mu = pack.multipliers[m];
            if (mu.first) {
                Credits room = max(Credits(), *mu.first - st.multiplier_first_used[m]);
                Credits portion = min(amount, room);
                st.multiplier_first_used[m] += portion;
                amount = portion.scaled(mu.factor.num, mu.factor.den, mu.rounding) + (amount - portion);
                if (!portion.is_zero())
                    e.multiplier = std::int8_t(m);
            } else {
                amount = amount.scaled(mu.factor.num, mu.factor.den, mu.rounding);
                e.multiplier = std::int8_t(m);
            }
        }
        const Credits converted = amount;

        auto bind = [&](Limit kind, int index, int year, Credits cap_max, Credits used) {
            Credits room = max(Credits(), cap_max - used);
            if (room < amount) {
                amount = room;
                e.limit = kind;
                e.limit_index = std::int8_t(index);
                e.limit_year = std::int16_t(year);
                e.limit_used = used;
            }
        };
        std::uint32_t active = 0; // caps in effect for this activity
        for (std::uint32_t bits = ctx.cap_mask[slot]; bits != 0; bits &= bits - 1) {
            const auto k = std::size_t(__builtin_ctz(bits));
            if (p.earned < ctx.cap_from[k] || p.earned > ctx.cap_to[k])
                continue;
            active |= 1u << k;
            const Cap& cap = pack.caps[std::size_t(ctx.caps[k])];
            switch (cap.period) {
            case CapPeriod::event:
                bind(Limit::per_event, ctx.caps[k], 0, cap.max, Credits());
                break;
            case CapPeriod::calendar_year:
                bind(Limit::per_year, ctx.caps[k], p.year, cap.max, st.year_use(k, p.year));
                break;
            case CapPeriod::cycle:
                bind(Limit::per_cycle, ctx.caps[k], 0, cap.max, st.per_cycle[k]);
                break;
            }
        }
        const int top = top_category(pack, e.category);
        if (top >= 0 && ctx.category_max[std::size_t(top)])
            bind(Limit::category_max, top, 0, *ctx.category_max[std::size_t(top)],
                 st.category_applied[std::size_t(top)]);

        // Commit what was applied to every limit it matched.
        for (std::uint32_t bits = active; bits != 0; bits &= bits - 1) {
            const auto k = std::size_t(__builtin_ctz(bits));
            const Cap& cap = pack.caps[std::size_t(ctx.caps[k])];
            if (cap.period == CapPeriod::calendar_year)
                st.year_use(k, p.year) += amount;
            else if (cap.period == CapPeriod::cycle)
                st.per_cycle[k] += amount;
        }
        if (top >= 0)
            st.category_applied[std::size_t(top)] += amount;

        e.converted = converted;
        e.applied = amount;
        e.reason = amount == converted ? Reason::counted
                   : amount.is_zero()  ? Reason::limit_reached
                                       : Reason::counted_partly;
    }
}

// [SECTION] Status

Money fee_or_zero(const std::optional<Money>& m) {
    return m ? *m : Money();
}

void finish_result(const CredentialCtx& ctx, const Credential& cred, const std::vector<Explanation>& ex,
                   std::size_t base, std::size_t n, const LimitState& st, Date today, CredentialResult& r) {
    const RulePack& pack = *ctx.pack;
    const RequirementTier& tier = *ctx.tier;
    r.required = tier.total;
    r.applied = Credits();
    for (std::size_t i = 0; i < n; ++i)
        r.applied += ex[base + i].applied;
    bool mins_met = true;
    r.distinct_categories = 0;
    for (std::size_t c = 0; c < pack.categories.size(); ++c)
        if (pack.categories[c].counts_toward < 0 && st.category_applied[c] > Credits())
            ++r.distinct_categories;
    for (const auto& lim : tier.categories) {
        CategoryProgress cp;
        cp.category = lim.category;
        cp.applied = st.category_applied[std::size_t(lim.category)];
        cp.min = lim.min;
        cp.max = lim.max;
        cp.met = !lim.min || cp.applied >= *lim.min;
        mins_met = mins_met && cp.met;
        r.categories.push_back(cp);
    }
    r.min_distinct_categories = tier.min_distinct_categories;
    for (std::size_t k = 0; k < ctx.caps.size(); ++k) {
        const Cap& cap = pack.caps[std::size_t(ctx.caps[k])];
        if (cap.period == CapPeriod::calendar_year)
            for (const auto& y : st.per_year[k])
                r.caps.push_back({ctx.caps[k], y.year, y.used, cap.max});
        else if (cap.period == CapPeriod::cycle && st.per_cycle[k] > Credits())
            r.caps.push_back({ctx.caps[k], 0, st.per_cycle[k], cap.max});
    }
    r.credits_complete =
        r.applied >= r.required && mins_met && r.distinct_categories >= r.min_distinct_categories;
    // The gauge counts only what can count toward the total: each category minimum still unmet keeps
    // its shortfall out of the total (credit of other categories cannot stand in for it).
    Credits short_of_minimums;
    for (const CategoryProgress& cp : r.categories)
        if (cp.min && cp.applied < *cp.min)
            short_of_minimums += *cp.min - cp.applied;
    const Credits reachable = short_of_minimums < r.required ? r.required - short_of_minimums : Credits();
    r.toward_required = min(r.applied, reachable);
    r.remaining = r.required - r.toward_required;
    r.percent =
        r.required.is_zero() ? 100 : int(r.toward_required.hundredths() * 100 / r.required.hundredths());
    if (!r.credits_complete && r.percent >= 100)
        r.percent = 99; // e.g. enough credits but from too few categories

    // Prerequisites: each must have a document of its kind that is current today, hands-on when required
    // and uploaded when required. The most fundamental problem is reported.
    r.prerequisite = PrerequisiteIssue::none;
    for (std::size_t k = 0; k < pack.prerequisites.size() && r.prerequisite == PrerequisiteIssue::none; ++k) {
        const Prerequisite& pq = pack.prerequisites[k];
        PrerequisiteIssue best = PrerequisiteIssue::missing;
        for (const auto& d : cred.prerequisites) {
            if (d.kind != pq.kind)
                continue;
            PrerequisiteIssue issue = PrerequisiteIssue::none;
            if (d.expires < today)
                issue = PrerequisiteIssue::expired;
            else if (pq.hands_on_required && !d.hands_on)
                issue = PrerequisiteIssue::no_hands_on;
            else if (pq.upload_required && !d.file)
                issue = PrerequisiteIssue::not_uploaded;
            // Later enumerators are "closer to done".
            if (issue == PrerequisiteIssue::none || (best != PrerequisiteIssue::none && issue > best))
                best = issue;
        }
        if (best != PrerequisiteIssue::none) {
            r.prerequisite = best;
            r.prerequisite_index = int(k);
        }
    }

    r.grace_end =
        ctx.program->grace_months > 0 ? r.cycle.last.add_months(ctx.program->grace_months) : r.cycle.last;
    r.days_left = today.days_until(r.cycle.last);
    const FeeSchedule* fees = find_fees(*ctx.program, today);
    r.fee_listed = fees != nullptr && ctx.program->renews;
    r.renewal_fee = fees ? fees->renewal : Money();
    if (!ctx.program->renews) {
        r.status = CredentialStatus::record_only;
        r.fee_due = Money();
    } else if (!cred.history.empty() && today < r.cycle.first) {
        r.status = CredentialStatus::renewed;
        r.fee_due = Money();
    } else if (!(r.cycle.last < today)) {
        r.status = !r.credits_complete                         ? CredentialStatus::in_progress
                   : r.prerequisite != PrerequisiteIssue::none ? CredentialStatus::prerequisite_missing
                                                               : CredentialStatus::ready_to_renew;
        r.fee_due = r.renewal_fee;
    } else if (!(r.grace_end < today) && ctx.program->grace_months > 0) {
        r.status = CredentialStatus::grace_period;
        r.late_fee = fees ? fee_or_zero(fees->late) : Money();
        r.fee_due = r.renewal_fee + r.late_fee;
    } else {
        r.status = CredentialStatus::lapsed;
        r.fee_due = fees && fees->reinstatement ? *fees->reinstatement : r.renewal_fee;
    }
}

bool may_share(const RulePack& a, const RulePack& b) {
    if (a.body == b.body)
        return a.sharing.same_body && b.sharing.same_body;
    return a.sharing.other_bodies && b.sharing.other_bodies;
}

// Interns activity categories once (a handful of distinct strings for thousands of activities, named in
// `key_names`) and copies what the rules read of each activity.
std::vector<PreActivity> prepare_activities(const std::vector<Activity>& activities,
                                            std::vector<std::string_view>& key_names) {
    std::unordered_map<std::string_view, std::int32_t> keys;
    std::vector<PreActivity> pre(activities.size());
    for (std::size_t i = 0; i < activities.size(); ++i) {
        const Activity& a = activities[i];
        PreActivity& p = pre[i];
        p.earned = a.earned.serial();
        p.year = std::int16_t(a.earned.year());
        p.format = a.format;
        p.unit = a.unit;
        p.status = a.status;
        p.duplicate = !a.duplicate_of.empty();
        p.has_exclusions = !a.excluded_from.empty();
        p.has_overrides = !a.category_for.empty();
        p.accredited = a.provider_link && !a.provider_link->accredited_by.empty();
        p.amount = a.sessions.empty() ? a.amount : a.effective_amount();
        auto [it, inserted] = keys.try_emplace(std::string_view(a.category), std::int32_t(key_names.size()));
        if (inserted)
            key_names.push_back(a.category);
        p.category_key = it->second;
    }
    return pre;
}

// One credential's rules: its pack (a custom program's own, owned by `ev`), program, requirement row
// and credit window into `r`, and the tables the allocation reads into `x`; or `r.problem`.
void prepare_credential(const PackSet& packs, const Credential& cred, Date today,
                        const std::vector<std::string_view>& key_names, Evaluation& ev, CredentialResult& r,
                        CredentialCtx& x) {
    r.cycle = cred.cycle;
    const RulePack* pack = nullptr;
    if (cred.body == "custom" && cred.custom) {
        ev.owned_packs.push_back(std::make_unique<RulePack>(make_custom_pack(*cred.custom)));
        pack = ev.owned_packs.back().get();
    } else {
        pack = packs.find(cred.body, cred.cycle.last < today ? cred.cycle.last : today);
    }
    if (!pack) {
        r.problem = "no rule pack for body \"" + cred.body + "\"";
        return;
    }
    const Program* program =
        cred.body == "custom" ? &pack->programs.front() : pack->find_program(cred.program);
    if (!program) {
        r.problem = "rule pack \"" + pack->body + "\" has no program \"" + cred.program + "\"";
        return;
    }
    const RequirementTier* tier = find_requirement(*program, cred.certified_on, cred.cycle);
    if (!tier) {
        r.problem = "no requirement row of " + pack->body + "/" + program->id + " applies to this cycle";
        return;
    }
    x.valid = true;
    x.pack = r.pack = pack;
    x.program = r.program = program;
    x.tier = r.requirement = tier;
    r.window = credit_window(program->cycle, cred.cycle, cred.certified_on);
    x.win_first = r.window.first.serial();
    x.win_last = r.window.last.serial();
    for (int u = 0; u < unit_count; ++u)
        x.conversions[std::size_t(u)] = pack->conversion(Unit(u));
    x.category_by_key.resize(key_names.size());
    for (std::size_t k = 0; k < key_names.size(); ++k)
        x.category_by_key[k] = std::int16_t(resolve_category(*pack, key_names[k]));
    for (std::size_t k = 0; k < pack->caps.size(); ++k) {
        const auto& progs = pack->caps[k].programs;
        if (progs.empty() || std::find(progs.begin(), progs.end(), program->id) != progs.end())
            x.caps.push_back(int(k));
    }
    x.category_max.assign(pack->categories.size(), std::nullopt);
    for (const auto& lim : tier->categories)
        if (lim.max)
            x.category_max[std::size_t(lim.category)] = lim.max;
    prepare_rule_tables(x);
}

// Each activity's eligibility for credential `c` (before limits), appended to ev.explanations; the
// planned and not-yet-posted credit it would bring is added to the credential's result.
void explain_eligibility(const CredentialCtx& x, const Credential& cred, std::size_t c,
                         const std::vector<Activity>& activities, const std::vector<PreActivity>& pre, Date today,
                         Evaluation& ev) {
    CredentialResult& r = ev.credentials[c];
    const std::int32_t today_serial = today.serial();
    for (std::size_t i = 0; i < activities.size(); ++i) {
        const PreActivity& p = pre[i];
        Explanation& e = ev.explanations.emplace_back();
        e.activity = std::uint32_t(i);
        e.credential = std::uint16_t(c);
        if (!x.valid) {
            e.reason = Reason::no_rules;
            continue;
        }
        int cat = p.has_overrides
                      ? resolve_category(*x.pack, activities[i].category_for_body(x.pack->body))
                      : x.category_by_key[std::size_t(p.category_key)];
        e.category = std::int8_t(cat);
        const Conversion* conv = x.conversions[std::size_t(p.unit)];
        if (conv)
            e.converted = convert(*conv, p.amount);
        if (p.status == ActivityStatus::rejected)
            e.reason = Reason::rejected;
        else if (p.duplicate)
            e.reason = Reason::duplicate;
        else if (p.has_exclusions && is_excluded(activities[i], cred.id))
            e.reason = Reason::excluded_by_user;
        else if (p.accredited && !accredited_for(activities[i], cred, x.pack->name))
            e.reason = Reason::other_accreditor;
        else if (p.earned < x.win_first)
            e.reason = Reason::before_window;
        else if (p.earned > x.win_last)
            e.reason = Reason::after_window;
        else if (x.pack->accepted_formats != 0 &&
                 !((x.pack->accepted_formats >> unsigned(p.format)) & 1u))
            e.reason = Reason::format_not_accepted;
        else if (cat < 0)
            e.reason = Reason::category_out_of_scope;
        else if (!conv)
            e.reason = Reason::unit_not_accepted;
        else if (p.status == ActivityStatus::planned) {
            e.reason = Reason::planned;
            r.planned += e.converted;
        } else if (p.status == ActivityStatus::claimed || p.status == ActivityStatus::pending) {
            e.reason = Reason::not_yet_posted;
            r.pending += e.converted;
        } else if (p.earned > today_serial)
            e.reason = Reason::after_today;
        else
            e.reason = Reason::counted;
    }
}

// [SECTION] Allocation of activities that may not be shared

// Which credentials may count the same activity: may(a, b) is false where either's rules forbid
// sharing with the other.
struct ShareMatrix {
    std::size_t nc = 0;
    std::vector<std::uint8_t> bits; // nc x nc
    bool any_conflict = false;
    bool may(std::size_t a, std::size_t b) const { return bits[a * nc + b] != 0; }
};

ShareMatrix share_matrix(const std::vector<CredentialCtx>& ctx) {
    ShareMatrix s;
    s.nc = ctx.size();
    s.bits.assign(s.nc * s.nc, 1);
    for (std::size_t a = 0; a < s.nc; ++a)
        for (std::size_t b = 0; b < s.nc; ++b)
            if (a != b && ctx[a].valid && ctx[b].valid && !may_share(*ctx[a].pack, *ctx[b].pack)) {
                s.bits[a * s.nc + b] = 0;
                s.any_conflict = true;
            }
    return s;
}

// The activities that credentials which may not share both count ("contested"): each goes to the
// credential that needs it most (and every credential that may share with that one), then the limits
// run, then a local search moves an activity where a limit wasted it or its holder had a surplus.
class Allocation {
  public:
    Allocation(const std::vector<CredentialCtx>& ctx, const std::vector<PreActivity>& pre,
               const std::vector<std::uint32_t>& order, const ShareMatrix& share, Evaluation& ev, LimitState& st)
        : m_ctx(ctx), m_pre(pre), m_order(order), m_share(share), m_ev(ev), m_st(st), m_n(pre.size()),
          m_nc(ctx.size()), m_need(m_nc), m_holders(m_n), m_applied(m_nc) {}

    // Remaining need per credential from the activities nobody contests; the contested ones, in date
    // order, with the credentials that count them.
    void find_contested() {
        std::vector<std::uint16_t> eligible;
        for (std::size_t c = 0; c < m_nc; ++c)
            if (m_ctx[c].valid)
                m_need[c] = m_ctx[c].tier->total;
        for (std::uint32_t i : m_order) {
            eligible.clear();
            for (std::size_t c = 0; c < m_nc; ++c)
                if (m_ctx[c].valid && row(c)[i].reason == Reason::counted)
                    eligible.push_back(std::uint16_t(c));
            if (!conflicting(eligible)) {
                for (auto c : eligible)
                    m_need[c] -= row(c)[i].converted;
                continue;
            }
            m_contested.push_back(i);
            m_holders[i] = eligible;
        }
    }

    // Each contested activity, in date order, to the neediest credential and those that may share with it.
    void assign_contested() {
        for (std::uint32_t i : m_contested)
            m_holders[i] = assign(i, m_holders[i]);
    }

    // The limits of every credential, from the eligibility result.
    void limit_all() {
        m_base_converted.resize(m_n * m_nc);
        for (std::size_t k = 0; k < m_n * m_nc; ++k)
            m_base_converted[k] = m_ev.explanations[k].converted;
        for (std::size_t c = 0; c < m_nc; ++c)
            if (m_ctx[c].valid)
                m_applied[c] = limit(c);
    }

    // Repair (local search): where a limit wasted a contested activity, or its holder has more than it
    // needs, move it to a credential it was taken from if that raises the sum of min(applied, required)
    // of the two. A few passes settle typical logs; each accepted move strictly improves the sum.
    void repair() {
        for (int pass = 0; pass < 4; ++pass) {
            bool improved = false;
            for (std::uint32_t i : m_contested)
                for (std::size_t ci = 0; ci < m_holders[i].size(); ++ci)
                    improved = move_from(i, ci) || improved;
            if (!improved)
                break;
        }
    }

    // Credential c's limits again, from the amounts before limits (apply_limits rewrites them); the
    // total applied.
    Credits limit(std::size_t c) {
        Explanation* r = row(c);
        for (std::size_t i = 0; i < m_n; ++i)
            r[i].converted = m_base_converted[c * m_n + i];
        apply_limits(m_ctx[c], m_pre, m_order, r, m_st);
        Credits total;
        for (std::size_t i = 0; i < m_n; ++i)
            total += r[i].applied;
        return total;
    }

  private:
    Explanation* row(std::size_t c) { return m_ev.explanations.data() + c * m_n; }

    bool conflicting(const std::vector<std::uint16_t>& eligible) const {
        for (std::size_t a = 0; a < eligible.size(); ++a)
            for (std::size_t b = a + 1; b < eligible.size(); ++b)
                if (!m_share.may(eligible[a], eligible[b]))
                    return true;
        return false;
    }

    std::vector<std::uint16_t> assign(std::uint32_t i, std::vector<std::uint16_t> candidates) {
        std::stable_sort(candidates.begin(), candidates.end(),
                         [&](std::uint16_t a, std::uint16_t b) { return m_need[a] > m_need[b]; });
        std::vector<std::uint16_t> chosen;
        for (auto c : candidates) {
            bool ok = true;
            for (auto h : chosen)
                ok = ok && m_share.may(c, h);
            Explanation& e = row(c)[i];
            if (ok) {
                chosen.push_back(c);
                m_need[c] -= e.converted;
                e.reason = Reason::counted;
            } else {
                e.reason = Reason::allocated_elsewhere;
                for (auto h : chosen)
                    if (!m_share.may(c, h)) {
                        e.other_credential = h;
                        break;
                    }
            }
        }
        return chosen;
    }

    // Tries to move contested activity i from its holder m_holders[i][ci] to a credential it was taken
    // from; true when a move was kept.
    bool move_from(std::uint32_t i, std::size_t ci) {
        const std::size_t c = m_holders[i][ci];
        const Credits need_c = m_ctx[c].tier->total;
        const Explanation& e = row(c)[i];
        const bool wasted = e.applied < e.converted;
        const bool surplus = m_applied[c] > need_c;
        if (!wasted && !surplus)
            return false;
        for (std::size_t dd = 0; dd < m_nc; ++dd) {
            Explanation& ed = row(dd)[i];
            if (ed.reason != Reason::allocated_elsewhere || ed.other_credential != c)
                continue;
            bool ok = true;
            for (auto h : m_holders[i])
                if (h != c)
                    ok = ok && m_share.may(dd, h);
            if (!ok)
                continue;
            const Credits need_d = m_ctx[dd].tier->total;
            const Credits before = min(m_applied[c], need_c) + min(m_applied[dd], need_d);
            Explanation& ec = row(c)[i];
            ec.reason = Reason::allocated_elsewhere;
            ec.other_credential = std::uint16_t(dd);
            ed.reason = Reason::counted;
            const Credits ac = limit(c), ad = limit(dd);
            if (min(ac, need_c) + min(ad, need_d) > before) {
                m_applied[c] = ac;
                m_applied[dd] = ad;
                m_holders[i][ci] = std::uint16_t(dd);
                // Others that were allocated elsewhere because of c now point at the new holder.
                for (std::size_t o = 0; o < m_nc; ++o) {
                    Explanation& eo = row(o)[i];
                    if (o != c && eo.reason == Reason::allocated_elsewhere && eo.other_credential == c)
                        eo.other_credential = std::uint16_t(dd);
                }
                return true;
            }
            ec.reason = Reason::counted;
            ed.reason = Reason::allocated_elsewhere;
            ed.other_credential = std::uint16_t(c);
            m_applied[c] = limit(c);
            m_applied[dd] = limit(dd);
        }
        return false;
    }

    const std::vector<CredentialCtx>& m_ctx;
    const std::vector<PreActivity>& m_pre;
    const std::vector<std::uint32_t>& m_order;
    const ShareMatrix& m_share;
    Evaluation& m_ev;
    LimitState& m_st;
    std::size_t m_n, m_nc;
    std::vector<Credits> m_need;
    std::vector<std::vector<std::uint16_t>> m_holders; // who got each contested activity
    std::vector<std::uint32_t> m_contested;
    std::vector<Credits> m_base_converted, m_applied;
};

} // namespace

// [SECTION] evaluate

Credits limit_value(const Explanation& e, const CredentialResult& r) {
    if (!r.pack || e.limit_index < 0)
        return Credits();
    switch (e.limit) {
    case Limit::per_event:
    case Limit::per_year:
    case Limit::per_cycle:
        return r.pack->caps[std::size_t(e.limit_index)].max;
    case Limit::category_max:
        for (const auto& lim : r.requirement->categories)
            if (lim.category == e.limit_index && lim.max)
                return *lim.max;
        return Credits();
    case Limit::none:
        break;
    }
    return Credits();
}

Evaluation evaluate(const PackSet& packs, const std::vector<Credential>& credentials,
                    const std::vector<Activity>& activities, Date today) {
    Evaluation ev;
    ev.today = today;
    const std::size_t n = activities.size();
    const std::size_t nc = credentials.size();
    ev.activity_count = n;
    ev.credentials.resize(nc);
    ev.explanations.reserve(n * nc);

    std::vector<std::string_view> key_names;
    std::vector<PreActivity> pre = prepare_activities(activities, key_names);
    // Date order (then input order) for limits: computed once, shared by all credentials.
    std::vector<std::uint32_t> order = date_order(pre);

    // Prepare each credential's rules.
    std::vector<CredentialCtx> ctx(nc);
    for (std::size_t c = 0; c < nc; ++c)
        prepare_credential(packs, credentials[c], today, key_names, ev, ev.credentials[c], ctx[c]);

    // [SECTION] Eligibility (per activity × credential, before limits)
    for (std::size_t c = 0; c < nc; ++c)
        explain_eligibility(ctx[c], credentials[c], c, activities, pre, today, ev);

    // [SECTION] Limits, after allocating the activities that may not be shared
    LimitState st;
    const ShareMatrix share = share_matrix(ctx);
    if (!share.any_conflict) {
        for (std::size_t c = 0; c < nc; ++c) {
            if (!ctx[c].valid)
                continue;
            apply_limits(ctx[c], pre, order, ev.explanations.data() + c * n, st);
            finish_result(ctx[c], credentials[c], ev.explanations, c * n, n, st, today, ev.credentials[c]);
        }
        return ev;
    }
    Allocation alloc(ctx, pre, order, share, ev, st);
    alloc.find_contested();
    alloc.assign_contested();
    alloc.limit_all();
    alloc.repair();
    for (std::size_t c = 0; c < nc; ++c) {
        if (!ctx[c].valid)
            continue;
        alloc.limit(c);
        finish_result(ctx[c], credentials[c], ev.explanations, c * n, n, st, today, ev.credentials[c]);
    }
    return ev;
}

} // namespace recert::core
