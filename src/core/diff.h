// Field-by-field differences between two versions of one record, in plain words, for the screens
// that show both versions side by side: a save that collided with another tab's edit, and the
// conflicts of a restore. Pure and deterministic; values are display strings (dates ISO).
#pragma once

#include "core/model.h"

#include <string>
#include <vector>

namespace recert::core {

struct FieldChange {
    std::string field; // "Title", "Credits", "Cycle", …
    std::string a;     // the value in the first version ("" = empty)
    std::string b;     // the value in the second version
    friend bool operator==(const FieldChange&, const FieldChange&) = default;
};

// The fields a person would recognize that differ between `a` and `b`, in form order. Ignores the
// storage revision and the id. Fields shown as counts (sessions, evidence files, renewals) are
// listed when their contents differ even if the count is equal ("2 files" vs "2 files (changed)").
std::vector<FieldChange> diff_activities(const Activity& a, const Activity& b);
std::vector<FieldChange> diff_credentials(const Credential& a, const Credential& b);

// The label a person knows a record by: the activity title ("Untitled activity" when empty), or
// "ACSM cpt" style body and program for a credential (custom programs by their name).
std::string record_label(const Activity& a);
std::string record_label(const Credential& c);

} // namespace recert::core
