// Finalize statement (ASM style): lock, recorded unlock, edits refused inside a locked period.
#include "core/log_codec.h"
#include "core/statement.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

namespace {
const DateRange cycle{Date::from_ymd(2024, 1, 1).value(), Date::from_ymd(2026, 12, 31).value()};
}

TEST_CASE("after finalizing, activities earned in the period cannot be added, changed or deleted") {
    Credential c = cred("c1", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    auto fin = finalize_statement(c, cycle, d("2025-03-01"));
    REQUIRE(fin);
    const std::vector<Credential> creds{fin.value()};
    const Activity inside = act("a", "2024-05-01", "2");
    const Activity outside = act("b", "2023-05-01", "2");
    CHECK(statement_lock_problem(creds, nullptr, &inside) ==
          "The statement for ACSM CPT (2024-01-01 to 2026-12-31) was finalized on 2025-03-01; unlock it before changing "
          "activities earned in that period");
    CHECK_FALSE(statement_lock_problem(creds, &inside, nullptr).empty()); // delete
    CHECK(statement_lock_problem(creds, nullptr, &outside).empty());
    Activity moved = outside;
    moved.earned = d("2024-06-01"); // moving an entry into the locked period is a change to it
    CHECK_FALSE(statement_lock_problem(creds, &outside, &moved).empty());
    Activity with_proof = inside; // attaching a certificate stays possible
    with_proof.evidence.push_back({std::string(64, 'a'), "c.pdf", "application/pdf"});
    with_proof.notes = "audit copy";
    CHECK(statement_lock_problem(creds, &inside, &with_proof).empty());
    Activity excluded = inside;
    excluded.excluded_from = {"c1"};
    CHECK(statement_lock_problem(creds, nullptr, &excluded).empty());
    CHECK_FALSE(finalize_statement(fin.value(), cycle, d("2025-03-02")));
}

TEST_CASE("an unlock needs a reason and is recorded; the lock then no longer applies") {
    Credential c = cred("c1", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    Credential locked = finalize_statement(c, cycle, d("2025-03-01")).value();
    CHECK_FALSE(unlock_statement(locked, cycle, d("2025-03-05"), "Sam", "  "));
    CHECK_FALSE(unlock_statement(c, cycle, d("2025-03-05"), "Sam", "typo"));
    auto open = unlock_statement(locked, cycle, d("2025-03-05"), "Sam", "Late certificate from ACSM");
    REQUIRE(open);
    REQUIRE(open.value().statements.size() == 1);
    REQUIRE(open.value().statements[0].unlock);
    CHECK(open.value().statements[0].unlock->reason == "Late certificate from ACSM");
    const Activity inside = act("a", "2024-05-01", "2");
    CHECK(statement_lock_problem({open.value()}, nullptr, &inside).empty());
    CHECK_FALSE(is_finalized(open.value(), cycle));
}

TEST_CASE("finalized statements round-trip through the log and are optional") {
    Log log;
    Credential c = cred("c1", "acsm", "cpt", "2021-01-01", "2024-01-01", "2026-12-31");
    c = finalize_statement(c, cycle, d("2025-03-01")).value();
    c = unlock_statement(c, cycle, d("2025-03-05"), "Sam", "fix").value();
    c = finalize_statement(c, cycle, d("2025-03-06")).value();
    log.credentials.push_back(c);
    log.credentials.push_back(cred("c2", "acsm", "ep", "2021-01-01", "2024-01-01", "2026-12-31"));
    const std::string text = encode_log(log);
    auto back = decode_log(text);
    REQUIRE(back);
    CHECK(back.value() == log);
    CHECK(encode_log(back.value()) == text);
    // Written only when present: a credential without statements has no "statements" key.
    CHECK(text.find("\"statements\"") == text.rfind("\"statements\""));
    auto bad = decode_log(R"({"format":"recert-log","version":1,"credentials":[{"id":"c","body":"acsm","program":"cpt",
      "certified_on":"2021-01-01","cycle":{"start":"2024-01-01","end":"2026-12-31"},
      "statements":[{"period":{"start":"2024-01-01","end":"2026-12-31"},"finalized_on":"2025-01-01","unlock":{"on":"2025-02-01","reason":""}}]}]})");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().path == "/credentials/0/statements/0/unlock/reason");
}

TEST_CASE("a refusal names the credential by its program, as the person knows it (issue #18 item 7)") {
    Credential asm_ce = cred("asm-1", "asm", "transcript", "2020-01-01", "2026-01-01", "2026-12-31");
    const DateRange year{d("2026-01-01"), d("2026-12-31")};
    const std::vector<Credential> creds{finalize_statement(asm_ce, year, d("2026-11-30")).value()};
    const Activity inside = act("a", "2026-02-01", "1");
    CHECK(statement_lock_problem(creds, nullptr, &inside, &shipped_packs()) ==
          "The statement for ASM CE (2026-01-01 to 2026-12-31) was finalized on 2026-11-30; unlock it before changing "
          "activities earned in that period");
    // Without packs (a caller that has none) the body and program ids stand in, in capitals.
    CHECK(statement_lock_problem(creds, nullptr, &inside).find("ASM TRANSCRIPT") != std::string::npos);
}
