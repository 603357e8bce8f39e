// Field-by-field differences between two versions of one record, in plain words, for the screens
// that show both versions side by side: a save that collided with another tab's edit, and the
// conflicts of a restore. Pure and deterministic; values are display strings (dates ISO).
#pragma once

#include "core/model.h"
#include "core/rulepack.h"

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

// The label a person knows a record by: the activity title ("Untitled activity" when empty), or a
// credential's short name (core/names.h: "ACSM CPT", "ASM CE", a custom program's name), looked up
// in `packs` when given, else its body and program in capitals.
std::string record_label(const Activity& a);
std::string record_label(const Credential& c, const PackSet* packs = nullptr);

} // namespace recert::core
