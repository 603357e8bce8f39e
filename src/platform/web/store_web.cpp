// The IndexedDB store: C++ side. Each operation is handed to recert_web.js with a request id and
// completes when the JS layer calls recert_store_event(); state is kept here and read by poll().
#include "platform/web/store_web.h"

#include "core/log_codec.h"
#include "core/record_index.h"
#include "storage/evidence.h"
#include "storage/evidence_staging.h"
#include "storage/messages.h"
#include "storage/restore.h"

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <unordered_map>

// [SECTION] The JS layer (recert_web.js, IndexedDB section)

#include "platform/web/js_api.h"

namespace recert::storage {
namespace {

using json = nlohmann::json;

// Mirrors RecertIDB.EV_* in recert_web.js.
enum class Event : int {
    loaded = 1,
    failed = 2,
    ok = 3,
    remote = 4,
    estimate = 5,
    notice = 6,
    backup = 7,
    picked = 8,
    progress = 9
};

const OpStatus unknown_op{OpState::failed, "unknown operation", {}};

// "/activities/12/amount" -> "stored activity \"id\": /amount" using the ids the JS layer sent.
std::string locate_stored(const core::Error& e, const json& ids) {
    for (const char* kind : {"credentials", "activities"}) {
        const std::string prefix = std::string("/") + kind + "/";
        if (e.path.rfind(prefix, 0) != 0)
            continue;
        std::size_t end = e.path.find('/', prefix.size());
        std::size_t index = std::stoul(e.path.substr(prefix.size(), end - prefix.size()));
        const json& list = ids.value(kind, json::array());
        std::string id = index < list.size() ? list[index].get<std::string>() : "?";
        const std::string singular = std::string(kind) == "credentials" ? "credential" : "activity";
        return "stored " + singular + " \"" + id +
               "\": " + (end == std::string::npos ? "" : e.path.substr(end) + ": ") + e.message;
    }
    return e.to_string();
}

// Decodes a document assembled by RecertIDB.document() and checks that it holds exactly the
// stored rows, in order, with their revisions (a damaged row cannot hide or invent a record).
core::Result<core::Log> decode_stored(std::string_view text, const json& meta) {
    auto log = core::decode_log(text);
    if (!log)
        return core::Error{"", "", locate_stored(log.error(), meta.value("ids", json::object()))};
    const json& ids = meta["ids"];
    const json& revs = meta["revs"];
    auto check = [&](const auto& records, const char* kind) -> std::optional<std::string> {
        const json& want = ids[kind];
        if (want.size() != records.size())
            return std::string("the stored ") + kind + " do not match their keys (damaged data)";
        for (std::size_t i = 0; i < records.size(); ++i) {
            if (records[i].id != want[i].get<std::string>())
                return "stored record \"" + want[i].get<std::string>() + "\" holds the record \"" +
                       records[i].id + "\" (damaged data)";
            if (records[i].rev != revs[kind][i].get<std::int64_t>())
                return "stored record \"" + records[i].id + "\": its revision does not match (damaged data)";
        }
        return std::nullopt;
    };
    if (auto e = check(log.value().credentials, "credentials"))
        return core::Error{"", "", *e};
    if (auto e = check(log.value().activities, "activities"))
        return core::Error{"", "", *e};
    return log;
}

AttachmentInfo attachment_from(const json& j) {
    return {j.value("sha256", ""), j.value("name", ""), j.value("mime", ""),
            j.value("size", std::uint64_t{0})};
}

class WebStore;
std::map<int, WebStore*>& registry() {
    static std::map<int, WebStore*> stores;
    return stores;
}

// [SECTION] The store

class WebStore final : public Store, public EvidenceStaging {
  public:
    explicit WebStore(std::string name) : m_name(std::move(name)) {
        static int next_handle = 1;
        m_handle = next_handle++;
        registry()[m_handle] = this;
    }
    ~WebStore() override {
        recert_idb_close(m_handle);
        registry().erase(m_handle);
    }

    void open() override {
        if (m_load.state != OpState::idle)
            return;
        m_load = {OpState::pending, {}, {}};
        recert_idb_open(m_handle, m_name.c_str());
    }
    StorageSituation situation() const override { return m_situation; }
    void request_access() override {
        if (m_situation != StorageSituation::blocked || m_load.state == OpState::pending)
            return;
        m_load = {OpState::pending, {}, {}};
        m_changed = true;
        recert_idb_request_access(m_handle, m_name.c_str());
    }
    const OpStatus& load_status() const override { return m_load; }
    const core::Log& committed() const override { return m_log; }

