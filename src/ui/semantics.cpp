// The semantics tree (semantics.h): ImGui's test-engine hooks record every labelled item, the UI's
// helpers add roles, names and non-interactive nodes; at the end of a frame the tree is put in
// reading order, and semantics_update() diffs it against what the mirror was last sent.
#include "ui/semantics.h"

#include "ui/theme.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

namespace recert::ui {

// spoken_name() into `out`, reusing its memory.
void spoken_name_into(std::string& out, std::string_view label);

namespace {

bool is_icon(std::string_view s, std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    // Icon glyphs: the Private Use Area U+E000..U+F8FF is UTF-8 EE xx xx and EF 80..A3 xx.
    return i + 2 < s.size() && (c == 0xEE || (c == 0xEF && static_cast<unsigned char>(s[i + 1]) <= 0xA3));
}

// Whether `label` has anything to say besides "##id", icons and spaces.
bool says_something(std::string_view label) {
    if (auto hash = label.find("##"); hash != std::string_view::npos)
        label = label.substr(0, hash);
    for (std::size_t i = 0; i < label.size();) {
        if (is_icon(label, i)) {
            i += 3;
            continue;
        }
        if (label[i] != ' ' && label[i] != '\t' && label[i] != '\n')
            return true;
        ++i;
    }
    return false;
}

// [SECTION] Recorder state

struct Pending {
    ImRect bb, clip;
};

// id -> int: an open-addressing hash table that keeps its memory from frame to frame (a few
// hundred entries a frame, no allocation once warm).
struct IdMap {
    std::vector<std::pair<ImGuiID, int>> slots = std::vector<std::pair<ImGuiID, int>>(1024);
    std::size_t used = 0;

