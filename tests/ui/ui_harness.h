// Shared by the UI tests: an ImGui context without a window (default font, a display size),
// a test AppState built from the shipped rule packs, and a frame runner over draw_app().
#pragma once

#include "../app/test_support.h" // packs(), day()

#include "core/duplicates.h"
#include "core/engine.h"
#include "core/planner.h"
#include "ui/app.h"
#include "ui/app_state.h"
#include "ui/display.h"
#include "ui/semantics.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"

#include <filesystem>
#include <string>
#include <vector>

namespace recert::test {

inline core::Credential credential(std::string id, std::string body, std::string program, const char* first,
                                   const char* last) {
    core::Credential c;
    c.id = std::move(id);
    c.body = std::move(body);
    c.program = std::move(program);
    c.certified_on = day("2021-01-01");
    c.cycle = {day(first), day(last)};
    return c;
}

inline core::Activity activity(std::string id, std::string title, const char* earned, const char* amount,
                               core::Format format = core::Format::online) {
    core::Activity a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.provider = "ACSM";
    a.earned = day(earned);
    a.amount = *core::Credits::parse(amount);
    a.format = format;
    return a;
}

// An ImGui context of its own (no window, no renderer) drawing draw_app() over `state`.
struct UiHarness {
    ImGuiContext* ctx = nullptr;
    ui::AppState state;
    std::vector<ui::Intent> sent; // every intent the frames pushed (the app layer would drain them)

    explicit UiHarness(float width = 1280.0f, float height = 800.0f, ui::Theme theme = ui::Theme::light) {
        ctx = ImGui::CreateContext();
        ImGui::SetCurrentContext(ctx);
        ui::semantics_reset_sent();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        io.Fonts->AddFontDefault();
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        ui::apply_theme(theme);
        state.settings.theme = theme;
    }
    // At 1280x800 with `log` loaded and drawn (the dashboard).
    explicit UiHarness(core::Log log) : UiHarness() {
        load(std::move(log));
        frames();
    }
    ~UiHarness() { ImGui::DestroyContext(ctx); }
    UiHarness(const UiHarness&) = delete;
    UiHarness& operator=(const UiHarness&) = delete;

    // Loads `log` as the app layer does after a commit (evaluation, plan, duplicates).
    void load(core::Log log, const char* today = "2025-06-01") {
        ui::DataView& d = state.data;
        d.loaded = true;
        d.log = std::move(log);
        d.packs = &packs();
        d.today = day(today);
        d.evaluation = core::evaluate(packs(), d.log.credentials, d.log.activities, d.today);
        d.plan = core::plan(d.evaluation);
        d.duplicates = core::suggest_duplicates(d.log.activities);
        // Unique across harnesses: the Activities view caches its rows by generation (one AppState
        // in the app, many in the tests).
        static std::uint64_t generations = 0;
        d.generation = ++generations;
    }

    // What the platform does before each frame (ui::update_display): the theme with state.display,
    // the embedding options and the UI scale setting, and Inter and Font Awesome as the app loads
    // them (the Debian packages scripts/subset-fonts reads) at devicePixelRatio 1: the sizes the
    // app really lays out with. False (ImGui's default font stays) where they are not installed.
    // With `defer_atlases`, as at the web app's start-up: the strong and heading fonts wait for
    // ui::build_next_font_atlas.
    bool use_app_fonts(bool defer_atlases = false) {
        namespace fs = std::filesystem;
        const fs::path dir = fs::temp_directory_path() / "recert-ui-test-fonts";
        std::error_code ec;
        fs::create_directories(dir, ec);
        const char* files[][2] = {{"/usr/share/fonts/opentype/inter/Inter-Regular.otf", "Inter-Regular.otf"},
                                  {"/usr/share/fonts/opentype/inter/Inter-SemiBold.otf", "Inter-SemiBold.otf"},
                                  {"/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf",
                                   "fontawesome-webfont.ttf"}};
        for (const auto& f : files)
            if (!fs::exists(dir / f[1], ec))
                fs::create_symlink(f[0], dir / f[1], ec);
        ImGui::SetCurrentContext(ctx);
        ui::update_display(state, 1.0f, dir.string(), defer_atlases);
        return state.fonts.body != nullptr;
    }

    // Shows `view` from the next frame on (as the embed API's openView does).
    void open(ui::View view) {
        state.view = view;
        state.view_changed = true;
    }

    // Presses and releases the left mouse button over the middle of node `id` (one frame each).
    void click(std::uint32_t id) {
        const ui::SemNode* n = ui::semantics_find(id);
        REQUIRE(n);
        ImGui::SetCurrentContext(ctx);
        ImGui::GetIO().MousePos = ImVec2(n->x + n->w * 0.5f, n->y + n->h * 0.5f);
        frame();
        ImGui::GetIO().MouseDown[0] = true;
        frame();
        ImGui::GetIO().MouseDown[0] = false;
        frames();
    }

