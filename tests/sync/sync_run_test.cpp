// Whole sync runs through SyncController: the record store and the sync store in memory, the
// provider faked in-process (fake_provider.h) with every fault mode. Time is simulated: each tick
// advances a fake clock, so backoff and Retry-After are checked without waiting.
#include "fake_provider.h"

#include "app/dispatch.h"
#include "app/sync_controller.h"
#include "core/duplicates.h"
#include "core/sha256.h"
#include "core/statement.h"
#include "storage/store_memory.h"

#include <catch2/catch.hpp>

#include <set>

using namespace recert;

namespace {

const std::string P = "https://provider.test/api";

struct Rig {
    test::FakeProvider provider;
    storage::MemoryStore store;
    sync::MemorySyncStore sync_store;
    ui::AppState state;
    std::string remembered, navigated;
    double now = 1'700'000'000'000.0;
    int random_counter = 0;
    core::PackSet packs; // sync writes activities only: no credential to check against a pack
    app::SyncController ctl;

    explicit Rig(core::Log initial = {}, std::string config = {})
        : store(std::move(initial)), ctl(store, packs, sync_store, provider, platform(!config.empty())) {
        provider.deployment_config = std::move(config);
        // What Controller::tick keeps there in the app: the day the record writer checks against.
        state.data.loaded = true;
        state.data.today = *core::Date::from_ymd(2026, 6, 1);
        store.open();
        tick(3);
    }
    app::SyncPlatform platform(bool with_config = false) {
        app::SyncPlatform p;
        if (with_config)
            p.config_url = "https://app.test/recert.config.json";
        p.random01 = [] { return 0.5; };
        p.random_bytes = [this](std::size_t n) {
            std::vector<std::uint8_t> b(n);
            for (auto& x : b)
                x = static_cast<std::uint8_t>(++random_counter);
            return b;
        };
        p.navigate = [this](const std::string& url) { navigated = url; };
        p.remember_sign_in = [this](const std::string& json) { remembered = json; };
        p.redirect_uri = "https://app.test/";
        return p;
    }
    void tick(int n = 1) {
        for (int i = 0; i < n; ++i) {
            provider.now = now;
            store.poll();
            app::dispatch(state, {nullptr, nullptr, &ctl}, {state.data.today, 0.0, 0.0, now});
            now += 50.0;
        }
    }
    void intent(ui::SyncAction a, std::string arg = {}) {
        state.intents.push_back(ui::SyncIntent{a, std::move(arg)});
        tick(3);
    }
    static std::string param(const std::string& url, const std::string& k) {
        auto at = url.find(k + "=");
        auto end = url.find('&', at);
        return url.substr(at + k.size() + 1, end == std::string::npos ? std::string::npos : end - at - k.size() - 1);
    }
    void sign_in() {
        state.sync.base_url = P;
        state.sync.client_id = "recert-web";
        intent(ui::SyncAction::save_provider);
        intent(ui::SyncAction::sign_in);
        REQUIRE(navigated.rfind(P + "/oauth/authorize?", 0) == 0);
        provider.codes["code-1"] = param(navigated, "code_challenge");
        ctl.complete_sign_in("code-1", param(navigated, "state"), remembered);
        tick(10);
        INFO(state.sync.error << " | " << state.sync.result);
        REQUIRE(ctl.signed_in());
        REQUIRE(state.sync.account == "Sam Trainer");
    }
    // Runs "Sync now" to the end; true when it succeeded.
    bool sync() {
        state.sync.error.clear();
        intent(ui::SyncAction::sync_now);
        for (int i = 0; i < 200000 && state.sync.running; ++i)
            tick();
        REQUIRE_FALSE(state.sync.running);
        return state.sync.error.empty();
    }
    const core::Log& log() const { return store.committed(); }
    std::string cursor_row() const {
        auto it = sync_store.cursor_rows.find(P);
        return it == sync_store.cursor_rows.end() ? "" : it->second;
    }
    int synced() const {
        int n = 0;
        for (const auto& a : log().activities)
            n += a.source == core::ActivitySource::synced;
        return n;
    }
    void no_duplicates() const {
        std::set<std::string> ids, links;
        for (const auto& a : log().activities) {
            CHECK(ids.insert(a.id).second);
            if (a.provider_link)
                CHECK(links.insert(a.provider_link->external_id).second);
        }
    }
};

core::Log self_reports(int n) {
    core::Log log;
    for (int i = 0; i < n; ++i) {
        core::Activity a;
        a.id = "mine-" + std::to_string(i);
        a.title = "Self-reported " + std::to_string(i);
        a.earned = *core::Date::from_ymd(2024, 5, 1 + i);
        a.amount = core::Credits::whole(2);
        log.activities.push_back(a);
    }
    return log;
}

// The person's own record "mine" of `title` by `provider`, earned the day completion c-1 was.
core::Log own_record(std::string title, std::string provider) {
    core::Log local;
    core::Activity mine;
    mine.id = "mine";
    mine.title = std::move(title);
    mine.provider = std::move(provider);
    mine.earned = test::completion(1).completed_at;
    local.activities.push_back(mine);
    return local;
}

// The person's own record of the course the provider's completion c-1 also reports (same course
// number and date): c-1 is held for a decision.
core::Log own_course_like_c1() {
    core::Log local;
    core::Activity mine;
    mine.id = "mine";
    mine.title = "My strength course";
    mine.course_number = "ACSM-1001";
    mine.earned = test::completion(1).completed_at;
    mine.amount = core::Credits::whole(1);
    local.activities.push_back(mine);
    return local;
}

} // namespace

