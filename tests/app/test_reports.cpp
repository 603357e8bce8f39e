// Tests of the reports controller with the in-memory store: exports reach the download hook, imports
// commit all or nothing (garbage leaves the store untouched), duplicate decisions are honoured,
// finalize locks edits until a recorded unlock, and the audit packet ZIP holds what the plan says.
#include "app/controller.h"
#include "app/dispatch.h"
#include "app/reports.h"
#include "core/csv.h"
#include "core/rulepack_codec.h"
#include "storage/evidence.h"
#include "storage/store_memory.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace recert;

namespace {

using test::packs;
using test::day;

struct Download {
    std::string name, mime, content;
};

// A store, both controllers and hooks that record what the browser would get.
struct Rig {
    storage::MemoryStore store;
    ui::AppState state;
    std::vector<Download> downloads;
    std::vector<std::string> tabs;
    app::Controller controller{store, packs()};
    app::ReportsController reports{store, packs(), hooks()};
    core::Date today = day("2025-03-11");

    app::ReportHooks hooks() {
        app::ReportHooks h;
        h.download = [this](const std::string& n, const std::string& m, const std::string& c) { downloads.push_back({n, m, c}); };
        h.open_html = [this](const std::string& html) { tabs.push_back(html); };
        h.utc_stamp = [] { return std::string("20250311T120000Z"); };
        h.new_id_prefix = [] { return std::string("imp"); };
        h.stylesheet_url = [] { return std::string("https://app.example/transcript.css"); };
        return h;
    }
    void settle() {
        for (int i = 0; i < 4; ++i) app::dispatch(state, {&controller, &reports}, {today});
    }
    // One frame of the reports controller alone (no record intents pending).
    bool reports_tick() { return app::dispatch(state, {nullptr, &reports}, {today}); }
    void seed() {
        settle();
        core::Credential c = test::acsm_cpt();
        c.id_number = "654321";
        state.intents.push_back(ui::SaveCredential{c, {}});
        core::Activity a = test::course("a1", "12");
        a.title = "Program <design>";
        const std::string pdf = "%PDF-1.7 certificate";
        ui::PickedFile f;
        f.bytes.assign(pdf.begin(), pdf.end());
        f.ref = {storage::sha256_hex(f.bytes), "cert.pdf", "application/pdf"};
        a.evidence.push_back(f.ref);
        state.intents.push_back(ui::SaveActivity{a, {f}});
        settle();
        REQUIRE(store.committed().activities.size() == 1);
    }
    void drop(const std::string& name, const std::string& text) {
        reports.file_arrived(state, name, std::vector<std::uint8_t>(text.begin(), text.end()));
        settle();
    }
};

} // namespace

TEST_CASE("exports go to the browser as files with the right names and types") {
    Rig rig;
    rig.seed();
    for (auto k : {ui::ReportKind::csv, ui::ReportKind::csv_bom, ui::ReportKind::calendar, ui::ReportKind::download_transcript})
        rig.state.intents.push_back(ui::ReportRequest{k, -1, {}});
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::open_transcript, -1, {}});
    rig.settle();
    REQUIRE(rig.downloads.size() == 4);
    CHECK(rig.downloads[0].name == "recert-activities-2025-03-11.csv");
    CHECK(rig.downloads[0].content.rfind("id,earned,", 0) == 0);
    CHECK(rig.downloads[1].content.rfind("\xEF\xBB\xBFid,earned,", 0) == 0);
    CHECK(rig.downloads[2].mime == "text/calendar");
    CHECK(rig.downloads[2].content.find("DTSTAMP:20250311T120000Z\r\n") != std::string::npos);
    CHECK(rig.downloads[3].content.find("<style>") != std::string::npos);
    REQUIRE(rig.tabs.size() == 1);
    CHECK(rig.tabs[0].find("<link rel=\"stylesheet\" href=\"https://app.example/transcript.css\">") != std::string::npos);
    CHECK(rig.tabs[0].find("Program &lt;design&gt;") != std::string::npos);
}

