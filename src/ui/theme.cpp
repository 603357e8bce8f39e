// Light and dark themes: calm neutrals, one blue accent, generous spacing.
#include "ui/theme.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace recert::ui {
namespace {

ImVec4 rgb(int hex, float a = 1.0f) {
    return ImVec4(static_cast<float>((hex >> 16) & 0xff) / 255.0f, static_cast<float>((hex >> 8) & 0xff) / 255.0f,
                  static_cast<float>(hex & 0xff) / 255.0f, a);
}

Palette g_palette;
bool g_high_contrast = false; // the theme last applied is the high-contrast variant
float g_scale = 1.0f;         // its UI scale

ImVec4 mix(const ImVec4& a, const ImVec4& b, float t) {
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, a.w + (b.w - a.w) * t);
}

// Whether `fg` reaches `minimum` as text on each background the views draw text on.
bool reads_on_backgrounds(const ImVec4& fg, const ImVec4* c, double minimum) {
    for (const ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_ChildBg, ImGuiCol_PopupBg, ImGuiCol_Header})
        if (contrast_ratio(fg, composite(c[bg], c[ImGuiCol_WindowBg])) < minimum)
            return false;
    return true;
}

// prefers-contrast: more / forced-colors: the same layout, text at 7:1, firmer outlines. Each
// row: a style colour, its high-contrast light and dark values (-1: the theme's own).
struct HighContrastColor {
    ImGuiCol col;
    int light, dark;
};
constexpr HighContrastColor high_contrast_colors[] = {
    {ImGuiCol_Text, 0x0b0f14, 0xffffff},           {ImGuiCol_TextDisabled, 0x3d4754, 0xc2cad3},
    {ImGuiCol_WindowBg, 0xffffff, 0x000000},       {ImGuiCol_ChildBg, -1, 0x0d1014},
    {ImGuiCol_PopupBg, -1, 0x12161b},              {ImGuiCol_Border, 0x4a5562, 0x9aa6b2},
    {ImGuiCol_Separator, 0x5f6b78, 0x7d8894},      {ImGuiCol_FrameBg, -1, 0x14191f},
    {ImGuiCol_FrameBgHovered, -1, 0x1e252d},       {ImGuiCol_FrameBgActive, 0xdde6ef, 0x2a333d},
    {ImGuiCol_TitleBg, -1, 0x12161b},              {ImGuiCol_TitleBgActive, -1, 0x1e252d},
    {ImGuiCol_MenuBarBg, 0xf2f5f8, 0x0d1014},      {ImGuiCol_Button, 0xe9eef4, 0x1e252d},
    {ImGuiCol_ButtonHovered, 0xd6e2ee, 0x2a333d},  {ImGuiCol_ButtonActive, 0xc3d5e8, 0x36414d},
    {ImGuiCol_Header, 0xe0ebf7, 0x0f2740},         {ImGuiCol_HeaderHovered, 0xc0d6ee, 0x1d3d5f},
    {ImGuiCol_HeaderActive, 0xaecbea, 0x24486e},   {ImGuiCol_Tab, -1, 0x12161b},
    {ImGuiCol_TabHovered, -1, 0x1d3d5f},           {ImGuiCol_TabActive, -1, 0x173350},
    {ImGuiCol_TabUnfocused, -1, 0x12161b},         {ImGuiCol_TabUnfocusedActive, -1, 0x173350},
    {ImGuiCol_TableHeaderBg, -1, 0x12161b},        {ImGuiCol_TableBorderStrong, 0x5f6b78, 0x7d8894},
    {ImGuiCol_TableBorderLight, 0x8a96a3, 0x4a5562},
};

