// The storage interface: the person's whole record (credentials, activities, settings, evidence
// files) behind an asynchronous, explicitly stateful API. Implementations: IndexedDB in the
// browser (store_web.cpp) and in memory for native tests (store_memory.cpp). Nothing here blocks:
// every operation returns at once and is polled (idle / pending / ok / failed).
#pragma once

#include "core/model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace recert::storage {

enum class OpState : std::uint8_t { idle, pending, ok, failed };

enum class RecordKind : std::uint8_t { credential, activity };

// Two versions of one record that disagree. For a failed commit: `stored` is what the store holds
// now (nullopt = deleted by another tab), `attempted` what the commit tried to write (nullopt = a
// delete). For a restore plan: `stored` is the current record, `attempted` the backup's.
// Exactly the *_credential or the *_activity pair is used, per `kind`.
struct Conflict {
    RecordKind kind = RecordKind::activity;
    std::string id;
    std::int64_t expected_rev = 0; // the revision the change was based on
    std::int64_t stored_rev = 0;   // the revision in the store (0 = absent)
    std::optional<core::Credential> stored_credential, attempted_credential;
    std::optional<core::Activity> stored_activity, attempted_activity;
};

// Sets c.kind and copies the versions that exist (null = deleted / absent).
void set_versions(Conflict& c, const core::Credential* stored, const core::Credential* attempted);
void set_versions(Conflict& c, const core::Activity* stored, const core::Activity* attempted);

struct OpStatus {
    OpState state = OpState::idle;
    std::string error; // plain words for the person when failed ("Your browser's storage is full…")
    // When a commit failed because records changed elsewhere: each one with both versions.
    std::vector<Conflict> conflicts;
    // How far a pending read has come, 0…1, where the store can tell (reading a backup); else -1.
    float progress = -1.0f;
};

using OpId = std::uint64_t;

// One atomic change. Records carry the revision the caller last saw in `expected_rev`
// (0 = the record must not exist yet); the store writes rev = expected_rev + 1. If any record's
// stored revision differs (another tab changed it) the whole change fails with a conflict and
// nothing is written.
struct CredentialPut {
    core::Credential record;
    std::int64_t expected_rev = 0;
};
struct ActivityPut {
    core::Activity record;
    std::int64_t expected_rev = 0;
};
struct Delete {
    std::string id;
    std::int64_t expected_rev = 0;
};
// An evidence file: bytes plus metadata; stored once per SHA-256 (deduplicated).
// `bytes` may be empty when the file was staged by the store itself (a backup being restored, or
// EvidenceStaging in tests): the store then takes the staged bytes with that SHA-256, or keeps the
// file it already holds. A commit naming a file that is neither given, staged nor stored fails.
// The web store verifies that the bytes hash to ref.sha256 and fails the commit otherwise.
struct Attachment {
    core::EvidenceRef ref;
    std::vector<std::uint8_t> bytes;
};

// What the store knows about a stored evidence file (without its bytes).
struct AttachmentInfo {
    std::string sha256;
    std::string name; // original file name, made safe (storage/evidence.h safe_file_name)
    std::string mime;
    std::uint64_t size = 0;
};

struct ChangeSet {
    std::vector<CredentialPut> credentials;
    std::vector<ActivityPut> activities;
    std::vector<Delete> delete_credentials;
    std::vector<Delete> delete_activities;
    std::vector<Attachment> attachments;
    std::optional<std::string> settings_json;
    std::optional<core::Person> person;
    bool empty() const {
        return credentials.empty() && activities.empty() && delete_credentials.empty() &&
               delete_activities.empty() && attachments.empty() && !settings_json && !person;
    }
};

// One file of a ZIP the store writes (export_zip): generated text, or a stored evidence file by SHA-256
// (then `text` is empty).
struct ZipEntry {
    std::string path;
    std::string text;
    std::string sha256;
};

struct StorageEstimate {
    bool known = false;             // false until the browser answered (or where it has no such API)
    bool persistent = false;        // true: the browser will not evict the data under storage pressure
    bool persist_requested = false; // navigator.storage.persist() was asked (after the first save)
    std::uint64_t usage = 0;        // bytes used by this origin (navigator.storage.estimate())
    std::uint64_t quota = 0;        // bytes this origin may use
    // Settings shows a warning when this is true: the browser may clear the data to free space.
    bool best_effort() const { return known && !persistent; }
};

