// The semantics tree the views record (ui/semantics.h): every interactive item has a role and a
// name a screen reader can say, in every view and dialog; the update for the DOM mirror is a diff.
#include "ui_harness.h"

#include "ui/icons.h"
#include "ui/views.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

using namespace recert;
using test::UiHarness;

namespace {

// Checks the last frame: every interactive node has a good name; prints the counts for the report.
void check_named(const char* what) {
    const test::Counts c = test::count_nodes();
    std::printf("%-44s nodes %4d, interactive %3d, named %3d\n", what, c.nodes, c.interactive, c.named);
    INFO(what << ": unnamed interactive nodes:\n" << c.unnamed << "\ntree:\n" << test::dump_tree());
    CHECK(c.unnamed.empty());
    CHECK(c.interactive > 0);
    // Grids nest as ARIA requires: grid > row > gridcell | columnheader.
    for (const ui::SemNode& n : ui::semantics_nodes()) {
        const ui::SemNode* parent = n.parent ? ui::semantics_find(n.parent) : nullptr;
        INFO(ui::role_name(n.role) << " '" << n.name << "' in "
                                   << (parent ? ui::role_name(parent->role) : "-"));
        if (n.role == ui::Role::row)
            CHECK((parent && parent->role == ui::Role::grid));
        if (n.role == ui::Role::gridcell || n.role == ui::Role::columnheader) {
            CHECK((parent && parent->role == ui::Role::row));
            CHECK(n.col_index >= 1);
        }
        if (parent && parent->role == ui::Role::row)
            CHECK((n.role == ui::Role::gridcell || n.role == ui::Role::columnheader));
        if (parent && parent->role == ui::Role::grid)
            CHECK(n.role == ui::Role::row);
    }
}

core::Log many_activities(int n) {
    core::Log log = test::two_credentials();
    log.activities.clear();
    for (int i = 0; i < n; ++i) {
        char id[16], title[48];
        std::snprintf(id, sizeof id, "act%05d", i);
        std::snprintf(title, sizeof title, "Course number %d", i);
        log.activities.push_back(test::activity(id, title, i % 2 ? "2025-02-01" : "2024-05-01", "1.5"));
    }
    return log;
}

} // namespace

TEST_CASE("every interactive item of every view has a role and a name a screen reader can say") {
    for (const ImVec2 size : {ImVec2(1280, 800), ImVec2(390, 844)}) {
        UiHarness h(size.x, size.y);
        h.load(core::Log{});
        h.frames();
        check_named(size.x > 1000 ? "dashboard, empty log, 1280x800" : "dashboard, empty log, 390x844");
        h.load(test::two_credentials());
        const char* names[] = {"dashboard", "activities", "planner", "renewal", "audit", "settings"};
        for (int v = 0; v < ui::view_count; ++v) {
            h.open(static_cast<ui::View>(v));
            h.frames();
            char what[64];
            std::snprintf(what, sizeof what, "%s, two credentials, %dx%d", names[v], int(size.x),
                          int(size.y));
            check_named(what);
        }
    }
}

TEST_CASE("every dialog is a named modal dialog whose items all have names") {
    for (const test::DialogCase& c : test::dialog_cases()) {
        UiHarness d(test::two_credentials());
        c.open(d.state);
        d.frames(4);
        const ui::SemNode* dialog = test::find_node(ui::Role::dialog, c.title);
        INFO(c.title << "\n" << test::dump_tree());
        REQUIRE(dialog);
        CHECK(dialog->modal);
        CHECK(dialog->parent == 0);
        const ui::SemNode* close = test::find_node(ui::Role::button, "Close");
        REQUIRE(close);
        CHECK(close->parent == dialog->id);
        check_named((std::string("dialog ") + c.title).c_str());
    }
}

