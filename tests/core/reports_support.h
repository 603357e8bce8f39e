// Shared by the reports tests: the ACSM dashboard fixture (plus hostile text), its evaluation, and a
// tiny deterministic stand-in hash for the audit packet plan (the core has no SHA-256).
#pragma once

#include "core/log_codec.h"
#include "test_support.h"

#include <filesystem>
#include <fstream>

namespace recert::core::test {

inline Log dashboard_log() {
    auto r = decode_log(read_fixture("acsm_dashboard.json"), "acsm_dashboard.json");
    REQUIRE(r);
    return r.value();
}

// The fixture with text an attacker might type: markup, quotes, formula injection, non-ASCII.
inline Log hostile_log() {
    Log log = dashboard_log();
    log.person.name = "Zoë <script>alert(1)</script> & \"Co\"";
    log.activities[0].title = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    log.activities[0].provider = "ACSM, \"Summit\" team";
    log.activities[1].notes = "line one\nline two, with comma";
    log.activities[1].title = "<img src=x onerror=alert(2)> Résumé writing";
    log.activities[2].provider_approval = "+1-555";
    log.activities[2].course_number = "@SUM(A1)";
    return log;
}

inline Evaluation evaluate_log(const Log& log, const char* today = "2025-03-11") {
    return evaluate(shipped_packs(), log.credentials, log.activities, d(today));
}

// FNV-1a as 64 hex digits: deterministic and content-sensitive, enough to test the plan's wiring.
inline std::string fake_sha(std::string_view s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string(buf) + std::string(buf) + std::string(buf) + std::string(buf);
}

// Compares `actual` with the golden file tests/core/fixtures/<name>; RECERT_UPDATE_GOLDEN=1 rewrites it.
inline void check_golden(const std::string& name, const std::string& actual) {
    const std::string path = std::string(RECERT_FIXTURE_DIR) + "/" + name;
    if (std::getenv("RECERT_UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << actual;
        WARN("rewrote golden file " << name);
    }
    const std::string expected = read_fixture(name);
    REQUIRE(actual.size() == expected.size());
    CHECK(actual == expected);
}

} // namespace recert::core::test
