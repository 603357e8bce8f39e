// Font loading for the dashboard: see fonts.h.
#include "ui/fonts.h"

#include "ui/icons.h"

#include "imgui.h"

#include <cstdio>

namespace recert::ui {
namespace {

// Latin, Latin-1, Latin Extended-A/B (names such as "Łukasz", "Ñúñez", "Dvořák"), general
// punctuation (dashes, quotes, bullet, ellipsis), currency, arrows, math and check marks.
const ImWchar text_ranges[] = {
    0x0020, 0x00FF, 0x0100, 0x024F, 0x2010, 0x2027, 0x2030, 0x205E, 0x20A0, 0x20CF,
    0x2100, 0x215F, 0x2190, 0x21FF, 0x2212, 0x2219, 0x2713, 0x2717, 0,
};
const ImWchar icon_ranges[] = {RECERT_ICON_MIN, RECERT_ICON_MAX, 0};
// The body font's glyphs at start-up, enough for the loading view (the menu bar and "Opening your
// records…"): Latin-1 and general punctuation, 236 of the 710 glyphs; the atlas takes half the time.
const ImWchar starter_ranges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0};

bool readable(const std::string& path) {
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
        std::fclose(f);
        return true;
    }
    return false;
}

// The web build ships Inter as TrueType (scripts/subset-fonts); Debian's OpenType files work too
// (the native UI tests read them where fonts-inter installs them).
std::string inter_file(const std::string& dir, const char* weight) {
    const std::string ttf = dir + "/Inter-" + weight + ".ttf";
    return readable(ttf) ? ttf : dir + "/Inter-" + weight + ".otf";
}

// The strong and heading fonts' atlases (the body font's is ImGui's own, io.Fonts).
ImFontAtlas& extra_atlas(int i) {
    static ImFontAtlas atlases[2];
    return atlases[i];
}

ImFontConfig text_config(float s) {
    ImFontConfig cfg;
    cfg.OversampleH = s <= 2.0f ? 2 : 1; // sharper horizontal positioning at small sizes
    cfg.OversampleV = 1;
    return cfg;
}

ImFontConfig icon_config(float s, float font_size) {
    ImFontConfig cfg;
    cfg.MergeMode = true;
    cfg.PixelSnapH = true;
    cfg.GlyphMinAdvanceX = font_size * s; // monospaced icons line up in lists
    cfg.GlyphOffset = ImVec2(0, 1.0f * s);
    return cfg;
}

// The body font (Inter Regular, icons merged) into io.Fonts, cleared first; null if a file fails.
ImFont* add_body_font(const Fonts& fonts, const ImWchar* ranges) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    const float s = fonts.body_scale;
    ImFontConfig text_cfg = text_config(s);
    ImFontConfig icon_cfg = icon_config(s, body_font_size);
    ImFont* body = atlas.AddFontFromFileTTF(fonts.body_file.c_str(), body_font_size * s, &text_cfg, ranges);
    if (body && !atlas.AddFontFromFileTTF(fonts.icon_file.c_str(), (body_font_size - 1.0f) * s, &icon_cfg, icon_ranges))
        return nullptr;
    return body;
}

} // namespace

bool complete_body_font(Fonts& fonts) {
    if (!fonts.body_partial) return false;
    fonts.body_partial = false;
    ImGuiIO& io = ImGui::GetIO();
    ImFont* body = add_body_font(fonts, text_ranges);
    if (!body || !io.Fonts->Build()) { // out of memory: the start-up glyphs again
        body = add_body_font(fonts, starter_ranges);
        if (!body || !io.Fonts->Build()) {
            io.Fonts->Clear();
            body = io.Fonts->AddFontDefault();
        }
    }
    fonts.body = body;
    io.FontDefault = body;
    return true;
}

bool build_next_font_atlas(Fonts& fonts) {
    if (fonts.unbuilt <= 0) return false;
    const int i = fonts.built();
    --fonts.unbuilt;
    ImFont* font = fonts.waiting[i];
    fonts.waiting[i] = nullptr;
    // Out of memory: the font stays null and the body font stands in.
    if (fonts.extra_atlases[i] && fonts.extra_atlases[i]->Build()) fonts.extra_font(i) = font;
    return true;
}

bool load_fonts(Fonts& fonts, float pixel_scale, const std::string& dir, float ui_scale, bool build_all) {
    const std::string regular = inter_file(dir, "Regular");
    const std::string semibold = inter_file(dir, "SemiBold");
    const std::string icons = dir + "/fontawesome-webfont.ttf";
    ImGuiIO& io = ImGui::GetIO();
    const auto fall_back = [&]() {
        io.Fonts->Clear();
        io.Fonts->AddFontDefault();
        fonts = Fonts{};
        io.FontGlobalScale = ui_scale;
        return false;
    };
    if (!readable(regular) || !readable(semibold) || !readable(icons)) {
        io.FontGlobalScale = ui_scale;
        return false;
    }

    ImFontAtlas& strong_atlas = extra_atlas(0);
    ImFontAtlas& heading_atlas = extra_atlas(1);
    io.Fonts->Clear();
    strong_atlas.Clear();
    heading_atlas.Clear();
    const float dpr = pixel_scale < 1.0f ? 1.0f : pixel_scale;
    // Pixels per base-size pixel; at most 3: a 4096x4096 atlas, what WebGL 2 devices allow (past
    // that the glyphs are drawn slightly enlarged).
    const float s = dpr * ui_scale > 3.0f ? 3.0f : dpr * ui_scale;

    ImFontConfig text_cfg = text_config(s);
    ImFontConfig icon_cfg = icon_config(s, body_font_size);

    fonts = Fonts{};
    fonts.body_file = regular;
    fonts.icon_file = icons;
    fonts.body_scale = s;
    fonts.body_partial = !build_all;
    fonts.body = add_body_font(fonts, build_all ? text_ranges : starter_ranges);
    fonts.waiting[0] = strong_atlas.AddFontFromFileTTF(semibold.c_str(), body_font_size * s, &text_cfg, text_ranges);
    strong_atlas.AddFontFromFileTTF(icons.c_str(), (body_font_size - 1.0f) * s, &icon_cfg, icon_ranges);
    fonts.waiting[1] = heading_atlas.AddFontFromFileTTF(semibold.c_str(), heading_font_size * s, &text_cfg, text_ranges);
    icon_cfg.GlyphMinAdvanceX = heading_font_size * s;
    heading_atlas.AddFontFromFileTTF(icons.c_str(), (heading_font_size - 2.0f) * s, &icon_cfg, icon_ranges);

    if (!fonts.body || !fonts.waiting[0] || !fonts.waiting[1] || !io.Fonts->Build()) {
        strong_atlas.Clear();
        heading_atlas.Clear();
        return fall_back();
    }
    fonts.extra_atlases[0] = &strong_atlas;
    fonts.extra_atlases[1] = &heading_atlas;
    fonts.unbuilt = Fonts::extra_count;
    if (build_all)
        while (build_next_font_atlas(fonts)) {}
    io.FontDefault = fonts.body;
    io.FontGlobalScale = ui_scale / s; // layout in CSS px, text ui_scale times the base sizes
    return true;
}

} // namespace recert::ui
