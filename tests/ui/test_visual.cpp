// Visual needs of issue 15: WCAG 2.2 contrast computed from the palettes (both themes, their
// high-contrast variants, host accents), pointer targets, reduced motion and the UI scale.
#include "ui_harness.h"

#include <cstdio>

using namespace recert;
using test::UiHarness;

namespace {

struct Variant {
    const char* name;
    ui::Theme theme;
    ui::ThemeOptions options;
};

// Host accents an embedding page might pass (Recert.mount(el, {accent})): pale, loud and dark.
constexpr int host_accents[] = {0xffcc00, 0x00a651, 0xe4002b, 0x87ceeb, 0x6a1b9a, 0x000000, 0xffffff};

std::string hex(const ImVec4& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", int(c.x * 255 + 0.5f), int(c.y * 255 + 0.5f),
                  int(c.z * 255 + 0.5f));
    return buf;
}

// Checks every pair the theme declares; prints the table when `print`.
void check_pairs(const char* variant, bool print) {
    const std::vector<ui::ContrastPair> pairs = ui::contrast_pairs();
    CHECK(pairs.size() > 80);
    for (const ui::ContrastPair& p : pairs) {
        const double ratio = ui::contrast_ratio(p.fg, p.bg);
        if (print)
            std::printf("%-14s %-52s %s on %s  %5.2f (min %.1f)\n", variant, p.what.c_str(), hex(p.fg).c_str(),
                        hex(p.bg).c_str(), ratio, p.minimum);
        INFO(variant << ": " << p.what << " " << hex(p.fg) << " on " << hex(p.bg));
        CHECK(ratio >= p.minimum);
    }
}

} // namespace

TEST_CASE("contrast ratio follows WCAG's relative luminance") {
    CHECK(ui::contrast_ratio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)) == Approx(21.0));
    CHECK(ui::contrast_ratio(ImVec4(1, 1, 1, 1), ImVec4(1, 1, 1, 1)) == Approx(1.0));
    // #767676 on white is the well-known 4.54:1.
    const float g = 0x76 / 255.0f;
    CHECK(ui::contrast_ratio(ImVec4(g, g, g, 1), ImVec4(1, 1, 1, 1)) == Approx(4.54).epsilon(0.01));
    CHECK(ui::composite(ImVec4(0, 0, 0, 0.5f), ImVec4(1, 1, 1, 1)).x == Approx(0.5f));
}

TEST_CASE("every text and control colour pair of both themes meets WCAG 2.2 AA (7:1 text under high contrast)") {
    UiHarness h; // an ImGui context for the style
    const Variant variants[] = {
        {"light", ui::Theme::light, {}},
        {"dark", ui::Theme::dark, {}},
        {"light-hc", ui::Theme::light, {-1, false, true}},
        {"dark-hc", ui::Theme::dark, {-1, false, true}},
    };
    for (const Variant& v : variants) {
        ui::apply_theme(v.theme, v.options);
        check_pairs(v.name, true);
        if (v.options.high_contrast) {
            // The 7:1 minimum is really asked of the high-contrast text.
            CHECK(ui::contrast_ratio(ImGui::GetStyle().Colors[ImGuiCol_Text],
                                     ImGui::GetStyle().Colors[ImGuiCol_WindowBg]) >= 7.0);
        }
    }
    // A host page's accent is adjusted until it reads as text and as a gauge fill, in every variant.
    for (const int accent : host_accents)
        for (const Variant& v : variants) {
            ui::ThemeOptions o = v.options;
            o.accent_rgb = accent;
            ui::apply_theme(v.theme, o);
            char what[48];
            std::snprintf(what, sizeof what, "%s+%06x", v.name, accent);
            check_pairs(what, false);
        }
}

TEST_CASE("a colour pair below its minimum is caught") {
    UiHarness h;
    ui::apply_theme(ui::Theme::light);
    // The light theme's old field outline (#d9dfe6, 1.3:1) and placeholder grey (#8a96a3, 2.8:1).
    ImGui::GetStyle().Colors[ImGuiCol_Border] = ImVec4(0xd9 / 255.0f, 0xdf / 255.0f, 0xe6 / 255.0f, 1);
    ImGui::GetStyle().Colors[ImGuiCol_TextDisabled] = ImVec4(0x8a / 255.0f, 0x96 / 255.0f, 0xa3 / 255.0f, 1);
    int failing = 0;
    for (const ui::ContrastPair& p : ui::contrast_pairs())
        failing += ui::contrast_ratio(p.fg, p.bg) < p.minimum;
    CHECK(failing == 7); // 3 outlines + the placeholder on 4 backgrounds
}
