// Display preferences and the UI scale: see display.h.
#include "ui/display.h"

#include "ui/fonts.h"
#include "ui/format.h"
#include "ui/theme.h"

#include "imgui.h"

namespace recert::ui {

bool set_display_preferences(AppState& state, const DisplayPrefs& prefs) {
    if (state.display == prefs)
        return false;
    state.display = prefs;
    return true;
}

void set_locale(AppState& state, std::string_view tag) {
    state.locale = std::string(tag);
    state.locale_date_style = date_style_for_locale(tag);
    state.settings.date_style = state.locale_date_style;
}

float ui_scale(const AppState& state) {
    const int pct = state.settings.ui_scale;
    return pct < ui_scale_min || pct > ui_scale_max ? 1.0f : static_cast<float>(pct) / 100.0f;
}

bool update_display(AppState& state, float device_pixel_ratio, const std::string& font_dir, bool defer_atlases) {
    AppliedDisplay& a = state.applied_display;
    const float scale = ui_scale(state);
    const bool high_contrast = state.display.more_contrast || state.display.forced_colors;
    if (!a.styled || a.theme != state.settings.theme || a.high_contrast != high_contrast ||
        a.accent_rgb != state.embed_accent_rgb || a.compact != state.embed_compact || a.scale != scale) {
        apply_theme(state.settings.theme, {state.embed_accent_rgb, state.embed_compact, high_contrast, scale});
        a.styled = true;
        a.theme = state.settings.theme;
        a.high_contrast = high_contrast;
        a.accent_rgb = state.embed_accent_rgb;
        a.compact = state.embed_compact;
        a.scale = scale;
    }
    ImGui::GetIO().ConfigInputTextCursorBlink = !state.display.reduced_motion;
    if (a.font_pixels == device_pixel_ratio && a.font_scale == scale)
        return false;
    a.font_pixels = device_pixel_ratio;
    a.font_scale = scale;
    load_fonts(state.fonts, device_pixel_ratio, font_dir, scale, !defer_atlases); // false: ImGui's font, scaled
    return true;
}

} // namespace recert::ui
