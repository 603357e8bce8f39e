// The credit rules engine: evaluate(packs, credentials, activities, today) applies each credential's rule
// pack and returns progress, status, fees and one compact Explanation per activity × credential.
// Pure and deterministic; no strings are built during evaluation (see explain.h for the English text).
#pragma once

#include "core/credits.h"
#include "core/date.h"
#include "core/model.h"
#include "core/rulepack.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace recert::core {

enum class CredentialStatus : std::uint8_t {
    unknown_program,      // no rule pack / program for this credential (see CredentialResult::problem)
    in_progress,          // credits still missing
    prerequisite_missing, // credits complete, a prerequisite (CPR/AED card) missing, expired or not uploaded
    ready_to_renew,
    grace_period, // cycle ended; renewal still possible with a late fee
    lapsed,       // past the grace period
    renewed,      // renewal recorded; the next cycle has not started yet
    record_only,  // the program is a record of credits (Program::renews == false): nothing to renew
};

enum class PrerequisiteIssue : std::uint8_t { none, missing, expired, no_hands_on, not_uploaded };

// Why an activity did or did not count for a credential.
enum class Reason : std::uint8_t {
    counted,        // counted in full
    counted_partly, // a limit cut it (see Explanation::limit)
    limit_reached,  // a limit was already used up: nothing applied
    rejected,
    duplicate,        // the user marked it duplicate_of another activity
    excluded_by_user, // the user marked it out of this certification's scope
    other_accreditor, // a provider's course accredited by other bodies only, not assigned here (accredited_for)
    before_window,    // earned before the credit window
    after_window,     // earned after the credit window
    after_today,      // dated in the future
    format_not_accepted,
    category_out_of_scope, // no category of this pack applies
    unit_not_accepted,     // the pack has no conversion for the activity's unit
    not_yet_posted,        // claimed / pending: shown as a pending amount
    planned,               // feeds the planner only
    allocated_elsewhere,   // cannot be shared with `other_credential`, where it was applied instead
    no_rules,              // the credential has no usable rule pack (status unknown_program)
};

enum class Limit : std::uint8_t { none, per_event, per_year, per_cycle, category_max };

// One activity × one credential. 40 bytes, no heap; render with describe() (explain.h).
struct Explanation {
    std::uint32_t activity = 0;   // index into the activities passed to evaluate()
    std::uint16_t credential = 0; // index into the credentials
    Reason reason = Reason::counted;
    Limit limit = Limit::none;
    std::int8_t limit_index = -1;       // cap index (RulePack::caps) or category index for category_max
    std::int8_t category = -1;          // resolved category index in the pack, -1 if none
    std::int8_t multiplier = -1;        // last multiplier applied (RulePack::multipliers), -1 if none
    std::int16_t limit_year = 0;        // calendar year of a per_year cap
    std::uint16_t other_credential = 0; // allocated_elsewhere: where the credit went
    Credits converted;                  // in pack units after conversion and multipliers, before limits
    Credits applied;                    // what counts toward this credential
    Credits limit_used;                 // how much of the binding limit earlier activities had used
};

struct CategoryProgress {
    int category = -1; // index into the pack's categories (a top-level category)
    Credits applied;
    std::optional<Credits> min;
    std::optional<Credits> max;
    bool met = true; // min reached (or none)
};

struct CapUsage {
    int cap = -1; // index into RulePack::caps
    int year = 0; // calendar year for per-year caps, 0 for per-cycle caps
    Credits used;
    Credits max;
};

struct CredentialResult {
    const RulePack* pack = nullptr; // nullptr when status == unknown_program
    const Program* program = nullptr;
    const RequirementTier* requirement = nullptr;
    std::string problem; // why unknown_program

    DateRange cycle;
    DateRange window;           // when credits must be earned
    Date grace_end;             // last day of the grace period (== cycle.last when none)
    std::int32_t days_left = 0; // today → cycle end (negative once past)

    Credits required;
    Credits applied;         // everything counted (may exceed required: "Total CECs 63")
    // The gauge's "45 of 45": what counts toward the total once category minimums are respected —
    // min(applied, required - what each category still lacks of its minimum). With 45 Category 1 +
    // 60 Category 2 of NCCPA's 100 (at least 50 Category 1) it is 95, never 100 while incomplete.
    Credits toward_required;
    Credits remaining;       // still needed: required - toward_required (0 once the total is met)
    Credits pending;         // claimed/pending, converted, not limited ("+3 pending")
    Credits planned;         // planned, converted, not limited
    int percent = 0; // floor(toward_required / required × 100), at most 99 while not credits_complete;
                     // 100 when nothing is required

    std::vector<CategoryProgress> categories; // only categories with a min or max in the requirement
    int distinct_categories = 0;
    int min_distinct_categories = 0;
    std::vector<CapUsage> caps; // every cap that saw matching credit

    bool credits_complete = false;
    PrerequisiteIssue prerequisite = PrerequisiteIssue::none;
    int prerequisite_index = -1; // which RulePack::prerequisites entry has the issue
    CredentialStatus status = CredentialStatus::unknown_program;

    bool fee_listed = false; // the pack has a fee schedule in force; otherwise every Money below is 0 and
                             // means "not listed", never "free"
    Money renewal_fee;       // the fee schedule's renewal fee
    Money late_fee;    // non-zero in the grace period
    Money fee_due;     // renewal (+ late fee in grace; reinstatement once lapsed; 0 when renewed)
};

struct Evaluation {
    Date today;
    std::size_t activity_count = 0;
    std::vector<CredentialResult> credentials;
    // Dense matrix: credential c's explanations are [c × activity_count, (c+1) × activity_count), in the
    // order the activities were given.
    std::vector<Explanation> explanations;
    std::vector<std::unique_ptr<RulePack>> owned_packs; // custom programs' packs (pointers above stay valid)

    std::span<const Explanation> for_credential(std::size_t c) const {
        return {explanations.data() + c * activity_count, activity_count};
    }
    const Explanation& at(std::size_t credential, std::size_t activity) const {
        return explanations[credential * activity_count + activity];
    }
};

// The value of the limit that bound `e` (cap maximum or category maximum); zero when e.limit == none.
Credits limit_value(const Explanation& e, const CredentialResult& r);

// Evaluates every credential against its pack. Contract:
// - posted/verified activities count; claimed/pending feed `pending`; planned feeds `planned`; rejected
// never.
// - activities are never moved between cycles: only those earned inside a credential's window count.
// - an activity counts for several credentials where every pack involved allows sharing; otherwise it is
//   allocated (greedily by remaining need, then repaired where limits wasted it) and the others say where
//   it went (Reason::allocated_elsewhere).
// - limits (per event, per calendar year, per cycle, category maximum) are applied in date-earned order.
Evaluation evaluate(const PackSet& packs, const std::vector<Credential>& credentials,
                    const std::vector<Activity>& activities, Date today);

} // namespace recert::core
