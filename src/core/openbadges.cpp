// Open Badges 3.0 / CLR 2.0 import: see openbadges.h.
#include "core/openbadges.h"

#include "core/json_read.h"
#include "core/json_scan.h"
#include "core/limits.h"
#include "core/validate.h"

#include <algorithm>
#include <cmath>

namespace recert::core {
namespace {

using detail::child;
using detail::DecodeError;
using detail::fail;
using detail::json;
using detail::type_name;

bool type_has(const json& obj, std::string_view want, const std::string& path) {
    auto it = obj.find("type");
    if (it == obj.end()) return false;
    if (it->is_string()) return it->get<std::string>() == want;
    if (it->is_array()) {
        for (std::size_t i = 0; i < it->size(); ++i) {
            const json& t = (*it)[i];
            if (!t.is_string()) fail(child(child(path, "type"), i), std::string("expected a string, got ") + type_name(t));
            if (t.get<std::string>() == want) return true;
        }
        return false;
    }
    fail(child(path, "type"), std::string("expected a string or an array of strings, got ") + type_name(*it));
}

const json& need_object(const json& obj, std::string_view key, const std::string& path) {
    auto it = obj.find(std::string(key));
    if (it == obj.end() || it->is_null()) fail(child(path, key), "missing required field");
    if (!it->is_object()) fail(child(path, key), std::string("expected an object, got ") + type_name(*it));
    return *it;
}

std::optional<std::string> opt_string(const json& obj, std::string_view key, const std::string& path) {
    auto it = obj.find(std::string(key));
    if (it == obj.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) fail(child(path, key), std::string("expected a string, got ") + type_name(*it));
    return it->get<std::string>();
}

// "2024-05-02T17:00:00Z" / "2024-05-02" -> 2024-05-02 (the date as written).
Date date_part(const std::string& text, const std::string& path) {
    const bool has_time = text.size() > 10 && (text[10] == 'T' || text[10] == 't' || text[10] == ' ');
    if (text.size() == 10 || has_time)
        if (auto d = Date::parse(std::string_view(text).substr(0, 10))) return *d;
    fail(path, "expected a date-time like \"2024-05-02T17:00:00Z\"");
}

// (Checked before the number becomes Credits; validate_activity checks the rest of the limits.)
std::string too_many_credits(const std::string& amount) {
    return amount + " credits is more than the " + std::to_string(limits::max_amount_whole) +
           " a single activity can carry";
}

Credits credits_value(const json& v, const std::string& path) {
    if (!v.is_number()) fail(path, std::string("expected a number of credits, got ") + type_name(v));
    if (v.is_number_integer() || v.is_number_unsigned()) {
        if (v.is_number_integer() && v.get<long long>() < 0) fail(path, "must not be negative");
        const unsigned long long n = v.is_number_unsigned() ? v.get<unsigned long long>() : (unsigned long long)v.get<long long>();
        if (n > limits::max_amount_whole) fail(path, too_many_credits(std::to_string(n)));
        return Credits::whole(static_cast<std::int64_t>(n));
    }
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < 0) fail(path, "must be a non-negative number");
    if (x > limits::max_amount_whole) fail(path, too_many_credits(v.dump()));
    const double hundredths = x * 100.0;
    const double rounded = std::round(hundredths);
    // The JSON text had at most two decimals iff x*100 is an integer up to binary rounding.
    if (std::fabs(hundredths - rounded) > 1e-6) fail(path, "at most two decimals (like 1.25)");
    return Credits::from_hundredths(static_cast<std::int64_t>(rounded));
}

Activity one_credential(const json& vc, const std::string& path, const BadgeImportOptions& o, std::size_t index) {
    if (!vc.is_object()) fail(path, std::string("expected an Open Badges credential (an object), got ") + type_name(vc));
    if (!type_has(vc, "OpenBadgeCredential", path) && !type_has(vc, "AchievementCredential", path))
        fail(child(path, "type"), "not an Open Badges 3.0 credential (type must include \"OpenBadgeCredential\")");
    Activity a;
    a.id = o.id_prefix + "-" + std::to_string(index + 1);
    a.status = ActivityStatus::posted;
    a.source = ActivitySource::imported;
    a.format = Format::other;
    a.unit = o.unit;

    // Issuer -> provider.
    auto is = vc.find("issuer");
    if (is == vc.end() || is->is_null()) fail(child(path, "issuer"), "missing required field");
    if (is->is_string()) {
        a.provider = is->get<std::string>();
    } else if (is->is_object()) {
        const std::string ip = child(path, "issuer");
        auto name = opt_string(*is, "name", ip);
        auto id = opt_string(*is, "id", ip);
        a.provider = name && !name->empty() ? *name : id.value_or("");
        if (a.provider.empty()) fail(child(ip, "name"), "the issuer has neither a name nor an id");
    } else {
        fail(child(path, "issuer"), std::string("expected an object or a string, got ") + type_name(*is));
    }

    const std::string sp = child(path, "credentialSubject");
    const json& subject = need_object(vc, "credentialSubject", path);
    const std::string ap = child(sp, "achievement");
    const json& achievement = need_object(subject, "achievement", sp);
    auto name = opt_string(achievement, "name", ap);
    if (!name) fail(child(ap, "name"), "missing required field (the achievement's name becomes the title)");
    a.title = *name;
    if (a.title.find_first_not_of(" \t\r\n") == std::string::npos) fail(child(ap, "name"), "must not be empty");
    a.course_number = opt_string(achievement, "humanCode", ap).value_or("");

    if (auto it = subject.find("creditsEarned"); it != subject.end() && !it->is_null())
        a.amount = credits_value(*it, child(sp, "creditsEarned"));
    else if (auto av = achievement.find("creditsAvailable"); av != achievement.end() && !av->is_null())
        a.amount = credits_value(*av, child(ap, "creditsAvailable"));
    else
        fail(child(sp, "creditsEarned"), "missing: the credential states no credits (creditsEarned or achievement.creditsAvailable)");
    if (a.amount.is_zero()) fail(child(sp, "creditsEarned"), "zero credits: nothing to record");

    std::optional<Date> earned;
    const std::pair<const json*, const char*> date_fields[] = {
        {&subject, "activityEndDate"}, {&subject, "activityStartDate"}, {&vc, "validFrom"}, {&vc, "issuanceDate"}};
    for (const auto& [obj, key] : date_fields) {
        const std::string base = obj == &subject ? sp : path;
        if (auto s = opt_string(*obj, key, base)) {
            earned = date_part(*s, child(base, key));
            break;
        }
    }
    if (!earned) fail(child(sp, "activityEndDate"), "missing: no activityEndDate, activityStartDate, validFrom or issuanceDate");
    a.earned = *earned;
    if (auto vu = opt_string(vc, "validUntil", path)) (void)date_part(*vu, child(path, "validUntil"));

    const std::string vc_id = opt_string(vc, "id", path).value_or("");
    a.notes = "Open Badge from " + a.provider + (vc_id.empty() ? std::string() : ": " + vc_id);
    if (o.evidence) a.evidence.push_back(*o.evidence);
    if (auto errors = validate_activity(a, o.today); !errors.empty()) {
        const std::string& f = errors.front().field;
        const std::string where = f == "title"           ? child(ap, "name")
                                  : f == "amount"        ? child(sp, "creditsEarned")
                                  : f == "earned"        ? child(sp, "activityEndDate")
                                  : f == "provider"      ? child(path, "issuer")
                                  : f == "course_number" ? child(ap, "humanCode")
                                                         : path;
        fail(where, errors.front().message);
    }
    return a;
}

} // namespace

