// Tests of the per-frame input batching that keeps ImGui 1.86 from losing fast key presses.
#include "app/input_trickle.h"

#include <catch2/catch.hpp>

#include <vector>

using recert::app::frame_batch_length;
using recert::app::InputEvent;
using recert::app::InputKind;

namespace {
constexpr int key_a = 'a';
constexpr int key_b = 'b';
constexpr int key_backspace = 8;
constexpr int key_enter = 13;
constexpr int key_left = (1 << 30) | 80; // SDLK_LEFT carries SDLK_SCANCODE_MASK

// Splits a whole queue into the frames the platform would apply, returning batch sizes.
std::vector<std::size_t> frames_for(std::vector<InputEvent> queue) {
    std::vector<std::size_t> frames;
    std::span<const InputEvent> rest(queue);
    while (!rest.empty()) {
        std::size_t n = frame_batch_length(rest);
        REQUIRE(n >= 1);
        frames.push_back(n);
        rest = rest.subspan(n);
    }
    return frames;
}
} // namespace

TEST_CASE("an empty queue yields an empty batch") {
    REQUIRE(frame_batch_length({}) == 0);
}

TEST_CASE("a key released in the same frame it was pressed is held until the next frame") {
    auto frames = frames_for({{InputKind::key_down, key_backspace}, {InputKind::key_up, key_backspace}});
    REQUIRE(frames == std::vector<std::size_t>{1, 1});
}

TEST_CASE("two quick Backspace presses take four frames so both are seen") {
    auto frames = frames_for({{InputKind::key_down, key_backspace},
                              {InputKind::key_up, key_backspace},
                              {InputKind::key_down, key_backspace},
                              {InputKind::key_up, key_backspace}});
    REQUIRE(frames == std::vector<std::size_t>{1, 1, 1, 1});
}

TEST_CASE("typed text and presses of different keys share a frame") {
    auto frames = frames_for({{InputKind::key_down, key_a},
                              {InputKind::text, 0},
                              {InputKind::key_down, key_b},
                              {InputKind::text, 0}});
    REQUIRE(frames == std::vector<std::size_t>{4});
}

TEST_CASE("text typed after an editing key waits for the next frame") {
    // Backspace then "b": ImGui 1.86 inserts characters before applying editing keys within a
    // frame, so applying both together would delete the new "b" instead of the old character.
    auto frames = frames_for({{InputKind::key_down, key_backspace},
                              {InputKind::key_down, key_b},
                              {InputKind::text, 0}});
    REQUIRE(frames == std::vector<std::size_t>{2, 1});
    REQUIRE(frames_for({{InputKind::key_down, key_left}, {InputKind::text, 0}}) ==
            std::vector<std::size_t>{1, 1});
}

TEST_CASE("text typed before an editing key is applied in the same frame") {
    auto frames = frames_for({{InputKind::text, 0}, {InputKind::key_down, key_enter}});
    REQUIRE(frames == std::vector<std::size_t>{2});
}

TEST_CASE("a click's press and release share a frame but a second click waits") {
    auto frames = frames_for({{InputKind::mouse_down, 1},
                              {InputKind::mouse_up, 1},
                              {InputKind::mouse_down, 1},
                              {InputKind::mouse_up, 1}});
    REQUIRE(frames == std::vector<std::size_t>{2, 2});
}

TEST_CASE("a click after typing waits for the frame after the typed text") {
    // Typed into one field, then a click on the next within one frame: the text is applied first
    // (the key's release waits anyway, and the click goes with it).
    REQUIRE(frames_for({{InputKind::key_down, key_a},
                        {InputKind::text, 0},
                        {InputKind::key_up, key_a},
                        {InputKind::mouse_down, 1},
                        {InputKind::mouse_up, 1}}) == std::vector<std::size_t>{2, 3});
    // A text event alone (the key's release came earlier) and then a click.
    REQUIRE(frames_for({{InputKind::key_up, key_b},
                        {InputKind::text, 0},
                        {InputKind::mouse_down, 1},
                        {InputKind::mouse_up, 1}}) == std::vector<std::size_t>{2, 2});
    // Text without a key (a composed character, a paste) too.
    REQUIRE(frames_for({{InputKind::text, 0}, {InputKind::mouse_down, 1}}) == std::vector<std::size_t>{1, 1});
    // A click before typing shares the frame (the click gives the field the keyboard first).
    REQUIRE(frames_for({{InputKind::mouse_down, 1},
                        {InputKind::mouse_up, 1},
                        {InputKind::key_down, key_a},
                        {InputKind::text, 0}}) == std::vector<std::size_t>{4});
}

TEST_CASE("held-key auto-repeat does not split the batch") {
    auto frames = frames_for({{InputKind::key_down, key_backspace},
                              {InputKind::key_down, key_backspace},
                              {InputKind::other, 0}});
    REQUIRE(frames == std::vector<std::size_t>{3});
}

TEST_CASE("printable and editing keys are told apart by keycode") {
    REQUIRE_FALSE(recert::app::is_editing_key('x'));
    REQUIRE_FALSE(recert::app::is_editing_key(' '));
    REQUIRE(recert::app::is_editing_key(key_backspace));
    REQUIRE(recert::app::is_editing_key(127));
    REQUIRE(recert::app::is_editing_key(key_left));
}

TEST_CASE("while typing waits, the batch stops before the first key or text") {
    using recert::app::batch_without_keys;
    const std::vector<InputEvent> click_then_keys{{InputKind::mouse_down, 1},
                                                  {InputKind::mouse_up, 1},
                                                  {InputKind::key_down, key_a},
                                                  {InputKind::text, 0}};
    REQUIRE(batch_without_keys(click_then_keys) == 2);
    // A key first: nothing goes (a release too: it belongs with its press).
    REQUIRE(batch_without_keys(std::vector<InputEvent>{{InputKind::key_up, key_a}, {InputKind::mouse_down, 1}}) == 0);
    REQUIRE(batch_without_keys(std::vector<InputEvent>{{InputKind::text, 0}}) == 0);
    // No key at all: the whole queue; an empty one: nothing.
    REQUIRE(batch_without_keys(std::vector<InputEvent>{{InputKind::other, 0}, {InputKind::mouse_down, 1}}) == 2);
    REQUIRE(batch_without_keys(std::vector<InputEvent>{}) == 0);
}
