// Backup layout, validation and restore planning: see restore.h.
#include "storage/restore.h"

#include "core/diff.h"
#include "core/json_read.h"
#include "core/log_codec.h"
#include "storage/evidence.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace recert::storage {

using core::detail::DecodeError;
using core::detail::ObjectReader;
using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

// [SECTION] Layout and manifest

std::string evidence_entry_path(const std::string& sha256, std::string_view mime) {
    auto type = evidence_type_for_mime(mime);
    return "evidence/" + sha256 + "." + std::string(type ? type->ext : "bin");
}

BackupManifest make_manifest(std::vector<AttachmentInfo> files, core::Date created) {
    std::sort(files.begin(), files.end(),
              [](const AttachmentInfo& a, const AttachmentInfo& b) { return a.sha256 < b.sha256; });
    BackupManifest m;
    m.created = created.to_string();
    for (auto& f : files)
        m.files.push_back({evidence_entry_path(f.sha256, f.mime), f.sha256, f.size, f.mime, f.name});
    return m;
}

std::string encode_manifest(const BackupManifest& m) {
    ojson files = ojson::array();
    for (const auto& f : m.files)
        files.push_back(ojson{
            {"path", f.path}, {"sha256", f.sha256}, {"size", f.size}, {"mime", f.mime}, {"name", f.name}});
    ojson j{{"format", "recert-backup"},
            {"version", backup_format_version},
            {"created", m.created},
            {"log", "log.json"},
            {"files", std::move(files)}};
    return j.dump(2) + "\n";
}

core::Result<BackupManifest> decode_manifest(std::string_view text, std::string_view file) {
    try {
        json root = core::detail::parse_text(text);
        ObjectReader r(root, "");
        if (r.str("format") != "recert-backup")
            core::detail::fail(r.at("format"), "expected \"recert-backup\"");
        long long version = r.integer("version", 1, 1000000, "a positive integer");
        if (version != backup_format_version)
            core::detail::fail(r.at("version"), "unsupported backup version " + std::to_string(version) +
                                                    " (this build reads " +
                                                    std::to_string(backup_format_version) + ")");
        BackupManifest m;
        m.created = r.date("created").to_string();
        if (r.str("log") != "log.json")
            core::detail::fail(r.at("log"), "expected \"log.json\"");
        std::set<std::string> seen;
        if (const json* fs = r.opt_array("files")) {
            for (std::size_t i = 0; i < fs->size(); ++i) {
                ObjectReader fr((*fs)[i], core::detail::child(r.at("files"), i));
                BackupFile f;
                f.sha256 = fr.str("sha256");
                if (!is_sha256_hex(f.sha256))
                    core::detail::fail(fr.at("sha256"), "expected 64 lowercase hex digits");
                f.mime = fr.str("mime");
                if (!evidence_type_for_mime(f.mime))
                    core::detail::fail(fr.at("mime"),
                                       "not an accepted evidence type (PDF, PNG, JPEG, HEIC, WebP)");
                f.path = fr.str("path");
                if (f.path != evidence_entry_path(f.sha256, f.mime))
                    core::detail::fail(fr.at("path"),
                                       "expected \"" + evidence_entry_path(f.sha256, f.mime) + "\"");
                f.size =
                    static_cast<std::uint64_t>(fr.integer("size", 1, 1ll << 40, "a positive size in bytes"));
                f.name = safe_file_name(fr.opt_str("name"));
                fr.finish();
                if (!seen.insert(f.sha256).second)
                    core::detail::fail(fr.at("sha256"), "the same file is listed twice");
                m.files.push_back(std::move(f));
            }
        }
        r.finish();
        return m;
    } catch (const DecodeError& e) {
        return core::Error{std::string(file), e.path, e.message};
    } catch (const std::exception& e) {
        return core::Error{std::string(file), "", std::string("unreadable manifest: ") + e.what()};
    }
}

