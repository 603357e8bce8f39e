// Open Badges 3.0 / CLR 2.0 import: see openbadges.h.
#include "core/openbadges.h"

#include "core/json_read.h"
#include "core/limits.h"
#include "core/validate.h"

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

Result<std::vector<Activity>> import_open_badges(std::string_view text, std::string_view file,
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
            const std::string vp = "/credentialSubject/verifiableCredential";
            auto it = subject.find("verifiableCredential");
            if (it == subject.end() || it->is_null()) fail(vp, "missing: a CLR without credentials has nothing to import");
            if (!it->is_array()) fail(vp, std::string("expected an array, got ") + type_name(*it));
            if (it->empty()) fail(vp, "empty: a CLR without credentials has nothing to import");
            if (it->size() > 5000) fail(vp, "more than 5000 credentials in one file");
            for (std::size_t i = 0; i < it->size(); ++i) out.push_back(one_credential((*it)[i], child(vp, i), options, i));
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

} // namespace recert::core
