// The one commit path: see record_writer.h.
#include "app/record_writer.h"

#include "core/limits.h"
#include "core/record_index.h"
#include "core/statement.h"
#include "core/validate.h"
#include "storage/restore.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

namespace recert::app {
namespace {

std::string first_error(const std::vector<core::FieldError>& errors) {
    return errors.empty() ? std::string() : errors.front().message;
}

// How many records there are after the puts and deletes (by id).
template <class T, class Put>
std::size_t count_after(const core::RecordIndex<T>& stored, const std::vector<Put>& puts,
                        const std::vector<storage::Delete>& deletes) {
    std::unordered_set<std::string_view> added; // put ids not stored yet
    for (const Put& p : puts)
        if (!stored.find(p.record.id))
            added.insert(p.record.id);
    std::unordered_set<std::string_view> removed; // deleted ids that are stored or added
    for (const storage::Delete& d : deletes)
        if (stored.find(d.id) || added.contains(d.id))
            removed.insert(d.id);
    return stored.size() + added.size() - removed.size();
}

std::string log_full(std::size_t max, const char* what) {
    return "your records already hold " + std::to_string(max) + " " + what + ", the most one log can have.";
}

} // namespace

std::string check_change(const core::Log& log, const storage::ChangeSet& changes, const core::PackSet& packs,
                         core::Date today) {
    if (changes.person)
        if (std::string e = first_error(core::validate_person(*changes.person)); !e.empty()) return e;
    for (const storage::CredentialPut& p : changes.credentials)
        if (std::string e = first_error(core::validate_credential(p.record, packs, today)); !e.empty()) return e;
    const core::RecordIndex<core::Activity> activities(log.activities,
                                                       changes.activities.size() + changes.delete_activities.size());
    for (const storage::ActivityPut& p : changes.activities) {
        if (std::string e = first_error(core::validate_activity(p.record, today)); !e.empty()) return e;
        // A finalized statement locks its period (core/statement.h).
        if (std::string locked = core::statement_lock_problem(log.credentials, activities.find(p.record.id), &p.record,
                                                              &packs);
            !locked.empty())
            return locked;
    }
    for (const storage::Delete& d : changes.delete_activities)
        if (const core::Activity* rec = activities.find(d.id))
            if (std::string locked = core::statement_lock_problem(log.credentials, rec, nullptr, &packs); !locked.empty())
                return locked;
    if (!changes.activities.empty() &&
        count_after(activities, changes.activities, changes.delete_activities) > core::limits::max_activities)
        return log_full(core::limits::max_activities, "activities");
    if (!changes.credentials.empty() &&
        count_after(core::RecordIndex<core::Credential>(log.credentials,
                                                        changes.credentials.size() + changes.delete_credentials.size()),
                    changes.credentials, changes.delete_credentials) > core::limits::max_credentials)
        return log_full(core::limits::max_credentials, "credentials");
    return {};
}

RecordWriter::RecordWriter(storage::Store& store, const core::PackSet& packs) : m_store(store), m_packs(packs) {}

WriteId RecordWriter::add(storage::OpId op, std::string refused) {
    const WriteId id = m_next++;
    Entry& e = m_writes[id];
    e.op = op;
    if (!op) e.result = {WriteResult::State::refused, std::move(refused), {}};
    return id;
}

WriteId RecordWriter::write(storage::ChangeSet changes, core::Date today) {
    if (std::string problem = check_change(m_store.committed(), changes, m_packs, today); !problem.empty())
        return add(0, std::move(problem));
    return add(m_store.commit(std::move(changes)), {});
}

WriteId RecordWriter::restore(storage::RestoreMode mode, core::Date today) {
    if (const storage::RestorePlan* plan = m_store.restore_plan(mode))
        if (std::string problem = check_change(m_store.committed(), plan->changes, m_packs, today); !problem.empty())
            return add(0, std::move(problem));
    return add(m_store.apply_restore(mode), {});
}

WriteId RecordWriter::watch(storage::OpId op) {
    return add(op, {});
}

const WriteResult& RecordWriter::result(WriteId id) {
    Entry& e = m_writes[id];
    if (e.op && e.result.pending()) {
        const storage::OpStatus& st = m_store.status(e.op);
        if (st.state == storage::OpState::ok) e.result = {WriteResult::State::ok, {}, {}};
        else if (st.state == storage::OpState::failed) e.result = {WriteResult::State::failed, st.error, st.conflicts};
    }
    return e.result;
}

void RecordWriter::forget(WriteId id) {
    m_writes.erase(id);
}

void PendingWrites::add(WriteId id, std::string done_message, std::function<void(ui::AppState&)> on_ok) {
    m_pending.push_back({id, std::move(done_message), std::move(on_ok)});
}

PendingWrites::Finished PendingWrites::finish(RecordWriter& writer, ui::AppState& state,
                                              const std::function<void(const WriteResult&)>& failed) {
    Finished out;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const WriteResult r = writer.result(it->id);
        if (r.pending()) {
            ++it;
            continue;
        }
        ++out.count;
        if (r.ok()) {
            ++out.ok;
            if (it->on_ok) it->on_ok(state);
            if (!it->done_message.empty()) ui::notify(state, it->done_message);
        } else if (failed) {
            failed(r);
        }
        writer.forget(it->id);
        it = m_pending.erase(it);
    }
    return out;
}

} // namespace recert::app
