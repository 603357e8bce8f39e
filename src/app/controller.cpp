// The UI <-> store controller: see controller.h.
#include "app/controller.h"
#include "app/overloaded.h"

#include "core/diff.h"
#include "core/json_read.h"
#include "core/names.h"
#include "core/renewal.h"
#include "storage/restore.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace recert::app {
namespace {

using core::find_by_id;

void add_files(storage::ChangeSet& changes, const std::vector<ui::PickedFile>& files) {
    for (const ui::PickedFile& f : files) changes.attachments.push_back({f.ref, f.bytes});
}

} // namespace

Controller::Controller(storage::Store& store, const core::PackSet& packs, PlatformHooks hooks)
    : m_store(store), m_packs(packs), m_hooks(std::move(hooks)), m_writer(store, packs) {
    m_store.open();
}

void Controller::refresh(ui::AppState& state, core::Date today) {
    m_refresh_due = false;
    m_last_refresh_ms = m_now_ms;
    ui::DataView& d = state.data;
    d.loaded = true;
    d.load_error.clear();
    d.log = m_store.committed();
    d.packs = &m_packs;
    d.today = today;
    d.evaluation = core::evaluate(m_packs, d.log.credentials, d.log.activities, today);
    d.plan = core::plan(d.evaluation);
    d.duplicates = core::suggest_duplicates(d.log.activities);
    ++d.generation;
    // The cart holds only credentials that can still be renewed.
    std::erase_if(state.cart, [&](const std::string& id) {
        for (std::size_t i = 0; i < d.log.credentials.size(); ++i) {
            if (d.log.credentials[i].id != id) continue;
            const auto s = d.evaluation.credentials[i].status;
            return s != core::CredentialStatus::ready_to_renew && s != core::CredentialStatus::grace_period;
        }
        return true;
    });
    const storage::StorageEstimate e = m_store.estimate();
    state.storage.known = e.known;
    state.storage.persistent = e.persistent;
    state.storage.usage = e.usage;
    state.storage.quota = e.quota;
    state.last_backup = m_store.last_backup();
    state.backup_reminder_due = storage::backup_reminder_due(d.log, state.last_backup, today);
}

bool Controller::tick(ui::AppState& state, std::vector<ui::RecordIntent>& intents, core::Date today, double now_ms,
                      double background_spacing_ms) {
    m_now_ms = now_ms;
    bool changed = m_store.poll();
    if (std::string notice = m_store.notice(); notice != state.storage.notice) {
        state.storage.notice = std::move(notice);
        changed = true;
    }

    if (const auto where = static_cast<ui::StorageWhere>(m_store.situation()); where != state.storage.where) {
        state.storage.where = where;
        changed = true;
    }
    const storage::OpStatus& load = m_store.load_status();
    if (!m_loaded && load.state == storage::OpState::pending && m_load_reported) {
        m_load_reported = false; // opening again (storage access granted): no error to show
        state.data.load_error.clear();
        changed = true;
    }
    if (!m_loaded && load.state == storage::OpState::ok) {
        m_loaded = true;
        state.settings = decode_settings(m_store.committed().settings_json, state.settings);
        refresh(state, today);
        m_today = today;
        return true;
    }
    if (!m_loaded) {
        if (load.state == storage::OpState::failed && !m_load_reported) {
            m_load_reported = true;
            state.data.load_error = load.error;
            changed = true;
        }
        return changed; // intents wait until the data is there
    }

    // Finished commits.
    const PendingWrites::Finished finished = m_pending.finish(m_writer, state, [&](const WriteResult& st) {
        if (!st.conflicts.empty()) {
            // Another tab changed the same record: show both versions, let the person choose.
            m_conflicts = st.conflicts;
            state.conflict.records.clear();
            for (const storage::Conflict& c : st.conflicts) state.conflict.records.push_back(to_record_diff(c, true, &m_packs));
            state.conflict.open = true;
            // The dialog replaces the form (one modal at a time); what was typed is kept in the
            // conflict as "your version" and saved by "Keep my version".
            state.activity_form.open = false;
            state.credential_form.open = false;
            state.cpr_form.open = false;
            state.renewal_form.open = false;
            ui::notify(state, "Not saved: changed in another tab", true);
        } else {
            ui::notify(state, "Not saved: " + st.message, true);
        }
    });
    const bool data_changed = finished.ok > 0;
    if (finished.count > 0) changed = true;
    // Another tab's changes or a sync run's pages (the store reports them through poll()): due now,
    // done now or once the spacing has passed.
    if (changed && !m_refresh_due && !(m_store.committed() == state.data.log)) m_refresh_due = true;
    const bool spaced_out = background_spacing_ms <= 0.0 || now_ms - m_last_refresh_ms >= background_spacing_ms;
    // Our own commits and a new day re-evaluate at once.
    if (data_changed || today != m_today || (m_refresh_due && spaced_out)) {
        refresh(state, today);
        m_today = today;
        changed = true;
        if (data_changed && m_hooks.data_changed) m_hooks.data_changed();
    }
    state.busy.active = !m_pending.empty();
    if (state.busy.active) state.busy.label = "Saving…";

    // The restore in progress: the file was read (or refused), or the restore was applied.
    if (m_restore_read) {
        const storage::OpStatus& st = m_store.status(m_restore_read);
        if (st.state == storage::OpState::pending && st.progress != state.restore.progress) {
            state.restore.progress = st.progress;
            changed = true;
        } else if (st.state != storage::OpState::pending) {
            m_restore_read = 0;
            changed = true;
            if (st.state == storage::OpState::failed) {
                state.restore.stage = ui::RestoreDialog::Stage::summary;
                state.restore.error = st.error;
            } else if (const storage::RestorePlan* plan = m_store.restore_plan(storage::RestoreMode::merge)) {
                state.restore.stage = ui::RestoreDialog::Stage::summary;
                fill_restore(state, *plan); // planned once: 100,000 activities take a while
            } else {
                state.restore.stage = ui::RestoreDialog::Stage::closed; // the picker was cancelled
            }
        }
    }
    if (m_restore_apply && !m_writer.result(m_restore_apply).pending()) {
        finish_restore(state, today);
        changed = true;
    }

    // New intents.
    for (const ui::RecordIntent& intent : intents) {
        start(state, intent, today);
        changed = true;
    }
    intents.clear();
    return changed;
}

