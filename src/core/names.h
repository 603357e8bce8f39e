// The names a person reads for a credential and its certifying body, one spelling for every place text
// reaches them (toasts, dialogs, transcript, CSV headers, calendar, audit packet): never a record id or
// a pack's internal ids where a name exists.
#pragma once

#include "core/model.h"
#include "core/rulepack.h"

#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

// "ACSM CPT", "NSCA CSCS", "ASM CE" (a short name that already starts with the body is not prefixed
// again), a custom program's own name. `pack` is the credential's rule pack (CredentialResult::pack),
// or null: then the body and program as recorded, in capitals ("NAAEI CAM").
std::string credential_short_name(const Credential& c, const RulePack* pack);

// "ACSM Certified Personal Trainer": the program's full name, else the short name.
std::string credential_full_name(const Credential& c, const RulePack* pack);

// "American College of Sports Medicine": the pack's name (a custom program's pack bears the program's
// name); without a pack "Custom program" for a custom one, else the body as recorded, in capitals.
std::string body_display_name(const Credential& c, const RulePack* pack);

// "In-network" for the category id "in_network": the name the first of `packs` that knows the id gives
// it (null entries are skipped); else the id as recorded. "" stays "".
std::string category_display_name(std::string_view id, const std::vector<const RulePack*>& packs);

} // namespace recert::core