std::optional<std::string> zip_entry_name_problem(std::string_view name) {
    if (name.empty())
        return "an entry has no name";
    if (name.size() > 255)
        return "the name is longer than 255 bytes";
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f)
            return "the name contains control characters";
    if (name.find('\\') != std::string_view::npos)
        return "the name contains a backslash";
    if (name.front() == '/' || (name.size() >= 2 && name[1] == ':'))
        return "the path is absolute";
    std::size_t start = 0;
    for (;;) {
        std::size_t end = name.find('/', start);
        std::string_view part = name.substr(start, end == std::string_view::npos ? name.npos : end - start);
        if (part == "..")
            return "the path leaves the backup folder";
        if (part == ".")
            return "the path contains \".\"";
        if (part.empty() && end != std::string_view::npos)
            return "the path contains an empty part";
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return std::nullopt;
}

// [SECTION] Validation

namespace {

// A name as it can be shown in a message: control bytes as \xNN, at most 80 bytes.
std::string printable(std::string_view name) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : name.substr(0, 80)) {
        if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (name.size() > 80)
        out += "…";
    return out;
}

core::Error located(const std::string& file, const core::Error& inner) {
    // "backup.zip: log.json: /activities/3/amount: …"
    core::Error e;
    e.file = file;
    e.message = inner.to_string();
    return e;
}

} // namespace

core::Result<ValidBackup> validate_backup(const BackupInput& in, std::uint64_t max_file_bytes) {
    // A ZIP's log.json over the limit is refused by the size check before its log is looked at:
    // not decoded first.
    if (in.zip && in.log_json.size() > max_backup_text_bytes)
        return validate_backup(in, max_file_bytes, core::Error{"log.json", "", "not read"});
    return validate_backup(in, max_file_bytes, core::decode_log(in.log_json, in.zip ? "log.json" : ""));
}

core::Result<ValidBackup> validate_backup(const BackupInput& in, std::uint64_t max_file_bytes,
                                          core::Result<core::Log> decoded) {
    const std::string file = in.file_name.empty() ? std::string(in.zip ? "backup.zip" : "backup.json")
                                                  : safe_file_name(in.file_name);
    ValidBackup out;
    out.file_name = file;
    if (!in.zip) {
        auto& log = decoded;
        if (!log)
            return core::Error{file, log.error().path, log.error().message};
        out.log = std::move(log).value();
        return out;
    }

    if (in.entries.size() > max_backup_entries)
        return core::Error{file, "", "the ZIP file has more than " + std::to_string(max_backup_entries) + " entries"};
    std::uint64_t unpacked = 0;
    for (const auto& e : in.entries)
        unpacked += e.size;
    if (unpacked > max_backup_unpacked_bytes || in.log_json.size() > max_backup_text_bytes ||
        in.manifest_json.size() > max_backup_text_bytes)
        return core::Error{file, "", unpacked > max_backup_unpacked_bytes
                                         ? "the backup unpacks to more than " + human_size(max_backup_unpacked_bytes)
                                         : (in.log_json.size() > max_backup_text_bytes ? "log.json" : "manifest.json") +
                                               std::string(" unpacks to more than ") + human_size(max_backup_text_bytes)};
    std::map<std::string, const BackupEntry*> by_name;
    for (const auto& e : in.entries) {
        if (auto problem = zip_entry_name_problem(e.name))
            return core::Error{file, "", "entry \"" + printable(e.name) + "\": " + *problem};
        if (!by_name.emplace(e.name, &e).second)
            return core::Error{file, "", "entry \"" + printable(e.name) + "\" appears twice"};
    }
    for (const auto& [name, e] : by_name) {
        (void)e;
        if (name == "manifest.json" || name == "log.json")
            continue;
        if (name.rfind("evidence/", 0) != 0)
            return core::Error{file, "", "entry \"" + printable(name) + "\": not part of a Recert backup"};
    }
    if (!by_name.count("manifest.json"))
        return core::Error{file, "", "manifest.json is missing (not a Recert backup, or a damaged one)"};
    if (!by_name.count("log.json"))
        return core::Error{file, "", "log.json is missing (damaged backup)"};

    auto manifest = decode_manifest(in.manifest_json, "manifest.json");
    if (!manifest)
        return located(file, manifest.error());
    auto& log = decoded;
    if (!log)
        return located(file, log.error());

    std::set<std::string> listed;
    for (const auto& f : manifest.value().files) {
        auto it = by_name.find(f.path);
        if (it == by_name.end())
            return core::Error{file, "", f.path + ": listed in manifest.json but missing (damaged backup)"};
        const BackupEntry& e = *it->second;
        if (e.size != f.size)
            return core::Error{file, "",
                               f.path + ": " + std::to_string(e.size) + " bytes, manifest.json says " +
                                   std::to_string(f.size) + " (damaged backup)"};
        if (e.sha256 != f.sha256)
            return core::Error{file, "", f.path + ": the file does not match its SHA-256 (damaged backup)"};
        if (f.size > max_file_bytes)
            return core::Error{file, "",
                               f.path + ": " + human_size(f.size) + " is over the " +
                                   human_size(max_file_bytes) + " limit for evidence files"};
        listed.insert(f.path);
    }
    for (const auto& [name, e] : by_name) {
        (void)e;
        if (name.rfind("evidence/", 0) == 0 && !listed.count(name))
            return core::Error{file, "", "entry \"" + name + "\": not listed in manifest.json"};
    }
    out.created = manifest.value().created;
    out.log = std::move(log).value();
    out.files = std::move(manifest).value().files;
    return out;
}

