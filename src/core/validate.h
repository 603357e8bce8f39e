// Validation of records a person enters (the self-reporting form, the credential form) before
// they are stored. Each problem names the field, so forms can show it inline.
#pragma once

#include "core/model.h"
#include "core/rulepack.h"

#include <string>
#include <vector>

namespace recert::core {

struct FieldError {
    std::string field;   // "title", "amount", "earned", "cycle", ...
    std::string message; // "Enter the credits, e.g. 1.5"
};

// Problems with an activity as it would be stored. Empty = valid. Rules: a title; a date earned
// (not after `today` unless the status is planned); a date reported not before the date earned;
// an amount > 0 (or sessions with hours); every session titled with hours > 0; evidence refs with a
// 64-hex SHA-256; and every record limit of core/limits.h (at most 1000 credits per entry, dates in
// 1900–2199, text lengths, list sizes), with the same message every other way in gives.
std::vector<FieldError> validate_activity(const Activity& a, Date today);

// Problems with a credential: a known body and program in `packs` (or a complete custom
// program), a certification date not after `today`, a cycle whose end is after its start,
// prerequisite documents whose expiry is after their issue date.
std::vector<FieldError> validate_credential(const Credential& c, const PackSet& packs, Date today);

// Problems with the profile (Settings › Profile): name and email at most limits::max_short_text bytes
// (as the log decoder checks), and an email, when given, of the shape name@domain.example.
std::vector<FieldError> validate_person(const Person& p);

} // namespace recert::core
