// Field-by-field differences between two versions of a record: see diff.h.
#include "core/diff.h"

#include "core/names.h"

#include <algorithm>
#include <cctype>

namespace recert::core {
namespace {

class Differ {
  public:
    void field(const char* name, const std::string& a, const std::string& b) {
        if (a != b) out.push_back({name, a, b});
    }
    // A list shown by its count; "(changed)" marks equal counts with different contents.
    template <class T>
    void list(const char* name, const std::vector<T>& a, const std::vector<T>& b, const char* one, const char* many) {
        if (a == b) return;
        std::string sa = count(a.size(), one, many), sb = count(b.size(), one, many);
        if (sa == sb) sb += " (changed)";
        out.push_back({name, std::move(sa), std::move(sb)});
    }
    std::vector<FieldChange> out;

  private:
    static std::string count(std::size_t n, const char* one, const char* many) {
        return n == 0 ? "none" : std::to_string(n) + " " + (n == 1 ? one : many);
    }
};

std::string opt_date(const std::optional<Date>& d) {
    return d ? d->to_string() : std::string();
}

std::string range(const DateRange& r) {
    return r.first.to_string() + " to " + r.last.to_string();
}

std::string cards(const std::vector<PrerequisiteDoc>& docs) {
    std::string s;
    for (const PrerequisiteDoc& d : docs) {
        if (!s.empty()) s += "; ";
        s += "expires " + d.expires.to_string() + (d.file ? ", card uploaded" : ", no card file");
    }
    return s.empty() ? "none" : s;
}

} // namespace

std::vector<FieldChange> diff_activities(const Activity& a, const Activity& b) {
    Differ d;
    d.field("Title", a.title, b.title);
    d.field("Date earned", a.earned.to_string(), b.earned.to_string());
    d.field("Date reported", opt_date(a.reported), opt_date(b.reported));
    d.field("Credits", a.effective_amount().to_short_string() + " " + std::string(unit_label(a.unit)),
            b.effective_amount().to_short_string() + " " + std::string(unit_label(b.unit)));
    d.field("Provider", a.provider, b.provider);
    d.field("Approval number", a.provider_approval, b.provider_approval);
    d.field("Course number", a.course_number, b.course_number);
    d.field("Format", std::string(format_label(a.format)), std::string(format_label(b.format)));
    d.field("Credit type", a.category, b.category);
    d.list("Credit type per body", a.category_for, b.category_for, "override", "overrides");
    d.field("Status", std::string(to_string(a.status)), std::string(to_string(b.status)));
    d.list("Sessions", a.sessions, b.sessions, "session", "sessions");
    d.field("Badge / group ID", a.claim_id, b.claim_id);
    d.field("Statement printed", opt_date(a.statement_printed), opt_date(b.statement_printed));
    d.list("Evidence", a.evidence, b.evidence, "file", "files");
    d.field("Notes", a.notes, b.notes);
    d.field("Duplicate of", a.duplicate_of, b.duplicate_of);
    d.list("Excluded from", a.excluded_from, b.excluded_from, "credential", "credentials");
    return std::move(d.out);
}

std::vector<FieldChange> diff_credentials(const Credential& a, const Credential& b) {
    Differ d;
    d.field("Credential", record_label(a), record_label(b));
    d.field("Certified on", a.certified_on.to_string(), b.certified_on.to_string());
    d.field("Cycle", range(a.cycle), range(b.cycle));
    d.field("ID number", a.id_number, b.id_number);
    d.field("CPR/AED", cards(a.prerequisites), cards(b.prerequisites));
    d.list("Renewals", a.history, b.history, "renewal", "renewals");
    if (a.custom != b.custom) {
        const std::string sa = a.custom ? a.custom->name + ", " + a.custom->required.to_short_string() + " required" : "none";
        std::string sb = b.custom ? b.custom->name + ", " + b.custom->required.to_short_string() + " required" : "none";
        if (sa == sb) sb += " (changed)";
        d.out.push_back({"Custom program", sa, sb});
    }
    return std::move(d.out);
}

std::string record_label(const Activity& a) {
    return a.title.empty() ? std::string("Untitled activity") : a.title;
}

std::string record_label(const Credential& c, const PackSet* packs) {
    return credential_short_name(c, packs ? packs->find(c.body, c.cycle.first) : nullptr);
}

} // namespace recert::core
