// The planner: what each credential still needs (total and per category), by when, at what monthly pace,
// and what a planned activity would change ("what if I take this 10-hour course?").
#pragma once

#include "core/engine.h"

#include <string>
#include <vector>

namespace recert::core {

struct CategoryNeed {
    int category = -1; // index into the pack's categories
    std::string id;
    std::string name;
    Credits remaining; // to reach the category minimum
};

struct PlanItem {
    std::size_t credential = 0;
    Credits remaining;                    // toward the total requirement (0 when met)
    std::vector<CategoryNeed> categories; // unmet category minimums only
    int categories_missing = 0;           // distinct categories still needed ("at least 2 categories")
    bool prerequisite_needed = false;     // e.g. CPR/AED card missing, expired or not uploaded
    Date deadline;                        // cycle end
    std::int32_t days_left = 0;
    int months_left = 0; // calendar months from today's month to the deadline's, inclusive
    Credits per_month;   // remaining / months_left, rounded up to 0.01 (0 when past)
    Credits pending;     // claimed/pending credit that may still post
};

// One PlanItem per credential with known rules (unknown programs are skipped). Pure: reads `ev` only.
std::vector<PlanItem> plan(const Evaluation& ev);

struct WhatIfDelta {
    std::size_t credential = 0;
    Credits applied_before;
    Credits applied_after;
    Credits remaining_before;
    Credits remaining_after;
    CredentialStatus status_before = CredentialStatus::unknown_program;
    CredentialStatus status_after = CredentialStatus::unknown_program;
    Explanation explanation; // how the planned activity would count for this credential
};

// Evaluates with and without `planned` (treated as posted), both as of max(today, planned.earned), and
// returns one delta per credential. The inputs are not modified.
std::vector<WhatIfDelta> what_if(const PackSet& packs, const std::vector<Credential>& credentials,
                                 const std::vector<Activity>& activities, Activity planned, Date today);

} // namespace recert::core
