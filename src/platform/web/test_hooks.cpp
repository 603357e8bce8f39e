// Item-rectangle recording for browser tests: see test_hooks.h. The exported C functions are
// called from web/boot.js (window.recertTest) through Module.ccall.
#include "platform/web/test_hooks.h"

#include "platform/web/gl_state_cache.h"
#include "platform/web/js_api.h"

#include "ui/semantics.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <emscripten/emscripten.h>

#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

namespace recert::app {
namespace {

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

std::string& scratch() {
    static std::string s;
    return s;
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

// The item paths come from the UI's semantics layer (ui/semantics.h), which defines ImGui's
// test-engine hooks and records the paths while enabled.
bool test_hooks_built() { return true; }

void test_hooks_enable(bool on) {
    ui::semantics_record_paths(on);
    // ?glcheck=1: every GL state answer from memory is also read from GL and compared.
    gl_cache::state.check = on && recert_js_url_number("glcheck", 0) == 1;
}

void test_hooks_begin_frame() {}

void test_hooks_end_frame() {}

} // namespace recert::app

using recert::app::scratch;

// [SECTION] Exports for the page (window.recertTest in web/boot.js)

extern "C" {

// JSON {"x","y","w","h","visible","disabled","path"} in CSS pixels for the item whose path is
// `path`, else the last one drawn whose path ends with "/" + `path`, else the last one whose
// visible label (without icons and "##" ids), alone or as "window/label", is `path`; "" when no
// such item was drawn.
EMSCRIPTEN_KEEPALIVE const char* recert_test_item_rect(const char* path) {
    const std::vector<recert::ui::ItemPath>& items = recert::ui::semantics_item_paths();
    const std::string want(path ? path : "");
    const recert::ui::ItemPath* found = nullptr;
    for (const recert::ui::ItemPath& p : items) {
        if (p.path == want) {
            found = &p;
            break;
        }
    }
    if (!found) {
        const std::string suffix = "/" + want;
        for (const recert::ui::ItemPath& p : items) { // last drawn wins: popups come after their parents
            if (p.path.size() >= suffix.size() &&
                p.path.compare(p.path.size() - suffix.size(), suffix.size(), suffix) == 0)
                found = &p;
        }
        if (!found) {
            for (const recert::ui::ItemPath& p : items) {
                const std::string visible = recert::app::visible_label(p.label.c_str());
                if (visible == want || p.window + "/" + visible == want) found = &p;
            }
        }
    }
    std::string& out = scratch();
    out.clear();
    if (!found) return out.c_str();
    ImRect visible(found->x0, found->y0, found->x1, found->y1);
    visible.ClipWithFull(ImRect(found->clip_x0, found->clip_y0, found->clip_x1, found->clip_y1));
    // Not shown in a frame its window was laid out unseen (a dialog opening again: it moves next frame).
    const bool shown = found->drawn && visible.GetWidth() > 0 && visible.GetHeight() > 0;
    char buf[256];
    std::snprintf(buf, sizeof buf, "{\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"visible\":%s,\"disabled\":%s,",
                  visible.Min.x, visible.Min.y, visible.GetWidth(), visible.GetHeight(), shown ? "true" : "false",
                  found->disabled ? "true" : "false");
    out = buf;
    out += "\"path\":\"" + recert::app::json_escape(found->path) + "\"}";
    return out.c_str();
}

// JSON array of every item path drawn in the last frame, in submission order.
EMSCRIPTEN_KEEPALIVE const char* recert_test_item_paths() {
    const std::vector<recert::ui::ItemPath>& items = recert::ui::semantics_item_paths();
    std::string& out = scratch();
    out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ",";
        out += "\"" + recert::app::json_escape(items[i].path) + "\"";
    }
    out += "]";
    return out.c_str();
}

} // extern "C"