TEST_CASE("a CSV import previews, then commits every chosen row in one change") {
    Rig rig;
    rig.seed();
    rig.drop("courses.csv", "Date,Title,Provider,Hours\n2025-01-05,Kettlebells,NSCA,2\n2025-02-01,Program <design>,ACSM,12\n");
    const ui::ImportDialog& dlg = rig.state.reports.import;
    REQUIRE(dlg.open);
    REQUIRE(dlg.error.empty());
    REQUIRE(dlg.activities.size() == 2);
    CHECK(dlg.choices[0].import);
    CHECK_FALSE(dlg.choices[1].import); // suggested duplicate of the stored a1: skipped by default
    CHECK(dlg.choices[1].duplicate_of_existing == 0);
    CHECK(rig.store.committed().activities.size() == 1); // nothing stored before the person confirms
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::import_commit, -1, {}});
    rig.settle();
    REQUIRE(rig.store.committed().activities.size() == 2);
    CHECK(rig.store.committed().activities[1].title == "Kettlebells");
    CHECK(rig.store.committed().activities[1].source == core::ActivitySource::imported);
    CHECK_FALSE(rig.state.reports.import.open);
    CHECK(rig.state.data.log == rig.store.committed());
}

TEST_CASE("a person who rejects a duplicate suggestion imports that row too") {
    Rig rig;
    rig.seed();
    rig.drop("c.csv", "Date,Title,Provider,Hours\n2025-02-01,Program <design>,ACSM,12\n");
    rig.state.reports.import.choices[0].import = true;
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::import_commit, -1, {}});
    rig.settle();
    CHECK(rig.store.committed().activities.size() == 2);
}

TEST_CASE("garbage imports show a located error and change nothing") {
    Rig rig;
    rig.seed();
    const core::Log before = rig.store.committed();
    const std::pair<const char*, const char*> cases[] = {
        {"bad.csv", "Date,Title,Hours\n2025-01-05,x,1\n2025-01-06,\"open,2\n"},
        {"amount.csv", "Date,Title,Hours\n2025-01-05,x,1.234\n"},
        {"formula.csv", "Date,Title,Hours\n2025-01-05,\"=HYPERLINK(\"\"x\"\")\",1\n"},
        {"badge.json", "{\"type\":[\"OpenBadgeCredential\"],\"issuer\":{\"name\":\"P\"},\"credentialSubject\":{}}"},
        {"empty.csv", ""},
    };
    for (const auto& [name, text] : cases) {
        INFO(name);
        rig.drop(name, text);
        CHECK(rig.state.reports.import.open);
        CHECK_FALSE(rig.state.reports.import.error.empty());
        CHECK(rig.state.reports.import.error.rfind(name, 0) == 0);
        rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::import_commit, -1, {}}); // even if asked: refused
        rig.settle();
        CHECK(rig.store.committed() == before);
    }
    CHECK(rig.state.reports.import.error == "empty.csv: the file is empty");
}

TEST_CASE("an Open Badge import stores the activity with the badge file as its evidence") {
    Rig rig;
    rig.seed();
    const std::string badge = R"({"type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"name":"CE Co"},
      "validFrom":"2025-01-10T00:00:00Z","credentialSubject":{"creditsEarned":1.5,
      "achievement":{"name":"Mobility"}}})";
    rig.drop("mobility.json", badge);
    REQUIRE(rig.state.reports.import.error.empty());
    rig.state.reports.import.badge_unit = int(core::Unit::ceu);
    rig.state.reports.import.badge_unit_changed = true;
    rig.settle();
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::import_commit, -1, {}});
    rig.settle();
    REQUIRE(rig.store.committed().activities.size() == 2);
    const core::Activity& a = rig.store.committed().activities[1];
    CHECK(a.title == "Mobility");
    CHECK(a.unit == core::Unit::ceu);
    REQUIRE(a.evidence.size() == 1);
    CHECK(a.evidence[0].mime == "application/json");
    CHECK(rig.store.attachments().count(a.evidence[0].sha256) == 1);
}

