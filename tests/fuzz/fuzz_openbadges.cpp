// libFuzzer target: the Open Badges 3.0 / CLR 2.0 importer must never crash, hang or leak; every
// rejection carries a message, and every accepted activity passes validation. Read a credential a
// step at a time, through the DOM alone, or in one go, a file gives the same activities or the same
// located error.
#include "core/openbadges.h"
#include "core/validate.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace recert::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    BadgeImportOptions o;
    o.today = *Date::from_ymd(2030, 1, 1);
    o.id_prefix = "f";
    auto r = import_open_badges(text, "fuzz.json", o);
    BadgeReader sliced(text, "fuzz.json", o);
    while (!sliced.step(1)) {
    }
    auto s = sliced.take();
    auto dom = detail::import_open_badges_dom(text, "fuzz.json", o);
    for (const auto* other : {&s, &dom}) {
        if (other->ok() != r.ok()) std::abort();
        if (r.ok() ? !(other->value() == r.value()) : other->error().to_string() != r.error().to_string())
            std::abort();
    }
    if (!r) {
        if (r.error().message.empty()) std::abort();
        return 0;
    }
    if (r.value().empty()) std::abort();
    for (const Activity& a : r.value())
        if (!validate_activity(a, o.today).empty()) std::abort();
    return 0;
}