TEST_CASE("a first sync brings every completion once; an incremental sync only what changed") {
    Rig r;
    for (int i = 1; i <= 250; ++i)
        r.provider.add(test::completion(i));
    r.sign_in();
    REQUIRE(r.sync());
    CHECK(r.synced() == 250);
    CHECK(r.provider.requests("GET /completions?") == 2); // 200 + 50
    CHECK(r.cursor_row().find("\"cursor\":\"s250\"") != std::string::npos);
    CHECK_FALSE(r.state.sync.last_synced.empty());
    r.no_duplicates();

    auto changed = test::completion(7);
    changed.title = "Course 7, second edition";
    r.provider.add(changed);
    for (int i = 251; i <= 253; ++i)
        r.provider.add(test::completion(i));
    const int before = r.provider.requests("GET /completions?");
    REQUIRE(r.sync());
    CHECK(r.provider.requests("GET /completions?") == before + 1);
    CHECK(r.provider.log.back().first.find("cursor=s250") != std::string::npos);
    CHECK(r.synced() == 253);
    const auto id = sync::synced_activity_id(P, "c-7");
    auto it = std::find_if(r.log().activities.begin(), r.log().activities.end(), [&](auto& a) { return a.id == id; });
    REQUIRE(it != r.log().activities.end());
    CHECK(it->title == "Course 7, second edition");
    CHECK(it->rev == 2);
    r.no_duplicates();
}

TEST_CASE("500s, timeouts, no network and 429 are retried with backoff, honouring Retry-After") {
    Rig r;
    for (int i = 1; i <= 5; ++i)
        r.provider.add(test::completion(i));
    r.sign_in();
    r.provider.faults = {test::Fault::error500, test::Fault::timeout, test::Fault::too_many};
    REQUIRE(r.sync());
    CHECK(r.synced() == 5);
    // Four attempts; the one after the 429 waited at least the 2 s it asked for.
    std::vector<double> times;
    for (const auto& [line, t] : r.provider.log)
        if (line.rfind("GET /completions?", 0) == 0)
            times.push_back(t);
    REQUIRE(times.size() == 4);
    CHECK(times[3] - times[2] >= 2000.0);
    CHECK(times[1] - times[0] < 2000.0); // jittered: at most base 500 ms (+ one tick)
}

TEST_CASE("a provider that keeps failing ends the run in plain words and changes nothing") {
    Rig r;
    r.provider.add(test::completion(1));
    r.sign_in();
    REQUIRE(r.sync());
    const core::Log before = r.log();
    const std::string cursor = r.cursor_row();
    r.provider.add(test::completion(2));
    r.provider.faults.assign(5, test::Fault::error500);
    CHECK_FALSE(r.sync());
    CHECK(r.state.sync.error.find("HTTP 500") != std::string::npos);
    CHECK(r.state.sync.error.find("5 tries") != std::string::npos);
    CHECK(r.log() == before);
    CHECK(r.cursor_row() == cursor);
    r.provider.faults = {test::Fault::too_many_long};
    CHECK_FALSE(r.sync());
    CHECK(r.state.sync.error.find("wait about 60 minutes") != std::string::npos);
    CHECK(r.log() == before);
    REQUIRE(r.sync()); // and the next run catches up
    CHECK(r.synced() == 2);
}

TEST_CASE("malformed and truncated pages are rejected whole, not retried, and change nothing stored") {
    Rig r;
    for (int i = 1; i <= 3; ++i)
        r.provider.add(test::completion(i));
    r.sign_in();
    REQUIRE(r.sync());
    for (int i = 4; i <= 6; ++i)
        r.provider.add(test::completion(i));
    const core::Log before = r.log();
    const std::string cursor = r.cursor_row();
    for (auto fault : {test::Fault::malformed, test::Fault::truncated}) {
        const int requests = r.provider.requests("GET /completions?");
        r.provider.faults = {fault};
        CHECK_FALSE(r.sync());
        CHECK(r.state.sync.error.find("could not read") != std::string::npos);
        if (fault == test::Fault::malformed)
            CHECK(r.state.sync.error.find("/items/0/credits/0/unit") != std::string::npos);
        CHECK(r.provider.requests("GET /completions?") == requests + 1);
        CHECK(r.log() == before);
        CHECK(r.cursor_row() == cursor);
    }
    REQUIRE(r.sync());
    CHECK(r.synced() == 6);
}

