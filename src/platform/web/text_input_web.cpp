// Hidden-input text entry and the system clipboard: see text_input_web.h.
// Keys (Backspace, arrows, Enter, shortcuts) still come through SDL's keyboard events; printable
// keys typed on a physical keyboard arrive as SDL text (keypress). Text that arrives without a
// keypress (IME, mobile, insertText, paste) comes through the hidden input's events here.
#include "platform/web/text_input_web.h"

#include "platform/web/js_api.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <SDL.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace {
void (*g_request_redraw)() = nullptr;
bool g_focused = false;
ImGuiID g_active = 0; // the ImGui id of the field the text input serves
std::string g_clipboard; // what ImGui last copied (ImGui reads it back for its own pastes)

const char* get_clipboard(void*) { return g_clipboard.c_str(); }

void set_clipboard(void*, const char* text) {
    g_clipboard = text ? text : "";
    recert_js_clipboard_write(g_clipboard.c_str());
}
} // namespace



// The text joins SDL's queue as SDL_TEXTINPUT events, behind the keys already waiting there: a
// frame applies queued input in order (app/input_trickle.h), so "S" typed and "é" composed right
// after it reach the field in that order. Put straight into ImGui, the "é" overtook the "S" when
// both came within one frame. An event holds at most 31 bytes: longer text (a paste) is cut at
// character boundaries, and a frame applies a run of text events at once.
extern "C" EMSCRIPTEN_KEEPALIVE void recert_text_arrived(const char* utf8) {
    if (!utf8 || !*utf8) return;
    const std::size_t n = std::strlen(utf8);
    std::size_t i = 0;
    while (i < n) {
        SDL_Event ev{};
        ev.type = SDL_TEXTINPUT;
        std::size_t len = std::min(n - i, sizeof ev.text.text - 1);
        while (len > 0 && i + len < n && (static_cast<unsigned char>(utf8[i + len]) & 0xC0) == 0x80) --len;
        if (len == 0) break; // not UTF-8 (a continuation byte run longer than an event): dropped
        std::memcpy(ev.text.text, utf8 + i, len);
        ev.text.text[len] = '\0';
        SDL_PushEvent(&ev); // the event watch wakes the main loop
        i += len;
    }
    if (g_request_redraw) g_request_redraw();
}

namespace recert::app {

void text_input_attach(void (*request_redraw)()) {
    g_request_redraw = request_redraw;
    ImGuiIO& io = ImGui::GetIO();
    io.GetClipboardTextFn = get_clipboard;
    io.SetClipboardTextFn = set_clipboard;
    recert_js_install_text_input();
}

void text_input_update(bool wants_text) {
    // The active field's id: its mirrored element (if any) is the text input, else the hidden one.
    const ImGuiID active = wants_text ? ImGui::GetCurrentContext()->ActiveId : 0;
    if (wants_text == g_focused && active == g_active) return;
    g_focused = wants_text;
    g_active = active;
    recert_js_focus_text_input(wants_text ? 1 : 0, active);
}

} // namespace recert::app