namespace {

const ui::SemNode* child_of(std::uint32_t parent, ui::Role role, std::string_view name = {}) {
    for (const ui::SemNode& n : ui::semantics_nodes())
        if (n.parent == parent && n.role == role && (name.empty() || n.name == name))
            return &n;
    return nullptr;
}

bool descends_from(const ui::SemNode* n, std::uint32_t ancestor) {
    while (n && n->parent) {
        if (n->parent == ancestor)
            return true;
        n = ui::semantics_find(n->parent);
    }
    return false;
}

nlohmann::json update_json() {
    const std::string_view u = ui::semantics_update();
    REQUIRE(!u.empty());
    return nlohmann::json::parse(u);
}

// Clicks the collapsed node `role` `name` and returns it, expanded.
const ui::SemNode* click_to_expand(UiHarness& h, ui::Role role, const char* name) {
    const ui::SemNode* n = test::find_node(role, name);
    REQUIRE(n);
    CHECK(n->expanded == ui::Tristate::off);
    h.click(n->id);
    n = test::find_node(role, name);
    REQUIRE(n);
    CHECK(n->expanded == ui::Tristate::on);
    return n;
}

} // namespace

TEST_CASE("a credential tile reads its name, cycle, status wording, days left and the gauge as a meter") {
    UiHarness h(test::two_credentials());
    const ui::SemNode* tile = test::find_node(ui::Role::group, "ACSM Certified Personal Trainer");
    REQUIRE(tile);
    const ui::SemNode* name = child_of(tile->id, ui::Role::heading, "ACSM Certified Personal Trainer");
    REQUIRE(name);
    CHECK(name->level == 3);
    const ui::SemNode* gauge = child_of(tile->id, ui::Role::meter);
    REQUIRE(gauge);
    CHECK(gauge->name == "Credits toward renewal");
    CHECK(gauge->value == "100 percent, 45 of 45 CEC");
    CHECK(gauge->has_bounds);
    CHECK(child_of(tile->id, ui::Role::text, "2024-01-01 \xe2\x80\x93 2026-12-31"));
    CHECK(child_of(tile->id, ui::Role::text, "578 days left \xc2\xb7 total 45 CEC"));
    CHECK(child_of(tile->id, ui::Role::text, "Recertification in Process"));
    CHECK(child_of(tile->id, ui::Role::button, "Edit this credential"));
    // The NSCA tile's category bars are progress bars with their figures as value text.
    const ui::SemNode* cscs =
        test::find_node(ui::Role::group, "Certified Strength and Conditioning Specialist");
    REQUIRE(cscs);
    const ui::SemNode* bar = child_of(cscs->id, ui::Role::progressbar, "A (attendance)");
    REQUIRE(bar);
    CHECK(bar->value.rfind("A (attendance): ", 0) == 0);
    CHECK(bar->value.find("max 5.5") != std::string::npos);
    CHECK(test::find_node(ui::Role::heading, "Your credentials")->level == 2);
}

TEST_CASE("the menu bar is a banner's menubar, the tab bar a tablist with the view as the main tabpanel") {
    UiHarness h(test::two_credentials());
    const ui::SemNode* banner = test::find_node(ui::Role::banner, "Recert");
    REQUIRE(banner);
    const ui::SemNode* menubar = child_of(banner->id, ui::Role::menubar);
    REQUIRE(menubar);
    for (const char* m : {"File", "Reports", "View", "Help"})
        CHECK(child_of(menubar->id, ui::Role::menuitem, m));
    const ui::SemNode* tablist = test::find_node(ui::Role::tablist, "Views");
    REQUIRE(tablist);
    CHECK(ui::semantics_find(tablist->parent)->role == ui::Role::navigation);
    int tabs = 0, selected = 0;
    for (const ui::SemNode& n : ui::semantics_nodes()) {
        if (n.role != ui::Role::tab)
            continue;
        CHECK(n.parent == tablist->id);
        ++tabs;
        if (n.selected) {
            ++selected;
            CHECK(n.name == "Dashboard");
        }
    }
    CHECK(tabs == 6);
    CHECK(selected == 1);
    const ui::SemNode* panel = test::find_node(ui::Role::tabpanel, "Dashboard");
    REQUIRE(panel);
    CHECK(ui::semantics_find(panel->parent)->role == ui::Role::main);
    CHECK(ui::semantics_find(panel->parent)->parent == 0);

    // Opening the File menu (a click on its item) shows a menu of named items under it.
    const ui::SemNode* file = click_to_expand(h, ui::Role::menuitem, "File");
    const ui::SemNode* menu = child_of(file->id, ui::Role::menu, "File");
    INFO(test::dump_tree());
    REQUIRE(menu);
    CHECK(child_of(menu->id, ui::Role::menuitem, "Export backup (ZIP)"));
    CHECK(child_of(menu->id, ui::Role::menuitem, "Restore backup\xe2\x80\xa6"));
    check_named("File menu open");
}

