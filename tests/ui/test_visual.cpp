// Visual needs of issue 15: WCAG 2.2 contrast computed from the palettes (both themes, their
// high-contrast variants, host accents), pointer targets, reduced motion and the UI scale.
#include "ui_harness.h"
#include "ui/fonts.h"

#include "imgui_internal.h"

#include <algorithm>
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
            // The brand colour itself fills primary buttons (tests/browser/embed.test.mjs reads it).
            char brand[8];
            std::snprintf(brand, sizeof brand, "#%06x", accent);
            if (!v.options.high_contrast)
                CHECK(hex(ui::palette().accent) == brand);
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

namespace {

// A tab's own width: at 390 px the tab bar scrolls, and a tab partly scrolled out of it shows
// only part of itself until it is scrolled to (as clicking it does). 0 for other nodes.
float tab_width(std::uint32_t id) {
    ImGuiContext& g = *GImGui;
    for (int i = 0; i < g.TabBars.GetMapSize(); ++i)
        if (ImGuiTabBar* bar = g.TabBars.TryGetMapData(i))
            if (const ImGuiTabItem* tab = ImGui::TabBarFindTabByID(bar, id))
                return tab->Width;
    return 0.0f;
}

// The interactive nodes of the last frame smaller than 24x24, one "role 'name' WxH" a line.
std::string small_targets(const char* where) {
    std::string out;
    for (const ui::SemNode& n : ui::semantics_nodes()) {
        const float w = n.role == ui::Role::tab ? std::max(n.w, tab_width(n.id)) : n.w;
        if (!n.interactive || (w >= 24.0f && n.h >= 24.0f))
            continue;
        char size[48];
        std::snprintf(size, sizeof size, " %.1fx%.1f at %.0f,%.0f", n.w, n.h, n.x, n.y);
        out += std::string(where) + ": " + ui::role_name(n.role) + " '" + n.name + "'" + size + "\n";
    }
    return out;
}

} // namespace

namespace {

// Two credentials with every kind of small control showing: an activity with a certificate (its
// file button), the renewal cart (remove), the Undo bar, a signed-in provider (Sign out).
core::Log realistic_log() {
    core::Log log = test::two_credentials();
    log.activities[0].evidence.push_back({std::string(64, 'a'), "certificate.pdf", "application/pdf"});
    return log;
}

void show_everything(ui::AppState& s) {
    s.selected_activity = "a1";
    s.cart = {"cred-cpt"};
    s.can_undo_delete = true;
    s.undo_label = "Activity deleted";
    s.sync.available = s.sync.configured = s.sync.signed_in = true;
    s.sync.account = "Pat Lee";
}

// Draws every view, every menu opened and every dialog of realistic_log() at `size` and calls
// `check(what)` after each. The dialogs get harnesses of their own, prepared by `prepare`.
template <class Prepare, class Check> void each_screen(UiHarness& h, ImVec2 size, Prepare prepare, Check check) {
    const char* names[] = {"dashboard", "activities", "planner", "renewal", "audit", "settings"};
    char what[96];
    for (int v = 0; v < ui::view_count; ++v) {
        h.open(static_cast<ui::View>(v));
        h.frames();
        std::snprintf(what, sizeof what, "%s at %.0fx%.0f", names[v], size.x, size.y);
        check(what);
    }
    for (const char* menu : {"File", "Reports", "View", "Help"}) {
        const ui::SemNode* item = test::find_node(ui::Role::menuitem, menu);
        REQUIRE(item);
        h.click(item->id);
        std::snprintf(what, sizeof what, "menu %s at %.0fx%.0f", menu, size.x, size.y);
        check(what);
        ImGui::GetIO().MousePos = ImVec2(size.x - 2, size.y - 2); // close it: click outside
        h.frame();
        ImGui::GetIO().MouseDown[0] = true;
        h.frame();
        ImGui::GetIO().MouseDown[0] = false;
        h.frames();
    }
    for (const test::DialogCase& c : test::dialog_cases()) {
        UiHarness d(size.x, size.y);
        prepare(d);
        d.frames();
        c.open(d.state);
        d.frames(4);
        std::snprintf(what, sizeof what, "dialog %s at %.0fx%.0f", c.title, size.x, size.y);
        check(what);
    }
}

} // namespace