TEST_CASE("duplicate delivery, revocation after sync and an expired cursor never duplicate or delete") {
    Rig r;
    for (int i = 1; i <= 10; ++i)
        r.provider.add(test::completion(i));
    r.sign_in();
    r.provider.faults = {test::Fault::duplicate};
    REQUIRE(r.sync());
    CHECK(r.synced() == 10);
    r.no_duplicates();

    r.provider.revoke("c-3");
    REQUIRE(r.sync());
    CHECK(r.synced() == 10); // still there
    const auto id = sync::synced_activity_id(P, "c-3");
    auto it = std::find_if(r.log().activities.begin(), r.log().activities.end(), [&](auto& a) { return a.id == id; });
    REQUIRE(it != r.log().activities.end());
    CHECK(it->status == core::ActivityStatus::rejected);
    CHECK(it->provider_link->revoked());
    CHECK(it->title == "Course 3");

    r.provider.add(test::completion(11));
    r.provider.cursors_expire = true;
    REQUIRE(r.sync());
    CHECK(r.synced() == 11);
    r.no_duplicates();
    CHECK(r.provider.log.back().first.find("cursor=") == std::string::npos); // fetched from the start
}

TEST_CASE("self-reports queued while offline are pushed once online, exactly once despite lost answers") {
    Rig r(self_reports(3));
    r.sign_in();
    r.intent(ui::SyncAction::queue_self_reports);
    CHECK(r.state.sync.outbox.size() == 3);
    CHECK(r.sync_store.outbox_rows.count(P) == 3);
    r.provider.faults.assign(5, test::Fault::offline);
    CHECK_FALSE(r.sync());
    CHECK(r.state.sync.error.find("offline") != std::string::npos);
    CHECK(r.sync_store.outbox_rows.count(P) == 3);
    CHECK(r.provider.reports.empty());

    // Online: the first push is stored but its answer lost (500), the second answer is cut short.
    const int offline_attempts = r.provider.requests("POST /self-reports");
    CHECK(offline_attempts == 5);
    r.provider.faults = {test::Fault::stored_then_500, test::Fault::none, test::Fault::truncated};
    REQUIRE(r.sync());
    CHECK(r.provider.reports.size() == 3); // retries reused the keys: no duplicate report
    CHECK(r.provider.requests("POST /self-reports") == offline_attempts + 5);
    CHECK(r.sync_store.outbox_rows.count(P) == 0);
    CHECK(r.state.sync.outbox.empty());
    r.intent(ui::SyncAction::queue_self_reports);
    CHECK(r.state.sync.outbox.empty()); // already pushed: never sent twice
    std::set<std::string> titles;
    for (const auto& [key, report] : r.provider.reports)
        titles.insert(nlohmann::json::parse(report.first)["title"].get<std::string>());
    CHECK(titles.size() == 3);
}

TEST_CASE("a self-report the provider refuses stays listed with its reason; other 4xx are not retried") {
    Rig r(self_reports(1));
    r.sign_in();
    r.intent(ui::SyncAction::queue_self_reports);
    r.provider.faults = {test::Fault::refuse422};
    REQUIRE(r.sync());
    REQUIRE(r.state.sync.outbox.size() == 1);
    CHECK(r.state.sync.outbox[0].refused.find("does not accept") != std::string::npos);
    CHECK(r.provider.requests("POST /self-reports") == 1);
    REQUIRE(r.sync());
    CHECK(r.provider.requests("POST /self-reports") == 1); // not sent again

    r.provider.token = "rotated"; // our tokens are no longer valid: 401, one refresh refused, sign in again
    r.provider.refresh = "revoked";
    const int before = r.provider.requests("GET /completions?");
    CHECK_FALSE(r.sync());
    CHECK(r.provider.requests("GET /completions?") == before + 1);
    CHECK(r.state.sync.error.find("Sign in again") != std::string::npos);
    CHECK_FALSE(r.ctl.signed_in());
}

TEST_CASE("incoming items that look like duplicates wait for the person: import or skip") {
    Rig r(own_course_like_c1());
    r.provider.add(test::completion(1));
    r.provider.add(test::completion(2, "ACSM-1001"));
    r.sign_in();
    REQUIRE(r.sync());
    CHECK(r.synced() == 1); // c-2 (different date) imported; c-1 held
    REQUIRE(r.state.sync.held.size() == 1);
    CHECK(r.state.sync.held[0].external_id == "c-1");
    CHECK(r.state.sync.held[0].local_title == "My strength course");
    REQUIRE(r.sync());
    CHECK(r.state.sync.held.size() == 1); // still one, not held twice

    r.intent(ui::SyncAction::reject_held, "c-1");
    CHECK(r.state.sync.held.empty());
    auto changed = test::completion(1);
    changed.title = "Changed upstream";
    r.provider.add(changed);
    REQUIRE(r.sync());
    CHECK(r.state.sync.held.empty()); // skipped for good
    CHECK(r.synced() == 1);

    r.provider.add(test::completion(3, "ACSM-9"));
    auto twin = test::completion(4, "ACSM-9");
    twin.completed_at = test::completion(3).completed_at;
    r.provider.add(twin);
    REQUIRE(r.sync());
    CHECK(r.synced() == 3); // two of the provider's own records alike each other: both imported, none held
    CHECK(r.state.sync.held.empty());
}

TEST_CASE("an item held as a likely duplicate keeps the certificate its page offered") {
    Rig r(own_course_like_c1());
    auto c = test::completion(1);
    c.certificate = sync::CertificateRef{"/completions/c-1/certificate", std::string(64, 'b')};
    r.provider.add(c);
    r.sign_in();
    REQUIRE(r.sync());
    REQUIRE(r.state.sync.held.size() == 1);
    CHECK(r.cursor_row().find(std::string(64, 'b')) != std::string::npos); // saved with the held item
}

