// Small builders shared by the storage tests.
#pragma once

#include "core/model.h"

#include <string>
#include <vector>

namespace recert::storage::test {

inline core::Date day(const char* iso) {
    return *core::Date::parse(iso);
}

inline core::Activity activity(std::string id, std::string title, std::int64_t rev = 1) {
    core::Activity a;
    a.id = std::move(id);
    a.rev = rev;
    a.title = std::move(title);
    a.earned = day("2025-02-01");
    a.amount = *core::Credits::parse("1.5");
    return a;
}

inline core::Credential credential(std::string id, std::int64_t rev = 1) {
    core::Credential c;
    c.id = std::move(id);
    c.rev = rev;
    c.body = "acsm";
    c.program = "cpt";
    c.certified_on = day("2021-01-01");
    c.cycle = {day("2024-01-01"), day("2026-12-31")};
    return c;
}

inline std::vector<std::uint8_t> bytes(std::string_view s) {
    return {s.begin(), s.end()};
}

// A minimal PDF-looking file (the magic bytes are all the checks look at).
inline std::vector<std::uint8_t> pdf(std::string_view body = "certificate") {
    return bytes(std::string("%PDF-1.7\n") + std::string(body));
}

} // namespace recert::storage::test