void Controller::finish_restore(ui::AppState& state, core::Date today) {
    const WriteResult st = m_writer.result(m_restore_apply);
    m_writer.forget(m_restore_apply);
    m_restore_apply = 0;
    if (st.ok()) {
        const ui::RestoreDialog& r = state.restore;
        ui::notify(state, "Backup restored: " + std::to_string(r.added.size()) + " added, " +
                              std::to_string(r.updated.size()) + " updated" +
                              (r.replace ? ", " + std::to_string(r.removed.size()) + " removed" : ""));
        state.restore = {};
        refresh(state, today);
        if (m_hooks.data_changed) m_hooks.data_changed();
    } else {
        // Nothing was written (refused by the checks, or failed). The plan is redone against what is
        // stored now.
        state.restore.stage = ui::RestoreDialog::Stage::summary;
        fill_restore(state);
        state.restore.error = "Nothing was restored: " + st.message;
    }
}

void Controller::commit(ui::AppState& state, storage::ChangeSet changes, core::Date today, const char* refused,
                        std::string done, std::function<void(ui::AppState&)> on_ok) {
    const WriteId id = m_writer.write(std::move(changes), today);
    if (const WriteResult& r = m_writer.result(id); r.refused()) {
        ui::notify(state, refused + r.message, true);
        m_writer.forget(id);
        return;
    }
    m_pending.add(id, std::move(done), std::move(on_ok));
    state.busy = {true, "Saving…"};
}

