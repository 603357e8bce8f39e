// Light and dark themes for the dashboard, plus the accent colours views use for emphasis.
#pragma once

#include "ui/app_state.h"

#include "imgui.h"

#include <string>
#include <vector>

namespace recert::ui {

struct Palette {
    ImVec4 accent;        // the fill of primary buttons
    ImVec4 accent_text;   // text drawn on the accent colour
    ImVec4 muted_text;    // secondary text
    ImVec4 card_bg;       // tiles and cards
    ImVec4 success, warning, danger;
    ImVec4 focus_ring;  // the keyboard focus ring (semantics.h): >= 3:1 against every background
    ImVec4 danger_text; // text drawn on the danger colour (danger_button)
    // The accent as text, gauge and bar fill, check mark: the accent itself, or a host page's
    // accent darkened (lightened on dark) until it reads on every background.
    ImVec4 accent_ink;
};

// What an embedding host page may change (Recert.mount(el, {accent, compact})).
struct ThemeOptions {
    int accent_rgb = -1;  // 0xRRGGBB for the accent (primary buttons, gauges, checks); -1 = ours
    bool compact = false; // tighter padding and spacing for small slots
    // The system asks for more contrast (prefers-contrast: more, forced-colors: active): text
    // reaches 7:1 (WCAG AAA) and control boundaries are drawn darker (lighter on dark).
    bool high_contrast = false;
    float scale = 1.0f; // UI scale: every style size is multiplied by it (fonts: load_fonts)
};

// Applies `theme` to ImGui's current style (a fresh style: sizes scaled by options.scale,
// colours replaced). A host accent fills primary buttons as it is (under high contrast, and as
// accent_ink everywhere else, darkened or lightened just enough to keep the minimums of
// contrast_pairs()).
void apply_theme(Theme theme, const ThemeOptions& options = {});

// The palette of the theme last applied.
const Palette& palette();

// A size the views give in CSS px at 100% (a button's width, a card's height), at the UI scale
// of the theme last applied.
float ui_px(float css_px);

// [SECTION] Contrast (WCAG 2.2: 1.4.3 text, 1.4.6 enhanced text, 1.4.11 non-text)

// `bg` shaded for a hovered (0.12) or pressed (0.24) coloured button: away from `text`, so the
// text on it only gains contrast.
ImVec4 button_shade(const ImVec4& bg, const ImVec4& text, float amount);

// WCAG relative-luminance contrast ratio of two opaque colours, 1..21.
double contrast_ratio(const ImVec4& a, const ImVec4& b);
// `fg` drawn with its alpha over the opaque `bg`.
ImVec4 composite(const ImVec4& fg, const ImVec4& bg);

// One foreground drawn on one background somewhere in the UI, and the ratio it must reach.
struct ContrastPair {
    std::string what; // "muted text on a card"
    ImVec4 fg, bg;    // opaque (alpha already composited)
    double minimum;   // 4.5 text (7 under high contrast), 3 boundaries, focus ring, gauge fill
};
// Every text/background and control/background pair the theme last applied draws, from the
// live style and palette: the single list the contrast test checks (tests/ui/test_visual.cpp).
std::vector<ContrastPair> contrast_pairs();

} // namespace recert::ui
