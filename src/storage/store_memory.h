// An in-memory Store: the same compare-and-set semantics as the IndexedDB store, completing each
// commit on the next poll(). Used by native tests and as the fallback when IndexedDB is missing.
// Natively there is no file picker and no ZIP reader: pick_* fail, read_backup takes JSON only.
// The browser's "this visit only" store (src/platform/web/session_store.h) derives from it.
#pragma once

#include "storage/evidence_staging.h"
#include "storage/restore.h"
#include "storage/store.h"

#include <map>
#include <set>

namespace recert::storage {

class MemoryStore : public Store, public EvidenceStaging {
  public:
    explicit MemoryStore(core::Log initial = {});

    void open() override;
    const OpStatus& load_status() const override { return m_load; }
    const core::Log& committed() const override { return m_log; }
    OpId commit(ChangeSet changes) override;
    const OpStatus& status(OpId id) const override;
    bool poll() override;
    StorageEstimate estimate() const override { return {}; }

    std::optional<AttachmentInfo> attachment(const std::string& sha256) const override;
    OpId pick_evidence_files(std::uint64_t max_bytes) override;
    std::vector<PickedFile> take_picked_files() override;
    PickedFile stage_evidence(const std::string& name, std::vector<std::uint8_t> bytes,
                              std::uint64_t max_bytes) override;
    OpId open_attachment(const std::string& sha256, bool download) override;

    OpId export_backup(BackupKind kind, core::Date today) override;
    std::optional<core::Date> last_backup() const override { return m_last_backup; }
    OpId pick_backup_file() override;
    OpId read_backup(const std::string& file_name, std::vector<std::uint8_t> bytes) override;
    const RestorePlan* restore_plan(RestoreMode mode) override;
    OpId apply_restore(RestoreMode mode) override;
    void cancel_restore() override;

    // Test helper: the next commit fails with `error` (as a full disk would), changing nothing.
    void fail_next_commit(std::string error) { m_fail_next = std::move(error); }
    const std::map<std::string, Attachment>& attachments() const { return m_attachments; }
    // Test helper: the text of the last JSON export.
    const std::string& last_export() const { return m_last_export; }
    OpId export_zip(const std::string& file_name, std::vector<ZipEntry> entries) override;
    // The files export_zip() would have zipped (name, then path -> bytes), for native tests.
    const std::string& last_zip_name() const { return m_last_zip_name; }
    const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& last_zip() const { return m_last_zip; }

  protected:
    // An operation that completes later (complete()), for stores that wait on something outside.
    OpId start_op();
    void complete(OpId id, OpStatus st);
    // How far a pending operation has come, 0…1 (OpStatus::progress).
    void set_progress(OpId id, float fraction);
    // Reads backup `in` a slice a poll() at a time (as the browser store does); `req` completes with
    // the result. When it is good, it is kept for restore_plan() with its evidence files (bytes by
    // entry name) staged for apply_restore().
    void read_backup_sliced(OpId req, BackupInput in, std::map<std::string, std::vector<std::uint8_t>> files);
    // `other` completes as read `read` does (now, when that read is over).
    void complete_read_too(OpId read, OpId other);

  private:
    // Applies `changes` to a copy of the state; returns the failure (message, conflicts) instead
    // when a revision check fails or a file is missing. Nothing is changed unless everything applies.
    std::optional<OpStatus> apply(const ChangeSet& changes);
    OpId finished(OpStatus st);

    core::Log m_log;
    std::map<std::string, Attachment> m_attachments; // by sha256
    std::map<std::string, Attachment> m_staged;      // picked or restored files not committed yet
    OpStatus m_load;
    bool m_opened = false;
    std::map<OpId, OpStatus> m_ops;
    std::map<OpId, ChangeSet> m_queue;
    OpId m_next = 1;
    std::optional<std::string> m_fail_next;
    std::optional<core::Date> m_last_backup;
    std::string m_last_export;
    std::string m_last_zip_name;
    std::vector<std::pair<std::string, std::vector<std::uint8_t>>> m_last_zip;
    std::optional<ValidBackup> m_backup;
    std::optional<RestorePlan> m_plan;
    OpId m_restore_op = 0;
    struct BackupRead {
        OpId req = 0;
        OpId also = 0; // completes with req (complete_read_too)
        BackupReader reader;
        std::map<std::string, std::vector<std::uint8_t>> files;
    };
    std::optional<BackupRead> m_reading;
    void read_backup_slice();
};

} // namespace recert::storage
