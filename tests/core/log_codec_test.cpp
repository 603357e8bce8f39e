// The recert-log format: strict located decoding, decimal strings for credits, encode→decode identity.
#include "../mutations.h"
#include "core/log_codec.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

using namespace recert::core;
using namespace recert::core::test;
using nlohmann::json;

namespace {

Log sample_log() {
    Log log;
    log.person.name = "Ana";
    Credential c = cred("c1", "acsm", "ep", "2021-01-01", "2024-01-01", "2026-12-31");
    c.id_number = "123";
    c.prerequisites.push_back(cpr_card());
    c.prerequisites.back().file.reset();
    c.history.push_back({d("2023-11-02"),
                         {d("2021-01-01"), d("2023-12-31")},
                         usd("70"),
                         EvidenceRef{std::string(64, 'b'), "receipt.pdf", "application/pdf"}});
    log.credentials.push_back(c);
    Credential custom = cred("c2", "custom", "custom", "2024-05-01", "2024-05-01", "2026-04-30");
    custom.custom =
        CustomProgram{"State license", cr("24"), 24, {{"ethics", cr("2"), std::nullopt}}, usd("50")};
    log.credentials.push_back(custom);
    Activity a = act("a1", "2024-03-03", "1.5", Unit::ceu, Format::college_course, "A");
    a.rev = 7;
    a.reported = d("2024-03-05");
    a.provider = "Uni";
    a.category_for = {{"nccpa", "cat2"}, {"nsca", "C"}};
    a.sessions = {{"Keynote", cr("1.25"), true}};
    a.claim_id = "B-77";
    a.statement_printed = d("2024-03-06");
    a.evidence = {{std::string(64, 'c'), "cert.pdf", "application/pdf"}};
    a.notes = "näive ünïcode ✓";
    a.excluded_from = {"c2"};
    a.source = ActivitySource::synced;
    log.activities.push_back(a);
    Activity b = act("a2", "2024-03-03", "0", Unit::cme);
    b.duplicate_of = "a1";
    b.status = ActivityStatus::claimed;
    log.activities.push_back(b);
    log.settings_json = R"({"reminders":{"days":[30,7]},"theme":"dark"})";
    return log;
}

Error error_of(const json& j) {
    auto r = decode_log(j.dump(), "log.json");
    REQUIRE_FALSE(r.ok());
    return r.error();
}

} // namespace

TEST_CASE("encoding then decoding a log gives back the same log") {
    Log log = sample_log();
    std::string text = encode_log(log);
    auto back = decode_log(text);
    REQUIRE(back.ok());
    CHECK(back.value() == log);
    CHECK(encode_log(back.value()) == text); // stable canonical form
}

TEST_CASE("credits are written as decimal strings, never JSON numbers") {
    json j = json::parse(encode_log(sample_log()));
    CHECK(j["activities"][0]["amount"] == "1.50");
    CHECK(j["activities"][0]["sessions"][0]["hours_claimed"] == "1.25");
    CHECK(j["credentials"][0]["history"][0]["amount"] == "70.00");
    CHECK(j["format"] == "recert-log");
    CHECK(j["version"] == 1);
}

TEST_CASE("the fixture log decodes and keeps its settings") {
    auto r = decode_log(read_fixture("acsm_dashboard.json"));
    REQUIRE(r.ok());
    CHECK(r.value().activities.size() == 8);
    CHECK(r.value().settings_json == R"({"theme":"dark"})");
}