    OpId commit(ChangeSet changes) override {
        const OpId id = m_next++;
        if (auto refused = refuse_write()) {
            m_ops[id] = {OpState::failed, *refused, {}};
            return id;
        }
        m_ops[id] = {OpState::pending, {}, {}};
        // One record per line (compact JSON never holds a raw newline): credentials, then
        // activities; meta lists each one's id and expected revision in the same order. Written
        // by hand rather than through a json DOM: this runs on every save.
        std::string records, meta_text;
        meta_text.reserve(160);
        const auto id_rev = [&](const std::string& record_id, std::int64_t rev) {
            if (meta_text.back() != '[')
                meta_text += ',';
            meta_text += '[';
            meta_text += json(record_id).dump();
            meta_text += ',';
            meta_text += std::to_string(rev);
            meta_text += ']';
        };
        // Each record is encoded first, then joined into a string of exactly their size: a string
        // grown by appending doubles its block, and a restore of 10,000 activities held 4 MB of
        // records in a block of 8 while the 4 MB one was copied into it.
        std::vector<std::string> lines;
        lines.reserve(changes.credentials.size() + changes.activities.size());
        const auto line = [&](const auto& record) { lines.push_back(core::encode_record(record)); };
        meta_text += "{\"put_credentials\":[";
        for (auto& p : changes.credentials) {
            p.record.rev = p.expected_rev + 1;
            id_rev(p.record.id, p.expected_rev);
            line(p.record);
        }
        meta_text += "],\"put_activities\":[";
        for (auto& p : changes.activities) {
            p.record.rev = p.expected_rev + 1;
            id_rev(p.record.id, p.expected_rev);
            line(p.record);
        }
        std::size_t joined = lines.empty() ? 0 : lines.size() - 1; // the newlines
        for (const std::string& l : lines)
            joined += l.size();
        records.reserve(joined);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i > 0)
                records += '\n';
            records += lines[i];
            std::string().swap(lines[i]);
        }
        meta_text += "],\"del_credentials\":[";
        for (const auto& d : changes.delete_credentials)
            id_rev(d.id, d.expected_rev);
        meta_text += "],\"del_activities\":[";
        for (const auto& d : changes.delete_activities)
            id_rev(d.id, d.expected_rev);
        json files = json::array();
        for (auto& a : changes.attachments) {
            a.ref.name = safe_file_name(a.ref.name);
            files.push_back({{"sha256", a.ref.sha256},
                             {"name", a.ref.name},
                             {"mime", a.ref.mime},
                             {"ptr", reinterpret_cast<std::uintptr_t>(a.bytes.data())},
                             {"len", a.bytes.size()}});
        }
        meta_text += "],\"files\":" + files.dump();
        meta_text += ",\"settings\":" + (changes.settings_json ? json(*changes.settings_json).dump() : "null");
        json person; // the profile's row: the name, and the email when set (log format version 3)
        if (changes.person) {
            person = json{{"name", changes.person->name}};
            if (!changes.person->email.empty()) person["email"] = changes.person->email;
        }
        meta_text += ",\"person\":" + (changes.person ? json(person.dump()).dump() : "null") + "}";
        recert_idb_commit(m_handle, static_cast<double>(id), records.data(), static_cast<int>(records.size()),
                          meta_text.c_str());
        // The JS layer copied the bytes synchronously; the change set is kept for the result.
        for (auto& a : changes.attachments)
            std::vector<std::uint8_t>().swap(a.bytes);
        m_inflight.emplace(id, std::move(changes));
        return id;
    }
    const OpStatus& status(OpId id) const override {
        auto it = m_ops.find(id);
        return it == m_ops.end() ? unknown_op : it->second;
    }
    bool poll() override {
        if (m_reading)
            read_backup_slice();
        bool changed = m_changed;
        m_changed = false;
        return changed;
    }
    StorageEstimate estimate() const override { return m_estimate; }
    bool needs_reload() const override { return m_needs_reload; }
    std::string notice() const override { return m_notice; }

    // Evidence files

