// The in-memory store: compare-and-set with both versions on conflict, all-or-nothing commits,
// staged evidence files (deduplicated), and the restore flow (validate, plan, apply or nothing).
#include "storage/store_memory.h"

#include "core/log_codec.h"
#include "fixtures.h"
#include "storage/evidence.h"

#include <catch2/catch.hpp>

using namespace recert;
using namespace recert::storage;
using namespace recert::storage::test;

namespace {

MemoryStore opened(core::Log log = {}) {
    MemoryStore s(std::move(log));
    s.open();
    s.poll();
    return s;
}

// Polls until operation `id` is over (a backup is read a slice a poll() at a time).
const OpStatus& run(MemoryStore& s, OpId id) {
    for (int i = 0; i < 1000; ++i) {
        s.poll();
        if (s.status(id).state != OpState::pending)
            break;
    }
    return s.status(id);
}

} // namespace

TEST_CASE("a stale revision fails the whole commit and reports both versions") {
    MemoryStore s = opened();
    ChangeSet first;
    first.activities.push_back({activity("a1", "v1", 0), 0});
    first.activities.push_back({activity("a2", "other", 0), 0});
    REQUIRE(run(s, s.commit(first)).state == OpState::ok);
    CHECK(s.committed().activities[0].rev == 1);

    ChangeSet mine, theirs;
    theirs.activities.push_back({activity("a1", "edited in tab B"), 1});
    REQUIRE(run(s, s.commit(theirs)).state == OpState::ok);
    mine.activities.push_back({activity("a2", "edited too"), 1});
    mine.activities.push_back({activity("a1", "edited in tab A"), 1}); // stale: a1 is at rev 2 now
    const OpStatus& st = run(s, s.commit(mine));
    REQUIRE(st.state == OpState::failed);
    CHECK_THAT(st.error, Catch::StartsWith("This activity was changed in another tab. Nothing was saved"));
    REQUIRE(st.conflicts.size() == 1);
    CHECK(st.conflicts[0].id == "a1");
    CHECK(st.conflicts[0].expected_rev == 1);
    CHECK(st.conflicts[0].stored_rev == 2);
    CHECK(st.conflicts[0].stored_activity->title == "edited in tab B");
    CHECK(st.conflicts[0].attempted_activity->title == "edited in tab A");
    // Nothing of the failed commit was written, not even the non-conflicting a2.
    CHECK(s.committed().activities[1].title == "other");
    CHECK(s.committed().activities[0].title == "edited in tab B");
}

TEST_CASE("a change of many records (indexed) checks, edits, adds and deletes as a change of a few") {
    // Over 16 records, the store looks them up through an index built once per commit.
    MemoryStore s = opened();
    ChangeSet seed;
    for (int i = 0; i < 40; ++i)
        seed.activities.push_back({activity("a" + std::to_string(i), "v1", 0), 0});
    REQUIRE(run(s, s.commit(seed)).state == OpState::ok);

    ChangeSet many; // 20 edits, 10 new records, 8 deletes
    for (int i = 0; i < 20; ++i)
        many.activities.push_back({activity("a" + std::to_string(i), "v2"), 1});
    for (int i = 40; i < 50; ++i)
        many.activities.push_back({activity("a" + std::to_string(i), "new", 0), 0});
    for (int i = 30; i < 38; ++i)
        many.delete_activities.push_back({"a" + std::to_string(i), 1});
    ChangeSet stale = many;
    stale.activities[7].expected_rev = 0;   // a7 exists: creating it again is a conflict
    stale.delete_activities[3].expected_rev = 2; // a33 is at rev 1
    const OpStatus& refused = run(s, s.commit(stale));
    REQUIRE(refused.state == OpState::failed);
    REQUIRE(refused.conflicts.size() == 2);
    CHECK(refused.conflicts[0].id == "a7");
    CHECK(refused.conflicts[0].stored_rev == 1);
    CHECK(refused.conflicts[1].id == "a33");
    CHECK(refused.conflicts[1].stored_rev == 1);
    CHECK(s.committed().activities.size() == 40); // nothing of it written

    REQUIRE(run(s, s.commit(many)).state == OpState::ok);
    const core::Log& log = s.committed();
    CHECK(log.activities.size() == 42);
    for (const core::Activity& a : log.activities) {
        const int i = std::stoi(a.id.substr(1));
        CHECK_FALSE((i >= 30 && i < 38));
        if (i < 20) {
            CHECK(a.title == "v2");
            CHECK(a.rev == 2);
        } else if (i < 40) {
            CHECK(a.title == "v1");
            CHECK(a.rev == 1);
        } else {
            CHECK(a.title == "new");
            CHECK(a.rev == 1);
        }
    }
}