void apply_high_contrast(Theme theme, ImVec4* c) {
    const bool light = theme == Theme::light;
    // accent, text on it, muted, card, success, warning, danger, focus ring, text on danger
    g_palette = light ? Palette{rgb(0x0b4a7a), rgb(0xffffff), rgb(0x37414c), rgb(0xffffff), rgb(0x085030),
                                rgb(0x613d00), rgb(0x8f1d16), rgb(0x0b4a7a), rgb(0xffffff)}
                      : Palette{rgb(0x8fd0ff), rgb(0x000000), rgb(0xcfd6de), rgb(0x0d1014), rgb(0x6fe0a6),
                                rgb(0xffc766), rgb(0xff9a91), rgb(0x8fd0ff), rgb(0x000000)};
    for (const HighContrastColor& h : high_contrast_colors)
        if (const int v = light ? h.light : h.dark; v >= 0)
            c[h.col] = rgb(v);
    if (!light)
        c[ImGuiCol_TableRowBgAlt] = rgb(0xffffff, 0.04f);
    for (const ImGuiCol accent : {ImGuiCol_CheckMark, ImGuiCol_SliderGrab, ImGuiCol_SeparatorActive,
                                  ImGuiCol_PlotHistogram, ImGuiCol_NavHighlight})
        c[accent] = g_palette.accent;
    c[ImGuiCol_ScrollbarGrab] = c[ImGuiCol_Border];
}

void apply_common_sizes(ImGuiStyle& s) {
    s.WindowPadding = ImVec2(20, 16);
    s.FramePadding = ImVec2(10, 6);
    s.CellPadding = ImVec2(8, 6);
    s.ItemSpacing = ImVec2(10, 9); // menu items and table rows (font + spacing): 24 px targets
    s.ItemInnerSpacing = ImVec2(8, 6);
    s.ScrollbarSize = 12;
    s.GrabMinSize = 10;
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 1;
    s.PopupBorderSize = 1;
    s.FrameBorderSize = 1;
    s.WindowRounding = 8;
    s.ChildRounding = 8;
    s.FrameRounding = 6;
    s.PopupRounding = 8;
    s.ScrollbarRounding = 6;
    s.GrabRounding = 6;
    s.TabRounding = 6;
    s.WindowTitleAlign = ImVec2(0.0f, 0.5f);
    s.SelectableTextAlign = ImVec2(0.0f, 0.5f);
}

} // namespace

