// Entry point of the dashboard UI: draws one frame of the whole app from an AppState.
#pragma once

#include "ui/app_state.h"

namespace recert::ui {

// Draws the full-window dashboard (menu bar, views, dialogs) for this frame. Must be called
// between ImGui::NewFrame() and ImGui::Render(). Reads and updates only `state`.
void draw_app(AppState& state);

// Whether the frame just drawn lacks part of its picture: ImGui 1.86 lays out the tabs a tab bar
// gains in a frame without drawing them (TabItemEx skips a new tab), so the frame that first shows
// the dashboard, when the records arrive, has no tab bar. The platform does not show such a frame
// and draws the next one at once. Call after draw_app, before the next NewFrame.
bool frame_unsettled();

// The name of the main window, for tests that locate items by "window/label" path.
inline constexpr const char* main_window_name = "Recert";

} // namespace recert::ui
