// "Finalize statement" (ASM style): locking a credential's statement of credit for one credit period,
// recording an explicit unlock, and the check that refuses edits inside a locked period. Pure.
#pragma once

#include "core/model.h"
#include "core/rulepack.h"
#include "core/result.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

// The locked statement of `c` whose period contains `day` (the latest one), or nullptr.
const FinalizedStatement* locking_statement(const Credential& c, Date day);

// True when `c` has a locked statement for exactly `period`.
bool is_finalized(const Credential& c, const DateRange& period);

// `c` with a new locked statement for `period`, finalized on `today`. Fails when that period is
// already locked, or `today` is before the period started.
Result<Credential> finalize_statement(const Credential& c, const DateRange& period, Date today);

// `c` with its locked statement for `period` unlocked on `today` by `by`, for `reason` (required).
// Fails when no locked statement covers that period or the reason is blank.
Result<Credential> unlock_statement(const Credential& c, const DateRange& period, Date today, std::string by,
                                    std::string reason);

// Why changing an activity is refused, or "" when it is allowed. `before` is the stored record
// (nullptr for a new one), `after` the record to write (nullptr for a delete). Refused when either
// version was earned inside a locked period of a credential it is not excluded from:
// Changing only the evidence or the notes of an entry is always allowed (proof for an audit).
// "The statement for ACSM CPT (2024-01-01 to 2026-12-31) was finalized on 2026-02-01; unlock it first".
// The credential is named by its program in `packs` ("ASM CE"); without packs, by its ids in capitals.
std::string statement_lock_problem(const std::vector<Credential>& credentials, const Activity* before,
                                   const Activity* after, const PackSet* packs = nullptr);

} // namespace recert::core
