// The provider API's wire protocol: see protocol.h and provider-api.openapi.yaml.
#include "sync/protocol.h"

#include "core/json_read.h"
#include "core/json_scan.h"
#include "core/limits.h"
#include "core/sha256.h"
#include "sync/decode.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace recert::sync {
namespace {

using core::is_sha256_hex;
using core::detail::child;
using core::detail::DecodeError;
using core::detail::fail;
using core::detail::json;
using core::detail::ObjectReader;

constexpr std::array<std::string_view, 5> status_names = {"claimed", "pending_evaluation", "awarded", "finalized",
                                                          "revoked"};

std::string text(ObjectReader& r, std::string_view key, bool required) {
    std::string s = required ? r.str(key) : r.opt_str(key);
    if (s.size() > max_text)
        fail(r.at(key), "longer than " + std::to_string(max_text) + " characters");
    return s;
}
std::string required_id(ObjectReader& r, std::string_view key) {
    std::string s = text(r, key, true);
    if (s.empty())
        fail(r.at(key), "must not be empty");
    return s;
}

bool is_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return !s.empty();
}

// RFC 3339 date-time ("2025-03-01T10:00:00Z", fractions and offsets allowed) or a plain date.
std::optional<core::Date> rfc3339_date(std::string_view s) {
    if (s.size() < 10)
        return std::nullopt;
    // Any year from 0001: one outside the record limits quarantines the item (quarantine_reason)
    // instead of refusing the whole page.
    auto d = core::parse_date_any_year(s.substr(0, 10));
    if (!d || s.size() == 10)
        return d;
    std::string_view t = s.substr(10);
    if (t.size() < 9 || (t[0] != 'T' && t[0] != 't') || !is_digits(t.substr(1, 2)) || t[3] != ':' ||
        !is_digits(t.substr(4, 2)) || t[6] != ':' || !is_digits(t.substr(7, 2)))
        return std::nullopt;
    t = t.substr(9);
    if (!t.empty() && t[0] == '.') {
        std::size_t n = 1;
        while (n < t.size() && t[n] >= '0' && t[n] <= '9')
            ++n;
        if (n == 1)
            return std::nullopt;
        t = t.substr(n);
    }
    if (t == "Z" || t == "z")
        return d;
    if (t.size() == 6 && (t[0] == '+' || t[0] == '-') && is_digits(t.substr(1, 2)) && t[3] == ':' &&
        is_digits(t.substr(4, 2)))
        return d;
    return std::nullopt;
}

std::string timestamp(ObjectReader& r, std::string_view key) {
    std::string s = text(r, key, true);
    if (!rfc3339_date(s))
        fail(r.at(key), "expected an RFC 3339 timestamp like \"2025-03-01T10:00:00Z\"");
    return s;
}

// Any non-negative amount Credits can hold: one beyond the record limits quarantines the item
// (quarantine_reason) instead of refusing the whole page.
bool in_credit_range(const core::Credits& c) {
    return !(c < core::Credits());
}

core::Credits amount(const json& v, const std::string& path) {
    std::optional<core::Credits> c;
    if (v.is_string())
        c = core::Credits::parse(v.get<std::string>());
    else if (v.is_number_integer() || v.is_number_unsigned())
        c = core::Credits::parse(v.dump());
    else if (v.is_number_float())
        c = core::Credits::parse(v.dump()); // 1.5 -> "1.5"; 1e3 or 0.333 are refused
    if (!c || !in_credit_range(*c))
        fail(path, "expected a non-negative credit amount with at most two decimals");
    return *c;
}

// "CEC", "contact hours", "Contact-Hour", … as a unit.
std::optional<core::Unit> unit_of(std::string_view s) {
    std::string lower;
    for (char ch : s)
        lower += ch == ' ' || ch == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == "contact_hours" || lower == "hour" || lower == "hours")
        lower = "contact_hour";
    return core::parse_unit(lower);
}

core::Unit unit(const std::string& s, const std::string& path) {
    if (auto u = unit_of(s))
        return *u;
    fail(path, "unknown credit unit \"" + s.substr(0, 40) + "\" (expected CEC, CEU, CME, contact_hour, CPE or PDH)");
}


