// Remaining needs, monthly pace and what-if deltas on top of evaluate().
#include "core/planner.h"

namespace recert::core {

namespace {

// What the gauge still lacks (CredentialResult::remaining): a category minimum's shortfall stays
// needed even when other categories' credit passes the total.
Credits remaining_of(const CredentialResult& r) {
    return r.remaining;
}

} // namespace

std::vector<PlanItem> plan(const Evaluation& ev) {
    std::vector<PlanItem> out;
    for (std::size_t c = 0; c < ev.credentials.size(); ++c) {
        const CredentialResult& r = ev.credentials[c];
        if (!r.pack)
            continue;
        PlanItem p;
        p.credential = c;
        p.remaining = remaining_of(r);
        for (const auto& cp : r.categories) {
            if (cp.met || !cp.min)
                continue;
            const Category& cat = r.pack->categories[std::size_t(cp.category)];
            p.categories.push_back({cp.category, cat.id, cat.name, *cp.min - cp.applied});
        }
        p.categories_missing = r.distinct_categories < r.min_distinct_categories
                                   ? r.min_distinct_categories - r.distinct_categories
                                   : 0;
        p.prerequisite_needed = r.prerequisite != PrerequisiteIssue::none;
        p.deadline = r.cycle.last;
        p.days_left = r.days_left;
        p.pending = r.pending;
        if (r.days_left >= 0) {
            p.months_left = (p.deadline.year() - ev.today.year()) * 12 + int(p.deadline.month()) -
                            int(ev.today.month()) + 1;
            p.per_month = p.remaining.scaled(1, p.months_left, Rounding::up_to_hundredth());
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<WhatIfDelta> what_if(const PackSet& packs, const std::vector<Credential>& credentials,
                                 const std::vector<Activity>& activities, Activity planned, Date today) {
    const Date as_of = later(today, planned.earned);
    std::vector<Activity> with = activities;
    planned.status = ActivityStatus::posted;
    planned.duplicate_of.clear();
    if (planned.id.empty())
        planned.id = "what-if";
    with.push_back(std::move(planned));
    Evaluation before = evaluate(packs, credentials, activities, as_of);
    Evaluation after = evaluate(packs, credentials, with, as_of);
    std::vector<WhatIfDelta> out;
    for (std::size_t c = 0; c < credentials.size(); ++c) {
        WhatIfDelta d;
        d.credential = c;
        d.applied_before = before.credentials[c].applied;
        d.applied_after = after.credentials[c].applied;
        d.remaining_before = remaining_of(before.credentials[c]);
        d.remaining_after = remaining_of(after.credentials[c]);
        d.status_before = before.credentials[c].status;
        d.status_after = after.credentials[c].status;
        d.explanation = after.at(c, with.size() - 1);
        out.push_back(d);
    }
    return out;
}

} // namespace recert::core