TEST_CASE("the Activities table is a grid of the full filtered count that records only the drawn rows") {
    UiHarness h;
    h.load(many_activities(10000));
    h.open(ui::View::activities);
    h.frames();
    const ui::SemNode* grid = test::find_node(ui::Role::grid, "Activities");
    REQUIRE(grid);
    CHECK(grid->row_count == 10001); // ARIA counts the header row: it is row 1, the activities 2..10001
    int rows = 0, headers = 0, first_index = 0, last_index = 0;
    for (const ui::SemNode& n : ui::semantics_nodes()) {
        if (n.role == ui::Role::columnheader) {
            ++headers;
            CHECK(n.col_index >= 1);
        }
        if (n.role != ui::Role::row || n.row_index == 0)
            continue;
        CHECK(n.parent == grid->id);
        if (n.row_index == 1) { // the header row
            CHECK(n.name == "Columns");
            continue;
        }
        if (!rows)
            first_index = n.row_index;
        else
            CHECK(n.row_index == last_index + 1);
        last_index = n.row_index;
        ++rows;
        const ui::SemNode* course = child_of(n.id, ui::Role::gridcell, n.name);
        REQUIRE(course);
        CHECK(course->interactive);
        CHECK(course->col_index == 4);
    }
    const ui::SemNode* sorted = test::find_node(ui::Role::columnheader, "Date earned");
    REQUIRE(sorted);
    CHECK(sorted->sort == ui::Sort::descending);
    CHECK(headers == 10);
    CHECK(first_index == 2);
    CHECK(rows > 5);
    CHECK(rows <= 60);
    const test::Counts c = test::count_nodes();
    std::printf("%-44s nodes %4d, interactive %3d, named %3d, rows %d\n", "activities, 10,000 activities",
                c.nodes, c.interactive, c.named, rows);
    CHECK(c.nodes < 1000);
    CHECK(c.unnamed.empty());

    // Scrolled down, the drawn rows carry their place in the whole list.
    ImGui::GetIO().MousePos = ImVec2(grid->x + grid->w * 0.5f, grid->y + grid->h * 0.5f);
    h.frame();
    for (int i = 0; i < 10; ++i) {
        ImGui::GetIO().MouseWheel = -20.0f;
        h.frame();
    }
    h.frames();
    int first_after = 0, rows_after = 0;
    for (const ui::SemNode& n : ui::semantics_nodes()) {
        if (n.role != ui::Role::row || n.row_index < 2)
            continue;
        if (!first_after)
            first_after = n.row_index;
        else
            CHECK(n.row_index == first_after + rows_after);
        ++rows_after;
    }
    CHECK(first_after > 2);
    CHECK(rows_after > 5);
    CHECK(test::find_node(ui::Role::grid, "Activities")->row_count == 10001);
}