TEST_CASE("deleting a record another tab changed is a conflict; creating an existing id too") {
    MemoryStore s = opened();
    ChangeSet c;
    c.credentials.push_back({credential("c1", 0), 0});
    REQUIRE(run(s, s.commit(c)).state == OpState::ok);
    ChangeSet del;
    del.delete_credentials.push_back({"c1", 7});
    const OpStatus& st = run(s, s.commit(del));
    REQUIRE(st.state == OpState::failed);
    REQUIRE(st.conflicts.size() == 1);
    CHECK(st.conflicts[0].kind == RecordKind::credential);
    CHECK(st.conflicts[0].stored_credential);
    CHECK_FALSE(st.conflicts[0].attempted_credential);
    const OpStatus& again = run(s, s.commit(c)); // expected_rev 0 but c1 exists
    REQUIRE(again.state == OpState::failed);
    CHECK(again.conflicts.size() == 1);
    CHECK(s.committed().credentials.size() == 1);
}

TEST_CASE("staged evidence is stored with the commit that references it, once per hash") {
    MemoryStore s = opened();
    PickedFile f = s.stage_evidence("dir/CPR card.pdf", pdf(), default_evidence_max_bytes);
    REQUIRE(f.error.empty());
    CHECK(f.ref.name == "CPR card.pdf");
    CHECK(f.ref.mime == "application/pdf");
    CHECK(f.ref.sha256 == sha256_hex(pdf()));
    CHECK_FALSE(s.attachment(f.ref.sha256)); // staged, not stored
    core::Activity a = activity("a1", "With card", 0);
    a.evidence.push_back(f.ref);
    ChangeSet c;
    c.activities.push_back({a, 0});
    c.attachments.push_back({f.ref, {}});
    REQUIRE(run(s, s.commit(c)).state == OpState::ok);
    REQUIRE(s.attachment(f.ref.sha256));
    CHECK(s.attachment(f.ref.sha256)->size == pdf().size());
    CHECK(s.attachments().at(f.ref.sha256).bytes == pdf());
    // The same bytes again under another name: deduplicated, the first name is kept.
    PickedFile g = s.stage_evidence("copy.pdf", pdf(), default_evidence_max_bytes);
    ChangeSet c2;
    c2.attachments.push_back({g.ref, {}});
    REQUIRE(run(s, s.commit(c2)).state == OpState::ok);
    CHECK(s.attachments().size() == 1);
    CHECK(s.attachment(g.ref.sha256)->name == "CPR card.pdf");
}

TEST_CASE("rejected evidence is not staged, and a commit naming an unknown file changes nothing") {
    MemoryStore s = opened();
    PickedFile bad = s.stage_evidence("notes.txt", bytes("hello"), default_evidence_max_bytes);
    CHECK(bad.error == "notes.txt: not a PDF, PNG, JPEG, HEIC or WebP file");
    PickedFile big = s.stage_evidence("big.pdf", pdf(std::string(100, 'x')), 50);
    CHECK(big.error == "big.pdf: 109 bytes is over the 50 bytes limit");
    ChangeSet c;
    c.activities.push_back({activity("a1", "x", 0), 0});
    c.attachments.push_back({{std::string(64, 'e'), "ghost.pdf", "application/pdf"}, {}});
    const OpStatus& st = run(s, s.commit(c));
    REQUIRE(st.state == OpState::failed);
    CHECK(st.error == "ghost.pdf: the file is no longer available; attach it again");
    CHECK(s.committed().activities.empty());
    ChangeSet wrong;
    wrong.attachments.push_back({{std::string(64, 'e'), "liar.pdf", "application/pdf"}, pdf()});
    CHECK(run(s, s.commit(wrong)).error == "liar.pdf: the file does not match its SHA-256");
    CHECK(s.attachments().empty());
}

TEST_CASE("a failed write leaves the committed state exactly as it was") {
    core::Log start;
    start.activities.push_back(activity("a1", "kept"));
    MemoryStore s = opened(start);
    s.fail_next_commit("Your browser's storage is full.");
    ChangeSet c;
    c.activities.push_back({activity("a1", "lost"), 1});
    c.settings_json = "{\"x\":1}";
    const OpStatus& st = run(s, s.commit(c));
    CHECK(st.state == OpState::failed);
    CHECK(s.committed() == start);
}

