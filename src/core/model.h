// The data a person keeps: credentials (with prerequisites and renewal history) and activities (CEC
// entries). Plain value types; every enum has a stable snake_case spelling used by the log format.
#pragma once

#include "core/credits.h"
#include "core/date.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

// [SECTION] Enumerations

enum class Format : std::uint8_t {
    live,
    online,
    home_study,
    conference_session,
    college_course,
    teaching,
    volunteering, // committee / board service and volunteering
    cpr_aed_first_aid,
    publication,
    other,
};
inline constexpr int format_count = 10;

// Units an activity can be recorded in. `cec` is hour-based (1 = one hour, ACSM/NAAEI style); `ceu` is
// the decimal system (0.1 = one hour: IACET CEU, ACE "CEC", NSCA/NASM CEU). Conversions live in packs.
enum class Unit : std::uint8_t {
    cec,
    ceu,
    cme,
    contact_hour,
    cpe,
    pdh,
    semester_credit,
    quarter_credit,
};
inline constexpr int unit_count = 8;

// posted and verified count toward requirements; claimed and pending are "not yet posted" and reported as
// pending amounts; planned only feeds the planner; rejected never counts.
enum class ActivityStatus : std::uint8_t { planned, claimed, pending, posted, verified, rejected };

enum class ActivitySource : std::uint8_t { self_reported, imported, synced };

std::string_view to_string(Format f);
std::string_view to_string(Unit u);
std::string_view to_string(ActivityStatus s);
std::string_view to_string(ActivitySource s);
// Human label for a unit ("contact hour", "semester credit").
std::string_view unit_label(Unit u);
// Human label for a format ("CPR/AED/First Aid").
std::string_view format_label(Format f);
std::optional<Format> parse_format(std::string_view s);
std::optional<Unit> parse_unit(std::string_view s);
std::optional<ActivityStatus> parse_activity_status(std::string_view s);
std::optional<ActivitySource> parse_activity_source(std::string_view s);

// [SECTION] Records

// A file kept elsewhere (the evidence vault), referenced by content hash.
struct EvidenceRef {
    std::string sha256; // 64 lowercase hex chars
    std::string name;
    std::string mime;
    friend bool operator==(const EvidenceRef&, const EvidenceRef&) = default;
};

// A file chosen for a record (picked in the browser, dropped on the page, or staged by a store): the
// reference to put on the record and the bytes that go to the store with it (empty when the store
// staged them itself), or, when refused, why (the message names the file). The one type for the UI,
// the app layer and storage.
struct PickedFile {
    EvidenceRef ref;
    std::vector<std::uint8_t> bytes;
    std::uint64_t size = 0;
    std::string error; // "" = accepted
};

// One session of a claim-per-session activity (ASM): credit is claimed per session attended.
struct Session {
    std::string title;
    Credits hours_claimed;
    bool evaluation_done = false;
    friend bool operator==(const Session&, const Session&) = default;
};

// An activity's category for one body, overriding Activity::category for that body's packs.
struct BodyCategory {
    std::string body;
    std::string category;
    friend bool operator==(const BodyCategory&, const BodyCategory&) = default;
};

// Where a synced activity came from (issue #7): the provider's record it mirrors. The provider is the
// source of truth for it; sync updates the activity when the etag changes and never deletes it.
struct ProviderLink {
    std::string provider;    // provider id: the API base URL it was synced from
    std::string external_id; // the completion's id at the provider
    std::string etag;        // the provider's version of that completion
    std::string updated_at;  // RFC 3339 timestamp as the provider sent it
    std::string status;      // provider status: claimed, pending_evaluation, awarded, finalized, revoked
    // The bodies that accredit the course, as the provider names them ("ACSM", "NAAEI"): its
    // accreditor and every credit award's accrediting body. Empty = the provider said none.
    std::vector<std::string> accredited_by;
    // Credential ids the person assigned this kind of course to (see accreditation_key): it counts
    // toward those as well as toward credentials of a body in accredited_by.
    std::vector<std::string> assigned_to;
    friend bool operator==(const ProviderLink&, const ProviderLink&) = default;
    // "Revoked by provider": the activity is kept (status rejected) but never counts.
    bool revoked() const { return status == "revoked"; }
};

struct Activity {
    std::string id;       // stable UUID
    std::int64_t rev = 1; // revision for the storage layer; bumped on every edit
    Date earned;
    std::optional<Date> reported;
    std::string title;
    std::string provider;
    std::string provider_approval; // approval / accreditation number
    std::string course_number;
    Format format = Format::other;
    std::string category; // pack-defined credit type, used for any body without an override
    std::vector<BodyCategory> category_for;
    Credits amount; // ignored when sessions are present: then the evaluated sessions' hours count
    Unit unit = Unit::cec;
    std::vector<Session> sessions;
    std::string claim_id;                  // ASM Badge ID (live meeting) or Group ID (teleconference)
    std::optional<Date> statement_printed; // ASM: once printed the statement is final
    ActivityStatus status = ActivityStatus::posted;
    ActivitySource source = ActivitySource::self_reported;
    std::vector<EvidenceRef> evidence;
    std::string notes;
    std::string duplicate_of; // id of the activity this one duplicates (user decision); never auto-set
    std::vector<std::string> excluded_from; // credential ids the user marked out of scope
    std::optional<ProviderLink> provider_link; // set on synced activities only
    friend bool operator==(const Activity&, const Activity&) = default;