TEST_CASE("every pointer target of every view, menu and dialog is at least 24x24 CSS px") {
    // WCAG 2.5.8 by size alone (no spacing exception): each interactive node's own bounds.
    // The phone width also in the compact layout a host page may ask for.
    for (const auto& [size, compact] : {std::pair{ImVec2(1280, 2400), false}, std::pair{ImVec2(390, 2400), false},
                                        std::pair{ImVec2(390, 2400), true}}) {
        const auto prepare = [compact = compact](UiHarness& h) {
            h.state.embed_compact = compact;
            REQUIRE(h.use_app_fonts());
            h.load(realistic_log());
            show_everything(h.state);
        };
        UiHarness h(size.x, size.y);
        prepare(h);
        std::string small;
        int targets = 0;
        each_screen(h, size, prepare, [&](const char* what) {
            small += small_targets(what);
            for (const ui::SemNode& n : ui::semantics_nodes())
                targets += n.interactive;
        });
        INFO(small);
        CHECK(small.empty());
        CHECK(targets > 500);
    }
}

namespace {

// The interactive items of the last frame that are cut at the UI scale: no size, sticking out of
// their window's (or table column's) visible width where it does not scroll sideways (a tab bar
// scrolls), or narrower than their label; and windows without a scroll bar whose content is
// taller than they are (a credential tile). One line each.
std::string cut_items(const char* where) {
    std::string out;
    const auto report = [&](const ui::SemNode& n, const char* why) {
        char size[64];
        std::snprintf(size, sizeof size, " %.1fx%.1f at %.0f,%.0f: ", n.w, n.h, n.x, n.y);
        out += std::string(where) + ": " + ui::role_name(n.role) + " '" + n.name + "'" + size + why + "\n";
    };
    for (const ui::SemNode& n : ui::semantics_nodes())
        if (n.interactive && (!n.has_bounds || n.w <= 0.0f || n.h <= 0.0f))
            report(n, "no size");
    const ImGuiIO& io = ImGui::GetIO();
    ImFont* font = io.FontDefault ? io.FontDefault : io.Fonts->Fonts[0];
    const float font_size = font->FontSize * io.FontGlobalScale;
    for (const ui::ItemPath& p : ui::semantics_item_paths()) {
        const ui::SemNode* n = p.id ? ui::semantics_find(p.id) : nullptr;
        if (!n || !n->interactive || n->offscreen) // scrolled out of its window: not drawn, nothing cut
            continue;
        const ImGuiWindow* w = ImGui::FindWindowByName(p.window.c_str());
        const bool scrolls_sideways = (w && w->ScrollMax.x > 0.0f) || tab_width(p.id) > 0.0f;
        if (!scrolls_sideways && (p.x0 < p.clip_x0 - 1.0f || p.x1 > p.clip_x1 + 1.0f))
            report(*n, "outside its window's visible width");
        const char* end = ImGui::FindRenderedTextEnd(p.label.c_str());
        const float text = font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, p.label.c_str(), end).x;
        if (text > p.x1 - p.x0 + 1.0f)
            report(*n, "narrower than its label");
    }
    for (const ImGuiWindow* w : GImGui->Windows)
        if (w->Active && (w->Flags & ImGuiWindowFlags_NoScrollbar) && w->ScrollMax.y > 0.5f)
            out += std::string(where) + ": window " + w->Name + " is too short for its content\n";
    return out;
}

} // namespace

TEST_CASE("at UI scale 200% every view, menu and dialog fits 640x400 and 390x844 without cutting a control") {
    ui::semantics_record_paths(true);
    for (const ImVec2 size : {ImVec2(640, 400), ImVec2(390, 844)}) {
        const auto prepare = [](UiHarness& h) {
            h.state.settings.ui_scale = 200;
            REQUIRE(h.use_app_fonts());
            h.load(realistic_log());
            show_everything(h.state);
        };
        UiHarness h(size.x, size.y);
        prepare(h);
        CHECK(ImGui::GetStyle().FramePadding.x == 20.0f); // the style is twice the size
        std::string cut;
        int items = 0;
        each_screen(h, size, prepare, [&](const char* what) {
            CHECK(ImGui::GetFontSize() == Approx(30.0f)); // 15-px text at 200%
            cut += cut_items(what);
            items += int(ui::semantics_item_paths().size());
        });
        // Known limit: ImGui 1.86 menus neither wrap nor scroll sideways, and at 200% a phone is
        // 195 px of 100% layout wide: the Reports menu's four longest items lose their ends there.
        INFO(cut);
        int known = 0;
        if (size.x < 400.0f)
            for (const char* item : {"Download transcript (HTML)", "Export CSV for spreadsheet apps",
                                     "Export deadlines calendar (.ics)", "Import CSV or Open Badge…"}) {
                const std::size_t at = cut.find(std::string("menu Reports at 390x844: menuitem '") + item + "'");
                if (at == std::string::npos)
                    continue;
                cut.erase(at, cut.find('\n', at) + 1 - at);
                ++known;
            }
        CHECK(known == (size.x < 400.0f ? 4 : 0));
        CHECK(cut.empty());
        CHECK(items > 250);
    }
    ui::semantics_record_paths(false);
}

