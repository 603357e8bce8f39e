// The accessibility mirror's C++ side: hands the UI's semantics updates (ui/semantics.h) to the
// page (recert_web.js, Accessibility section) after each drawn frame, and turns the mirror's
// actions (focus, activate) into the same pointer input a mouse produces, in input order.
#pragma once

#include <SDL.h>

#include <cstdint>

namespace recert::app {

// Call once after the ImGui context exists; `request_redraw` wakes the on-demand loop. `on` false
// (the benchmark's baseline only) records no semantics and keeps no mirror.
void a11y_attach(void (*request_redraw)(), bool on = true);
// True for the events a11y_web.cpp pushes (a mirrored click's press or release).
bool a11y_is_pointer_event(const SDL_Event& ev, bool* down);
// Applies one such event (call where SDL events are applied, in queue order).
void a11y_apply_pointer_event(const SDL_Event& ev);
// Call right after the platform backend's NewFrame: overrides the pointer while a mirrored click
// is under way.
void a11y_after_backend_frame();
// Call after ImGui::Render(): sends the frame's semantics update, if anything changed.
void a11y_after_frame();

} // namespace recert::app