void apply_theme(Theme theme, const ThemeOptions& options) {
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    apply_common_sizes(s);
    ImVec4* c = s.Colors;
    if (theme == Theme::light) {
        g_palette = {rgb(0x1f5f8b), rgb(0xffffff), rgb(0x5f6b78), rgb(0xffffff),
                     rgb(0x1b7349), rgb(0x8f5d00), rgb(0xb3261e)};
        g_palette.focus_ring = rgb(0x1f5f8b); // not the accent: a host page may change that
        g_palette.danger_text = rgb(0xffffff);
        c[ImGuiCol_Text] = rgb(0x1d2733);
        c[ImGuiCol_TextDisabled] = rgb(0x657180); // also field placeholders: 4.5:1
        c[ImGuiCol_WindowBg] = rgb(0xf4f6f9);
        c[ImGuiCol_ChildBg] = rgb(0xffffff);
        c[ImGuiCol_PopupBg] = rgb(0xffffff);
        c[ImGuiCol_Border] = rgb(0x7f8b98); // field and check-box outlines: 3:1
        c[ImGuiCol_BorderShadow] = rgb(0x000000, 0.0f);
        c[ImGuiCol_FrameBg] = rgb(0xffffff);
        c[ImGuiCol_FrameBgHovered] = rgb(0xeef3f8);
        c[ImGuiCol_FrameBgActive] = rgb(0xe3ecf5);
        c[ImGuiCol_TitleBg] = rgb(0xeef1f5);
        c[ImGuiCol_TitleBgActive] = rgb(0xe3e8ee);
        c[ImGuiCol_TitleBgCollapsed] = rgb(0xeef1f5);
        c[ImGuiCol_MenuBarBg] = rgb(0xffffff);
        c[ImGuiCol_ScrollbarBg] = rgb(0xf4f6f9, 0.0f);
        c[ImGuiCol_ScrollbarGrab] = rgb(0xc5cdd6);
        c[ImGuiCol_ScrollbarGrabHovered] = rgb(0xaeb8c3);
        c[ImGuiCol_ScrollbarGrabActive] = rgb(0x97a3b0);
        c[ImGuiCol_CheckMark] = rgb(0x1f5f8b);
        c[ImGuiCol_SliderGrab] = rgb(0x1f5f8b);
        c[ImGuiCol_SliderGrabActive] = rgb(0x174a6d);
        c[ImGuiCol_Button] = rgb(0xe9eef4);
        c[ImGuiCol_ButtonHovered] = rgb(0xdbe5ef);
        c[ImGuiCol_ButtonActive] = rgb(0xc9d9e9);
        c[ImGuiCol_Header] = rgb(0xe2ecf6);
        c[ImGuiCol_HeaderHovered] = rgb(0xd6e4f2);
        c[ImGuiCol_HeaderActive] = rgb(0xc6daee);
        c[ImGuiCol_Separator] = rgb(0xdfe4ea);
        c[ImGuiCol_SeparatorHovered] = rgb(0x9fb7cc);
        c[ImGuiCol_SeparatorActive] = rgb(0x1f5f8b);
        c[ImGuiCol_ResizeGrip] = rgb(0x1f5f8b, 0.15f);
        c[ImGuiCol_ResizeGripHovered] = rgb(0x1f5f8b, 0.4f);
        c[ImGuiCol_ResizeGripActive] = rgb(0x1f5f8b, 0.7f);
        c[ImGuiCol_Tab] = rgb(0xe9eef4);
        c[ImGuiCol_TabHovered] = rgb(0xd6e4f2);
        c[ImGuiCol_TabActive] = rgb(0xffffff);
        c[ImGuiCol_TabUnfocused] = rgb(0xe9eef4);
        c[ImGuiCol_TabUnfocusedActive] = rgb(0xffffff);
        c[ImGuiCol_PlotHistogram] = rgb(0x1f5f8b);
        c[ImGuiCol_TableHeaderBg] = rgb(0xeef2f6);
        c[ImGuiCol_TableBorderStrong] = rgb(0xd9dfe6);
        c[ImGuiCol_TableBorderLight] = rgb(0xe7ebf0);
        c[ImGuiCol_TableRowBg] = rgb(0xffffff, 0.0f);
        c[ImGuiCol_TableRowBgAlt] = rgb(0xf6f8fa);
        c[ImGuiCol_TextSelectedBg] = rgb(0x1f5f8b, 0.25f);
        c[ImGuiCol_NavHighlight] = rgb(0x1f5f8b);
        c[ImGuiCol_ModalWindowDimBg] = rgb(0x1d2733, 0.35f);
    } else {
        g_palette = {rgb(0x6fb3e0), rgb(0x0f1419), rgb(0xa3aeba), rgb(0x1f252c),
                     rgb(0x4cc38a), rgb(0xe0a84a), rgb(0xf27d74)};
        g_palette.focus_ring = rgb(0x6fb3e0);
        g_palette.danger_text = rgb(0x0f1419);
        c[ImGuiCol_Text] = rgb(0xe4e9ef);
        c[ImGuiCol_TextDisabled] = rgb(0x96a1ad); // also field placeholders: 4.5:1
        c[ImGuiCol_WindowBg] = rgb(0x15191e);
        c[ImGuiCol_ChildBg] = rgb(0x1f252c);
        c[ImGuiCol_PopupBg] = rgb(0x232a32);
        c[ImGuiCol_Border] = rgb(0x717e8c); // field and check-box outlines: 3:1
        c[ImGuiCol_BorderShadow] = rgb(0x000000, 0.0f);
        c[ImGuiCol_FrameBg] = rgb(0x29313a);
        c[ImGuiCol_FrameBgHovered] = rgb(0x323b46);
        c[ImGuiCol_FrameBgActive] = rgb(0x3a4552);
        c[ImGuiCol_TitleBg] = rgb(0x1b2026);
        c[ImGuiCol_TitleBgActive] = rgb(0x232a32);
        c[ImGuiCol_TitleBgCollapsed] = rgb(0x1b2026);
        c[ImGuiCol_MenuBarBg] = rgb(0x1b2026);
        c[ImGuiCol_ScrollbarBg] = rgb(0x15191e, 0.0f);
        c[ImGuiCol_ScrollbarGrab] = rgb(0x3a4450);
        c[ImGuiCol_ScrollbarGrabHovered] = rgb(0x4a5563);
        c[ImGuiCol_ScrollbarGrabActive] = rgb(0x5a6777);
        c[ImGuiCol_CheckMark] = rgb(0x6fb3e0);
        c[ImGuiCol_SliderGrab] = rgb(0x6fb3e0);
        c[ImGuiCol_SliderGrabActive] = rgb(0x8cc4ea);
        c[ImGuiCol_Button] = rgb(0x2c3540);
        c[ImGuiCol_ButtonHovered] = rgb(0x37424f);
        c[ImGuiCol_ButtonActive] = rgb(0x425061);
        c[ImGuiCol_Header] = rgb(0x22344a);
        c[ImGuiCol_HeaderHovered] = rgb(0x314a62);
        c[ImGuiCol_HeaderActive] = rgb(0x3a5874);
        c[ImGuiCol_Separator] = rgb(0x2f3740);
        c[ImGuiCol_SeparatorHovered] = rgb(0x4f6a85);
        c[ImGuiCol_SeparatorActive] = rgb(0x6fb3e0);
        c[ImGuiCol_ResizeGrip] = rgb(0x6fb3e0, 0.15f);
        c[ImGuiCol_ResizeGripHovered] = rgb(0x6fb3e0, 0.4f);
        c[ImGuiCol_ResizeGripActive] = rgb(0x6fb3e0, 0.7f);
        c[ImGuiCol_Tab] = rgb(0x232a32);
        c[ImGuiCol_TabHovered] = rgb(0x314a62);
        c[ImGuiCol_TabActive] = rgb(0x2a3d50);
        c[ImGuiCol_TabUnfocused] = rgb(0x232a32);
        c[ImGuiCol_TabUnfocusedActive] = rgb(0x2a3d50);
        c[ImGuiCol_PlotHistogram] = rgb(0x6fb3e0);
        c[ImGuiCol_TableHeaderBg] = rgb(0x232a32);
        c[ImGuiCol_TableBorderStrong] = rgb(0x2f3740);
        c[ImGuiCol_TableBorderLight] = rgb(0x29313a);
        c[ImGuiCol_TableRowBg] = rgb(0x000000, 0.0f);
        c[ImGuiCol_TableRowBgAlt] = rgb(0xffffff, 0.03f);
        c[ImGuiCol_TextSelectedBg] = rgb(0x6fb3e0, 0.3f);
        c[ImGuiCol_NavHighlight] = rgb(0x6fb3e0);
        c[ImGuiCol_ModalWindowDimBg] = rgb(0x000000, 0.5f);
    }
    g_high_contrast = options.high_contrast;
    if (options.high_contrast)
        apply_high_contrast(theme, c);
    g_palette.accent_ink = g_palette.accent;
    if (options.accent_rgb >= 0) {
        // The host's brand colour fills primary buttons (with white or near-black text, whichever
        // reads better); as ink it moves toward black (white on dark) just enough to read as text.
        const double text_min = options.high_contrast ? 7.0 : 4.5;
        const ImVec4 toward = theme == Theme::light ? rgb(0x000000) : rgb(0xffffff);
        ImVec4 a = rgb(options.accent_rgb);
        for (int step = 0; step < 50 && !reads_on_backgrounds(a, c, text_min); ++step)
            a = mix(a, toward, 0.04f);
        g_palette.accent = options.high_contrast ? a : rgb(options.accent_rgb);
        g_palette.accent_ink = a;
        const ImVec4 fill = g_palette.accent;
        g_palette.accent_text = contrast_ratio(rgb(0x111111), fill) > contrast_ratio(rgb(0xffffff), fill)
                                    ? rgb(0x111111)
                                    : rgb(0xffffff);
        c[ImGuiCol_CheckMark] = a;
        c[ImGuiCol_SliderGrab] = a;
        c[ImGuiCol_SeparatorActive] = a;
        c[ImGuiCol_ResizeGrip] = ImVec4(a.x, a.y, a.z, 0.15f);
        c[ImGuiCol_ResizeGripHovered] = ImVec4(a.x, a.y, a.z, 0.4f);
        c[ImGuiCol_ResizeGripActive] = ImVec4(a.x, a.y, a.z, 0.7f);
    }
    if (options.compact) {
        s.WindowPadding = ImVec2(12, 10);
        s.FramePadding = ImVec2(8, 5); // still 24-px targets (WCAG 2.5.8)
        s.CellPadding = ImVec2(6, 5);
        s.ItemSpacing = ImVec2(8, 9);
        s.ItemInnerSpacing = ImVec2(6, 4);
    }
    g_scale = options.scale;
    if (options.scale != 1.0f)
        s.ScaleAllSizes(options.scale);
}

