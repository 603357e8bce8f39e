// The accessibility semantics tree: every frame the UI records what it draws (role, name, value,
// states, bounds) in reading order; semantics_update() turns it into the JSON diff the browser's
// DOM mirror applies (issue 15). Recording is on by default and costs one small node per item.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace recert::ui {

// [SECTION] Nodes

// clang-format off
enum class Role : std::uint8_t {
    button, link, checkbox, radio, combobox, option, textbox, tab, tablist, tabpanel, menubar, menu,
    menuitem, dialog, grid, row, columnheader, gridcell, progressbar, meter, heading, status, alert,
    text, list, listitem, banner, navigation, main, group
};
// clang-format on
enum class Tristate : std::int8_t { unset = -1, off = 0, on = 1, mixed = 2 };
enum class Sort : std::uint8_t { none, ascending, descending };
enum class Live : std::uint8_t { off, polite, assertive };

struct SemNode {
    std::uint32_t id = 0;     // the ImGui item id, or a hash of window + key + ordinal
    std::uint32_t parent = 0; // 0 = top level
    Role role = Role::text;
    std::string name, value, description;
    bool has_bounds = false;
    float x = 0, y = 0, w = 0, h = 0; // ImGui pixels, rounded to 0.5
    int level = 0;                    // heading level, 0 = unset
    Tristate checked = Tristate::unset;
    Tristate expanded = Tristate::unset;
    bool disabled = false, selected = false, required = false, invalid = false, multiline = false;
    bool modal = false;
    int row_index = 0, row_count = 0, col_index = 0; // 1-based; 0 = unset
    Sort sort = Sort::none;
    Live live = Live::off;
    bool interactive = false; // an ImGui item (id = its ImGui id): focusable and clickable
    // Scrolled out of its window (less than half of it shows): the bounds are its logical place,
    // outside the visible area. Still in the tree, so Tab and a screen reader's cursor reach it;
    // focusing it scrolls it into view (semantics_scroll_to).
    bool offscreen = false;
    friend bool operator==(const SemNode&, const SemNode&) = default;
};

const char* role_name(Role role);
// A label as spoken: no "##id" / "###id" part, no icon glyphs (Private Use Area), spaces collapsed.
std::string spoken_name(std::string_view label);

// [SECTION] The mirror's side (after a frame)

// "" when the tree equals the last one sent, else {"nodes":[...],"removed":[...],"order":[...]}
// ("order" only when the id sequence changed). A node's x and y are relative to its parent's (when
// the parent has a width), else to the canvas: a container that moves is sent alone, its children
// only when they move within it. Valid until the next call.
std::string_view semantics_update();
// The next semantics_update() is a full snapshot (all nodes, and "order").
void semantics_reset_sent();
// The node `id` of the last finished frame, or null.
const SemNode* semantics_find(std::uint32_t id);
// The last finished frame's nodes in reading order.
const std::vector<SemNode>& semantics_nodes();
// While `id` is set, every frame draws a 2-px focus ring around that node's bounds; 0 clears it.
void semantics_set_focus(std::uint32_t id);
std::uint32_t semantics_focus();
// The next frames that draw item `id` scroll its window (and the windows around it) until it is
// fully in view, as ImGui's own keyboard navigation does; 0 cancels.
void semantics_scroll_to(std::uint32_t id);

// [SECTION] Recording (the UI layer, while it draws)

// Recording is on unless turned off here (e.g. to measure its cost); off, the tree is empty.
void semantics_enable(bool on);
// Whether the next frame records the tree (default: every frame). The platform asks for it only on
// the frames whose tree the mirror will be sent; a frame that records none leaves the last recorded
// tree (semantics_find, semantics_nodes, semantics_update) as it was and still draws the focus
// ring, at the focused item's place in that frame. Item paths are recorded either way.
void semantics_record_next_frame(bool on);
// Whether the last finished frame recorded the tree.
bool semantics_last_frame_recorded();
// draw_app() brackets its frame with these; the ImGui test-engine hooks record items in between.
void semantics_begin_frame();
void semantics_end_frame();

// Annotates the last ImGui item (just submitted); null when it was not recorded (clipped).
// `name` replaces the label's name unless empty. The pointer is valid until the next record.
SemNode* sem_item(Role role, std::string_view name = {});
// The same for the item `id` (e.g. a combo whose popup opened since).
SemNode* sem_item_id(std::uint32_t id, Role role, std::string_view name = {});
// A non-interactive node with the last item's rectangle (text, heading, gauge). `key` names it
// stably within its window (default: the name) when its name changes from frame to frame.
SemNode* sem_node(Role role, std::string_view name, std::string_view key = {});
// sem_node() with the rectangle (x0, y0)-(x1, y1) instead of the last item's.
SemNode* sem_node_at(Role role, std::string_view name, std::string_view key, float x0, float y0, float x1,
                     float y1);
// Opens a container: nodes recorded until the matching sem_end() are its children. Its bounds
// are those of its children unless set.
SemNode* sem_begin(Role role, std::string_view name, std::string_view key = {});
// sem_begin() for a top-level container (a dialog, the main content), whatever is open.
SemNode* sem_begin_top(Role role, std::string_view name, std::string_view key = {});
// The node `id` recorded so far this frame, or null.
SemNode* sem_recorded(std::uint32_t id);
// Opens a table row (sem_begin() of a `row` with `row_index`) whose text is recorded as grid cells
// and whose items each sit in a grid cell, the column being ImGui's current table column.
SemNode* sem_begin_row(std::string_view key, int row_index);
// Makes the recorded item `id` (e.g. a combo, a menu) the container of what follows.
void sem_push(std::uint32_t id);
// On the frames that record the tree ImGui clips no item (items scrolled out of their window are
// recorded too, as `offscreen`), except between these: a list clipper's rows stay virtualized (the
// grid's aria-rowcount covers the rest). Not nested.
void sem_virtualized_begin();
void sem_virtualized_end();
// In a virtualized list: whether what is drawn next at the cursor (one line assumed) is wholly out
// of its window's view, so left out of the tree (wrap it in sem_hide_begin/end).
bool sem_out_of_view();
// Items drawn between these are not recorded (a list clipper's measuring row, drawn out of sight);
// the browser tests' item paths still are. Not nested.
void sem_hide_begin();
void sem_hide_end();
void sem_end();

// [SECTION] Item paths for the browser tests (src/app/test_hooks.cpp)

// Every item ImGui labelled in the last finished frame, by "WindowName/raw label" (first of a
// path wins), in submission order. Recorded only while enabled.
struct ItemPath {
    std::string path, window, label;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;                     // the item's rectangle
    float clip_x0 = 0, clip_y0 = 0, clip_x1 = 0, clip_y1 = 0; // its window's visible area
    bool disabled = false;
    std::uint32_t id = 0; // the ImGui item (its node's id); 0 for a sem_test_label() text
    // False in a frame ImGui lays its window out without drawing it: a popup opening again is
    // measured unseen for one frame, still where it was last time, and moved the next.
    bool drawn = true;
};
void semantics_record_paths(bool on);
bool semantics_recording_paths();
const std::vector<ItemPath>& semantics_item_paths();
// Records `label` as an item path (not a node) at the last item's rectangle: texts browser tests read.
void sem_test_label(const char* label);

} // namespace recert::ui