TEST_CASE("a json backup restores through plan and apply; garbage changes nothing") {
    core::Log here;
    here.activities.push_back(activity("a1", "here", 1));
    MemoryStore s = opened(here);
    core::Log backup;
    backup.activities.push_back(activity("a1", "newer in backup", 3));
    backup.activities.push_back(activity("a2", "added"));
    const std::string text = core::encode_log(backup);

    const OpStatus& bad = run(s, s.read_backup("backup.json", bytes(text.substr(0, 100))));
    REQUIRE(bad.state == OpState::failed);
    CHECK_THAT(bad.error, Catch::StartsWith("backup.json: invalid JSON at byte"));
    CHECK(s.restore_plan(RestoreMode::merge) == nullptr);
    CHECK(s.status(s.apply_restore(RestoreMode::merge)).error == "No backup is waiting to be restored.");
    CHECK(s.committed() == here);
    CHECK_THAT(s.status(s.read_backup("b.zip", bytes("PK\x03\x04junk"))).error,
               Catch::Contains("ZIP backups are read in the browser"));

    REQUIRE(run(s, s.read_backup("backup.json", bytes(text))).state == OpState::ok);
    const RestorePlan* plan = s.restore_plan(RestoreMode::merge);
    REQUIRE(plan);
    CHECK(plan->added.size() == 1);
    CHECK(plan->updated.size() == 1);
    CHECK(s.committed() == here); // planning writes nothing
    REQUIRE(run(s, s.apply_restore(RestoreMode::merge)).state == OpState::ok);
    REQUIRE(s.committed().activities.size() == 2);
    CHECK(s.committed().activities[0].title == "newer in backup");
    CHECK(s.committed().activities[0].rev == 2);
    CHECK(s.restore_plan(RestoreMode::merge) == nullptr); // dropped once applied
}

TEST_CASE("a restore fails as a whole when a record changed after planning") {
    core::Log here;
    here.activities.push_back(activity("a1", "here", 1));
    MemoryStore s = opened(here);
    core::Log backup;
    backup.activities.push_back(activity("a1", "backup", 2));
    backup.activities.push_back(activity("a2", "added"));
    REQUIRE(run(s, s.read_backup("b.json", bytes(core::encode_log(backup)))).state == OpState::ok);
    REQUIRE(s.restore_plan(RestoreMode::replace));
    ChangeSet other_tab;
    other_tab.activities.push_back({activity("a1", "other tab"), 1});
    OpId restore = s.apply_restore(RestoreMode::replace); // planned against rev 1
    OpId edit = s.commit(other_tab);                      // queued after: both run in this poll
    s.poll();
    CHECK(s.status(restore).state == OpState::ok);
    CHECK(s.status(edit).state == OpState::failed); // the later writer loses, whole
    CHECK(s.committed().activities.size() == 2);
}

TEST_CASE("a json export records the day of the last backup") {
    core::Log here;
    here.activities.push_back(activity("a1", "here"));
    MemoryStore s = opened(here);
    CHECK_FALSE(s.last_backup());
    REQUIRE(s.status(s.export_backup(BackupKind::json, day("2025-03-11"))).state == OpState::ok);
    CHECK(*s.last_backup() == day("2025-03-11"));
    auto back = core::decode_log(s.last_export());
    REQUIRE(back);
    CHECK(back.value() == here);
}

namespace {
// A store fed a backup the way the browser's visit-only store is: entries read elsewhere.
struct FedStore : MemoryStore {
    const OpStatus& accept_backup(BackupInput in, std::map<std::string, std::vector<std::uint8_t>> files) {
        const OpId id = start_op();
        read_backup_sliced(id, std::move(in), std::move(files));
        return run(*this, id);
    }
};
} // namespace