const Palette& palette() { return g_palette; }

float ui_px(float css_px) { return css_px * g_scale; }

double contrast_ratio(const ImVec4& a, const ImVec4& b) {
    const auto luminance = [](const ImVec4& c) {
        const auto lin = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * lin(c.x) + 0.7152 * lin(c.y) + 0.0722 * lin(c.z);
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImVec4 composite(const ImVec4& fg, const ImVec4& bg) {
    ImVec4 out = mix(bg, fg, fg.w);
    out.w = 1.0f;
    return out;
}

ImVec4 button_shade(const ImVec4& bg, const ImVec4& text, float amount) {
    const bool light_text = contrast_ratio(text, rgb(0xffffff)) < contrast_ratio(text, rgb(0x000000));
    // Light text: a darker fill; dark text: a lighter one.
    ImVec4 out = mix(bg, light_text ? rgb(0x000000) : rgb(0xffffff), amount);
    out.w = bg.w;
    return out;
}

std::vector<ContrastPair> contrast_pairs() {
    const ImGuiStyle& s = ImGui::GetStyle();
    const ImVec4* c = s.Colors;
    const Palette& p = g_palette;
    const double text = g_high_contrast ? 7.0 : 4.5; // more contrast asked for: 7:1 (WCAG 1.4.6)
    const ImVec4 window = c[ImGuiCol_WindowBg];
    const auto on = [&](ImGuiCol bg) { return composite(c[bg], window); };
    const ImVec4 card = composite(p.card_bg, window);
    const ImVec4 alt_row = composite(c[ImGuiCol_TableRowBgAlt], on(ImGuiCol_ChildBg));
    std::vector<ContrastPair> pairs;
    const auto add = [&](std::string what, const ImVec4& fg, const ImVec4& bg, double minimum) {
        pairs.push_back({std::move(what), composite(fg, bg), bg, minimum});
    };
    // Text on the surfaces it is drawn on.
    const struct {
        const char* what;
        ImGuiCol bg;
    } surfaces[] = {
        {"text on the window", ImGuiCol_WindowBg},       {"text on a card or table", ImGuiCol_ChildBg},
        {"text in a dialog or menu", ImGuiCol_PopupBg},  {"text in the menu bar", ImGuiCol_MenuBarBg},
        {"text in a field", ImGuiCol_FrameBg},           {"text in a hovered field", ImGuiCol_FrameBgHovered},
        {"text in an active field", ImGuiCol_FrameBgActive}, {"text on a button", ImGuiCol_Button},
        {"text on a hovered button", ImGuiCol_ButtonHovered}, {"text on a pressed button", ImGuiCol_ButtonActive},
        {"text on a selected row", ImGuiCol_Header},     {"text on a hovered row", ImGuiCol_HeaderHovered},
        {"text on a pressed row", ImGuiCol_HeaderActive}, {"text on a table header", ImGuiCol_TableHeaderBg},
        {"text on a tab", ImGuiCol_Tab},                 {"text on a hovered tab", ImGuiCol_TabHovered},
        {"text on the selected tab", ImGuiCol_TabActive}, {"text on a dialog title", ImGuiCol_TitleBgActive},
    };
    for (const auto& sf : surfaces)
        add(sf.what, c[ImGuiCol_Text], on(sf.bg), text);
    add("text on an alternate table row", c[ImGuiCol_Text], alt_row, text);
    add("selected text in a field", c[ImGuiCol_Text], composite(c[ImGuiCol_TextSelectedBg], on(ImGuiCol_FrameBg)), text);
    // Secondary and status text (muted, placeholders and hints, success / warning / error, the
    // accent as link-like text) wherever such text is drawn.
    const struct {
        const char* what;
        ImVec4 fg;
        bool in_rows; // also drawn in table rows (the Activities table's status column)
    } inks[] = {
        {"muted text", p.muted_text, true},   {"hint and placeholder text", c[ImGuiCol_TextDisabled], false},
        {"success text", p.success, true},    {"warning text", p.warning, true},
        {"error text", p.danger, true},       {"accent (link) text", p.accent_ink, true},
    };
    const struct {
        const char* where;
        ImVec4 bg;
        bool row;
    } grounds[] = {
        {"window", window, false},        {"card", card, false},        {"dialog", on(ImGuiCol_PopupBg), false},
        {"field", on(ImGuiCol_FrameBg), false}, {"selected row", on(ImGuiCol_Header), true}, {"alternate row", alt_row, true},
    };
    for (const auto& ink : inks)
        for (const auto& g : grounds)
            if (ink.in_rows || !g.row)
                add(std::string(ink.what) + " on a " + g.where, ink.fg, g.bg, text);
    // Text on the coloured buttons, at rest, hovered and pressed (button_shade).
    const struct {
        const char* what;
        ImVec4 fg, bg;
    } filled[] = {{"text on a primary button", p.accent_text, p.accent}, {"text on a danger button", p.danger_text, p.danger}};
    for (const auto& f : filled) {
        add(f.what, f.fg, f.bg, text);
        add(f.what, f.fg, button_shade(f.bg, f.fg, 0.12f), text);
        add(f.what, f.fg, button_shade(f.bg, f.fg, 0.24f), text);
    }
    // Non-text: what identifies a control or its state, 3:1 against what surrounds it.
    for (const auto& g : {std::pair{"window", window}, std::pair{"card", card}, std::pair{"dialog", on(ImGuiCol_PopupBg)}}) {
        add(std::string("field and check-box outline on a ") + g.first, c[ImGuiCol_Border], g.second, 3.0);
        add(std::string("gauge and bar fill on a ") + g.first, p.accent_ink, g.second, 3.0);
        add(std::string("gauge fill, complete, on a ") + g.first, p.success, g.second, 3.0);
    }
    add("gauge fill against its track", p.accent_ink, on(ImGuiCol_FrameBgActive), 3.0);
    add("selected tab's bar against the selected tab", p.accent_ink, on(ImGuiCol_TabActive), 3.0);
    add("complete gauge fill against its track", p.success, on(ImGuiCol_FrameBgActive), 3.0);
    add("check mark in its box", c[ImGuiCol_CheckMark], on(ImGuiCol_FrameBg), 3.0);
    for (const ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_ChildBg, ImGuiCol_PopupBg, ImGuiCol_MenuBarBg,
                              ImGuiCol_FrameBg, ImGuiCol_Button, ImGuiCol_Header, ImGuiCol_Tab}) {
        add(std::string("focus ring on ") + ImGui::GetStyleColorName(bg), p.focus_ring, on(bg), 3.0);
        add(std::string("keyboard highlight on ") + ImGui::GetStyleColorName(bg), c[ImGuiCol_NavHighlight], on(bg), 3.0);
    }
    add("focus ring on a card", p.focus_ring, card, 3.0);
    return pairs;
}

} // namespace recert::ui