TEST_CASE("the update is empty on an unchanged frame and a full snapshot after a reset") {
    UiHarness h(test::two_credentials());
    const nlohmann::json first = update_json();
    CHECK(first["nodes"].size() == ui::semantics_nodes().size());
    CHECK(first["removed"].empty());
    REQUIRE(first.contains("order"));
    CHECK(first["order"].size() == ui::semantics_nodes().size());
    CHECK(first["order"][0] == ui::semantics_nodes()[0].id);
    h.frame();
    CHECK(ui::semantics_update().empty());
    h.frame();
    CHECK(ui::semantics_update().empty());
    ui::semantics_reset_sent();
    const nlohmann::json again = update_json();
    CHECK(again["nodes"].size() == ui::semantics_nodes().size());
    CHECK(again.contains("order"));
}

TEST_CASE("a changed value sends only that node, with all its fields") {
    UiHarness h;
    h.load(test::two_credentials());
    h.open(ui::View::planner);
    h.frames();
    (void)ui::semantics_update();
    h.state.what_if_title = "Kettlebell \"basics\"";
    h.frame();
    const nlohmann::json u = update_json();
    INFO(u.dump());
    REQUIRE(u["nodes"].size() == 1);
    const nlohmann::json& n = u["nodes"][0];
    CHECK(n["role"] == "textbox");
    CHECK(n["name"] == "Course");
    CHECK(n["value"] == "Kettlebell \"basics\"");
    CHECK(n.contains("x"));
    CHECK(n.contains("parent"));
    CHECK(u["removed"].empty());
    CHECK(!u.contains("order"));
    h.frame();
    CHECK(ui::semantics_update().empty());
}

TEST_CASE("ids gone since the last update are reported as removed, and the order is resent") {
    UiHarness h(test::two_credentials());
    (void)ui::semantics_update();
    const ui::SemNode* cscs =
        test::find_node(ui::Role::group, "Certified Strength and Conditioning Specialist");
    REQUIRE(cscs);
    const std::uint32_t gone = cscs->id;
    const std::uint32_t kept = test::find_node(ui::Role::group, "ACSM Certified Personal Trainer")->id;
    core::Log log = test::two_credentials();
    log.credentials.pop_back();
    h.load(log);
    h.frames();
    const nlohmann::json u = update_json();
    const auto& removed = u["removed"];
    CHECK(std::find(removed.begin(), removed.end(), gone) != removed.end());
    CHECK(std::find(removed.begin(), removed.end(), kept) == removed.end());
    REQUIRE(u.contains("order"));
    CHECK(std::find(u["order"].begin(), u["order"].end(), gone) == u["order"].end());
    CHECK(ui::semantics_find(gone) == nullptr);
}

TEST_CASE("a node's JSON carries only the keys that are set, bounds in half pixels") {
    UiHarness h;
    h.load(test::two_credentials());
    h.open(ui::View::settings);
    h.frames();
    const nlohmann::json u = update_json();
    const auto node = [&](const char* role, const char* name) {
        for (const nlohmann::json& n : u["nodes"])
            if (n["role"] == role && n["name"] == name)
                return n;
        FAIL("no " << role << " " << name);
        return nlohmann::json();
    };
    const nlohmann::json light = node("radio", "Light"), dark = node("radio", "Dark");
    CHECK(light["checked"] == true);
    CHECK(dark["checked"] == false);
    const nlohmann::json button = node("button", "Export backup (ZIP)");
    for (const char* key : {"value", "desc", "checked", "expanded", "selected", "level", "rowIndex", "live"})
        CHECK(!button.contains(key));
    for (const char* key : {"x", "y", "w", "h"}) {
        REQUIRE(button.contains(key));
        const double v = button[key].get<double>();
        CHECK(v * 2 == std::floor(v * 2));
    }
    CHECK(button["w"].get<double>() > 0);
    CHECK(node("heading", "Settings")["level"] == 2);
}

