// The one commit path (app/record_writer.h): the same checks, with the same words, whichever door a
// change comes through — the activity form, an import, a backup restore (sync pages and accepted held
// items: tests/sync/sync_run_test.cpp). Before the writer, an import committed after a statement was
// finalized and a restore into a finalized period were written without the lock being checked.
#include "app/controller.h"
#include "app/dispatch.h"
#include "app/record_writer.h"
#include "app/reports.h"
#include "core/limits.h"
#include "core/log_codec.h"
#include "core/statement.h"
#include "core/validate.h"
#include "storage/store_memory.h"

#include "test_support.h"

#include <catch2/catch.hpp>

using namespace recert;

namespace {

using test::day;
using test::packs;

const core::DateRange cycle{day("2024-01-01"), day("2026-12-31")};

// The stored credential (rev 1), its 2024-2026 statement finalized or not.
core::Credential acsm_cpt(bool finalized) {
    core::Credential c = test::acsm_cpt();
    c.rev = 1;
    if (finalized) c.statements.push_back({cycle, day("2025-03-01"), std::nullopt});
    return c;
}

core::Activity late_course() {
    core::Activity a = test::course("late", "2");
    a.title = "Late certificate";
    a.earned = day("2025-02-10");
    return a;
}

// The words every door must refuse the late course with, once the statement is finalized.
std::string lock_words() {
    const std::vector<core::Credential> creds{acsm_cpt(true)};
    const core::Activity a = late_course();
    std::string p = core::statement_lock_problem(creds, nullptr, &a);
    REQUIRE_FALSE(p.empty());
    return p;
}

std::vector<std::uint8_t> bytes_of(const std::string& s) {
    return {s.begin(), s.end()};
}

struct Rig {
    storage::MemoryStore store;
    ui::AppState state;
    app::Controller controller{store, packs()};
    app::ReportsController reports{store, packs(), {.new_id_prefix = [] { return std::string("imp"); }}};
    core::Date today = day("2025-03-11");

    explicit Rig(bool finalized) : store(initial(finalized)) { settle(); }
    static core::Log initial(bool finalized) {
        core::Log log;
        log.credentials.push_back(acsm_cpt(finalized));
        return log;
    }
    void settle() {
        for (int i = 0; i < 4; ++i) app::dispatch(state, {&controller, &reports}, {today});
    }
    bool has_late() const {
        for (const core::Activity& a : store.committed().activities)
            if (a.title == "Late certificate") return true;
        return false;
    }
};

} // namespace

TEST_CASE("check_change: validation first, then the statement lock, then the log's limits") {
    core::Log log;
    log.credentials.push_back(acsm_cpt(true));
    const core::Date today = day("2025-03-11");

    storage::ChangeSet c;
    c.activities.push_back({late_course(), 0});
    CHECK(app::check_change(log, c, packs(), today) == lock_words());

    c.activities[0].record.title = " ";
    CHECK(app::check_change(log, c, packs(), today) == "Enter the course or activity title.");

    storage::ChangeSet outside; // earned before the finalized period: allowed
    outside.activities.push_back({late_course(), 0});
    outside.activities[0].record.earned = day("2023-06-01");
    CHECK(app::check_change(log, outside, packs(), today).empty());

    storage::ChangeSet bad_credential;
    bad_credential.credentials.push_back({acsm_cpt(false), 1});
    bad_credential.credentials[0].record.cycle = {day("2026-12-31"), day("2024-01-01")};
    CHECK(app::check_change(log, bad_credential, packs(), today) == "The cycle must end after it starts.");

    core::Log stored = log;
    stored.activities.push_back(late_course());
    storage::ChangeSet del;
    del.delete_activities.push_back({"late", 0});
    CHECK(app::check_change(stored, del, packs(), today) == lock_words());
}

TEST_CASE("check_change: a log already holding the most credentials takes no new one, but an edit") {
    core::Log log;
    for (std::size_t i = 0; i < core::limits::max_credentials; ++i) {
        core::Credential c = acsm_cpt(false);
        c.id = "c" + std::to_string(i);
        log.credentials.push_back(c);
    }
    storage::ChangeSet add;
    core::Credential extra = acsm_cpt(false);
    extra.id = "one-more";
    add.credentials.push_back({extra, 0});
    CHECK(app::check_change(log, add, packs(), day("2025-03-11")) ==
          "your records already hold 1000 credentials, the most one log can have.");
    storage::ChangeSet edit;
    edit.credentials.push_back({log.credentials[0], 1});
    CHECK(app::check_change(log, edit, packs(), day("2025-03-11")).empty());
}

