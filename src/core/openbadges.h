// Open Badges 3.0 credentials and CLR 2.0 bundles (1EdTech, JSON form) -> activities. Every field we
// read is type-checked; unknown fields are ignored (the specs allow extensions); a bad file is
// rejected whole, with an RFC 6901 pointer to the field. Signatures / proofs are not verified.
//
// Field rules :
// - a credential is an object whose "type" (string or array) contains "OpenBadgeCredential" or
//   "AchievementCredential"; a CLR is one whose type contains "ClrCredential", and its
//   credentialSubject.verifiableCredential array holds such credentials (each becomes one activity).
// - title        = credentialSubject.achievement.name (required, non-empty)
// - provider     = issuer.name, else issuer.id / issuer as a string (required)
// - course number= credentialSubject.achievement.humanCode (optional)
// - credits      = credentialSubject.creditsEarned, else credentialSubject.achievement.creditsAvailable;
//                  a non-negative number with at most two decimals, > 0 (required)
// - date earned  = the date part (YYYY-MM-DD, as written, no time-zone shift) of the first present of
//                  credentialSubject.activityEndDate, activityStartDate, validFrom, issuanceDate
// - status posted, source imported, format "other", unit from the options (Open Badges carry no unit),
//   notes = "Open Badge from <issuer>: <credential id>".
#pragma once

#include "core/model.h"
#include "core/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

struct BadgeImportOptions {
    Date today;                  // validate_activity(): a date earned after today is rejected
    std::string id_prefix;       // activity ids: id_prefix + "-" + index
    Unit unit = Unit::cec;       // Open Badges have no unit: the person chooses it
    std::optional<EvidenceRef> evidence; // the badge file itself, attached to every activity
};

// One activity per credential (one for an OB 3.0 file; one per embedded credential for a CLR).
// Errors: Error{file, "/credentialSubject/creditsEarned", "expected a number (credits earned)"}.
Result<std::vector<Activity>> import_open_badges(std::string_view json_text, std::string_view file,
                                                 const BadgeImportOptions& options);

} // namespace recert::core
