// The one commit path: every change to the log (the activity and credential forms, delete and undo,
// renewal, finalize / unlock, CSV and Open Badges imports, backup restore, sync pages and accepted
// held items) goes through RecordWriter::write (or ::restore), which runs the same checks first —
// core validation (core/validate.h), the record and log limits (core/limits.h) and the
// finalized-statement lock (core/statement.h) — and reports through one shape of result. A refused
// change never reaches the store. Pure C++ over the Store interface: tested natively (tests/app).
#pragma once

#include "core/rulepack.h"
#include "storage/store.h"
#include "ui/app_state.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace recert::app {

using WriteId = std::uint64_t;

// What became of one write (or of a watched store operation).
struct WriteResult {
    enum class State : std::uint8_t { pending, ok, refused, failed };
    State state = State::pending;
    // refused: why, in the checks' plain words (no prefix, no final period);
    // failed: the store's words ("Your browser's storage is full…").
    std::string message;
    // failed because another tab changed a record: each one with both versions.
    std::vector<storage::Conflict> conflicts;
    bool pending() const { return state == State::pending; }
    bool ok() const { return state == State::ok; }
    bool refused() const { return state == State::refused; }
};

// The checks every change runs against the log it would be applied to, in this order: the profile
// (core::validate_person) when the change sets it; for each credential put core::validate_credential; for each activity put core::validate_activity, then the
// statement lock (against the stored version, if any); for each activity delete the statement lock;
// last the log's size limits (core::limits::max_activities, max_credentials). "" when allowed, else
// the first problem.
std::string check_change(const core::Log& log, const storage::ChangeSet& changes, const core::PackSet& packs,
                         core::Date today);

class RecordWriter {
  public:
    // `store` and `packs` must outlive the writer.
    RecordWriter(storage::Store& store, const core::PackSet& packs);

    // Checks `changes` (check_change against the store's committed log) and, when allowed, starts the
    // commit. A refused write is finished at once: result(id).refused() is true straight away.
    WriteId write(storage::ChangeSet changes, core::Date today);
    // Applies the staged backup in `mode`: the restore plan's change runs the same checks first.
    WriteId restore(storage::RestoreMode mode, core::Date today);
    // A store operation that writes no record (a download, opening a stored file), so that its
    // outcome comes back in the same shape.
    WriteId watch(storage::OpId op);

    // The result of `id` as it stands now (pending until the store finishes it).
    const WriteResult& result(WriteId id);
    // Drops a finished write's result.
    void forget(WriteId id);

  private:
    struct Entry {
        storage::OpId op = 0; // 0: refused before reaching the store
        WriteResult result;
    };
    WriteId add(storage::OpId op, std::string refused);

    storage::Store& m_store;
    const core::PackSet& m_packs;
    std::map<WriteId, Entry> m_writes;
    WriteId m_next = 1;
};

// The writes a controller waits for, with what to do when each succeeds: one loop for every
// controller instead of one each.
class PendingWrites {
  public:
    struct Finished {
        std::size_t count = 0; // writes that finished this time
        std::size_t ok = 0;    // of which succeeded
    };
    void add(WriteId id, std::string done_message = {}, std::function<void(ui::AppState&)> on_ok = {});
    bool empty() const { return m_pending.empty(); }
    // For each finished write, in order: when ok, runs its on_ok and shows its done message (a toast);
    // otherwise calls `failed` with the result. Forgets them in the writer.
    Finished finish(RecordWriter& writer, ui::AppState& state,
                    const std::function<void(const WriteResult&)>& failed);

  private:
    struct Pending {
        WriteId id = 0;
        std::string done_message;
        std::function<void(ui::AppState&)> on_ok;
    };
    std::vector<Pending> m_pending;
};

} // namespace recert::app
