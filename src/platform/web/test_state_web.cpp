// What browser tests and benchmarks read besides item rectangles (window.recertTest in
// web/boot.js): a JSON snapshot of the messages and dialogs the person sees, and the CPU time of
// the frames drawn (ImGui::NewFrame() to ImGui::Render()). Only read, never changes the app.
#include "platform/web/test_hooks.h"

#include "platform/web/gl_state_cache.h"

#include "ui/semantics.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <emscripten/emscripten.h>
#include <emscripten/heap.h>
#include <malloc.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <string>

namespace recert::app {
namespace {

using nlohmann::json;

const ui::AppState* g_state = nullptr;

// The last frames' NewFrame→Render times in ms (a ring) and the number recorded.
std::array<double, 600> g_frame_ms{};
std::array<bool, 600> g_frame_recorded{}; // the frame recorded the semantics tree (the mirror's)
std::size_t g_frames = 0;

std::string g_reply;

json diffs(const std::vector<ui::RecordDiff>& list) {
    json out = json::array();
    for (const ui::RecordDiff& d : list) {
        json fields = json::array();
        for (const auto& f : d.fields) fields.push_back({{"field", f.field}, {"a", f.a}, {"b", f.b}});
        out.push_back({{"kind", d.kind}, {"label", d.label}, {"fields", fields}});
    }
    return out;
}

const char* stage_name(ui::RestoreDialog::Stage s) {
    switch (s) {
    case ui::RestoreDialog::Stage::closed: return "closed";
    case ui::RestoreDialog::Stage::reading: return "reading";
    case ui::RestoreDialog::Stage::summary: return "summary";
    case ui::RestoreDialog::Stage::applying: return "applying";
    }
    return "closed";
}

// The spoken name of the text field that has ImGui's keyboard ("" when none; "?" when it is not in
// the last tree recorded).
std::string text_field() {
    if (!ImGui::GetCurrentContext() || !ImGui::GetIO().WantTextInput || !GImGui->ActiveId) return "";
    const ui::SemNode* n = ui::semantics_find(GImGui->ActiveId);
    return n ? n->name : "?";
}

} // namespace

void test_state_watch(const ui::AppState* state) { g_state = state; }

void test_frame_time(double ms) {
    g_frame_ms[g_frames % g_frame_ms.size()] = ms;
    g_frame_recorded[g_frames % g_frame_ms.size()] = ui::semantics_last_frame_recorded();
    ++g_frames;
}

} // namespace recert::app

extern "C" {

// {"toasts": [{"text","error"}], "restore": {...}, "conflict": {...}, "backupReminder": bool, …}
EMSCRIPTEN_KEEPALIVE const char* recert_test_state() {
    using namespace recert;
    app::g_reply.clear();
    if (!app::g_state) return app::g_reply.c_str();
    const ui::AppState& s = *app::g_state;
    app::json toasts = app::json::array();
    for (const ui::Toast& t : s.toasts) toasts.push_back({{"text", t.text}, {"error", t.error}});
    const ui::RestoreDialog& r = s.restore;
    app::json out = {
        {"loaded", s.data.loaded},
        {"activities", s.data.log.activities.size()},
        {"credentials", s.data.log.credentials.size()},
        {"toasts", toasts},
        {"busy", s.busy.active},
        {"textField", app::text_field()},
        {"backupReminder", s.backup_reminder_due && !s.backup_reminder_snoozed},
        {"lastBackup", s.last_backup ? s.last_backup->to_string() : ""},
        {"restore",
         {{"stage", app::stage_name(r.stage)},
          {"replace", r.replace},
          {"file", r.file_name},
          {"error", r.error},
          {"progress", r.progress},
          {"added", r.added},
          {"updated", r.updated},
          {"unchanged", r.unchanged},
          {"removed", r.removed},
          {"conflicts", app::diffs(r.conflicts)}}},
        {"conflict", {{"open", s.conflict.open}, {"records", app::diffs(s.conflict.records)}}},
        {"display",
         {{"reducedMotion", s.display.reduced_motion},
          {"moreContrast", s.display.more_contrast},
          {"forcedColors", s.display.forced_colors},
          {"uiScale", s.settings.ui_scale}}},
        {"fonts",
         {{"bodyComplete", !s.fonts.body_partial && s.fonts.body != nullptr},
          {"starterFrames", s.fonts.starter_frames},
          {"strong", s.fonts.strong != nullptr},
          {"heading", s.fonts.heading != nullptr}}},
        {"glCache",
         {{"check", gl_cache::state.check},
          {"mismatches", gl_cache::state.mismatches},
          {"realQueries", gl_cache::state.real_queries}}},
    };
    app::g_reply = out.dump(-1, ' ', false, app::json::error_handler_t::replace);
    return app::g_reply.c_str();
}

// {"frames": n, "median": ms, "p95": ms, "max": ms, "recorded": n, "recordedMedian": ms,
// "otherMedian": ms} over the last (up to 600) drawn frames (recorded: those that recorded the
// semantics tree for the mirror); reset=1 forgets them first (the bench measures a window of its own).
EMSCRIPTEN_KEEPALIVE const char* recert_frame_stats(int reset) {
    using namespace recert::app;
    if (reset) {
        g_frames = 0;
        g_reply = "{}";
        return g_reply.c_str();
    }
    const std::size_t n = std::min(g_frames, g_frame_ms.size());
    std::vector<double> v(g_frame_ms.begin(), g_frame_ms.begin() + static_cast<std::ptrdiff_t>(n));
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) { return n ? v[std::min(n - 1, static_cast<std::size_t>(q * static_cast<double>(n)))] : 0.0; };
    double sum = 0;
    for (const double ms : v) sum += ms;
    std::vector<double> recorded, other;
    for (std::size_t i = 0; i < n; ++i) (g_frame_recorded[i] ? recorded : other).push_back(g_frame_ms[i]);
    const auto median = [](std::vector<double>& w) {
        if (w.empty()) return 0.0;
        std::nth_element(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(w.size() / 2), w.end());
        return w[w.size() / 2];
    };
    g_reply = json{{"frames", g_frames}, {"median", at(0.5)}, {"mean", n ? sum / static_cast<double>(n) : 0.0},
                   {"p95", at(0.95)}, {"max", n ? v.back() : 0.0}, {"recorded", recorded.size()},
                   {"recordedMedian", median(recorded)}, {"otherMedian", median(other)}}
                  .dump();
    return g_reply.c_str();
}

// {"memory": bytes, "inUse": bytes}: the wasm memory's size (it grows, never shrinks: the peak so
// far) and what malloc holds now (mallinfo's in-use bytes); the bench's heap section reads them.
EMSCRIPTEN_KEEPALIVE const char* recert_test_heap() {
    using namespace recert::app;
    const struct mallinfo mi = mallinfo();
    g_reply = json{{"memory", static_cast<double>(emscripten_get_heap_size())}, {"inUse", static_cast<double>(mi.uordblks)}}.dump();
    return g_reply.c_str();
}

} // extern "C"