Completion completion(const json& j, const std::string& path) {
    ObjectReader r(j, path);
    Completion c;
    c.id = required_id(r, "id");
    {
        auto s = parse_completion_status(text(r, "status", true));
        if (!s)
            fail(r.at("status"),
                 "unknown status (expected claimed, pending_evaluation, awarded, finalized or revoked)");
        c.status = *s;
    }
    c.tombstone = r.opt_bool("tombstone", false);
    if (c.tombstone && c.status != CompletionStatus::revoked)
        fail(r.at("status"), "a tombstone must have status \"revoked\"");
    c.etag = text(r, "etag", !c.tombstone);
    c.updated_at = timestamp(r, "updatedAt");
    if (c.tombstone)
        return c; // a revocation: nothing else is needed (other fields are ignored)

    {
        ObjectReader a(r.need("activity"), r.at("activity"));
        c.title = text(a, "title", true);
        if (c.title.empty())
            fail(a.at("title"), "must not be empty");
        c.course_number = text(a, "courseNumber", false);
        c.provider_name = text(a, "providerName", false);
        c.accreditor = text(a, "accreditor", false);
        c.approval_number = text(a, "approvalNumber", false);
        const std::string f = text(a, "format", false);
        c.format = core::parse_format(f).value_or(core::Format::other);
    }
    {
        const std::string at = text(r, "completedAt", true);
        auto d = rfc3339_date(at);
        if (!d)
            fail(r.at("completedAt"), "expected an RFC 3339 date or timestamp like \"2025-03-01\"");
        c.completed_at = *d;
    }
    const json* credits = r.opt_array("credits");
    if (!credits || credits->empty())
        fail(r.at("credits"), "expected at least one credit award");
    if (credits->size() > max_credits_per_item)
        fail(r.at("credits"), "more than " + std::to_string(max_credits_per_item) + " credit awards");
    for (std::size_t i = 0; i < credits->size(); ++i) {
        ObjectReader cr((*credits)[i], child(r.at("credits"), i));
        CreditAward award;
        award.amount = amount(cr.need("amount"), cr.at("amount"));
        award.unit = unit(text(cr, "unit", true), cr.at("unit"));
        award.accrediting_body = text(cr, "accreditingBody", false);
        award.category = text(cr, "category", false);
        c.credits.push_back(std::move(award));
    }
    if (const json* cert = r.find("certificate")) {
        ObjectReader cr(*cert, r.at("certificate"));
        CertificateRef ref;
        ref.url = text(cr, "url", true);
        if (ref.url.empty())
            fail(cr.at("url"), "must not be empty");
        ref.sha256 = text(cr, "sha256", true);
        if (!is_sha256_hex(ref.sha256))
            fail(cr.at("sha256"), "expected 64 lowercase hex digits");
        c.certificate = std::move(ref);
    }
    return c;
}

using detail::decode;

// [SECTION] The fast path: well-formed pages straight from the text
//
// Most of a sync's decoding time went into nlohmann's DOM. fast_page() reads a page with
// core::detail::Scanner directly into Completions, applying every check completion() applies; on
// anything else (a syntax error, a repeated key, a failed check, a shape it does not handle: a
// fractional amount, say) it gives up and decode_completions runs the DOM decoder, which reports
// the located error. tests/sync and fuzz_sync check that both agree.

using core::detail::fast_array;
using core::detail::fast_list;
using core::detail::fast_members;
using core::detail::Scanner;
using core::detail::Seen;

bool fast_text(Scanner& sc, std::string& out) {
    return sc.string(out) && out.size() <= max_text;
}

// A credit amount: a decimal string, or a plain non-negative integer (as the DOM decoder reads
// them); fractions and exponents in JSON numbers are left to the DOM decoder.
bool fast_amount(Scanner& sc, std::string& tmp, core::Credits& out) {
    std::optional<core::Credits> c;
    if (sc.peek() == '"') {
        if (!sc.string(tmp))
            return false;
        c = core::Credits::parse(tmp);
    } else {
        std::string_view raw;
        if (!sc.skip(&raw) || raw.empty() || raw.size() > 6)
            return false;
        for (char ch : raw)
            if (ch < '0' || ch > '9')
                return false;
        c = core::Credits::parse(raw);
    }
    if (!c || !in_credit_range(*c))
        return false;
    out = *c;
    return true;
}