TEST_CASE("accepting a held item imports it exactly once") {
    Rig r(own_record("Course 1", "ACSMceOnline"));
    r.provider.add(test::completion(1));
    r.sign_in();
    REQUIRE(r.sync());
    REQUIRE(r.state.sync.held.size() == 1);
    r.state.intents.push_back(ui::SyncIntent{ui::SyncAction::accept_held, "c-1"});
    r.intent(ui::SyncAction::accept_held, "c-1"); // a double click
    CHECK(r.state.sync.held.empty());
    CHECK(r.synced() == 1);
    REQUIRE(r.sync());
    CHECK(r.synced() == 1);
    r.no_duplicates();
}

TEST_CASE("when the page cannot be saved, the cursor does not move and nothing is half-written") {
    Rig r;
    for (int i = 1; i <= 4; ++i)
        r.provider.add(test::completion(i));
    r.sign_in();
    r.store.fail_next_commit("The disk is full.");
    CHECK_FALSE(r.sync());
    CHECK(r.state.sync.error.find("disk is full") != std::string::npos);
    CHECK(r.synced() == 0);
    CHECK(r.cursor_row().find("\"cursor\":\"s") == std::string::npos);
    REQUIRE(r.sync());
    CHECK(r.synced() == 4);
}

TEST_CASE("the next page is requested while a page is stored; a failed save drops it and moves nothing") {
    Rig r;
    for (int i = 1; i <= 450; ++i)
        r.provider.add(test::completion(i));
    r.sign_in();
    r.store.fail_next_commit("The disk is full.");
    CHECK_FALSE(r.sync());
    // Page 2 was already on its way while page 1 was being stored; its answer is dropped unread.
    CHECK(r.provider.requests("GET /completions?") == 2);
    CHECK(r.synced() == 0);
    CHECK(r.cursor_row().find("\"cursor\":\"s") == std::string::npos);

    // The page is stored but its position cannot be saved: the next run asks for it again.
    r.sync_store.fail_next_save = "The disk is full.";
    CHECK_FALSE(r.sync());
    CHECK(r.synced() == 200);
    CHECK(r.cursor_row().find("\"cursor\":\"s") == std::string::npos);
    const int before = r.provider.requests("GET /completions?");
    REQUIRE(r.sync());
    CHECK(r.provider.requests("GET /completions?") == before + 3); // 200 + 200 + 50, each once
    CHECK(r.synced() == 450);
    CHECK(r.cursor_row().find("\"cursor\":\"s450\"") != std::string::npos);
    r.no_duplicates();
}

TEST_CASE("a next page that arrives while a page is stored is decoded then; if it is bad, nothing of it is saved") {
    Rig r;
    for (int i = 1; i <= 450; ++i)
        r.provider.add(test::completion(i));
    r.sign_in();
    // Page 1 is fine; page 2, fetched while page 1 is stored, is malformed.
    r.provider.faults = {test::Fault::none, test::Fault::malformed};
    CHECK_FALSE(r.sync());
    CHECK(r.state.sync.error.find("could not read") != std::string::npos);
    CHECK(r.state.sync.error.find("/items/0/credits/0/unit") != std::string::npos);
    CHECK(r.provider.requests("GET /completions?") == 2);
    CHECK(r.synced() == 200); // page 1 and its position were saved before page 2 was looked at
    CHECK(r.cursor_row().find("\"cursor\":\"s200\"") != std::string::npos);
    REQUIRE(r.sync());
    CHECK(r.synced() == 450);
    r.no_duplicates();
}

TEST_CASE("a next page that fails while a page is stored is retried with backoff like any request") {
    Rig r;
    for (int i = 1; i <= 450; ++i)
        r.provider.add(test::completion(i));
    r.sign_in();
    r.provider.faults = {test::Fault::none, test::Fault::error500, test::Fault::timeout};
    REQUIRE(r.sync());
    CHECK(r.provider.requests("GET /completions?") == 3 + 2); // three pages, page 2 twice more
    std::vector<double> page2;
    for (const auto& [line, t] : r.provider.log)
        if (line.find("cursor=s200") != std::string::npos)
            page2.push_back(t);
    REQUIRE(page2.size() == 3);
    CHECK(page2[1] - page2[0] >= 250.0); // backoff, not an immediate retry (base 500 ms, jitter 0.5)
    CHECK(r.synced() == 450);
    CHECK(r.cursor_row().find("\"cursor\":\"s450\"") != std::string::npos);
    r.no_duplicates();
}

