// Tests of the UI <-> store controller with the in-memory store: intents become validated atomic
// commits, failures change nothing, and AppState::data always equals what is stored.
#include "app/controller.h"
#include "app/dispatch.h"
#include "core/limits.h"
#include "core/log_codec.h"
#include "core/rulepack_codec.h"
#include "storage/store_memory.h"

#include "test_support.h"

#include <catch2/catch.hpp>

using namespace recert;

namespace {

using test::packs;
using test::acsm_cpt;
using test::course;
using test::day;

// One frame's work: the intents the UI left, through the one dispatcher.
bool tick(app::Controller& c, ui::AppState& s, core::Date today, double now_ms = 0.0, double spacing_ms = 0.0) {
    return app::dispatch(s, {&c}, {today, now_ms, spacing_ms});
}

// Runs frames until nothing is pending (the memory store completes on the next poll).
void settle(app::Controller& c, ui::AppState& s, core::Date today) {
    for (int i = 0; i < 4; ++i) tick(c, s, today);
}

} // namespace

TEST_CASE("the controller loads the store and evaluates it") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    settle(controller, state, day("2025-03-11"));
    REQUIRE(state.data.loaded);
    REQUIRE(state.data.log.credentials.empty());
    REQUIRE(state.data.packs == &packs());
}

TEST_CASE("saving a credential and an activity stores them and re-evaluates progress") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today);

    state.intents.push_back(ui::SaveCredential{acsm_cpt(), {}});
    state.intents.push_back(ui::SaveActivity{course("a1", "12"), {}});
    settle(controller, state, today);

    REQUIRE(store.committed().credentials.size() == 1);
    REQUIRE(store.committed().activities.size() == 1);
    REQUIRE(store.committed().activities[0].rev == 1);
    REQUIRE(state.data.log == store.committed());
    REQUIRE(state.data.evaluation.credentials.size() == 1);
    REQUIRE(state.data.evaluation.credentials[0].applied == core::Credits::whole(12));
    REQUIRE(state.toasts.size() == 2);
    REQUIRE_FALSE(state.toasts[0].error);
}

TEST_CASE("an invalid activity is refused with its reason and nothing is stored") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today);
    const auto generation = state.data.generation;

    core::Activity bad = course("a1", "0");
    bad.title = "";
    state.intents.push_back(ui::SaveActivity{bad, {}});
    settle(controller, state, today);

    REQUIRE(store.committed().activities.empty());
    REQUIRE(state.data.generation == generation);
    REQUIRE(state.toasts.size() == 1);
    REQUIRE(state.toasts[0].error);
    REQUIRE(state.toasts[0].text == "Not saved: Enter the course or activity title.");
}

TEST_CASE("a failed write (e.g. a full disk) leaves the data as it was and says why") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today);
    state.intents.push_back(ui::SaveActivity{course("a1", "2"), {}});
    settle(controller, state, today);
    const core::Log before = state.data.log;

    store.fail_next_commit("Your browser's storage is full.");
    core::Activity edited = state.data.log.activities[0];
    edited.amount = core::Credits::whole(5);
    state.activity_form.open = true;
    state.intents.push_back(ui::SaveActivity{edited, {}});
    settle(controller, state, today);

    REQUIRE(state.data.log == before);
    REQUIRE(store.committed() == before);
    REQUIRE(state.toasts.back().error);
    REQUIRE(state.toasts.back().text == "Not saved: Your browser's storage is full.");
    REQUIRE(state.activity_form.open); // the form stays open so nothing typed is lost
}

TEST_CASE("a save from a stale revision is refused as a conflict") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today);
    state.intents.push_back(ui::SaveActivity{course("a1", "2"), {}});
    settle(controller, state, today);

    core::Activity first = state.data.log.activities[0];  // rev 1
    core::Activity second = first;
    first.title = "Edited in this tab";
    second.title = "Edited from an older copy";
    state.intents.push_back(ui::SaveActivity{first, {}});
    settle(controller, state, today);
    state.intents.push_back(ui::SaveActivity{second, {}}); // still based on rev 1
    settle(controller, state, today);

    REQUIRE(store.committed().activities[0].title == "Edited in this tab");
    REQUIRE(store.committed().activities[0].rev == 2);
    REQUIRE(state.toasts.back().error);
    REQUIRE_THAT(state.toasts.back().text, Catch::Contains("changed in another tab"));
}