bool fast_award(Scanner& sc, std::string& key, std::string& tmp, CreditAward& out) {
    auto index = [](std::string_view k) {
        return k == "amount" ? 0 : k == "unit" ? 1 : k == "accreditingBody" ? 2 : k == "category" ? 3 : -1;
    };
    Seen present;
    const bool ok = fast_members(sc, key, true, present, index, [&](int i) {
        switch (i) {
        case 0: return fast_amount(sc, tmp, out.amount);
        case 1: {
            if (!fast_text(sc, tmp))
                return false;
            const std::optional<core::Unit> u = unit_of(tmp);
            if (u)
                out.unit = *u;
            return u.has_value();
        }
        case 2: return fast_text(sc, out.accrediting_body);
        default: return fast_text(sc, out.category);
        }
    });
    return ok && present.has(0) && present.has(1);
}

bool fast_activity(Scanner& sc, std::string& key, std::string& tmp, Completion& c) {
    auto index = [](std::string_view k) {
        return k == "title"            ? 0
               : k == "courseNumber"   ? 1
               : k == "providerName"   ? 2
               : k == "accreditor"     ? 3
               : k == "approvalNumber" ? 4
               : k == "format"         ? 5
                                       : -1;
    };
    Seen present;
    const bool ok = fast_members(sc, key, true, present, index, [&](int i) {
        if (i == 5) {
            if (!fast_text(sc, tmp))
                return false;
            c.format = core::parse_format(tmp).value_or(core::Format::other);
            return true;
        }
        std::string* fields[] = {&c.title, &c.course_number, &c.provider_name, &c.accreditor, &c.approval_number};
        return fast_text(sc, *fields[i]);
    });
    return ok && !c.title.empty();
}

bool fast_certificate(Scanner& sc, std::string& key, CertificateRef& out) {
    Seen present;
    const bool ok = fast_members(sc, key, true, present, [](std::string_view k) { return k == "url" ? 0 : k == "sha256" ? 1 : -1; },
                                 [&](int i) { return fast_text(sc, i == 0 ? out.url : out.sha256); });
    return ok && !out.url.empty() && is_sha256_hex(out.sha256);
}

enum ItemKey : int { i_id, i_etag, i_updated, i_status, i_tombstone, i_activity, i_completed, i_credits, i_certificate };

int item_key(std::string_view k) {
    static constexpr std::string_view names[] = {"id",       "etag",        "updatedAt", "status",     "tombstone",
                                                 "activity", "completedAt", "credits",   "certificate"};
    for (int i = 0; i < 9; ++i)
        if (names[i] == k)
            return i;
    return -1;
}

bool fast_completion(Scanner& sc, std::string& key, std::string& tmp, Completion& c) {
    Seen present;
    const bool ok = fast_members(sc, key, true, present, item_key, [&](int i) {
        switch (i) {
        case i_id: return fast_text(sc, c.id) && !c.id.empty();
        case i_etag: return fast_text(sc, c.etag);
        case i_updated: return fast_text(sc, c.updated_at) && rfc3339_date(c.updated_at).has_value();
        case i_status: {
            if (!fast_text(sc, tmp))
                return false;
            const std::optional<CompletionStatus> st = parse_completion_status(tmp);
            if (st)
                c.status = *st;
            return st.has_value();
        }
        case i_tombstone: return sc.boolean(c.tombstone);
        // What follows is ignored on a tombstone: there, a value this path cannot read sends the
        // page to the DOM decoder, which skips it.
        case i_activity: return fast_activity(sc, key, tmp, c);
        case i_completed: {
            if (!fast_text(sc, tmp))
                return false;
            const std::optional<core::Date> d = rfc3339_date(tmp);
            if (d)
                c.completed_at = *d;
            return d.has_value();
        }
        case i_credits:
            return fast_list(sc, c.credits, [&](CreditAward& a) {
                return c.credits.size() < max_credits_per_item && fast_award(sc, key, tmp, a);
            });
        default: {
            CertificateRef ref;
            if (!fast_certificate(sc, key, ref))
                return false;
            c.certificate = std::move(ref);
            return true;
        }
        }
    });
    if (!ok || !present.has(i_id) || !present.has(i_status) || !present.has(i_updated))
        return false;
    if (c.tombstone) {
        if (c.status != CompletionStatus::revoked)
            return false;
        Completion t; // a revocation keeps only what completion() reads of it
        t.id = std::move(c.id);
        t.etag = std::move(c.etag);
        t.updated_at = std::move(c.updated_at);
        t.status = c.status;
        t.tombstone = true;
        c = std::move(t);
        return true;
    }
    return present.has(i_etag) && present.has(i_activity) && present.has(i_completed) && !c.credits.empty();
}