void Controller::start(ui::AppState& state, const ui::RecordIntent& intent, core::Date today) {
    const core::Log& log = m_store.committed();
    std::visit(
        overloaded{
            [&](const ui::SaveCredential& s) {
                storage::ChangeSet c;
                c.credentials.push_back({s.record, s.record.rev});
                add_files(c, s.files);
                const bool is_new = s.record.rev == 0;
                commit(state, std::move(c), today, "Not saved: ", is_new ? "Credential added" : "Credential saved",
                       [](ui::AppState& st) {
                    st.credential_form.open = false;
                    st.cpr_form.open = false;
                });
            },
            [&](const ui::DeleteCredential& d) {
                const core::Credential* rec = find_by_id(log.credentials, d.id);
                if (!rec) return;
                storage::ChangeSet c;
                c.delete_credentials.push_back({rec->id, rec->rev});
                core::Credential copy = *rec;
                commit(state, std::move(c), today, "Not deleted: ", "Credential deleted", [this, copy](ui::AppState& st) {
                    m_undo = copy;
                    st.can_undo_delete = true;
                    st.undo_label = "Credential deleted";
                });
            },
            [&](const ui::SaveActivity& s) {
                // Validation, the statement lock and the limits: RecordWriter.
                storage::ChangeSet c;
                c.activities.push_back({s.record, s.record.rev});
                add_files(c, s.files);
                const bool is_new = s.record.rev == 0;
                const std::string id = s.record.id;
                commit(state, std::move(c), today, "Not saved: ", is_new ? "Activity added" : "Activity saved",
                       [id](ui::AppState& st) {
                    st.activity_form.open = false;
                    st.selected_activity = id;
                });
            },
            [&](const ui::DeleteActivity& d) {
                const core::Activity* rec = find_by_id(log.activities, d.id);
                if (!rec) return;
                storage::ChangeSet c;
                c.delete_activities.push_back({rec->id, rec->rev});
                core::Activity copy = *rec;
                commit(state, std::move(c), today, "Not deleted: ", "Activity deleted", [this, copy](ui::AppState& st) {
                    m_undo = copy;
                    st.can_undo_delete = true;
                    st.undo_label = "Activity deleted";
                    st.activity_form.open = false;
                    if (st.selected_activity == copy.id) st.selected_activity.clear();
                });
            },
            [&](const ui::UndoDelete&) {
                storage::ChangeSet c;
                if (auto* a = std::get_if<core::Activity>(&m_undo)) c.activities.push_back({*a, 0});
                else if (auto* cr = std::get_if<core::Credential>(&m_undo)) c.credentials.push_back({*cr, 0});
                else return;
                commit(state, std::move(c), today, "Not restored: ", "Restored", [this](ui::AppState& st) {
                    m_undo = std::monostate{};
                    st.can_undo_delete = false;
                });
            },
            [&](const ui::RecordRenewal& r) {
                const core::Credential* rec = find_by_id(log.credentials, r.credential_id);
                if (!rec) return;
                std::optional<core::EvidenceRef> receipt;
                if (r.receipt) receipt = r.receipt->ref;
                auto renewed = core::record_renewal(*rec, r.renewed_on, r.amount, receipt, m_packs);
                if (!renewed) {
                    ui::notify(state, "Not recorded: " + renewed.error().message, true);
                    return;
                }
                storage::ChangeSet c;
                c.credentials.push_back({renewed.value(), rec->rev});
                if (r.receipt) c.attachments.push_back({r.receipt->ref, r.receipt->bytes});
                const std::string id = rec->id;
                // Named as the person knows it ("Renewal of ACSM CPT recorded"), never by its id.
                const core::RulePack* pack = nullptr;
                for (std::size_t i = 0; i < state.data.log.credentials.size() && i < state.data.evaluation.credentials.size(); ++i)
                    if (state.data.log.credentials[i].id == id) pack = state.data.evaluation.credentials[i].pack;
                commit(state, std::move(c), today, "Not recorded: ",
                       "Renewal of " + core::credential_short_name(*rec, pack) + " recorded; its next cycle has started",
                       [id](ui::AppState& st) {
                    st.renewal_form.open = false;
                    std::erase(st.cart, id);
                });
            },
            [&](const ui::AssignCourseKind& k) {
                const core::Activity* course = find_by_id(log.activities, k.activity_id);
                const core::Credential* cred = find_by_id(log.credentials, k.credential_id);
                if (!course || !cred) return;
                const std::string key = core::accreditation_key(*course);
                if (key.empty()) return;
                storage::ChangeSet c;
                for (const core::Activity& a : log.activities) {
                    if (!a.provider_link || a.provider_link->accredited_by.empty() || core::accreditation_key(a) != key)
                        continue;
                    core::Activity next = a;
                    auto& list = next.provider_link->assigned_to;
                    const bool has = std::find(list.begin(), list.end(), cred->id) != list.end();
                    if (has == k.assign) continue;
                    if (k.assign) list.push_back(cred->id);
                    else std::erase(list, cred->id);
                    c.activities.push_back({std::move(next), a.rev});
                }
                if (c.activities.empty()) return;
                const core::RulePack* pack = nullptr;
                for (std::size_t i = 0; i < state.data.log.credentials.size() && i < state.data.evaluation.credentials.size(); ++i)
                    if (state.data.log.credentials[i].id == cred->id) pack = state.data.evaluation.credentials[i].pack;
                const std::size_t n = c.activities.size();
                std::string what = std::to_string(n) + (n == 1 ? " course" : " courses") + " from " +
                                   (course->provider.empty() ? std::string("this provider") : course->provider);
                commit(state, std::move(c), today, "Not changed: ",
                       what + (k.assign ? " now count toward " : " no longer count toward ") +
                           core::credential_short_name(*cred, pack),
                       [](ui::AppState&) {});
            },
            [&](const ui::SaveSettings&) {
                storage::ChangeSet c;
                c.settings_json = encode_settings(state.settings);
                commit(state, std::move(c), today, "Not saved: ", "");
            },
            [&](const ui::SaveProfile& p) {
                // The profile's checks (core::validate_person): RecordWriter.
                storage::ChangeSet c;
                c.person = p.person;
                commit(state, std::move(c), today, "Not saved: ", "Profile saved",
                       [](ui::AppState& st) { st.profile.tried = false; });
            },
            [&](const ui::RequestFile& r) {
                if (m_hooks.request_file) m_hooks.request_file(r);
            },
            [&](const ui::OpenEvidence& o) {
                m_pending.add(m_writer.watch(m_store.open_attachment(o.sha256, o.download)));
            },
            [&](const ui::RestoreBackup& r) { restore_step(state, r, today); },
            [&](const ui::ResolveConflict& r) { resolve_conflict(state, r.keep_mine, today); },
            [&](const ui::ExportBackup& b) {
                const storage::OpId id =
                    m_store.export_backup(b.json_only ? storage::BackupKind::json : storage::BackupKind::zip, today);
                m_pending.add(m_writer.watch(id), b.json_only ? "Backup (JSON) downloaded" : "Backup downloaded");
            },
        },
        intent);
}