TEST_CASE("log errors name the JSON pointer and the reason") {
    json j = json::parse(encode_log(sample_log()));
    j["activities"][1]["amount"] = 1.5;
    CHECK(error_of(j).to_string() ==
          "log.json: /activities/1/amount: expected a decimal string like \"1.5\" (at most two decimals)");

    j = json::parse(encode_log(sample_log()));
    j["activities"][0]["amount"] = "1.234";
    CHECK(error_of(j).path == "/activities/0/amount");

    j = json::parse(encode_log(sample_log()));
    j["activities"][0]["earned"] = "2025-02-30";
    CHECK(error_of(j).path == "/activities/0/earned");

    j = json::parse(encode_log(sample_log()));
    j["activities"][0]["colour"] = "blue";
    CHECK(error_of(j).path == "/activities/0/colour");

    j = json::parse(encode_log(sample_log()));
    j["activities"][1]["id"] = "a1";
    j["activities"][1]["duplicate_of"] = "";
    CHECK(error_of(j).message == "duplicate activity id \"a1\"");

    j = json::parse(encode_log(sample_log()));
    j["activities"][0]["unit"] = "hours";
    CHECK(error_of(j).path == "/activities/0/unit");

    j = json::parse(encode_log(sample_log()));
    j["activities"][0]["evidence"][0]["sha256"] = "abc";
    CHECK(error_of(j).path == "/activities/0/evidence/0/sha256");

    j = json::parse(encode_log(sample_log()));
    j["credentials"][0]["cycle"]["end"] = "2020-01-01";
    CHECK(error_of(j).path == "/credentials/0/cycle/end");

    j = json::parse(encode_log(sample_log()));
    j["credentials"][1].erase("custom");
    CHECK(error_of(j).path == "/credentials/1/custom");

    j = json::parse(encode_log(sample_log()));
    j["version"] = 4; // version 2 (provider_link) is read since issue #7, version 3 (person.email) since #18
    CHECK(error_of(j).path == "/version");

    j = json::parse(encode_log(sample_log()));
    j["format"] = "other";
    CHECK(error_of(j).path == "/format");

    j = json::parse(encode_log(sample_log()));
    j["activities"][0]["category_for"]["a/b~c"] = 3;
    CHECK(error_of(j).path == "/activities/0/category_for/a~1b~0c");
}

TEST_CASE("garbage log inputs give errors, never a crash or a partial log") {
    const char* inputs[] = {"",
                            "{",
                            "[]",
                            "null",
                            "true",
                            "{\"format\":\"recert-log\"}",
                            "{\"format\":\"recert-log\",\"version\":1,\"activities\":{}}",
                            "{\"format\":\"recert-log\",\"version\":1,\"activities\":[null]}",
                            "{\"format\":\"recert-log\",\"version\":1,\"activities\":[{}]}",
                            "{\"format\":\"recert-log\",\"version\":1,\"settings\":[]}",
                            "{\"format\":\"recert-log\",\"version\":-1}",
                            "\x00\x01",
                            "{\"\xc3\x28\":1}"};
    for (const char* in : inputs) {
        auto r = decode_log(in);
        CHECK_FALSE(r.ok());
        CHECK_FALSE(r.error().message.empty());
    }
    const std::string full = encode_log(sample_log());
    for (std::size_t n = 0; n + 1 < full.size(); n += 7)
        CHECK_FALSE(decode_log(full.substr(0, n)).ok());
}

TEST_CASE("an empty log with only the header decodes to an empty log") {
    auto r = decode_log(R"({"format": "recert-log", "version": 1})");
    REQUIRE(r.ok());
    CHECK(r.value().activities.empty());
    CHECK(r.value().settings_json == "{}");
}

TEST_CASE("a synced activity's provider link round-trips and makes the log version 2") {
    Log log = sample_log();
    const std::string plain = encode_log(log);
    CHECK(json::parse(plain)["version"] == 1); // no link: byte-identical to version-1 writers

    log.activities[0].source = ActivitySource::synced;
    log.activities[0].provider_link = ProviderLink{"https://ce.example.org/api", "c-17", "\"e3\"",
                                                   "2025-03-01T10:00:00Z", "awarded"};
    const std::string text = encode_log(log);
    auto j = json::parse(text);
    CHECK(j["version"] == 2);
    CHECK(j["activities"][0]["provider_link"]["external_id"] == "c-17");
    CHECK_FALSE(j["activities"][1].contains("provider_link"));
    auto back = decode_log(text);
    REQUIRE(back.ok());
    CHECK(back.value() == log);

    j["activities"][0]["provider_link"]["external_id"] = "";
    auto bad = decode_log(j.dump());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().path == "/activities/0/provider_link/external_id");
    j["activities"][0]["provider_link"]["external_id"] = "c-17";
    j["activities"][0]["provider_link"]["secret"] = "x";
    bad = decode_log(j.dump());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().path == "/activities/0/provider_link/secret");
}

