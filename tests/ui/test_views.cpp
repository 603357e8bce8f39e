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