void Controller::restore_step(ui::AppState& state, const ui::RestoreBackup& r, core::Date today) {
    using Step = ui::RestoreBackup::Step;
    const storage::RestoreMode mode = r.replace ? storage::RestoreMode::replace : storage::RestoreMode::merge;
    switch (r.step) {
    case Step::pick:
        if (m_restore_read || m_restore_apply) return;
        state.restore = {};
        state.restore.stage = ui::RestoreDialog::Stage::reading;
        m_restore_read = r.bytes.empty() ? m_store.pick_backup_file() : m_store.read_backup(r.file_name, r.bytes);
        return;
    case Step::plan:
        state.restore.replace = r.replace;
        state.restore.confirm_replace = false;
        fill_restore(state);
        return;
    case Step::apply:
        if (m_restore_apply || !m_store.restore_plan(mode)) return;
        state.restore.replace = r.replace;
        state.restore.stage = ui::RestoreDialog::Stage::applying;
        state.restore.error.clear();
        m_restore_apply = m_writer.restore(mode, today);
        return;
    case Step::cancel:
        if (m_restore_apply) return; // one transaction under way: it completes or fails whole
        m_store.cancel_restore();
        m_restore_read = 0;
        state.restore = {};
        return;
    }
}

void Controller::fill_restore(ui::AppState& state) {
    const storage::RestorePlan* plan =
        m_store.restore_plan(state.restore.replace ? storage::RestoreMode::replace : storage::RestoreMode::merge);
    if (plan) fill_restore(state, *plan);
}

void Controller::fill_restore(ui::AppState& state, const storage::RestorePlan& p) {
    ui::RestoreDialog& d = state.restore;
    const storage::RestorePlan* plan = &p;
    const auto labels = [](const std::vector<storage::RecordRef>& refs) {
        std::vector<std::string> out;
        for (const storage::RecordRef& r : refs)
            out.push_back((r.kind == storage::RecordKind::credential ? "Credential: " : "") + r.label);
        return out;
    };
    d.file_name = plan->file_name;
    d.created = plan->created;
    d.error.clear();
    d.added = labels(plan->added);
    d.updated = labels(plan->updated);
    d.unchanged = labels(plan->unchanged);
    d.removed = labels(plan->removed);
    d.conflicts.clear();
    for (const storage::Conflict& c : plan->conflicts) d.conflicts.push_back(to_record_diff(c, false, &m_packs));
    d.files_added = plan->files_added;
    d.evidence_missing = plan->evidence_missing.size();
    d.settings_changed = plan->settings_changed;
    d.person_changed = plan->person_changed;
}