TEST_CASE("encode_record writes each record exactly as encode_log does, without indentation") {
    Log log = sample_log();
    Activity odd = act("a3", "2024-04-01", "2.25", Unit::contact_hour);
    odd.title = std::string("quotes \" back\\slash tab\t nl\n cr\r bs\b ff\f ctl\x01\x1f del\x7f slash/ ") +
                "emoji \xF0\x9F\x8E\x93 cjk \xE4\xB8\xAD";
    odd.category_for = {{"nsca", "A"}, {"ace", "x"}, {"nsca", "B"}}; // a body twice: first place, last value
    odd.sessions = {{"One", cr("0.5"), false}, {"Two \"2\"", cr("1.75"), true}};
    odd.evidence = {{std::string(64, 'd'), "a.png", "image/png"}, {std::string(64, 'e'), "b.pdf", "application/pdf"}};
    odd.excluded_from = {"c1", "c2"};
    odd.provider_link = ProviderLink{"https://ce.example.org/api", "ext-9", "\"etag-1\"", "2025-03-01T10:00:00Z", "awarded"};
    odd.status = ActivityStatus::planned;
    log.activities.push_back(odd);
    Activity empty;
    empty.id = "a4";
    empty.earned = d("2024-01-01");
    log.activities.push_back(empty);

    const auto whole = nlohmann::ordered_json::parse(encode_log(log));
    for (std::size_t i = 0; i < log.activities.size(); ++i) {
        INFO("activity " << log.activities[i].id);
        CHECK(encode_record(log.activities[i]) == whole["activities"][i].dump());
    }
    for (std::size_t i = 0; i < log.credentials.size(); ++i)
        CHECK(encode_record(log.credentials[i]) == whole["credentials"][i].dump());

    // Text that is not UTF-8 is refused the same way by both encoders.
    Activity bad = empty;
    bad.title = "broken \xC3 here";
    CHECK_THROWS(encode_record(bad));
    Log bad_log;
    bad_log.activities.push_back(bad);
    CHECK_THROWS(encode_log(bad_log));
    for (const char* s : {"\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC0\xAF", "\xF0\x9F\x8E"}) {
        bad.title = s;
        CHECK_THROWS(encode_record(bad));
    }
}

namespace {
// The two decoding paths agree on `text`: the fast path refuses whatever the DOM decoder refuses,
// and where both accept, the logs are the same. Returns whether the fast path accepted.
bool paths_agree(const std::string& text) {
    auto fast = detail::decode_log_fast(text);
    auto dom = detail::decode_log_dom(text);
    if (fast) {
        REQUIRE(dom.ok());
        REQUIRE(dom.value() == *fast);
    }
    return fast.has_value();
}
} // namespace

