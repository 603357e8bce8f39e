// libFuzzer target: the log decoder must never crash, hang or leak on any input; a log it accepts
// must survive encode -> decode unchanged (the backup format round-trips); its fast path and its
// DOM path agree; read a slice at a time (LogReader) it gives the same log or the same error.
#include "core/log_codec.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto first = recert::core::decode_log(text, "fuzz.json");
    // The fast path never accepts what the DOM decoder refuses, and agrees with it when it accepts.
    if (auto fast = recert::core::detail::decode_log_fast(text)) {
        auto dom = recert::core::detail::decode_log_dom(text, "fuzz.json");
        if (!dom || !(dom.value() == *fast)) std::abort();
    }
    // Read a slice at a time (a restore), the log or the error is the same.
    recert::core::LogReader reader(text, "fuzz.json");
    for (int steps = 0; !reader.step(3); ++steps)
        if (steps > 1000000) std::abort();
    auto sliced = reader.take();
    if (bool(sliced) != bool(first)) std::abort();
    if (first ? !(sliced.value() == first.value()) : sliced.error().to_string() != first.error().to_string()) std::abort();
    if (!first) {
        if (first.error().message.empty()) std::abort();
        return 0;
    }
    const std::string encoded = recert::core::encode_log(first.value());
    auto second = recert::core::decode_log(encoded, "re-encoded.json");
    if (!second) std::abort();                                       // our own output must decode
    if (recert::core::encode_log(second.value()) != encoded) std::abort(); // and be a fixed point
    return 0;
}