TEST_CASE("certificates are downloaded, checked against their SHA-256 and stored as evidence") {
    Rig r;
    const std::string pdf = "%PDF-1.4\n% certificate c-1\n%%EOF\n";
    auto c = test::completion(1);
    c.certificate = sync::CertificateRef{"/completions/c-1/certificate",
                                         core::sha256_hex(std::span<const std::uint8_t>(
                                             reinterpret_cast<const std::uint8_t*>(pdf.data()), pdf.size()))};
    r.provider.certificates["c-1"] = pdf;
    r.provider.add(c);
    auto bad = test::completion(2);
    bad.certificate = sync::CertificateRef{"/completions/c-2/certificate", std::string(64, 'a')};
    r.provider.certificates["c-2"] = pdf;
    r.sign_in();
    r.provider.add(bad);
    CHECK_FALSE(r.sync()); // c-2's file does not match: the page is refused
    CHECK(r.state.sync.error.find("checksum") != std::string::npos);
    CHECK(r.synced() == 0);
    CHECK(r.store.attachments().empty());
    bad.certificate->sha256 = c.certificate->sha256;
    r.provider.add(bad);
    REQUIRE(r.sync());
    CHECK(r.synced() == 2);
    CHECK(r.store.attachments().count(c.certificate->sha256) == 1);
    for (const auto& a : r.log().activities)
        CHECK(a.evidence.size() == 1);
}

TEST_CASE("the access token never reaches the sync store, the log or a backup") {
    Rig r(self_reports(1));
    r.provider.add(test::completion(1));
    r.sign_in();
    r.intent(ui::SyncAction::queue_self_reports);
    REQUIRE(r.sync());
    CHECK(r.provider.auth_headers.back() == "Bearer tok-123");
    for (const auto& [p, row] : r.sync_store.cursor_rows)
        CHECK(row.find("tok-123") == std::string::npos);
    for (const auto& [p, row] : r.sync_store.outbox_rows)
        CHECK(row.find("tok-123") == std::string::npos);
    CHECK(r.sync_store.config_row.find("tok-123") == std::string::npos);
    CHECK(r.remembered.find("tok-123") == std::string::npos);
    // Nor does the refresh token (the one issued at sign-in, and its rotated successor).
    r.provider.token = "expired";
    REQUIRE(r.sync());
    REQUIRE(r.provider.rotations == 1);
    for (const std::string secret : {"refresh-0", "refresh-1", "tok-r1"}) {
        for (const auto& [p, row] : r.sync_store.cursor_rows)
            CHECK(row.find(secret) == std::string::npos);
        for (const auto& [p, row] : r.sync_store.outbox_rows)
            CHECK(row.find(secret) == std::string::npos);
        CHECK(r.sync_store.config_row.find(secret) == std::string::npos);
        CHECK(r.remembered.find(secret) == std::string::npos);
    }
    r.store.export_backup(storage::BackupKind::json, *core::Date::from_ymd(2025, 3, 1));
    r.tick(3);
    REQUIRE_FALSE(r.store.last_export().empty());
    CHECK(r.store.last_export().find("tok-123") == std::string::npos);
    CHECK(r.store.last_export().find("refresh-") == std::string::npos);
    CHECK(r.store.last_export().find("tok-r1") == std::string::npos);
    CHECK(r.store.last_export().find("provider_link") != std::string::npos);
}

TEST_CASE("a sign-in that comes back with another state, or a wrong verifier, is refused") {
    Rig r;
    r.state.sync.base_url = P;
    r.state.sync.client_id = "recert-web";
    r.intent(ui::SyncAction::save_provider);
    r.intent(ui::SyncAction::sign_in);
    r.provider.codes["code-1"] = Rig::param(r.navigated, "code_challenge");
    r.ctl.complete_sign_in("code-1", "forged", r.remembered);
    r.tick(5);
    CHECK_FALSE(r.ctl.signed_in());
    CHECK(r.state.sync.error.find("Sign in again") != std::string::npos);
    r.provider.codes["code-2"] = "not-the-challenge";
    r.ctl.complete_sign_in("code-2", Rig::param(r.navigated, "state"), r.remembered);
    r.tick(5);
    CHECK_FALSE(r.ctl.signed_in());
    CHECK(r.state.sync.error.find("Sign-in failed") != std::string::npos);
}

TEST_CASE("damaged sync rows are reported, never crash, and leave the records alone") {
    Rig r;
    r.sync_store.cursor_rows[P] = "{\"format\":\"recert-sync-state\",\"version\":1,\"provider\":7}";
    app::SyncController again(r.store, r.packs, r.sync_store, r.provider, r.platform());
    ui::AppState st;
    for (int i = 0; i < 3; ++i) {
        r.sync_store.poll();
        app::dispatch(st, {nullptr, nullptr, &again}, {});
    }
    CHECK(st.sync.error.find("/provider") != std::string::npos);
}

