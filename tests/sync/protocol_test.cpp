// The provider API decoders (garbage is rejected whole, with a location; unknown fields ignored),
// the mapping onto activities, page planning with tombstones and duplicates, and the sync state codec.
#include "../mutations.h"
#include "fake_provider.h"
#include "sync/session.h"
#include "sync/sync_state.h"

#include <catch2/catch.hpp>

using namespace recert;
using namespace recert::sync;

namespace {

const char* good_page = R"({
  "items": [
    {"id": "c-1", "etag": "\"a1\"", "updatedAt": "2025-03-01T10:00:00Z", "status": "awarded",
     "activity": {"courseNumber": "ACSM-101", "title": "Strength Basics", "format": "online",
                  "providerName": "ACSMceOnline", "accreditor": "ACSM", "approvalNumber": "A-7",
                  "futureField": {"x": 1}},
     "completedAt": "2025-02-14T09:30:00.5+01:00",
     "credits": [{"amount": "1.5", "unit": "CEC", "accreditingBody": "ACSM", "category": "general"},
                 {"amount": 0.2, "unit": "CEU", "accreditingBody": "NSCA", "category": "A"}],
     "certificate": {"url": "/completions/c-1/certificate",
                     "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
     "somethingNew": true},
    {"id": "c-2", "updatedAt": "2025-03-02T10:00:00Z", "status": "revoked", "tombstone": true}
  ],
  "nextCursor": "s2", "hasMore": true, "extra": []
})";

} // namespace

TEST_CASE("a well-formed completions page decodes, ignoring fields it does not know") {
    auto page = decode_completions(good_page);
    REQUIRE(page.ok());
    const auto& p = page.value();
    REQUIRE(p.items.size() == 2);
    CHECK(p.next_cursor == "s2");
    CHECK(p.has_more);
    const Completion& c = p.items[0];
    CHECK(c.title == "Strength Basics");
    CHECK(c.format == core::Format::online);
    CHECK(c.completed_at.to_string() == "2025-02-14");
    REQUIRE(c.credits.size() == 2);
    CHECK(c.credits[1].amount == *core::Credits::parse("0.2"));
    CHECK(c.credits[1].unit == core::Unit::ceu);
    REQUIRE(c.certificate);
    CHECK(p.items[1].tombstone);
    CHECK(p.items[1].status == CompletionStatus::revoked);
}

TEST_CASE("bad completions payloads are rejected whole with a JSON pointer to the problem") {
    struct Case {
        std::string body, path;
    };
    const std::vector<Case> cases = {
        {"", ""},
        {"{\"items\":[", ""},
        {"[]", ""},
        {"{}", "/items"},
        {R"({"items": {}})", "/items"},
        {R"({"items": [null]})", "/items/0"},
        {R"({"items": [{"id": "", "status": "awarded"}]})", "/items/0/id"},
        {R"({"items": [{"id": "x", "status": "lost"}]})", "/items/0/status"},
        {R"({"items": [{"id": "x", "status": "awarded", "etag": "1", "updatedAt": "yesterday"}]})", "/items/0/updatedAt"},
        {R"({"items": [{"id": "x", "status": "awarded", "tombstone": true, "updatedAt": "2025-01-01T00:00:00Z"}]})", "/items/0/status"},
        {R"({"items": [{"id": "x", "status": "awarded", "etag": "1", "updatedAt": "2025-01-01T00:00:00Z"}]})", "/items/0/activity"},
        {R"({"items": [{"id": "x", "status": "awarded", "etag": "1", "updatedAt": "2025-01-01T00:00:00Z", "activity": {"title": ""}}]})", "/items/0/activity/title"},
        {R"({"items": [{"id": "x", "status": "awarded", "etag": "1", "updatedAt": "2025-01-01T00:00:00Z", "activity": {"title": "t"}, "completedAt": "2025-02-30"}]})", "/items/0/completedAt"},
        {R"({"items": [{"id": "x", "status": "awarded", "etag": "1", "updatedAt": "2025-01-01T00:00:00Z", "activity": {"title": "t"}, "completedAt": "2025-02-03", "credits": []}]})", "/items/0/credits"},
        {R"({"items": [{"id": "x", "status": "awarded", "etag": "1", "updatedAt": "2025-01-01T00:00:00Z", "activity": {"title": "t"}, "completedAt": "2025-02-03", "credits": [{"amount": "1.234", "unit": "CEC"}]}]})", "/items/0/credits/0/amount"},
        {R"({"items": [{"id": "x", "status": "awarded", "etag": "1", "updatedAt": "2025-01-01T00:00:00Z", "activity": {"title": "t"}, "completedAt": "2025-02-03", "credits": [{"amount": -1, "unit": "CEC"}]}]})", "/items/0/credits/0/amount"},
        {R"({"items": [{"id": "x", "status": "awarded", "etag": "1", "updatedAt": "2025-01-01T00:00:00Z", "activity": {"title": "t"}, "completedAt": "2025-02-03", "credits": [{"amount": 1, "unit": "parsecs"}]}]})", "/items/0/credits/0/unit"},
        {R"({"items": [{"id": "x", "status": "awarded", "etag": "1", "updatedAt": "2025-01-01T00:00:00Z", "activity": {"title": "t"}, "completedAt": "2025-02-03", "credits": [{"amount": 1, "unit": "CEC"}], "certificate": {"url": "/c", "sha256": "ABC"}}]})", "/items/0/certificate/sha256"},
        {R"({"items": [], "hasMore": true})", "/nextCursor"},
        {R"({"items": [], "hasMore": "yes"})", "/hasMore"},
        {R"({"items": [], "nextCursor": 5})", "/nextCursor"},
    };
    for (const Case& c : cases) {
        INFO(c.body);
        auto r = decode_completions(c.body);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().path == c.path);
        CHECK_FALSE(r.error().message.empty());
        CHECK(r.error().file == "GET /completions");
    }
}

