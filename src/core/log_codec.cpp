// Decoding and encoding of the recert-log JSON format, versions 1 and 2.
#include "core/log_codec.h"

#include "core/sha256.h"

#include "core/json_read.h"
#include "core/json_scan.h"
#include "core/limits.h"

#include <algorithm>
#include <set>

namespace recert::core {

using detail::child;
using detail::DecodeError;
using detail::fail;
using detail::json;
using detail::ObjectReader;
using ojson = nlohmann::ordered_json;

namespace {

// [SECTION] Decoding


// A date of a credential (activities' dates are checked with the rest of their limits).
Date kept_date(ObjectReader& r, std::string_view key) {
    const Date d = r.date(key);
    if (std::string p = date_problem(d); !p.empty())
        fail(r.at(key), p);
    return d;
}

// A text field of a credential, at most limits::max_short_text bytes (or `max`).
std::string short_str(ObjectReader& r, std::string_view key, bool required,
                      std::size_t max = limits::max_short_text) {
    std::string s = required ? r.str(key) : r.opt_str(key);
    if (std::string p = text_problem(s, max, "this field"); !p.empty())
        fail(r.at(key), p);
    return s;
}

// An array of at most `max` elements (missing or null = empty).
const json* opt_list(ObjectReader& r, std::string_view key, std::size_t max, std::string_view what,
                     std::string_view owner) {
    const json* a = r.opt_array(key);
    if (a)
        if (std::string p = count_problem(a->size(), max, what, owner); !p.empty())
            fail(r.at(key), p);
    return a;
}

// The first limit `a` breaks, located under `path`.
void check_limits(const Activity& a, const std::string& path) {
    const std::vector<LimitProblem> problems = activity_limit_problems(a);
    if (!problems.empty())
        fail(path + problems.front().pointer, problems.front().message);
}

EvidenceRef evidence(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    EvidenceRef e;
    e.sha256 = r.str("sha256");
    if (!is_sha256_hex(e.sha256))
        fail(r.at("sha256"), "expected 64 lowercase hex characters (SHA-256)");
    e.name = r.opt_str("name");
    e.mime = r.opt_str("mime");
    r.finish();
    return e;
}

std::optional<EvidenceRef> opt_evidence(ObjectReader& r, std::string_view key) {
    const json* v = r.find(key);
    if (!v)
        return std::nullopt;
    return evidence(*v, r.at(key));
}

DateRange range(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    DateRange d{kept_date(r, "start"), kept_date(r, "end")};
    r.finish();
    if (d.last < d.first)
        fail(child(path, "end"), "cycle end is before its start");
    return d;
}

Credential credential(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    Credential c;
    c.id = short_str(r, "id", true);
    if (c.id.empty())
        fail(r.at("id"), "must not be empty");
    c.rev = r.opt_integer("rev", 0, (1LL << 53), "a non-negative integer revision").value_or(1);
    c.body = short_str(r, "body", true);
    c.program = short_str(r, "program", true);
    c.certified_on = kept_date(r, "certified_on");
    c.cycle = range(r.need("cycle"), r.at("cycle"));
    c.id_number = short_str(r, "id_number", false);
    if (const json* ps = opt_list(r, "prerequisites", limits::max_small_list, "documents", "credential")) {
        for (std::size_t i = 0; i < ps->size(); ++i) {
            ObjectReader pr((*ps)[i], child(r.at("prerequisites"), i));
            PrerequisiteDoc d;
            d.kind = short_str(pr, "kind", true);
            d.issued = kept_date(pr, "issued");
            d.expires = kept_date(pr, "expires");
            if (d.expires < d.issued)
                fail(pr.at("expires"), "expires before it was issued");
            d.hands_on = pr.opt_bool("hands_on", false);
            d.file = opt_evidence(pr, "file");
            pr.finish();
            c.prerequisites.push_back(std::move(d));
        }
    }
    if (const json* hs = opt_list(r, "history", limits::max_small_list, "renewals", "credential")) {
        for (std::size_t i = 0; i < hs->size(); ++i) {
            ObjectReader hr((*hs)[i], child(r.at("history"), i));
            RenewalRecord h;
            h.renewed_on = kept_date(hr, "renewed_on");
            h.cycle = range(hr.need("cycle"), hr.at("cycle"));
            h.amount = hr.money("amount");
            h.receipt = opt_evidence(hr, "receipt");
            hr.finish();
            c.history.push_back(std::move(h));
        }
    }
    if (const json* cu = r.find("custom")) {
        ObjectReader cr(*cu, r.at("custom"));
        CustomProgram p;
        p.name = short_str(cr, "name", false);
        p.required = cr.credits("required");
        p.cycle_months = int(cr.integer("cycle_months", 1, 600, "a positive number of months"));
        if (const json* cats = opt_list(cr, "categories", limits::max_small_list, "categories", "program")) {
            for (std::size_t i = 0; i < cats->size(); ++i) {
                ObjectReader kr((*cats)[i], child(cr.at("categories"), i));
                CustomCategory k;
                k.id = short_str(kr, "id", true);
                if (k.id.empty())
                    fail(kr.at("id"), "must not be empty");
                k.min = kr.opt_credits("min").value_or(Credits());
                k.max = kr.opt_credits("max");
                kr.finish();
                p.categories.push_back(std::move(k));
            }
        }
        p.renewal_fee = cr.opt_money("renewal_fee").value_or(Money());
        cr.finish();
        c.custom = std::move(p);
    }
    // Optional (version 2; written only when non-empty, so logs without finalized statements stay
    // version 1). Accepted under a version-1 header too: the IndexedDB store assembles its rows
    // under one.
    if (const json* ss = opt_list(r, "statements", limits::max_small_list, "statements", "credential")) {
        for (std::size_t i = 0; i < ss->size(); ++i) {
            ObjectReader sr((*ss)[i], child(r.at("statements"), i));
            FinalizedStatement f;
            f.period = range(sr.need("period"), sr.at("period"));
            f.finalized_on = kept_date(sr, "finalized_on");
            if (const json* u = sr.find("unlock")) {
                ObjectReader ur(*u, sr.at("unlock"));
                StatementUnlock un;
                un.on = kept_date(ur, "on");
                un.by = short_str(ur, "by", false);
                un.reason = short_str(ur, "reason", true, limits::max_notes);
                if (un.reason.empty())
                    fail(ur.at("reason"), "an unlock needs a reason");
                ur.finish();
                f.unlock = std::move(un);
            }
            sr.finish();
            c.statements.push_back(std::move(f));
        }
    }
    if (c.body == "custom" && !c.custom)
        fail(r.at("custom"), "a credential of body \"custom\" needs its program definition");
    r.finish();
    return c;
}

Activity activity(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    Activity a;
    a.id = r.str("id");
    if (a.id.empty())
        fail(r.at("id"), "must not be empty");
    a.rev = r.opt_integer("rev", 0, (1LL << 53), "a non-negative integer revision").value_or(1);
    a.earned = r.date("earned");
    a.reported = r.opt_date("reported");
    a.title = r.str("title");
    a.provider = r.opt_str("provider");
    a.provider_approval = r.opt_str("provider_approval");
    a.course_number = r.opt_str("course_number");
    {
        auto f = parse_format(r.str("format"));
        if (!f)
            fail(r.at("format"),
                 "unknown format (expected live, online, home_study, conference_session, "
                 "college_course, teaching, volunteering, cpr_aed_first_aid, publication or other)");
        a.format = *f;
    }
    a.category = r.opt_str("category");
    if (const json* cf = r.find("category_for")) {
        if (!cf->is_object())
            fail(r.at("category_for"), "expected an object mapping body ids to categories");
        for (auto it = cf->begin(); it != cf->end(); ++it)
            a.category_for.push_back(
                {it.key(), ObjectReader::as_string(it.value(), child(r.at("category_for"), it.key()))});
    }
    a.amount = r.credits("amount");
    if (a.amount < Credits())
        fail(r.at("amount"), "must not be negative");
    {
        auto u = parse_unit(r.str("unit"));
        if (!u)
            fail(r.at("unit"),
                 "unknown unit (expected cec, ceu, cme, contact_hour, cpe, pdh, semester_credit or "
                 "quarter_credit)");
        a.unit = *u;
    }
    if (const json* ss = r.opt_array("sessions")) {
        for (std::size_t i = 0; i < ss->size(); ++i) {
            ObjectReader sr((*ss)[i], child(r.at("sessions"), i));
            Session s;
            s.title = sr.str("title");
            s.hours_claimed = sr.credits("hours_claimed");
            if (s.hours_claimed < Credits())
                fail(sr.at("hours_claimed"), "must not be negative");
            s.evaluation_done = sr.opt_bool("evaluation_done", false);
            sr.finish();
            a.sessions.push_back(std::move(s));
        }
    }
    a.claim_id = r.opt_str("claim_id");
    a.statement_printed = r.opt_date("statement_printed");
    {
        auto s = parse_activity_status(r.str("status"));
        if (!s)
            fail(r.at("status"),
                 "unknown status (expected planned, claimed, pending, posted, verified or rejected)");
        a.status = *s;
    }
    if (const json* src = r.find("source")) {
        auto s = parse_activity_source(ObjectReader::as_string(*src, r.at("source")));
        if (!s)
            fail(r.at("source"), "unknown source (expected self_reported, imported or synced)");
        a.source = *s;
    }
    if (const json* ev = r.opt_array("evidence"))
        for (std::size_t i = 0; i < ev->size(); ++i)
            a.evidence.push_back(evidence((*ev)[i], child(r.at("evidence"), i)));
    a.notes = r.opt_str("notes");
    a.duplicate_of = r.opt_str("duplicate_of");
    if (!a.duplicate_of.empty() && a.duplicate_of == a.id)
        fail(r.at("duplicate_of"), "an activity cannot duplicate itself");
    a.excluded_from = r.opt_string_list("excluded_from");
    if (const json* pl = r.find("provider_link")) {
        ObjectReader lr(*pl, r.at("provider_link"));
        ProviderLink link;
        link.provider = lr.str("provider");
        link.external_id = lr.str("external_id");
        if (link.provider.empty() || link.external_id.empty())
            fail(lr.at(link.provider.empty() ? "provider" : "external_id"), "must not be empty");
        link.etag = lr.opt_str("etag");
        link.updated_at = lr.opt_str("updated_at");
        link.status = lr.opt_str("status");
        link.accredited_by = lr.opt_string_list("accredited_by");
        link.assigned_to = lr.opt_string_list("assigned_to");
        lr.finish();
        a.provider_link = std::move(link);
    }
    r.finish();
    check_limits(a, path);
    return a;
}

Log decode_root(const json& root) {
    ObjectReader r(root, "");
    if (r.str("format") != "recert-log")
        fail(r.at("format"), "expected \"recert-log\"");
    long long version = r.integer("version", 1, 1000000, "a positive integer");
    if (version < 1 || version > log_format_version) // 2 adds provider_link and statements, 3 person.email
        fail(r.at("version"), "unsupported log version " + std::to_string(version) +
                                  " (this build reads versions 1 to " + std::to_string(log_format_version) + ")");
    Log log;
    if (const json* p = r.find("person")) {
        ObjectReader pr(*p, r.at("person"));
        log.person.name = short_str(pr, "name", false);
        log.person.email = short_str(pr, "email", false); // version 3
        pr.finish();
    }
    std::set<std::string> ids;
    if (const json* cs = opt_list(r, "credentials", limits::max_credentials, "credentials", "log")) {
        for (std::size_t i = 0; i < cs->size(); ++i) {
            std::string p = child(r.at("credentials"), i);
            Credential c = credential((*cs)[i], p);
            if (!ids.insert(c.id).second)
                fail(child(p, "id"), "duplicate credential id \"" + c.id + "\"");
            log.credentials.push_back(std::move(c));
        }
    }
    ids.clear();
    if (const json* as = opt_list(r, "activities", limits::max_activities, "activities", "log")) {
        log.activities.reserve(as->size());
        for (std::size_t i = 0; i < as->size(); ++i) {
            std::string p = child(r.at("activities"), i);
            Activity a = activity((*as)[i], p);
            if (!ids.insert(a.id).second)
                fail(child(p, "id"), "duplicate activity id \"" + a.id + "\"");
            log.activities.push_back(std::move(a));
        }
    }
    if (const json* s = r.find("settings")) {
        if (!s->is_object())
            fail(r.at("settings"), std::string("expected an object, got ") + detail::type_name(*s));
        log.settings_json = s->dump();
    }
    r.finish();
    return log;
}

// [SECTION] The fast path: well-formed logs straight from the text
//
// Loading 10,000 stored activities through the DOM (parse, then ObjectReader) is most of the
// browser store's load time. fast_decode() reads the same format with detail::Scanner directly into
// the model, applying every check decode_root() applies. On anything else (a syntax error, an
// unknown or repeated key, a failed check, a shape it does not handle) it gives up, and decode_log
// runs the DOM decoder, which reports the located error. tests/core checks both agree.

enum ActivityKey : int {
    k_id, k_rev, k_earned, k_reported, k_title, k_provider, k_provider_approval, k_course_number, k_format,
    k_category, k_category_for, k_amount, k_unit, k_sessions, k_claim_id, k_statement_printed, k_status,
    k_source, k_evidence, k_notes, k_duplicate_of, k_excluded_from, k_provider_link, k_activity_keys
};

using detail::fast_array;
using detail::fast_list;
using detail::fast_members;
using detail::fast_object;
using detail::Seen;

int activity_key(std::string_view k) {
    static constexpr std::string_view names[] = {
        "id", "rev", "earned", "reported", "title", "provider", "provider_approval", "course_number", "format",
        "category", "category_for", "amount", "unit", "sessions", "claim_id", "statement_printed", "status",
        "source", "evidence", "notes", "duplicate_of", "excluded_from", "provider_link"};
    for (int i = 0; i < k_activity_keys; ++i)
        if (names[i] == k)
            return i;
    return -1;
}

bool fast_date(detail::Scanner& sc, std::string& tmp, Date& out) {
    if (!sc.string(tmp))
        return false;
    auto d = Date::parse(tmp);
    if (!d)
        return false;
    out = *d;
    return true;
}

bool fast_date(detail::Scanner& sc, std::string& tmp, std::optional<Date>& out) {
    Date d;
    if (!fast_date(sc, tmp, d))
        return false;
    out = d;
    return true;
}

// A string naming one of an enum's values (`parse`: parse_format, parse_unit, …).
template <class T, class Parse>
bool fast_enum(detail::Scanner& sc, std::string& tmp, Parse parse, T& out) {
    if (!sc.string(tmp))
        return false;
    const std::optional<T> v = parse(tmp);
    if (v)
        out = *v;
    return v.has_value();
}

bool fast_credits(detail::Scanner& sc, std::string& tmp, Credits& out) {
    if (!sc.string(tmp))
        return false;
    auto c = Credits::parse(tmp);
    if (!c || *c < Credits())
        return false;
    out = *c;
    return true;
}

bool fast_session(detail::Scanner& sc, std::string& key, std::string& tmp, Session& out) {
    Seen seen;
    bool title = false, hours = false;
    const bool ok = fast_object(sc, key, [&](std::string_view k) {
        const int i = k == "title" ? 0 : k == "hours_claimed" ? 1 : k == "evaluation_done" ? 2 : -1;
        if (!seen.add(i))
            return false;
        if (sc.null())
            return true;
        if (i == 0)
            return title = sc.string(out.title);
        if (i == 1)
            return hours = fast_credits(sc, tmp, out.hours_claimed);
        return sc.boolean(out.evaluation_done);
    });
    return ok && title && hours;
}

bool fast_evidence(detail::Scanner& sc, std::string& key, EvidenceRef& out) {
    Seen seen;
    const bool ok = fast_object(sc, key, [&](std::string_view k) {
        const int i = k == "sha256" ? 0 : k == "name" ? 1 : k == "mime" ? 2 : -1;
        if (!seen.add(i))
            return false;
        if (sc.null())
            return i != 0;
        return sc.string(i == 0 ? out.sha256 : i == 1 ? out.name : out.mime);
    });
    return ok && is_sha256_hex(out.sha256);
}

bool fast_link(detail::Scanner& sc, std::string& key, ProviderLink& out) {
    Seen seen;
    const bool ok = fast_object(sc, key, [&](std::string_view k) {
        const int i = k == "provider" ? 0 : k == "external_id" ? 1 : k == "etag" ? 2 : k == "updated_at" ? 3
                      : k == "status"        ? 4
                      : k == "accredited_by" ? 5
                      : k == "assigned_to"   ? 6
                                             : -1;
        if (!seen.add(i))
            return false;
        if (sc.null())
            return i > 1;
        if (i >= 5) {
            auto& list = i == 5 ? out.accredited_by : out.assigned_to;
            return fast_list(sc, list, [&](std::string& s) { return sc.string(s); });
        }
        std::string* fields[] = {&out.provider, &out.external_id, &out.etag, &out.updated_at, &out.status};
        return sc.string(*fields[i]);
    });
    return ok && !out.provider.empty() && !out.external_id.empty();
}

bool fast_activity(detail::Scanner& sc, std::string& key, std::string& tmp, Activity& a) {
    Seen present;
    const bool ok = fast_members(sc, key, false, present, activity_key, [&](int i) {
        switch (i) {
        case k_id: return sc.string(a.id) && !a.id.empty();
        case k_rev: {
            long long v = 0;
            if (!sc.integer(v) || v < 0 || v > (1LL << 53))
                return false;
            a.rev = v;
            return true;
        }
        case k_earned: return fast_date(sc, tmp, a.earned);
        case k_reported: return fast_date(sc, tmp, a.reported);
        case k_title: return sc.string(a.title);
        case k_provider: return sc.string(a.provider);
        case k_provider_approval: return sc.string(a.provider_approval);
        case k_course_number: return sc.string(a.course_number);
        case k_format: return fast_enum(sc, tmp, parse_format, a.format);
        case k_category: return sc.string(a.category);
        case k_category_for: {
            // The DOM's object is a std::map: bodies come out sorted.
            std::string body;
            const bool read = fast_object(sc, key, [&](std::string_view b) {
                body = b;
                BodyCategory bc{body, {}};
                if (!sc.string(bc.category))
                    return false;
                a.category_for.push_back(std::move(bc));
                return true;
            });
            if (!read)
                return false;
            std::sort(a.category_for.begin(), a.category_for.end(),
                      [](const BodyCategory& x, const BodyCategory& y) { return x.body < y.body; });
            for (std::size_t n = 1; n < a.category_for.size(); ++n)
                if (a.category_for[n].body == a.category_for[n - 1].body)
                    return false;
            return true;
        }
        case k_amount: return fast_credits(sc, tmp, a.amount);
        case k_unit: return fast_enum(sc, tmp, parse_unit, a.unit);
        case k_sessions:
            return fast_list(sc, a.sessions, [&](Session& x) { return fast_session(sc, key, tmp, x); });
        case k_claim_id: return sc.string(a.claim_id);
        case k_statement_printed: return fast_date(sc, tmp, a.statement_printed);
        case k_status: return fast_enum(sc, tmp, parse_activity_status, a.status);
        case k_source: return fast_enum(sc, tmp, parse_activity_source, a.source);
        case k_evidence:
            return fast_list(sc, a.evidence, [&](EvidenceRef& e) { return fast_evidence(sc, key, e); });
        case k_notes: return sc.string(a.notes);
        case k_duplicate_of: return sc.string(a.duplicate_of);
        case k_excluded_from:
            return fast_list(sc, a.excluded_from, [&](std::string& id) { return sc.string(id); });
        case k_provider_link: {
            ProviderLink l;
            if (!fast_link(sc, key, l))
                return false;
            a.provider_link = std::move(l);
            return true;
        }
        default: return false;
        }
    });
    if (!ok)
        return false;
    for (int required : {k_id, k_earned, k_title, k_format, k_amount, k_unit, k_status})
        if (!present.has(required))
            return false;
    if (!present.has(k_rev))
        a.rev = 1;
    return (a.duplicate_of.empty() || a.duplicate_of != a.id) && activity_limit_problems(a).empty();
}

// One member of the root object. With `activities_raw`, the activities array is only skipped and
// its text kept (LogReader decodes it a slice at a time); else it is decoded here.
struct FastRoot {
    Log log;
    Seen seen;
    bool format = false;
    long long version = 0;
    std::string key, tmp;
};

bool fast_root_member(detail::Scanner& sc, FastRoot& st, std::string_view k, std::string_view* activities_raw) {
    Log& log = st.log;
    std::string& key = st.key;
    std::string& tmp = st.tmp;
    const int i = k == "format" ? 0 : k == "version" ? 1 : k == "person" ? 2 : k == "credentials" ? 3
                                                                      : k == "activities"    ? 4
                                                                      : k == "settings"      ? 5
                                                                                             : -1;
    if (!st.seen.add(i))
        return false;
    if (sc.null())
        return i >= 2;
    switch (i) {
    case 0: return sc.string(tmp) && (st.format = tmp == "recert-log");
    case 1: return sc.integer(st.version) && st.version >= 1 && st.version <= log_format_version;
    case 2: {
        Seen ps;
        return fast_object(sc, key, [&](std::string_view pk) {
            const int f = pk == "name" ? 0 : pk == "email" ? 1 : -1;
            if (!ps.add(f))
                return false;
            std::string& field = f == 0 ? log.person.name : log.person.email;
            return sc.null() || (sc.string(field) && field.size() <= limits::max_short_text);
        });
    }
    case 3: {
        // A few records at most: the DOM decoder, on just this part.
        std::string_view raw;
        if (!sc.skip(&raw) || raw.front() != '[')
            return false;
        try {
            const json cs = json::parse(raw.begin(), raw.end());
            if (cs.size() > limits::max_credentials)
                return false;
            std::set<std::string> ids;
            for (std::size_t n = 0; n < cs.size(); ++n) {
                Credential c = credential(cs[n], child("/credentials", n));
                if (!ids.insert(c.id).second)
                    return false;
                log.credentials.push_back(std::move(c));
            }
        } catch (...) {
            return false;
        }
        return true;
    }
    case 4:
        if (activities_raw)
            return sc.skip(activities_raw) && activities_raw->front() == '[';
        return fast_list(sc, log.activities, [&](Activity& a) {
            return log.activities.size() < limits::max_activities && fast_activity(sc, key, tmp, a);
        });
    case 5: {
        std::string_view raw;
        if (!sc.skip(&raw) || raw.front() != '{')
            return false;
        try {
            log.settings_json = json::parse(raw.begin(), raw.end()).dump();
        } catch (...) {
            return false;
        }
        return true;
    }
    default: return false;
    }
}

// The whole root object; false when the fast path gives up. `check_depth` false: checked already.
bool fast_root(std::string_view text, FastRoot& st, std::string_view* activities_raw, bool check_depth = true) {
    if (check_depth && detail::depth_problem(text))
        return false; // nested too deep: the DOM decoder says where
    detail::Scanner sc(text);
    const bool ok = fast_object(sc, st.key, [&](std::string_view k) { return fast_root_member(sc, st, k, activities_raw); });
    return ok && sc.at_end() && st.format && st.seen.has(1);
}

// Activity ids are unique.
bool unique_ids(const Log& log) {
    std::vector<std::string_view> ids;
    ids.reserve(log.activities.size());
    for (const Activity& a : log.activities)
        ids.push_back(a.id);
    std::sort(ids.begin(), ids.end());
    return std::adjacent_find(ids.begin(), ids.end()) == ids.end();
}

std::optional<Log> fast_decode(std::string_view text) {
    FastRoot st;
    if (!fast_root(text, st, nullptr) || !unique_ids(st.log))
        return std::nullopt;
    return std::move(st.log);
}

} // namespace

// [SECTION] The sliced reader

struct LogReader::State {
    enum class Stage { depth, root, activities, ids, dom, done } stage = Stage::depth;
    FastRoot root;
    std::string_view raw; // the activities array's text
    std::optional<detail::Scanner> sc;
    std::optional<Result<Log>> result;
};

LogReader::LogReader(std::string_view text, std::string file)
    : m_text(text), m_file(std::move(file)), m(std::make_unique<State>()) {}

LogReader::~LogReader() = default;
LogReader::LogReader(LogReader&&) noexcept = default;
LogReader& LogReader::operator=(LogReader&&) noexcept = default;

bool LogReader::step(std::size_t max_activities) {
    using Stage = State::Stage;
    State& s = *m;
    switch (s.stage) {
    case Stage::depth: // a pass of its own: the text is read whole twice before any activity
        s.stage = detail::depth_problem(m_text) ? Stage::dom : Stage::root;
        break;
    case Stage::root:
        if (!fast_root(m_text, s.root, &s.raw, false)) {
            s.stage = Stage::dom;
            break;
        }
        s.stage = Stage::ids;
        if (!s.raw.empty()) {
            s.sc.emplace(s.raw);
            s.sc->eat('[');
            if (!s.sc->eat(']'))
                s.stage = Stage::activities;
        }
        break;
    case Stage::activities: {
        detail::Scanner& sc = *s.sc;
        std::vector<Activity>& out = s.root.log.activities;
        for (std::size_t n = 0; n < std::max<std::size_t>(max_activities, 1); ++n) {
            Activity a;
            if (out.size() >= limits::max_activities || !fast_activity(sc, s.root.key, s.root.tmp, a)) {
                s.stage = Stage::dom;
                break;
            }
            out.push_back(std::move(a));
            if (sc.eat(','))
                continue;
            s.stage = sc.eat(']') && sc.at_end() ? Stage::ids : Stage::dom;
            break;
        }
        break;
    }
    case Stage::ids:
        if (unique_ids(s.root.log)) {
            s.result.emplace(std::move(s.root.log));
            s.stage = Stage::done;
        } else {
            s.stage = Stage::dom;
        }
        break;
    case Stage::dom: // not the fast path's shape (or not valid): the DOM decoder, which says where
        s.result.emplace(detail::decode_log_dom(m_text, m_file));
        s.stage = Stage::done;
        break;
    case Stage::done: break;
    }
    return s.stage == Stage::done;
}

float LogReader::progress() const {
    const State& s = *m;
    switch (s.stage) {
    case State::Stage::depth:
    case State::Stage::root: return 0.0f;
    case State::Stage::activities:
        return 0.05f + 0.9f * float(double(s.sc->offset()) / double(std::max<std::size_t>(s.raw.size(), 1)));
    case State::Stage::ids:
    case State::Stage::dom: return 0.95f;
    case State::Stage::done: return 1.0f;
    }
    return 0.0f;
}

Result<Log> LogReader::take() {
    if (!m->result)
        return Error{m_file, "", "the log was not read to its end"};
    return std::move(*m->result);
}

namespace {

// [SECTION] Encoding

ojson encode(const EvidenceRef& e) {
    return ojson{{"sha256", e.sha256}, {"name", e.name}, {"mime", e.mime}};
}
ojson encode(const DateRange& d) {
    return ojson{{"start", d.first.to_string()}, {"end", d.last.to_string()}};
}
template <class T>
ojson opt(const std::optional<T>& v) {
    if (!v)
        return nullptr;
    if constexpr (std::is_same_v<T, Date>)
        return v->to_string();
    else
        return encode(*v);
}

ojson encode(const Credential& c) {
    ojson j;
    j["id"] = c.id;
    j["rev"] = c.rev;
    j["body"] = c.body;
    j["program"] = c.program;
    j["certified_on"] = c.certified_on.to_string();
    j["cycle"] = encode(c.cycle);
    j["id_number"] = c.id_number;
    ojson ps = ojson::array();
    for (const auto& p : c.prerequisites)
        ps.push_back(ojson{{"kind", p.kind},
                           {"issued", p.issued.to_string()},
                           {"expires", p.expires.to_string()},
                           {"hands_on", p.hands_on},
                           {"file", opt(p.file)}});
    j["prerequisites"] = std::move(ps);
    ojson hs = ojson::array();
    for (const auto& h : c.history)
        hs.push_back(ojson{{"renewed_on", h.renewed_on.to_string()},
                           {"cycle", encode(h.cycle)},
                           {"amount", h.amount.to_string()},
                           {"receipt", opt(h.receipt)}});
    j["history"] = std::move(hs);
    if (c.custom) {
        ojson cats = ojson::array();
        for (const auto& k : c.custom->categories)
            cats.push_back(ojson{{"id", k.id},
                                 {"min", k.min.to_string()},
                                 {"max", k.max ? ojson(k.max->to_string()) : ojson(nullptr)}});
        j["custom"] = ojson{{"name", c.custom->name},
                            {"required", c.custom->required.to_string()},
                            {"cycle_months", c.custom->cycle_months},
                            {"categories", std::move(cats)},
                            {"renewal_fee", c.custom->renewal_fee.to_string()}};
    }
    if (!c.statements.empty()) {
        ojson ss = ojson::array();
        for (const auto& f : c.statements) {
            ojson e{{"period", encode(f.period)}, {"finalized_on", f.finalized_on.to_string()}};
            if (f.unlock)
                e["unlock"] = ojson{{"on", f.unlock->on.to_string()}, {"by", f.unlock->by}, {"reason", f.unlock->reason}};
            ss.push_back(std::move(e));
        }
        j["statements"] = std::move(ss);
    }
    return j;
}

ojson encode(const Activity& a) {
    ojson j;
    j["id"] = a.id;
    j["rev"] = a.rev;
    j["earned"] = a.earned.to_string();
    j["reported"] = opt(a.reported);
    j["title"] = a.title;
    j["provider"] = a.provider;
    j["provider_approval"] = a.provider_approval;
    j["course_number"] = a.course_number;
    j["format"] = std::string(to_string(a.format));
    j["category"] = a.category;
    ojson cf = ojson::object();
    for (const auto& bc : a.category_for)
        cf[bc.body] = bc.category;
    j["category_for"] = std::move(cf);
    j["amount"] = a.amount.to_string();
    j["unit"] = std::string(to_string(a.unit));
    ojson ss = ojson::array();
    for (const auto& s : a.sessions)
        ss.push_back(ojson{{"title", s.title},
                           {"hours_claimed", s.hours_claimed.to_string()},
                           {"evaluation_done", s.evaluation_done}});
    j["sessions"] = std::move(ss);
    j["claim_id"] = a.claim_id;
    j["statement_printed"] = opt(a.statement_printed);
    j["status"] = std::string(to_string(a.status));
    j["source"] = std::string(to_string(a.source));
    ojson ev = ojson::array();
    for (const auto& e : a.evidence)
        ev.push_back(encode(e));
    j["evidence"] = std::move(ev);
    j["notes"] = a.notes;
    j["duplicate_of"] = a.duplicate_of;
    j["excluded_from"] = a.excluded_from;
    if (a.provider_link) { // written only when set, so logs without synced activities stay version 1
        ojson l{{"provider", a.provider_link->provider},
                {"external_id", a.provider_link->external_id},
                {"etag", a.provider_link->etag},
                {"updated_at", a.provider_link->updated_at},
                {"status", a.provider_link->status}};
        // The lists only when they hold something: links synced before they existed keep their bytes.
        if (!a.provider_link->accredited_by.empty())
            l["accredited_by"] = a.provider_link->accredited_by;
        if (!a.provider_link->assigned_to.empty())
            l["assigned_to"] = a.provider_link->assigned_to;
        j["provider_link"] = std::move(l);
    }
    return j;
}

// [SECTION] The direct writer for activities: the same bytes as encode(a).dump(), without building
// a DOM first.

void put(std::string& out, std::string_view s) {
    bool ascii = true;
    for (char ch : s)
        ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
    if (!ascii && !detail::valid_utf8(s)) {
        out += ojson(std::string(s)).dump(); // throws nlohmann's type_error, as encode_log would
        return;
    }
    static const char* hex = "0123456789abcdef";
    out += '"';
    // Runs of characters that need no escape are appended whole.
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void put_key(std::string& out, std::string_view key, bool first = false) {
    if (!first)
        out += ',';
    out += '"';
    out += key; // our own keys: plain ASCII
    out += "\":";
}

void put_opt(std::string& out, const std::optional<Date>& d) {
    if (d)
        put(out, d->to_string());
    else
        out += "null";
}

template <class T, class F>
void put_list(std::string& out, const std::vector<T>& items, F&& each) {
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        each(items[i]);
    }
    out += ']';
}

void write_activity(std::string& out, const Activity& a) {
    put_key(out, "id", true);
    put(out, a.id);
    put_key(out, "rev");
    out += std::to_string(a.rev);
    put_key(out, "earned");
    put(out, a.earned.to_string());
    put_key(out, "reported");
    put_opt(out, a.reported);
    put_key(out, "title");
    put(out, a.title);
    put_key(out, "provider");
    put(out, a.provider);
    put_key(out, "provider_approval");
    put(out, a.provider_approval);
    put_key(out, "course_number");
    put(out, a.course_number);
    put_key(out, "format");
    put(out, to_string(a.format));
    put_key(out, "category");
    put(out, a.category);
    put_key(out, "category_for");
    // An object: a body named twice keeps its first place and its last category, as ojson does.
    std::vector<std::pair<std::string_view, std::string_view>> cf;
    for (const auto& bc : a.category_for) {
        auto it = std::find_if(cf.begin(), cf.end(), [&](const auto& e) { return e.first == bc.body; });
        if (it == cf.end())
            cf.emplace_back(bc.body, bc.category);
        else
            it->second = bc.category;
    }
    out += '{';
    for (std::size_t i = 0; i < cf.size(); ++i) {
        if (i)
            out += ',';
        put(out, cf[i].first);
        out += ':';
        put(out, cf[i].second);
    }
    out += '}';
    put_key(out, "amount");
    put(out, a.amount.to_string());
    put_key(out, "unit");
    put(out, to_string(a.unit));
    put_key(out, "sessions");
    put_list(out, a.sessions, [&](const Session& x) {
        put_key(out += '{', "title", true);
        put(out, x.title);
        put_key(out, "hours_claimed");
        put(out, x.hours_claimed.to_string());
        put_key(out, "evaluation_done");
        out += x.evaluation_done ? "true}" : "false}";
    });
    put_key(out, "claim_id");
    put(out, a.claim_id);
    put_key(out, "statement_printed");
    put_opt(out, a.statement_printed);
    put_key(out, "status");
    put(out, to_string(a.status));
    put_key(out, "source");
    put(out, to_string(a.source));
    put_key(out, "evidence");
    put_list(out, a.evidence, [&](const EvidenceRef& e) {
        put_key(out += '{', "sha256", true);
        put(out, e.sha256);
        put_key(out, "name");
        put(out, e.name);
        put_key(out, "mime");
        put(out, e.mime);
        out += '}';
    });
    put_key(out, "notes");
    put(out, a.notes);
    put_key(out, "duplicate_of");
    put(out, a.duplicate_of);
    put_key(out, "excluded_from");
    put_list(out, a.excluded_from, [&](const std::string& id) { put(out, id); });
    if (a.provider_link) {
        const auto& l = *a.provider_link;
        put_key(out, "provider_link");
        out += '{';
        put_key(out, "provider", true);
        put(out, l.provider);
        put_key(out, "external_id");
        put(out, l.external_id);
        put_key(out, "etag");
        put(out, l.etag);
        put_key(out, "updated_at");
        put(out, l.updated_at);
        put_key(out, "status");
        put(out, l.status);
        if (!l.accredited_by.empty()) {
            put_key(out, "accredited_by");
            put_list(out, l.accredited_by, [&](const std::string& s) { put(out, s); });
        }
        if (!l.assigned_to.empty()) {
            put_key(out, "assigned_to");
            put_list(out, l.assigned_to, [&](const std::string& s) { put(out, s); });
        }
        out += '}';
    }
}

} // namespace

std::string encode_record(const Activity& a) {
    std::string out;
    out.reserve(512 + a.title.size() + a.notes.size());
    out += '{';
    write_activity(out, a);
    out += '}';
    return out;
}

std::string encode_record(const Credential& c) {
    return encode(c).dump();
}

Result<Log> decode_log(std::string_view text, std::string_view file) {
    if (auto fast = fast_decode(text))
        return std::move(*fast);
    return detail::decode_log_dom(text, file);
}

std::optional<Log> detail::decode_log_fast(std::string_view text) {
    return fast_decode(text);
}

Result<Log> detail::decode_log_dom(std::string_view text, std::string_view file) {
    try {
        json root = detail::parse_text(text);
        return decode_root(root);
    } catch (const DecodeError& e) {
        return Error{std::string(file), e.path, e.message};
    } catch (const std::exception& e) {
        return Error{std::string(file), "", std::string("unreadable log: ") + e.what()};
    }
}

std::string encode_log(const Log& log) {
    ojson j;
    j["format"] = "recert-log";
    // Version 2 only when the log uses what version 2 added (provider links, finalized
    // statements), version 3 only when it has what version 3 added (the person's email): every
    // other log is written byte for byte as a version-1 writer would.
    bool v2 = false;
    for (const auto& a : log.activities)
        v2 = v2 || a.provider_link.has_value();
    for (const auto& c : log.credentials)
        v2 = v2 || !c.statements.empty();
    const bool v3 = !log.person.email.empty();
    j["version"] = v3 ? 3 : v2 ? 2 : 1;
    ojson person{{"name", log.person.name}};
    if (v3)
        person["email"] = log.person.email;
    j["person"] = std::move(person);
    ojson cs = ojson::array();
    for (const auto& c : log.credentials)
        cs.push_back(encode(c));
    j["credentials"] = std::move(cs);
    ojson as = ojson::array();
    for (const auto& a : log.activities)
        as.push_back(encode(a));
    j["activities"] = std::move(as);
    ojson settings = ojson::object();
    try {
        auto parsed = ojson::parse(log.settings_json);
        if (parsed.is_object())
            settings = std::move(parsed);
    } catch (const std::exception&) {
        // Not valid JSON: a backup must still be written; settings fall back to {}.
    }
    j["settings"] = std::move(settings);
    return j.dump(2) + "\n";
}

} // namespace recert::core