    // The category to use for `body`: an override in category_for, else `category`.
    const std::string& category_for_body(std::string_view body) const;
    // Credit amount in `unit`: the sum of evaluated sessions when sessions exist, else `amount`.
    Credits effective_amount() const;
};

// A prerequisite document such as a CPR/AED card.
struct PrerequisiteDoc {
    std::string kind; // "cpr_aed" (CPR/AED, BLS or ACLS)
    Date issued;
    Date expires;
    bool hands_on = false;
    std::optional<EvidenceRef> file; // uploaded card; nullopt = not uploaded
    friend bool operator==(const PrerequisiteDoc&, const PrerequisiteDoc&) = default;
};

// One completed renewal: which cycle was closed, when, for how much.
struct RenewalRecord {
    Date renewed_on;
    DateRange cycle;
    Money amount;
    std::optional<EvidenceRef> receipt;
    friend bool operator==(const RenewalRecord&, const RenewalRecord&) = default;
};

// The rules of a user-defined ("custom" body) program.
struct CustomCategory {
    std::string id;
    Credits min;
    std::optional<Credits> max;
    friend bool operator==(const CustomCategory&, const CustomCategory&) = default;
};
struct CustomProgram {
    std::string name;
    Credits required;
    int cycle_months = 24;
    std::vector<CustomCategory> categories;
    Money renewal_fee;
    friend bool operator==(const CustomProgram&, const CustomProgram&) = default;
};

// A recorded unlock of a finalized statement: who, when and why (kept for the record).
struct StatementUnlock {
    Date on;
    std::string by;
    std::string reason;
    friend bool operator==(const StatementUnlock&, const StatementUnlock&) = default;
};

// "Finalize statement" (ASM style): the statement of credit for one credit period was locked on
// `finalized_on`; activities earned inside `period` cannot be added, changed or deleted until it is
// unlocked (core/statement.h). An unlocked entry stays in the list as history.
struct FinalizedStatement {
    DateRange period; // the credit window the statement covered
    Date finalized_on;
    std::optional<StatementUnlock> unlock; // nullopt = still locked
    friend bool operator==(const FinalizedStatement&, const FinalizedStatement&) = default;
};

struct Credential {
    std::string id;
    std::int64_t rev = 1; // revision for the storage layer; bumped on every edit
    std::string body;    // pack body id: "acsm", "nsca", …, or "custom"
    std::string program; // program id inside the pack: "cpt", "ep", …
    Date certified_on;
    DateRange cycle; // the current cycle
    std::string id_number;
    std::vector<PrerequisiteDoc> prerequisites;
    std::vector<RenewalRecord> history;
    std::optional<CustomProgram> custom; // required when body == "custom"
    std::vector<FinalizedStatement> statements; // oldest first; see core/statement.h
    friend bool operator==(const Credential&, const Credential&) = default;
};

// Which credentials a synced course counts toward (issue #18 item 9, #20): a provider's course counts
// toward a credential when one of the bodies accrediting it is the credential's body (its pack id
// "acsm" or name "American College of Sports Medicine", compared without case; "NAAEI" never matches
// ACSM) or when the person assigned that kind of course to the credential (ProviderLink::assigned_to).
// A self-reported or imported activity, or a synced one whose provider named no accreditor, counts
// toward every credential as before. `body_name` is the pack's name ("" when unknown).
bool accredited_for(const Activity& a, const Credential& c, std::string_view body_name);
// "Kind of course" for assignments: the provider and the accrediting bodies, case-folded and sorted
// ("https://ce.example\nnaaei"); "" for an activity that is not synced or names no accreditor.
std::string accreditation_key(const Activity& a);

// The person the records belong to (Settings › Profile): named on every transcript, audit packet and
// calendar. Both optional; the email is only printed, never used to send anything.
struct Person {
    std::string name;
    std::string email;
    friend bool operator==(const Person&, const Person&) = default;
};

// Everything a backup holds. `settings_json` is an opaque JSON object (canonical text) owned by the UI.
struct Log {
    Person person;
    std::vector<Credential> credentials;
    std::vector<Activity> activities;
    std::string settings_json = "{}";
    friend bool operator==(const Log&, const Log&) = default;
};

// The record (activity or credential) with `id`, or null.
template <class T>
const T* find_by_id(const std::vector<T>& records, std::string_view id) {
    for (const T& r : records)
        if (r.id == id)
            return &r;
    return nullptr;
}
template <class T>
T* find_by_id(std::vector<T>& records, std::string_view id) {
    return const_cast<T*>(find_by_id(static_cast<const std::vector<T>&>(records), id));
}

} // namespace recert::core