TEST_CASE("every truncation of a good page is rejected, never half-decoded") {
    const std::string body = good_page;
    for (std::size_t n = 0; n + 1 < body.size(); n += 7) {
        auto r = decode_completions(body.substr(0, n));
        CHECK_FALSE(r.ok());
    }
}

TEST_CASE("me, token and receipt decoders check what they use") {
    CHECK(decode_me(R"({"id":"p-1","name":"Sam","credentials":[{"body":"ACSM"}]})").ok());
    CHECK_FALSE(decode_me(R"({"name":"Sam"})").ok());
    CHECK(decode_me(R"({"id":"p","credentials":[{"name":"x"}]})").error().path == "/credentials/0/body");
    CHECK(decode_token(R"({"access_token":"t","token_type":"bearer","expires_in":60})").ok());
    CHECK(decode_token(R"({"access_token":"t","token_type":"mac"})").error().path == "/token_type");
    CHECK(decode_token(R"({"token_type":"Bearer"})").error().path == "/access_token");
    CHECK(decode_self_report_receipt(R"({"id":"sr-1","status":"claimed"})").ok());
    CHECK_FALSE(decode_self_report_receipt(R"({"status":"claimed"})").ok());
    Problem p = decode_problem(R"({"type":"x","title":"Bad","detail":"No","status":"oops"})", 422);
    CHECK(p.detail == "No");
    CHECK(p.status == 422);
    CHECK(decode_problem("<html>", 502).status == 502);
}

TEST_CASE("a completion maps onto a synced activity with a provider link") {
    auto page = decode_completions(good_page);
    REQUIRE(page.ok());
    core::Activity a = to_activity(page.value().items[0], "https://p.example/api");
    CHECK(a.id == synced_activity_id("https://p.example/api", "c-1"));
    CHECK(a.id != synced_activity_id("https://other.example/api", "c-1"));
    CHECK(a.source == core::ActivitySource::synced);
    CHECK(a.status == core::ActivityStatus::posted);
    CHECK(a.amount == *core::Credits::parse("1.5"));
    CHECK(a.unit == core::Unit::cec);
    CHECK(a.course_number == "ACSM-101");
    CHECK(a.provider_approval == "A-7");
    REQUIRE(a.category_for.size() == 2);
    CHECK(a.category_for[1].body == "nsca");
    REQUIRE(a.provider_link);
    CHECK(a.provider_link->external_id == "c-1");
    CHECK(a.provider_link->status == "awarded");
    CHECK(to_activity_status(CompletionStatus::pending_evaluation) == core::ActivityStatus::pending);
    CHECK(to_activity_status(CompletionStatus::finalized) == core::ActivityStatus::verified);
    CHECK(to_activity_status(CompletionStatus::claimed) == core::ActivityStatus::claimed);

    a.notes = "my note";
    a.rev = 3;
    core::Activity revoked = updated_activity(a, page.value().items[1]);
    CHECK(revoked.status == core::ActivityStatus::rejected);
    CHECK(revoked.provider_link->revoked());
    CHECK(revoked.notes == "my note");
    CHECK(revoked.title == "Strength Basics");
}