namespace {

const std::string clr_items = "/credentialSubject/verifiableCredential";

std::string too_large_badge() {
    return "larger than the 5 MB one Open Badge may hold";
}

} // namespace

// The whole file through one DOM: what the reader falls back to for anything its scan does not
// accept (there the DOM says where the problem is).
Result<std::vector<Activity>> detail::import_open_badges_dom(std::string_view text, std::string_view file,
                                         const BadgeImportOptions& options) {
    try {
        const std::size_t first = text.find_first_not_of(" \t\r\n");
        if (first != std::string_view::npos && text.substr(first, 3) == "eyJ")
            fail("", "this is a signed JWT; export the badge as JSON (an .json file) instead");
        const json root = detail::parse_text(text);
        if (!root.is_object()) fail("", std::string("expected a JSON object, got ") + type_name(root));
        std::vector<Activity> out;
        if (type_has(root, "ClrCredential", "")) {
            const json& subject = need_object(root, "credentialSubject", "");
            auto it = subject.find("verifiableCredential");
            if (it == subject.end() || it->is_null()) fail(clr_items, "missing: a CLR without credentials has nothing to import");
            if (!it->is_array()) fail(clr_items, std::string("expected an array, got ") + type_name(*it));
            if (it->empty()) fail(clr_items, "empty: a CLR without credentials has nothing to import");
            if (it->size() > limits::max_badges) fail(clr_items, "more than 5000 credentials in one file");
            for (std::size_t i = 0; i < it->size(); ++i) out.push_back(one_credential((*it)[i], child(clr_items, i), options, i));
        } else {
            out.push_back(one_credential(root, "", options, 0));
        }
        return out;
    } catch (const DecodeError& e) {
        return Error{std::string(file), e.path, e.message};
    } catch (const std::exception& e) {
        return Error{std::string(file), "", std::string("unreadable badge file: ") + e.what()};
    }
}

