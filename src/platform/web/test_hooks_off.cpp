// The release build's test hooks (recert_app_release, what scripts/dist ships): they do nothing
// and export nothing, so neither the item-rectangle recording nor the state snapshots of
// test_hooks.cpp and test_state_web.cpp are in the wasm a person downloads.
#include "platform/web/test_hooks.h"

namespace recert::app {

bool test_hooks_built() { return false; }
void test_hooks_enable(bool) {}
void test_hooks_begin_frame() {}
void test_hooks_end_frame() {}
void test_state_watch(const ui::AppState*) {}
void test_frame_time(double) {}

} // namespace recert::app