TEST_CASE("planning a page: new, unchanged, updated, revoked, delivered twice, looks like a duplicate, skipped") {
    const std::string P = "https://p.example/api";
    core::Log local;
    ProviderState st;
    st.provider = P;
    core::Activity mine;
    mine.id = "mine-1";
    mine.title = "Course 5";
    mine.provider = "ACSMceOnline";
    mine.course_number = "ACSM-1005";
    mine.earned = test::completion(5).completed_at;
    local.activities.push_back(mine);

    std::vector<Completion> items = {test::completion(1), test::completion(2), test::completion(5), test::completion(1)};
    for (auto& c : items)
        c.etag = "e1", c.updated_at = "2025-03-01T10:00:00Z";
    PagePlan plan = plan_page(local, items, st);
    CHECK(plan.added == 2);
    CHECK(plan.puts.size() == 2); // c-1 delivered twice: one record
    CHECK(plan.held == 1);
    REQUIRE(st.held.size() == 1);
    CHECK(st.held[0].local_id == "mine-1");
    for (auto& [a, rev] : plan.puts) {
        CHECK(rev == 0);
        a.rev = 1;
        local.activities.push_back(a);
    }
    // Same etags again: nothing to write; the held one stays held (not duplicated).
    plan = plan_page(local, items, st);
    CHECK(plan.puts.empty());
    CHECK(st.held.size() == 1);
    // An update and a tombstone.
    items = {test::completion(1), test::completion(2)};
    items[0].etag = "e2";
    items[0].updated_at = "2025-03-02T10:00:00Z";
    items[0].title = "Course 1 (revised)";
    items[1] = Completion{};
    items[1].id = "c-2";
    items[1].status = CompletionStatus::revoked;
    items[1].tombstone = true;
    items[1].updated_at = "2025-03-02T10:00:00Z";
    plan = plan_page(local, items, st);
    REQUIRE(plan.puts.size() == 2);
    CHECK(plan.updated == 1);
    CHECK(plan.revoked == 1);
    CHECK(plan.puts[0].second == 1); // expected revision = the stored one
    CHECK(plan.puts[0].first.title == "Course 1 (revised)");
    CHECK(plan.puts[1].first.status == core::ActivityStatus::rejected);
    // Skipped items never come back; a tombstone for an unknown item is ignored.
    st.skipped.push_back("c-9");
    items = {test::completion(9)};
    items.push_back(items[0]);
    items[1].id = "c-77";
    items[1].tombstone = true;
    items[1].status = CompletionStatus::revoked;
    plan = plan_page(local, items, st);
    CHECK(plan.puts.empty());
    CHECK(plan.ignored == 2);
}

TEST_CASE("the sync state and outbox rows round-trip, and damaged rows are refused with a location") {
    ProviderState s;
    s.provider = "https://p.example/api";
    s.cursor = "s42";
    s.last_synced = "2025-03-01T10:00:00Z";
    s.held.push_back({test::completion(3), "mine", "My course"});
    s.held[0].completion.etag = "e";
    s.held[0].completion.updated_at = "2025-03-01T10:00:00Z";
    s.skipped = {"c-9"};
    s.pushed = {{"a-1", "sr-1"}};
    auto back = decode_provider_state(encode_provider_state(s));
    REQUIRE(back.ok());
    CHECK(back.value().cursor == "s42");
    CHECK(back.value().held.size() == 1);
    CHECK(back.value().held[0].completion.title == s.held[0].completion.title);
    CHECK(back.value().pushed == s.pushed);
    CHECK(encode_provider_state(back.value()) == encode_provider_state(s));
    CHECK(decode_provider_state(R"({"format":"recert-sync-state","version":1,"provider":"p","held":[{"completion":{}}]})")
              .error().path == "/held/0/completion");
    CHECK_FALSE(decode_provider_state("{").ok());
    OutboxEntry e{"k-1", "a-1", "T", "{}", ""};
    CHECK(decode_outbox_entry(encode_outbox_entry(e)).value() == e);
    CHECK(decode_outbox_entry(R"({"key":"","activity_id":"a","body":"{}"})").error().path == "/key");
    // The state never holds a token: its encoding has no field for one.
    CHECK(encode_provider_state(s).find("token") == std::string::npos);
}

