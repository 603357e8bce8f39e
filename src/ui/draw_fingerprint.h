// A frame's picture as one number (issue #19). ImGui is drawn every frame the loop runs: a frame
// after input (hover, ImGui's short animations) or after background work (a window settling over
// its first frames) often puts out exactly the draw lists of the frame before. Drawing them again
// costs the GPU, and without one a full read-back of the canvas (30-70 ms a frame in headless
// Chromium). The platform compares this fingerprint with the frame on screen and leaves the canvas
// alone when they match.
#pragma once

#include <cstdint>

struct ImDrawData;

namespace recert::ui {

// Covers everything the renderer reads from `d`: the display rectangle and scale, and every draw
// list's vertices, indices and commands (clip rectangle, texture, offsets, count, callback). Two
// frames with the same fingerprint draw the same pixels, provided their textures hold the same
// images (the caller adds a count of texture uploads to its comparison).
std::uint64_t draw_fingerprint(const ImDrawData& d);

} // namespace recert::ui