std::optional<CompletionsPage> fast_page(std::string_view body) {
    if (core::detail::depth_problem(body))
        return std::nullopt; // nested too deep: the DOM decoder says where
    Scanner sc(body);
    std::string key, tmp;
    CompletionsPage page;
    Seen present;
    auto index = [](std::string_view k) { return k == "items" ? 0 : k == "nextCursor" ? 1 : k == "hasMore" ? 2 : -1; };
    const bool ok = fast_members(sc, key, true, present, index, [&](int i) {
        switch (i) {
        case 0:
            return fast_list(sc, page.items, [&](Completion& c) {
                return page.items.size() < max_page_items && fast_completion(sc, key, tmp, c);
            });
        case 1: return fast_text(sc, page.next_cursor);
        default: return sc.boolean(page.has_more);
        }
    });
    if (!ok || !present.has(0) || !sc.at_end() || (page.has_more && page.next_cursor.empty()))
        return std::nullopt;
    return page;
}

} // namespace

std::string_view to_string(CompletionStatus s) {
    return status_names[static_cast<std::size_t>(s)];
}
std::optional<CompletionStatus> parse_completion_status(std::string_view s) {
    for (std::size_t i = 0; i < status_names.size(); ++i)
        if (status_names[i] == s)
            return static_cast<CompletionStatus>(i);
    return std::nullopt;
}

core::Result<CompletionsPage> decode_completions(std::string_view body, std::string_view what) {
    if (auto fast = fast_page(body))
        return std::move(*fast);
    return detail::decode_completions_dom(body, what);
}

std::optional<CompletionsPage> detail::decode_completions_fast(std::string_view body) {
    return fast_page(body);
}

core::Result<CompletionsPage> detail::decode_completions_dom(std::string_view body, std::string_view what) {
    return decode<CompletionsPage>(body, what, [](const json& root) {
        ObjectReader r(root, "");
        CompletionsPage page;
        const json* items = r.opt_array("items");
        if (!items)
            fail(r.at("items"), "missing required field");
        if (items->size() > max_page_items)
            fail(r.at("items"), "more than " + std::to_string(max_page_items) + " items in one page");
        page.items.reserve(items->size());
        for (std::size_t i = 0; i < items->size(); ++i)
            page.items.push_back(completion((*items)[i], child(r.at("items"), i)));
        page.next_cursor = text(r, "nextCursor", false);
        page.has_more = r.opt_bool("hasMore", false);
        if (page.has_more && page.next_cursor.empty())
            fail(r.at("nextCursor"), "missing while hasMore is true");
        return page;
    });
}

core::Result<Me> decode_me(std::string_view body, std::string_view what) {
    return decode<Me>(body, what, [](const json& root) {
        ObjectReader r(root, "");
        Me me;
        me.id = required_id(r, "id");
        me.name = text(r, "name", false);
        me.email = text(r, "email", false);
        if (const json* cs = r.opt_array("credentials")) {
            for (std::size_t i = 0; i < cs->size() && i < 100; ++i) {
                ObjectReader cr((*cs)[i], child(r.at("credentials"), i));
                me.credentials.push_back({text(cr, "body", true), text(cr, "name", false), text(cr, "number", false)});
            }
        }
        return me;
    });
}

core::Result<TokenResponse> decode_token(std::string_view body, std::string_view what) {
    return decode<TokenResponse>(body, what, [](const json& root) {
        ObjectReader r(root, "");
        TokenResponse t;
        t.access_token = required_id(r, "access_token");
        t.token_type = text(r, "token_type", true);
        std::string lower;
        for (char ch : t.token_type)
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (lower != "bearer")
            fail(r.at("token_type"), "expected \"Bearer\"");
        t.expires_in = r.opt_integer("expires_in", 0, 10LL * 365 * 24 * 3600, "a number of seconds").value_or(0);
        t.scope = text(r, "scope", false);
        return t;
    });
}

core::Result<SelfReportReceipt> decode_self_report_receipt(std::string_view body, std::string_view what) {
    return decode<SelfReportReceipt>(body, what, [](const json& root) {
        ObjectReader r(root, "");
        SelfReportReceipt s;
        s.id = required_id(r, "id");
        s.status = text(r, "status", false);
        return s;
    });
}

Problem decode_problem(std::string_view body, int status) {
    Problem p;
    p.status = status;
    if (core::detail::depth_problem(body))
        return p;
    try {
        json root = json::parse(body.begin(), body.end());
        if (!root.is_object())
            return p;
        auto str = [&](const char* k) {
            auto it = root.find(k);
            return it != root.end() && it->is_string() ? it->get<std::string>().substr(0, max_text) : std::string();
        };
        p.type = str("type");
        p.title = str("title");
        p.detail = str("detail");
    } catch (const std::exception&) {
    }
    return p;
}

