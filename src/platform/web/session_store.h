// "Use it for this visit only": the store of an embedded Recert whose browser refuses storage
// to the frame (or whose host asked for storage: "session"). Records live in memory (MemoryStore's
// compare-and-set semantics) and are gone when the page closes; backups and reports are written
// as downloads, and a JSON backup can be restored to bring records in.
#pragma once

#include "storage/store_memory.h"

#include <memory>

namespace recert::app {

// The purpose number the backup picker hands back with its file (files_web.cpp).
inline constexpr int backup_purpose = 101;

class SessionStore final : public storage::MemoryStore {
  public:
    storage::StorageSituation situation() const override { return storage::StorageSituation::session_only; }
    storage::StorageEstimate estimate() const override { return {}; }
    // ZIP: log.json, manifest.json and every evidence file, as the browser store writes it;
    // JSON: the log only. Offered as a download.
    storage::OpId export_backup(storage::BackupKind kind, core::Date today) override;
    storage::OpId export_zip(const std::string& file_name, std::vector<storage::ZipEntry> entries) override;
    storage::OpId open_attachment(const std::string& sha256, bool download) override;
    // The page's file picker; the chosen file arrives through backup_file_arrived().
    storage::OpId pick_backup_file() override;
    // JSON backups only: a ZIP is refused with a message that says how to bring it in.
    storage::OpId read_backup(const std::string& file_name, std::vector<std::uint8_t> bytes) override;
    // A file from the backup picker (empty with a real `size` when it was too large to read).
    void backup_file_arrived(const std::string& name, std::vector<std::uint8_t> bytes, std::uint64_t size);

  private:
    storage::OpId m_pick = 0; // the pick_backup_file() operation waiting for its file
};

} // namespace recert::app
