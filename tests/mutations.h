// Shared by decoder tests: damaged variants of a valid text (bytes changed, dropped, doubled), the
// same every run (a fixed seed), for checking that a decoder's fast path and its DOM path agree.
#pragma once

#include <cstdint>
#include <string>

namespace recert::test {

// Calls `check(text)` on `count` variants of `base`, each with 1 to 3 edits; returns how many
// variants `check` returned true for.
template <class Check>
int for_each_mutation(const std::string& base, int count, std::uint32_t seed, Check&& check) {
    const std::string alphabet = "{}[],:\"\\ 0123456789-.eEnulltruefalse\x01\xC3\xA9\xFFxyz";
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    int accepted = 0;
    for (int n = 0; n < count; ++n) {
        std::string t = base;
        const int edits = 1 + static_cast<int>(next() % 3);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = next() % t.size();
            switch (next() % 3) {
            case 0: t[at] = alphabet[next() % alphabet.size()]; break;
            case 1: t.erase(at, 1 + next() % 4); break;
            default: t.insert(at, t.substr(at, 1 + next() % 6)); break;
            }
        }
        accepted += check(t) ? 1 : 0;
    }
    return accepted;
}

} // namespace recert::test
