// Validation of entered records: see validate.h.
#include "core/validate.h"

#include "core/sha256.h"

#include "core/limits.h"

#include <algorithm>
#include <cctype>

namespace recert::core {
namespace {

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}


// A limits.h message as the form shows it: a sentence.
std::string sentence(std::string message) {
    if (!message.empty())
        message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
    return message + ".";
}

} // namespace

std::vector<FieldError> validate_activity(const Activity& a, Date today) {
    std::vector<FieldError> out;
    if (blank(a.title)) out.push_back({"title", "Enter the course or activity title."});
    if (a.status != ActivityStatus::planned && today < a.earned)
        out.push_back({"earned", "The date earned is in the future; mark the activity as planned instead."});
    if (a.reported && *a.reported < a.earned)
        out.push_back({"reported", "The date reported is before the date earned."});
    if (a.sessions.empty()) {
        if (a.amount <= Credits()) out.push_back({"amount", "Enter the credits earned, more than 0 (e.g. 1.5)."});
    } else {
        for (std::size_t i = 0; i < a.sessions.size(); ++i) {
            const Session& s = a.sessions[i];
            const std::string which = "Session " + std::to_string(i + 1);
            if (blank(s.title)) out.push_back({"sessions", which + " needs a title."});
            if (s.hours_claimed <= Credits()) out.push_back({"sessions", which + " needs hours above 0."});
        }
    }
    for (const EvidenceRef& e : a.evidence)
        if (!is_sha256_hex(e.sha256)) out.push_back({"evidence", "A certificate file reference is damaged."});
    for (LimitProblem& p : activity_limit_problems(a))
        if (p.field != "amount" || a.amount > Credits()) // "more than 0" already said it
            out.push_back({std::move(p.field), sentence(std::move(p.message))});
    return out;
}

std::vector<FieldError> validate_person(const Person& p) {
    std::vector<FieldError> out;
    if (std::string e = text_problem(p.name, limits::max_short_text, "a name"); !e.empty())
        out.push_back({"name", "The name is " + e});
    if (std::string e = text_problem(p.email, limits::max_short_text, "an email address"); !e.empty()) {
        out.push_back({"email", "The email is " + e});
    } else if (!p.email.empty()) {
        const std::size_t at = p.email.find('@');
        const bool shaped = at != std::string::npos && at > 0 && p.email.find('.', at) != std::string::npos &&
                            p.email.back() != '.' && p.email.find_first_of(" \t\r\n") == std::string::npos &&
                            p.email.find('@', at + 1) == std::string::npos;
        if (!shaped) out.push_back({"email", "Enter an email address like name@example.org, or leave it empty"});
    }
    return out;
}

std::vector<FieldError> validate_credential(const Credential& c, const PackSet& packs, Date today) {
    std::vector<FieldError> out;
    if (c.body == "custom") {
        if (!c.custom) {
            out.push_back({"program", "Describe the custom program (name, credits required, cycle)."});
        } else {
            if (blank(c.custom->name)) out.push_back({"custom_name", "Name the program."});
            if (c.custom->required <= Credits()) out.push_back({"custom_required", "Enter the credits required, above 0."});
            if (c.custom->cycle_months < 1 || c.custom->cycle_months > 120)
                out.push_back({"custom_months", "The cycle must be 1 to 120 months long."});
        }
    } else {
        const RulePack* pack = packs.find(c.body, today);
        if (!pack) out.push_back({"body", "Choose a certifying body."});
        else if (!pack->find_program(c.program)) out.push_back({"program", "Choose a program of " + pack->name + "."});
    }
    if (today < c.certified_on) out.push_back({"certified_on", "The certification date is in the future."});
    if (c.cycle.last <= c.cycle.first) out.push_back({"cycle", "The cycle must end after it starts."});
    for (const PrerequisiteDoc& p : c.prerequisites)
        if (p.expires <= p.issued) out.push_back({"prerequisites", "The card expires before it was issued."});
    return out;
}

} // namespace recert::core