TEST_CASE("changes from elsewhere (a sync run) re-evaluate at most once per spacing; own saves at once") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today); // loaded and evaluated at t = 0
    auto outside = [&](const char* id) {
        storage::ChangeSet c;
        c.activities.push_back({course(id, "1"), 0});
        store.commit(std::move(c));
    };
    auto has = [&](const char* id) {
        for (const auto& a : state.data.log.activities)
            if (a.id == id) return true;
        return false;
    };
    const auto generation = state.data.generation;
    outside("sync-1");
    for (double t = 100; t < 1000; t += 100) tick(controller, state, today, t, 1000.0);
    CHECK_FALSE(has("sync-1")); // within a second of the last evaluation: waits
    CHECK(state.data.generation == generation);
    tick(controller, state, today, 1000.0, 1000.0);
    CHECK(has("sync-1"));
    CHECK(state.data.generation == generation + 1);

    outside("sync-2");
    tick(controller, state, today, 1100.0, 1000.0);
    tick(controller, state, today, 1200.0, 1000.0);
    CHECK_FALSE(has("sync-2"));
    // The person's own save is shown at once, with everything stored so far.
    state.intents.push_back(ui::SaveActivity{course("mine", "2"), {}});
    for (double t = 1300; t < 1700; t += 100) tick(controller, state, today, t, 1000.0);
    CHECK(has("mine"));
    CHECK(has("sync-2"));

    // The burst is over (spacing 0): what is due is done on the next tick.
    outside("sync-3");
    tick(controller, state, today, 1800.0, 1000.0);
    CHECK_FALSE(has("sync-3"));
    tick(controller, state, today, 1850.0, 0.0);
    CHECK(has("sync-3"));
    CHECK(state.data.log == store.committed());
    CHECK(state.data.evaluation.credentials.size() == store.committed().credentials.size());
}

TEST_CASE("a conflict shows both versions; keeping mine writes it over the other tab's, keeping theirs changes nothing") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today);
    state.intents.push_back(ui::SaveActivity{course("a1", "2"), {}});
    settle(controller, state, today);

    core::Activity other = state.data.log.activities[0]; // rev 1: "the other tab"
    core::Activity mine = other;
    other.title = "Edited in the other tab";
    mine.amount = *core::Credits::parse("3.5");
    state.intents.push_back(ui::SaveActivity{other, {}});
    settle(controller, state, today);
    state.activity_form.open = true;
    state.intents.push_back(ui::SaveActivity{mine, {}});
    settle(controller, state, today);

    REQUIRE(state.conflict.open);
    REQUIRE(state.conflict.records.size() == 1);
    const ui::RecordDiff& d = state.conflict.records[0];
    CHECK(d.kind == "Activity");
    REQUIRE(d.fields.size() == 2); // the title (theirs) and the credits (mine) differ
    CHECK(d.fields[0].field == "Title");
    CHECK(d.fields[0].a == "Program design");
    CHECK(d.fields[0].b == "Edited in the other tab");
    CHECK(d.fields[1].field == "Credits");
    CHECK(d.fields[1].a == "3.5 CEC");
    CHECK_FALSE(state.activity_form.open); // the dialog replaces the form; what was typed is "mine"

    SECTION("keep theirs") {
        const core::Log before = store.committed();
        state.intents.push_back(ui::ResolveConflict{false});
        settle(controller, state, today);
        CHECK_FALSE(state.conflict.open);
        CHECK(store.committed() == before);
        CHECK(state.data.log.activities[0].title == "Edited in the other tab");
    }
    SECTION("keep mine") {
        state.intents.push_back(ui::ResolveConflict{true});
        settle(controller, state, today);
        CHECK_FALSE(state.conflict.open);
        REQUIRE(store.committed().activities.size() == 1);
        CHECK(store.committed().activities[0].amount == *core::Credits::parse("3.5"));
        CHECK(store.committed().activities[0].title == "Program design");
        CHECK(store.committed().activities[0].rev == 3);
        CHECK(state.toasts.back().text == "Saved your version");
    }
}

namespace {

std::vector<std::uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

} // namespace

