// Hidden-input text entry and the system clipboard: see text_input_web.h.
// Keys (Backspace, arrows, Enter, shortcuts) still come through SDL's keyboard events; printable
// keys typed on a physical keyboard arrive as SDL text (keypress). Text that arrives without a
// keypress (IME, mobile, insertText, paste) comes through the hidden input's events here.
#include "app/text_input_web.h"

#include "imgui.h"

#include <emscripten/emscripten.h>

#include <string>

namespace {
void (*g_request_redraw)() = nullptr;
bool g_focused = false;
std::string g_clipboard; // what ImGui last copied (ImGui reads it back for its own pastes)

const char* get_clipboard(void*) { return g_clipboard.c_str(); }

void set_clipboard(void*, const char* text) {
    g_clipboard = text ? text : "";
    EM_ASM({
        const t = UTF8ToString($0);
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(function () {});
    }, g_clipboard.c_str());
}
} // namespace

// Installs the hidden input's listeners. Its key events are re-dispatched to the canvas, where
// SDL listens, and keep SDL's preventDefault; Ctrl/Cmd+V is not forwarded (SDL would cancel it)
// so the browser fires a real 'paste' event with the system clipboard's text.
EM_JS(void, recert_js_install_text_input, (), {
    const input = document.getElementById('text-input');
    if (!input) return;
    const send = function (text) {
        if (!text) return;
        const n = lengthBytesUTF8(text) + 1;
        const p = _malloc(n);
        stringToUTF8(text, p, n);
        _recert_text_arrived(p);
        _free(p);
    };
    input.addEventListener('input', function (e) {
        if (e.isComposing) return;          // wait for compositionend
        if (e.inputType && e.inputType.indexOf('insert') === 0 && e.inputType !== 'insertFromPaste') send(e.data);
        input.value = '';
    });
    input.addEventListener('compositionend', function (e) { send(e.data); input.value = ''; });
    window.addEventListener('paste', function (e) {
        const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
        if (text) { e.preventDefault(); send(text); }
        input.value = '';
    });
    const canvas = Module.canvas || document.getElementById('canvas');
    ['keydown', 'keypress', 'keyup'].forEach(function (type) {
        input.addEventListener(type, function (e) {
            const k = (e.key || '').toLowerCase();
            if ((e.ctrlKey || e.metaKey) && k === 'v') return; // let the browser paste
            const copy = new KeyboardEvent(type, {
                key: e.key, code: e.code, location: e.location, repeat: e.repeat,
                ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey,
                keyCode: e.keyCode, charCode: e.charCode, which: e.which, bubbles: true, cancelable: true,
            });
            if (!canvas.dispatchEvent(copy)) e.preventDefault();
        });
    });
});

EM_JS(void, recert_js_focus_text_input, (int on), {
    const input = document.getElementById('text-input');
    const canvas = Module.canvas || document.getElementById('canvas');
    if (on) { if (input && document.activeElement !== input) input.focus({ preventScroll: true }); }
    else if (document.activeElement === input && canvas) canvas.focus({ preventScroll: true });
});

extern "C" EMSCRIPTEN_KEEPALIVE void recert_text_arrived(const char* utf8) {
    if (!utf8 || !*utf8) return;
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
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
    if (wants_text == g_focused) return;
    g_focused = wants_text;
    recert_js_focus_text_input(wants_text ? 1 : 0);
}

} // namespace recert::app