TEST_CASE("queueing self-reports: only self-reported, recorded activities, each once") {
    ProviderState s;
    s.provider = "p";
    std::vector<core::Activity> acts(4);
    for (int i = 0; i < 4; ++i) {
        acts[i].id = "a-" + std::to_string(i);
        acts[i].title = "T";
    }
    acts[1].source = core::ActivitySource::synced;
    acts[2].status = core::ActivityStatus::planned;
    int k = 0;
    auto key = [&] { return "key-" + std::to_string(++k); };
    CHECK(queue_self_reports(s, acts, key) == 2);
    CHECK(queue_self_reports(s, acts, key) == 0);
    s.pushed.emplace_back(s.outbox[0].activity_id, "sr-1");
    s.outbox.erase(s.outbox.begin());
    CHECK(queue_self_reports(s, acts, key) == 0);
    CHECK(s.outbox.size() == 1);
    CHECK(s.outbox[0].key == "key-2");
}

namespace {
// The two ways of decoding a page agree on `body`: the fast path refuses whatever the DOM decoder
// refuses, and where both accept, the pages are the same. Returns whether the fast path accepted.
bool paths_agree(const std::string& body) {
    auto fast = detail::decode_completions_fast(body);
    auto dom = detail::decode_completions_dom(body);
    if (fast) {
        REQUIRE(dom.ok());
        REQUIRE(fast->items.size() == dom.value().items.size());
        for (std::size_t i = 0; i < fast->items.size(); ++i)
            REQUIRE(encode_completion(fast->items[i]) == encode_completion(dom.value().items[i]));
        REQUIRE(fast->next_cursor == dom.value().next_cursor);
        REQUIRE(fast->has_more == dom.value().has_more);
    }
    return fast.has_value();
}

// A page as the reference provider writes it: `n` completions, every field the contract has.
std::string provider_page(int n) {
    std::string body = R"({"items":[)";
    for (int i = 1; i <= n; ++i) {
        Completion c = test::completion(i, i % 3 ? "C-7" : nullptr);
        c.etag = "\"" + std::to_string(i) + "\"";
        c.updated_at = "2025-03-01T10:00:00.25+02:00";
        c.provider_name = "Pro \"Ed\" \xE2\x80\x94 caf\xC3\xA9";
        if (i % 4 == 0)
            c.certificate = CertificateRef{"/completions/c/certificate", std::string(64, 'a')};
        body += (i > 1 ? "," : "") + encode_completion(c);
    }
    return body + R"(],"nextCursor":"s9","hasMore":true})";
}
} // namespace

TEST_CASE("the fast decoding path takes well-formed pages and agrees with the DOM path") {
    CHECK_FALSE(paths_agree(good_page)); // "amount": 0.2, a fraction in a JSON number: left to the DOM path
    std::string strings = good_page;
    strings.replace(strings.find("0.2"), 3, "\"0.2\"");
    CHECK(paths_agree(strings));
    CHECK(paths_agree(provider_page(50)));
    CHECK(paths_agree(R"({"items":[]})"));
    // Null is "absent" on both paths; unknown fields of any shape are skipped; amounts as integers.
    CHECK(paths_agree(R"({"items":[{"id":"x","etag":"1","updatedAt":"2025-01-01T00:00:00Z","status":"awarded",
        "tombstone":null,"activity":{"title":"T","courseNumber":null,"format":"webinar?","x":[{"y":null}]},
        "completedAt":"2025-01-02","credits":[{"amount":2,"unit":"contact hours","category":null}],
        "certificate":null,"more":{"a":[1,-2.5e3,true,false,null,"\u00e9\ud83c\udf93"]}}],
        "nextCursor":null,"hasMore":null,"extra":1})"));
    // A tombstone keeps only what a revocation means, whatever else it carries.
    auto t = detail::decode_completions_fast(
        R"({"items":[{"id":"x","updatedAt":"2025-01-01T00:00:00Z","status":"revoked","tombstone":true,
            "activity":{"title":"T"},"completedAt":"2025-01-02","credits":[{"amount":"1","unit":"CEC"}]}]})");
    REQUIRE(t);
    CHECK(t->items.at(0).title.empty());
    CHECK(t->items.at(0).credits.empty());
}

