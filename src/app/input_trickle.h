// Input trickling for Dear ImGui 1.86, which has no input queue: a key pressed and released
// within one frame would be lost. The platform layer keeps raw events in a queue and applies,
// each frame, only the longest prefix that ImGui can observe without losing anything.
// Pure C++ (no SDL): the platform maps its events to InputEvent; tested natively.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace recert::app {

enum class InputKind : std::uint8_t { key_down, key_up, text, mouse_down, mouse_up, other };

struct InputEvent {
    InputKind kind = InputKind::other;
    std::int32_t code = 0; // key code (SDL keycode) or mouse button; unused for text/other
};

// True for keys that edit or navigate text (Backspace, Enter, arrows, Delete, Tab, ...), i.e.
// anything that is not a printable character. SDL keycodes of printable keys are their ASCII
// code (32..126); the others are below 32, 127 (Delete) or carry SDLK_SCANCODE_MASK (1 << 30).
constexpr bool is_editing_key(std::int32_t keycode) noexcept { return keycode < 32 || keycode >= 127; }

// How many events from the front of `queue` may be applied in one frame. Promises:
//  - at least 1 when the queue is not empty (progress is always made), 0 when it is empty;
//  - the batch never holds a key's down and then up (or up and then down again), nor a mouse
//    button's up and then down again (a second click), so every press is seen for >= 1 frame;
//  - text typed after an editing key (e.g. Backspace then "b") waits for the next frame,
//    because ImGui 1.86 applies typed characters before editing keys within a frame;
//  - a mouse press after a key press or text waits for the next frame: the field that has the
//    keyboard takes what was typed before the click gives the keyboard to another (in one frame
//    the click deactivated the field first, and the last characters went to the next one).
std::size_t frame_batch_length(std::span<const InputEvent> queue) noexcept;

// A key press or release, or text: what is typed.
constexpr bool is_typing(InputKind kind) noexcept {
    return kind == InputKind::key_down || kind == InputKind::key_up || kind == InputKind::text;
}

// How many events from the front of `queue` come before its first key or text event (0 when one
// is first): the batch while typing must wait for something else (a field that is not active yet).
std::size_t batch_without_keys(std::span<const InputEvent> queue) noexcept;

} // namespace recert::app
