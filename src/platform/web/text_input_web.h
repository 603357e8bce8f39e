// Text entry beyond the physical keyboard: a hidden <input> focused while ImGui wants text, so
// IME composition, dead keys, mobile keyboards and non-ASCII insertion (é, ü, ñ, ß, emoji) reach
// ImGui; and the system clipboard both ways (navigator.clipboard on copy, the paste event on paste).
#pragma once

namespace recert::app {

// Installs the page listeners and ImGui's clipboard callbacks. Call once after ImGui is created.
void text_input_attach(void (*request_redraw)());

// Each frame: focus the hidden input while ImGui wants text, give the canvas focus back after.
void text_input_update(bool wants_text);

} // namespace recert::app
