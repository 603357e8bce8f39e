// Claim-per-session providers (ASM CE portal): credit is claimed session by session, each session is
// evaluated, then the statement of credit is printed, after which it is final and cannot change.
#pragma once

#include "core/model.h"
#include "core/result.h"
#include "core/rulepack.h"

#include <cstddef>

namespace recert::core {

// True when the pack makes printed statements final and this activity's statement was printed.
bool statement_final(const Activity& activity, const RulePack& pack);

// Adds a claimed session. Rejected (activity unchanged) once the statement is final, or when the pack
// requires a Badge/Group ID and the activity has none. The activity becomes `claimed` until printed.
Result<Activity> claim_session(const Activity& activity, Session session, const RulePack& pack);

// Replaces session `index` (e.g. to record the evaluation). Rejected once the statement is final.
Result<Activity> update_session(const Activity& activity, std::size_t index, Session session,
                                const RulePack& pack);

// Prints the statement on `day`: requires at least one session and, when the pack says so, every session
// evaluated. Afterwards the statement is final and the activity is `posted` with the claimed hours.
Result<Activity> print_statement(const Activity& activity, Date day, const RulePack& pack);

} // namespace recert::core
