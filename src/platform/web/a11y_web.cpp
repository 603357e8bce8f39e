// The accessibility mirror's C++ side: see a11y_web.h. A mirrored click is two SDL user events
// (press, release at the node's centre) pushed into SDL's queue, so the input trickle applies them
// in order with the keys typed after them and each is seen by ImGui for a whole frame.
#include "platform/web/a11y_web.h"

#include "platform/web/js_api.h"
#include "platform/web/test_hooks.h"
#include "ui/semantics.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <cfloat>

#include <emscripten/emscripten.h>

#include <vector>

namespace recert::app {
namespace {

struct Mirror {
    void (*request_redraw)() = nullptr;
    void (*request_frame)() = nullptr;
    void (*request_frame_now)() = nullptr;
    Uint32 event_type = 0; // SDL_RegisterEvents: code 1 = press, 0 = release; data1 packs x, data2 y
    bool overriding = false;
    // A mirrored click's press and release are pushed and not yet both shown: the next click waits
    // (its press would move the pointer before this one's release). Frames it has been so.
    bool click_in_flight = false;
    int in_flight_frames = 0;
    bool parked = false; // after a mirrored click: no pointer until the real one moves
    bool press_unseen = false; // a press no frame has shown yet (latched, like the SDL backend's)
    bool down = false;
    ImVec2 pos;
    bool clear_text_focus = false;
    bool off = false; // ?a11y=0
    double last_sent_ms = -1e9;
    bool held = false;  // a frame drawn without a tree: its changes are not sent yet
    bool timer = false; // recert_js_a11y_flush_later() is pending
    double last_frame_ms = -1e9;
    bool force = false; // the next frame records the tree (the flush, a click on stale bounds)
    int frames_since_sent = 0;
    std::uint64_t popups_sent = 0; // popup_signature() of the last tree sent
    // Mirrored clicks waiting for fresh bounds, in the order they were asked for: the first is
    // carried out in the next frame that records the tree, the next in the one after.
    std::vector<std::uint32_t> clicks_waiting;
    // The text field whose element took focus and whose click (activating it in ImGui) is not
    // applied yet. What is typed meanwhile waits for it (a11y_holds_keys), else the first
    // characters would reach no field; and it is dropped if focus moves on first, else ImGui would
    // give the keyboard to a field the person has left.
    std::uint32_t focus_click = 0;
    int focus_click_frames = 0; // frames it has waited (its item scrolling into view)
    int scroll_tries = 0;                // frames a click waited for its item to scroll into view
};

Mirror& mirror() {
    static Mirror m;
    return m;
}

// `focus_for`: the click only activates that text field, and is dropped unless it still has focus.
void push_pointer(float x, float y, bool down, std::uint32_t focus_for) {
    SDL_Event ev{};
    ev.type = mirror().event_type;
    ev.user.code = down ? 1 : 0;
    ev.user.windowID = focus_for;
    ev.user.data1 = reinterpret_cast<void*>(static_cast<std::intptr_t>(x * 16.0f));
    ev.user.data2 = reinterpret_cast<void*>(static_cast<std::intptr_t>(y * 16.0f));
    SDL_PushEvent(&ev);
}

// The next frame records the tree (a waiting click needs it).
void record_next_frame() {
    mirror().force = true;
    if (mirror().request_frame_now) mirror().request_frame_now();
}

// A click at the centre of node `id`'s visible bounds now; false when it has none. An item
// scrolled out of its window is scrolled into view first: the click then waits at the head of the
// queue for the next frame that records the tree (a few frames).
bool click_now(std::uint32_t id) {
    const ui::SemNode* n = ui::semantics_find(id);
    if (n && n->offscreen) {
        if (++mirror().scroll_tries > 4) { // it cannot be shown: no click somewhere else
            mirror().scroll_tries = 0;
            return false;
        }
        ui::semantics_scroll_to(id);
        mirror().clicks_waiting.insert(mirror().clicks_waiting.begin(), id);
        record_next_frame();
        return true;
    }
    mirror().scroll_tries = 0;
    if (!n || !n->has_bounds || n->w <= 0 || n->h <= 0) return false;
    const float x = n->x + n->w * 0.5f, y = n->y + n->h * 0.5f;
    const std::uint32_t focus_for = id == mirror().focus_click ? id : 0;
    push_pointer(x, y, true, focus_for);
    push_pointer(x, y, false, focus_for);
    mirror().click_in_flight = true;
    mirror().in_flight_frames = 0;
    if (mirror().request_redraw) mirror().request_redraw();
    return true;
}

// A click on node `id` (false: it has none). When frames were drawn since the tree was recorded
// (the canvas may have scrolled), or other clicks wait or are under way (a press applied after
// another's would move the pointer before that one's release), it waits its turn for a frame that
// records the tree.
bool click_node(std::uint32_t id) {
    if (mirror().held || !mirror().clicks_waiting.empty() || mirror().click_in_flight) {
        mirror().clicks_waiting.push_back(id);
        record_next_frame();
        return ui::semantics_find(id) != nullptr;
    }
    return click_now(id);
}

} // namespace

void a11y_attach(void (*request_redraw)(), void (*request_frame)(), void (*request_frame_now)(), bool on) {
    mirror().request_redraw = request_redraw;
    mirror().request_frame = request_frame;
    mirror().request_frame_now = request_frame_now;
    mirror().event_type = SDL_RegisterEvents(1);
    mirror().off = !on;
    // The first frame records the tree: a screen reader has the loading view at once, and no frame
    // is drawn ~100 ms later only to record it (at start-up that frame cost a composite).
    mirror().force = on;
    ui::semantics_enable(on);
}

bool a11y_is_pointer_event(const SDL_Event& ev, bool* down) {
    if (mirror().event_type == 0 || ev.type != mirror().event_type) return false;
    if (down) *down = ev.user.code == 1;
    return true;
}

bool a11y_is_focus_click(const SDL_Event& ev) {
    return a11y_is_pointer_event(ev, nullptr) && ev.user.windowID != 0;
}

bool a11y_holds_keys() {
    const Mirror& m = mirror();
    return m.focus_click != 0 && m.focus_click == ui::semantics_focus();
}

bool a11y_click_under_way() {
    return mirror().click_in_flight;
}

void a11y_apply_pointer_event(const SDL_Event& ev) {
    Mirror& m = mirror();
    const bool down = ev.user.code == 1;
    if (down && ev.user.windowID == m.focus_click) m.focus_click = 0; // applied (or dropped): keys flow
    if (ev.user.windowID && ev.user.windowID != ui::semantics_focus()) { // its field lost focus
        if (down) return;
        if (!m.down && !m.press_unseen) { // its press was dropped too: the click is over
            m.click_in_flight = false;
            return;
        } // (a release after its press still applies)
    }
    m.overriding = true;
    m.down = down;
    if (m.down) m.press_unseen = true;
    m.pos = ImVec2(static_cast<float>(reinterpret_cast<std::intptr_t>(ev.user.data1)) / 16.0f,
                   static_cast<float>(reinterpret_cast<std::intptr_t>(ev.user.data2)) / 16.0f);
}

void a11y_real_pointer() {
    mirror().parked = false;
}

void a11y_after_backend_frame() {
    Mirror& m = mirror();
    ImGuiIO& io = ImGui::GetIO();
    if (m.clear_text_focus) { // focus left a text field for another mirrored item
        m.clear_text_focus = false;
        if (io.WantTextInput) ImGui::ClearActiveID();
    }
    if (!m.overriding) {
        if (m.parked) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        return;
    }
    io.MousePos = m.pos;
    // A press and its release may arrive in one batch (the trickle allows it for the mouse): the
    // press is shown for one frame first, the release in the next.
    io.MouseDown[0] = m.down || m.press_unseen;
    const bool releasing_later = m.press_unseen && !m.down;
    m.press_unseen = false;
    if (releasing_later) {
        if (m.request_redraw) m.request_redraw();
        return;
    }
    // After the release frame the pointer is parked away until the real one moves.
    if (!m.down) {
        m.overriding = false;
        m.click_in_flight = false;
        m.parked = true;
        if (m.request_redraw) m.request_redraw();
    }
}

namespace {
// Assistive technology needs the settled page, not 60 updates a second: a timer sends what the
// frames drawn since the last update changed once the canvas has drawn nothing for this long, so
// the last state always arrives this soon after the canvas stops.
constexpr double min_update_interval_ms = 100.0;
// While the canvas keeps changing (a scroll changes rows every frame, and an update then replaces
// most of a screenful of rows in the mirror, ~2 ms), the mirror follows it at most this often...
constexpr double moving_update_interval_ms = 250.0;
// ...and at most every this many frames: where frames come slowly (a slow GPU, software rendering)
// the tree is still recorded for at most one frame in eight while the canvas keeps changing.
constexpr int min_frames_between_updates = 8;

// The popups open now (dialogs, menus, combo lists), outermost first. When they change, the page
// around them changes too: a dialog that closes leaves the page inert in the mirror, and a person
// (or a test) who acts on it at once would find every control refusing focus.
std::uint64_t popup_signature() {
    const ImGuiContext& g = *GImGui;
    std::uint64_t h = static_cast<std::uint64_t>(g.OpenPopupStack.Size);
    for (const ImGuiPopupData& popup : g.OpenPopupStack) h = (h ^ popup.PopupId) * 0x100000001B3ull;
    return h;
}

void send_update() {
    Mirror& m = mirror();
    m.last_sent_ms = emscripten_get_now();
    m.held = false;
    const std::string_view update = ui::semantics_update();
    if (!update.empty())
        recert_js_a11y_update(update.data(), static_cast<int>(update.size()), 1.0);
}
} // namespace

void a11y_before_frame(bool keys) {
    Mirror& m = mirror();
    if (m.off) return;
    // What is typed into a field is in that frame's tree: the field's element reads back the new
    // text at once (a screen reader echoes it), not when the flush timer comes (~100 ms later).
    const ImGuiIO& io = ImGui::GetIO();
    const bool typed = io.WantTextInput && (keys || io.InputQueueCharacters.Size > 0);
    const bool due = m.force || typed ||
                     (emscripten_get_now() - m.last_sent_ms >= moving_update_interval_ms &&
                      m.frames_since_sent >= min_frames_between_updates - 1);
    m.force = false;
    ui::semantics_record_next_frame(due);
}

void a11y_after_frame() {
    Mirror& m = mirror();
    if (m.off) return;
    m.last_frame_ms = emscripten_get_now();
    const std::uint64_t popups = popup_signature();
    // A focus click still waiting after this many frames (its item never came into view) lets
    // what is typed through rather than hold it.
    if (m.focus_click && ++m.focus_click_frames > 30) m.focus_click = 0;
    // ...and a click whose events never came through (they take 2 frames) no longer holds the queue.
    if (m.click_in_flight && ++m.in_flight_frames > 10) m.click_in_flight = false;
    if (ui::semantics_last_frame_recorded()) {
        m.frames_since_sent = 0;
        m.popups_sent = popups;
        send_update();
        // One waiting click per recorded frame, once the click under way (if any) is released.
        if (!m.clicks_waiting.empty() && !m.click_in_flight) {
            const std::uint32_t id = m.clicks_waiting.front();
            m.clicks_waiting.erase(m.clicks_waiting.begin());
            const bool for_focus = id == m.focus_click;
            if (for_focus && id != ui::semantics_focus()) {
                m.focus_click = 0; // focus moved on: the field is not activated
            } else if (!click_now(id) && for_focus) {
                m.focus_click = 0; // it cannot be clicked: what is typed goes on to ImGui
            }
        }
        if (!m.clicks_waiting.empty()) record_next_frame();
        return;
    }
    m.held = true;
    ++m.frames_since_sent;
    // A dialog, menu or list opened or closed: the next frame records the tree and sends it, at
    // once rather than when the canvas settles (the 100 and 250 ms rules above).
    if (popups != m.popups_sent && !m.force) {
        m.force = true;
        if (m.request_frame_now) m.request_frame_now();
    }
    if (!m.timer) {
        m.timer = true;
        recert_js_a11y_flush_later(min_update_interval_ms + 1.0);
    }
}

} // namespace recert::app

