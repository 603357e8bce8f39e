// Input trickling: see input_trickle.h for the contract.
#include "app/input_trickle.h"

#include <algorithm>
#include <array>

namespace recert::app {
namespace {

// A tiny fixed-capacity set: a frame's batch touches a handful of keys at most; when it is
// full the batch simply ends early, which is always safe.
struct SmallSet {
    std::array<std::int32_t, 32> items{};
    std::size_t size = 0;
    bool contains(std::int32_t v) const noexcept {
        return std::find(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(size), v) !=
               items.begin() + static_cast<std::ptrdiff_t>(size);
    }
    bool insert(std::int32_t v) noexcept {
        if (contains(v)) return true;
        if (size == items.size()) return false;
        items[size++] = v;
        return true;
    }
};

} // namespace

std::size_t frame_batch_length(std::span<const InputEvent> queue) noexcept {
    SmallSet keys_down, keys_up, buttons_down, buttons_up;
    bool editing_key_pressed = false;
    bool typed = false; // a key press or text is in the batch
    std::size_t n = 0;
    for (const InputEvent& ev : queue) {
        bool fits = true;
        switch (ev.kind) {
        case InputKind::key_down:
            fits = !keys_up.contains(ev.code) && keys_down.insert(ev.code);
            if (fits && is_editing_key(ev.code)) editing_key_pressed = true;
            typed = typed || fits;
            break;
        case InputKind::key_up:
            fits = !keys_down.contains(ev.code) && keys_up.insert(ev.code);
            break;
        case InputKind::text:
            fits = !editing_key_pressed;
            typed = typed || fits;
            break;
        case InputKind::mouse_down:
            fits = !typed && !buttons_up.contains(ev.code) && buttons_down.insert(ev.code);
            break;
        case InputKind::mouse_up:
            // ImGui's SDL backend latches a press for one frame, so down+up in one frame is a
            // click; only a press after a release must wait.
            fits = buttons_up.insert(ev.code);
            break;
        case InputKind::other:
            break;
        }
        if (!fits) break;
        ++n;
    }
    return std::max<std::size_t>(n, queue.empty() ? 0 : 1);
}

std::size_t batch_without_keys(std::span<const InputEvent> queue) noexcept {
    const auto typing = [](const InputEvent& ev) { return is_typing(ev.kind); };
    return static_cast<std::size_t>(std::find_if(queue.begin(), queue.end(), typing) - queue.begin());
}

} // namespace recert::app