    std::optional<AttachmentInfo> attachment(const std::string& sha256) const override {
        auto it = m_attachments.find(sha256);
        if (it == m_attachments.end())
            return std::nullopt;
        return it->second;
    }
    OpId pick_evidence_files(std::uint64_t max_bytes) override {
        const OpId id = start();
        m_pick_max = max_bytes;
        recert_idb_pick_evidence(m_handle, static_cast<double>(id), static_cast<double>(max_bytes));
        return id;
    }
    std::vector<PickedFile> take_picked_files() override { return std::exchange(m_picked, {}); }
    PickedFile stage_evidence(const std::string& name, std::vector<std::uint8_t> bytes,
                              std::uint64_t max_bytes) override {
        PickedFile out = check_picked(name, bytes, max_bytes);
        if (!out.error.empty())
            return out;
        recert_idb_stage_bytes(m_handle, out.ref.sha256.c_str(), bytes.data(), static_cast<int>(bytes.size()),
                               out.ref.mime.c_str());
        return out;
    }
    OpId open_attachment(const std::string& sha256, bool download) override {
        const OpId id = start();
        recert_idb_open_attachment(m_handle, static_cast<double>(id), sha256.c_str(), download ? 1 : 0);
        return id;
    }

    // Backup and restore

    OpId export_backup(BackupKind kind, core::Date today) override {
        const OpId id = start();
        std::vector<AttachmentInfo> files;
        if (kind == BackupKind::zip)
            for (const auto& [sha, info] : m_attachments)
                files.push_back(info);
        const std::string manifest = encode_manifest(make_manifest(std::move(files), today));
        const std::string log = core::encode_log(m_log);
        const std::string name =
            "recert-backup-" + today.to_string() + (kind == BackupKind::zip ? ".zip" : ".json");
        const std::string day = today.to_string();
        recert_idb_export(m_handle, static_cast<double>(id), kind == BackupKind::zip, log.c_str(),
                          manifest.c_str(), name.c_str(), day.c_str());
        return id;
    }
    std::optional<core::Date> last_backup() const override { return m_last_backup; }
    OpId export_zip(const std::string& file_name, std::vector<ZipEntry> entries) override {
        const OpId id = start();
        // The generated texts go over as bytes, one after another (the list gives each one's length):
        // not escaped into the list's JSON, decoded and encoded again (the audit packet's transcript
        // and CSV of 1,000 activities are ~250 KB).
        json list = json::array();
        std::string texts;
        for (const ZipEntry& e : entries) {
            if (!e.sha256.empty()) {
                list.push_back(json{{"path", e.path}, {"sha256", e.sha256}});
                continue;
            }
            list.push_back(json{{"path", e.path}, {"size", e.text.size()}});
            texts += e.text;
        }
        const std::string text = list.dump(-1, ' ', false, json::error_handler_t::replace);
        recert_idb_export_zip(m_handle, static_cast<double>(id), file_name.c_str(), text.c_str(),
                              reinterpret_cast<const std::uint8_t*>(texts.data()), static_cast<int>(texts.size()));
        return id;
    }
    OpId pick_backup_file() override {
        const OpId id = start_restore_read();
        recert_idb_pick_backup(m_handle, static_cast<double>(id));
        return id;
    }
    OpId read_backup(const std::string& file_name, std::vector<std::uint8_t> bytes) override {
        const OpId id = start_restore_read();
        recert_idb_read_backup(m_handle, static_cast<double>(id), file_name.c_str(), bytes.data(),
                               static_cast<int>(bytes.size()));
        return id;
    }
    const RestorePlan* restore_plan(RestoreMode mode) override {
        if (!m_backup)
            return nullptr;
        m_plan.reset(); // the old plan goes before the new one is made: never two at once in the heap
        m_plan = plan_backup_restore(m_log, *m_backup, mode,
                                     [this](const std::string& sha) { return m_attachments.count(sha) > 0; });
        return &*m_plan;
    }
    OpId apply_restore(RestoreMode mode) override {
        const RestorePlan* plan = restore_plan(mode);
        if (!plan) {
            const OpId id = m_next++;
            m_ops[id] = {OpState::failed, "No backup is waiting to be restored.", {}};
            return id;
        }
        // The plan's records move into the commit (kept there until IndexedDB answers), not copied:
        // with 10,000 activities a copy was 5 MB more at the heap's peak. A refused commit plans
        // again from the backup, which is kept until the restore is done.
        m_restore_op = commit(std::move(m_plan->changes));
        return m_restore_op;
    }
    void cancel_restore() override {
        if (m_reading) {
            finish(m_reading->req, {OpState::failed, "Cancelled; nothing was changed.", {}});
            m_reading.reset();
        }
        m_backup.reset();
        m_plan.reset();
        recert_idb_drop_restore(m_handle);
    }