    static ImGuiID key(ImGuiID id) { return id ? id : 0x9E3779B9u; } // 0 marks a free slot
    std::size_t probe(ImGuiID k) const {
        const std::size_t mask = slots.size() - 1;
        std::size_t i = (k * 2654435761u) & mask;
        while (slots[i].first && slots[i].first != k)
            i = (i + 1) & mask;
        return i;
    }
    void clear() {
        if (used)
            std::fill(slots.begin(), slots.end(), std::pair<ImGuiID, int>{0, 0});
        used = 0;
    }
    int find(ImGuiID id) const {
        const auto& s = slots[probe(key(id))];
        return s.first ? s.second : -1;
    }
    int& at(ImGuiID id) { // 0 when new
        if ((used + 1) * 2 > slots.size()) {
            std::vector<std::pair<ImGuiID, int>> old(slots.size() * 2);
            old.swap(slots);
            used = 0;
            for (const auto& e : old)
                if (e.first)
                    at(e.first) = e.second;
        }
        auto& s = slots[probe(key(id))];
        if (!s.first) {
            s = {key(id), 0};
            ++used;
        }
        return s.second;
    }
    void set(ImGuiID id, int value) { at(id) = value; }
};

struct Recorder {
    bool enabled = true;    // semantics_enable()
    bool record_next = true; // semantics_record_next_frame()
    bool sampled = false;   // this (or the last finished) frame records (recorded) the tree
    bool in_frame = false;  // between semantics_begin_frame() and semantics_end_frame()
    bool recording = false; // in a frame and enabled
    bool focus_seen = false; // a frame without a tree: where the focused item was drawn
    ImRect focus_rect, focus_clip;
    bool hidden_was_recording = false; // sem_hide_begin() saved `recording` here
    bool virtualized = false;               // between sem_virtualized_begin() and _end()
    std::uint32_t scroll_to = 0;            // semantics_scroll_to()
    int scroll_frames = 0;                  // frames left to try it
    // This frame.
    // Creation order, parents before children: the first `count` (the rest keep their strings'
    // memory for the next frames).
    std::vector<SemNode> nodes;
    std::size_t count = 0;
    IdMap index;                  // id -> position in nodes
    std::vector<Pending> pending; // ItemAdd rectangles, by pending_index
    IdMap pending_index;
    IdMap ordinals;
    std::vector<std::uint32_t> stack;     // open containers
    std::vector<std::uint32_t> cell_rows; // rows of sem_begin_row(): their items sit in grid cells
    std::size_t unlabelled = SIZE_MAX;    // last node made from an item labelled "" (a menu's Selectable)
    // An item that reported its label before adding itself (1.86's tab items): recorded at its ItemAdd.
    ImGuiID deferred = 0;
    std::string deferred_label;
    ImGuiItemStatusFlags deferred_flags = 0;
    // The last finished frame.
    std::vector<SemNode> published; // reading order
    IdMap published_index;
    // finish_tree()'s scratch, kept for its memory.
    std::vector<ImRect> span;
    std::vector<std::size_t> last_child, prev_sibling, todo;
    // What the mirror was last sent.
    std::unordered_map<std::uint32_t, SemNode> sent;
    std::vector<std::uint32_t> sent_order;
    std::string update;
    std::uint32_t focus = 0;
    // Item paths for the browser tests.
    bool record_paths = false;
    std::vector<ItemPath> paths, published_paths;
    std::unordered_set<std::string> path_set;
};

Recorder& rec() {
    static Recorder r;
    return r;
}

float half_px(float v) {
    return std::round(v * 2.0f) * 0.5f + 0.0f;
}

// An item of which less than half its height is visible (scrolled (almost) out of its window), or
// nothing at all. (Cut at the side, as a phone's menu bar is, it shows: there is no scrolling
// sideways.)
bool mostly_hidden(const ImRect& bb, const ImRect& clip) {
    if (bb.Max.x <= clip.Min.x || bb.Min.x >= clip.Max.x)
        return true;
    if (bb.GetHeight() <= 0)
        return false;
    const float visible = ImMin(bb.Max.y, clip.Max.y) - ImMax(bb.Min.y, clip.Min.y);
    return visible < bb.GetHeight() * 0.5f;
}

// The part of `bb` inside `clip`, rounded to 0.5 px; mostly hidden, the whole of `bb` (its
// logical place) and `offscreen`.
void set_bounds(SemNode& n, ImRect bb, const ImRect& clip) {
    n.offscreen = mostly_hidden(bb, clip);
    if (!n.offscreen)
        bb.ClipWithFull(clip);
    n.has_bounds = true;
    n.x = half_px(bb.Min.x);
    n.y = half_px(bb.Min.y);
    n.w = half_px(bb.Max.x) - n.x;
    n.h = half_px(bb.Max.y) - n.y;
}

std::uint32_t current_parent() {
    const Recorder& r = rec();
    return r.stack.empty() ? 0 : r.stack.back();
}

SemNode* find_building(std::uint32_t id) {
    Recorder& r = rec();
    const int i = r.index.find(id);
    return i < 0 ? nullptr : &r.nodes[std::size_t(i)];
}

const Pending* find_pending(ImGuiID id) {
    Recorder& r = rec();
    const int slot = r.pending_index.find(id);
    return slot > 0 ? &r.pending[std::size_t(slot - 1)] : nullptr;
}

bool in_cell_row() {
    const Recorder& r = rec();
    return !r.stack.empty() &&
           std::find(r.cell_rows.begin(), r.cell_rows.end(), r.stack.back()) != r.cell_rows.end();
}

SemNode& add_node(std::uint32_t id, Role role);

// A node for the interactive item `id`; in a row of sem_begin_row(), inside a grid cell of its own.
SemNode& add_item_node(ImGuiID id, const ImRect& bb, const ImRect& clip) {
    Recorder& r = rec();
    const bool wrap = in_cell_row();
    if (wrap) {
        std::uint32_t cell_id = ImHashData(&id, sizeof id, 0xCE11u);
        while (cell_id == 0 || find_building(cell_id))
            ++cell_id;
        SemNode& cell = add_node(cell_id, Role::gridcell);
        cell.col_index = ImGui::TableGetColumnIndex() + 1;
        set_bounds(cell, bb, clip);
        r.stack.push_back(cell_id);
    }
    SemNode& n = add_node(id, Role::button);
    n.interactive = true;
    set_bounds(n, bb, clip);
    if (wrap)
        r.stack.pop_back();
    return n;
}

SemNode& add_node(std::uint32_t id, Role role) {
    Recorder& r = rec();
    r.index.set(id, int(r.count));
    if (r.count == r.nodes.size())
        r.nodes.emplace_back();
    SemNode& n = r.nodes[r.count++];
    std::string name = std::move(n.name), value = std::move(n.value), description = std::move(n.description);
    n = SemNode{};
    n.name = std::move(name);
    n.value = std::move(value);
    n.description = std::move(description);
    n.name.clear();
    n.value.clear();
    n.description.clear();
    n.id = id;
    n.parent = current_parent();
    n.role = role;
    return n;
}

// A stable id for a non-interactive node: its window, its key and how many came before it.
std::uint32_t hashed_id(std::string_view key) {
    ImGuiContext& g = *GImGui;
    // Seeded apart from the window's item ids: a text "Save" and a button "Save" differ.
    const ImGuiID seed = ImHashStr("semantics", 0, g.CurrentWindow ? g.CurrentWindow->ID : 0);
    std::uint32_t id = ImHashData(key.data(), key.size(), seed);
    const int ordinal = rec().ordinals.at(id)++;
    if (ordinal)
        id = ImHashData(&ordinal, sizeof ordinal, id);
    while (id == 0 || find_building(id))
        ++id; // 0 means "top level"; never reuse an id
    return id;
}

// What an item is, from where ImGui draws it and the status its hook reports.
Role infer_role(ImGuiContext& g, ImGuiID id, ImGuiItemStatusFlags flags, SemNode& n) {
    const ImGuiWindow* w = g.CurrentWindow;
    if (g.CurrentTabBar && ImGui::TabBarFindTabByID(g.CurrentTabBar, id)) {
        n.selected = g.CurrentTabBar->VisibleTabId == id;
        return Role::tab;
    }
    const bool in_menu = w->DC.MenuBarAppending || (w->Flags & ImGuiWindowFlags_ChildMenu) ||
                         std::strncmp(w->Name, "##Menu_", 7) == 0;
    if (in_menu) {
        if (flags & ImGuiItemStatusFlags_Openable)
            n.expanded = (flags & ImGuiItemStatusFlags_Opened) ? Tristate::on : Tristate::off;
        return Role::menuitem;
    }
    if ((w->Flags & ImGuiWindowFlags_Popup) && std::strncmp(w->Name, "##Combo_", 8) == 0)
        return Role::option;
    if (g.LastItemData.InFlags & ImGuiItemFlags_Inputable)
        return Role::textbox;
    if (flags & ImGuiItemStatusFlags_Checkable) {
        n.checked = (flags & ImGuiItemStatusFlags_Checked) ? Tristate::on : Tristate::off;
        return Role::checkbox;
    }
    if (flags & ImGuiItemStatusFlags_Openable)
        n.expanded = (flags & ImGuiItemStatusFlags_Opened) ? Tristate::on : Tristate::off;
    return Role::button;
}

// A later hook for the same item (MenuItem, BeginMenu after their inner Selectable) refines it.
void apply_info(ImGuiContext& g, SemNode& n, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    if (label && *label)
        spoken_name_into(n.name, label);
    n.role = infer_role(g, id, flags, n);
    if (n.role == Role::menuitem && (flags & ImGuiItemStatusFlags_Checked))
        n.checked = Tristate::on;
    n.disabled = (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
}

void record_path(ImGuiContext& ctx, const Pending& p, const char* label, ImGuiID id) {
    Recorder& r = rec();
    // A dialog's scrolling body (begin_dialog_body) is part of the dialog: "Activity/##title".
    std::string window = ctx.CurrentWindow->Name;
    if (const auto body = window.find("/##dialog_body_"); body != std::string::npos)
        window.erase(body, window.find('/', body + 1) == std::string::npos ? std::string::npos
                                                                          : window.find('/', body + 1) - body);
    std::string path = window + "/" + label;
    if (!r.path_set.insert(path).second)
        return;
    ItemPath ip{std::move(path), window,
                label,           p.bb.Min.x,
                p.bb.Min.y,      p.bb.Max.x,
                p.bb.Max.y,      p.clip.Min.x,
                p.clip.Min.y,    p.clip.Max.x,
                p.clip.Max.y,    (ctx.LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0,
                id};
    ip.drawn = !ctx.CurrentWindow->Hidden; // set for its child windows too
    r.paths.push_back(std::move(ip));
}

// [SECTION] End of frame: bounds of containers, reading order, the focus ring

void finish_tree(Recorder& r) {
    const std::size_t n = r.count;
    // A field without a name of its own is named by the text drawn just before it (its label).
    for (std::size_t i = 1; i < n; ++i) {
        SemNode& node = r.nodes[i];
        const SemNode& before = r.nodes[i - 1];
        const bool field = node.role == Role::textbox || node.role == Role::combobox;
        if (field && node.name.empty() && before.role == Role::text && before.parent == node.parent)
            node.name = before.name;
    }
    // An open combo's option that reads like the combo's value is the selected one.
    for (std::size_t i = 0; i < n; ++i) {
        SemNode& node = r.nodes[i];
        if (node.role != Role::option)
            continue;
        const int p = r.index.find(node.parent);
        if (p >= 0 && r.nodes[std::size_t(p)].role == Role::combobox &&
            r.nodes[std::size_t(p)].value == node.name)
            node.selected = true;
    }
    // Containers without bounds of their own span their children (children come after parents).
    std::vector<ImRect>& span = r.span;
    span.assign(n, ImRect(FLT_MAX, FLT_MAX, -FLT_MAX, -FLT_MAX));
    for (std::size_t i = n; i-- > 0;) {
        SemNode& node = r.nodes[i];
        if (!node.has_bounds && span[i].Min.x <= span[i].Max.x) {
            node.has_bounds = true;
            node.x = span[i].Min.x;
            node.y = span[i].Min.y;
            node.w = span[i].Max.x - node.x;
            node.h = span[i].Max.y - node.y;
        }
        const int p = node.parent ? r.index.find(node.parent) : -1;
        if (node.has_bounds && p >= 0)
            span[std::size_t(p)].Add(ImRect(node.x, node.y, node.x + node.w, node.y + node.h));
    }
    // Reading order: depth first, siblings in the order they were drawn. Node n is the root of
    // the top-level nodes.
    std::vector<std::size_t>&last = r.last_child, &prev = r.prev_sibling, &todo = r.todo;
    last.assign(n + 1, SIZE_MAX);
    prev.assign(n, SIZE_MAX);
    for (std::size_t i = 0; i < n; ++i) {
        const int p = r.nodes[i].parent ? r.index.find(r.nodes[i].parent) : -1;
        if (p < 0)
            r.nodes[i].parent = 0;
        const std::size_t pi = p < 0 ? n : std::size_t(p);
        prev[i] = last[pi];
        last[pi] = i;
    }
    r.published.resize(n);
    r.published_index.clear();
    todo.clear();
    for (std::size_t c = last[n]; c != SIZE_MAX; c = prev[c])
        todo.push_back(c);
    std::size_t k = 0;
    while (!todo.empty()) {
        const std::size_t i = todo.back();
        todo.pop_back();
        r.published_index.set(r.nodes[i].id, int(k));
        std::swap(r.published[k++], r.nodes[i]); // the old strings' memory goes back for reuse
        for (std::size_t c = last[i]; c != SIZE_MAX; c = prev[c])
            todo.push_back(c);
    }
}

void draw_focus_ring(const Recorder& r) {
    if (!r.focus)
        return;
    ImRect box;
    if (!r.sampled) { // no tree this frame: the focused item's rectangle as drawn now
        if (!r.focus_seen)
            return;
        box = r.focus_rect;
        box.ClipWithFull(r.focus_clip);
        if (box.GetWidth() <= 0 || box.GetHeight() <= 0)
            return;
    } else {
        const SemNode* n = semantics_find(r.focus);
        if (!n || !n->has_bounds || n->offscreen)
            return;
        box = ImRect(n->x, n->y, n->x + n->w, n->y + n->h);
    }
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const ImVec2 a(box.Min.x - 2.0f, box.Min.y - 2.0f), b(box.Max.x + 2.0f, box.Max.y + 2.0f);
    dl->AddRect(a, b, ImGui::ColorConvertFloat4ToU32(palette().focus_ring), 4.0f, 0, 2.0f);
}

// ImGui 1.86 clips no item while it logs (IsClippedEx): on the frames that record the tree, the
// items scrolled out of their windows are submitted and recorded too. Nothing reads the log; tree
// nodes do not open for it (depth to expand 0). ImGui ends logging with every top-level window
// (End calls LogFinish), so each item's hook turns it on again, before ItemAdd's clip test.
void unclip_items(const Recorder& r) {
    ImGuiContext& g = *GImGui;
    if (!r.sampled || r.virtualized || g.LogEnabled)
        return;
    g.LogEnabled = true;
    g.LogType = ImGuiLogType_Buffer; // LogFinish: nothing to write anywhere
    g.LogFile = nullptr;
    g.LogDepthRef = 0;
    g.LogDepthToExpand = 0;
    g.LogLinePosY = FLT_MAX;
    g.LogLineFirstItem = false;
    g.LogNextPrefix = g.LogNextSuffix = nullptr;
}

// [SECTION] JSON

void append_escaped(std::string& out, std::string_view s) {
    out += '"';
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            out += buf;
        } else {
            out += c;
        }
    }
    out += '"';
}

void append_number(std::string& out, const char* key, double v) {
    char buf[48];
    if (v == std::floor(v))
        std::snprintf(buf, sizeof buf, ",\"%s\":%.0f", key, v + 0.0);
    else
        std::snprintf(buf, sizeof buf, ",\"%s\":%.1f", key, v);
    out += buf;
}

void append_flag(std::string& out, const char* key, bool on) {
    if (!on)
        return;
    out += ",\"";
    out += key;
    out += "\":true";
}

void append_tristate(std::string& out, const char* key, Tristate t) {
    if (t == Tristate::unset)
        return;
    out += ",\"";
    out += key;
    out += t == Tristate::on ? "\":true" : t == Tristate::off ? "\":false" : "\":\"mixed\"";
}

// `n` with its place relative to (dx, dy) (its parent's, see semantics_update).
void append_node(std::string& out, const SemNode& n, float dx, float dy) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "{\"id\":%u,\"parent\":%u,\"role\":\"", static_cast<unsigned>(n.id),
                  static_cast<unsigned>(n.parent));
    out += buf;
    out += role_name(n.role);
    out += "\",\"name\":";
    append_escaped(out, n.name);
    if (!n.value.empty()) {
        out += ",\"value\":";
        append_escaped(out, n.value);
    }
    if (!n.description.empty()) {
        out += ",\"desc\":";
        append_escaped(out, n.description);
    }
    if (n.has_bounds) {
        append_number(out, "x", n.x - dx);
        append_number(out, "y", n.y - dy);
        append_number(out, "w", n.w);
        append_number(out, "h", n.h);
    }
    if (n.level)
        append_number(out, "level", n.level);
    append_flag(out, "disabled", n.disabled);
    append_tristate(out, "checked", n.checked);
    append_tristate(out, "expanded", n.expanded);
    append_flag(out, "selected", n.selected);
    append_flag(out, "required", n.required);
    append_flag(out, "invalid", n.invalid);
    append_flag(out, "multiline", n.multiline);
    append_flag(out, "modal", n.modal);
    append_flag(out, "offscreen", n.offscreen);
    if (n.row_index)
        append_number(out, "rowIndex", n.row_index);
    if (n.row_count)
        append_number(out, "rowCount", n.row_count);
    if (n.col_index)
        append_number(out, "colIndex", n.col_index);
    if (n.sort != Sort::none)
        out += n.sort == Sort::ascending ? ",\"sort\":\"ascending\"" : ",\"sort\":\"descending\"";
    if (n.live != Live::off)
        out += n.live == Live::polite ? ",\"live\":\"polite\"" : ",\"live\":\"assertive\"";
    out += '}';
}

} // namespace

