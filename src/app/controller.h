// The controller between the UI and the store: turns the UI's record Intents into validated, atomic
// commits, and keeps AppState::data equal to what is stored (plus its evaluation). Pure C++
// (no Emscripten, no SDL): tested natively with the in-memory store.
#pragma once

#include "app/record_writer.h"
#include "storage/store.h"
#include "ui/app_state.h"

#include <functional>
#include <optional>
#include <variant>
#include <vector>

namespace recert::app {

// Browser actions the controller cannot do itself (file picker, opening a stored file).
struct PlatformHooks {
    std::function<void(const ui::RequestFile&)> request_file;
    std::function<void()> data_changed; // e.g. tell an embedding host page
};

class Controller {
  public:
    // `packs` must outlive the controller.
    Controller(storage::Store& store, const core::PackSet& packs, PlatformHooks hooks = {});

    // Once per frame, after the UI drew (through app::dispatch, which hands it the record intents
    // the UI left in AppState::intents): advances the store, applies finished commits to
    // `state.data` (or reports their failure), re-evaluates when `today` changed, and starts the
    // commits for `intents`, clearing it; before the store has loaded they stay in `intents`.
    // Returns true when something visible changed.
    // Changes that come from elsewhere (another tab, a sync run's pages) re-evaluate the dashboard
    // at most once per `background_spacing_ms` of `now_ms` (0 = at once; the caller passes 0 again
    // when the burst is over, and what is still due is done then). The person's own commits and a
    // new day always re-evaluate at once.
    bool tick(ui::AppState& state, std::vector<ui::RecordIntent>& intents, core::Date today, double now_ms = 0.0,
              double background_spacing_ms = 0.0);

  private:
    void refresh(ui::AppState& state, core::Date today);
    void restore_step(ui::AppState& state, const ui::RestoreBackup& r, core::Date today);
    void fill_restore(ui::AppState& state);
    void fill_restore(ui::AppState& state, const storage::RestorePlan& plan);
    void resolve_conflict(ui::AppState& state, bool keep_mine, core::Date today);
    void start(ui::AppState& state, const ui::RecordIntent& intent, core::Date today);
    // Writes `changes` through the record writer; a refused change is a toast "<refused><why>".
    void commit(ui::AppState& state, storage::ChangeSet changes, core::Date today, const char* refused,
                std::string done, std::function<void(ui::AppState&)> on_ok = {});
    void finish_restore(ui::AppState& state, core::Date today);

    storage::Store& m_store;
    const core::PackSet& m_packs;
    PlatformHooks m_hooks;
    RecordWriter m_writer;
    PendingWrites m_pending; // commits, exports and opened files: toast when done
    bool m_loaded = false;
    bool m_load_reported = false;
    bool m_refresh_due = false;     // the store changed from elsewhere; not yet re-evaluated
    double m_now_ms = 0.0;
    double m_last_refresh_ms = -1e300;
    core::Date m_today;
    // The restore in progress: reading the file, then applying it.
    storage::OpId m_restore_read = 0;
    WriteId m_restore_apply = 0;
    // The conflicts of the last save that collided with another tab (for ResolveConflict).
    std::vector<storage::Conflict> m_conflicts;
    // The last deleted record, for Undo.
    std::variant<std::monostate, core::Activity, core::Credential> m_undo;
};

// Settings <-> the log's opaque settings JSON ({"theme":"dark","date_style":"iso","ui_scale":150}).
// Keys that are missing, unknown or malformed (ui_scale: not a whole number in 100..200) keep
// their value from `base`.
// One conflict as the UI shows it: `a` = the attempted version when `a_attempted`, else the stored.
ui::RecordDiff to_record_diff(const storage::Conflict& c, bool a_attempted, const core::PackSet* packs = nullptr);

std::string encode_settings(const ui::UiSettings& s);
ui::UiSettings decode_settings(const std::string& json, ui::UiSettings base = {});

} // namespace recert::app