    // [SECTION] Results from the JS layer

    void on_event(OpId req, Event code, std::string_view a, std::string_view b) {
        json meta = b.empty() ? json::object() : json::parse(b, nullptr, false); // most saves: none
        if (meta.is_discarded() || !meta.is_object())
            meta = json::object();
        switch (code) {
        case Event::loaded:
            return on_loaded(a, meta);
        case Event::failed:
            return on_failed(req, a, meta);
        case Event::ok:
            return on_ok(req, meta);
        case Event::remote:
            return on_remote(a, meta);
        case Event::estimate:
            m_estimate.known = true;
            m_estimate.usage = meta.value("usage", std::uint64_t{0});
            m_estimate.quota = meta.value("quota", std::uint64_t{0});
            m_estimate.persistent = meta.value("persistent", false);
            m_estimate.persist_requested = meta.value("persist_requested", false);
            m_changed = true;
            return;
        case Event::notice:
            m_notice = std::string(a);
            if (meta.value("needs_reload", false))
                m_needs_reload = true;
            m_changed = true;
            return;
        case Event::backup:
            return on_backup(req, a, meta);
        case Event::picked:
            return on_picked(req, meta);
        case Event::progress:
            if (auto it = m_ops.find(req); it != m_ops.end() && it->second.state == OpState::pending) {
                const double f = std::strtod(std::string(a).c_str(), nullptr);
                it->second.progress = static_cast<float>(f < 0 ? 0 : f > 1 ? 1 : f);
                m_changed = true;
            }
            return;
        }
    }

  private:
    OpId start() {
        const OpId id = m_next++;
        m_ops[id] = {OpState::pending, {}, {}};
        return id;
    }
    OpId start_restore_read() {
        m_backup.reset();
        m_plan.reset();
        m_read_op = start();
        return m_read_op;
    }
    std::optional<std::string> refuse_write() const {
        if (m_needs_reload)
            return m_notice.empty() ? "Reload this tab to keep working. Nothing was saved." : m_notice;
        if (m_load.state != OpState::ok)
            return std::string("Your saved data is not loaded yet. Nothing was saved.");
        return std::nullopt;
    }
    void finish(OpId req, OpStatus st) {
        if (req == 0)
            return;
        m_ops[req] = std::move(st);
    }

    void on_loaded(std::string_view text, const json& meta) {
        auto log = decode_stored(text, meta);
        if (!log) {
            m_load = {OpState::failed,
                      "Recert could not read its saved data: " + log.error().message +
                          ". Nothing was changed; reload, or restore a backup.",
                      {}};
            m_changed = true;
            return;
        }
        m_log = std::move(log).value();
        // IndexedDB returns rows in key order (UTF-16); keep C++'s byte order for lookups.
        core::sort_by_id(m_log.credentials);
        core::sort_by_id(m_log.activities);
        m_attachments.clear();
        for (const auto& f : meta.value("attachments", json::array()))
            m_attachments[f.value("sha256", "")] = attachment_from(f);
        if (auto d = core::Date::parse(meta.value("last_backup", "")))
            m_last_backup = *d;
        m_load = {OpState::ok, {}, {}};
        const std::string where = meta.value("storage", "first-party");
        m_situation = where == "partitioned" ? StorageSituation::partitioned : StorageSituation::first_party;
        m_notice.clear();
        m_changed = true;
    }

    void on_failed(OpId req, std::string_view message, const json& meta) {
        if (req == 0) { // opening or loading
            if (meta.value("storage", "") == "blocked")
                m_situation = StorageSituation::blocked;
            m_load = {OpState::failed, std::string(message), {}};
            m_changed = true;
            return;
        }
        OpStatus st{OpState::failed, std::string(message), {}};
        auto inflight = m_inflight.find(req);
        if (meta.contains("conflicts") && inflight != m_inflight.end())
            st.conflicts = conflicts_from(meta["conflicts"], inflight->second);
        if (!st.conflicts.empty())
            st.error = conflict_message(st.conflicts);
        if (inflight != m_inflight.end())
            m_inflight.erase(inflight);
        if (req == m_read_op) // a backup that could not be read keeps nothing staged
            recert_idb_drop_restore(m_handle);
        finish(req, std::move(st));
    }

