// English text for the engine's compact results, built on demand (never during evaluation):
// explanations ("3 of 5 applied: CPR/AED/First Aid cap of 5 for 2025 reached"), statuses with the body's
// own dashboard wording, and the progress gauge ("100% 45 of 45").
#pragma once

#include "core/engine.h"

#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

// Stable identifier for a reason ("counted_partly"), used by the CLI's JSON output.
std::string_view to_string(Reason r);
std::string_view to_string(CredentialStatus s);
std::string_view to_string(PrerequisiteIssue p);

// One sentence explaining e. `activities` and `credentials` are the ones passed to evaluate().
std::string describe(const Explanation& e, const Evaluation& ev, const std::vector<Activity>& activities,
                     const std::vector<Credential>& credentials);

// Short generic status label: "In progress", "Credits complete – CPR/AED card missing", "Ready to renew",
// "In grace period – late fee $80.00", "Lapsed", "Renewed".
std::string status_label(const CredentialResult& r);

// The lines a dashboard tile shows, in the body's wording where the pack provides it. ACSM, credits
// complete without a CPR upload: {"Recertification in Process", "CPR Certificate Not Uploaded",
// "The Renew button will appear when all credits are submitted and your updated CPR Certificate is
// uploaded."}
std::vector<std::string> status_lines(const CredentialResult& r);

// The gauge: "100% 45 of 45", "83% 50 of 60"; requirement_text() where nothing is required.
std::string progress_text(const CredentialResult& r);

// What a program requires when it is not a credit total, "" otherwise: ASM's transcript "No credit
// total: claim credit for each session you attend …"; "No credits required this cycle" (NAAEI CAMT).
std::string requirement_text(const CredentialResult& r);

// "10 remaining" (EP at 50 of 60); "" once complete or when nothing is required.
std::string remaining_text(const CredentialResult& r);

// One line per unmet category minimum ("Category 1: 5 more CME needed (at least 50)") and for too few
// categories.
std::vector<std::string> missing_minimums(const CredentialResult& r);

// "Fee due: $60.00", or "Fee: not listed by NAAEI — check with them" when the pack has no fee schedule
// (an unknown fee is never shown as $0.00), "No fee: nothing to renew" for a record-only program.
std::string fee_text(const CredentialResult& r);

// "NAAEI": the body's acronym as people write it.
std::string body_acronym(const RulePack& pack);

} // namespace recert::core
