// Reports in the browser: see reports_web.h. The JS parts are recert_web.js's Files section.
#include "platform/web/reports_web.h"

#include "platform/web/files_web.h"
#include "platform/web/js_api.h"
#include "platform/web/sync_store_web.h"

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







namespace recert::app {
namespace {

std::string take_js_string(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}

// A fresh id prefix for one import: "imp-" and 12 random hex digits (Web Crypto).
std::string new_import_prefix() {
    static const char hex[] = "0123456789abcdef";
    std::string s = "imp-";
    for (std::uint8_t b : sync::web_random_bytes(6)) {
        s += hex[b >> 4];
        s += hex[b & 15];
    }
    return s;
}

} // namespace

ReportHooks make_web_report_hooks() {
    ReportHooks h;
    h.download = [](const std::string& name, const std::string& mime, const std::string& content) {
        recert_js_download(name.c_str(), mime.c_str(), content.data(), static_cast<int>(content.size()));
    };
    h.open_html = [](const std::string& html) { recert_js_open_html(html.data(), static_cast<int>(html.size())); };
    h.pick_import_file = [] { pick_import_file(); };
    h.utc_stamp = [] {
        const std::time_t now = std::time(nullptr);
        std::tm t{};
        gmtime_r(&now, &t);
        char buf[20];
        std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &t);
        return std::string(buf);
    };
    h.new_id_prefix = new_import_prefix;
    h.stylesheet_url = [] { return take_js_string(recert_js_sibling_url("transcript.css")); };
    return h;
}

void reports_web_attach(ReportsController& controller, ui::AppState& state, void (*request_redraw)()) {
    web().controller = &controller;
    web().state = &state;
    web().request_redraw = request_redraw;
}

bool reports_file_dropped(const std::string& name, std::vector<std::uint8_t> bytes) {
    if (!web().controller || !ReportsController::accepts(name)) return false;
    web().controller->file_arrived(*web().state, name, std::move(bytes));
    if (web().request_redraw) web().request_redraw();
    return true;
}

void reports_file_arrived(const std::string& name, std::span<const std::uint8_t> bytes, std::uint64_t size) {
    if (!web().controller) return;
    std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    if (data.empty() && size > 0) data.assign(import_max_bytes + 1, 0); // too large: the controller says so
    web().controller->file_arrived(*web().state, name, std::move(data));
    if (web().request_redraw) web().request_redraw();
}

} // namespace recert::app

// For browser tests (like test_hooks.cpp): the import dialog's state as JSON
// {"open","reading","progress","rows","importing","duplicates","working","error"}; the dialog draws the same data.
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
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "{\"open\":%s,\"reading\":%s,\"progress\":%.3f,\"rows\":%d,\"importing\":%d,\"duplicates\":%d,\"working\":%s,\"error\":\"",
                  d.open ? "true" : "false", d.reading ? "true" : "false", double(d.progress), int(d.activities.size()),
                  importing, dups, s->reports.working ? "true" : "false");
    out = buf + err + "\"}";
    return out.c_str();
}