BackupReader::BackupReader(BackupInput in, std::uint64_t max_file_bytes)
    : m_in(std::make_unique<BackupInput>(std::move(in))), m_max_file_bytes(max_file_bytes) {
    if (m_in->zip && m_in->log_json.size() > max_backup_text_bytes)
        m_result = validate_backup(*m_in, m_max_file_bytes); // refused by its size, never decoded
    else
        m_log.emplace(m_in->log_json, m_in->zip ? "log.json" : "");
}

bool BackupReader::step(double budget_ms) {
    if (m_result)
        return true;
    if (!m_decoded) {
        const auto start = std::chrono::steady_clock::now();
        const auto elapsed_ms = [&] {
            return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        };
        while (!(m_decoded = m_log->step(256)) && elapsed_ms() < budget_ms) {
        }
        return false; // the checks come in a step of their own
    }
    m_result = validate_backup(*m_in, m_max_file_bytes, m_log->take());
    m_log.reset();
    return true;
}

float BackupReader::progress() const {
    const float log = m_result ? 1.0f : m_log->progress();
    return m_in->zip ? 0.9f + 0.1f * log : log;
}

core::Result<ValidBackup> BackupReader::take() {
    return std::move(*m_result);
}

// [SECTION] Planning

namespace {

template <class T>
bool same_content(T a, T b) {
    a.rev = 0;
    b.rev = 0;
    return a == b;
}

std::string label_of(const core::Credential& c) {
    return core::record_label(c); // "ACSM CPT", a custom program's name: never the record's id
}
std::string label_of(const core::Activity& a) {
    return a.title;
}


template <class T, class Put>
void plan_records(const std::vector<T>& current, const std::vector<T>& incoming, RecordKind kind,
                  RestoreMode mode, RestorePlan& plan, std::vector<Put>& puts, std::vector<Delete>& deletes) {
    // Hashed: a backup of 100,000 activities is planned in one frame's worth of work, not several.
    std::unordered_map<std::string_view, const T*> here;
    here.reserve(current.size());
    for (const T& r : current)
        here.emplace(r.id, &r);
    std::unordered_set<std::string_view> in_backup; // only a replace removes what the backup lacks
    if (mode == RestoreMode::replace)
        in_backup.reserve(incoming.size());
    plan.added.reserve(plan.added.size() + incoming.size());
    puts.reserve(puts.size() + incoming.size());
    for (const T& b : incoming) {
        if (mode == RestoreMode::replace)
            in_backup.insert(b.id);
        auto it = here.find(b.id);
        if (it == here.end()) {
            plan.added.push_back({kind, b.id, label_of(b)});
            puts.push_back({b, 0});
            continue;
        }
        const T& h = *it->second;
        if (same_content(h, b)) {
            plan.unchanged.push_back({kind, b.id, label_of(b)});
        } else if (mode == RestoreMode::replace || b.rev > h.rev) {
            plan.updated.push_back({kind, b.id, label_of(b)});
            puts.push_back({b, h.rev});
        } else {
            Conflict c;
            c.id = b.id;
            c.expected_rev = b.rev;
            c.stored_rev = h.rev;
            set_versions(c, &h, &b);
            plan.conflicts.push_back(std::move(c));
        }
    }
    if (mode == RestoreMode::replace)
        for (const T& h : current)
            if (!in_backup.count(h.id)) {
                plan.removed.push_back({kind, h.id, label_of(h)});
                deletes.push_back({h.id, h.rev});
            }
}

} // namespace