TEST_CASE("restore: a backup is summarized per mode, then applied in one step") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today);
    state.intents.push_back(ui::SaveActivity{course("here", "2"), {}});
    settle(controller, state, today);

    core::Log backup;
    backup.activities.push_back(course("from-backup", "4"));
    backup.activities[0].rev = 1;
    backup.activities[0].title = "Nutrition for coaches";
    const std::string text = core::encode_log(backup);

    ui::RestoreBackup pick;
    pick.file_name = "recert-backup.json";
    pick.bytes = bytes_of(text);
    state.intents.push_back(pick);
    settle(controller, state, today);
    REQUIRE(state.restore.stage == ui::RestoreDialog::Stage::summary);
    REQUIRE(state.restore.error.empty());
    CHECK(state.restore.file_name == "recert-backup.json");
    REQUIRE(state.restore.added == std::vector<std::string>{"Nutrition for coaches"});
    CHECK(state.restore.removed.empty());

    state.intents.push_back(ui::RestoreBackup{ui::RestoreBackup::Step::plan, true});
    settle(controller, state, today);
    CHECK(state.restore.replace);
    CHECK(state.restore.removed == std::vector<std::string>{"Program design"});

    SECTION("cancel changes nothing") {
        const core::Log before = store.committed();
        state.intents.push_back(ui::RestoreBackup{ui::RestoreBackup::Step::cancel});
        settle(controller, state, today);
        CHECK(state.restore.stage == ui::RestoreDialog::Stage::closed);
        CHECK(store.committed() == before);
    }
    SECTION("merge keeps this device's records and adds the backup's") {
        state.intents.push_back(ui::RestoreBackup{ui::RestoreBackup::Step::apply, false});
        settle(controller, state, today);
        CHECK(state.restore.stage == ui::RestoreDialog::Stage::closed);
        REQUIRE(store.committed().activities.size() == 2);
        CHECK(state.data.log.activities.size() == 2);
        CHECK(state.toasts.back().text == "Backup restored: 1 added, 0 updated");
    }
    SECTION("replace leaves exactly the backup's records") {
        state.intents.push_back(ui::RestoreBackup{ui::RestoreBackup::Step::apply, true});
        settle(controller, state, today);
        REQUIRE(store.committed().activities.size() == 1);
        CHECK(store.committed().activities[0].id == "from-backup");
        CHECK(state.toasts.back().text == "Backup restored: 1 added, 0 updated, 1 removed");
    }
}

TEST_CASE("restore: a damaged backup is refused with its place named, and nothing changes") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today);
    state.intents.push_back(ui::SaveActivity{course("here", "2"), {}});
    settle(controller, state, today);
    const core::Log before = store.committed();

    const char* garbage[] = {"", "{", "not json at all", "{\"format\":\"recert-log\",\"version\":99}",
                             "{\"format\":\"recert-log\",\"version\":1,\"activities\":[{\"id\":\"x\",\"amount\":7}]}"};
    for (const char* g : garbage) {
        ui::RestoreBackup pick;
        pick.file_name = "bad.json";
        pick.bytes = bytes_of(g);
        if (pick.bytes.empty()) pick.bytes.push_back(0); // an empty file is one NUL byte away
        state.intents.push_back(pick);
        settle(controller, state, today);
        INFO(g);
        CHECK(state.restore.stage == ui::RestoreDialog::Stage::summary);
        CHECK_THAT(state.restore.error, Catch::StartsWith("bad.json"));
        state.intents.push_back(ui::RestoreBackup{ui::RestoreBackup::Step::apply, false});
        settle(controller, state, today);
        CHECK(store.committed() == before);
        state.intents.push_back(ui::RestoreBackup{ui::RestoreBackup::Step::cancel});
        settle(controller, state, today);
    }
}

TEST_CASE("the backup reminder is due with records and no backup in 30 days") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    settle(controller, state, day("2025-03-11"));
    CHECK_FALSE(state.backup_reminder_due); // nothing to lose yet
    state.intents.push_back(ui::SaveActivity{course("a1", "2"), {}});
    settle(controller, state, day("2025-03-11"));
    CHECK(state.backup_reminder_due);
    state.intents.push_back(ui::ExportBackup{true});
    settle(controller, state, day("2025-03-11"));
    CHECK_FALSE(state.backup_reminder_due);
    settle(controller, state, day("2025-04-11")); // a new day re-evaluates: 31 days later
    CHECK(state.backup_reminder_due);
}

