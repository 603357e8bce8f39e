// The in-memory store for one visit: see session_store.h. The bytes go to the page's one file
// service (recert_web.js, Files section) for downloads.
#include "platform/web/session_store.h"

#include "core/log_codec.h"
#include "platform/web/js_api.h"
#include "storage/evidence.h"
#include "storage/restore.h"

#include <emscripten/emscripten.h>

#include <utility>

namespace recert::app {

using storage::OpId;
using storage::OpStatus;

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
    if (bytes.size() < 2 || bytes[0] != 'P' || bytes[1] != 'K')
        return MemoryStore::read_backup(file_name, std::move(bytes));
    cancel_restore();
    m_zip_read = start_op();
    m_zip = {};
    m_zip.file_name = file_name;
    m_zip.zip = true;
    recert_js_zip_read(static_cast<double>(m_zip_read), storage::safe_file_name(file_name).c_str(), bytes.data(),
                       static_cast<int>(bytes.size()));
    return m_zip_read;
}

void SessionStore::cancel_restore() {
    if (m_zip_read)
        recert_js_zip_cancel(static_cast<double>(std::exchange(m_zip_read, 0)));
    m_zip_for_pick = 0;
    m_zip = {};
    m_zip_files.clear();
    MemoryStore::cancel_restore();
}

void SessionStore::zip_entry(OpId req, std::string name, std::string sha256, std::vector<std::uint8_t> bytes,
                             bool has_data) {
    if (req != m_zip_read)
        return;
    m_zip.entries.push_back({name, bytes.size(), std::move(sha256)});
    if (!has_data)
        return;
    if (name == "log.json")
        m_zip.log_json.assign(bytes.begin(), bytes.end());
    else if (name == "manifest.json")
        m_zip.manifest_json.assign(bytes.begin(), bytes.end());
    else
        m_zip_files[name] = std::move(bytes);
}

void SessionStore::zip_done(OpId req, const std::string& error) {
    if (req != m_zip_read)
        return;
    m_zip_read = 0;
    const OpId pick = std::exchange(m_zip_for_pick, 0);
    if (error.empty()) {
        // Its log is decoded and checked a slice a poll() at a time, as a JSON backup's.
        read_backup_sliced(req, std::exchange(m_zip, {}), std::exchange(m_zip_files, {}));
        if (pick)
            complete_read_too(req, pick);
        return;
    }
    m_zip = {};
    m_zip_files.clear();
    const OpStatus st{storage::OpState::failed, error, {}};
    complete(req, st);
    if (pick)
        complete(pick, st);
}

void SessionStore::zip_progress(OpId req, float fraction) {
    if (req != m_zip_read)
        return;
    set_progress(req, 0.9f * fraction); // its log.json is read after: the last tenth
    if (m_zip_for_pick)
        set_progress(m_zip_for_pick, 0.9f * fraction);
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
    if (read == m_zip_read && m_zip_read) {
        m_zip_for_pick = pick; // completes with the read
        return;
    }
    complete_read_too(read, pick);
}

namespace {
SessionStore* g_session = nullptr; // the one visit-only store, for the ZIP reader's results
} // namespace

SessionStore::SessionStore() {
    g_session = this;
    recert_js_zip_prepare(); // export_zip below writes synchronously: fflate must be there by then
}
SessionStore::~SessionStore() {
    if (g_session == this)
        g_session = nullptr;
}

} // namespace recert::app

extern "C" EMSCRIPTEN_KEEPALIVE void recert_zip_entry(double req, const char* name, const char* sha256,
                                                      const std::uint8_t* data, int len, int has_data) {
    if (recert::app::g_session)
        recert::app::g_session->zip_entry(static_cast<recert::storage::OpId>(req), name, sha256,
                                          std::vector<std::uint8_t>(data, data + len), has_data != 0);
}

extern "C" EMSCRIPTEN_KEEPALIVE void recert_zip_done(double req, const char* error) {
    if (recert::app::g_session)
        recert::app::g_session->zip_done(static_cast<recert::storage::OpId>(req), error);
}

extern "C" EMSCRIPTEN_KEEPALIVE void recert_zip_progress(double req, double fraction) {
    if (recert::app::g_session)
        recert::app::g_session->zip_progress(static_cast<recert::storage::OpId>(req), static_cast<float>(fraction));
}
