// Every view and dialog draws headless from a test AppState at the desktop and phone sizes.
#include "ui_harness.h"

using namespace recert;
using test::UiHarness;

TEST_CASE("every view draws at 1280x800 and 390x844 with and without records") {
    for (const ImVec2 size : {ImVec2(1280, 800), ImVec2(390, 844)}) {
        for (const bool empty : {true, false}) {
            UiHarness h(size.x, size.y);
            h.load(empty ? core::Log{} : test::two_credentials());
            for (int v = 0; v < ui::view_count; ++v) {
                h.open(static_cast<ui::View>(v));
                h.frames();
                CHECK(h.state.view == static_cast<ui::View>(v));
            }
        }
    }
}

TEST_CASE("the frame that first shows the tab bar is reported unsettled, and the next one has the tabs") {
    UiHarness h;
    h.frames();
    CHECK_FALSE(ui::frame_unsettled()); // the loading view has no tab bar
    h.load(test::two_credentials());
    // ImGui 1.86 lays the new tabs out without drawing them (the view under them is drawn).
    h.frame();
    CHECK(ui::frame_unsettled());
    const ui::SemNode* tab = test::find_node(ui::Role::tab, "Dashboard");
    CHECK((tab == nullptr || tab->w == 0));
    // The next frame is whole: the tabs are drawn over the dashboard.
    h.frame();
    CHECK_FALSE(ui::frame_unsettled());
    tab = test::find_node(ui::Role::tab, "Dashboard");
    REQUIRE(tab);
    CHECK(tab->w > 0);
    // Switching views adds no tab: no frame is held back.
    h.open(ui::View::activities);
    h.frame();
    CHECK_FALSE(ui::frame_unsettled());
}
