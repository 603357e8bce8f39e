// In-memory Store: see store_memory.h.
#include "storage/store_memory.h"

#include <algorithm>

namespace recert::storage {
namespace {

template <class T>
T* find_by_id(std::vector<T>& records, const std::string& id) {
    auto it = std::find_if(records.begin(), records.end(), [&](const T& r) { return r.id == id; });
    return it == records.end() ? nullptr : &*it;
}

template <class T>
std::int64_t stored_rev(std::vector<T>& records, const std::string& id) {
    const T* r = find_by_id(records, id);
    return r ? r->rev : 0;
}

const OpStatus unknown_op{OpState::failed, "unknown operation"};

} // namespace

MemoryStore::MemoryStore(core::Log initial) : m_log(std::move(initial)) {}

void MemoryStore::open() {
    m_load.state = OpState::pending;
    m_opened = true;
}

OpId MemoryStore::commit(ChangeSet changes) {
    const OpId id = m_next++;
    m_ops[id] = {OpState::pending, {}};
    m_queue.emplace(id, std::move(changes));
    return id;
}

const OpStatus& MemoryStore::status(OpId id) const {
    auto it = m_ops.find(id);
    return it == m_ops.end() ? unknown_op : it->second;
}

std::optional<std::string> MemoryStore::apply(const ChangeSet& c) {
    core::Log next = m_log;
    for (const auto& put : c.credentials) {
        if (stored_rev(next.credentials, put.record.id) != put.expected_rev)
            return "This credential was changed in another tab. Review both versions before saving.";
    }
    for (const auto& put : c.activities) {
        if (stored_rev(next.activities, put.record.id) != put.expected_rev)
            return "This activity was changed in another tab. Review both versions before saving.";
    }
    for (const auto& del : c.delete_credentials)
        if (stored_rev(next.credentials, del.id) != del.expected_rev)
            return "This credential was changed in another tab.";
    for (const auto& del : c.delete_activities)
        if (stored_rev(next.activities, del.id) != del.expected_rev)
            return "This activity was changed in another tab.";

    for (const auto& put : c.credentials) {
        core::Credential rec = put.record;
        rec.rev = put.expected_rev + 1;
        if (auto* existing = find_by_id(next.credentials, rec.id)) *existing = std::move(rec);
        else next.credentials.push_back(std::move(rec));
    }
    for (const auto& put : c.activities) {
        core::Activity rec = put.record;
        rec.rev = put.expected_rev + 1;
        if (auto* existing = find_by_id(next.activities, rec.id)) *existing = std::move(rec);
        else next.activities.push_back(std::move(rec));
    }
    std::erase_if(next.credentials, [&](const core::Credential& r) {
        return std::any_of(c.delete_credentials.begin(), c.delete_credentials.end(),
                           [&](const Delete& d) { return d.id == r.id; });
    });
    std::erase_if(next.activities, [&](const core::Activity& r) {
        return std::any_of(c.delete_activities.begin(), c.delete_activities.end(),
                           [&](const Delete& d) { return d.id == r.id; });
    });
    if (c.settings_json) next.settings_json = *c.settings_json;
    if (c.person) next.person = *c.person;
    m_log = std::move(next);
    for (const auto& a : c.attachments) m_attachments[a.ref.sha256] = a;
    return std::nullopt;
}

bool MemoryStore::poll() {
    bool changed = false;
    if (m_opened && m_load.state == OpState::pending) {
        m_load.state = OpState::ok;
        changed = true;
    }
    for (auto& [id, changes] : m_queue) {
        OpStatus& st = m_ops[id];
        if (m_fail_next) {
            st = {OpState::failed, *m_fail_next};
            m_fail_next.reset();
            continue;
        }
        if (auto error = apply(changes)) {
            st = {OpState::failed, *error};
        } else {
            st = {OpState::ok, {}};
            changed = true;
        }
    }
    m_queue.clear();
    return changed;
}

} // namespace recert::storage