TEST_CASE("text fields carry their label, value, required flag and error text") {
    UiHarness h(test::two_credentials());
    ui::open_renewal_form(h.state, "cred-cpt");
    h.state.renewal_form.renewed_on = "soon";
    h.frames(4);
    const ui::SemNode* date = test::find_node(ui::Role::textbox, "Renewed on");
    REQUIRE(date);
    CHECK(date->value == "soon");
    CHECK(date->required);
    CHECK(date->invalid);
    CHECK(date->description == "Enter a date like YYYY-MM-DD.");
    const ui::SemNode* amount = test::find_node(ui::Role::textbox, "Amount paid (USD)");
    REQUIRE(amount);
    CHECK(amount->value == "60.00");
    CHECK(!amount->invalid);
    CHECK(amount->description.empty());
    CHECK(descends_from(amount, test::find_node(ui::Role::dialog, "Record renewal")->id));
    const ui::SemNode* save = test::find_node(ui::Role::button, "Record renewal");
    REQUIRE(save);
    CHECK(save->disabled); // not while the date is wrong
    CHECK(!test::find_node(ui::Role::button, "Cancel")->disabled);
}

TEST_CASE("toasts are a polite status and errors an assertive alert") {
    UiHarness h(test::two_credentials());
    ui::notify(h.state, "Activity saved");
    ui::notify(h.state, "Could not save: storage is full", true);
    h.frames();
    const ui::SemNode* status = test::find_node(ui::Role::status, "Activity saved");
    REQUIRE(status);
    CHECK(status->live == ui::Live::polite);
    const ui::SemNode* alert = test::find_node(ui::Role::alert, "Could not save: storage is full");
    REQUIRE(alert);
    CHECK(alert->live == ui::Live::assertive);
    const std::string u(ui::semantics_update());
    CHECK(u.find("\"live\":\"polite\"") != std::string::npos);
    CHECK(u.find("\"live\":\"assertive\"") != std::string::npos);
}

TEST_CASE("the focus ring outlines the focused node in a colour with 3:1 contrast in both themes") {
    for (const ui::Theme theme : {ui::Theme::light, ui::Theme::dark}) {
        UiHarness h(1280, 800, theme);
        h.load(test::two_credentials());
        h.frames();
        const ImVec4 ring = ui::palette().focus_ring;
        for (const ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_ChildBg, ImGuiCol_PopupBg, ImGuiCol_MenuBarBg,
                                  ImGuiCol_FrameBg, ImGuiCol_Button})
            CHECK(ui::contrast_ratio(ring, ImGui::GetStyle().Colors[bg]) >= 3.0);
        CHECK(ui::contrast_ratio(ring, ui::palette().card_bg) >= 3.0);

        const auto ring_vertices = [] { return ImGui::GetForegroundDrawList()->VtxBuffer.Size; };
        CHECK(ring_vertices() == 0);
        const ui::SemNode* add = test::find_node(ui::Role::button, "Add credential");
        REQUIRE(add);
        ui::semantics_set_focus(add->id);
        h.frame();
        CHECK(ring_vertices() > 0);
        const ImDrawVert* v = ImGui::GetForegroundDrawList()->VtxBuffer.Data;
        CHECK(v[0].col == ImGui::ColorConvertFloat4ToU32(ring));
        ui::semantics_set_focus(0);
        h.frame();
        CHECK(ring_vertices() == 0);
    }
}

TEST_CASE("item paths for the browser tests are recorded only when asked, as window/raw label") {
    UiHarness h(test::two_credentials());
    CHECK(ui::semantics_item_paths().empty());
    ui::semantics_record_paths(true);
    h.frame();
    ui::semantics_record_paths(false);
    bool found = false;
    for (const ui::ItemPath& p : ui::semantics_item_paths()) {
        if (p.label != ICON_PLUS " Add credential")
            continue;
        found = true;
        CHECK(p.window.rfind("Recert/view_", 0) == 0);
        CHECK(p.path == p.window + "/" + p.label);
        CHECK(p.x1 > p.x0);
        CHECK(!p.disabled);
    }
    CHECK(found);
}

