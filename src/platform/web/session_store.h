// "Use it for this visit only": the store of an embedded Recert whose browser refuses storage
// to the frame (or whose host asked for storage: "session"). Records live in memory (MemoryStore's
// compare-and-set semantics) and are gone when the page closes; backups and reports are written
// as downloads, and a backup (ZIP or JSON) can be restored to bring records in.
#pragma once

#include "storage/store_memory.h"

#include <map>
#include <memory>

namespace recert::app {

// The purpose number the backup picker hands back with its file (files_web.cpp).
inline constexpr int backup_purpose = 101;

class SessionStore final : public storage::MemoryStore {
  public:
    SessionStore();
    ~SessionStore() override;
    SessionStore(const SessionStore&) = delete;
    SessionStore& operator=(const SessionStore&) = delete;
    storage::StorageSituation situation() const override { return storage::StorageSituation::session_only; }
    storage::StorageEstimate estimate() const override { return {}; }
    // ZIP: log.json, manifest.json and every evidence file, as the browser store writes it;
    // JSON: the log only. Offered as a download.
    storage::OpId export_backup(storage::BackupKind kind, core::Date today) override;
    storage::OpId export_zip(const std::string& file_name, std::vector<storage::ZipEntry> entries) override;
    storage::OpId open_attachment(const std::string& sha256, bool download) override;
    // The page's file picker; the chosen file arrives through backup_file_arrived().
    storage::OpId pick_backup_file() override;
    // JSON as MemoryStore does; a ZIP goes to the page's ZIP reader (RecertZip, a slice at a time)
    // and its entries come back through zip_entry() / zip_done().
    storage::OpId read_backup(const std::string& file_name, std::vector<std::uint8_t> bytes) override;
    void cancel_restore() override;
    // A file from the backup picker (empty with a real `size` when it was too large to read).
    void backup_file_arrived(const std::string& name, std::vector<std::uint8_t> bytes, std::uint64_t size);
    // From the ZIP reader, for request `req`: one entry (has_data false: listed, not inflated), then
    // done with "" or the located reason the file was refused; progress 0…1 on the way.
    void zip_entry(storage::OpId req, std::string name, std::string sha256, std::vector<std::uint8_t> bytes,
                   bool has_data);
    void zip_done(storage::OpId req, const std::string& error);
    void zip_progress(storage::OpId req, float fraction);

  private:
    storage::OpId m_pick = 0; // the pick_backup_file() operation waiting for its file
    storage::OpId m_zip_read = 0; // the read_backup() of a ZIP the page is reading
    storage::OpId m_zip_for_pick = 0; // when that read came from the picker: its operation
    storage::BackupInput m_zip;
    std::map<std::string, std::vector<std::uint8_t>> m_zip_files; // evidence bytes by entry name
};

} // namespace recert::app
