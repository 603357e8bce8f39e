// libFuzzer target: the rule-pack decoder must never crash, hang or leak on any input, and a
// pack it accepts must be usable (every program reachable by id).
#include "core/rulepack_codec.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto result = recert::core::decode_rulepack(text, "fuzz.json");
    if (!result) {
        // A rejection must say where and why.
        if (result.error().message.empty()) std::abort();
    }
    return 0;
}