TEST_CASE("the fast decoding path takes well-formed logs, pretty or compact, and agrees with the DOM path") {
    Log log = sample_log();
    Activity link = act("a3", "2024-04-01", "2.25", Unit::contact_hour);
    link.title = "esc \" \\ \t \n \x01 / \xE4\xB8\xAD \xF0\x9F\x8E\x93";
    link.provider_link = ProviderLink{"https://ce.example.org/api", "ext-9", "\"e\"", "2025-03-01T10:00:00Z", "awarded"};
    link.category_for = {{"zeta", "1"}, {"alpha", "2"}}; // the DOM hands bodies back sorted
    log.activities.push_back(link);
    const std::string pretty = encode_log(log);
    CHECK(paths_agree(pretty));
    CHECK(decode_log(pretty).value() == detail::decode_log_dom(pretty).value());

    // The shape the browser store assembles from its rows: compact records under a version-1 header.
    std::string stored = R"({"format":"recert-log","version":1,)" + stored_records(log);
    stored += R"(,"settings":{"theme":"dark","a":[1,2.5e3,true,null,{"x":"\u00e9\ud83c\udf93"}]},"person":{"name":"Ana"}})";
    CHECK(paths_agree(stored));
    CHECK(detail::decode_log_fast(stored)->settings_json == R"({"a":[1,2500.0,true,null,{"x":"é🎓"}],"theme":"dark"})");
    CHECK(paths_agree(read_fixture("acsm_dashboard.json")));

    // Null is "absent" on both paths; a missing rev is revision 1.
    const std::string nulls = R"({"format":"recert-log","version":1,"person":null,"credentials":null,"activities":[
        {"id":"n","rev":null,"earned":"2024-01-02","reported":null,"title":"T","format":"live","amount":"1",
         "unit":"ceu","status":"posted","notes":null,"sessions":null,"evidence":[],"source":null}],"settings":null})";
    CHECK(paths_agree(nulls));
    CHECK(detail::decode_log_fast(nulls)->activities.at(0).rev == 1);
}

TEST_CASE("the fast decoding path gives way on every input the DOM decoder refuses or it does not handle") {
    // Shapes the fast path leaves to the DOM decoder (some valid, most not).
    const char* texts[] = {
        "\xEF\xBB\xBF{\"format\":\"recert-log\",\"version\":1}",                            // BOM
        R"({"format":"recert-log","version":1,"version":1})",                               // repeated key
        R"({"format":"recert-log","version":1.0})",                                        // not an integer
        R"({"format":"recert-log","version":4})",
        R"({"format":"recert-log","version":1,"extra":1})",
        R"({"format":"recert-log","version":1,"activities":[{"id":"a","earned":"2024-02-30","title":"T","format":"live","amount":"1","unit":"ceu","status":"posted"}]})",
        R"({"format":"recert-log","version":1,"activities":[{"id":"a","earned":"2024-02-03","title":"T","format":"live","amount":"-1","unit":"ceu","status":"posted"}]})",
        R"({"format":"recert-log","version":1,"activities":[{"id":"a","earned":"2024-02-03","title":"T","format":"live","amount":"1","unit":"ceu","status":"posted","duplicate_of":"a"}]})",
        R"({"format":"recert-log","version":1,"activities":[{"id":"a","earned":"2024-02-03","title":"T","format":"live","amount":"1","unit":"ceu","status":"posted","category_for":{"x":"1","x":"2"}}]})",
        R"({"format":"recert-log","version":1,"activities":[{"id":"a","earned":"2024-02-03","title":"T","format":"live","amount":"1","unit":"ceu","status":"posted"},{"id":"a","earned":"2024-02-03","title":"T","format":"live","amount":"1","unit":"ceu","status":"posted"}]})",
        R"({"format":"recert-log","version":1,"activities":[{"id":"a","earned":"2024-02-03","title":"\ud800","format":"live","amount":"1","unit":"ceu","status":"posted"}]})",
        R"({"format":"recert-log","version":1,"activities":[{"id":"a","earned":"2024-02-03","title":"T","format":"live","amount":"1","unit":"ceu","status":"posted","evidence":[{"sha256":"ABC"}]}]})",
        R"({"format":"recert-log","version":1,"activities":[{"id":"a","rev":9007199254740993,"earned":"2024-02-03","title":"T","format":"live","amount":"1","unit":"ceu","status":"posted"}]})",
        R"({"format":"recert-log","version":1} x)",
    };
    for (const char* t : texts) {
        INFO(t);
        CHECK_FALSE(detail::decode_log_fast(t).has_value());
    }

    // Thousands of damaged variants of a real log (bytes changed, dropped, doubled): whatever the
    // DOM decoder refuses, the fast path refuses too; where both accept, they agree.
    Log log = sample_log();
    log.activities.push_back(log.activities.front());
    log.activities.back().id = "a9";
    log.activities.back().provider_link = ProviderLink{"p", "x", "", "", "claimed"};
    const std::string base = encode_log(log);
    const int accepted = recert::test::for_each_mutation(base, 6000, 12345u, paths_agree);
    CHECK(accepted > 0); // some edits (inside strings, whitespace) leave a valid log
}

