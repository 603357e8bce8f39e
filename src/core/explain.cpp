// Rendering engine results as English text.
#include "core/explain.h"

#include "core/names.h"

#include <cctype>

namespace recert::core {

namespace {

std::string amount(Credits c, const CredentialResult& r) {
    return c.to_short_string() + (r.pack ? " " + r.pack->unit : std::string());
}

std::string credential_name(const Evaluation& ev, const std::vector<Credential>& creds, std::size_t c) {
    return credential_short_name(creds[c], ev.credentials[c].pack);
}

std::string limit_phrase(const Explanation& e, const CredentialResult& r) {
    const RulePack& pack = *r.pack;
    const std::string cap = limit_value(e, r).to_short_string();
    switch (e.limit) {
    case Limit::per_event:
        return pack.caps[std::size_t(e.limit_index)].label + " limit of " + cap + " per event";
    case Limit::per_year:
        return pack.caps[std::size_t(e.limit_index)].label + " cap of " + cap + " for " +
               std::to_string(e.limit_year);
    case Limit::per_cycle:
        return pack.caps[std::size_t(e.limit_index)].label + " cap of " + cap + " for the cycle";
    case Limit::category_max:
        return "category " + pack.categories[std::size_t(e.limit_index)].name + " maximum of " + cap;
    case Limit::none:
        break;
    }
    return "a limit";
}

} // namespace

std::string body_acronym(const RulePack& pack) {
    std::string body = pack.body;
    for (auto& ch : body)
        ch = char(std::toupper(static_cast<unsigned char>(ch)));
    return body;
}

std::string_view to_string(Reason r) {
    switch (r) {
    case Reason::counted:
        return "counted";
    case Reason::counted_partly:
        return "counted_partly";
    case Reason::limit_reached:
        return "limit_reached";
    case Reason::rejected:
        return "rejected";
    case Reason::duplicate:
        return "duplicate";
    case Reason::excluded_by_user:
        return "excluded_by_user";
    case Reason::other_accreditor:
        return "other_accreditor";
    case Reason::before_window:
        return "before_window";
    case Reason::after_window:
        return "after_window";
    case Reason::after_today:
        return "after_today";
    case Reason::format_not_accepted:
        return "format_not_accepted";
    case Reason::category_out_of_scope:
        return "category_out_of_scope";
    case Reason::unit_not_accepted:
        return "unit_not_accepted";
    case Reason::not_yet_posted:
        return "not_yet_posted";
    case Reason::planned:
        return "planned";
    case Reason::allocated_elsewhere:
        return "allocated_elsewhere";
    case Reason::no_rules:
        return "no_rules";
    }
    return "unknown";
}

std::string_view to_string(CredentialStatus s) {
    switch (s) {
    case CredentialStatus::unknown_program:
        return "unknown_program";
    case CredentialStatus::in_progress:
        return "in_progress";
    case CredentialStatus::prerequisite_missing:
        return "prerequisite_missing";
    case CredentialStatus::ready_to_renew:
        return "ready_to_renew";
    case CredentialStatus::grace_period:
        return "grace_period";
    case CredentialStatus::lapsed:
        return "lapsed";
    case CredentialStatus::renewed:
        return "renewed";
    case CredentialStatus::record_only:
        return "record_only";
    }
    return "unknown";
}

std::string_view to_string(PrerequisiteIssue p) {
    switch (p) {
    case PrerequisiteIssue::none:
        return "none";
    case PrerequisiteIssue::missing:
        return "missing";
    case PrerequisiteIssue::expired:
        return "expired";
    case PrerequisiteIssue::no_hands_on:
        return "no_hands_on";
    case PrerequisiteIssue::not_uploaded:
        return "not_uploaded";
    }
    return "unknown";
}

// "accredited by NAAEI" / "accredited by NAAEI and BOC" (as the provider named them).
static std::string accreditors_phrase(const Activity& a) {
    std::string out = "accredited by ";
    const auto& by = a.provider_link->accredited_by;
    for (std::size_t i = 0; i < by.size(); ++i) {
        if (i > 0)
            out += i + 1 == by.size() ? " and " : ", ";
        out += by[i];
    }
    return out;
}

std::string describe(const Explanation& e, const Evaluation& ev, const std::vector<Activity>& activities,
                     const std::vector<Credential>& credentials) {
    const CredentialResult& r = ev.credentials[e.credential];
    const Activity& a = activities[e.activity];
    const std::string mult = (e.multiplier >= 0 && r.pack)
                                 ? " (" + r.pack->multipliers[std::size_t(e.multiplier)].label + ")"
                                 : "";
    switch (e.reason) {
    case Reason::counted:
        return "Counted in full: " + amount(e.applied, r) + mult + ".";
    case Reason::counted_partly:
        return "Counted partly: " + e.applied.to_short_string() + " of " + amount(e.converted, r) + mult +
               " applied: " + limit_phrase(e, r) + " reached.";
    case Reason::limit_reached:
        return "Not counted: " + limit_phrase(e, r) + " already reached (0 of " + amount(e.converted, r) +
               " applied).";
    case Reason::rejected:
        return "Not counted: rejected.";
    case Reason::duplicate:
        return "Not counted: duplicate of activity " + a.duplicate_of + ".";
    case Reason::excluded_by_user:
        return "Not counted: you marked it outside the scope of this certification.";
    case Reason::other_accreditor:
        return "Not counted: " + accreditors_phrase(a) + ", not by " + (r.pack ? r.pack->name : std::string("this body")) +
               ". Assign this kind of course to " + credential_name(ev, credentials, e.credential) +
               " if it counts here.";
    case Reason::before_window:
        return "Not counted: earned " + a.earned.to_string() + ", before the credit window " +
               r.window.first.to_string() + " to " + r.window.last.to_string() + ".";
    case Reason::after_window:
        return "Not counted: earned " + a.earned.to_string() + ", after the credit window " +
               r.window.first.to_string() + " to " + r.window.last.to_string() + ".";
    case Reason::after_today:
        return "Not counted yet: dated " + a.earned.to_string() + ", in the future.";
    case Reason::format_not_accepted:
        return "Not counted: the format " + std::string(format_label(a.format)) + " is not accepted.";
    case Reason::category_out_of_scope:
        return "Not counted: category \"" +
               category_display_name(a.category_for_body(r.pack ? r.pack->body : ""), {r.pack}) +
               "\" is out of scope for this program.";
    case Reason::unit_not_accepted:
        return "Not counted: " + std::string(unit_label(a.unit)) + " is not a unit this body converts.";
    case Reason::not_yet_posted:
        return "Not yet posted: " + amount(e.converted, r) + " pending (" + std::string(to_string(a.status)) +
               ").";
    case Reason::planned:
        return "Planned: would add up to " + amount(e.converted, r) + ".";
    case Reason::allocated_elsewhere:
        return "Not counted here: applied to " + credential_name(ev, credentials, e.other_credential) +
               " instead (the rules do not allow sharing it).";
    case Reason::no_rules:
        return "Not evaluated: " + r.problem + ".";
    }
    return "";
}

std::string status_label(const CredentialResult& r) {
    std::string prereq = r.pack && r.prerequisite_index >= 0
                             ? r.pack->prerequisites[std::size_t(r.prerequisite_index)].label
                             : std::string("prerequisite");
    switch (r.status) {
    case CredentialStatus::unknown_program:
        return "Unknown program: " + r.problem;
    case CredentialStatus::in_progress:
        return "In progress";
    case CredentialStatus::prerequisite_missing: {
        const char* what = r.prerequisite == PrerequisiteIssue::expired ? " expired"
                           : r.prerequisite == PrerequisiteIssue::no_hands_on
                               ? " lacks a hands-on skills check"
                           : r.prerequisite == PrerequisiteIssue::not_uploaded ? " not uploaded"
                                                                               : " missing";
        return "Credits complete – " + prereq + what;
    }
    case CredentialStatus::ready_to_renew:
        return "Ready to renew";
    case CredentialStatus::grace_period:
        return "In grace period until " + r.grace_end.to_string() + " – late fee " + r.late_fee.to_display();
    case CredentialStatus::lapsed:
        return "Lapsed";
    case CredentialStatus::renewed:
        return "Renewed";
    case CredentialStatus::record_only:
        return "Nothing to renew: a record of your credits";
    }
    return "";
}

std::vector<std::string> status_lines(const CredentialResult& r) {
    std::vector<std::string> lines;
    const Wording* w = r.pack ? &r.pack->wording : nullptr;
    const bool working =
        r.status == CredentialStatus::in_progress || r.status == CredentialStatus::prerequisite_missing;
    if (working)
        lines.push_back(w && !w->in_progress.empty() ? w->in_progress : status_label(r));
    else if (r.status == CredentialStatus::ready_to_renew && w && !w->ready.empty())
        lines.push_back(w->ready);
    else
        lines.push_back(status_label(r));
    if (working && r.prerequisite != PrerequisiteIssue::none) {
        if (w && !w->prerequisite_missing.empty())
            lines.push_back(w->prerequisite_missing);
        else if (r.status == CredentialStatus::in_progress) {
            CredentialResult copy;
            copy.status = CredentialStatus::prerequisite_missing;
            copy.pack = r.pack;
            copy.prerequisite = r.prerequisite;
            copy.prerequisite_index = r.prerequisite_index;
            std::string s = status_label(copy);
            lines.push_back(s.substr(s.find("– ") + std::string("– ").size()));
        }
    }
    if (working && w && !w->renew_hint.empty())
        lines.push_back(w->renew_hint);
    return lines;
}

std::string progress_text(const CredentialResult& r) {
    if (r.required.is_zero())
        return requirement_text(r);
    return std::to_string(r.percent) + "% " + r.toward_required.to_short_string() + " of " +
           r.required.to_short_string();
}

std::string requirement_text(const CredentialResult& r) {
    if (!r.required.is_zero())
        return "";
    if (r.status != CredentialStatus::record_only)
        return "No credits required this cycle";
    const ClaimRules* claims = r.pack ? &r.pack->claims : nullptr;
    if (!claims || !claims->per_session)
        return "No credit total: a record of the credits you earn";
    std::string s = "No credit total: claim credit for each session you attend";
    if (claims->claim_id_required)
        s += " (with its Badge ID or Group ID)";
    if (claims->evaluation_required)
        s += ", complete its evaluation";
    s += ", then print your statement of credit";
    if (claims->final_after_print)
        s += "; once printed it is final and no session can be added";
    return s + ".";
}

std::string remaining_text(const CredentialResult& r) {
    if (r.required.is_zero() || r.credits_complete)
        return "";
    if (r.remaining.is_zero())
        return "Total reached, but " + std::string(r.min_distinct_categories - r.distinct_categories == 1
                                                       ? "1 more category"
                                                       : std::to_string(r.min_distinct_categories -
                                                                        r.distinct_categories) +
                                                             " more categories") +
               " needed";
    return r.remaining.to_short_string() + " remaining";
}

std::vector<std::string> missing_minimums(const CredentialResult& r) {
    std::vector<std::string> out;
    if (!r.pack)
        return out;
    for (const CategoryProgress& cp : r.categories)
        if (cp.min && cp.applied < *cp.min)
            out.push_back(r.pack->categories[std::size_t(cp.category)].name + ": " +
                          (*cp.min - cp.applied).to_short_string() + " more " + r.pack->unit +
                          " needed (at least " + cp.min->to_short_string() + ")");
    if (r.distinct_categories < r.min_distinct_categories)
        out.push_back("Credits from at least " + std::to_string(r.min_distinct_categories) +
                      " categories needed (" + std::to_string(r.distinct_categories) + " so far)");
    return out;
}

std::string fee_text(const CredentialResult& r) {
    if (r.status == CredentialStatus::record_only)
        return "No fee: nothing to renew";
    if (!r.fee_listed)
        return "Fee: not listed by " + (r.pack ? body_acronym(*r.pack) : std::string("the body")) +
               " \xe2\x80\x94 check with them";
    return "Fee due: " + r.fee_due.to_display();
}

} // namespace recert::core
