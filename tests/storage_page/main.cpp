// A small page that drives the IndexedDB store directly (no dashboard) for the browser tests and
// the storage benchmark: page.js calls st_call() with JSON commands and waits for the store's
// events ('recert-store-event'); several stores in one page behave like several tabs.
#include "core/log_codec.h"
#include "storage/evidence_staging.h"
#include "storage/restore.h"
#include "platform/web/store_web.h"

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

using namespace recert;
using namespace recert::storage;
using json = nlohmann::json;

namespace {

std::vector<std::unique_ptr<Store>> g_stores;

std::string str(const json& j, const char* key) {
    return j.at(key).get<std::string>();
}

Store& store(const json& cmd) {
    return *g_stores.at(cmd.value("s", 0));
}

const char* state_name(OpState s) {
    switch (s) {
    case OpState::idle:
        return "idle";
    case OpState::pending:
        return "pending";
    case OpState::ok:
        return "ok";
    case OpState::failed:
        return "failed";
    }
    return "?";
}

json status_json(const OpStatus& st) {
    json conflicts = json::array();
    for (const auto& c : st.conflicts) {
        json j{{"kind", c.kind == RecordKind::credential ? "credential" : "activity"},
               {"id", c.id},
               {"expected_rev", c.expected_rev},
               {"stored_rev", c.stored_rev}};
        if (c.stored_activity)
            j["stored_title"] = c.stored_activity->title;
        if (c.attempted_activity)
            j["attempted_title"] = c.attempted_activity->title;
        if (c.stored_credential)
            j["stored_id_number"] = c.stored_credential->id_number;
        if (c.attempted_credential)
            j["attempted_id_number"] = c.attempted_credential->id_number;
        conflicts.push_back(std::move(j));
    }
    return {{"state", state_name(st.state)}, {"error", st.error}, {"conflicts", conflicts}};
}

template <class T>
std::int64_t rev_of(const std::vector<T>& v, const std::string& id) {
    for (const auto& r : v)
        if (r.id == id)
            return r.rev;
    return 0;
}

core::Activity make_activity(const std::string& id, const std::string& title, int i) {
    core::Activity a;
    a.id = id;
    a.title = title;
    a.provider = "Provider " + std::to_string(i % 17);
    a.earned = *core::Date::from_ymd(2024, 1 + i % 12, 1 + i % 28);
    a.amount = *core::Credits::parse(std::to_string(1 + i % 5) + ".5");
    a.category = "A";
    a.notes = "Notes for activity " + std::to_string(i) + " — évaluation ✓";
    return a;
}

core::Credential make_credential(const std::string& id, const std::string& number) {
    core::Credential c;
    c.id = id;
    c.body = "acsm";
    c.program = "cpt";
    c.id_number = number;
    c.certified_on = *core::Date::parse("2021-01-01");
    c.cycle = {*core::Date::parse("2024-01-01"), *core::Date::parse("2026-12-31")};
    return c;
}

json plan_json(const RestorePlan* p) {
    if (!p)
        return nullptr;
    auto ids = [](const std::vector<RecordRef>& v) {
        json a = json::array();
        for (const auto& r : v)
            a.push_back(r.id);
        return a;
    };
    json conflicts = json::array();
    for (const auto& c : p->conflicts)
        conflicts.push_back(c.id);
    return {{"added", ids(p->added)},
            {"updated", ids(p->updated)},
            {"unchanged", ids(p->unchanged)},
            {"removed", ids(p->removed)},
            {"conflicts", conflicts},
            {"files_added", p->files_added},
            {"evidence_missing", p->evidence_missing},
            {"settings_changed", p->settings_changed},
            {"person_changed", p->person_changed},
            {"created", p->created},
            {"file_name", p->file_name}};
}

json run(const json& cmd) {
    const std::string op = str(cmd, "op");
    if (op == "open") {
        g_stores.push_back(make_indexeddb_store(str(cmd, "db")));
        g_stores.back()->open();
        return {{"s", g_stores.size() - 1}};
    }
    if (op == "close") {
        g_stores.at(cmd.value("s", 0)).reset();
        return {};
    }
    Store& s = store(cmd);
    if (op == "state") {
        const bool changed = s.poll();
        const auto e = s.estimate();
        auto last = s.last_backup();
        return {{"load", status_json(s.load_status())},
                {"credentials", s.committed().credentials.size()},
                {"activities", s.committed().activities.size()},
                {"changed", changed},
                {"needs_reload", s.needs_reload()},
                {"notice", s.notice()},
                {"estimate",
                 {{"known", e.known},
                  {"persistent", e.persistent},
                  {"usage", e.usage},
                  {"quota", e.quota},
                  {"persist_requested", e.persist_requested},
                  {"best_effort", e.best_effort()}}},
                {"last_backup", last ? last->to_string() : ""},
                {"reminder_due", backup_reminder_due(s.committed(), last,
                                                     *core::Date::parse(cmd.value("today", "2025-03-11")))}};
    }
    if (op == "status") {
        s.poll(); // as the app's controller does every frame: work the store does in slices (a backup's log) goes on
        return status_json(s.status(cmd.at("op_id").get<OpId>()));
    }
    if (op == "dump")
        return {{"log", core::encode_log(s.committed())}};
    if (op == "titles") {
        json out = json::object();
        for (const auto& a : s.committed().activities)
            out[a.id] = json::array({a.rev, a.title});
        return out;
    }
    if (op == "seed") {
        // Creates or overwrites credentials c0.. and activities a0.. in one commit, titled with
        // `gen`; activity i carries evidence file i % files.size() (files: staged refs).
        ChangeSet c;
        const std::string gen = cmd.value("gen", "0");
        const int ncred = cmd.value("credentials", 0);
        const int nact = cmd.value("activities", 0);
        const int offset = cmd.value("offset", 0);
        const json files = cmd.value("files", json::array());
        for (int i = 0; i < ncred; ++i) {
            const std::string id = "c" + std::to_string(i);
            c.credentials.push_back(
                {make_credential(id, "gen " + gen), rev_of(s.committed().credentials, id)});
        }
        for (int k = 0; k < nact; ++k) {
            const int i = k + offset;
            char id[16];
            std::snprintf(id, sizeof id, "a%06d", i);
            core::Activity a = make_activity(id, "gen " + gen + " #" + std::to_string(i), i);
            if (!files.empty()) {
                const json& f = files[i % files.size()];
                a.evidence.push_back({str(f, "sha256"), str(f, "name"), str(f, "mime")});
            }
            c.activities.push_back({std::move(a), rev_of(s.committed().activities, id)});
        }
        for (const auto& f : files)
            c.attachments.push_back({{str(f, "sha256"), str(f, "name"), str(f, "mime")}, {}});
        return {{"op_id", s.commit(std::move(c))}};
    }
    if (op == "edit") {
        // One activity or credential edited; `rev` defaults to the revision this store holds.
        ChangeSet c;
        const std::string id = str(cmd, "id");
        if (cmd.value("kind", "activity") == "credential") {
            core::Credential r = make_credential(id, str(cmd, "id_number"));
            c.credentials.push_back({r, cmd.value("rev", rev_of(s.committed().credentials, id))});
        } else {
            core::Activity a = make_activity(id, str(cmd, "title"), cmd.value("i", 1));
            for (const auto& x : s.committed().activities)
                if (x.id == id) {
                    a = x;
                    a.title = str(cmd, "title");
                }
            c.activities.push_back({a, cmd.value("rev", rev_of(s.committed().activities, id))});
        }
        if (cmd.contains("settings"))
            c.settings_json = cmd["settings"].get<std::string>();
        return {{"op_id", s.commit(std::move(c))}};
    }
    if (op == "delete") {
        ChangeSet c;
        const std::string id = str(cmd, "id");
        c.delete_activities.push_back({id, cmd.value("rev", rev_of(s.committed().activities, id))});
        return {{"op_id", s.commit(std::move(c))}};
    }
    if (op == "attachment") {
        auto info = s.attachment(str(cmd, "sha256"));
        if (!info)
            return nullptr;
        return {{"sha256", info->sha256}, {"name", info->name}, {"mime", info->mime}, {"size", info->size}};
    }
    if (op == "export") {
        const BackupKind kind = cmd.value("kind", "zip") == "zip" ? BackupKind::zip : BackupKind::json;
        return {{"op_id", s.export_backup(kind, *core::Date::parse(cmd.value("today", "2025-03-11")))}};
    }
    if (op == "pick_backup")
        return {{"op_id", s.pick_backup_file()}};
    if (op == "pick_evidence")
        return {{"op_id", dynamic_cast<EvidenceStaging&>(s).pick_evidence_files(cmd.value("max", std::uint64_t{15'000'000}))}};
    if (op == "picked") {
        json out = json::array();
        for (const auto& p : dynamic_cast<EvidenceStaging&>(s).take_picked_files())
            out.push_back({{"sha256", p.ref.sha256},
                           {"name", p.ref.name},
                           {"mime", p.ref.mime},
                           {"size", p.size},
                           {"error", p.error}});
        return out;
    }
    if (op == "plan")
        return plan_json(s.restore_plan(cmd.value("mode", "merge") == "replace" ? RestoreMode::replace
                                                                                : RestoreMode::merge));
    if (op == "apply_restore")
        return {{"op_id", s.apply_restore(cmd.value("mode", "merge") == "replace" ? RestoreMode::replace
                                                                                  : RestoreMode::merge)}};
    if (op == "cancel_restore") {
        s.cancel_restore();
        return {};
    }
    if (op == "open_attachment")
        return {{"op_id", s.open_attachment(str(cmd, "sha256"), cmd.value("download", true))}};
    return {{"error", "unknown op " + op}};
}

std::string g_reply;

} // namespace

