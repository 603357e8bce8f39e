// The deadlines calendar as iCalendar (RFC 5545): each credential's cycle end, grace-period end and
// CPR/AED expiry as all-day events with reminders 90, 30 and 7 days before. UIDs are derived from the
// credential id, the event kind and the cycle (or card), so importing a newer file updates the
// events instead of duplicating them. CRLF line ends, lines folded at 75 octets, TEXT escaped. Pure.
#pragma once

#include "core/engine.h"
#include "core/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

enum class DeadlineKind : std::uint8_t { cycle_end, grace_end, cpr_expiry };

struct Deadline {
    DeadlineKind kind = DeadlineKind::cycle_end;
    std::size_t credential = 0; // index into log.credentials
    Date day;
    std::string uid;     // stable: "<credential id>-<kind>-<cycle or card dates>@recert.app"
    std::string summary; // "ACSM CPT: recertification cycle ends"
    std::string description;
};

// The deadlines of every credential with a known program (cycle end; grace end when the pack has a
// grace period; one CPR/AED expiry per card on file). `eval` must evaluate log.credentials.
std::vector<Deadline> collect_deadlines(const Log& log, const Evaluation& eval);

// A VCALENDAR with one VEVENT per deadline. `dtstamp` is the production time in UTC, 16 characters
// like "20251123T101500Z" (the only clock input; DTSTAMP of every event).
std::string export_calendar(const Log& log, const Evaluation& eval, std::string_view dtstamp);

// RFC 5545 helpers (exposed for tests): TEXT escaping (\\ \; \, \n) and folding of one content line
// into CRLF-terminated lines of at most 75 octets, never splitting a UTF-8 sequence.
std::string ics_escape_text(std::string_view text);
std::string ics_fold_line(std::string_view line);

} // namespace recert::core
