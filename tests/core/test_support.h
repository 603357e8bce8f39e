// Shared helpers for the core tests: the shipped packs, and terse builders for activities/credentials.
#pragma once

#include "core/engine.h"
#include "core/log_codec.h"
#include "core/rulepack_codec.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace recert::core::test {

inline const PackSet& shipped_packs() {
    static const PackSet packs = [] {
        auto r = load_rulepack_dir(RECERT_RULEPACK_DIR);
        if (!r)
            FAIL("shipped packs failed to load: " << r.error().to_string());
        return r.value();
    }();
    return packs;
}

inline const RulePack& pack(const char* body) {
    for (const auto& p : shipped_packs().packs)
        if (p.body == body)
            return p;
    FAIL("no shipped pack " << body);
    throw 0;
}

inline Date d(const char* iso) {
    auto v = Date::parse(iso);
    REQUIRE(v);
    return *v;
}

inline Credits cr(const char* s) {
    auto v = Credits::parse(s);
    REQUIRE(v);
    return *v;
}

inline Money usd(const char* s) {
    auto v = Money::parse(s);
    REQUIRE(v);
    return *v;
}

inline Activity act(std::string id, const char* earned, const char* amount, Unit unit = Unit::cec,
                    Format format = Format::online, std::string category = {}) {
    Activity a;
    a.id = std::move(id);
    a.earned = d(earned);
    a.title = "Activity " + a.id;
    a.amount = cr(amount);
    a.unit = unit;
    a.format = format;
    a.category = std::move(category);
    a.status = ActivityStatus::posted;
    return a;
}

inline Credential cred(std::string id, std::string body, std::string program, const char* certified,
                       const char* start, const char* end) {
    Credential c;
    c.id = std::move(id);
    c.body = std::move(body);
    c.program = std::move(program);
    c.certified_on = d(certified);
    c.cycle = {d(start), d(end)};
    return c;
}

// A current, uploaded, hands-on CPR/AED card.
inline PrerequisiteDoc cpr_card(const char* issued = "2025-01-15", const char* expires = "2027-01-15") {
    PrerequisiteDoc p;
    p.kind = "cpr_aed";
    p.issued = d(issued);
    p.expires = d(expires);
    p.hands_on = true;
    p.file = EvidenceRef{std::string(64, 'a'), "cpr.pdf", "application/pdf"};
    return p;
}

inline std::string read_fixture(const std::string& name) {
    std::ifstream in(std::string(RECERT_FIXTURE_DIR) + "/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// `log`'s records as the browser store keeps them, one compact encode_record() each:
// "credentials":[…],"activities":[…] (the middle of a log document).
inline std::string stored_records(const Log& log) {
    std::string out = R"("credentials":[)";
    for (std::size_t i = 0; i < log.credentials.size(); ++i)
        out += (i ? "," : "") + encode_record(log.credentials[i]);
    out += R"(],"activities":[)";
    for (std::size_t i = 0; i < log.activities.size(); ++i)
        out += (i ? "," : "") + encode_record(log.activities[i]);
    return out + "]";
}

} // namespace recert::core::test