TEST_CASE("the token stays with the provider: a certificate on another origin is never requested") {
    Rig r;
    const std::string pdf = "%PDF-1.4\n% certificate\n%%EOF\n";
    const std::string sha = core::sha256_hex(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(pdf.data()), pdf.size()));
    const std::vector<std::string> hostile = {
        "https://evil.test/steal-cert.pdf",      // another host
        "//evil.test/steal-cert.pdf",            // scheme-relative: another host
        "https://provider.test:8443/api/c.pdf",  // another port
        "http://provider.test/api/c.pdf",        // another scheme
        "https://me:pw@provider.test/api/c.pdf", // user info
        "javascript:alert(1)",                   // not http(s)
    };
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        auto c = test::completion(int(i) + 1);
        c.certificate = sync::CertificateRef{hostile[i], sha};
        r.provider.add(c);
    }
    auto good = test::completion(50);
    good.certificate = sync::CertificateRef{P + "/completions/c-50/certificate", sha}; // absolute, own origin
    r.provider.certificates["c-50"] = pdf;
    r.provider.add(good);
    r.sign_in();
    REQUIRE(r.sync()); // the run goes on
    for (const std::string& url : r.provider.urls) {
        INFO(url);
        // Nothing went anywhere but the provider's API (and, before sign-in, its RFC 8414 metadata).
        CHECK((url.rfind(P + "/", 0) == 0 || url == "https://provider.test/.well-known/oauth-authorization-server/api"));
    }
    CHECK(r.provider.requests("GET /completions/c-50/certificate") == 1);
    CHECK(r.synced() == 1);
    CHECK(r.store.attachments().count(sha) == 1);
    REQUIRE(r.state.sync.held.size() == hostile.size()); // each held with its reason
    CHECK(
        r.state.sync.held[0].local_title ==
        "Not imported: its certificate is on another site (https://evil.test), and Recert sends your sign-in "
        "only to the provider's own address (https://provider.test)");
    CHECK(r.state.sync.held[5].local_title.find("not a plain http(s) address") != std::string::npos);
    CHECK(r.cursor_row().find("\"cursor\":\"s7\"") != std::string::npos); // the page was stored
    CHECK(r.state.sync.result.find("6 items were held back") != std::string::npos);
}

TEST_CASE("an out-of-range item from a provider is quarantined; the rest is stored and later runs go on") {
    Rig r;
    r.provider.add(test::completion(1));
    auto huge = test::completion(2);
    huge.credits[0].amount = *core::Credits::parse("99999999999");
    r.provider.add(huge);
    auto ancient = test::completion(3);
    ancient.completed_at = *core::Date::from_ymd(1, 1, 1);
    r.provider.add(ancient);
    r.provider.add(test::completion(4));
    r.sign_in();
    REQUIRE(r.sync());
    CHECK(r.synced() == 2);
    REQUIRE(r.state.sync.held.size() == 2);
    CHECK(r.state.sync.held[0].external_id == "c-2");
    CHECK(r.state.sync.held[0].local_title ==
          "Not imported: its credits: 99999999999 CEC is more than the 1000 a single activity can carry");
    CHECK(r.state.sync.held[1].local_title == "Not imported: its completion date: 0001-01-01 is outside the "
                                              "dates Recert keeps (1900-01-01 to 2199-12-31)");
    CHECK(r.cursor_row().find("\"cursor\":\"s4\"") != std::string::npos);
    CHECK(r.cursor_row().find("\"reason\":\"its credits") != std::string::npos); // kept across sessions

    // It cannot be imported as sent; the next runs are not blocked by it.
    r.intent(ui::SyncAction::accept_held, "c-2");
    CHECK(r.synced() == 2);
    CHECK(r.state.sync.result.find("cannot be imported as the provider sent it") != std::string::npos);
    r.provider.add(test::completion(5));
    REQUIRE(r.sync());
    CHECK(r.synced() == 3);
    CHECK(r.state.sync.held.size() == 2);

    // Corrected by the provider: it goes on like any item.
    huge.credits[0].amount = core::Credits::whole(2);
    r.provider.add(huge);
    REQUIRE(r.sync());
    CHECK(r.synced() == 4);
    REQUIRE(r.state.sync.held.size() == 1);
    CHECK(r.state.sync.held[0].external_id == "c-3");
    r.intent(ui::SyncAction::reject_held, "c-3");
    CHECK(r.state.sync.held.empty());
    r.no_duplicates();
}

TEST_CASE("a sync page into a finalized period is refused by the record writer with the form's words") {
    // The same lock the activity form, imports and restores meet (app/record_writer.h): before the
    // one commit path, sync pages were written without it.
    core::Log initial;
    core::Credential c;
    c.id = "cred-cpt";
    c.rev = 1;
    c.body = "acsm";
    c.program = "cpt";
    c.certified_on = *core::Date::from_ymd(2021, 1, 1);
    c.cycle = {*core::Date::from_ymd(2024, 1, 1), *core::Date::from_ymd(2026, 12, 31)};
    c.statements.push_back({c.cycle, *core::Date::from_ymd(2026, 1, 10), std::nullopt});
    initial.credentials.push_back(c);
    Rig r(initial);
    r.sign_in();
    r.provider.add(test::completion(1));
    CHECK_FALSE(r.sync());
    CHECK(r.synced() == 0);
    const core::Activity would_be = sync::to_activity(test::completion(1), P);
    const std::string words = core::statement_lock_problem(initial.credentials, nullptr, &would_be);
    REQUIRE_FALSE(words.empty());
    CHECK(r.state.sync.error == "The synced completions could not be saved (" + words + "). Nothing was changed.");
}

