// The one request queue from the UI: AppState::intents (record changes, report and import requests,
// sync actions), drained once per frame here and routed, each to the controller that carries it out:
// Controller (records), ReportsController (reports, imports, finalize) and SyncController (provider
// sync). Each controller's tick takes its requests at the point of its work it always did, in the
// order the UI asked; record intents that arrive before the store has loaded wait in the queue.
#pragma once

#include "app/controller.h"
#include "app/reports.h"
#include "app/sync_controller.h"
#include "ui/app_state.h"

namespace recert::app {

// The controllers of the app; a missing one (native tests that need only one) drops its requests.
struct Controllers {
    Controller* records = nullptr;
    ReportsController* reports = nullptr;
    SyncController* sync = nullptr;
};

struct FrameClock {
    core::Date today;
    double now_ms = 0.0;                // monotonic (Controller's background spacing)
    double background_spacing_ms = 0.0; // Controller::tick's spacing of re-evaluations from elsewhere
    double unix_ms = 0.0;               // wall clock (sync: backoff, last synced)
};

// Runs the controllers once (records, reports, then sync) with the requests in AppState::intents.
// When a sync run ends in this frame the records controller runs once more without spacing, so the
// dashboard catches up in the same frame as "Up to date". True when something visible changed.
bool dispatch(ui::AppState& state, const Controllers& controllers, const FrameClock& clock);

} // namespace recert::app