TEST_CASE("an open combo box lists its options under it, the current one selected") {
    UiHarness h(test::two_credentials());
    h.open(ui::View::activities);
    h.frames();
    const ui::SemNode* year = click_to_expand(h, ui::Role::combobox, "Year");
    CHECK(year->value == "All years");
    const ui::SemNode* all = child_of(year->id, ui::Role::option, "All years");
    const ui::SemNode* y2025 = child_of(year->id, ui::Role::option, "2025");
    INFO(test::dump_tree());
    REQUIRE(all);
    REQUIRE(y2025);
    CHECK(all->selected);
    CHECK(!y2025->selected);
    CHECK(y2025->interactive);
}

TEST_CASE("turned off, the tree is empty while the browser tests' item paths still record") {
    UiHarness h(many_activities(10000));
    h.open(ui::View::activities);
    h.frames();
    (void)ui::semantics_update();
    // The least time of a frame (and an update) over blocks of 50, with and without recording alternating.
    const auto time_frames = [&](bool on) {
        ui::semantics_enable(on);
        h.frames();
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < 50; ++i) {
            h.frame();
            (void)ui::semantics_update();
        }
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() /
               50;
    };
    double on_ms = 1e9, off_ms = 1e9;
    for (int block = 0; block < 6; ++block) {
        on_ms = std::min(on_ms, time_frames(true));
        off_ms = std::min(off_ms, time_frames(false));
    }
    std::printf("frame with 10,000 activities: %.3f ms with semantics, %.3f ms without (x%.2f)\n", on_ms,
                off_ms, on_ms / off_ms);
    ui::semantics_enable(true);
    h.frame();
    (void)ui::semantics_update();
    ui::semantics_enable(false);
    h.frame();
    CHECK(ui::semantics_nodes().empty());
    const nlohmann::json u = update_json(); // everything the mirror had is removed
    CHECK(!u["removed"].empty());
    CHECK(u["nodes"].empty());
    ui::semantics_record_paths(true);
    h.frame();
    CHECK(!ui::semantics_item_paths().empty());
    CHECK(ui::semantics_nodes().empty());
    ui::semantics_record_paths(false);
    ui::semantics_enable(true);
    h.frame();
    CHECK(test::find_node(ui::Role::grid, "Activities"));
}

TEST_CASE("data tables are grids of column headers and numbered rows whose items sit in cells") {
    UiHarness h(test::two_credentials());
    h.state.cart = {"cred-cpt"};
    h.open(ui::View::renewal);
    h.frames();
    check_named("renewal, one credential in the cart");
    const ui::SemNode* cart = test::find_node(ui::Role::grid, "Renewal cart");
    INFO(test::dump_tree());
    REQUIRE(cart);
    CHECK(cart->row_count >= 1);
    int headers = 0, rows = 0;
    for (const ui::SemNode& n : ui::semantics_nodes()) {
        const ui::SemNode* row = n.parent ? ui::semantics_find(n.parent) : nullptr;
        if (!row || !row->parent || row->parent != cart->id)
            continue;
        if (n.role == ui::Role::columnheader)
            ++headers;
    }
    for (const ui::SemNode& n : ui::semantics_nodes())
        if (n.role == ui::Role::row && n.parent == cart->id && n.row_index)
            CHECK(n.row_index == ++rows);
    CHECK(headers == 5);
    CHECK(rows == cart->row_count);
    CHECK(test::find_node(ui::Role::columnheader, "Unit Price"));
    CHECK(test::find_node(ui::Role::columnheader, "Actions")); // the "##remove" column

    h.open(ui::View::audit);
    h.frames();
    const ui::SemNode* fix = test::find_node(ui::Role::button, "Fix\xe2\x80\xa6");
    REQUIRE(fix);
    const ui::SemNode* cell = ui::semantics_find(fix->parent);
    REQUIRE(cell);
    CHECK(cell->role == ui::Role::gridcell);
    CHECK(cell->col_index == 3);
    CHECK(ui::semantics_find(cell->parent)->row_index >= 1);
}

