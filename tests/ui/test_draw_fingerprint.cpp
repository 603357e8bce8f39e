// ui::draw_fingerprint (issue #19): the platform leaves the canvas alone when a frame's fingerprint
// matches the frame on screen, so equal pictures must give equal fingerprints and any change the
// renderer would draw must give another.
#include "ui_harness.h"

#include "ui/draw_fingerprint.h"

#include <catch2/catch.hpp>

using namespace recert;

namespace {

std::uint64_t fingerprint() { return ui::draw_fingerprint(*ImGui::GetDrawData()); }

// The draw list of the last frame holding the most vertices (the dashboard's window).
ImDrawList& largest_list() {
    ImDrawData& d = *ImGui::GetDrawData();
    REQUIRE(d.CmdListsCount > 0);
    ImDrawList* best = d.CmdLists[0];
    for (int i = 1; i < d.CmdListsCount; ++i)
        if (d.CmdLists[i]->VtxBuffer.Size > best->VtxBuffer.Size) best = d.CmdLists[i];
    REQUIRE(best->VtxBuffer.Size > 0);
    return *best;
}

} // namespace

TEST_CASE("A settled frame has the fingerprint of the frame before it", "[fingerprint]") {
    test::UiHarness h(test::two_credentials());
    h.frame();
    const std::uint64_t settled = fingerprint();
    h.frame();
    CHECK(fingerprint() == settled);
    h.frames(5);
    CHECK(fingerprint() == settled);
}

TEST_CASE("What the person sees change changes the fingerprint", "[fingerprint]") {
    test::UiHarness h(test::two_credentials());
    h.frame();
    const std::uint64_t dashboard = fingerprint();

    SECTION("another view") {
        h.open(ui::View::activities);
        h.frames();
        const std::uint64_t activities = fingerprint();
        CHECK(activities != dashboard);
        h.frame();
        CHECK(fingerprint() == activities); // and it settles again
    }
    SECTION("a hovered button") {
        const ui::SemNode* add = test::node_containing("Add activity");
        REQUIRE(add);
        ImGui::GetIO().MousePos = ImVec2(add->x + add->w * 0.5f, add->y + add->h * 0.5f);
        h.frames();
        CHECK(fingerprint() != dashboard);
    }
    SECTION("a record added") {
        core::Log log = test::two_credentials();
        log.activities.push_back(test::activity("a4", "Nutrition for recovery", "2025-05-01", "2"));
        h.load(std::move(log));
        h.frames();
        CHECK(fingerprint() != dashboard);
    }
    SECTION("the window's size") {
        ImGui::GetIO().DisplaySize = ImVec2(390.0f, 844.0f);
        h.frames();
        CHECK(fingerprint() != dashboard);
    }
}

TEST_CASE("Each part of a draw command the renderer reads is in the fingerprint", "[fingerprint]") {
    test::UiHarness h(test::two_credentials());
    h.frame();
    const std::uint64_t before = fingerprint();
    ImDrawList& list = largest_list();
    ImDrawCmd& cmd = list.CmdBuffer[0];

    SECTION("one vertex's colour") {
        list.VtxBuffer[list.VtxBuffer.Size / 2].col ^= 0x00000100u;
    }
    SECTION("one vertex's position") {
        list.VtxBuffer[0].pos.x += 1.0f;
    }
    SECTION("one vertex's texture coordinate") {
        list.VtxBuffer[list.VtxBuffer.Size - 1].uv.y += 0.001f;
    }
    SECTION("one index") {
        REQUIRE(list.IdxBuffer.Size > 3);
        std::swap(list.IdxBuffer[0], list.IdxBuffer[1]);
    }
    SECTION("the clip rectangle") {
        cmd.ClipRect.z -= 1.0f;
    }
    SECTION("the texture") {
        cmd.TextureId = reinterpret_cast<ImTextureID>(reinterpret_cast<std::intptr_t>(cmd.TextureId) + 1);
    }
    SECTION("the element count") {
        REQUIRE(cmd.ElemCount >= 3);
        cmd.ElemCount -= 3;
    }
    SECTION("the framebuffer scale (devicePixelRatio)") {
        ImGui::GetDrawData()->FramebufferScale = ImVec2(2.0f, 2.0f);
    }
    CHECK(fingerprint() != before);
}
