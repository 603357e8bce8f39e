// The display side of accessibility (issue 15): what the person's system asks for (reduced
// motion, more contrast, forced colours) and the UI scale setting, applied to ImGui's style and
// font atlas. The platform layer's only calls: set_display_preferences() when a media query
// changes, update_display() before each ImGui::NewFrame().
#pragma once

#include "ui/app_state.h"

#include <string>
#include <string_view>

namespace recert::ui {

// Records what the system asks for; the next update_display() applies it (the high-contrast
// theme for more contrast or forced colours) and the next frames draw without motion when
// `prefs.reduced_motion`. Returns true when anything changed (the platform should draw a frame).
bool set_display_preferences(AppState& state, const DisplayPrefs& prefs);

// Once per frame, before ImGui::NewFrame(): applies the theme (state.settings.theme, high
// contrast from state.display, the embedding host's accent and compact layout, the UI scale)
// to ImGui's style when any of it changed, and rebuilds the font atlas from `font_dir` at
// devicePixelRatio x UI scale when either changed. Returns true when the atlas was rebuilt:
// the renderer must then re-create its font textures (ImGui_ImplOpenGL3_DestroyFontsTexture +
// ImGui_ImplOpenGL3_CreateFontsTexture, and those of state.fonts.extra_atlases). With
// `defer_atlases`, the strong and heading fonts' atlases are left to build_next_font_atlas
// (fonts.h); the body font stands in for them until then.
bool update_display(AppState& state, float device_pixel_ratio, const std::string& font_dir,
                    bool defer_atlases = false);

// The platform's locale (a BCP 47 tag: "en-US", "de-DE"; the web build reads navigator.languages).
// Sets state.locale and state.locale_date_style, and makes that date format the setting's default:
// call it before the stored settings are applied, which replace it when the person chose one.
void set_locale(AppState& state, std::string_view tag);

// The UI scale setting as a factor, 1..2 (an out-of-range setting counts as 100%).
float ui_scale(const AppState& state);

} // namespace recert::ui
