// iCalendar export of deadlines: see ics.h.
#include "core/ics.h"

#include "core/names.h"

#include <cctype>

namespace recert::core {
namespace {

std::string compact(Date d) { // 20261231
    std::string s = d.to_string();
    return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

// A UID part: letters, digits, '-', '.', '_' kept; anything else as %XX, so ids cannot break lines.
std::string uid_safe(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_') out += char(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string credential_name(const Credential& c, const CredentialResult& r) {
    return credential_short_name(c, r.pack);
}

} // namespace

std::string ics_escape_text(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\\n";
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            out += ' '; // other controls are not allowed in TEXT
        } else {
            out += c;
        }
    }
    return out;
}

std::string ics_fold_line(std::string_view line) {
    std::string out;
    std::size_t used = 0; // octets on the current physical line
    std::size_t limit = 75;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t n = 1; // whole UTF-8 sequence
        const unsigned char c = static_cast<unsigned char>(line[i]);
        if (c >= 0xF0) n = 4;
        else if (c >= 0xE0) n = 3;
        else if (c >= 0xC0) n = 2;
        n = std::min(n, line.size() - i);
        if (used + n > limit) {
            out += "\r\n ";
            used = 1; // the leading space counts
        }
        out.append(line.substr(i, n));
        used += n;
        i += n;
    }
    out += "\r\n";
    return out;
}

std::vector<Deadline> collect_deadlines(const Log& log, const Evaluation& eval) {
    std::vector<Deadline> out;
    for (std::size_t c = 0; c < log.credentials.size() && c < eval.credentials.size(); ++c) {
        const Credential& cred = log.credentials[c];
        const CredentialResult& r = eval.credentials[c];
        if (!r.pack) continue;
        const std::string name = credential_name(cred, r);
        const std::string cycle = compact(r.cycle.first) + "-" + compact(r.cycle.last);
        const std::string number = cred.id_number.empty() ? std::string() : " (no. " + cred.id_number + ")";
        Deadline end;
        end.kind = DeadlineKind::cycle_end;
        end.credential = c;
        end.day = r.cycle.last;
        end.uid = uid_safe(cred.id) + "-cycle-end-" + cycle + "@recert.app";
        end.summary = name + ": recertification cycle ends";
        end.description = "Last day of the " + r.cycle.first.to_string() + " to " + r.cycle.last.to_string() + " cycle of " +
                          credential_full_name(cred, r.pack) + number + ". " + r.required.to_short_string() + " " +
                          r.pack->unit + " required; " + r.applied.to_short_string() + " counted so far.";
        out.push_back(end);
        if (r.grace_end > r.cycle.last) {
            Deadline g;
            g.kind = DeadlineKind::grace_end;
            g.credential = c;
            g.day = r.grace_end;
            g.uid = uid_safe(cred.id) + "-grace-end-" + cycle + "@recert.app";
            g.summary = name + ": grace period ends";
            g.description = "Last day to renew the " + r.cycle.first.to_string() + " to " + r.cycle.last.to_string() +
                            " cycle with a late fee" + number + "; after it the certification lapses.";
            out.push_back(g);
        }
        for (const PrerequisiteDoc& p : cred.prerequisites) {
            if (p.kind != "cpr_aed") continue;
            Deadline x;
            x.kind = DeadlineKind::cpr_expiry;
            x.credential = c;
            x.day = p.expires;
            x.uid = uid_safe(cred.id) + "-cpr-expiry-" + compact(p.issued) + "-" + compact(p.expires) + "@recert.app";
            x.summary = name + ": CPR/AED certificate expires";
            x.description = "The CPR/AED certificate issued " + p.issued.to_string() + " expires " + p.expires.to_string() +
                            ". A current card is needed to renew" + number + ".";
            out.push_back(x);
        }
    }
    return out;
}

std::string export_calendar(const Log& log, const Evaluation& eval, std::string_view dtstamp) {
    std::string out;
    const auto line = [&](std::string_view l) { out += ics_fold_line(l); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Recert//Recert deadlines//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:" + ics_escape_text(log.person.name.empty() ? "Recert deadlines" : "Recert deadlines: " + log.person.name));
    for (const Deadline& d : collect_deadlines(log, eval)) {
        line("BEGIN:VEVENT");
        line("UID:" + d.uid);
        line("DTSTAMP:" + std::string(dtstamp));
        line("DTSTART;VALUE=DATE:" + compact(d.day));
        line("DTEND;VALUE=DATE:" + compact(d.day.add_days(1)));
        line("SUMMARY:" + ics_escape_text(d.summary));
        line("DESCRIPTION:" + ics_escape_text(d.description));
        line("TRANSP:TRANSPARENT");
        line(std::string("CATEGORIES:") + (d.kind == DeadlineKind::cpr_expiry ? "CPR/AED" : "Recertification"));
        for (int days : {90, 30, 7}) {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line("TRIGGER:-P" + std::to_string(days) + "D");
            line("DESCRIPTION:" + ics_escape_text(d.summary + " in " + std::to_string(days) + " days"));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

} // namespace recert::core