TEST_CASE("a frame that records no tree keeps the last one for the mirror and still draws the focus ring") {
    UiHarness h(test::two_credentials());
    (void)ui::semantics_update();
    const std::vector<ui::SemNode> before = ui::semantics_nodes();
    const ui::SemNode* button = nullptr;
    for (const ui::SemNode& n : before)
        if (n.interactive && n.role == ui::Role::button && n.has_bounds) button = &n;
    REQUIRE(button);
    const std::uint32_t focused = button->id;
    const auto foreground_vertices = [&](std::uint32_t focus) {
        ui::semantics_set_focus(focus);
        ui::semantics_record_next_frame(false);
        h.frame();
        CHECK_FALSE(ui::semantics_last_frame_recorded());
        return ImGui::GetForegroundDrawList()->VtxBuffer.Size;
    };
    CHECK(foreground_vertices(0) == 0);
    CHECK(foreground_vertices(focused) > 0); // the ring, at the item's place in this frame
    CHECK(ui::semantics_nodes() == before);  // the last recorded tree stays
    CHECK(ui::semantics_update().empty());   // nothing new for the mirror
    ui::semantics_set_focus(0);
    h.open(ui::View::settings); // a change, then a frame that records (the default)
    h.frames(2);
    CHECK(ui::semantics_last_frame_recorded());
    CHECK_FALSE(ui::semantics_update().empty());
}

TEST_CASE("items scrolled out of their window are recorded at their place, and focusing one scrolls it into view") {
    UiHarness h(1280.0f, 500.0f);
    h.load(test::two_credentials());
    h.open(ui::View::settings);
    h.frames();
    // At 1280x500 the profile (last in Settings) is below the fold: ImGui clips it, the tree keeps it.
    const ui::SemNode* name = test::find_node(ui::Role::textbox, "Your name");
    REQUIRE(name);
    CHECK(name->interactive);
    CHECK(name->offscreen);
    CHECK(name->y >= 500.0f); // its logical place, below the window's edge
    const ui::SemNode* save = test::find_node(ui::Role::button, "Save profile");
    REQUIRE(save);
    CHECK(save->offscreen);
    const ui::SemNode* theme = test::find_node(ui::Role::radio, "Light");
    REQUIRE(theme);
    CHECK_FALSE(theme->offscreen);
    const std::uint32_t id = name->id;
    const test::Counts c = test::count_nodes();
    CHECK(c.unnamed.empty());

    // A frame that records no tree clips as ImGui does; the next one that records has them again.
    ui::semantics_record_next_frame(false);
    h.frame();
    h.frame();
    REQUIRE(ui::semantics_find(id));
    CHECK(ui::semantics_find(id)->offscreen);

    ui::semantics_scroll_to(id);
    h.frames(4);
    const ui::SemNode* shown = ui::semantics_find(id);
    REQUIRE(shown);
    CHECK_FALSE(shown->offscreen);
    CHECK(shown->y + shown->h <= 500.0f);
}

TEST_CASE("long lists of activities stay a screenful in the tree however large the log (audit view, packet dialog)") {
    core::Log log = test::two_credentials();
    log.activities.clear();
    for (int i = 0; i < 3000; ++i) // counted, none with a certificate: every one is listed as missing proof
        log.activities.push_back(test::activity("a" + std::to_string(i), "Course " + std::to_string(i), "2025-02-01", "1"));
    UiHarness h(1280.0f, 800.0f);
    h.load(log, "2025-03-11");
    h.open(ui::View::audit);
    h.frames();
    std::size_t fix = 0;
    for (const ui::SemNode& n : ui::semantics_nodes()) fix += n.role == ui::Role::button && n.name == "Fix…";
    CHECK(fix > 0);
    CHECK(fix < 40); // the rows the table shows, not 3,000
    CHECK(ui::semantics_nodes().size() < 600);

    h.state.reports.packet.open = true;
    h.frames(4);
    CHECK(ui::semantics_nodes().size() < 600);
}