namespace {

// Calls f(key) for each member of the object at `sc` (f reads the value); false when the text is not
// an object of well-formed, unique members (the DOM then decides).
template <class F>
bool each_member(detail::Scanner& sc, F&& f) {
    if (!sc.eat('{')) return false;
    if (sc.eat('}')) return true;
    std::vector<std::string> seen;
    do {
        std::string key;
        if (!sc.string(key) || !sc.eat(':')) return false;
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) return false;
        seen.push_back(key);
        if (!f(key)) return false;
    } while (sc.eat(','));
    return sc.eat('}');
}

} // namespace

struct BadgeReader::State {
    enum class Stage { depth, scan, spans, convert, dom, done } stage = Stage::depth;
    std::string_view text;
    std::string file;
    BadgeImportOptions options;
    std::string_view items_text; // the bundle's verifiableCredential array
    std::optional<detail::Scanner> sc;
    std::vector<std::string_view> items;
    std::size_t next = 0;
    std::vector<Activity> out;
    std::optional<Result<std::vector<Activity>>> result;

    void error(std::string path, std::string message) {
        result.emplace(Error{file, std::move(path), std::move(message)});
        stage = Stage::done;
    }
    // Scanned whole: a bundle's items are found and its other fields checked; anything else is
    // read by the DOM (a single badge, within the size limit).
    void scan();
    void spans(std::size_t max);
    void convert(std::size_t max);
};

void BadgeReader::State::scan() {
    stage = Stage::dom; // unless this finds a bundle; the JWT and depth checks were passed
    std::optional<std::string_view> subject, vcs;
    detail::Scanner root(text);
    const bool well_formed = each_member(root, [&](const std::string& key) {
        if (key != "credentialSubject") return root.skip();
        std::string_view raw; // read through below
        if (!root.skip_brackets(&raw)) return false;
        subject = raw;
        return true;
    }) && root.at_end();
    if (well_formed && subject && subject->substr(0, 1) == "{") {
        detail::Scanner sub(*subject);
        if (!each_member(sub, [&](const std::string& key) {
                if (key != "verifiableCredential") return sub.skip();
                std::string_view raw; // its items are checked one by one as they are found (spans)
                if (!sub.skip_brackets(&raw)) return false;
                vcs = raw;
                return true;
            }))
            vcs.reset();
    }
    if (!well_formed || !vcs || vcs->substr(0, 1) != "[") {
        if (text.size() > limits::max_badge_bytes)
            error("", too_large_badge() + " (a CLR bundle of badges may be larger)");
        return; // not a bundle: the DOM reads it
    }
    // The bundle without its items: its own fields are checked as the DOM would.
    const std::size_t at = static_cast<std::size_t>(vcs->data() - text.data());
    std::string shell;
    shell.reserve(text.size() - vcs->size() + 2);
    shell.append(text.substr(0, at)).append("[]").append(text.substr(at + vcs->size()));
    try {
        const json root_json = json::parse(shell);
        if (!type_has(root_json, "ClrCredential", "")) {
            if (text.size() > limits::max_badge_bytes)
                error("", too_large_badge() + " (a CLR bundle of badges may be larger)");
            return; // a single badge that happens to carry such a field: the DOM reads it
        }
        (void)need_object(root_json, "credentialSubject", "");
    } catch (const DecodeError& e) {
        error(e.path, e.message);
        return;
    } catch (const std::exception&) {
        return;
    }
    items_text = *vcs;
    sc.emplace(items_text);
    sc->eat('[');
    stage = Stage::spans;
}