TEST_CASE("finalizing locks the period for edits and imports until an unlock with a reason") {
    Rig rig;
    rig.seed();
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::finalize, 0, {}});
    rig.settle();
    REQUIRE(rig.store.committed().credentials[0].statements.size() == 1);
    CHECK(rig.state.toasts.back().text == "Statement for ACSM CPT finalized"); // its name, not "ACSM CPT" by ids
    core::Activity edited = rig.store.committed().activities[0];
    edited.amount = core::Credits::whole(3);
    rig.state.intents.push_back(ui::SaveActivity{edited, {}});
    rig.state.intents.push_back(ui::DeleteActivity{edited.id});
    rig.settle();
    CHECK(rig.store.committed().activities[0].amount == core::Credits::whole(12));
    CHECK(rig.state.toasts.back().error);
    rig.drop("late.csv", "Date,Title,Hours\n2025-01-05,Late,1\n");
    CHECK(rig.state.reports.import.error.find("finalized") != std::string::npos);
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::unlock, 0, "A late certificate"});
    rig.settle();
    const auto& unlock = rig.store.committed().credentials[0].statements[0].unlock;
    REQUIRE(unlock);
    CHECK(unlock->reason == "A late certificate");
    CHECK(unlock->on == rig.today);
    rig.state.intents.push_back(ui::SaveActivity{edited, {}});
    rig.settle();
    CHECK(rig.store.committed().activities[0].amount == core::Credits::whole(3));
}

TEST_CASE("the audit packet ZIP holds the transcript, CSV, evidence and a manifest whose hashes match") {
    Rig rig;
    rig.seed();
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::audit_packet, 0, {}});
    rig.settle();
    CHECK(rig.store.last_zip_name() == "recert-audit-acsm-cpt-2024-2026.zip");
    const auto& files = rig.store.last_zip();
    REQUIRE(files.size() == 4);
    CHECK(files[0].first == "transcript.html");
    CHECK(files[1].first == "activities.csv");
    CHECK(files[2].first == "evidence/2025-02-01_program-design.pdf");
    CHECK(files[3].first == "manifest.json");
    const auto manifest = nlohmann::json::parse(std::string(files[3].second.begin(), files[3].second.end()));
    for (std::size_t i = 0; i < 3; ++i) CHECK(manifest["files"][i]["sha256"] == storage::sha256_hex(files[i].second));
    CHECK_FALSE(rig.state.toasts.back().error);
}

TEST_CASE("a large CSV is read and checked a slice at a time with progress, and Cancel stops it") {
    Rig rig;
    rig.seed();
    rig.reports.set_import_slice_ms(0); // one 256-row step per tick
    std::string text = "Date,Title,Provider,Hours\n";
    for (int i = 0; i < 3000; ++i) text += "2025-01-" + std::to_string(10 + i % 18) + ",Course " + std::to_string(i) + ",P,1\n";
    rig.reports.file_arrived(rig.state, "big.csv", std::vector<std::uint8_t>(text.begin(), text.end()));
    const ui::ImportDialog& dlg = rig.state.reports.import;
    REQUIRE(dlg.open);
    CHECK(dlg.reading);
    CHECK(dlg.activities.empty());
    int ticks = 0;
    float last = dlg.progress;
    bool halfway_seen = false;
    while (rig.state.reports.import.reading) {
        CHECK(rig.reports_tick()); // something to draw every tick while reading
        CHECK(dlg.progress >= last);
        last = dlg.progress;
        halfway_seen = halfway_seen || (dlg.progress > 0.4f && dlg.progress < 0.6f);
        REQUIRE(++ticks < 100);
    }
    CHECK(ticks >= 20); // 3,000 rows read (12 steps), then converted (12 steps)
    CHECK(halfway_seen);
    CHECK(dlg.error.empty());
    CHECK(dlg.activities.size() == 3000);

    // Dropped again and cancelled halfway: the dialog stays closed and nothing is stored.
    rig.reports.file_arrived(rig.state, "big.csv", std::vector<std::uint8_t>(text.begin(), text.end()));
    for (int i = 0; i < 5; ++i) rig.reports_tick();
    REQUIRE(rig.state.reports.import.reading);
    rig.state.reports.import = ui::ImportDialog{}; // what the dialog's Cancel does
    rig.settle();
    CHECK_FALSE(rig.state.reports.import.open);
    CHECK(rig.state.reports.import.activities.empty());
    CHECK(rig.store.committed().activities.size() == 1);

    // A bad row near the end is found after many slices and located.
    text += "2025-02-01,Broken,P,lots\n";
    rig.reports.file_arrived(rig.state, "late.csv", std::vector<std::uint8_t>(text.begin(), text.end()));
    for (ticks = 0; rig.state.reports.import.reading && ticks < 100; ++ticks) rig.reports_tick();
    CHECK(rig.state.reports.import.error == "late.csv: line 3002, column 4: Credits: \"lots\" is not a number like 1.5 "
                                            "(at most two decimals, a dot for decimals)");
    CHECK(rig.state.reports.import.activities.empty());
}