TEST_CASE("sync holds an incoming item exactly when core/duplicates would suggest the pair") {
    // Sync matches by core::title_key / course_key, the keys suggest_duplicates groups by. Keys joined
    // with "|" (as sync once built its own) let "Kettlebell|ACME" by "Coach" meet "Kettlebell" by
    // "ACME|Coach"; the dashboard never suggested that pair, so sync must not hold it either.
    const core::Log local = own_record("Kettlebell|ACME", "Coach");
    const core::Activity& mine = local.activities[0];

    sync::Completion split = test::completion(1);
    split.course_number.clear();
    split.title = "Kettlebell";
    split.provider_name = "ACME|Coach";
    sync::Completion same = test::completion(2);
    same.course_number.clear();
    same.title = "  kettlebell|acme ";
    same.provider_name = "COACH";
    same.completed_at = mine.earned;

    // What the dashboard's suggestions say of each pair.
    const auto suggested = [&](const sync::Completion& c) {
        return !core::suggest_duplicates({mine, sync::to_activity(c, P)}).empty();
    };
    REQUIRE_FALSE(suggested(split));
    REQUIRE(suggested(same));

    Rig r(local);
    r.provider.add(split);
    r.provider.add(same);
    r.sign_in();
    REQUIRE(r.sync());
    CHECK(r.synced() == 1); // "split" imported
    REQUIRE(r.state.sync.held.size() == 1);
    CHECK(r.state.sync.held[0].external_id == same.id);
}

// [SECTION] Discovery, refresh on 401, revocation (issue #20)

TEST_CASE("saving a provider finds its sign-in endpoints in its metadata; without metadata nothing is saved") {
    Rig r;
    r.provider.metadata = false;
    r.state.sync.base_url = P;
    r.state.sync.client_id = "recert-web";
    r.intent(ui::SyncAction::save_provider);
    r.tick(5);
    CHECK(r.state.sync.error.find("could not find the provider's sign-in settings") != std::string::npos);
    CHECK(r.state.sync.error.find("HTTP 404") != std::string::npos);
    CHECK(r.sync_store.config_row.empty());
    CHECK_FALSE(r.state.sync.configured);
    // Both metadata addresses were tried: RFC 8414's, then OpenID Connect's.
    CHECK(r.provider.urls.at(0) == "https://provider.test/.well-known/oauth-authorization-server/api");
    CHECK(r.provider.urls.at(1) == "https://provider.test/api/.well-known/openid-configuration");

    r.provider.metadata = true;
    r.intent(ui::SyncAction::save_provider);
    r.tick(5);
    CHECK(r.state.sync.error.empty());
    CHECK(r.state.sync.configured);
    CHECK(r.sync_store.config_row.find("\"token_endpoint\":\"https://provider.test/api/oauth/token\"") != std::string::npos);
    r.intent(ui::SyncAction::sign_in);
    CHECK(r.navigated.rfind("https://provider.test/api/oauth/authorize?response_type=code&", 0) == 0);
    CHECK(r.navigated.find("code_challenge_method=S256") != std::string::npos);
}

TEST_CASE("a provider address that is not https (except on this computer) is refused before anything is fetched") {
    Rig r;
    r.state.sync.base_url = "http://provider.test/api";
    r.state.sync.client_id = "recert-web";
    r.intent(ui::SyncAction::save_provider);
    CHECK(r.state.sync.error.find("https://") != std::string::npos);
    CHECK(r.provider.urls.empty());
    CHECK(r.sync_store.config_row.empty());
}

TEST_CASE("a 401 refreshes the access token once, rotating the refresh token, and the run goes on") {
    Rig r(self_reports(1));
    r.provider.add(test::completion(1));
    r.sign_in();
    REQUIRE(r.sync());
    r.provider.add(test::completion(2));
    r.intent(ui::SyncAction::queue_self_reports);
    r.provider.token = "expired-elsewhere"; // the access token ran out
    REQUIRE(r.sync());
    CHECK(r.provider.rotations == 1);
    CHECK(r.provider.auth_headers.back() == "Bearer tok-r1");
    CHECK(r.synced() == 2);
    CHECK(r.provider.reports.size() == 1);
    r.no_duplicates();
    CHECK(r.ctl.signed_in());
    // The next expiry presents the rotated refresh token, not the spent one.
    r.provider.token = "expired-again";
    REQUIRE(r.sync());
    CHECK(r.provider.rotations == 2);
    CHECK(r.state.sync.runs_finished == 3);
}

TEST_CASE("a refused refresh asks the person to sign in, once, and loses nothing") {
    Rig r(self_reports(2));
    r.provider.add(test::completion(1));
    r.sign_in();
    REQUIRE(r.sync());
    r.intent(ui::SyncAction::queue_self_reports);
    const std::size_t outbox = r.state.sync.outbox.size();
    REQUIRE(outbox > 0);
    const std::string cursor = r.cursor_row();
    const int tokens = r.provider.requests("POST /oauth/token");
    r.provider.token = "expired";
    r.provider.refresh = "used-from-another-device"; // ours was replayed elsewhere: the grant is gone
    CHECK_FALSE(r.sync());
    CHECK(r.provider.requests("POST /oauth/token") == tokens + 1); // one refresh, not a loop
    CHECK(r.state.sync.error.find("Sign in again") != std::string::npos);
    CHECK(r.state.sync.error.find("nothing was lost") != std::string::npos);
    CHECK_FALSE(r.ctl.signed_in());
    CHECK(r.state.sync.outbox.size() == outbox);
    CHECK(r.cursor_row() == cursor);
    CHECK(r.synced() == 1);
}

