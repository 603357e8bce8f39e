// The dashboard's views and dialogs, each a draw_* function over the AppState (view_*.cpp).
#pragma once

#include "ui/app_state.h"

namespace recert::ui {

void draw_menu_bar(AppState& state);
void draw_dashboard(AppState& state);
void draw_about_dialog(AppState& state);
void draw_shortcuts_dialog(AppState& state);

// Small shared widgets (widgets.cpp).
bool primary_button(const char* label, float width = 0.0f);
void text_muted(const char* fmt, ...);
void centered_text(const char* text, float width);

} // namespace recert::ui