TEST_CASE("check_change: a change of many records (indexed) counts and locks as a change of a few") {
    // Over 16 records, check_change indexes the stored ones once instead of searching per record.
    core::Log log;
    log.credentials.push_back(acsm_cpt(true));
    const auto filler = [](std::size_t i) {
        core::Activity a = test::course("a" + std::to_string(i), "1");
        a.earned = day("2023-06-01"); // before the finalized period
        return a;
    };
    constexpr std::size_t max = core::limits::max_activities;
    for (std::size_t i = 0; i < max - 10; ++i)
        log.activities.push_back(filler(i));
    log.activities.push_back(late_course()); // max - 9 stored
    const core::Date today = day("2025-03-11");

    storage::ChangeSet many; // 10 edits of stored records and 10 new ones: max + 1
    for (std::size_t i = 0; i < 10; ++i)
        many.activities.push_back({filler(i), 0});
    for (std::size_t i = 0; i < 10; ++i)
        many.activities.push_back({filler(max + i), 0});
    CHECK(app::check_change(log, many, packs(), today) ==
          "your records already hold 100000 activities, the most one log can have.");

    // Two deletes (a stored record, named twice, and a new one): max - 1.
    many.delete_activities.push_back({"a5", 1});
    many.delete_activities.push_back({"a" + std::to_string(max + 3), 0});
    many.delete_activities.push_back({"a5", 1});
    CHECK(app::check_change(log, many, packs(), today).empty());
    // A delete of a never-stored id removes nothing.
    many.delete_activities.push_back({"no-such-id", 0});
    many.activities.push_back({filler(max + 20), 0});
    CHECK(app::check_change(log, many, packs(), today).empty()); // max
    many.activities.push_back({filler(max + 21), 0});
    CHECK(app::check_change(log, many, packs(), today) ==
          "your records already hold 100000 activities, the most one log can have.");
    many.activities.resize(many.activities.size() - 2);

    // The locked course, among many changes, is found in the index.
    many.delete_activities.push_back({"late", 0});
    CHECK(app::check_change(log, many, packs(), today) == lock_words());
}

TEST_CASE("a finalized statement refuses the same record with the same words from the form") {
    Rig rig(true);
    rig.state.intents.push_back(ui::SaveActivity{late_course(), {}});
    rig.settle();
    CHECK_FALSE(rig.has_late());
    REQUIRE_FALSE(rig.state.toasts.empty());
    CHECK(rig.state.toasts.back().error);
    CHECK(rig.state.toasts.back().text == "Not saved: " + lock_words());
}

TEST_CASE("an import committed after the statement was finalized is refused with the same words") {
    Rig rig(false);
    rig.reports.file_arrived(rig.state, "late.csv", bytes_of("Date,Title,Hours\n2025-02-10,Late certificate,2\n"));
    rig.settle();
    REQUIRE(rig.state.reports.import.error.empty());
    REQUIRE(rig.state.reports.import.activities.size() == 1);
    // The statement is finalized (another tab, or this one) while the import dialog is open.
    storage::ChangeSet fin;
    fin.credentials.push_back({acsm_cpt(true), 1});
    rig.store.commit(std::move(fin));
    rig.settle();
    REQUIRE(rig.store.committed().credentials[0].statements.size() == 1);

    rig.state.intents.push_back(ui::ReportRequest{ui::ReportKind::import_commit, -1, {}});
    rig.settle();
    CHECK_FALSE(rig.has_late());
    CHECK(rig.state.reports.import.open);
    CHECK(rig.state.reports.import.error == "late.csv: " + lock_words());
}

TEST_CASE("a backup restore into a finalized period is refused with the same words, nothing written") {
    Rig rig(true);
    core::Log backup = Rig::initial(true);
    backup.activities.push_back(late_course());
    backup.activities[0].rev = 1;
    const core::Log before = rig.store.committed();

    ui::RestoreBackup pick;
    pick.file_name = "recert-backup.json";
    pick.bytes = bytes_of(core::encode_log(backup));
    rig.state.intents.push_back(pick);
    rig.settle();
    REQUIRE(rig.state.restore.stage == ui::RestoreDialog::Stage::summary);
    REQUIRE(rig.state.restore.added == std::vector<std::string>{"Late certificate"});

    rig.state.intents.push_back(ui::RestoreBackup{ui::RestoreBackup::Step::apply, false});
    rig.settle();
    CHECK(rig.store.committed() == before);
    CHECK(rig.state.restore.stage == ui::RestoreDialog::Stage::summary);
    CHECK(rig.state.restore.error == "Nothing was restored: " + lock_words());
}

TEST_CASE("a restore outside any finalized period still goes through the writer and is applied") {
    Rig rig(false);
    core::Log backup = Rig::initial(false);
    backup.activities.push_back(late_course());
    backup.activities[0].rev = 1;
    ui::RestoreBackup pick;
    pick.file_name = "recert-backup.json";
    pick.bytes = bytes_of(core::encode_log(backup));
    rig.state.intents.push_back(pick);
    rig.settle();
    rig.state.intents.push_back(ui::RestoreBackup{ui::RestoreBackup::Step::apply, false});
    rig.settle();
    CHECK(rig.has_late());
    CHECK(rig.state.toasts.back().text == "Backup restored: 1 added, 0 updated");
}

TEST_CASE("the writer reports a store failure and a refusal in one shape") {
    storage::MemoryStore store;
    store.open();
    store.poll();
    app::RecordWriter writer(store, packs());
    storage::ChangeSet bad;
    core::Activity untitled = late_course();
    untitled.title.clear();
    bad.activities.push_back({untitled, 0});
    const app::WriteId refused = writer.write(bad, day("2025-03-11"));
    CHECK(writer.result(refused).refused());
    CHECK(writer.result(refused).message == "Enter the course or activity title.");
    CHECK(store.committed().activities.empty());

    storage::ChangeSet good;
    good.activities.push_back({late_course(), 0});
    store.fail_next_commit("Your browser's storage is full.");
    const app::WriteId failed = writer.write(good, day("2025-03-11"));
    CHECK(writer.result(failed).pending());
    store.poll();
    CHECK(writer.result(failed).state == app::WriteResult::State::failed);
    CHECK(writer.result(failed).message == "Your browser's storage is full.");

    const app::WriteId ok = writer.write(good, day("2025-03-11"));
    store.poll();
    CHECK(writer.result(ok).ok());
    CHECK(store.committed().activities.size() == 1);
}
