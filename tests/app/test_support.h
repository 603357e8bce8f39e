// Shared by the app-layer tests: the shipped rule packs (loaded once) and ISO dates.
#pragma once

#include "core/date.h"
#include "core/credits.h"
#include "core/model.h"

#include <string>
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

// An ACSM CPT credential (cycle 2024-2026), not stored yet.
inline core::Credential acsm_cpt() {
    core::Credential c;
    c.id = "cred-cpt";
    c.rev = 0;
    c.body = "acsm";
    c.program = "cpt";
    c.certified_on = day("2021-01-01");
    c.cycle = {day("2024-01-01"), day("2026-12-31")};
    return c;
}

// A self-reported online course of ACSM earned 2025-02-01, not stored yet.
inline core::Activity course(std::string id, const char* amount) {
    core::Activity a;
    a.id = std::move(id);
    a.rev = 0;
    a.title = "Program design";
    a.provider = "ACSM";
    a.earned = day("2025-02-01");
    a.amount = *core::Credits::parse(amount);
    a.format = core::Format::online;
    return a;
}

} // namespace recert::test
