// The in-memory SyncStore: see sync_store.h.
#include "sync/sync_store.h"

#include <functional>

namespace recert::sync {

SyncOpId MemorySyncStore::add(std::function<std::string()> run) {
    const SyncOpId id = m_next++;
    m_ops[id].run = std::move(run);
    return id;
}

SyncOpId MemorySyncStore::load() {
    return add([this]() -> std::string {
        SyncDisk disk;
        if (!config_row.empty()) {
            auto c = decode_config(config_row);
            if (!c)
                return c.error().to_string();
            disk.config = c.value();
        }
        for (const auto& [provider, row] : cursor_rows) {
            auto s = decode_provider_state(row);
            if (!s)
                return s.error().to_string();
            disk.providers[provider] = s.value();
        }
        for (const auto& [provider, row] : outbox_rows) {
            auto e = decode_outbox_entry(row);
            if (!e)
                return e.error().to_string();
            disk.providers[provider].provider = provider;
            disk.providers[provider].outbox.push_back(e.value());
        }
        m_disk = std::move(disk);
        return {};
    });
}

SyncOpId MemorySyncStore::save_config(const SyncConfig& c) {
    return add([this, c]() -> std::string {
        if (!fail_next_save.empty())
            return std::exchange(fail_next_save, {});
        config_row = encode_config(c);
        m_disk.config = c;
        return {};
    });
}

SyncOpId MemorySyncStore::save_provider(const ProviderState& s) {
    return add([this, s]() -> std::string {
        if (!fail_next_save.empty())
            return std::exchange(fail_next_save, {});
        cursor_rows[s.provider] = encode_provider_state(s);
        outbox_rows.erase(s.provider);
        for (const OutboxEntry& e : s.outbox)
            outbox_rows.emplace(s.provider, encode_outbox_entry(e));
        m_disk.providers[s.provider] = s;
        return {};
    });
}

StoreOp MemorySyncStore::state(SyncOpId id) const {
    auto it = m_ops.find(id);
    return it == m_ops.end() ? StoreOp::failed : it->second.state;
}

std::string MemorySyncStore::error(SyncOpId id) const {
    auto it = m_ops.find(id);
    return it == m_ops.end() ? "unknown operation" : it->second.error;
}

void MemorySyncStore::poll() {
    for (auto& [id, op] : m_ops) {
        if (op.state != StoreOp::pending)
            continue;
        op.error = op.run();
        op.state = op.error.empty() ? StoreOp::ok : StoreOp::failed;
        op.run = nullptr;
    }
}

} // namespace recert::sync
