// The accessibility mirror's C++ side: hands the UI's semantics updates (ui/semantics.h) to the
// page (recert_web.js, Accessibility section) after each drawn frame, and turns the mirror's
// actions (focus, activate) into the same pointer input a mouse produces, in input order.
#pragma once

#include <SDL.h>

#include <cstdint>

namespace recert::app {

// Call once after the ImGui context exists; `request_redraw` wakes the on-demand loop (for the
// frames that follow input), `request_frame` asks for exactly one frame (the mirror's catch-up: it
// may wait while a background job spaces frames out), `request_frame_now` for one frame at once (a
// person's action through the mirror, which comes without an SDL event). `on` false (the
// benchmark's baseline only) records no semantics and keeps no mirror.
void a11y_attach(void (*request_redraw)(), void (*request_frame)(), void (*request_frame_now)(), bool on = true);
// Call before ImGui::NewFrame(): whether this frame records the semantics tree. Only the frames
// whose tree the mirror is sent record it (at most one per 100 ms while the canvas changes, plus the
// frame a mirrored click needs fresh bounds from, plus each frame that takes keys or text for the
// field that has the keyboard: `keys` = this frame applies a key press or text); the rest draw as if
// the mirror were off.
void a11y_before_frame(bool keys);
// True for the events a11y_web.cpp pushes (a mirrored click's press or release).
bool a11y_is_pointer_event(const SDL_Event& ev, bool* down);
// True for the click that gives a mirrored text field the keyboard in ImGui when its element takes
// focus (not for a click the person asked for).
bool a11y_is_focus_click(const SDL_Event& ev);
// While true, keys and text wait in the queue: a mirrored text field took focus and the click that
// activates it in ImGui is not applied yet (its item may be scrolling into view first), so what is
// typed at once would reach no field. The focus click itself goes ahead of them.
bool a11y_holds_keys();
// True from the moment a mirrored click takes its item's place until the frame that releases it:
// the screen must not change under it meanwhile.
bool a11y_click_under_way();
// Applies one such event (call where SDL events are applied, in queue order).
void a11y_apply_pointer_event(const SDL_Event& ev);
// Call when the person's own pointer moves, presses or scrolls: it takes over again.
void a11y_real_pointer();
// Call right after the platform backend's NewFrame: overrides the pointer while a mirrored click
// is under way, and after it keeps the pointer away from the canvas until the person's own pointer
// moves (else a pointer resting over the menu bar would switch the menu a keyboard user opened).
void a11y_after_backend_frame();
// Call after ImGui::Render(): sends the frame's semantics update, if anything changed.
void a11y_after_frame();

} // namespace recert::app
