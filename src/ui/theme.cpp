// Light and dark themes: calm neutrals, one blue accent, generous spacing.
#include "ui/theme.h"

namespace recert::ui {
namespace {

ImVec4 rgb(int hex, float a = 1.0f) {
    return ImVec4(static_cast<float>((hex >> 16) & 0xff) / 255.0f, static_cast<float>((hex >> 8) & 0xff) / 255.0f,
                  static_cast<float>(hex & 0xff) / 255.0f, a);
}

Palette g_palette;

void apply_common_sizes(ImGuiStyle& s) {
    s.WindowPadding = ImVec2(20, 16);
    s.FramePadding = ImVec2(10, 6);
    s.CellPadding = ImVec2(8, 6);
    s.ItemSpacing = ImVec2(10, 8);
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
                     rgb(0x1e7d4f), rgb(0xa86a00), rgb(0xb3261e)};
        g_palette.focus_ring = rgb(0x1f5f8b); // not the accent: a host page may change that
        c[ImGuiCol_Text] = rgb(0x1d2733);
        c[ImGuiCol_TextDisabled] = rgb(0x8a96a3);
        c[ImGuiCol_WindowBg] = rgb(0xf4f6f9);
        c[ImGuiCol_ChildBg] = rgb(0xffffff);
        c[ImGuiCol_PopupBg] = rgb(0xffffff);
        c[ImGuiCol_Border] = rgb(0xd9dfe6);
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
        g_palette = {rgb(0x6fb3e0), rgb(0x0f1419), rgb(0x9aa5b1), rgb(0x1f252c),
                     rgb(0x4cc38a), rgb(0xe0a84a), rgb(0xf07167)};
        g_palette.focus_ring = rgb(0x6fb3e0);
        s.FrameBorderSize = 0;
        c[ImGuiCol_Text] = rgb(0xe4e9ef);
        c[ImGuiCol_TextDisabled] = rgb(0x7d8894);
        c[ImGuiCol_WindowBg] = rgb(0x15191e);
        c[ImGuiCol_ChildBg] = rgb(0x1f252c);
        c[ImGuiCol_PopupBg] = rgb(0x232a32);
        c[ImGuiCol_Border] = rgb(0x2f3740);
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
        c[ImGuiCol_Header] = rgb(0x2a3d50);
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
    if (options.accent_rgb >= 0) {
        // The host's brand colour. Text on it is white or near-black, whichever reads better.
        const ImVec4 a = rgb(options.accent_rgb);
        const float luminance = 0.2126f * a.x + 0.7152f * a.y + 0.0722f * a.z;
        g_palette.accent = a;
        g_palette.accent_text = luminance > 0.55f ? rgb(0x111111) : rgb(0xffffff);
        c[ImGuiCol_CheckMark] = a;
        c[ImGuiCol_SliderGrab] = a;
        c[ImGuiCol_SeparatorActive] = a;
        c[ImGuiCol_ResizeGrip] = ImVec4(a.x, a.y, a.z, 0.15f);
        c[ImGuiCol_ResizeGripHovered] = ImVec4(a.x, a.y, a.z, 0.4f);
        c[ImGuiCol_ResizeGripActive] = ImVec4(a.x, a.y, a.z, 0.7f);
    }
    if (options.compact) {
        s.WindowPadding = ImVec2(12, 10);
        s.FramePadding = ImVec2(8, 4);
        s.CellPadding = ImVec2(6, 4);
        s.ItemSpacing = ImVec2(8, 5);
        s.ItemInnerSpacing = ImVec2(6, 4);
    }
}

const Palette& palette() { return g_palette; }

} // namespace recert::ui
