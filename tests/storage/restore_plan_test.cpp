// Restore planning: merge adds, updates (newer revision) and reports conflicts with both versions;
// replace makes the store equal the backup; revisions always increase; the 30-day reminder.
#include "storage/restore.h"

#include "fixtures.h"

#include <catch2/catch.hpp>

using namespace recert;
using namespace recert::storage;
using namespace recert::storage::test;

namespace {

core::Log current_log() {
    core::Log log;
    log.credentials.push_back(credential("c1", 2));
    log.activities.push_back(activity("same", "Same course", 3));
    log.activities.push_back(activity("newer", "Old title", 2));
    log.activities.push_back(activity("edited-here", "Edited here", 5));
    log.activities.push_back(activity("only-here", "Only here", 1));
    return log;
}

core::Log backup_log() {
    core::Log log;
    log.credentials.push_back(credential("c1", 2));
    log.activities.push_back(activity("same", "Same course", 1)); // same content, other revision
    log.activities.push_back(activity("newer", "New title", 4));
    log.activities.push_back(activity("edited-here", "Edited in backup", 5));
    log.activities.push_back(activity("only-backup", "Only in backup", 7));
    log.settings_json = R"({"theme":"dark"})";
    log.person.name = "Sam";
    return log;
}

std::vector<std::string> ids(const std::vector<RecordRef>& refs) {
    std::vector<std::string> out;
    for (const auto& r : refs)
        out.push_back(r.id);
    return out;
}

} // namespace

TEST_CASE("merge adds new records, updates newer ones and keeps records edited here as conflicts") {
    RestorePlan p = plan_restore(current_log(), backup_log(), RestoreMode::merge);
    CHECK(ids(p.added) == std::vector<std::string>{"only-backup"});
    CHECK(ids(p.updated) == std::vector<std::string>{"newer"});
    CHECK(ids(p.unchanged) == std::vector<std::string>{"c1", "same"});
    CHECK(p.removed.empty());
    REQUIRE(p.conflicts.size() == 1);
    const Conflict& c = p.conflicts[0];
    CHECK(c.id == "edited-here");
    CHECK(c.stored_activity->title == "Edited here");
    CHECK(c.attempted_activity->title == "Edited in backup");
    // Exactly the added and updated records are written, compare-and-set against what is here.
    REQUIRE(p.changes.activities.size() == 2);
    CHECK(p.changes.activities[0].record.id == "newer");
    CHECK(p.changes.activities[0].expected_rev == 2);
    CHECK(p.changes.activities[1].record.id == "only-backup");
    CHECK(p.changes.activities[1].expected_rev == 0);
    CHECK(p.changes.delete_activities.empty());
    // Settings and name only fill what is unset here.
    CHECK(p.settings_changed);
    CHECK(p.person_changed);
    core::Log named = current_log();
    named.person.name = "Alex";
    named.settings_json = R"({"theme":"light"})";
    RestorePlan q = plan_restore(named, backup_log(), RestoreMode::merge);
    CHECK_FALSE(q.person_changed);
    CHECK_FALSE(q.settings_changed);
    CHECK_FALSE(q.changes.person);
}

TEST_CASE("replace makes the store hold exactly the backup and never reports conflicts") {
    RestorePlan p = plan_restore(current_log(), backup_log(), RestoreMode::replace);
    CHECK(ids(p.added) == std::vector<std::string>{"only-backup"});
    CHECK(ids(p.updated) == std::vector<std::string>{"newer", "edited-here"});
    CHECK(ids(p.removed) == std::vector<std::string>{"only-here"});
    CHECK(p.conflicts.empty());
    REQUIRE(p.changes.delete_activities.size() == 1);
    CHECK(p.changes.delete_activities[0].expected_rev == 1);
    // Revisions keep increasing: an update is based on the revision here.
    for (const auto& put : p.changes.activities)
        if (put.record.id == "edited-here")
            CHECK(put.expected_rev == 5);
}

TEST_CASE("restoring a backup of the same state changes nothing") {
    core::Log log = current_log();
    RestorePlan p = plan_restore(log, log, RestoreMode::merge);
    CHECK(p.changes.empty());
    CHECK(p.unchanged.size() == 5);
    RestorePlan r = plan_restore(log, log, RestoreMode::replace);
    CHECK(r.changes.empty());
}

TEST_CASE("files in the backup not stored yet are staged attachments; missing files are listed") {
    ValidBackup b;
    b.file_name = "backup.zip";
    b.log.activities.push_back(activity("a", "With files"));
    b.log.activities[0].evidence.push_back({std::string(64, 'a'), "a.pdf", "application/pdf"});
    b.log.activities[0].evidence.push_back({std::string(64, 'b'), "b.pdf", "application/pdf"});
    b.log.activities[0].evidence.push_back({std::string(64, 'c'), "c.pdf", "application/pdf"});
    b.files.push_back({"", std::string(64, 'a'), 3, "application/pdf", "a.pdf"});
    b.files.push_back({"", std::string(64, 'd'), 3, "application/pdf", "d.pdf"});
    auto stored = [](const std::string& sha) {
        return sha == std::string(64, 'b') || sha == std::string(64, 'd');
    };
    RestorePlan p = plan_backup_restore({}, b, RestoreMode::merge, stored);
    CHECK(p.files_added == 1);
    REQUIRE(p.changes.attachments.size() == 1);
    CHECK(p.changes.attachments[0].ref.sha256 == std::string(64, 'a'));
    CHECK(p.changes.attachments[0].bytes.empty());
    CHECK(p.evidence_missing == std::vector<std::string>{std::string(64, 'c')});
}

TEST_CASE("the backup reminder is due after 30 days, or when there never was a backup") {
    core::Log empty;
    core::Log log = current_log();
    CHECK_FALSE(backup_reminder_due(empty, std::nullopt, day("2025-03-11")));
    CHECK(backup_reminder_due(log, std::nullopt, day("2025-03-11")));
    CHECK_FALSE(backup_reminder_due(log, day("2025-02-09"), day("2025-03-11"))); // 30 days
    CHECK(backup_reminder_due(log, day("2025-02-08"), day("2025-03-11")));       // 31 days
}

TEST_CASE("a backup carries the whole profile; a merge keeps a profile already filled in here") {
    core::Log backup = backup_log();
    backup.person.email = "sam@example.org";
    auto read = core::decode_log(core::encode_log(backup)); // through the backup file's format
    REQUIRE(read.ok());
    RestorePlan p = plan_restore(current_log(), read.value(), RestoreMode::merge);
    REQUIRE(p.changes.person);
    CHECK(*p.changes.person == core::Person{"Sam", "sam@example.org"});
    // Only an email given here (no name yet): still the person's own profile, not replaced.
    core::Log here = current_log();
    here.person.email = "me@example.org";
    RestorePlan q = plan_restore(here, read.value(), RestoreMode::merge);
    CHECK_FALSE(q.person_changed);
    CHECK_FALSE(q.changes.person);
    CHECK(plan_restore(here, read.value(), RestoreMode::replace).changes.person == read.value().person);
}

TEST_CASE("the restore summary names a credential as a person knows it") {
    core::Log backup = backup_log();
    backup.credentials[0].body = "acsm";
    backup.credentials[0].program = "cpt";
    RestorePlan p = plan_restore(core::Log{}, backup, RestoreMode::merge);
    REQUIRE_FALSE(p.added.empty());
    CHECK(p.added[0].label == "ACSM CPT");
}
