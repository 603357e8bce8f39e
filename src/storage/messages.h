// Plain-words messages shared by the store implementations, so every store says the same thing.
#pragma once

#include "storage/store.h"

#include <string>
#include <vector>

namespace recert::storage {

// "This activity was changed in another tab. Nothing was saved: review both versions, then save
// again." (or "3 records were …"). Precondition: !conflicts.empty().
std::string conflict_message(const std::vector<Conflict>& conflicts);

} // namespace recert::storage
