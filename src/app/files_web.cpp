// Files from the person's device: see files_web.h. The browser side (an <input type=file> and
// drop events, FileReader) is in the EM_JS blocks below; the checks are storage/evidence.h's.
#include "app/files_web.h"

#include "app/reports_web.h"

#include "storage/evidence.h"

#include <emscripten/emscripten.h>

#include <cstdint>
#include <span>

namespace recert::app {
namespace {

struct Files {
    ui::AppState* state = nullptr;
    void (*request_redraw)() = nullptr;
};

Files& files() {
    static Files f;
    return f;
}

} // namespace

} // namespace recert::app

// Opens a picker restricted to the accepted types, reads the chosen file and passes its bytes to
// recert_file_arrived(). `purpose` is a ui::FilePurpose value.
EM_JS(void, recert_js_pick_file, (int purpose, const char* target), {
    const targetId = UTF8ToString(target);
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.pdf,.png,.jpg,.jpeg,.heic,.heif,.webp,application/pdf,image/png,image/jpeg,image/heic,image/webp';
    input.style.display = 'none';
    input.addEventListener('change', function () {
        const file = input.files && input.files[0];
        input.remove();
        if (file && Module.recertDeliverFile) Module.recertDeliverFile(file, purpose, targetId);
    });
    document.body.appendChild(input);
    input.click();
});

// Installs Module.recertDeliverFile (FileReader -> wasm heap -> recert_file_arrived) and the
// page's drag & drop handlers.
EM_JS(void, recert_js_install_files, (), {
    Module.recertDeliverFile = function (file, purpose, targetId) {
        const limit = 64 * 1024 * 1024; // never copy absurd files into memory; C++ enforces the real limit
        const report = function (bytes, size) {
            const nameLen = lengthBytesUTF8(file.name) + 1;
            const idLen = lengthBytesUTF8(targetId) + 1;
            const namePtr = _malloc(nameLen);
            const idPtr = _malloc(idLen);
            stringToUTF8(file.name, namePtr, nameLen);
            stringToUTF8(targetId, idPtr, idLen);
            const n = bytes ? bytes.length : 0;
            const dataPtr = _malloc(Math.max(1, n));
            if (n) HEAPU8.set(bytes, dataPtr);
            _recert_file_arrived(purpose, idPtr, namePtr, dataPtr, n, size);
            _free(namePtr);
            _free(idPtr);
            _free(dataPtr);
        };
        if (file.size > limit) { report(null, file.size); return; }
        file.arrayBuffer().then(function (buf) { report(new Uint8Array(buf), file.size); },
                                function () { report(null, 0); });
    };
    const canvas = Module.canvas || document.getElementById('canvas');
    const stop = function (e) { e.preventDefault(); e.stopPropagation(); };
    canvas.addEventListener('dragover', stop);
    canvas.addEventListener('drop', function (e) {
        stop(e);
        const file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
        if (file) Module.recertDeliverFile(file, -1, '');
    });
});

namespace recert::app {

void files_attach(ui::AppState& state, void (*request_redraw)()) {
    files().state = &state;
    files().request_redraw = request_redraw;
    recert_js_install_files();
}

void pick_file(ui::FilePurpose purpose, const std::string& target_id) {
    recert_js_pick_file(static_cast<int>(purpose), target_id.c_str());
}

} // namespace recert::app

// Called by the page with a file's bytes (`size` is the file's real size; `len` is 0 when it was
// too large to read or could not be read). purpose -1 = dropped onto the page.
extern "C" EMSCRIPTEN_KEEPALIVE void recert_file_arrived(int purpose, const char* target, const char* name,
                                                         const std::uint8_t* data, int len, double size) {
    using namespace recert;
    ui::AppState* state = app::files().state;
    if (!state) return;
    const std::span<const std::uint8_t> bytes(data, static_cast<std::size_t>(len > 0 ? len : 0));
    state->file_error.clear();
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