    std::vector<Conflict> conflicts_from(const json& list, const ChangeSet& c) {
        std::vector<Conflict> out;
        for (const auto& j : list) {
            Conflict k;
            const bool credential = j.value("kind", "") == "credentials";
            k.kind = credential ? RecordKind::credential : RecordKind::activity;
            k.id = j.value("id", "");
            k.expected_rev = j.value("expected", std::int64_t{0});
            k.stored_rev = j.value("stored", std::int64_t{0});
            const int attempted = j.value("attempted", -1);
            core::Log stored;
            if (j.contains("stored_json") && j["stored_json"].is_string()) {
                const std::string doc = std::string("{\"format\":\"recert-log\",\"version\":1,\"") +
                                        (credential ? "credentials" : "activities") + "\":[" +
                                        j["stored_json"].get<std::string>() + "]}";
                if (auto l = core::decode_log(doc))
                    stored = std::move(l).value();
            }
            if (credential) {
                if (!stored.credentials.empty())
                    k.stored_credential = stored.credentials[0];
                if (attempted >= 0 && attempted < static_cast<int>(c.credentials.size()))
                    k.attempted_credential = c.credentials[attempted].record;
            } else {
                if (!stored.activities.empty())
                    k.stored_activity = stored.activities[0];
                if (attempted >= 0 && attempted < static_cast<int>(c.activities.size()))
                    k.attempted_activity = c.activities[attempted].record;
            }
            out.push_back(std::move(k));
        }
        return out;
    }

    void on_ok(OpId req, const json& meta) {
        auto inflight = m_inflight.find(req);
        if (inflight != m_inflight.end()) {
            apply(std::move(inflight->second));
            m_inflight.erase(inflight);
            for (const auto& f : meta.value("attachments", json::array()))
                m_attachments[f.value("sha256", "")] = attachment_from(f);
            if (req == m_restore_op) {
                m_backup.reset();
                m_plan.reset();
                m_restore_op = 0;
            }
            m_changed = true;
        }
        if (auto d = core::Date::parse(meta.value("last_backup", ""))) {
            m_last_backup = *d;
            m_changed = true;
        }
        finish(req, {OpState::ok, {}, {}});
    }

    // A committed change set (the revisions were checked in the database) applied in memory.
    void apply(ChangeSet c) {
        // The records move out of the change set, whose emptied entries go before the log grows
        // (a restore of 10,000 activities: the heap's peak was here, with three vectors of them).
        std::vector<core::Credential> creds;
        creds.reserve(c.credentials.size());
        for (auto& p : c.credentials)
            creds.push_back(std::move(p.record)); // rev already set to expected + 1
        decltype(c.credentials)().swap(c.credentials);
        std::vector<core::Activity> acts;
        acts.reserve(c.activities.size());
        for (auto& p : c.activities)
            acts.push_back(std::move(p.record));
        decltype(c.activities)().swap(c.activities);
        core::upsert_sorted(m_log.credentials, std::move(creds), false);
        core::upsert_sorted(m_log.activities, std::move(acts), false);
        const auto deleted = [](const storage::Delete& d) -> std::string_view { return d.id; };
        core::erase_ids(m_log.credentials, c.delete_credentials, deleted);
        core::erase_ids(m_log.activities, c.delete_activities, deleted);
        if (c.settings_json)
            m_log.settings_json = *c.settings_json;
        if (c.person)
            m_log.person = *c.person;
    }

    void on_remote(std::string_view text, const json& meta) {
        auto log = decode_stored(text, meta);
        if (!log) {
            m_notice =
                "Another tab saved data this tab cannot read (" + log.error().message + "). Reload this tab.";
            m_needs_reload = true;
            m_changed = true;
            return;
        }
        core::Log& l = log.value();
        core::upsert_sorted(m_log.credentials, std::move(l.credentials), true);
        core::upsert_sorted(m_log.activities, std::move(l.activities), true);
        const json deleted = meta.value("deleted", json::object());
        const auto id = [](const std::string& s) -> std::string_view { return s; };
        core::erase_ids(m_log.credentials, deleted.value("credentials", std::vector<std::string>{}), id);
        core::erase_ids(m_log.activities, deleted.value("activities", std::vector<std::string>{}), id);
        if (meta.value("settings", false))
            m_log.settings_json = l.settings_json;
        if (meta.value("person", false))
            m_log.person = l.person;
        for (const auto& f : meta.value("attachments", json::array()))
            m_attachments[f.value("sha256", "")] = attachment_from(f);
        m_changed = true;
    }