extern "C" {

// One JSON command in, one JSON reply out (valid until the next call).
EMSCRIPTEN_KEEPALIVE const char* st_call(const char* command) {
    json cmd = json::parse(command, nullptr, false);
    try {
        g_reply = run(cmd).dump();
    } catch (const std::exception& e) {
        g_reply = json{{"error", e.what()}}.dump();
    }
    return g_reply.c_str();
}

// Bytes from page.js (evidence to stage, a backup file to read): copied into a vector here.
EMSCRIPTEN_KEEPALIVE const char* st_stage(int s, const char* name, const std::uint8_t* data, int len,
                                          double max) {
    PickedFile p = dynamic_cast<EvidenceStaging&>(*g_stores.at(s)).stage_evidence(name, std::vector<std::uint8_t>(data, data + len),
                                                  static_cast<std::uint64_t>(max));
    g_reply = json{
        {"sha256", p.ref.sha256},
        {"name", p.ref.name},
        {"mime", p.ref.mime},
        {"size", p.size},
        {"error",
         p.error}}.dump();
    return g_reply.c_str();
}

EMSCRIPTEN_KEEPALIVE double st_read_backup(int s, const char* name, const std::uint8_t* data, int len) {
    return static_cast<double>(
        g_stores.at(s)->read_backup(name, std::vector<std::uint8_t>(data, data + len)));
}

// The storage benchmark's save loop calls the store directly, without the JSON command layer
// above: st_bench_edit() saves activity `id` with a new title at the revision this store holds
// (what the dashboard's Controller does) and returns the operation; st_bench_state() is 0 while
// it is pending, 1 once committed, 2 if it failed.
EMSCRIPTEN_KEEPALIVE double st_bench_edit(int s, const char* id, int k) {
    Store& st = *g_stores.at(s);
    const auto& acts = st.committed().activities; // sorted by id (store_web keeps byte order)
    auto it = std::lower_bound(acts.begin(), acts.end(), std::string_view(id),
                               [](const core::Activity& a, std::string_view v) { return a.id < v; });
    if (it == acts.end() || it->id != id)
        return 0;
    core::Activity a = *it;
    a.title = "edit " + std::to_string(k);
    ChangeSet c;
    c.activities.push_back({std::move(a), it->rev});
    return static_cast<double>(st.commit(std::move(c)));
}

EMSCRIPTEN_KEEPALIVE int st_bench_state(int s, double op) {
    const OpState state = g_stores.at(s)->status(static_cast<OpId>(op)).state;
    return state == OpState::pending ? 0 : state == OpState::ok ? 1 : 2;
}

} // extern "C"

// Nothing to do at start: page.js sets window.__storagePageReady once the runtime is up.
int main() {
    return 0;
}