namespace {

ImGuiTabBar* views_tab_bar() {
    ImGuiContext& g = *GImGui;
    for (int i = 0; i < g.TabBars.GetMapSize(); ++i)
        if (ImGuiTabBar* bar = g.TabBars.TryGetMapData(i))
            return bar;
    return nullptr;
}

} // namespace

// Where every vertex of the last frame's draw lists is (not their atlas coordinates).
std::vector<ImVec2> vertex_positions() {
    std::vector<ImVec2> out;
    const ImDrawData* d = ImGui::GetDrawData();
    for (int i = 0; d && i < d->CmdListsCount; ++i)
        for (const ImDrawVert& v : d->CmdLists[i]->VtxBuffer) out.push_back(v.pos);
    return out;
}

TEST_CASE("start-up fonts: the first frame's body atlas has every glyph of the loading view; the complete one has the rest") {
    // The web app draws its first frame, the loading view, with a body atlas of a third of the
    // glyphs (half the time; issue #19) and completes it in the task after (ui::complete_body_font)
    // before anything else is drawn. The loading view must look exactly as it does with the
    // complete atlas: a missing glyph would be drawn as "?", with its own width.
    UiHarness h; // records not loaded yet: the loading view
    REQUIRE(h.use_app_fonts(true));
    ui::Fonts& fonts = h.state.fonts;
    REQUIRE(fonts.body);
    CHECK(fonts.body_partial);
    for (const ImWchar c : {ImWchar('A'), ImWchar(0xE9) /* é */, ImWchar(0x2026) /* … */, ImWchar(0xF19D) /* graduation cap */})
        CHECK(fonts.body->FindGlyphNoFallback(c) != nullptr);
    for (const ImWchar c : {ImWchar(0x141) /* Ł */, ImWchar(0x2192) /* → */, ImWchar(0x2713) /* ✓ */})
        CHECK(fonts.body->FindGlyphNoFallback(c) == nullptr);
    const float a_advance = fonts.body->FindGlyph('A')->AdvanceX;
    h.frames();
    bool loading_shown = false;
    for (const ui::SemNode& n : ui::semantics_nodes()) loading_shown = loading_shown || n.name == "Opening your records…";
    CHECK(loading_shown);
    const std::vector<ImVec2> starter = vertex_positions();
    REQUIRE(starter.size() > 100);

    REQUIRE(ui::complete_body_font(fonts));
    CHECK_FALSE(fonts.body_partial);
    REQUIRE(fonts.body);
    CHECK(ImGui::GetIO().FontDefault == fonts.body);
    for (const ImWchar c : {ImWchar(0x141), ImWchar(0x2192), ImWchar(0x2713), ImWchar('A'), ImWchar(0xF19D)})
        CHECK(fonts.body->FindGlyphNoFallback(c) != nullptr);
    CHECK(fonts.body->FindGlyph('A')->AdvanceX == a_advance);
    CHECK_FALSE(ui::complete_body_font(fonts)); // once
    CHECK(fonts.unbuilt == 2);                  // strong and heading still wait for their tasks
    CHECK(fonts.strong == nullptr);
    h.frames();
    const std::vector<ImVec2> complete = vertex_positions();
    REQUIRE(complete.size() == starter.size());
    int moved = 0;
    for (std::size_t i = 0; i < complete.size(); ++i)
        if (complete[i].x != starter[i].x || complete[i].y != starter[i].y) ++moved;
    CHECK(moved == 0);
}