// [SECTION] Requests

std::string join_url(std::string_view base, std::string_view path) {
    std::string out(base);
    while (!out.empty() && out.back() == '/')
        out.pop_back();
    if (!path.empty() && path.front() != '/')
        out += '/';
    out += path;
    return out;
}

std::string url_encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : s) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            out += static_cast<char>(ch);
        } else {
            out += '%';
            out += hex[ch >> 4];
            out += hex[ch & 15];
        }
    }
    return out;
}

std::string completions_url(std::string_view base, std::string_view cursor, int limit) {
    std::string url = join_url(base, "/completions?limit=" + std::to_string(limit));
    if (!cursor.empty())
        url += "&cursor=" + url_encode(cursor);
    return url;
}
std::string me_url(std::string_view base) { return join_url(base, "/me"); }
std::string self_reports_url(std::string_view base) { return join_url(base, "/self-reports"); }
std::string certificate_url(std::string_view base, const Completion& c) {
    return join_url(base, "/completions/" + url_encode(c.id) + "/certificate");
}

std::string url_origin(std::string_view url) {
    std::string scheme;
    std::size_t i = 0;
    while (i < url.size() && std::isalpha(static_cast<unsigned char>(url[i])))
        scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(url[i++])));
    if ((scheme != "http" && scheme != "https") || url.substr(i, 3) != "://")
        return {};
    i += 3;
    const std::size_t end = std::min(url.find_first_of("/?#", i), url.size());
    const std::string_view authority = url.substr(i, end - i);
    if (authority.empty() || authority.find_first_of("@\\ \t\r\n") != std::string_view::npos)
        return {};
    std::string host;
    for (char ch : authority)
        host += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const std::string default_port = scheme == "https" ? ":443" : ":80";
    if (host.size() > default_port.size() && host.ends_with(default_port))
        host.resize(host.size() - default_port.size()); // (an IPv6 host is in brackets: "[::1]:443")
    return scheme + "://" + host;
}

std::optional<std::string> certificate_fetch_url(std::string_view base, const CertificateRef& ref,
                                                 std::string* why) {
    auto refuse = [&](std::string reason) -> std::optional<std::string> {
        if (why)
            *why = std::move(reason);
        return std::nullopt;
    };
    const std::string_view u = ref.url;
    if (u.empty())
        return refuse("its certificate address is empty");
    for (char ch : u)
        if (static_cast<unsigned char>(ch) <= 0x20 || ch == '\\' || ch == 0x7f)
            return refuse("its certificate address contains spaces, backslashes or control characters");
    const std::size_t colon = u.find(':'), slash = u.find('/');
    const bool absolute = u.rfind("//", 0) == 0 || (colon != std::string_view::npos && colon < slash);
    std::string url = absolute ? std::string(u) : join_url(base, u);
    if (u.rfind("//", 0) == 0)
        url = std::string(base.substr(0, base.find(':') + 1)) + std::string(u); // scheme-relative
    const std::string origin = url_origin(url), own = url_origin(base);
    if (origin.empty())
        return refuse("its certificate address is not a plain http(s) address without a user name");
    if (origin != own)
        return refuse("its certificate is on another site (" + origin.substr(0, 80) +
                      "), and Recert sends your sign-in only to the provider's own address (" + own + ")");
    return url;
}

std::string quarantine_reason(const Completion& c, std::string_view base, std::string_view id) {
    for (const CreditAward& award : c.credits)
        if (std::string p = core::amount_problem(award.amount, award.unit); !p.empty())
            return "its credits: " + p;
    const core::Activity a = to_activity(c, base, std::string(id));
    if (const auto problems = core::activity_limit_problems(a); !problems.empty()) {
        const core::LimitProblem& p = problems.front();
        return "its " + core::limit_problem_place(p) + ": " + p.message;
    }
    std::string why;
    if (c.certificate && !certificate_fetch_url(base, *c.certificate, &why))
        return why;
    return {};
}