TEST_CASE("a 401 again right after a refresh asks to sign in: one refresh per run") {
    Rig r;
    r.provider.add(test::completion(1));
    r.sign_in();
    const int tokens = r.provider.requests("POST /oauth/token");
    r.provider.faults = {test::Fault::unauthorized, test::Fault::none, test::Fault::unauthorized};
    CHECK_FALSE(r.sync());
    CHECK(r.provider.requests("POST /oauth/token") == tokens + 1);
    CHECK(r.provider.requests("GET /completions?") == 2);
    CHECK(r.state.sync.error.find("Sign in again") != std::string::npos);
    CHECK_FALSE(r.state.sync.running);
}

TEST_CASE("signing out revokes the refresh token, then the access token, and forgets both") {
    Rig r;
    r.sign_in();
    r.intent(ui::SyncAction::sign_out);
    r.tick(3);
    REQUIRE(r.provider.revoked.size() == 2);
    CHECK(r.provider.revoked[0] == "token=refresh-0&token_type_hint=refresh_token&client_id=recert-web");
    CHECK(r.provider.revoked[1] == "token=tok-123&token_type_hint=access_token&client_id=recert-web");
    CHECK_FALSE(r.ctl.signed_in());
    CHECK(r.state.sync.error.empty());
    // Nothing left to refresh with: Sync now does nothing until the person signs in again.
    r.intent(ui::SyncAction::sync_now);
    CHECK_FALSE(r.state.sync.running);
}

TEST_CASE("the deployment's recert.config.json offers its providers; a bad one is said and offers none") {
    Rig r({}, R"({"providers":[{"name":"Provider Test","address":"https://provider.test/api","clientId":"recert-web"}]})");
    r.tick(3);
    REQUIRE(r.state.sync.known.size() == 1);
    CHECK(r.state.sync.known[0].name == "Provider Test");
    CHECK(r.state.sync.known[0].address == P);
    CHECK(r.state.sync.known[0].client_id == "recert-web");
    CHECK(r.state.sync.known_note.empty());

    Rig bad({}, R"({"providers":[{"name":"X","address":"ftp://provider.test","clientId":"c"}]})");
    bad.tick(3);
    CHECK(bad.state.sync.known.empty());
    CHECK(bad.state.sync.known_note.find("/providers/0/address") != std::string::npos);
    CHECK(bad.sync_store.config_row.empty()); // nothing saved from it

    Rig none; // no file: nothing offered, nothing said, typing stays
    none.tick(3);
    CHECK(none.state.sync.known.empty());
    CHECK(none.state.sync.known_note.empty());
}

TEST_CASE("a tab reads the cursor and outbox again before its run: another tab's progress is not redone or lost") {
    Rig a(self_reports(1));
    for (int i = 1; i <= 3; ++i)
        a.provider.add(test::completion(i));
    a.sign_in();
    REQUIRE(a.sync());
    // Meanwhile another tab synced two more completions and queued a self-report of its own (same
    // database): its rows are newer than what this tab holds in memory.
    a.provider.add(test::completion(4));
    a.provider.add(test::completion(5));
    auto other = sync::decode_provider_state(a.cursor_row());
    REQUIRE(other.ok());
    sync::ProviderState b = other.value();
    b.provider = P;
    b.cursor = "s" + std::to_string(a.provider.seq);
    b.outbox.push_back({"key-from-tab-b", "mine-9", "Tab B's workshop",
                        R"({"title":"Tab B's workshop","credits":[{"amount":"1","unit":"CEC"}]})", ""});
    a.sync_store.cursor_rows[P] = sync::encode_provider_state(b);
    a.sync_store.outbox_rows.emplace(P, sync::encode_outbox_entry(b.outbox.back()));
    const std::size_t before = a.provider.log.size();
    const std::string b_cursor = "&cursor=s" + std::to_string(a.provider.seq);
    REQUIRE(a.sync());
    std::string first_page;
    for (std::size_t i = before; i < a.provider.log.size() && first_page.empty(); ++i)
        if (a.provider.log[i].first.rfind("GET /completions?", 0) == 0)
            first_page = a.provider.log[i].first;
    INFO(first_page);
    CHECK(first_page.ends_with(b_cursor)); // from tab B's position, not this tab's older one
    CHECK(a.provider.reports.count("key-from-tab-b") == 1); // tab B's queued self-report sent, once
    CHECK(a.synced() == 3);
}

TEST_CASE("a run goes on in the wake that finished a step: two wakes per page, not three") {
    // Each tick is one wake of the page (Module.recertWake's task after a browser callback, or an
    // animation frame). A page costs two: its commit finished (its position is then saved), and
    // that save finished. The save's wake starts the next page, already fetched and decoded, and now
    // also hands its batch to the store; before, the batch waited for a third wake (the next frame,
    // or in a background tab the next callback or the 250 ms timer).
    for (const int pages : {5, 10}) {
        Rig r;
        for (int i = 1; i <= pages * 200; ++i)
            r.provider.add(test::completion(i));
        r.sign_in();
        r.intent(ui::SyncAction::sync_now); // (its ticks: the lock, the sync state read again, the first request)
        int ticks = 0;
        for (; ticks < 1000 && r.state.sync.running; ++ticks)
            r.tick();
        INFO(pages << " pages took " << ticks << " more ticks");
        CHECK(r.synced() == pages * 200);
        CHECK(r.state.sync.error.empty());
        CHECK(ticks <= 2 * pages);
    }
}