TEST_CASE("after recording a renewal the audit packet and transcript state the cycle just closed, or the one chosen") {
    Rig rig;
    rig.seed(); // ACSM CPT 2024-2026 with a 12 CEC course earned 2025-02-01
    rig.today = day("2026-12-04");
    rig.state.intents.push_back(ui::RecordRenewal{"cred-cpt", rig.today, core::Money::from_cents(6000), std::nullopt});
    rig.settle();
    REQUIRE(rig.store.committed().credentials[0].cycle.first == day("2027-01-01"));

    // Nothing yet in the new cycle: the packet states the closed one (its dates, its activity).
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::audit_packet, 0, {}});
    rig.settle();
    CHECK(rig.store.last_zip_name() == "recert-audit-acsm-cpt-2024-2026.zip");
    const auto& files = rig.store.last_zip();
    REQUIRE(files.size() == 4);
    CHECK(files[2].first == "evidence/2025-02-01_program-design.pdf");
    const auto manifest = nlohmann::json::parse(std::string(files[3].second.begin(), files[3].second.end()));
    CHECK(manifest["cycle"]["start"] == "2024-01-01");
    CHECK(rig.state.toasts.back().text.find("1 activities") != std::string::npos);

    // The person may choose the new cycle instead: nothing in it yet.
    const core::DateRange current = rig.store.committed().credentials[0].cycle;
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::audit_packet, 0, {}, current});
    rig.settle();
    CHECK(rig.store.last_zip_name() == "recert-audit-acsm-cpt-2027-2029.zip");
    CHECK(rig.store.last_zip().size() == 3); // transcript, CSV, manifest

    // The transcript (all credentials) opens on the closed cycle too.
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::open_transcript, -1, {}});
    rig.settle();
    REQUIRE_FALSE(rig.tabs.empty());
    CHECK(rig.tabs.back().find("2024-01-01 to 2026-12-31") != std::string::npos);
    CHECK(rig.tabs.back().find("Program &lt;design&gt;") != std::string::npos);
}

TEST_CASE("one queue: a record change and a report request left in the same frame each reach their controller") {
    Rig rig;
    rig.seed();
    core::Activity a = test::course("a2", "3");
    a.title = "Queued with an export";
    rig.state.intents.push_back(ui::SaveActivity{a, {}});
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::csv, -1, {}});
    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::calendar, -1, {}});
    app::dispatch(rig.state, {&rig.controller, &rig.reports}, {rig.today});
    CHECK(rig.state.intents.empty()); // drained once, nothing left behind
    REQUIRE(rig.downloads.size() == 2); // in the order asked
    CHECK(rig.downloads[0].mime.find("text/csv") == 0);
    CHECK(rig.downloads[1].mime == "text/calendar");
    rig.settle();
    REQUIRE(rig.store.committed().activities.size() == 2);
    CHECK(rig.store.committed().activities[1].title == "Queued with an export");
}

TEST_CASE("record intents left before the store has opened wait in the queue, in order, and are then carried out") {
    Rig rig;
    core::Credential c = test::acsm_cpt();
    rig.state.intents.push_back(ui::SaveCredential{c, {}});
    rig.state.intents.push_back(ui::SaveActivity{test::course("a1", "2"), {}});
    // The store opens in this frame; what was asked before starts from the next.
    app::dispatch(rig.state, {&rig.controller, &rig.reports}, {rig.today});
    CHECK(rig.store.committed().credentials.empty());
    REQUIRE(rig.state.intents.size() == 2);
    CHECK(std::holds_alternative<ui::SaveCredential>(rig.state.intents[0]));
    CHECK(std::holds_alternative<ui::SaveActivity>(rig.state.intents[1]));
    rig.settle();
    CHECK(rig.state.intents.empty());
    CHECK(rig.store.committed().credentials.size() == 1);
    CHECK(rig.store.committed().activities.size() == 1);
    CHECK(rig.state.data.log == rig.store.committed());
}