// [SECTION] Names

const char* role_name(Role role) {
    static const char* const names[] = {
        "button",       "link",     "checkbox",    "radio",      "combobox", "option", "textbox", "tab",
        "tablist",      "tabpanel", "menubar",     "menu",       "menuitem", "dialog", "grid",    "row",
        "columnheader", "gridcell", "progressbar", "meter",      "heading",  "status", "alert",   "text",
        "list",         "listitem", "banner",      "navigation", "main",     "group"};
    return names[static_cast<int>(role)];
}

std::string spoken_name(std::string_view label) {
    std::string out;
    spoken_name_into(out, label);
    return out;
}

void spoken_name_into(std::string& out, std::string_view label) {
    if (auto hash = label.find("##"); hash != std::string_view::npos)
        label = label.substr(0, hash);
    out.clear();
    for (std::size_t i = 0; i < label.size();) {
        const unsigned char c = static_cast<unsigned char>(label[i]);
        if (is_icon(label, i)) {
            i += 3;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n') {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
            ++i;
            continue;
        }
        out += static_cast<char>(c);
        ++i;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
}

// [SECTION] The mirror's side

std::string_view semantics_update() {
    Recorder& r = rec();
    std::string& out = r.update;
    out.assign("{\"nodes\":[");
    bool changed = false;
    for (const SemNode& n : r.published) {
        // A place relative to the parent's (where the parent has a width; the mirror nests its
        // elements the same way): a row that scrolls is one changed node, not one per cell.
        float dx = 0, dy = 0;
        if (n.parent) {
            const int p = r.published_index.find(n.parent);
            if (p >= 0 && r.published[std::size_t(p)].has_bounds && r.published[std::size_t(p)].w > 0) {
                dx = r.published[std::size_t(p)].x;
                dy = r.published[std::size_t(p)].y;
            }
        }
        auto it = r.sent.find(n.id);
        if (it != r.sent.end()) { // `sent` holds relative places: compare as such
            SemNode& s = it->second;
            const float sx = s.x, sy = s.y;
            const bool same_place = sx == n.x - dx && sy == n.y - dy;
            s.x = n.x;
            s.y = n.y;
            const bool same = same_place && s == n;
            s.x = sx;
            s.y = sy;
            if (same)
                continue;
        }
        if (changed)
            out += ',';
        append_node(out, n, dx, dy);
        changed = true;
        SemNode& s = it == r.sent.end() ? r.sent.emplace(n.id, n).first->second : (it->second = n);
        s.x = n.x - dx;
        s.y = n.y - dy;
    }
    out += "],\"removed\":[";
    bool removed = false;
    for (const std::uint32_t id : r.sent_order) {
        if (r.published_index.find(id) >= 0)
            continue;
        if (removed)
            out += ',';
        out += std::to_string(id);
        removed = true;
        r.sent.erase(id);
    }
    out += ']';
    bool reordered = r.sent_order.size() != r.published.size();
    for (std::size_t i = 0; !reordered && i < r.published.size(); ++i)
        reordered = r.sent_order[i] != r.published[i].id;
    if (reordered) {
        out += ",\"order\":[";
        r.sent_order.clear();
        for (const SemNode& n : r.published) {
            if (!r.sent_order.empty())
                out += ',';
            out += std::to_string(n.id);
            r.sent_order.push_back(n.id);
        }
        out += ']';
    }
    out += '}';
    if (!changed && !removed && !reordered)
        out.clear();
    return out;
}

void semantics_reset_sent() {
    Recorder& r = rec();
    r.sent.clear();
    r.sent_order.clear();
}

const SemNode* semantics_find(std::uint32_t id) {
    const Recorder& r = rec();
    const int i = r.published_index.find(id);
    return i < 0 ? nullptr : &r.published[std::size_t(i)];
}

const std::vector<SemNode>& semantics_nodes() {
    return rec().published;
}

void semantics_enable(bool on) {
    rec().enabled = on;
}

void semantics_record_next_frame(bool on) {
    rec().record_next = on;
}

bool semantics_last_frame_recorded() {
    return rec().sampled;
}

void sem_hide_begin() {
    rec().hidden_was_recording = rec().recording;
    rec().recording = false;
}

void sem_hide_end() {
    rec().recording = rec().hidden_was_recording && rec().in_frame;
}

void semantics_set_focus(std::uint32_t id) {
    rec().focus = id;
}

void semantics_scroll_to(std::uint32_t id) {
    rec().scroll_to = id;
    rec().scroll_frames = 8;
}

void sem_virtualized_begin() {
    rec().virtualized = true;
    GImGui->LogEnabled = false;
}

void sem_virtualized_end() {
    rec().virtualized = false;
}

bool sem_out_of_view() {
    if (!rec().virtualized || !GImGui->CurrentWindow)
        return false;
    const ImGuiWindow* w = GImGui->CurrentWindow;
    const float y = w->DC.CursorPos.y;
    return y >= w->ClipRect.Max.y || y + ImGui::GetTextLineHeightWithSpacing() <= w->ClipRect.Min.y;
}
std::uint32_t semantics_focus() {
    return rec().focus;
}

// [SECTION] Recording

void semantics_begin_frame() {
    Recorder& r = rec();
    r.in_frame = true;
    r.sampled = r.enabled && r.record_next;
    r.record_next = true;
    r.recording = r.sampled;
    r.focus_seen = false;
    r.count = 0;
    r.index.clear();
    r.pending.clear();
    r.pending_index.clear();
    r.ordinals.clear();
    r.stack.clear();
    r.cell_rows.clear();
    r.unlabelled = SIZE_MAX;
    r.deferred = 0;
    r.paths.clear();
    r.path_set.clear();
    ImGuiContext& g = *GImGui;
    g.TestEngineHookItems = r.sampled || r.record_paths || (r.enabled && r.focus) || r.scroll_to;
    r.virtualized = false;
    unclip_items(r);
}

void semantics_end_frame() {
    Recorder& r = rec();
    r.in_frame = false;
    r.recording = false;
    if (r.sampled) {
        GImGui->LogEnabled = false;
        GImGui->LogType = ImGuiLogType_None;
        GImGui->LogBuffer.Buf.resize(0);
    }
    if (r.scroll_frames > 0 && --r.scroll_frames == 0)
        r.scroll_to = 0;
    if (r.sampled || !r.enabled) // turned off, the tree is empty
        finish_tree(r);
    r.published_paths.swap(r.paths);
    draw_focus_ring(r);
}

SemNode* sem_item(Role role, std::string_view name) {
    return sem_item_id(GImGui->LastItemData.ID, role, name);
}

SemNode* sem_item_id(std::uint32_t id, Role role, std::string_view name) {
    Recorder& r = rec();
    if (!r.recording || !id)
        return nullptr;
    SemNode* n = find_building(id);
    if (!n) {
        const Pending* p = find_pending(id);
        if (!p)
            return nullptr;
        n = &add_item_node(id, p->bb, p->clip);
    }
    n->role = role;
    if (!name.empty())
        spoken_name_into(n->name, name);
    return n;
}

SemNode* sem_node(Role role, std::string_view name, std::string_view key) {
    if (!rec().recording)
        return nullptr;
    if (role == Role::text && !says_something(name))
        return nullptr; // an icon alone says nothing
    ImGuiContext& g = *GImGui;
    const bool cell = role == Role::text && in_cell_row(); // text in a table row is a grid cell
    SemNode& n = add_node(hashed_id(key.empty() ? name : key), cell ? Role::gridcell : role);
    if (cell)
        n.col_index = ImGui::TableGetColumnIndex() + 1;
    spoken_name_into(n.name, name);
    if (g.CurrentWindow)
        set_bounds(n, g.LastItemData.Rect, g.CurrentWindow->ClipRect);
    return &n;
}

SemNode* sem_node_at(Role role, std::string_view name, std::string_view key, float x0, float y0, float x1,
                     float y1) {
    SemNode* n = sem_node(role, name, key);
    if (n && GImGui->CurrentWindow)
        set_bounds(*n, ImRect(x0, y0, x1, y1), GImGui->CurrentWindow->ClipRect);
    return n;
}

SemNode* sem_begin_row(std::string_view key, int row_index) {
    SemNode* n = sem_begin(Role::row, "", key);
    if (n) {
        n->row_index = row_index;
        rec().cell_rows.push_back(n->id);
    }
    return n;
}

SemNode* sem_begin(Role role, std::string_view name, std::string_view key) {
    Recorder& r = rec();
    if (!r.recording)
        return nullptr;
    SemNode& n = add_node(hashed_id(key.empty() ? name : key), role);
    spoken_name_into(n.name, name);
    r.stack.push_back(n.id);
    return &n;
}

SemNode* sem_begin_top(Role role, std::string_view name, std::string_view key) {
    Recorder& r = rec();
    if (!r.recording)
        return nullptr;
    SemNode* n = sem_begin(role, name, key);
    n->parent = 0;
    return n;
}

SemNode* sem_recorded(std::uint32_t id) {
    return rec().recording ? find_building(id) : nullptr;
}

void sem_push(std::uint32_t id) {
    Recorder& r = rec();
    if (!r.recording)
        return;
    r.stack.push_back(find_building(id) ? id : current_parent());
}

void sem_end() {
    Recorder& r = rec();
    if (r.in_frame && !r.stack.empty())
        r.stack.pop_back();
}

// [SECTION] Item paths

void semantics_record_paths(bool on) {
    rec().record_paths = on;
}
bool semantics_recording_paths() {
    return rec().record_paths;
}
const std::vector<ItemPath>& semantics_item_paths() {
    return rec().published_paths;
}

void sem_test_label(const char* label) {
    Recorder& r = rec();
    ImGuiContext& g = *GImGui;
    if (!r.in_frame || !r.record_paths || !g.CurrentWindow)
        return;
    record_path(g, Pending{g.LastItemData.Rect, g.CurrentWindow->ClipRect}, label, 0);
}

} // namespace recert::ui