TEST_CASE("start-up fonts: the body font stands in for strong and heading until each atlas is built") {
    // The web app draws its first frame once the body font's atlas is built and builds the other
    // two in the tasks after it (issue #19). A font whose atlas is not built yet must never be
    // drawn with (ImGui asserts; in a release build the text would be garbage).
    UiHarness h(test::two_credentials());
    REQUIRE(h.use_app_fonts(true));
    const ui::Fonts& fonts = h.state.fonts;
    // As in the app: the body's complete atlas before anything but the loading view is drawn.
    REQUIRE(ui::complete_body_font(h.state.fonts));
    REQUIRE(fonts.body);
    CHECK(fonts.body->IsLoaded());
    CHECK(fonts.strong == nullptr);
    CHECK(fonts.heading == nullptr);
    CHECK(fonts.unbuilt == 2);
    // The dashboard's heading "Your credentials": its line height is the font's that drew it.
    const auto heading_height = [&h] {
        h.frames();
        for (const ui::SemNode& n : ui::semantics_nodes())
            if (n.role == ui::Role::heading && n.name == "Your credentials") return n.h;
        return 0.0f;
    };
    const float body_height = heading_height();
    CHECK(body_height == Approx(ImGui::GetTextLineHeight()).margin(1.0));

    REQUIRE(ui::build_next_font_atlas(h.state.fonts));
    REQUIRE(fonts.strong);
    CHECK(fonts.strong->IsLoaded());
    CHECK(fonts.strong->ContainerAtlas == fonts.extra_atlases[0]);
    CHECK(fonts.heading == nullptr);
    CHECK(heading_height() == Approx(body_height));

    REQUIRE(ui::build_next_font_atlas(h.state.fonts));
    REQUIRE(fonts.heading);
    CHECK(fonts.heading->IsLoaded());
    CHECK(heading_height() > body_height * 1.3f); // 22 px against 15
    CHECK_FALSE(ui::build_next_font_atlas(h.state.fonts));
    CHECK(fonts.unbuilt == 0);
}

TEST_CASE("more contrast or forced colours switch to the high-contrast theme, 7:1 for text") {
    UiHarness h(test::two_credentials());
    ui::update_display(h.state, 1.0f, "/nonexistent");
    const auto text_ratio = [] {
        return ui::contrast_ratio(ImGui::GetStyle().Colors[ImGuiCol_Text], ImGui::GetStyle().Colors[ImGuiCol_WindowBg]);
    };
    const auto minimum_text = [] {
        double m = 99;
        for (const ui::ContrastPair& p : ui::contrast_pairs())
            if (p.minimum > 3.0)
                m = std::min(m, p.minimum);
        return m;
    };
    CHECK(text_ratio() < 16.0);
    CHECK(minimum_text() == 4.5);
    for (const ui::DisplayPrefs prefs : {ui::DisplayPrefs{false, true, false}, ui::DisplayPrefs{false, false, true}}) {
        CHECK(ui::set_display_preferences(h.state, prefs));
        CHECK_FALSE(ui::set_display_preferences(h.state, prefs)); // nothing new: no redraw needed
        ui::update_display(h.state, 1.0f, "/nonexistent");
        CHECK(text_ratio() >= 16.0);
        CHECK(minimum_text() == 7.0);
        h.state.settings.theme = ui::Theme::dark; // both themes have their high-contrast variant
        ui::update_display(h.state, 1.0f, "/nonexistent");
        CHECK(text_ratio() >= 16.0);
        h.state.settings.theme = ui::Theme::light;
        ui::set_display_preferences(h.state, {});
        ui::update_display(h.state, 1.0f, "/nonexistent");
        CHECK(text_ratio() < 16.0);
    }
}

TEST_CASE("reduced motion: no backdrop fade, no gliding tab bar, no caret blink, a still busy bar") {
    for (const bool reduced : {false, true}) {
        UiHarness h(240, 844); // too narrow even for the icon-only tabs: the bar scrolls
        h.load(test::two_credentials());
        ui::set_display_preferences(h.state, {reduced, false, false});
        ui::update_display(h.state, 1.0f, "/nonexistent");
        h.frames();
        CHECK(ImGui::GetIO().ConfigInputTextCursorBlink == !reduced);
        // The tab bar at 240 px scrolls to the selected tab: at once, or gliding over a few frames
        // (ImGui jumps when the tab is far off; the next tab over glides).
        int gliding = 0;
        for (int v = 0; v < ui::view_count; ++v) {
            h.open(static_cast<ui::View>(v));
            h.frame();
            h.frame();
            ImGuiTabBar* bar = views_tab_bar();
            REQUIRE(bar);
            gliding += bar->ScrollingAnim != bar->ScrollingTarget;
            h.frames(30);
        }
        CHECK((gliding == 0) == reduced);
        // A dialog's backdrop: there at once, or fading in.
        h.state.show_about = true;
        h.frame();
        h.frame();
        CHECK((GImGui->DimBgRatio == 1.0f) == reduced);
        h.state.show_about = false;
        h.frames();
        // The restore dialog's busy bar: a sweep, or a still full bar.
        CHECK((ui::busy_fraction(reduced, 0.3) == ui::busy_fraction(reduced, 0.9)) == reduced);
        CHECK((ui::busy_fraction(reduced, 1.7) == 1.0f) == reduced);
    }
}