TEST_CASE("the person's email round-trips and makes the log version 3; a log without one stays version 1") {
    Log log = sample_log();
    const std::string plain = encode_log(log);
    CHECK(json::parse(plain)["version"] == 1);
    CHECK_FALSE(json::parse(plain)["person"].contains("email")); // older builds keep reading it

    log.person.email = "ana@example.org";
    const std::string text = encode_log(log);
    const auto j = json::parse(text);
    CHECK(j["version"] == 3);
    CHECK(j["person"]["email"] == "ana@example.org");
    auto back = decode_log(text);
    REQUIRE(back.ok());
    CHECK(back.value() == log);
    // The browser store's rows come under a version-1 header: the key is read there too (fast path).
    auto stored = decode_log(R"({"format":"recert-log","version":1,"person":{"name":"Ana","email":"a@b.org"}})");
    REQUIRE(stored.ok());
    CHECK(stored.value().person == Person{"Ana", "a@b.org"});
    // The same limit as every other short text.
    auto long_mail = decode_log(R"({"format":"recert-log","version":3,"person":{"email":")" + std::string(201, 'x') +
                                R"("}})");
    REQUIRE_FALSE(long_mail.ok());
    CHECK(long_mail.error().path == "/person/email");
}

namespace {

Result<Log> read_sliced(const std::string& text, std::size_t per_step, int* steps = nullptr) {
    LogReader reader(text, "log.json");
    int n = 0;
    float last = -1.0f;
    while (!reader.step(per_step)) {
        CHECK(reader.progress() >= last); // progress never goes back
        last = reader.progress();
        REQUIRE(++n < 100000);
    }
    CHECK(reader.progress() == 1.0f);
    if (steps) *steps = n;
    return reader.take();
}

} // namespace

TEST_CASE("read a slice at a time, a log gives the same log, or the same located error, as decode_log") {
    Log log = sample_log();
    for (int i = 0; i < 95; ++i) {
        Activity a = log.activities.front();
        a.id = "bulk-" + std::to_string(i);
        log.activities.push_back(a);
    }
    const std::string text = encode_log(log);
    int steps = 0;
    auto sliced = read_sliced(text, 10, &steps);
    REQUIRE(sliced);
    CHECK(sliced.value() == decode_log(text, "log.json").value());
    CHECK(sliced.value().activities.size() == log.activities.size());
    CHECK(steps >= int(log.activities.size() / 10)); // the activities came ten at a time

    // Whatever is wrong, wherever: the same error as the one-shot decoder (the DOM decoder's).
    std::string repeated = text;
    repeated.replace(repeated.find("\"bulk-7\""), 8, "\"bulk-6\"");
    std::string bad_amount = text;
    bad_amount.replace(bad_amount.rfind("\"amount\": \""), 11, "\"amount\": \"x");
    const std::string cases[] = {repeated, bad_amount, text.substr(0, text.size() / 2), "[]", "",
                                 std::string(5000, '[') + std::string(5000, ']'), "{\"format\":\"recert-log\",\"version\":1,\"activities\":[1,2]}"};
    for (const std::string& c : cases) {
        INFO(c.substr(0, 60));
        auto a = read_sliced(c, 7);
        auto b = decode_log(c, "log.json");
        REQUIRE_FALSE(a);
        REQUIRE_FALSE(b);
        CHECK(a.error().to_string() == b.error().to_string());
    }
    // No activities at all, or none listed: read in a step or two.
    for (const char* empty : {"{\"format\":\"recert-log\",\"version\":1,\"activities\":[]}",
                              "{\"format\":\"recert-log\",\"version\":1}"}) {
        auto r = read_sliced(empty, 5);
        REQUIRE(r);
        CHECK(r.value().activities.empty());
    }
}