using recert::ui::rec;

// [SECTION] ImGui test-engine hooks (declared in imgui_internal.h; ImGui calls them for every item
// while g.TestEngineHookItems is set, which semantics_begin_frame() does)

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    using namespace recert::ui;
    auto& r = rec();
    if (!r.in_frame || !ctx->CurrentWindow)
        return;
    unclip_items(r); // before this item's clip test
    if (!r.sampled && id && id == r.focus) { // the focus ring of a frame without a tree
        r.focus_seen = true;
        r.focus_rect = bb;
        r.focus_clip = ctx->CurrentWindow->ClipRect;
    }
    if (id && id == r.scroll_to) { // semantics_scroll_to(): bring it into view, then stop
        const ImRect inner = ctx->CurrentWindow->InnerClipRect;
        if (bb.Min.y >= inner.Min.y - 0.5f && bb.Max.y <= inner.Max.y + 0.5f && !mostly_hidden(bb, ctx->CurrentWindow->ClipRect))
            r.scroll_to = 0;
        else
            ImGui::ScrollToRect(ctx->CurrentWindow, bb, ImGuiScrollFlags_KeepVisibleEdgeY);
    }
    if (!r.sampled && !r.record_paths)
        return; // nothing else wants items this frame
    int& slot = r.pending_index.at(id); // 0 = new, else position + 1
    if (!slot) {
        r.pending.push_back({});
        slot = int(r.pending.size());
    }
    r.pending[std::size_t(slot - 1)] = {bb, ctx->CurrentWindow->ClipRect};
    if (!r.recording || r.deferred != id)
        return;
    r.deferred = 0;
    if (find_building(id))
        return;
    SemNode& n = add_item_node(id, bb, ctx->CurrentWindow->ClipRect);
    apply_info(*ctx, n, id, r.deferred_label.c_str(), r.deferred_flags);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags flags) {
    using namespace recert::ui;
    auto& r = rec();
    if (!r.in_frame || !ctx->CurrentWindow)
        return;
    const Pending* it = find_pending(id);
    if (!it) {
        // BeginMenu reports its label for an id it never added, right after its inner Selectable("");
        // a tab item reports its label before it adds itself.
        if (!r.recording) {
            return;
        } else if (r.unlabelled != SIZE_MAX && label && *label) {
            apply_info(*ctx, r.nodes[r.unlabelled], id, label, flags);
        } else if (label) {
            r.deferred = id;
            r.deferred_label = label;
            r.deferred_flags = flags;
        }
        r.unlabelled = SIZE_MAX;
        return;
    }
    if (r.record_paths && label)
        record_path(*ctx, *it, label, id);
    if (!r.recording)
        return;
    SemNode* n = find_building(id);
    if (!n)
        n = &add_item_node(id, it->bb, it->clip);
    apply_info(*ctx, *n, id, label, flags);
    r.unlabelled = (label && *label) ? SIZE_MAX : static_cast<std::size_t>(n - r.nodes.data());
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
    return nullptr;
}
