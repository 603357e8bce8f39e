// Font loading: Inter (text) with Font Awesome icons merged, rasterized for the display's
// pixel density so text stays crisp at any devicePixelRatio and browser zoom.
#pragma once

#include "ui/app_state.h"

#include <string>

namespace recert::ui {

// Base sizes in CSS pixels.
inline constexpr float body_font_size = 15.0f;
inline constexpr float heading_font_size = 22.0f;

// Rebuilds ImGui's font atlas from the font files in `dir` at `ui_scale` (the UI scale setting,
// 1..2) times the base sizes, rasterized at `pixel_scale` (the devicePixelRatio) and sets
// io.FontGlobalScale so layout sizes stay in CSS pixels: text is as crisp at 200% as at 100%
// (up to 3 device pixels per CSS pixel, so the atlas stays within 4096x4096). Returns false
// (and leaves ImGui's default font in place, scaled by `ui_scale`) when a file is missing or
// unreadable. The caller must re-create the renderer's font textures afterwards (io.Fonts's and
// those of fonts.extra_atlases). With `build_all` false only io.Fonts is built (body text): the
// strong and heading fonts' atlases wait for build_next_font_atlas, and until each is built its
// font is null (fonts.strong, fonts.heading), so the body font stands in for it.
bool load_fonts(Fonts& fonts, float pixel_scale, const std::string& dir, float ui_scale = 1.0f,
                bool build_all = true);

// With `build_all` false, the body font's atlas itself holds only the glyphs of the loading view
// (fonts.body_partial: Latin-1, dashes, quotes, the ellipsis and the icons; a third of the glyphs,
// half the time): complete_body_font() rebuilds it with every range, and must run before anything
// but the loading view is drawn. Returns true when it rebuilt io.Fonts (the caller re-creates its
// texture); false when the body was complete already. If the full build fails (out of memory),
// the start-up glyphs are rebuilt and kept.
bool complete_body_font(Fonts& fonts);

// Builds the next atlas load_fonts left unbuilt and makes its font available (fonts.strong, then
// fonts.heading; it stays null if the build fails); false when there is none left. The caller
// makes the atlas's texture (fonts.extra_atlases).
bool build_next_font_atlas(Fonts& fonts);

} // namespace recert::ui