TEST_CASE("a deleted activity can be restored with undo") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today);
    state.intents.push_back(ui::SaveActivity{course("a1", "2"), {}});
    settle(controller, state, today);

    state.intents.push_back(ui::DeleteActivity{"a1"});
    settle(controller, state, today);
    REQUIRE(store.committed().activities.empty());
    REQUIRE(state.can_undo_delete);

    state.intents.push_back(ui::UndoDelete{});
    settle(controller, state, today);
    REQUIRE(store.committed().activities.size() == 1);
    REQUIRE(store.committed().activities[0].title == "Program design");
    REQUIRE_FALSE(state.can_undo_delete);
}

TEST_CASE("recording a renewal rolls the credential to its next cycle and keeps history") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2026-12-01");
    settle(controller, state, today);
    state.intents.push_back(ui::SaveCredential{acsm_cpt(), {}});
    settle(controller, state, today);

    state.intents.push_back(ui::RecordRenewal{"cred-cpt", today, core::Money::from_cents(6000), std::nullopt});
    settle(controller, state, today);
    const core::Credential& c = store.committed().credentials[0];
    REQUIRE(c.history.size() == 1);
    REQUIRE(c.history[0].cycle.first == day("2024-01-01"));
    REQUIRE(c.cycle.first == day("2027-01-01"));
    CHECK(state.toasts.back().text == "Renewal of ACSM CPT recorded; its next cycle has started");
}

TEST_CASE("repeated messages count up on one toast; old ones give way") {
    ui::AppState state;
    for (int i = 0; i < 5; ++i) ui::notify(state, "Activity added");
    REQUIRE(state.toasts.size() == 1);
    CHECK(state.toasts[0].count == 5);
    ui::notify(state, "Activity added", true); // an error is never merged into a success
    REQUIRE(state.toasts.size() == 2);
    for (int i = 0; i < 6; ++i) ui::notify(state, "message " + std::to_string(i));
    REQUIRE(state.toasts.size() == ui::max_toasts);
    CHECK(state.toasts.back().text == "message 5");
    CHECK(state.toasts.front().text == "message 2");
}

TEST_CASE("settings survive encode and decode; garbage falls back to defaults") {
    ui::UiSettings s;
    s.theme = ui::Theme::dark;
    s.date_style = ui::DateStyle::europe;
    const ui::UiSettings back = app::decode_settings(app::encode_settings(s));
    REQUIRE(back.theme == ui::Theme::dark);
    REQUIRE(back.date_style == ui::DateStyle::europe);
    REQUIRE(app::decode_settings("{not json").theme == ui::Theme::light);
    REQUIRE(app::decode_settings("[1,2]").date_style == ui::DateStyle::iso);
    REQUIRE(app::decode_settings("{\"theme\": 7}").theme == ui::Theme::light);
}

TEST_CASE("the UI scale is stored with the settings as a whole percentage from 100 to 200") {
    ui::UiSettings s;
    s.ui_scale = 150;
    CHECK(app::encode_settings(s).find("\"ui_scale\":150") != std::string::npos);
    CHECK(app::decode_settings(app::encode_settings(s)).ui_scale == 150);
    CHECK(app::decode_settings("{\"theme\":\"dark\"}").ui_scale == 100); // stored before there was one
    ui::UiSettings base;
    base.ui_scale = 125;
    for (const char* bad : {"{\"ui_scale\":99}", "{\"ui_scale\":201}", "{\"ui_scale\":150.5}",
                            "{\"ui_scale\":\"150\"}", "{\"ui_scale\":-1e300}", "{\"ui_scale\":null}"}) {
        INFO(bad);
        CHECK(app::decode_settings(bad, base).ui_scale == 125);
    }
    CHECK(app::decode_settings("{\"ui_scale\":200}", base).ui_scale == 200);
}

TEST_CASE("a new activity past the 100,000 a log can hold is refused; edits still save") {
    core::Log full;
    full.activities.reserve(core::limits::max_activities);
    for (std::size_t i = 0; i < core::limits::max_activities; ++i) {
        full.activities.push_back(course("a" + std::to_string(i), "1"));
        full.activities.back().rev = 1;
        full.activities.back().title = "Course " + std::to_string(i); // no two alike
    }
    storage::MemoryStore store(std::move(full));
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today);
    REQUIRE(state.data.log.activities.size() == core::limits::max_activities);

    state.intents.push_back(ui::SaveActivity{course("one-more", "1"), {}});
    settle(controller, state, today);
    CHECK(store.committed().activities.size() == core::limits::max_activities);
    REQUIRE(state.toasts.size() == 1);
    CHECK(state.toasts[0].error);
    CHECK(state.toasts[0].text ==
          "Not saved: your records already hold 100000 activities, the most one log can have.");

    core::Activity edited = store.committed().activities[7];
    edited.title = "Renamed";
    state.intents.push_back(ui::SaveActivity{edited, {}});
    settle(controller, state, today);
    CHECK(store.committed().activities[7].title == "Renamed");
}