void Controller::resolve_conflict(ui::AppState& state, bool keep_mine, core::Date today) {
    state.conflict = {};
    std::vector<storage::Conflict> conflicts;
    conflicts.swap(m_conflicts);
    if (!keep_mine) {
        ui::notify(state, "Kept the version saved in the other tab");
        state.activity_form.open = false;
        state.credential_form.open = false;
        return;
    }
    // Write this tab's versions over what is stored now (compare-and-set against the stored
    // revision, so a third edit in the meantime is caught again).
    storage::ChangeSet c;
    for (const storage::Conflict& k : conflicts) {
        if (k.kind == storage::RecordKind::activity) {
            if (k.attempted_activity) c.activities.push_back({*k.attempted_activity, k.stored_rev});
            else if (k.stored_rev) c.delete_activities.push_back({k.id, k.stored_rev});
        } else {
            if (k.attempted_credential) c.credentials.push_back({*k.attempted_credential, k.stored_rev});
            else if (k.stored_rev) c.delete_credentials.push_back({k.id, k.stored_rev});
        }
    }
    if (c.empty()) return;
    commit(state, std::move(c), today, "Not saved: ", "Saved your version", [](ui::AppState& st) {
        st.activity_form.open = false;
        st.credential_form.open = false;
    });
}

namespace {

// One record's two versions (either may be missing) as the UI's RecordDiff.
template <class T, class Diff, class Label>
ui::RecordDiff record_diff(const char* kind, const std::string& id, const std::optional<T>& a,
                           const std::optional<T>& b, Diff diff, Label label) {
    ui::RecordDiff d;
    d.kind = kind;
    d.label = a ? label(*a) : b ? label(*b) : id;
    d.a_missing = !a;
    d.b_missing = !b;
    if (a && b) d.fields = diff(*a, *b);
    return d;
}

} // namespace

ui::RecordDiff to_record_diff(const storage::Conflict& c, bool a_attempted, const core::PackSet* packs) {
    const auto activity = [](const core::Activity& a) { return core::record_label(a); };
    const auto credential = [packs](const core::Credential& r) { return core::record_label(r, packs); };
    if (c.kind == storage::RecordKind::activity)
        return a_attempted ? record_diff("Activity", c.id, c.attempted_activity, c.stored_activity, core::diff_activities, activity)
                           : record_diff("Activity", c.id, c.stored_activity, c.attempted_activity, core::diff_activities, activity);
    return a_attempted
               ? record_diff("Credential", c.id, c.attempted_credential, c.stored_credential, core::diff_credentials, credential)
               : record_diff("Credential", c.id, c.stored_credential, c.attempted_credential, core::diff_credentials, credential);
}

std::string encode_settings(const ui::UiSettings& s) {
    nlohmann::json j;
    j["theme"] = s.theme == ui::Theme::dark ? "dark" : "light";
    j["date_style"] = s.date_style == ui::DateStyle::us ? "us" : s.date_style == ui::DateStyle::europe ? "europe" : "iso";
    j["ui_scale"] = s.ui_scale;
    return j.dump();
}

ui::UiSettings decode_settings(const std::string& text, ui::UiSettings base) {
    ui::UiSettings s = base;
    if (core::detail::depth_problem(text))
        return s; // (a log's settings never nest so deep: its decoder refuses them)
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return s;
    if (auto it = j.find("theme"); it != j.end() && it->is_string())
        s.theme = it->get<std::string>() == "dark" ? ui::Theme::dark : ui::Theme::light;
    if (auto it = j.find("date_style"); it != j.end() && it->is_string()) {
        const std::string v = it->get<std::string>();
        s.date_style = v == "us" ? ui::DateStyle::us : v == "europe" ? ui::DateStyle::europe : ui::DateStyle::iso;
    }
    // A whole percentage within ui_scale_min..ui_scale_max; anything else keeps the base value.
    if (auto it = j.find("ui_scale"); it != j.end() && it->is_number_integer()) {
        const auto v = it->get<std::int64_t>();
        if (v >= ui::ui_scale_min && v <= ui::ui_scale_max)
            s.ui_scale = static_cast<int>(v);
    }
    return s;
}

} // namespace recert::app
