// Light and dark themes for the dashboard, plus the accent colours views use for emphasis.
#pragma once

#include "ui/app_state.h"

#include "imgui.h"

namespace recert::ui {

struct Palette {
    ImVec4 accent;        // primary actions, gauges
    ImVec4 accent_text;   // text drawn on the accent colour
    ImVec4 muted_text;    // secondary text
    ImVec4 card_bg;       // tiles and cards
    ImVec4 success, warning, danger;
    ImVec4 focus_ring; // the keyboard focus ring (semantics.h): >= 3:1 against every background
};

// What an embedding host page may change (Recert.mount(el, {accent, compact})).
struct ThemeOptions {
    int accent_rgb = -1;  // 0xRRGGBB for the accent (primary buttons, gauges, checks); -1 = ours
    bool compact = false; // tighter padding and spacing for small slots
};

// Applies `theme` to ImGui's current style (sizes scaled by 1, colours replaced).
void apply_theme(Theme theme, const ThemeOptions& options = {});

// The palette of the theme last applied.
const Palette& palette();

} // namespace recert::ui