RestorePlan plan_restore(const core::Log& current, const core::Log& incoming, RestoreMode mode) {
    RestorePlan plan;
    plan.mode = mode;
    plan_records(current.credentials, incoming.credentials, RecordKind::credential, mode, plan,
                 plan.changes.credentials, plan.changes.delete_credentials);
    plan_records(current.activities, incoming.activities, RecordKind::activity, mode, plan,
                 plan.changes.activities, plan.changes.delete_activities);
    const bool settings_unset = current.settings_json.empty() || current.settings_json == "{}";
    if (incoming.settings_json != current.settings_json && (mode == RestoreMode::replace || settings_unset)) {
        plan.changes.settings_json = incoming.settings_json;
        plan.settings_changed = true;
    }
    if (incoming.person != current.person && (mode == RestoreMode::replace || current.person == core::Person{})) {
        plan.changes.person = incoming.person;
        plan.person_changed = true;
    }
    return plan;
}

void for_each_evidence_ref(const core::Activity& a, const std::function<void(const core::EvidenceRef&)>& f) {
    for (const auto& e : a.evidence)
        f(e);
}

void for_each_evidence_ref(const core::Credential& c, const std::function<void(const core::EvidenceRef&)>& f) {
    for (const auto& p : c.prerequisites)
        if (p.file)
            f(*p.file);
    for (const auto& h : c.history)
        if (h.receipt)
            f(*h.receipt);
}

std::vector<core::EvidenceRef> evidence_refs(const core::Log& log) {
    std::vector<core::EvidenceRef> out;
    const auto add = [&](const core::EvidenceRef& ref) { out.push_back(ref); };
    for (const auto& a : log.activities)
        for_each_evidence_ref(a, add);
    for (const auto& c : log.credentials)
        for_each_evidence_ref(c, add);
    return out;
}

RestorePlan plan_backup_restore(const core::Log& current, const ValidBackup& backup, RestoreMode mode,
                                const std::function<bool(const std::string&)>& stored) {
    RestorePlan plan = plan_restore(current, backup.log, mode);
    plan.file_name = backup.file_name;
    plan.created = backup.created;
    std::set<std::string> available;
    for (const auto& f : backup.files) {
        available.insert(f.sha256);
        if (stored(f.sha256))
            continue;
        plan.changes.attachments.push_back({core::EvidenceRef{f.sha256, f.name, f.mime}, {}});
        ++plan.files_added;
    }
    // Refs of the records this restore writes whose file is neither in the backup nor stored.
    std::set<std::string> missing;
    const auto check = [&](const core::EvidenceRef& ref) {
        if (!available.count(ref.sha256) && !stored(ref.sha256))
            missing.insert(ref.sha256);
    };
    for (const auto& p : plan.changes.credentials)
        for_each_evidence_ref(p.record, check);
    for (const auto& p : plan.changes.activities)
        for_each_evidence_ref(p.record, check);
    plan.evidence_missing.assign(missing.begin(), missing.end());
    return plan;
}

bool backup_reminder_due(const core::Log& log, std::optional<core::Date> last_backup, core::Date today) {
    if (log.credentials.empty() && log.activities.empty())
        return false;
    return !last_backup || last_backup->days_until(today) > backup_reminder_days;
}

void set_versions(Conflict& c, const core::Credential* stored, const core::Credential* attempted) {
    c.kind = RecordKind::credential;
    if (stored)
        c.stored_credential = *stored;
    if (attempted)
        c.attempted_credential = *attempted;
}

void set_versions(Conflict& c, const core::Activity* stored, const core::Activity* attempted) {
    c.kind = RecordKind::activity;
    if (stored)
        c.stored_activity = *stored;
    if (attempted)
        c.attempted_activity = *attempted;
}

} // namespace recert::storage