enum class BackupKind : std::uint8_t { zip, json };

// Where the records are kept. A page on another site's frame (an embedded Recert) may get a
// store of its own for that site (partitioned), none at all (blocked), or the person may choose to
// keep nothing past this visit (session_only: an in-memory store).
enum class StorageSituation : std::uint8_t { unknown, first_party, partitioned, blocked, session_only };
enum class RestoreMode : std::uint8_t { merge, replace };

struct RestorePlan; // storage/restore.h

class Store {
  public:
    virtual ~Store() = default;

    // Starts opening the database and loading everything. Poll load_status().
    virtual void open() = 0;
    virtual const OpStatus& load_status() const = 0;

    // The last committed state (valid once load_status() is ok). Credentials and activities
    // carry their stored `rev`. Never reflects a change that failed.
    virtual const core::Log& committed() const = 0;

    // Starts writing `changes` in one transaction. Poll status(id); when it turns ok,
    // committed() already includes the change; when failed, committed() is unchanged.
    virtual OpId commit(ChangeSet changes) = 0;
    virtual const OpStatus& status(OpId id) const = 0;

    // Advances completions (call once per frame). Returns true when committed() changed,
    // including changes made by another tab.
    virtual bool poll() = 0;

    virtual StorageEstimate estimate() const = 0;

    // [SECTION] Lifecycle notices (defaults: never)

    // True once another tab upgraded the database (or it was deleted): this tab closed its
    // connection and must be reloaded; every later commit fails. notice() says so in plain words.
    virtual bool needs_reload() const { return false; }
    // A plain-words notice for a banner, "" when none ("Close the other Recert tabs to finish
    // updating your data." while an upgrade is blocked; the reload request above).
    virtual std::string notice() const { return {}; }
    // Where the records are kept; known once load_status() is ok (or failed with `blocked`).
    virtual StorageSituation situation() const { return StorageSituation::first_party; }
    // After `blocked`: asks the browser for this page's storage (the Storage Access API; call it
    // from the person's click) and opens the records again; load_status() is pending meanwhile.
    virtual void request_access() {}

    // [SECTION] Evidence files

    // Metadata of a stored file, or nullopt.
    virtual std::optional<AttachmentInfo> attachment(const std::string& sha256) const = 0;
    // Shows a stored file in a new tab (view) or saves it under its original name (download).
    // Fails (status) when the file is not stored.
    virtual OpId open_attachment(const std::string& sha256, bool download) = 0;

    // [SECTION] Backup and restore

    // Writes everything to one file and offers it as a download: zip = log.json + manifest.json +
    // every evidence file; json = the log only (no files). `today` names the file and, once the
    // download was handed to the browser, becomes last_backup().
    virtual OpId export_backup(BackupKind kind, core::Date today) = 0;
    // The day of the last successful export, if any.
    virtual std::optional<core::Date> last_backup() const = 0;

    // Reads a backup (the picker, or bytes from the host page / tests), validates all of it and
    // keeps it staged; nothing is written. When the op is ok, restore_plan() describes the change;
    // when failed, the error names the file and the place ("backup.zip: entry \"../x\": ...").
    virtual OpId pick_backup_file() = 0;
    virtual OpId read_backup(const std::string& file_name, std::vector<std::uint8_t> bytes) = 0;
    // What applying the staged backup in `mode` would do, against committed() now; nullptr when
    // no backup is staged. Valid until the next call of any non-const member.
    virtual const RestorePlan* restore_plan(RestoreMode mode) = 0;
    // Applies the staged backup in one transaction (all or nothing; a record changed meanwhile
    // fails it with conflicts). The staged backup is dropped when the op finishes ok.
    virtual OpId apply_restore(RestoreMode mode) = 0;
    virtual void cancel_restore() = 0;

    // [SECTION] Reports

    // Writes one ZIP (entries in order; evidence read from storage) and offers it as a download named
    // `file_name`. Fails, naming the file, when an evidence file is not stored; nothing is changed.
    virtual OpId export_zip(const std::string& file_name, std::vector<ZipEntry> entries) = 0;
};

} // namespace recert::storage
