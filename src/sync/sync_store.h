// Where sync keeps its state between runs: the settings (base URL, client id), and per provider the
// cursor row (IndexedDB `cursors`) and the outbox rows (IndexedDB `outbox`), written together in one
// transaction. Asynchronous and polled like storage::Store. Implementations: memory (native tests)
// and IndexedDB (sync_store_web.cpp, the same database as the record store).
#pragma once

#include "sync/sync_state.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace recert::sync {

enum class StoreOp : std::uint8_t { pending, ok, failed };
using SyncOpId = std::uint64_t;

struct SyncDisk {
    SyncConfig config;
    std::map<std::string, ProviderState> providers; // by provider (base URL)
};

class SyncStore {
  public:
    virtual ~SyncStore() = default;
    // Reads everything; when ok, disk() holds it. A damaged row fails the load with a located message.
    virtual SyncOpId load() = 0;
    virtual SyncOpId save_config(const SyncConfig& c) = 0;
    // Replaces the provider's cursor row and all its outbox rows, atomically.
    virtual SyncOpId save_provider(const ProviderState& s) = 0;
    virtual StoreOp state(SyncOpId id) const = 0;
    virtual std::string error(SyncOpId id) const = 0;
    virtual void poll() = 0;
    virtual const SyncDisk& disk() const = 0;
};

// In memory; each operation completes on the next poll(). Rows are kept encoded, as IndexedDB does,
// so a round trip through the codecs is exercised natively too.
class MemorySyncStore final : public SyncStore {
  public:
    SyncOpId load() override;
    SyncOpId save_config(const SyncConfig& c) override;
    SyncOpId save_provider(const ProviderState& s) override;
    StoreOp state(SyncOpId id) const override;
    std::string error(SyncOpId id) const override;
    void poll() override;
    const SyncDisk& disk() const override { return m_disk; }

    // Test helpers: the raw rows, and a failure for the next save.
    std::map<std::string, std::string> cursor_rows;                 // provider -> JSON
    std::multimap<std::string, std::string> outbox_rows;            // provider -> JSON
    std::string config_row;
    std::string fail_next_save;

  private:
    struct Op {
        StoreOp state = StoreOp::pending;
        std::string error;
        std::function<std::string()> run; // returns an error or ""
    };
    SyncOpId add(std::function<std::string()> run);
    std::map<SyncOpId, Op> m_ops;
    SyncOpId m_next = 1;
    SyncDisk m_disk;
};

} // namespace recert::sync