    void on_backup(OpId req, std::string_view log_text, const json& meta) {
        BackupInput in;
        in.file_name = meta.value("file_name", "");
        in.zip = meta.value("zip", false);
        in.log_json = std::string(log_text);
        in.manifest_json = meta.value("manifest_json", "");
        for (const auto& e : meta.value("entries", json::array()))
            in.entries.push_back(
                {e.value("name", ""), e.value("size", std::uint64_t{0}), e.value("sha256", "")});
        // The log is decoded a slice at a time in poll(): the page keeps answering and the dialog
        // shows how far it is.
        m_reading.reset();
        m_reading.emplace(BackupRead{req, BackupReader(std::move(in), default_evidence_max_bytes)});
        m_changed = true;
    }

    // One slice of the backup's log (at most backup_read_slice_ms), or, once read, its checks.
    void read_backup_slice() {
        BackupRead& r = *m_reading;
        const bool done = r.reader.step(backup_read_slice_ms);
        if (auto it = m_ops.find(r.req); it != m_ops.end() && it->second.state == OpState::pending)
            it->second.progress = r.reader.progress();
        m_changed = true;
        if (!done)
            return;
        const OpId req = r.req;
        auto valid = r.reader.take();
        m_reading.reset();
        if (!valid) {
            recert_idb_drop_restore(m_handle);
            finish(req, {OpState::failed, valid.error().to_string(), {}});
            return;
        }
        m_backup = std::move(valid).value();
        finish(req, {OpState::ok, {}, {}});
    }

    void on_picked(OpId req, const json& meta) {
        m_picked.clear();
        for (const auto& f : meta.value("files", json::array())) {
            PickedFile p;
            const std::string name = f.value("name", "");
            p.ref.name = safe_file_name(name);
            p.size = f.value("size", std::uint64_t{0});
            std::vector<std::uint8_t> head = f.value("head", std::vector<std::uint8_t>{});
            const std::string sha = f.value("sha256", "");
            auto type = check_evidence(name, p.size, head, m_pick_max);
            if (!type || !is_sha256_hex(sha)) {
                p.error = type ? p.ref.name + ": the file could not be read" : type.error().to_string();
                if (!sha.empty())
                    recert_idb_unstage(m_handle, sha.c_str());
            } else {
                p.ref.mime = std::string(type.value().mime);
                p.ref.sha256 = sha;
            }
            m_picked.push_back(std::move(p));
        }
        finish(req, {OpState::ok, {}, {}});
        m_changed = true;
    }

    std::string m_name;
    int m_handle = 0;
    core::Log m_log;
    OpStatus m_load;
    StorageSituation m_situation = StorageSituation::unknown;
    std::map<OpId, OpStatus> m_ops;
    std::map<OpId, ChangeSet> m_inflight;
    std::map<std::string, AttachmentInfo> m_attachments;
    StorageEstimate m_estimate;
    std::optional<core::Date> m_last_backup;
    bool m_changed = false;
    bool m_needs_reload = false;
    std::string m_notice;
    std::vector<PickedFile> m_picked;
    std::uint64_t m_pick_max = default_evidence_max_bytes;
    std::optional<ValidBackup> m_backup;
    std::optional<RestorePlan> m_plan;
    OpId m_restore_op = 0;
    OpId m_read_op = 0;
    // A backup being read (poll() reads a slice a frame).
    struct BackupRead {
        OpId req = 0;
        BackupReader reader;
    };
    std::optional<BackupRead> m_reading;
    OpId m_next = 1;
};

} // namespace

std::unique_ptr<Store> make_indexeddb_store(const std::string& db_name) {
    return std::make_unique<WebStore>(db_name);
}

} // namespace recert::storage

// Called by recert_web.js (RecertIDB.send) with one result; `a`/`b` are UTF-8 texts it owns.
extern "C" EMSCRIPTEN_KEEPALIVE void recert_store_event(int handle, double req, int code, const char* a,
                                                        int a_len, const char* b, int b_len) {
    using namespace recert::storage;
    auto& stores = registry();
    auto it = stores.find(handle);
    if (it == stores.end())
        return;
    it->second->on_event(static_cast<OpId>(req), static_cast<Event>(code), std::string_view(a, a_len),
                         std::string_view(b, b_len));
}
