// Test hooks: with ?testhooks=1 the app records the screen rectangle of every ImGui item, by
// "window/label" path, after each drawn frame, so browser tests can click real widgets.
// Implements the ImGuiTestEngineHook_* functions that ImGui calls when built with
// IMGUI_ENABLE_TEST_ENGINE; they cost one branch per item when the hooks are off.
#pragma once

#include "ui/app_state.h"

namespace recert::app {

// Whether this build has the hooks (recert_app; recert_app_release links test_hooks_off.cpp):
// without them ?testhooks=1 changes nothing.
bool test_hooks_built();

// Turns recording on or off for the current ImGui context.
void test_hooks_enable(bool on);

// Call right after ImGui::NewFrame() and right after ImGui::Render().
void test_hooks_begin_frame();
void test_hooks_end_frame();

// test_state_web.cpp: the state window.recertTest.state() reports, and one drawn frame's CPU time
// (NewFrame to Render, ms) for window.recertTest.frameStats() and the frame-time benchmark.
void test_state_watch(const ui::AppState* state);
void test_frame_time(double ms);

} // namespace recert::app
