// Item-rectangle recording for browser tests: see test_hooks.h. The exported C functions are
// called from web/boot.js (window.recertTest) through Module.ccall.
#include "platform/web/test_hooks.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <emscripten/emscripten.h>

#include <cstdarg>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

namespace recert::app {
namespace {

struct ItemRecord {
    ImRect rect;
    ImRect clip; // the window's visible area when the item was submitted
    bool disabled = false;
    std::string visible; // the label as shown: no "##id" part, no leading icon glyphs or spaces
    std::string window;  // the window's name
};

// "\xef\x81\xa7  Add credential##empty" -> "Add credential"; "###Dashboard" ids are dropped too.
std::string visible_label(const char* label) {
    std::string s(label);
    if (auto hash = s.find("##"); hash != std::string::npos) s.resize(hash);
    std::size_t i = 0;
    // Icon glyphs are Private Use Area code points (UTF-8 EF xx xx); skip them and spaces.
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ') ++i;
        else if (c == 0xEF && i + 2 < s.size()) i += 3;
        else break;
    }
    s.erase(0, i);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

struct Recorder {
    bool enabled = false;
    std::unordered_map<ImGuiID, std::pair<ImRect, ImRect>> pending; // id -> (bb, clip), this frame
    std::unordered_map<std::string, ItemRecord> building;           // path -> record, this frame
    std::unordered_map<std::string, ItemRecord> published;          // the last finished frame
    std::vector<std::string> order;                                  // publish order of paths
    std::vector<std::string> building_order;
    std::string scratch;
};

Recorder& recorder() {
    static Recorder r;
    return r;
}

std::string json_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

void test_hooks_enable(bool on) {
    recorder().enabled = on;
    ImGui::GetCurrentContext()->TestEngineHookItems = on;
}

void test_hooks_begin_frame() {
    Recorder& r = recorder();
    if (!r.enabled) return;
    r.pending.clear();
    r.building.clear();
    r.building_order.clear();
}

void test_hooks_end_frame() {
    Recorder& r = recorder();
    if (!r.enabled) return;
    r.published.swap(r.building);
    r.order.swap(r.building_order);
}

} // namespace recert::app

using recert::app::recorder;

// [SECTION] ImGui test-engine hooks (declared in imgui_internal.h)

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    auto& r = recorder();
    if (!r.enabled || !ctx->CurrentWindow) return;
    r.pending[id] = {bb, ctx->CurrentWindow->ClipRect};
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
    auto& r = recorder();
    if (!r.enabled || !label || !ctx->CurrentWindow) return;
    auto it = r.pending.find(id);
    if (it == r.pending.end()) return;
    std::string path = std::string(ctx->CurrentWindow->Name) + "/" + label;
    recert::app::ItemRecord rec{it->second.first, it->second.second,
                                (ctx->LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0,
                                recert::app::visible_label(label), ctx->CurrentWindow->Name};
    if (r.building.emplace(path, rec).second) r.building_order.push_back(path);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

// [SECTION] Exports for the page (window.recertTest in web/boot.js)

extern "C" {

// JSON {"x","y","w","h","visible","disabled","path"} in CSS pixels for the item whose path is
// `path`, else the last one drawn whose path ends with "/" + `path`, else the last one whose
// visible label (without icons and "##" ids), alone or as "window/label", is `path`; "" when no
// such item was drawn.
EMSCRIPTEN_KEEPALIVE const char* recert_test_item_rect(const char* path) {
    auto& r = recorder();
    const std::string want(path ? path : "");
    const recert::app::ItemRecord* found = nullptr;
    std::string found_path;
    if (auto it = r.published.find(want); it != r.published.end()) {
        found = &it->second;
        found_path = it->first;
    } else {
        const std::string suffix = "/" + want;
        for (const std::string& p : r.order) { // last drawn wins: popups come after their parents
            if (p.size() >= suffix.size() && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0) {
                found = &r.published[p];
                found_path = p;
            }
        }
        if (!found) {
            for (const std::string& p : r.order) {
                const recert::app::ItemRecord& rec = r.published[p];
                if (rec.visible == want || rec.window + "/" + rec.visible == want) {
                    found = &rec;
                    found_path = p;
                }
            }
        }
    }
    r.scratch.clear();
    if (!found) return r.scratch.c_str();
    ImRect visible = found->rect;
    visible.ClipWithFull(found->clip);
    const bool shown = visible.GetWidth() > 0 && visible.GetHeight() > 0;
    char buf[256];
    std::snprintf(buf, sizeof buf, "{\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"visible\":%s,\"disabled\":%s,",
                  visible.Min.x, visible.Min.y, visible.GetWidth(), visible.GetHeight(), shown ? "true" : "false",
                  found->disabled ? "true" : "false");
    r.scratch = buf;
    r.scratch += "\"path\":\"" + recert::app::json_escape(found_path) + "\"}";
    return r.scratch.c_str();
}

// JSON array of every item path drawn in the last frame, in submission order.
EMSCRIPTEN_KEEPALIVE const char* recert_test_item_paths() {
    auto& r = recorder();
    r.scratch = "[";
    for (std::size_t i = 0; i < r.order.size(); ++i) {
        if (i) r.scratch += ",";
        r.scratch += "\"" + recert::app::json_escape(r.order[i]) + "\"";
    }
    r.scratch += "]";
    return r.scratch.c_str();
}

} // extern "C"
