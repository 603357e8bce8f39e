// Shared by the app-layer tests: the shipped rule packs (loaded once) and ISO dates.
#pragma once

#include "core/date.h"
#include "core/rulepack.h"
#include "core/rulepack_codec.h"

#include <catch2/catch.hpp>

namespace recert::test {

inline const core::PackSet& packs() {
    static const core::PackSet p = [] {
        auto r = core::load_rulepack_dir(RECERT_RULEPACK_DIR);
        REQUIRE(r);
        return r.value();
    }();
    return p;
}

inline core::Date day(const char* iso) { return *core::Date::parse(iso); }

} // namespace recert::test
