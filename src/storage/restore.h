// Backup and restore, the pure part: the backup ZIP's layout and manifest, validation of a whole
// backup before anything is written (entry names, manifest, log, file sizes and hashes), the plan
// of what a restore would change (added, updated, unchanged, conflicts, removed) with the ChangeSet
// that applies it, and the 30-day backup reminder. The browser side (reading the file, fflate,
// hashing, IndexedDB) lives in src/platform/web (recert_web.js, store_web.cpp).
//
// Backup ZIP layout (version 1):
//   manifest.json            {"format": "recert-backup", "version": 1, "created": "2025-03-11",
//                             "log": "log.json", "files": [{"path": "evidence/<sha256>.pdf",
//                             "sha256": "…", "size": 1234, "mime": "application/pdf",
//                             "name": "CPR card.pdf"}]}
//   log.json                 the recert-log document (src/core/LOG_FORMAT.md)
//   evidence/<sha256>.<ext>  each stored evidence file, byte for byte
// Nothing else is accepted in a backup ZIP. A JSON-only backup is the log.json document alone.
#pragma once

#include "core/log_codec.h"
#include "core/model.h"
#include "core/result.h"
#include "storage/store.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert::storage {

inline constexpr int backup_format_version = 1;
inline constexpr int backup_reminder_days = 30;

// What a backup ZIP may unpack to. The browser's reader (recert_web.js, RecertZip) counts the bytes
// as they come out of the archive, never the sizes its headers claim, and stops at the first limit;
// validate_backup() checks the same numbers again. Evidence files: default_evidence_max_bytes.
inline constexpr std::uint64_t max_backup_text_bytes = 64'000'000;      // log.json, manifest.json: "64 MB"
inline constexpr std::uint64_t max_backup_unpacked_bytes = 256'000'000; // everything together: "256 MB"
inline constexpr std::size_t max_backup_entries = 10'002;               // 10,000 evidence files + 2

// [SECTION] Layout and manifest

struct BackupFile {
    std::string path; // entry name in the ZIP: "evidence/<sha256>.<ext>"
    std::string sha256;
    std::uint64_t size = 0;
    std::string mime;
    std::string name; // the original file name (made safe), for downloads; never used as a path
};

struct BackupManifest {
    std::string created; // "YYYY-MM-DD"
    std::vector<BackupFile> files;
};

// "evidence/<sha256>.<ext>" with the extension of the MIME type ("bin" if unknown).
std::string evidence_entry_path(const std::string& sha256, std::string_view mime);

// The manifest for `files`, sorted by sha256 (deterministic output).
BackupManifest make_manifest(std::vector<AttachmentInfo> files, core::Date created);
std::string encode_manifest(const BackupManifest& m);
// Strict, located decoding ("manifest.json: /files/2/sha256: expected 64 lowercase hex digits").
core::Result<BackupManifest> decode_manifest(std::string_view text, std::string_view file = "manifest.json");

// Why a ZIP entry name is unacceptable, or nullopt when it is a plain relative path: rejects empty
// names, absolute paths ("/x", "C:x"), backslashes, "." / ".." parts, empty parts ("a//b"),
// control characters, and names over 255 bytes.
std::optional<std::string> zip_entry_name_problem(std::string_view name);

// [SECTION] Validation

// What the reader found in a backup file. For a ZIP: every entry's name and uncompressed size,
// the SHA-256 the reader computed for each evidence entry, and the texts of manifest.json and
// log.json. For a JSON-only backup: just the text.
struct BackupEntry {
    std::string name;
    std::uint64_t size = 0;
    std::string sha256; // computed from the entry's bytes; "" for manifest.json / log.json
};
struct BackupInput {
    std::string file_name; // as the person chose it, used in messages
    bool zip = false;
    std::string log_json;
    std::string manifest_json;
    std::vector<BackupEntry> entries;
};

struct ValidBackup {
    std::string file_name;
    std::string created; // from the manifest; "" for a JSON-only backup
    core::Log log;
    std::vector<BackupFile> files; // evidence files in the backup (none for JSON-only)
};

