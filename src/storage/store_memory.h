// An in-memory Store: the same compare-and-set semantics as the IndexedDB store, completing each
// commit on the next poll(). Used by native tests and as the fallback when IndexedDB is missing.
#pragma once

#include "storage/store.h"

#include <map>
#include <set>

namespace recert::storage {

class MemoryStore final : public Store {
  public:
    explicit MemoryStore(core::Log initial = {});

    void open() override;
    const OpStatus& load_status() const override { return m_load; }
    const core::Log& committed() const override { return m_log; }
    OpId commit(ChangeSet changes) override;
    const OpStatus& status(OpId id) const override;
    bool poll() override;
    StorageEstimate estimate() const override { return {}; }

    // Test helper: the next commit fails with `error` (as a full disk would), changing nothing.
    void fail_next_commit(std::string error) { m_fail_next = std::move(error); }
    const std::map<std::string, Attachment>& attachments() const { return m_attachments; }

  private:
    // Applies `changes` to a copy of the state; returns an error message instead when a revision
    // check fails. Nothing is changed unless everything applies.
    std::optional<std::string> apply(const ChangeSet& changes);

    core::Log m_log;
    std::map<std::string, Attachment> m_attachments; // by sha256
    OpStatus m_load;
    bool m_opened = false;
    std::map<OpId, OpStatus> m_ops;
    std::map<OpId, ChangeSet> m_queue;
    OpId m_next = 1;
    std::optional<std::string> m_fail_next;
};

} // namespace recert::storage
