// The in-memory store for one visit: see session_store.h. The bytes go to the page's one file
// service (recert_web.js, Files section) for downloads.
#include "platform/web/session_store.h"

#include "core/log_codec.h"
#include "platform/web/js_api.h"
#include "storage/evidence.h"
#include "storage/restore.h"

#include <utility>

namespace recert::app {

using storage::OpId;

storage::OpId SessionStore::export_backup(storage::BackupKind kind, core::Date today) {
    const std::string day = today.to_string();
    if (kind == storage::BackupKind::json) {
        const OpId id = MemoryStore::export_backup(kind, today);
        if (status(id).state == storage::OpState::ok)
            recert_js_download(("recert-backup-" + day + ".json").c_str(), "application/json",
                               last_export().data(), static_cast<int>(last_export().size()));
        return id;
    }
    std::vector<storage::AttachmentInfo> files;
    for (const auto& [sha, a] : attachments())
        files.push_back({sha, a.ref.name, a.ref.mime, a.bytes.size()});
    const storage::BackupManifest manifest = storage::make_manifest(std::move(files), today);
    std::vector<storage::ZipEntry> entries{{"manifest.json", storage::encode_manifest(manifest), {}},
                                           {"log.json", core::encode_log(committed()), {}}};
    for (const storage::BackupFile& f : manifest.files)
        entries.push_back({f.path, {}, f.sha256});
    const OpId id = export_zip("recert-backup-" + day + ".zip", std::move(entries));
    if (status(id).state == storage::OpState::ok)
        MemoryStore::export_backup(storage::BackupKind::json, today); // records the day of the backup
    return id;
}

storage::OpId SessionStore::export_zip(const std::string& file_name, std::vector<storage::ZipEntry> entries) {
    const OpId id = MemoryStore::export_zip(file_name, std::move(entries));
    if (status(id).state != storage::OpState::ok)
        return id;
    recert_js_zip_begin();
    for (const auto& [path, bytes] : last_zip())
        recert_js_zip_add(path.c_str(), bytes.data(), static_cast<int>(bytes.size()));
    recert_js_zip_download(file_name.c_str());
    return id;
}

storage::OpId SessionStore::open_attachment(const std::string& sha256, bool download) {
    const auto it = attachments().find(sha256);
    const OpId id = MemoryStore::open_attachment(sha256, download);
    if (it != attachments().end() && status(id).state == storage::OpState::ok)
        recert_js_download(it->second.ref.name.c_str(), it->second.ref.mime.c_str(),
                           reinterpret_cast<const char*>(it->second.bytes.data()),
                           static_cast<int>(it->second.bytes.size()));
    return id;
}

storage::OpId SessionStore::pick_backup_file() {
    m_pick = start_op();
    recert_js_pick_file("backup", backup_purpose, "");
    return m_pick;
}

storage::OpId SessionStore::read_backup(const std::string& file_name, std::vector<std::uint8_t> bytes) {
    if (bytes.size() >= 2 && bytes[0] == 'P' && bytes[1] == 'K') {
        const OpId id = start_op();
        complete(id, {storage::OpState::failed,
                      storage::safe_file_name(file_name) +
                          ": a ZIP backup cannot be restored while Recert keeps nothing past this visit. Restore "
                          "a JSON backup (File > Export backup > JSON), or open Recert in its own tab to restore "
                          "this file.",
                      {}});
        return id;
    }
    return MemoryStore::read_backup(file_name, std::move(bytes));
}

void SessionStore::backup_file_arrived(const std::string& name, std::vector<std::uint8_t> bytes, std::uint64_t size) {
    if (!m_pick)
        return;
    const OpId pick = std::exchange(m_pick, 0);
    if (bytes.empty() && size > 0) {
        complete(pick, {storage::OpState::failed, storage::safe_file_name(name) + ": the file is too large to read.", {}});
        return;
    }
    const OpId read = read_backup(name, std::move(bytes));
    complete(pick, status(read));
}

} // namespace recert::app
