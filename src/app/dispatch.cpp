// The one request queue: see dispatch.h.
#include "app/dispatch.h"
#include "app/overloaded.h"

#include <utility>

namespace recert::app {
namespace {

struct Routed {
    std::vector<ui::RecordIntent> records;
    std::vector<ui::ReportRequest> reports;
    std::vector<ui::SyncIntent> sync;
};

Routed route(std::vector<ui::Intent> intents) {
    Routed out;
    for (ui::Intent& intent : intents)
        std::visit(overloaded{
                       [&](ui::ReportRequest& r) { out.reports.push_back(std::move(r)); },
                       [&](ui::SyncIntent& s) { out.sync.push_back(std::move(s)); },
                       [&](auto& record) { out.records.emplace_back(std::move(record)); },
                   },
                   intent);
    return out;
}

} // namespace

bool dispatch(ui::AppState& state, const Controllers& c, const FrameClock& clock) {
    Routed routed = route(std::exchange(state.intents, {}));
    const bool syncing = c.sync && c.sync->running();
    bool changed = false;
    if (c.records) {
        changed =
            c.records->tick(state, routed.records, clock.today, clock.now_ms, clock.background_spacing_ms);
        // Not started yet (the store is still opening): back in the queue, before anything asked since.
        if (!routed.records.empty()) {
            std::vector<ui::Intent> waiting;
            for (ui::RecordIntent& r : routed.records)
                std::visit([&](auto& record) { waiting.emplace_back(std::move(record)); }, r);
            waiting.insert(waiting.end(), std::make_move_iterator(state.intents.begin()),
                           std::make_move_iterator(state.intents.end()));
            state.intents = std::move(waiting);
        }
    }
    if (c.reports)
        changed = c.reports->tick(state, routed.reports, clock.today) || changed;
    if (c.sync)
        changed = c.sync->tick(state, routed.sync, clock.unix_ms) || changed;
    if (c.records && syncing && !c.sync->running()) {
        std::vector<ui::RecordIntent> none;
        c.records->tick(state, none, clock.today, clock.now_ms, 0.0);
    }
    return changed;
}

} // namespace recert::app
