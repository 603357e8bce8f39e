// Engine benchmark: evaluate() of a synthetic log (10,000 activities x 6 credentials of five
// bodies) with the shipped rule packs. Built natively and as wasm (run under node) so the two can
// be compared in one table. Prints one JSON line; asserts nothing.
//   bench_engine PACK_DIR [activities] [repeats]
#include "core/engine.h"
#include "core/rulepack_codec.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace recert::core;

namespace {

// Deterministic xorshift so every run (native and wasm) evaluates the same log.
struct Rng {
    std::uint64_t s = 0x9e3779b97f4a7c15ull;
    std::uint32_t next() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return static_cast<std::uint32_t>(s >> 16);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
};

Date d(int y, unsigned m, unsigned day) { return *Date::from_ymd(y, m, day); }

Credential credential(std::string id, std::string body, std::string program, Date certified, DateRange cycle) {
    Credential c;
    c.id = std::move(id);
    c.body = std::move(body);
    c.program = std::move(program);
    c.certified_on = certified;
    c.cycle = cycle;
    PrerequisiteDoc cpr;
    cpr.kind = "cpr_aed";
    cpr.issued = d(2025, 3, 1);
    cpr.expires = d(2027, 3, 1);
    cpr.hands_on = true;
    cpr.file = EvidenceRef{std::string(64, 'a'), "cpr.pdf", "application/pdf"};
    c.prerequisites.push_back(cpr);
    return c;
}

std::vector<Activity> activities(int n) {
    static const Format formats[] = {Format::live, Format::online, Format::home_study, Format::conference_session,
                                     Format::teaching, Format::volunteering, Format::cpr_aed_first_aid,
                                     Format::college_course, Format::publication};
    static const Unit units[] = {Unit::cec, Unit::ceu, Unit::contact_hour, Unit::cme};
    static const char* cats[] = {"A", "B", "C", "D", "in_network", "out_of_network", "cat1", "cat2", "cat1_sa", ""};
    Rng rng;
    std::vector<Activity> out;
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        Activity a;
        a.id = "bench-" + std::to_string(i);
        a.earned = d(2023, 1, 1).add_days(rng.below(4 * 365));
        a.title = "Course " + std::to_string(i);
        a.provider = "Provider " + std::to_string(rng.below(40));
        a.format = formats[rng.below(9)];
        a.unit = a.format == Format::college_course ? Unit::semester_credit : units[rng.below(4)];
        a.category = cats[rng.below(10)];
        a.amount = Credits::from_hundredths(a.unit == Unit::ceu ? 10 * (1 + rng.below(20)) : 25 * (1 + rng.below(16)));
        a.status = rng.below(20) == 0 ? ActivityStatus::pending : ActivityStatus::posted;
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_engine PACK_DIR [activities] [repeats]\n");
        return 2;
    }
    const int n = argc > 2 ? std::atoi(argv[2]) : 10000;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 31;
    auto packs = load_rulepack_dir(argv[1]);
    if (!packs) {
        std::fprintf(stderr, "%s\n", packs.error().to_string().c_str());
        return 1;
    }
    const std::vector<Credential> creds = {
        credential("acsm-cpt", "acsm", "cpt", d(2020, 5, 1), {d(2024, 1, 1), d(2026, 12, 31)}),
        credential("acsm-ep", "acsm", "ep", d(2020, 5, 1), {d(2024, 1, 1), d(2026, 12, 31)}),
        credential("nsca-cscs", "nsca", "cscs", d(2019, 2, 1), {d(2024, 1, 1), d(2026, 12, 31)}),
        credential("naaei-cam", "naaei", "cam", d(2018, 6, 1), {d(2026, 1, 1), d(2026, 12, 31)}),
        credential("ace-cpt", "ace", "cpt", d(2021, 7, 15), {d(2025, 8, 1), d(2027, 7, 31)}),
        credential("nccpa", "nccpa", "pa_c", d(2019, 5, 1), {d(2025, 5, 1), d(2026, 12, 31)}),
    };
    const auto acts = activities(n);
    const Date today = d(2026, 6, 15);

    std::vector<double> us;
    std::int64_t checksum = 0;
    for (int r = 0; r < repeats + 3; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        Evaluation ev = evaluate(packs.value(), creds, acts, today);
        const auto t1 = std::chrono::steady_clock::now();
        checksum = 0;
        for (const auto& c : ev.credentials) checksum += c.applied.hundredths();
        if (r >= 3) us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count()); // 3 warm-ups
    }
    std::sort(us.begin(), us.end());
    std::printf("{\"activities\":%d,\"credentials\":%zu,\"repeats\":%d,\"median_us\":%.1f,\"min_us\":%.1f,"
                "\"max_us\":%.1f,\"applied_checksum\":%lld}\n",
                n, creds.size(), repeats, us[us.size() / 2], us.front(), us.back(),
                static_cast<long long>(checksum));
    return 0;
}