TEST_CASE("the fast decoding path gives way on pages the DOM decoder refuses or it does not handle") {
    const std::string item = R"({"id":"x","etag":"1","updatedAt":"2025-01-01T00:00:00Z","status":"awarded",)"
                             R"("activity":{"title":"T"},"completedAt":"2025-01-02","credits":[{"amount":"1","unit":"CEC"}]})";
    const std::vector<std::string> bodies = {
        "\xEF\xBB\xBF{\"items\":[]}",                          // BOM (the DOM decoder skips it)
        R"({"items":[],"items":[]})",                          // repeated key
        R"({"items":[)" + item + R"(],"hasMore":true})",       // more without a cursor
        R"({"items":[{"id":"x","id":"y"}]})",
        R"({"items":[{"id":"x","etag":"1","updatedAt":"2025-01-01T00:00:00Z","status":"awarded","activity":{"title":"T"},"completedAt":"2025-01-02","credits":[{"amount":1.5,"unit":"CEC"}]}]})",
        R"({"items":[{"id":"x","etag":"1","updatedAt":"2025-01-01T00:00:00Z","status":"awarded","activity":{"title":"T"},"completedAt":"2025-01-02","credits":[{"amount":"1","unit":"CEC"}],"certificate":{"url":"/c","sha256":"ABC"}}]})",
        R"({"items":[{"id":"x","etag":"1","updatedAt":"2025-01-01T00:00:00Z","status":"awarded","activity":{"title":"\ud800"},"completedAt":"2025-01-02","credits":[{"amount":"1","unit":"CEC"}]}]})",
        R"({"items":[{"id":"x","updatedAt":"2025-01-01T00:00:00Z","status":"revoked","tombstone":true,"activity":7}]})", // valid: left to the DOM
        R"({"items":[]} x)",
    };
    for (const std::string& b : bodies) {
        INFO(b);
        CHECK_FALSE(detail::decode_completions_fast(b).has_value());
        paths_agree(b);
    }

    // Thousands of damaged variants of a real page (bytes changed, dropped, doubled): whatever the
    // DOM decoder refuses, the fast path refuses too; where both accept, they agree.
    const std::string base = provider_page(6);
    const int accepted = test::for_each_mutation(base, 6000, 4242u, paths_agree);
    CHECK(accepted > 0); // some edits (inside strings, whitespace) leave a valid page
}

TEST_CASE("certificate URLs are fetched only from the API's own origin") {
    const std::string base = "https://ce.example.org/api";
    CHECK(url_origin(base) == "https://ce.example.org");
    CHECK(url_origin("HTTPS://CE.Example.org:443/x") == "https://ce.example.org");
    CHECK(url_origin("http://localhost:8080") == "http://localhost:8080");
    CHECK(url_origin("https://[::1]:443/") == "https://[::1]");
    CHECK(url_origin("https://u@ce.example.org/") == "");
    CHECK(url_origin("ftp://ce.example.org/") == "");
    CHECK(url_origin("data:application/pdf,x") == "");
    auto fetch = [&](const std::string& url) { return certificate_fetch_url(base, CertificateRef{url, ""}); };
    CHECK(fetch("/completions/c-1/certificate") == base + "/completions/c-1/certificate");
    CHECK(fetch("completions/c-1/certificate") == base + "/completions/c-1/certificate");
    CHECK(fetch("https://ce.example.org/files/c-1.pdf") == "https://ce.example.org/files/c-1.pdf");
    CHECK(fetch("https://ce.example.org:443/files/c-1.pdf").has_value());
    for (const char* hostile :
         {"https://evil.example/c.pdf", "//evil.example/c.pdf", "https://ce.example.org.evil.example/c",
          "https://ce.example.org@evil.example/c", "http://ce.example.org/c", "https://ce.example.org:8443/c",
          "javascript:alert(1)", "https:\\\\evil.example\\c", "/c\n.pdf", ""}) {
        INFO(hostile);
        std::string why;
        CHECK_FALSE(certificate_fetch_url(base, CertificateRef{hostile, ""}, &why).has_value());
        CHECK_FALSE(why.empty());
    }
}