TEST_CASE("the profile is saved through the record writer, with the same text limits as other fields") {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today);

    state.intents.push_back(ui::SaveProfile{{"Sam Trainer", "sam@example.org"}});
    settle(controller, state, today);
    REQUIRE(store.committed().person == core::Person{"Sam Trainer", "sam@example.org"});
    REQUIRE(state.data.log.person == store.committed().person);
    REQUIRE_FALSE(state.toasts.empty());
    CHECK(state.toasts.back().text == "Profile saved");

    state.intents.push_back(ui::SaveProfile{{std::string(core::limits::max_short_text + 1, 'x'), ""}});
    settle(controller, state, today);
    CHECK(store.committed().person.name == "Sam Trainer");
    REQUIRE(state.toasts.back().error);
    CHECK(state.toasts.back().text.find("Not saved: The name is longer than 200") == 0);

    state.intents.push_back(ui::SaveProfile{{"Sam", "not an address"}});
    settle(controller, state, today);
    CHECK(store.committed().person.email == "sam@example.org");
}

TEST_CASE("a credential in a conflict is labelled by its name in the rule pack, not its ids") {
    core::Credential asm_cred = acsm_cpt();
    asm_cred.body = "asm";
    asm_cred.program = "transcript";
    storage::Conflict c;
    c.kind = storage::RecordKind::credential;
    c.id = asm_cred.id;
    c.stored_credential = asm_cred;
    c.attempted_credential = asm_cred;
    CHECK(app::to_record_diff(c, true, &packs()).label == "ASM CE");
}

TEST_CASE("assigning a kind of provider course to a credential of another body writes every course of that kind") {
    core::Log initial;
    core::Credential cpt = test::acsm_cpt();
    cpt.rev = 1;
    initial.credentials.push_back(cpt);
    auto synced = [](std::string id, std::string body, std::string provider) {
        core::Activity a = course(std::move(id), "3");
        a.rev = 1;
        a.source = core::ActivitySource::synced;
        a.provider = std::move(provider);
        a.provider_link = core::ProviderLink{"https://p.example/api", a.id, "e1", "2025-03-01T10:00:00Z",
                                             "awarded", {std::move(body)}, {}};
        return a;
    };
    initial.activities = {synced("naa-1", "NAAEI", "NAA Education Institute"),
                          synced("naa-2", "NAAEI", "NAA Education Institute"),
                          synced("acsm-1", "ACSM", "ACSMceOnline")};
    storage::MemoryStore store(initial);
    ui::AppState state;
    app::Controller controller(store, packs());
    const auto today = day("2025-03-11");
    settle(controller, state, today);
    REQUIRE(state.data.evaluation.credentials[0].applied == core::Credits::whole(3)); // the ACSM course only
    CHECK(state.data.evaluation.at(0, 0).reason == core::Reason::other_accreditor);

    state.intents.push_back(ui::AssignCourseKind{"naa-1", "cred-cpt", true});
    settle(controller, state, today);
    const auto& acts = store.committed().activities;
    CHECK(acts[0].provider_link->assigned_to == std::vector<std::string>{"cred-cpt"});
    CHECK(acts[1].provider_link->assigned_to == std::vector<std::string>{"cred-cpt"}); // same kind
    CHECK(acts[2].provider_link->assigned_to.empty());
    CHECK(acts[0].rev == 2);
    CHECK(acts[2].rev == 1);
    CHECK(state.data.evaluation.credentials[0].applied == core::Credits::whole(9));
    REQUIRE_FALSE(state.toasts.empty());
    CHECK(state.toasts.back().text == "2 courses from NAA Education Institute now count toward ACSM CPT");

    state.intents.push_back(ui::AssignCourseKind{"naa-2", "cred-cpt", false});
    settle(controller, state, today);
    CHECK(store.committed().activities[0].provider_link->assigned_to.empty());
    CHECK(store.committed().activities[1].provider_link->assigned_to.empty());
    CHECK(state.data.evaluation.credentials[0].applied == core::Credits::whole(3));
    CHECK(state.toasts.back().text == "2 courses from NAA Education Institute no longer count toward ACSM CPT");
}
