// Internal to src/sync: runs a JSON decoder body and turns parse errors, located DecodeErrors and any
// other exception into a core::Result, so no decoder ever throws past its public boundary.
#pragma once

#include "core/json_read.h"
#include "core/result.h"

#include <string>
#include <string_view>

namespace recert::sync::detail {

template <class T, class F>
core::Result<T> decode(std::string_view body, std::string_view what, F&& f) {
    try {
        core::detail::json root = core::detail::parse_text(body);
        return f(root);
    } catch (const core::detail::DecodeError& e) {
        return core::Error{std::string(what), e.path, e.message};
    } catch (const std::exception& e) {
        return core::Error{std::string(what), "", std::string("unreadable: ") + e.what()};
    }
}

} // namespace recert::sync::detail