    void frame() {
        ImGui::SetCurrentContext(ctx);
        ImGui::NewFrame();
        ui::draw_app(state);
        ImGui::Render();
        for (ui::Intent& i : state.intents) sent.push_back(std::move(i));
        state.intents.clear();
    }
    // A few frames: windows and tables settle their sizes over the first frames.
    void frames(int n = 3) {
        for (int i = 0; i < n; ++i)
            frame();
    }
};

// Two credentials (ACSM CPT at 45 of 45 CEC with a CPR class, NSCA CSCS part way) and their activities.
inline core::Log two_credentials() {
    core::Log log;
    log.credentials.push_back(credential("cred-cpt", "acsm", "cpt", "2024-01-01", "2026-12-31"));
    log.credentials.push_back(credential("cred-cscs", "nsca", "cscs", "2024-01-01", "2026-12-31"));
    log.activities.push_back(activity("a1", "Program design", "2025-02-01", "20"));
    log.activities.push_back(
        activity("a2", "Exercise science update", "2025-03-01", "20", core::Format::live));
    log.activities.push_back(
        activity("a3", "CPR/AED class", "2025-04-01", "7", core::Format::cpr_aed_first_aid));
    return log;
}

// Every dialog, opened over two_credentials() by `open`, and the title its node is named by.
struct DialogCase {
    const char* title;
    void (*open)(ui::AppState&);
};
inline const std::vector<DialogCase>& dialog_cases() {
    static const std::vector<DialogCase> cases = {
        {"Credential", [](ui::AppState& s) { ui::open_credential_form(s, nullptr); }},
        {"Credential", [](ui::AppState& s) { ui::open_credential_form(s, &s.data.log.credentials[0]); }},
        {"Activity", [](ui::AppState& s) { ui::open_activity_form(s, nullptr); }},
        {"Activity", [](ui::AppState& s) { ui::open_activity_form(s, &s.data.log.activities[0]); }},
        {"CPR/AED card", [](ui::AppState& s) { ui::open_cpr_form(s, "cred-cpt"); }},
        {"Record renewal", [](ui::AppState& s) { ui::open_renewal_form(s, "cred-cpt"); }},
        {"About Recert", [](ui::AppState& s) { s.show_about = true; }},
        {"Keyboard shortcuts", [](ui::AppState& s) { s.show_shortcuts = true; }},
        {"Finalize statement", [](ui::AppState& s) { s.reports.finalize.open = true; }},
        {"Prepare audit packet", [](ui::AppState& s) { s.reports.packet.open = true; }},
        {"Import activities",
         [](ui::AppState& s) {
             s.reports.import.open = true;
             s.reports.import.file_name = "courses.csv";
             s.reports.import.activities = s.data.log.activities;
             s.reports.import.lines = {2, 3, 4};
             s.reports.import.choices.resize(3);
             s.reports.import.choices[1].import = false;
             s.reports.import.choices[1].duplicate_of_existing = 1;
         }},
        {"Restore backup",
         [](ui::AppState& s) {
             s.restore.stage = ui::RestoreDialog::Stage::summary;
             s.restore.file_name = "recert-backup.zip";
             s.restore.added = {"Activity: Program design"};
         }},
        {"Changed in another tab",
         [](ui::AppState& s) {
             s.conflict.open = true;
             s.conflict.records.push_back(
                 {"Activity", "Program design", false, false, {{"Credits", "2", "3"}}});
         }},
    };
    return cases;
}

} // namespace recert::test

namespace recert::test {

// The last frame's tree, one node a line, indented by depth: "button 'Add credential' *" (* = interactive).
inline std::string dump_tree() {
    std::string out;
    std::vector<std::uint32_t> path;
    for (const ui::SemNode& n : ui::semantics_nodes()) {
        while (!path.empty() && path.back() != n.parent)
            path.pop_back();
        out += std::string(path.size() * 2, ' ') + ui::role_name(n.role) + " '" + n.name + "'";
        if (!n.value.empty())
            out += " = '" + n.value + "'";
        if (n.interactive)
            out += " *";
        out += '\n';
        path.push_back(n.id);
    }
    return out;
}

} // namespace recert::test

namespace recert::test {

// The first node of the last frame with `role` and `name`, or null.
inline const ui::SemNode* find_node(ui::Role role, std::string_view name) {
    for (const ui::SemNode& n : ui::semantics_nodes())
        if (n.role == role && n.name == name)
            return &n;
    return nullptr;
}

// The first node of the last frame whose name contains `part`, or null.
inline const ui::SemNode* node_containing(std::string_view part) {
    for (const ui::SemNode& n : ui::semantics_nodes())
        if (n.name.find(part) != std::string::npos)
            return &n;
    return nullptr;
}

// A name a screen reader could not say well: empty, an "##id" left in, an icon glyph (EE/EF xx xx).
inline bool bad_name(const std::string& name) {
    if (name.empty() || name.find("##") != std::string::npos)
        return true;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        if (c == 0xEE ||
            (c == 0xEF && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) <= 0xA3))
            return true;
    }
    return false;
}

struct Counts {
    int nodes = 0, interactive = 0, named = 0;
    std::string unnamed; // "role 'name'" lines of the interactive nodes without a good name
};

inline Counts count_nodes() {
    Counts c;
    for (const ui::SemNode& n : ui::semantics_nodes()) {
        ++c.nodes;
        if (!n.interactive)
            continue;
        ++c.interactive;
        if (bad_name(n.name))
            c.unnamed += std::string(ui::role_name(n.role)) + " '" + n.name + "'\n";
        else
            ++c.named;
    }
    return c;
}

} // namespace recert::test
