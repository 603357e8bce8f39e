// Loading rule packs: strict JSON → validated RulePack, or an Error naming the file, the JSON pointer and
// the reason ("acsm.json: /programs/2/cycle/years: expected a positive integer"). Never half-loaded.
// The schema is documented in assets/rulepacks/README.md.
#pragma once

#include "core/result.h"
#include "core/rulepack.h"

#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

inline constexpr int rulepack_schema_version = 1;

// Decodes one pack from JSON text. `file` is only used to label errors and RulePack::file.
// Never throws and never aborts, whatever the input.
Result<RulePack> decode_rulepack(std::string_view text, std::string_view file = {});

// Reads and decodes one pack file; the error's `file` is the file name.
Result<RulePack> load_rulepack_file(const std::string& path);

// The pack files in `dir`: every *.json, sorted by name; an error when there are none.
Result<std::vector<std::string>> rulepack_files(const std::string& dir);

// Loads every *.json in `dir` (sorted by name). Any bad pack fails the whole load (no partial PackSet).
Result<PackSet> load_rulepack_dir(const std::string& dir);

} // namespace recert::core