TEST_CASE("the UI scale is a labelled combo box in Settings, saved with the settings") {
    UiHarness h(test::two_credentials());
    h.open(ui::View::settings);
    h.frames();
    const ui::SemNode* combo = test::find_node(ui::Role::combobox, "UI scale");
    REQUIRE(combo);
    CHECK(combo->value == "100%");
    h.click(combo->id);
    const ui::SemNode* option = test::find_node(ui::Role::option, "150%");
    REQUIRE(option);
    h.state.settings_dirty = false;
    h.click(option->id);
    CHECK(h.state.settings.ui_scale == 150);
    CHECK(h.state.settings_dirty);
    CHECK(ui::ui_scale(h.state) == 1.5f);
    ui::update_display(h.state, 1.0f, "/nonexistent");
    CHECK(ImGui::GetStyle().FramePadding.x == 15.0f); // 10 px at 100%
    CHECK(ImGui::GetIO().FontGlobalScale == 1.5f);    // ImGui's own font where Inter is missing
    h.frames();
    combo = test::find_node(ui::Role::combobox, "UI scale");
    REQUIRE(combo);
    CHECK(combo->value == "150%");
    h.state.settings.ui_scale = 400; // a stored value out of range counts as 100%
    CHECK(ui::ui_scale(h.state) == 1.0f);
}

TEST_CASE("the font atlas is rebuilt when devicePixelRatio or the UI scale changes, and only then") {
    UiHarness h;
    REQUIRE(h.use_app_fonts()); // devicePixelRatio 1, 100%
    const std::string dir = (std::filesystem::temp_directory_path() / "recert-ui-test-fonts").string();
    CHECK_FALSE(ui::update_display(h.state, 1.0f, dir));
    CHECK(ImGui::GetIO().Fonts->Fonts[0]->FontSize == 15.0f);
    // A zoomed or high-density browser: rasterized at 2 px per CSS px, laid out in CSS px.
    CHECK(ui::update_display(h.state, 2.0f, dir));
    CHECK(h.state.fonts.body->FontSize == 30.0f);
    CHECK(h.state.fonts.body->FontSize * ImGui::GetIO().FontGlobalScale == 15.0f);
    // And at 150% on top of it: 45-px glyphs for 22.5-CSS-px text, crisp.
    h.state.settings.ui_scale = 150;
    CHECK(ui::update_display(h.state, 2.0f, dir));
    CHECK(h.state.fonts.body->FontSize == 45.0f);
    CHECK(h.state.fonts.body->FontSize * ImGui::GetIO().FontGlobalScale == Approx(22.5f));
    CHECK(ImGui::GetStyle().FramePadding.y == 9.0f);
    CHECK_FALSE(ui::update_display(h.state, 2.0f, dir));
    h.state.settings.ui_scale = 200;
    CHECK(ui::update_display(h.state, 1.0f, dir));
    CHECK(h.state.fonts.body->FontSize == 30.0f);
    // Past 3 px per CSS px the atlas stops growing (4096 px, what WebGL 2 devices allow); the
    // text keeps its size.
    CHECK(ui::update_display(h.state, 3.0f, dir));
    CHECK(h.state.fonts.body->FontSize == 45.0f);
    CHECK(h.state.fonts.body->FontSize * ImGui::GetIO().FontGlobalScale == Approx(30.0f));
    int w = 0, hgt = 0;
    unsigned char* pixels = nullptr;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &hgt);
    CHECK(w <= 4096);
    CHECK(hgt <= 4096);
    h.frames(); // draws with the new atlas
}


TEST_CASE("the selected tab is marked by a bar in the accent, not by its fill alone") {
    UiHarness h(test::two_credentials());
    const auto marked = [](const char* tab_name) {
        const ui::SemNode* tab = test::find_node(ui::Role::tab, tab_name);
        REQUIRE(tab);
        const ImU32 ink = ImGui::ColorConvertFloat4ToU32(ui::palette().accent_ink);
        const ImGuiWindow* w = ImGui::FindWindowByName(ui::main_window_name);
        REQUIRE(w);
        int n = 0;
        for (const ImDrawVert& v : w->DrawList->VtxBuffer)
            n += v.col == ink && v.pos.x >= tab->x && v.pos.x <= tab->x + tab->w &&
                 v.pos.y >= tab->y + tab->h - 3.5f && v.pos.y <= tab->y + tab->h + 0.5f;
        return n;
    };
    CHECK(marked("Dashboard") >= 4);
    CHECK(marked("Settings") == 0);
    h.open(ui::View::settings);
    h.frames();
    CHECK(marked("Settings") >= 4);
    CHECK(marked("Dashboard") == 0);
}