// Validates the whole backup. On error the message names the file and the place:
//   "backup.zip: entry \"../x\": the path leaves the backup folder"
//   "backup.zip: log.json: /activities/3/amount: expected a decimal string like \"1.5\" …"
//   "backup.zip: manifest.json: /version: unsupported backup version 7 (this build reads 1)"
//   "backup.zip: evidence/…pdf: the file does not match its SHA-256 (damaged backup)"
// Evidence refs of the log without a file in the backup are accepted (a JSON-only backup has none);
// restore plans list them as missing.
core::Result<ValidBackup> validate_backup(const BackupInput& in, std::uint64_t max_file_bytes);
// The same, with in.log_json already decoded (a core::LogReader read it a slice at a time, named
// "log.json" for a ZIP and unnamed for a JSON backup, as validate_backup would).
core::Result<ValidBackup> validate_backup(const BackupInput& in, std::uint64_t max_file_bytes,
                                          core::Result<core::Log> decoded);

// Reads a backup a slice at a time, so the page keeps answering (a 64 MB log.json is hundreds of
// milliseconds of work): its log is decoded by a core::LogReader, then the backup is checked in a
// step of its own. Both stores read backups through it.
// How long one step() of a backup read may work: a frame's share, in both stores' poll().
inline constexpr double backup_read_slice_ms = 30.0;

class BackupReader {
  public:
    BackupReader(BackupInput in, std::uint64_t max_file_bytes);
    // Works for about `budget_ms` (at least one step); true once take() has the result.
    bool step(double budget_ms);
    // 0…1. A ZIP's entries were inflated before its log is read: its log counts from 0.9.
    float progress() const;
    // validate_backup()'s result, once step() returned true.
    core::Result<ValidBackup> take();

  private:
    std::unique_ptr<BackupInput> m_in; // read in place by m_log: it must not move
    std::uint64_t m_max_file_bytes;
    std::optional<core::LogReader> m_log;
    bool m_decoded = false;
    std::optional<core::Result<ValidBackup>> m_result;
};

// [SECTION] Planning

struct RecordRef {
    RecordKind kind = RecordKind::activity;
    std::string id;
    std::string label; // activity title, or "body program" for a credential
};

// What a restore would do. Merge (default): records only in the backup are added; a record in
// both that differs is updated when the backup's revision is higher, else it is a conflict (this
// device's record was edited at least as often) and is kept here, listed with both versions;
// records only here are kept; settings and name are taken from the backup only when unset here.
// Replace: afterwards the store holds exactly the backup's records (others are removed), settings
// and name; never conflicts. Revisions keep increasing either way (writes are compare-and-set
// against the revisions seen when planning, so a record changed meanwhile fails the whole restore).
struct RestorePlan {
    RestoreMode mode = RestoreMode::merge;
    std::string file_name;
    std::string created;
    std::vector<RecordRef> added, updated, unchanged, removed;
    std::vector<Conflict> conflicts;
    bool settings_changed = false;
    bool person_changed = false;
    std::size_t files_added = 0;               // evidence files to store (not stored yet)
    std::vector<std::string> evidence_missing; // sha256 referenced by restored records, in no file
    ChangeSet changes;                         // exactly the above; attachments carry no bytes (staged)
};

RestorePlan plan_restore(const core::Log& current, const core::Log& incoming, RestoreMode mode);

// plan_restore plus the evidence files: `stored(sha256)` says whether the store holds a file.
// Files of the backup not stored yet become Attachments without bytes (the store has them staged).
RestorePlan plan_backup_restore(const core::Log& current, const ValidBackup& backup, RestoreMode mode,
                                const std::function<bool(const std::string&)>& stored);

// True when the person has something to lose (a credential or an activity) and the last backup is
// missing or more than 30 days before `today`.
bool backup_reminder_due(const core::Log& log, std::optional<core::Date> last_backup, core::Date today);

// Every evidence ref in the log (activities, prerequisite cards, renewal receipts).
std::vector<core::EvidenceRef> evidence_refs(const core::Log& log);
// The same for one record.
void for_each_evidence_ref(const core::Activity& a, const std::function<void(const core::EvidenceRef&)>& f);
void for_each_evidence_ref(const core::Credential& c, const std::function<void(const core::EvidenceRef&)>& f);

} // namespace recert::storage