void BadgeReader::State::spans(std::size_t max) {
    detail::Scanner& s = *sc;
    if (items.empty() && s.eat(']')) {
        error(clr_items, "empty: a CLR without credentials has nothing to import");
        return;
    }
    for (std::size_t n = 0; n < max; ++n) {
        std::string_view raw;
        if (!s.skip(&raw) || !json::accept(raw)) { // all parse before any converts, as in the DOM
            stage = Stage::dom;
            return;
        }
        items.push_back(raw);
        if (s.eat(',')) continue;
        if (!s.eat(']')) {
            stage = Stage::dom;
            return;
        }
        if (items.size() > limits::max_badges) {
            error(clr_items, "more than 5000 credentials in one file");
            return;
        }
        for (std::size_t i = 0; i < items.size(); ++i)
            if (items[i].size() > limits::max_badge_bytes) {
                error(child(clr_items, i), too_large_badge());
                return;
            }
        sc.reset();
        stage = Stage::convert;
        return;
    }
}

void BadgeReader::State::convert(std::size_t max) {
    for (std::size_t n = 0; n < max && next < items.size(); ++n, ++next) {
        json item;
        try {
            item = json::parse(items[next]);
        } catch (const std::exception&) {
            stage = Stage::dom; // the scan took what the parser refuses (1e400): the DOM says where
            return;
        }
        try {
            out.push_back(one_credential(item, child(clr_items, next), options, next));
        } catch (const DecodeError& e) {
            error(e.path, e.message);
            return;
        } catch (const std::exception& e) {
            error("", std::string("unreadable badge file: ") + e.what());
            return;
        }
    }
    if (next == items.size()) {
        result.emplace(std::move(out));
        stage = Stage::done;
    }
}

BadgeReader::BadgeReader(std::string_view text, std::string file, BadgeImportOptions options)
    : m(std::make_unique<State>()) {
    m->text = text;
    m->file = std::move(file);
    m->options = std::move(options);
}

BadgeReader::~BadgeReader() = default;
BadgeReader::BadgeReader(BadgeReader&&) noexcept = default;
BadgeReader& BadgeReader::operator=(BadgeReader&&) noexcept = default;

bool BadgeReader::step(std::size_t max_credentials) {
    State& s = *m;
    const std::size_t max = std::max<std::size_t>(max_credentials, 1);
    using Stage = State::Stage;
    switch (s.stage) {
    case Stage::depth: { // a pass of its own: the text is read whole twice before any credential
        const std::size_t first = s.text.find_first_not_of(" \t\r\n");
        const bool jwt = first != std::string_view::npos && s.text.substr(first, 3) == "eyJ";
        s.stage = jwt || detail::depth_problem(s.text) ? Stage::dom : Stage::scan; // the DOM names the problem
        break;
    }
    case Stage::scan: s.scan(); break;
    case Stage::spans: s.spans(max * 4); break; // checking an item is cheaper than reading it
    case Stage::convert: s.convert(max); break;
    case Stage::dom:
        s.result.emplace(detail::import_open_badges_dom(s.text, s.file, s.options));
        s.stage = Stage::done;
        break;
    case Stage::done: break;
    }
    return s.stage == Stage::done;
}

float BadgeReader::progress() const {
    const State& s = *m;
    switch (s.stage) {
    case State::Stage::depth: return 0.0f;
    case State::Stage::scan: return 0.05f;
    case State::Stage::spans:
        return 0.1f + 0.2f * float(double(s.sc->offset()) / double(std::max<std::size_t>(s.items_text.size(), 1)));
    case State::Stage::convert:
        return 0.3f + 0.7f * float(double(s.next) / double(std::max<std::size_t>(s.items.size(), 1)));
    case State::Stage::dom: return 0.1f;
    case State::Stage::done: return 1.0f;
    }
    return 0.0f;
}

Result<std::vector<Activity>> BadgeReader::take() {
    if (!m->result)
        return Error{m->file, "", "the file was not read to its end"};
    return std::move(*m->result);
}

Result<std::vector<Activity>> import_open_badges(std::string_view text, std::string_view file,
                                                 const BadgeImportOptions& options) {
    BadgeReader reader(text, std::string(file), options);
    while (!reader.step(limits::max_badges)) {
    }
    return reader.take();
}

} // namespace recert::core
