// Reports in the browser: see reports_web.h. The JS parts are the EM_JS blocks below.
#include "app/reports_web.h"

#include <emscripten/emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace recert::app {
namespace {

struct Web {
    ReportsController* controller = nullptr;
    ui::AppState* state = nullptr;
    void (*request_redraw)() = nullptr;
};

Web& web() {
    static Web w;
    return w;
}

} // namespace
} // namespace recert::app

// Offers bytes as a download: a Blob, an object URL and a click on a temporary <a download>.
EM_JS(void, recert_js_report_download, (const char* name, const char* mime, const char* data, int len), {
    const bytes = HEAPU8.slice(data, data + len);
    const blob = new Blob([bytes], { type: UTF8ToString(mime) });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = UTF8ToString(name);
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
});

// Opens an HTML page in a new tab from a blob: URL (it inherits the app's CSP: the page links
// transcript.css instead of inlining styles). Falls back to a download when pop-ups are blocked.
EM_JS(void, recert_js_report_open_html, (const char* data, int len), {
    const blob = new Blob([HEAPU8.slice(data, data + len)], { type: 'text/html;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const w = window.open(url, '_blank');
    if (!w) {
        const a = document.createElement('a');
        a.href = url;
        a.download = 'recert-transcript.html';
        document.body.appendChild(a);
        a.click();
        a.remove();
    }
    setTimeout(function () { URL.revokeObjectURL(url); }, 120000);
});

// The absolute URL of transcript.css next to the app (a blob: page cannot resolve relative URLs).
EM_JS(char*, recert_js_report_stylesheet_url, (), {
    const s = new URL('transcript.css', document.baseURI).href;
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});

// A fresh id prefix for one import: random hex from the Web Crypto API.
EM_JS(char*, recert_js_report_id_prefix, (), {
    const b = new Uint8Array(6);
    crypto.getRandomValues(b);
    const s = 'imp-' + Array.prototype.map.call(b, function (x) { return x.toString(16).padStart(2, '0'); }).join('');
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});

// The import picker: CSV or Open Badges JSON; the chosen file goes to recert_report_file_arrived().
EM_JS(void, recert_js_report_pick, (), {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.txt,.json,.jsonld,text/csv,application/json,application/ld+json';
    input.style.display = 'none';
    input.addEventListener('change', function () {
        const file = input.files && input.files[0];
        input.remove();
        if (!file) return;
        if (file.size > 64 * 1024 * 1024) { Module.recertReportFile(file.name, new Uint8Array(0), file.size); return; }
        file.arrayBuffer().then(function (buf) { Module.recertReportFile(file.name, new Uint8Array(buf), file.size); });
    });
    document.body.appendChild(input);
    input.click();
});

EM_JS(void, recert_js_report_install, (), {
    Module.recertReportFile = function (name, bytes, size) {
        const nameLen = lengthBytesUTF8(name) + 1;
        const namePtr = _malloc(nameLen);
        stringToUTF8(name, namePtr, nameLen);
        const dataPtr = _malloc(Math.max(1, bytes.length));
        HEAPU8.set(bytes, dataPtr);
        _recert_report_file_arrived(namePtr, dataPtr, bytes.length, size);
        _free(namePtr);
        _free(dataPtr);
    };
});

namespace recert::app {
namespace {

std::string take_js_string(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}

} // namespace

ReportHooks make_web_report_hooks() {
    ReportHooks h;
    h.download = [](const std::string& name, const std::string& mime, const std::string& content) {
        recert_js_report_download(name.c_str(), mime.c_str(), content.data(), static_cast<int>(content.size()));
    };
    h.open_html = [](const std::string& html) { recert_js_report_open_html(html.data(), static_cast<int>(html.size())); };
    h.pick_import_file = [] { recert_js_report_pick(); };
    h.utc_stamp = [] {
        const std::time_t now = std::time(nullptr);
        std::tm t{};
        gmtime_r(&now, &t);
        char buf[20];
        std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &t);
        return std::string(buf);
    };
    h.new_id_prefix = [] { return take_js_string(recert_js_report_id_prefix()); };
    h.stylesheet_url = [] { return take_js_string(recert_js_report_stylesheet_url()); };
    return h;
}

void reports_web_attach(ReportsController& controller, ui::AppState& state, void (*request_redraw)()) {
    web().controller = &controller;
    web().state = &state;
    web().request_redraw = request_redraw;
    recert_js_report_install();
}

bool reports_file_dropped(const std::string& name, std::vector<std::uint8_t> bytes) {
    if (!web().controller || !ReportsController::accepts(name)) return false;
    web().controller->file_arrived(*web().state, name, std::move(bytes));
    if (web().request_redraw) web().request_redraw();
    return true;
}

} // namespace recert::app

// A file from the import picker (`len` 0 with a real `size` when it was too large to read).
extern "C" EMSCRIPTEN_KEEPALIVE void recert_report_file_arrived(const char* name, const std::uint8_t* data, int len,
                                                                double size) {
    using namespace recert::app;
    if (!web().controller) return;
    std::vector<std::uint8_t> bytes(data, data + (len > 0 ? len : 0));
    if (len == 0 && size > 0) bytes.assign(import_max_bytes + 1, 0); // too large: the controller says so
    web().controller->file_arrived(*web().state, name ? name : "", std::move(bytes));
    if (web().request_redraw) web().request_redraw();
}

// For browser tests (like test_hooks.cpp): the import dialog's state as JSON
// {"open","rows","importing","duplicates","working","error"}; the dialog draws the same data.
extern "C" EMSCRIPTEN_KEEPALIVE const char* recert_test_import_state() {
    using namespace recert;
    static std::string out;
    const ui::AppState* s = app::web().state;
    if (!s) return "";
    const ui::ImportDialog& d = s->reports.import;
    int importing = 0, dups = 0;
    for (const ui::ImportRowChoice& c : d.choices) {
        importing += c.import;
        dups += c.duplicate_of_existing >= 0 || c.duplicate_of_row >= 0;
    }
    std::string err;
    for (char c : d.error) {
        if (c == '"' || c == '\\') err += '\\';
        if (static_cast<unsigned char>(c) < 0x20) { err += ' '; continue; }
        err += c;
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, "{\"open\":%s,\"rows\":%d,\"importing\":%d,\"duplicates\":%d,\"working\":%s,\"error\":\"",
                  d.open ? "true" : "false", int(d.activities.size()), importing, dups, s->reports.working ? "true" : "false");
    out = buf + err + "\"}";
    return out.c_str();
}
