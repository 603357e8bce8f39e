// Files from the person's device: see files_web.h. The browser side (one picker, drops, reading)
// is the Files section of recert_web.js; the checks are storage/evidence.h's and reports.h's.
#include "platform/web/files_web.h"

#include "platform/web/js_api.h"
#include "platform/web/session_store.h"
#include "platform/web/reports_web.h"

#include "storage/evidence.h"
#include "storage/restore.h"

#include <emscripten/emscripten.h>

#include <cstdint>
#include <span>

namespace recert::app {
namespace {

struct Files {
    ui::AppState* state = nullptr;
    void (*request_redraw)() = nullptr;
    std::function<void(const std::string&, std::vector<std::uint8_t>, std::uint64_t)> backup_sink;
};

Files& files() {
    static Files f;
    return f;
}

} // namespace

} // namespace recert::app



namespace recert::app {

void files_attach(ui::AppState& state, void (*request_redraw)()) {
    files().state = &state;
    files().request_redraw = request_redraw;
    recert_js_install_drop();
    recert_js_zip_limits(static_cast<double>(storage::max_backup_text_bytes),
                         static_cast<double>(storage::default_evidence_max_bytes),
                         static_cast<double>(storage::max_backup_unpacked_bytes),
                         static_cast<int>(storage::max_backup_entries));
}

void pick_file(ui::FilePurpose purpose, const std::string& target_id) {
    recert_js_pick_file("evidence", static_cast<int>(purpose), target_id.c_str());
}

void files_backup_sink(std::function<void(const std::string&, std::vector<std::uint8_t>, std::uint64_t)> sink) {
    files().backup_sink = std::move(sink);
}

void pick_import_file() { recert_js_pick_file("import", import_purpose, ""); }

} // namespace recert::app

// Called by the page with a file's bytes (`size` is the file's real size; `len` is 0 when it was
// too large to read or could not be read). purpose: a ui::FilePurpose, import_purpose (the import
// picker), or -1 (dropped onto the page).
extern "C" EMSCRIPTEN_KEEPALIVE void recert_file_arrived(int purpose, const char* target, const char* name,
                                                         const std::uint8_t* data, int len, double size) {
    using namespace recert;
    ui::AppState* state = app::files().state;
    if (!state) return;
    const std::span<const std::uint8_t> bytes(data, static_cast<std::size_t>(len > 0 ? len : 0));
    state->file_error.clear();
    if (purpose == app::backup_purpose) {
        if (app::files().backup_sink)
            app::files().backup_sink(name ? name : "", std::vector<std::uint8_t>(bytes.begin(), bytes.end()),
                                     static_cast<std::uint64_t>(size));
        if (app::files().request_redraw) app::files().request_redraw();
        return;
    }
    if (purpose == app::import_purpose) {
        app::reports_file_arrived(name ? name : "", bytes, static_cast<std::uint64_t>(size));
        return;
    }
    // A dropped CSV or Open Badges file is an import (reports_web.h), whatever form is open.
    if (purpose < 0 && app::reports_file_dropped(name ? name : "", std::vector<std::uint8_t>(bytes.begin(), bytes.end()))) return;
    if (purpose < 0) { // dropped: attach to the open form that takes files
        if (state->activity_form.open) purpose = static_cast<int>(ui::FilePurpose::activity_evidence);
        else if (state->cpr_form.open) purpose = static_cast<int>(ui::FilePurpose::cpr_card);
        else if (state->renewal_form.open) purpose = static_cast<int>(ui::FilePurpose::renewal_receipt);
        else {
            ui::notify(*state, "To attach a certificate, open an activity (Add activity or Edit) and drop the file there.", true);
            if (app::files().request_redraw) app::files().request_redraw();
            return;
        }
    }
    const std::string safe = storage::safe_file_name(name ? name : "");
    auto type = storage::check_evidence(safe, static_cast<std::uint64_t>(size), bytes.first(std::min<std::size_t>(bytes.size(), 64)),
                                        storage::default_evidence_max_bytes);
    if (type && bytes.size() != static_cast<std::size_t>(size))
        type = core::Error{"", "", safe + ": the file could not be read"};
    if (!type) {
        state->file_error = type.error().to_string();
        ui::notify(*state, state->file_error, true);
    } else {
        ui::PickedFile f;
        f.ref.sha256 = storage::sha256_hex(bytes);
        f.ref.name = safe;
        f.ref.mime = std::string(type.value().mime);
        f.bytes.assign(bytes.begin(), bytes.end());
        state->picked = std::move(f);
        state->picked_purpose = static_cast<ui::FilePurpose>(purpose);
        state->picked_target = target ? target : "";
    }
    if (app::files().request_redraw) app::files().request_redraw();
}