TEST_CASE("provider responses nested deeper than 64 levels are refused before parsing") {
    for (std::size_t depth : {std::size_t(7000), std::size_t(100000)}) {
        INFO(depth);
        const std::string deep = std::string(depth, '[') + std::string(depth, ']');
        const std::string page = R"({"items":[],"x":)" + deep + "}";
        CHECK_FALSE(detail::decode_completions_fast(page).has_value());
        auto r = decode_completions(page);
        REQUIRE_FALSE(r);
        CHECK(r.error().path.rfind("/x/0/0", 0) == 0);
        CHECK(r.error().message.find("nested deeper than 64 levels") == 0);
        CHECK_FALSE(decode_me(deep));
        CHECK_FALSE(decode_token(deep));
        CHECK_FALSE(decode_provider_state(deep));
        CHECK(decode_problem(R"({"detail":"x","y":)" + deep + "}", 500).detail.empty());
    }
}

TEST_CASE("out-of-range credits and dates decode, and quarantine_reason names them") {
    const std::string base = "https://provider.test/api";
    const std::string page =
        R"({"items":[{"id":"x","etag":"1","updatedAt":"2025-01-01T00:00:00Z","status":"awarded",)"
        R"("activity":{"title":"T"},"completedAt":"0001-01-01","credits":[{"amount":99999999999,"unit":"CEC"}]}]})";
    auto r = decode_completions(page);
    REQUIRE(r);
    const Completion& c = r.value().items.at(0);
    CHECK(quarantine_reason(c, base) ==
          "its credits: 99999999999 CEC is more than the 1000 a single activity can carry");
    Completion fixed = c;
    fixed.credits[0].amount = core::Credits::whole(3);
    CHECK(quarantine_reason(fixed, base).find("its completion date: 0001-01-01 is outside") == 0);
    fixed.completed_at = *core::Date::from_ymd(2025, 1, 2);
    CHECK(quarantine_reason(fixed, base).empty());
    fixed.title = std::string(301, 't');
    CHECK(quarantine_reason(fixed, base) ==
          "its title: longer than 300 characters (the most a title can have)");
    fixed.title = "T";
    fixed.accreditor = std::string(201, 'b');
    CHECK(quarantine_reason(fixed, base) ==
          "its accrediting body: longer than 200 characters (the most a name can have)");
}

TEST_CASE("a provider's course carries its accrediting bodies; a kind the person assigned stays assigned on the next page") {
    const std::string P = "https://p.example/api";
    core::Log local;
    ProviderState st;
    st.provider = P;
    auto naa = [](int n) {
        Completion c = test::completion(n, ("NAA-" + std::to_string(1000 + n)).c_str());
        c.provider_name = "NAA Education Institute";
        c.accreditor = "NAAEI";
        c.credits[0].accrediting_body = "NAAEI";
        c.credits[0].category = "in_network";
        c.etag = "e1";
        return c;
    };
    std::vector<Completion> items = {naa(1), test::completion(2)};
    PagePlan plan = plan_page(local, items, st);
    REQUIRE(plan.puts.size() == 2);
    const core::Activity& first = plan.puts[0].first;
    REQUIRE(first.provider_link);
    CHECK(first.provider_link->accredited_by == std::vector<std::string>{"NAAEI"}); // accreditor and award: once
    CHECK(first.provider_link->assigned_to.empty());
    CHECK(plan.puts[1].first.provider_link->accredited_by == std::vector<std::string>{"ACSM"});

    // The person counts NAAEI courses of this provider toward their ACSM EP (what the app's
    // "Count courses like this toward …" writes on every course of the kind).
    for (auto& [a, rev] : plan.puts) {
        if (a.provider_link->accredited_by.front() == "NAAEI")
            a.provider_link->assigned_to = {"cred-ep"};
        a.rev = 1;
        local.activities.push_back(a);
    }
    // The next page: a new NAAEI course takes the assignment; an ACSM one does not; an update keeps it.
    items = {naa(3), test::completion(4), naa(1)};
    items[2].etag = "e2";
    items[2].title = "Fair Housing, revised";
    plan = plan_page(local, items, st);
    REQUIRE(plan.puts.size() == 3);
    CHECK(plan.puts[0].first.provider_link->assigned_to == std::vector<std::string>{"cred-ep"});
    CHECK(plan.puts[1].first.provider_link->assigned_to.empty());
    CHECK(plan.puts[2].first.title == "Fair Housing, revised");
    CHECK(plan.puts[2].first.provider_link->assigned_to == std::vector<std::string>{"cred-ep"});
}
