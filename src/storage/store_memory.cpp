// In-memory Store: see store_memory.h.
#include "storage/store_memory.h"

#include "core/log_codec.h"
#include "core/record_index.h"
#include "storage/evidence.h"
#include "storage/messages.h"

#include <algorithm>
#include <string_view>

namespace recert::storage {
namespace {

const OpStatus unknown_op{OpState::failed, "unknown operation", {}};

// Each put's record at its next revision, replacing the stored one with its id or added after them.
template <class T, class Put>
void put_records(std::vector<T>& records, const std::vector<Put>& puts) {
    core::RecordIndex<T> index(records, puts.size());
    for (const auto& put : puts) {
        T rec = put.record;
        rec.rev = put.expected_rev + 1;
        if (const std::optional<std::size_t> at = index.position(rec.id)) {
            records[*at] = std::move(rec);
        } else {
            records.push_back(std::move(rec));
            index.added();
        }
    }
}

// Conflicts of puts and deletes against `records` (compare-and-set on rev).
template <class T, class Put>
void check_revisions(std::vector<T>& records, const std::vector<Put>& puts, const std::vector<Delete>& dels,
                     std::vector<Conflict>& out) {
    const core::RecordIndex<T> index(records, puts.size() + dels.size());
    for (const auto& put : puts) {
        const T* here = index.find(put.record.id);
        const std::int64_t rev = here ? here->rev : 0;
        if (rev == put.expected_rev)
            continue;
        Conflict c;
        c.id = put.record.id;
        c.expected_rev = put.expected_rev;
        c.stored_rev = rev;
        set_versions(c, here, &put.record);
        out.push_back(std::move(c));
    }
    for (const auto& del : dels) {
        const T* here = index.find(del.id);
        const std::int64_t rev = here ? here->rev : 0;
        if (rev == del.expected_rev)
            continue;
        Conflict c;
        c.id = del.id;
        c.expected_rev = del.expected_rev;
        c.stored_rev = rev;
        set_versions(c, here, static_cast<const T*>(nullptr));
        out.push_back(std::move(c));
    }
}

} // namespace

std::string conflict_message(const std::vector<Conflict>& conflicts) {
    const bool one = conflicts.size() == 1;
    const bool credential = conflicts.front().kind == RecordKind::credential;
    std::string what = one ? (credential ? "This credential was" : "This activity was")
                           : std::to_string(conflicts.size()) + " records were";
    return what + " changed in another tab. Nothing was saved: review both versions, then save again.";
}

MemoryStore::MemoryStore(core::Log initial) : m_log(std::move(initial)) {}

void MemoryStore::open() {
    m_load.state = OpState::pending;
    m_opened = true;
}

OpId MemoryStore::commit(ChangeSet changes) {
    const OpId id = m_next++;
    m_ops[id] = {OpState::pending, {}, {}};
    m_queue.emplace(id, std::move(changes));
    return id;
}

OpId MemoryStore::finished(OpStatus st) {
    const OpId id = m_next++;
    m_ops[id] = std::move(st);
    return id;
}

const OpStatus& MemoryStore::status(OpId id) const {
    auto it = m_ops.find(id);
    return it == m_ops.end() ? unknown_op : it->second;
}

std::optional<OpStatus> MemoryStore::apply(const ChangeSet& c) {
    core::Log next = m_log;
    std::vector<Conflict> conflicts;
    check_revisions(next.credentials, c.credentials, c.delete_credentials, conflicts);
    check_revisions(next.activities, c.activities, c.delete_activities, conflicts);
    if (!conflicts.empty()) {
        std::string msg = conflict_message(conflicts);
        return OpStatus{OpState::failed, std::move(msg), std::move(conflicts)};
    }
    std::vector<Attachment> files;
    for (const auto& a : c.attachments) {
        if (!a.bytes.empty()) {
            if (sha256_hex(a.bytes) != a.ref.sha256)
                return OpStatus{OpState::failed,
                                safe_file_name(a.ref.name) + ": the file does not match its SHA-256",
                                {}};
            files.push_back(a);
        } else if (auto it = m_staged.find(a.ref.sha256); it != m_staged.end()) {
            files.push_back({a.ref, it->second.bytes});
        } else if (!m_attachments.count(a.ref.sha256)) {
            return OpStatus{OpState::failed,
                            safe_file_name(a.ref.name) + ": the file is no longer available; attach it again",
                            {}};
        }
    }

    put_records(next.credentials, c.credentials);
    put_records(next.activities, c.activities);
    const auto deleted = [](const Delete& d) -> std::string_view { return d.id; };
    core::erase_ids(next.credentials, c.delete_credentials, deleted);
    core::erase_ids(next.activities, c.delete_activities, deleted);
    if (c.settings_json)
        next.settings_json = *c.settings_json;
    if (c.person)
        next.person = *c.person;
    m_log = std::move(next);
    for (auto& a : files) {
        m_staged.erase(a.ref.sha256);
        a.ref.name = safe_file_name(a.ref.name);
        m_attachments.insert({a.ref.sha256, std::move(a)}); // first stored copy wins (deduplicated)
    }
    return std::nullopt;
}

bool MemoryStore::poll() {
    bool changed = false;
    if (m_reading) {
        read_backup_slice();
        changed = true;
    }
    if (m_opened && m_load.state == OpState::pending) {
        m_load.state = OpState::ok;
        changed = true;
    }
    for (auto& [id, changes] : m_queue) {
        OpStatus& st = m_ops[id];
        if (m_fail_next) {
            st = {OpState::failed, *m_fail_next, {}};
            m_fail_next.reset();
            continue;
        }
        if (auto failure = apply(changes)) {
            st = std::move(*failure);
        } else {
            st = {OpState::ok, {}, {}};
            changed = true;
            if (id == m_restore_op) {
                m_backup.reset();
                m_plan.reset();
            }
        }
    }
    m_queue.clear();
    return changed;
}

// [SECTION] Evidence files

std::optional<AttachmentInfo> MemoryStore::attachment(const std::string& sha256) const {
    auto it = m_attachments.find(sha256);
    if (it == m_attachments.end())
        return std::nullopt;
    return AttachmentInfo{sha256, it->second.ref.name, it->second.ref.mime, it->second.bytes.size()};
}

OpId MemoryStore::pick_evidence_files(std::uint64_t) {
    return finished({OpState::failed, "There is no file picker here.", {}});
}

std::vector<PickedFile> MemoryStore::take_picked_files() {
    return {};
}

PickedFile MemoryStore::stage_evidence(const std::string& name, std::vector<std::uint8_t> bytes,
                                       std::uint64_t max_bytes) {
    PickedFile out = check_picked(name, bytes, max_bytes);
    if (!out.error.empty())
        return out;
    m_staged[out.ref.sha256] = {out.ref, std::move(bytes)};
    return out;
}

OpId MemoryStore::open_attachment(const std::string& sha256, bool) {
    if (!m_attachments.count(sha256))
        return finished({OpState::failed, "This evidence file is not stored on this device.", {}});
    return finished({OpState::ok, {}, {}});
}

// [SECTION] Backup and restore

OpId MemoryStore::export_backup(BackupKind kind, core::Date today) {
    if (kind == BackupKind::zip)
        return finished({OpState::failed, "ZIP backups are written in the browser.", {}});
    m_last_export = core::encode_log(m_log);
    m_last_backup = today;
    return finished({OpState::ok, {}, {}});
}

OpId MemoryStore::export_zip(const std::string& file_name, std::vector<ZipEntry> entries) {
    std::vector<std::pair<std::string, std::vector<std::uint8_t>>> files;
    for (ZipEntry& e : entries) {
        if (e.sha256.empty()) {
            files.emplace_back(e.path, std::vector<std::uint8_t>(e.text.begin(), e.text.end()));
            continue;
        }
        auto it = m_attachments.find(e.sha256);
        if (it == m_attachments.end())
            return finished({OpState::failed, e.path + " is not stored on this device; nothing was written.", {}});
        files.emplace_back(e.path, it->second.bytes);
    }
    m_last_zip_name = file_name;
    m_last_zip = std::move(files);
    return finished({OpState::ok, {}, {}});
}

OpId MemoryStore::start_op() {
    const OpId id = m_next++;
    m_ops[id] = {OpState::pending, {}, {}};
    return id;
}

void MemoryStore::complete(OpId id, OpStatus st) {
    m_ops[id] = std::move(st);
}

OpId MemoryStore::pick_backup_file() {
    return finished({OpState::failed, "There is no file picker here.", {}});
}

OpId MemoryStore::read_backup(const std::string& file_name, std::vector<std::uint8_t> bytes) {
    m_backup.reset();
    m_plan.reset();
    if (bytes.size() >= 2 && bytes[0] == 'P' && bytes[1] == 'K')
        return finished(
            {OpState::failed, safe_file_name(file_name) + ": ZIP backups are read in the browser.", {}});
    BackupInput in;
    in.file_name = file_name;
    in.log_json.assign(bytes.begin(), bytes.end());
    const OpId id = start_op();
    read_backup_sliced(id, std::move(in), {});
    return id;
}

void MemoryStore::read_backup_sliced(OpId req, BackupInput in,
                                     std::map<std::string, std::vector<std::uint8_t>> files) {
    m_backup.reset();
    m_plan.reset();
    m_reading.reset();
    m_reading.emplace(BackupRead{req, 0, BackupReader(std::move(in), default_evidence_max_bytes), std::move(files)});
}

void MemoryStore::complete_read_too(OpId read, OpId other) {
    if (m_reading && m_reading->req == read)
        m_reading->also = other;
    else
        complete(other, status(read));
}

void MemoryStore::read_backup_slice() {
    BackupRead& r = *m_reading;
    const bool done = r.reader.step(backup_read_slice_ms);
    set_progress(r.req, r.reader.progress());
    if (r.also)
        set_progress(r.also, r.reader.progress());
    if (!done)
        return;
    BackupRead read = std::move(*m_reading);
    m_reading.reset();
    auto valid = read.reader.take();
    OpStatus st{OpState::ok, {}, {}};
    if (!valid) {
        st = {OpState::failed, valid.error().to_string(), {}};
    } else {
        m_backup = std::move(valid).value();
        for (const BackupFile& f : m_backup->files)
            if (auto it = read.files.find(f.path); it != read.files.end() && !m_attachments.count(f.sha256))
                m_staged[f.sha256] = {{f.sha256, f.name, f.mime}, std::move(it->second)};
    }
    complete(read.req, st);
    if (read.also)
        complete(read.also, st);
}

void MemoryStore::set_progress(OpId id, float fraction) {
    if (auto it = m_ops.find(id); it != m_ops.end() && it->second.state == OpState::pending)
        it->second.progress = fraction;
}

const RestorePlan* MemoryStore::restore_plan(RestoreMode mode) {
    if (!m_backup)
        return nullptr;
    m_plan = plan_backup_restore(m_log, *m_backup, mode,
                                 [this](const std::string& sha) { return m_attachments.count(sha) > 0; });
    return &*m_plan;
}

OpId MemoryStore::apply_restore(RestoreMode mode) {
    const RestorePlan* plan = restore_plan(mode);
    if (!plan)
        return finished({OpState::failed, "No backup is waiting to be restored.", {}});
    m_restore_op = commit(plan->changes);
    return m_restore_op;
}

void MemoryStore::cancel_restore() {
    if (m_reading) {
        const OpStatus cancelled{OpState::failed, "Cancelled; nothing was changed.", {}};
        complete(m_reading->req, cancelled);
        if (m_reading->also)
            complete(m_reading->also, cancelled);
        m_reading.reset();
    }
    m_backup.reset();
    m_plan.reset();
}

} // namespace recert::storage