// The mirror's element for node `id` took DOM focus (0: focus left the mirror). A text field is
// activated in ImGui with a click, unless it is already the active one.
extern "C" EMSCRIPTEN_KEEPALIVE void recert_a11y_focus(std::uint32_t id, int is_text) {
    using namespace recert;
    ui::semantics_set_focus(id);
    ui::semantics_scroll_to(id); // an item scrolled out of its window comes into view
    app::Mirror& m = app::mirror();
    if (is_text && ImGui::GetCurrentContext() && GImGui->ActiveId != id) {
        m.focus_click = id;
        m.focus_click_frames = 0;
        if (!app::click_node(id)) m.focus_click = 0;
    }
    if (!is_text && id) m.clear_text_focus = true;
    if (m.request_redraw) m.request_redraw();
    if (m.request_frame_now) m.request_frame_now(); // the focus ring, at once
}

// An action on node `id` from the mirror (1 = activate: Enter, Space, a screen reader's click).
extern "C" EMSCRIPTEN_KEEPALIVE void recert_a11y_action(std::uint32_t id, int action) {
    if (action != 1) return;
    recert::app::mirror().focus_click = 0; // an action's click is never dropped
    recert::app::click_node(id);
}

// The ImGui item that has the keyboard now (the active text field, else the nav focus), so Tab on
// the canvas continues from it in the mirror.
extern "C" EMSCRIPTEN_KEEPALIVE std::uint32_t recert_a11y_current() {
    if (!ImGui::GetCurrentContext()) return 0;
    return GImGui->ActiveId ? GImGui->ActiveId : GImGui->NavId;
}

// The timer of recert_js_a11y_flush_later(): frames were drawn without a tree since the last
// update. While the canvas still draws (a scroll), its due frames record (a11y_before_frame) and
// the timer waits again; once it has drawn nothing for min_update_interval_ms, one more frame
// records the tree and sends what they changed (at once while a text field has the keyboard).
extern "C" EMSCRIPTEN_KEEPALIVE void recert_a11y_flush() {
    using namespace recert::app;
    Mirror& m = mirror();
    m.timer = false;
    if (!m.held) return;
    // A field's element shows what ImGui holds, so while one has the keyboard what is typed is
    // sent at once, without waiting for the canvas to settle.
    const bool typing = ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput;
    const double quiet = emscripten_get_now() - m.last_frame_ms;
    if (!typing && quiet < min_update_interval_ms) {
        m.timer = true;
        recert_js_a11y_flush_later(min_update_interval_ms - quiet + 1.0);
        return;
    }
    m.force = true;
    if (m.request_frame) m.request_frame();
}
