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

#include <memory>
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
// Size: one credential's JSON holds at most 5 MB (limits::max_badge_bytes); only a well-formed CLR
// bundle may be larger (up to 5,000 credentials, each within that limit).
Result<std::vector<Activity>> import_open_badges(std::string_view json_text, std::string_view file,
                                                 const BadgeImportOptions& options);

// The same a slice at a time, so the page keeps answering while a large CLR bundle is read: the
// text is scanned once, the bundle's credentials are found, then each is parsed and converted on its
// own. import_open_badges() is this reader run to its end: the same activities, the same errors.
class BadgeReader {
  public:
    // `text` must outlive the reader.
    BadgeReader(std::string_view text, std::string file, BadgeImportOptions options);
    ~BadgeReader();
    BadgeReader(BadgeReader&&) noexcept;
    BadgeReader& operator=(BadgeReader&&) noexcept;
    // Does about `max_credentials` credentials' worth of work (at least one); true once done.
    bool step(std::size_t max_credentials);
    float progress() const; // 0…1
    Result<std::vector<Activity>> take();

  private:
    struct State;
    std::unique_ptr<State> m;
};

namespace detail {
// The whole file through one DOM, for tests and the fuzzer: on a text within the size limit the
// reader gives the same result.
Result<std::vector<Activity>> import_open_badges_dom(std::string_view json_text, std::string_view file,
                                                     const BadgeImportOptions& options);
} // namespace detail

} // namespace recert::core
