// Entry point of the dashboard UI: draws one frame of the whole app from an AppState.
#pragma once

#include "ui/app_state.h"

namespace recert::ui {

// Draws the full-window dashboard (menu bar, views, dialogs) for this frame. Must be called
// between ImGui::NewFrame() and ImGui::Render(). Reads and updates only `state`.
void draw_app(AppState& state);

// The name of the main window, for tests that locate items by "window/label" path.
inline constexpr const char* main_window_name = "Recert";

} // namespace recert::ui
