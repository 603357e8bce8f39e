// ASM claim-per-session: sessions need a Badge/Group ID and an evaluation, and a printed statement is final.
#include "core/claims.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

namespace {

Activity meeting() {
    Activity a = act("asm-mtg", "2025-06-15", "0", Unit::cme, Format::conference_session);
    a.title = "ASM Microbe 2025";
    a.provider = "ASM";
    a.status = ActivityStatus::claimed;
    return a;
}

} // namespace

TEST_CASE("claiming a session needs the Badge ID or Group ID first") {
    auto r = claim_session(meeting(), {"Keynote", cr("1"), false}, pack("asm"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == "/claim_id");
}

TEST_CASE("claimed and evaluated sessions add up to the activity's credit") {
    Activity a = meeting();
    a.claim_id = "BADGE-1234";
    a = claim_session(a, {"Keynote", cr("1.0"), true}, pack("asm")).value();
    a = claim_session(a, {"Antibiotic resistance", cr("1.5"), false}, pack("asm")).value();
    CHECK(a.sessions.size() == 2);
    CHECK(a.effective_amount() == cr("1")); // the second is not evaluated yet
    auto printed = print_statement(a, d("2025-06-20"), pack("asm"));
    REQUIRE_FALSE(printed.ok());
    CHECK(printed.error().path == "/sessions/1/evaluation_done");
    a = update_session(a, 1, {"Antibiotic resistance", cr("1.5"), true}, pack("asm")).value();
    CHECK(a.effective_amount() == cr("2.5"));
}

TEST_CASE("once the ASM statement is printed it is final and sessions cannot be added or changed") {
    Activity a = meeting();
    a.claim_id = "BADGE-1234";
    a = claim_session(a, {"Keynote", cr("1"), true}, pack("asm")).value();
    auto printed = print_statement(a, d("2025-06-20"), pack("asm"));
    REQUIRE(printed.ok());
    a = printed.value();
    CHECK(a.status == ActivityStatus::posted);
    CHECK(statement_final(a, pack("asm")));
    auto add = claim_session(a, {"Late session", cr("1"), true}, pack("asm"));
    REQUIRE_FALSE(add.ok());
    CHECK(add.error().message == "the statement of credit was printed on 2025-06-20 and is final: sessions "
                                 "cannot be added or changed");
    CHECK_FALSE(update_session(a, 0, {"Keynote", cr("2"), true}, pack("asm")).ok());
    CHECK_FALSE(print_statement(a, d("2025-06-21"), pack("asm")).ok());
}

TEST_CASE("ASM session credit counts toward another body's credential once posted") {
    Activity a = meeting();
    a.claim_id = "G-77";
    a = claim_session(a, {"Session 1", cr("2"), true}, pack("asm")).value();
    Credential pa = cred("pa", "nccpa", "pa_c", "2010-07-01", "2024-01-01", "2025-12-31");
    a.category = "cat1";
    Evaluation claimed = evaluate(shipped_packs(), {pa}, {a}, d("2025-07-01"));
    CHECK(claimed.at(0, 0).reason == Reason::not_yet_posted);
    CHECK(claimed.credentials[0].pending == cr("2"));
    a = print_statement(a, d("2025-06-20"), pack("asm")).value();
    Evaluation posted = evaluate(shipped_packs(), {pa}, {a}, d("2025-07-01"));
    CHECK(posted.at(0, 0).applied == cr("2"));
}