TEST_CASE("a dialog's items are not reported on screen in the frame it is laid out unseen as it reappears") {
    // ImGui hides a popup for one frame when it opens again, to measure it; it stays where it was
    // last time until the next frame centres it. A browser test clicking there would miss.
    UiHarness h(test::two_credentials());
    const auto close_button = [] {
        for (const ui::ItemPath& p : ui::semantics_item_paths())
            if (p.path == "Restore backup/Close") return std::optional<ui::ItemPath>(p);
        return std::optional<ui::ItemPath>();
    };
    ui::semantics_record_paths(true);
    ui::RestoreDialog refused;
    refused.stage = ui::RestoreDialog::Stage::summary;
    refused.error = "notes.json: invalid JSON at byte 25: the text ends in the middle of a value; "
                    "the file may have been cut short while it was copied, or it is not a Recert backup at all";
    h.state.restore = refused;
    h.frames(4);
    REQUIRE(close_button());
    const float long_error_y = close_button()->y0;
    h.state.restore = {};
    h.frames(2);
    CHECK(!close_button());
    refused.error = "photo.zip: invalid JSON at byte 1";
    h.state.restore = refused;
    std::vector<ui::ItemPath> seen;
    for (int i = 0; i < 4; ++i) {
        h.frame();
        REQUIRE(close_button());
        seen.push_back(*close_button());
    }
    ui::semantics_record_paths(false);
    const ui::ItemPath& settled = seen.back();
    CHECK(settled.y0 != long_error_y); // a shorter dialog, centred anew
    CHECK(!seen.front().drawn);        // the unseen frame
    for (const ui::ItemPath& p : seen) {
        if (!p.drawn) continue;
        CHECK(p.x0 == settled.x0);
        CHECK(p.y0 == settled.y0);
    }
    CHECK(settled.drawn);
}

TEST_CASE("the Audit view lists counted activities without proof, and shows no empty table when there are none") {
    core::Log log = test::two_credentials();
    UiHarness h(1280.0f, 800.0f);
    h.load(log, "2025-03-11");
    h.open(ui::View::audit);
    h.frames();
    const ui::SemNode* table = test::find_node(ui::Role::grid, "Missing evidence");
    REQUIRE(table); // the test log has activities without one
    // A few rows: the table is as tall as they are, not a fixed box with empty space under them, so
    // the summary line under it comes right after them.
    const ui::SemNode* summary_line = test::node_containing(" without a certificate, ");
    REQUIRE(summary_line);
    REQUIRE(table->has_bounds);
    CHECK(summary_line->y - table->y < 320.0f);
    // The summary counts what the table lists, and follows the data when it changes.
    const auto summary = [&h] {
        int no_certificate = 0, no_provider = 0;
        const ui::DataView& d = h.state.data;
        for (std::size_t a = 0; a < d.log.activities.size(); ++a) {
            bool counted = false;
            for (std::size_t c = 0; c < d.log.credentials.size(); ++c)
                counted = counted || d.evaluation.at(c, a).applied > core::Credits();
            if (!counted) continue;
            no_certificate += d.log.activities[a].evidence.empty();
            no_provider += d.log.activities[a].provider.empty();
        }
        return std::to_string(no_certificate) + " without a certificate, " + std::to_string(no_provider) +
               " without a provider name.";
    };
    const std::string before = summary();
    CHECK(test::node_containing(before));
    for (core::Activity& a : log.activities)
        if (a.evidence.empty()) {
            a.evidence = {core::EvidenceRef{std::string(64, 'f'), "one.pdf", "application/pdf"}};
            break;
        }
    h.load(log, "2025-03-11");
    h.frames();
    CHECK(summary() != before);
    CHECK(test::node_containing(summary()));
    for (core::Activity& a : log.activities) {
        a.evidence = {core::EvidenceRef{std::string(64, 'e'), "certificate.pdf", "application/pdf"}};
        a.provider = "ACSM";
    }
    h.load(log, "2025-03-11");
    h.frames();
    CHECK_FALSE(test::find_node(ui::Role::grid, "Missing evidence"));
    CHECK(test::node_containing("Every counted activity has a certificate and its details."));
}
