// Rule pack loading: the shipped packs load, and malformed packs are rejected with file + JSON pointer +
// reason, never half-loaded, whatever the input.
#include "core/limits.h"
#include "core/rulepack_codec.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>

using namespace recert::core;
using namespace recert::core::test;
using nlohmann::json;

namespace {

json minimal_pack() {
    return json::parse(R"({
      "schema": 1, "body": "demo", "name": "Demo body", "version": "1", "unit": "CEC",
      "effective_from": "2024-01-01",
      "sources": [{"id": "s", "title": "Demo source", "url": "https://example.org"}],
      "categories": [{"id": "general", "name": "General"}],
      "default_category": "general",
      "conversions": [{"from": "cec", "factor": "1"}],
      "programs": [
        {"id": "p0", "name": "P0", "cycle": {"kind": "fixed", "years": 2}, "requirements": [{"total": "10", "sources": ["s"]}]},
        {"id": "p1", "name": "P1", "cycle": {"kind": "fixed", "years": 2}, "requirements": [{"total": "10", "sources": ["s"]}]},
        {"id": "p2", "name": "P2", "cycle": {"kind": "fixed", "years": 3}, "requirements": [{"total": "20", "sources": ["s"]}]}
      ]
    })");
}

Error error_of(const json& j, const char* file = "acsm.json") {
    auto r = decode_rulepack(j.dump(), file);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

} // namespace

TEST_CASE("all seven shipped packs load and cite their sources") {
    const PackSet& set = shipped_packs();
    REQUIRE(set.packs.size() == 7);
    for (const char* body : {"acsm", "naaei", "nsca", "ace", "nasm", "nccpa", "asm"}) {
        const RulePack& p = pack(body);
        CHECK_FALSE(p.sources.empty());
        CHECK_FALSE(p.programs.empty());
        for (const auto& cap : p.caps)
            CHECK_FALSE(cap.sources.empty());
    }
    CHECK(pack("acsm").find_program("cpt"));
    CHECK(pack("acsm").find_program("cep"));
    for (const char* prog : {"cam", "caps", "calp", "cas", "aime", "camt"})
        CHECK(pack("naaei").find_program(prog));
    CHECK(pack("nsca").find_program("nsca_cpt"));
}

TEST_CASE("a minimal pack decodes") {
    auto r = decode_rulepack(minimal_pack().dump(), "demo.json");
    REQUIRE(r.ok());
    CHECK(r.value().programs.size() == 3);
    CHECK(r.value().file == "demo.json");
}

TEST_CASE("a bad cycle length is reported with file, JSON pointer and reason") {
    json j = minimal_pack();
    j["programs"][2]["cycle"]["years"] = 0;
    CHECK(error_of(j).to_string() == "acsm.json: /programs/2/cycle/years: expected a positive integer");
    j["programs"][2]["cycle"]["years"] = "3";
    CHECK(error_of(j).path == "/programs/2/cycle/years");
}

TEST_CASE("unknown keys in a pack are errors, so typos are never silently ignored") {
    json j = minimal_pack();
    j["programs"][1]["requirments"] = json::array();
    Error e = error_of(j);
    CHECK(e.path == "/programs/1/requirments");
    CHECK(e.message == "unknown field");
    json k = minimal_pack();
    k["sharing"] = {{"same_bodies", true}};
    CHECK(error_of(k).path == "/sharing/same_bodies");
}

TEST_CASE("pack errors locate bad values deep inside the document") {
    json j = minimal_pack();
    j["caps"] = json::parse(
        R"([{"id": "c", "label": "C", "match": {"formats": ["dancing"]}, "period": "calendar_year", "max": "5", "sources": ["s"]}])");
    CHECK(error_of(j).path == "/caps/0/match/formats/0");

    j = minimal_pack();
    j["caps"] = json::parse(
        R"([{"id": "c", "label": "C", "match": {"categories": ["nope"]}, "period": "calendar_year", "max": "5", "sources": ["s"]}])");
    CHECK(error_of(j).message == "unknown category \"nope\" (not in /categories)");

    j = minimal_pack();
    j["programs"][0]["requirements"][0]["total"] = 10;
    CHECK(error_of(j).to_string() == "acsm.json: /programs/0/requirements/0/total: expected a decimal string "
                                     "like \"1.5\" (at most two decimals)");

    j = minimal_pack();
    j["programs"][0]["requirements"][0]["sources"] = json::array({"missing"});
    CHECK(error_of(j).path == "/programs/0/requirements/0/sources/0");

    j = minimal_pack();
    j["programs"][0]["requirements"][0].erase("sources");
    CHECK(error_of(j).message == "every rule must cite at least one source id");

    j = minimal_pack();
    j["conversions"][0]["rounding"] = "nearest";
    CHECK(error_of(j).path == "/conversions/0/rounding");

    j = minimal_pack();
    j["effective_from"] = "2025-02-30";
    CHECK(error_of(j).path == "/effective_from");

    j = minimal_pack();
    j["programs"][1]["id"] = "p0";
    CHECK(error_of(j).message == "duplicate program \"p0\"");

    j = minimal_pack();
    j["schema"] = 2;
    CHECK(error_of(j).path == "/schema");
}

TEST_CASE("garbage pack inputs give errors, never a crash or a partial pack") {
    const char* inputs[] = {"",
                            "{",
                            "[]",
                            "null",
                            "42",
                            "\"pack\"",
                            "{\"schema\": 1}",
                            "{\"schema\": -1}",
                            "{\"schema\": 1e400}",
                            "\xff\xfe",
                            "{\"schema\": 1, \"body\": []}",
                            "{\"a\":{\"a\":{\"a\":{\"a\":[[[[[[]]]]]]}}}}",
                            "{\"schema\":18446744073709551615}"};
    for (const char* in : inputs) {
        auto r = decode_rulepack(in, "x.json");
        CHECK_FALSE(r.ok());
        CHECK(r.error().file == "x.json");
        CHECK_FALSE(r.error().message.empty());
    }
    // Every truncation of a valid pack is either rejected or (the full text) accepted.
    const std::string full = minimal_pack().dump();
    for (std::size_t n = 0; n < full.size(); ++n)
        CHECK_FALSE(decode_rulepack(full.substr(0, n)).ok());
}

TEST_CASE("syntax errors report the byte offset") {
    auto r = decode_rulepack("{\"schema\": 1,,}", "bad.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("invalid JSON at byte") == 0);
}

TEST_CASE("a directory with one bad pack loads nothing") {
    auto r = load_rulepack_dir(std::string(RECERT_FIXTURE_DIR));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().file == "acsm_dashboard.json"); // a log is not a pack: first file in name order fails
}

TEST_CASE("a pack file over the size limit is refused before it is parsed, from text and from a file") {
    // Valid JSON padded with spaces past the limit: only the size can refuse it.
    std::string text = minimal_pack().dump();
    text.append(limits::max_rulepack_bytes + 1 - text.size(), ' ');
    auto r = decode_rulepack(text, "huge.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().to_string() == "huge.json: larger than 1 MB; no certifying body's rules need so much");
    text.pop_back(); // exactly at the limit: read as usual
    CHECK(decode_rulepack(text, "huge.json").ok());

    const std::string path = "rulepack_size_test.json";
    {
        std::ofstream out(path, std::ios::binary);
        out << text << ' ';
    }
    auto f = load_rulepack_file(path);
    std::remove(path.c_str());
    REQUIRE_FALSE(f.ok());
    CHECK(f.error().to_string() == "rulepack_size_test.json: larger than 1 MB; no certifying body's rules need so much");
}