std::string encode_self_report(const core::Activity& a) {
    json credit = {{"amount", a.effective_amount().to_string()}, {"unit", std::string(core::to_string(a.unit))}};
    if (!a.category.empty())
        credit["category"] = a.category;
    json j = {{"title", a.title},
              {"completedAt", a.earned.to_string()},
              {"providerName", a.provider},
              {"courseNumber", a.course_number},
              {"approvalNumber", a.provider_approval},
              {"format", std::string(core::to_string(a.format))},
              {"credits", json::array({credit})},
              {"clientRef", a.id}};
    return j.dump();
}

// [SECTION] Mapping

std::string synced_activity_id(std::string_view provider, std::string_view external_id) {
    std::string key(provider);
    key += '\n';
    key += external_id;
    const std::string h = core::sha256_hex(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(key.data()), key.size()));
    return "sync-" + h.substr(0, 32);
}

core::ActivityStatus to_activity_status(CompletionStatus s) {
    switch (s) {
    case CompletionStatus::claimed: return core::ActivityStatus::claimed;
    case CompletionStatus::pending_evaluation: return core::ActivityStatus::pending;
    case CompletionStatus::awarded: return core::ActivityStatus::posted;
    case CompletionStatus::finalized: return core::ActivityStatus::verified;
    case CompletionStatus::revoked: return core::ActivityStatus::rejected;
    }
    return core::ActivityStatus::claimed;
}

namespace {

std::string lower_id(std::string_view s) {
    std::string out;
    for (char ch : s)
        out += ch == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

// `C` is const Completion& (copies) or Completion (moved from).
template <class C>
void apply_provider_fields(core::Activity& a, C&& c) {
    a.earned = c.completed_at;
    a.title = std::forward<C>(c).title;
    a.provider = std::forward<C>(c).provider_name;
    a.provider_approval = std::forward<C>(c).approval_number;
    a.course_number = std::forward<C>(c).course_number;
    a.format = c.format;
    const CreditAward& first = c.credits.front();
    a.amount = first.amount;
    a.unit = first.unit;
    a.category = first.category;
    a.category_for.clear();
    for (const CreditAward& award : c.credits) {
        if (award.accrediting_body.empty() || award.category.empty())
            continue;
        const std::string body = lower_id(award.accrediting_body);
        bool dup = false;
        for (const auto& bc : a.category_for)
            dup = dup || bc.body == body;
        if (!dup)
            a.category_for.push_back({body, award.category});
    }
    a.status = to_activity_status(c.status);
    // Who accredits the course: the accreditor and each award's body, once each, as the provider
    // spells them (core::accredited_for decides which credentials it counts toward).
    if (a.provider_link) {
        std::vector<std::string> by;
        auto add = [&](const std::string& name) {
            if (name.empty())
                return;
            const std::string id = lower_id(name);
            for (const auto& b : by)
                if (lower_id(b) == id)
                    return;
            by.push_back(name);
        };
        add(c.accreditor);
        for (const CreditAward& award : c.credits)
            add(award.accrediting_body);
        a.provider_link->accredited_by = std::move(by);
    }
}

template <class C>
core::Activity new_activity(C&& c, std::string_view provider, std::string id) {
    core::Activity a;
    a.id = id.empty() ? synced_activity_id(provider, c.id) : std::move(id);
    a.rev = 0;
    a.source = core::ActivitySource::synced;
    a.provider_link = core::ProviderLink{std::string(provider), std::forward<C>(c).id, std::forward<C>(c).etag,
                                         std::forward<C>(c).updated_at, std::string(to_string(c.status)), {}, {}};
    apply_provider_fields(a, std::forward<C>(c)); // moves only the fields it copies: not id, etag, updatedAt
    return a;
}

} // namespace

core::Activity to_activity(const Completion& c, std::string_view provider, std::string id) {
    return new_activity(c, provider, std::move(id));
}

core::Activity to_activity(Completion&& c, std::string_view provider, std::string id) {
    return new_activity(std::move(c), provider, std::move(id));
}

core::Activity updated_activity(const core::Activity& existing, const Completion& c) {
    core::Activity a = existing;
    if (!a.provider_link)
        a.provider_link = core::ProviderLink{};
    if (c.tombstone) {
        a.status = core::ActivityStatus::rejected;
    } else {
        apply_provider_fields(a, c);
    }
    a.source = core::ActivitySource::synced;
    a.provider_link->external_id = c.id;
    a.provider_link->etag = c.etag.empty() ? a.provider_link->etag : c.etag;
    a.provider_link->updated_at = c.updated_at;
    a.provider_link->status = std::string(to_string(c.status));
    return a;
}

} // namespace recert::sync