TEST_CASE("a ZIP backup read elsewhere restores its records and evidence bytes; a bad one stages nothing") {
    FedStore s;
    s.open();
    core::Log log;
    core::Activity a = activity("a1", "CPR class");
    const std::vector<std::uint8_t> file = pdf();
    const std::string sha = sha256_hex(file);
    a.evidence.push_back({sha, "card.pdf", "application/pdf"});
    log.activities.push_back(a);
    BackupInput in = zip_backup_input(log, file);
    const std::string path = in.entries[2].name;

    SECTION("good: the plan adds the record and the file, applying stores the bytes") {
        REQUIRE(s.accept_backup(in, {{path, file}}).state == OpState::ok);
        const RestorePlan* plan = s.restore_plan(RestoreMode::merge);
        REQUIRE(plan);
        CHECK(plan->added.size() == 1);
        CHECK(plan->files_added == 1);
        REQUIRE(run(s, s.apply_restore(RestoreMode::merge)).state == OpState::ok);
        REQUIRE(s.attachments().count(sha));
        CHECK(s.attachments().at(sha).bytes == file);
        CHECK(s.attachments().at(sha).ref.name == "card.pdf");
    }
    SECTION("bad: a file whose bytes do not match the manifest refuses the whole backup") {
        std::vector<std::uint8_t> tampered = file;
        tampered.back() ^= 1;
        in.entries[2].sha256 = sha256_hex(tampered);
        const OpStatus st = s.accept_backup(in, {{path, tampered}});
        CHECK(st.state == OpState::failed);
        CHECK(st.error.find("backup.zip") == 0);
        CHECK_FALSE(s.restore_plan(RestoreMode::merge));
        CHECK(run(s, s.apply_restore(RestoreMode::merge)).state == OpState::failed);
        CHECK(s.attachments().empty());
    }
}

TEST_CASE("a backup is read a slice at a time: the same result as one read, progress on the way") {
    core::Log log;
    for (int i = 0; i < 2000; ++i)
        log.activities.push_back(activity("a" + std::to_string(100000 + i), "Course " + std::to_string(i)));
    BackupInput in;
    in.file_name = "big.json";
    in.log_json = core::encode_log(log);
    const auto one_read = validate_backup(in, default_evidence_max_bytes);
    REQUIRE(one_read);

    BackupReader reader(in, default_evidence_max_bytes);
    std::vector<float> seen;
    while (!reader.step(0)) // one step of the log at a time
        seen.push_back(reader.progress());
    CHECK(seen.size() >= 8); // 2,000 activities, 256 a step
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(seen.front() < 0.25f);
    CHECK(reader.progress() == 1.0f);
    auto sliced = reader.take();
    REQUIRE(sliced);
    CHECK(sliced.value().log == one_read.value().log);

    SECTION("an error is the same one, located") {
        in.log_json.replace(in.log_json.find("\"Course 1500\""), 13, "17");
        const auto bad = validate_backup(in, default_evidence_max_bytes);
        REQUIRE_FALSE(bad);
        BackupReader r(in, default_evidence_max_bytes);
        while (!r.step(0)) {
        }
        auto e = r.take();
        REQUIRE_FALSE(e);
        CHECK(e.error().to_string() == bad.error().to_string());
        CHECK_THAT(e.error().to_string(), Catch::StartsWith("big.json: /activities/1500/title"));
    }
}

TEST_CASE("the store reads a large backup over several polls; Cancel stops it and changes nothing; the next read works") {
    core::Log here;
    here.activities.push_back(activity("keep", "Kept"));
    MemoryStore s = opened(here);
    core::Log log;
    for (int i = 0; i < 50000; ++i)
        log.activities.push_back(activity("b" + std::to_string(100000 + i), "Course " + std::to_string(i)));
    const std::vector<std::uint8_t> text = bytes(core::encode_log(log));

    const OpId first = s.read_backup("big.json", text);
    s.poll(); // a 30 ms slice: 50,000 activities take longer than that to decode
    REQUIRE(s.status(first).state == OpState::pending);
    // On a busy machine the first slices may end before the first activities are decoded (the depth
    // scan comes first): poll until some progress shows, as the app's frames do.
    for (int i = 0; i < 100 && s.status(first).progress == 0.0f && s.status(first).state == OpState::pending; ++i)
        s.poll();
    REQUIRE(s.status(first).state == OpState::pending);
    CHECK(s.status(first).progress > 0.0f);
    CHECK(s.status(first).progress < 1.0f);
    s.cancel_restore();
    CHECK(s.status(first).state == OpState::failed);
    CHECK(s.status(first).error == "Cancelled; nothing was changed.");
    for (int i = 0; i < 5; ++i)
        s.poll();
    CHECK(s.status(first).state == OpState::failed); // a cancelled read never comes back
    CHECK_FALSE(s.restore_plan(RestoreMode::merge));
    CHECK(s.committed() == here);

    const OpId second = s.read_backup("big.json", text);
    REQUIRE(run(s, second).state == OpState::ok);
    const RestorePlan* plan = s.restore_plan(RestoreMode::merge);
    REQUIRE(plan);
    CHECK(plan->added.size() == 50000);
    CHECK(s.committed() == here); // read and planned; nothing written yet
}
