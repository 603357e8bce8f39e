// Recert's web entry point: an SDL2 window with a WebGL2 context, Dear ImGui, and a main loop
// that renders on demand (a few frames after input, none while idle or in a background tab) and
// is paused while idle (no animation-frame callbacks at all until input, finished browser work or
// a timer wakes it), and trickles input so ImGui 1.86 never loses a fast key press.
#include "app/controller.h"
#include "app/dispatch.h"
#include "app/sync_controller.h"
#include "platform/web/a11y_web.h"
#include "platform/web/embed_web.h"
#include "platform/web/files_web.h"
#include "platform/web/gl_state_cache.h"
#include "platform/web/js_api.h"
#include "platform/web/session_store.h"
#include "platform/web/reports_web.h"
#include "app/input_trickle.h"
#include "platform/web/text_input_web.h"
#include "platform/web/test_hooks.h"
#include "ui/app.h"
#include "ui/display.h"
#include "ui/draw_fingerprint.h"
#include "ui/fonts.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "core/rulepack_codec.h"
#include "platform/web/store_web.h"
#include "platform/web/sync_store_web.h"
#include "platform/web/transport_web.h"

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"

#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <memory>
#include <vector>

namespace {

// How long to keep drawing after the last input event: covers hover highlights, tooltips'
// delay and ImGui's short animations; after that the loop draws nothing until the next event.
constexpr double redraw_after_input_ms = 600.0;
// Background work that changed what is shown (records loaded, a save done, a page synced) needs a few
// frames, not 600 ms of them: one draws the change, the next two let a window or popup that appeared
// with it settle (ImGui sizes a new auto-resizing window over its first frames). At start-up each
// answer (records, sync state, storage estimate) used to draw ~36 frames, each a long task where the
// canvas is drawn in software.
constexpr int frames_after_work = 3;
// While a text field is active the caret blinks: one frame per blink phase is enough...
constexpr double caret_blink_ms = 530.0;
// ... for this long after the last input; then it stays shown, and an idle field costs nothing.
constexpr double caret_blink_for_ms = 5000.0;
// While a sync run streams pages in, redraws that come from background work (progress, committed
// pages) are spaced out; input still redraws at once. A progress bar needs no 60 Hz, and each frame
// costs the browser a composite that competes with the sync's own work on this thread: cheap with
// a GPU, but a full read-back of the canvas without one (software compositing: 30-40 ms a frame
// measured in headless Chromium). So the spacing follows what a frame costs here (see
// frame_cost_ms): about 8 times that, between 5 and 1 redraws a second, so progress takes at most
// about an eighth of the thread.
constexpr double background_frame_min_ms = 200.0;
constexpr double background_frame_max_ms = 1000.0;
constexpr double background_frame_cost_factor = 8.0;
// A job's first picture of itself ("Preparing the audit packet…", a sync's progress) comes this long
// after it starts; one that ends sooner goes from the pressed button straight to its result, with
// no flash of a busy state in between. Input meanwhile still draws at once.
constexpr double job_feedback_delay_ms = 200.0;
// ... and the dashboard's figures (rules engine, planner, duplicate suggestions over the whole log)
// are recomputed at most this often while the run adds records.
constexpr double sync_refresh_spacing_ms = 1000.0;
// A click acts on the screen the person pressed on: background work that would change it (a file's
// read ending, a sync page, a stored result) waits from the press until the frame that applies the
// release, or this long for a button held down (a drag).
constexpr double click_hold_max_ms = 500.0;
// The start-up fonts (strong, heading) are shown in the loading view only if the records have not
// replaced it this long after they are built: each frame shown costs a composite (without a GPU a
// read-back of the canvas, 20-35 ms on this thread), and on a first visit the dashboard came
// ~90 ms later anyway.
constexpr int fonts_frame_delay_ms = 250;

struct Platform;
void take_storage_choice(Platform& p);
void attach_sync(Platform& p);
void announce_storage(const recert::ui::AppState& state);

struct Platform {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    std::deque<SDL_Event> pending;
    std::vector<recert::app::InputEvent> scratch;
    recert::ui::AppState state;
    recert::core::PackSet packs;
    std::unique_ptr<recert::storage::Store> store;
    std::unique_ptr<recert::app::Controller> controller;
    std::unique_ptr<recert::app::ReportsController> reports; // transcript, exports, imports (reports.h)
    std::unique_ptr<recert::sync::Transport> sync_transport; // provider sync (issue #7)
    std::unique_ptr<recert::sync::SyncStore> sync_store;
    std::unique_ptr<recert::app::SyncController> sync;
    double redraw_until_ms = 0.0;  // input: draw every frame until then
    int work_frames = 0;           // frames still owed to background work that changed what is shown
    double last_frame_ms = 0.0;
    double last_input_ms = 0.0;    // the caret blinks for caret_blink_for_ms after it
    long frames_drawn = 0;
    // The frame on the canvas (ui/draw_fingerprint.h): a frame that would draw the same pictures
    // with the same textures leaves the canvas as it is, and the browser composites nothing new.
    long frames_presented = 0;
    long presented_at_fonts = -1; // frames_presented when the start-up fonts were all built
    std::uint64_t presented_key = 0;
    std::uint64_t presented_textures = 0;
    std::uint64_t textures_uploaded = 0; // font textures (re)made: their images changed
    bool unsettled_skipped = false; // the last frame was not shown: ui::frame_unsettled()
    // What the last frames cost this thread, from the start of the frame to the end of the task
    // that drew it (the browser's commit and composite included): the least of the last four,
    // so that a frame followed by other queued work is not counted as expensive.
    std::array<double, 4> frame_costs{};
    std::size_t frame_cost_next = 0;
    bool first_frame_signalled = false;
    bool always_on = false; // ?alwayson=1: draw every animation frame (the benchmark's baseline)
    bool frame_once = false; // request_frame(): one frame, then idle again
    bool frame_now = false;  // request_frame_now(): that frame is drawn at once, even during a job
    bool partition_notice_saved = false;
    bool paused = false; // the main loop asks for no animation frames until wake_loop()
    bool packs_loaded = false; // the rule packs are decoded in the tasks after the first frame
    std::vector<std::string> pack_files; // while they are: their files, and those decoded so far
    recert::core::PackSet packs_decoded;
    bool atlas_to_upload = false; // the font atlas was (re)built; the renderer has not taken it yet
    bool renderer_made = false;   // ImGui's OpenGL3 device objects exist
    bool job_running = false;     // background_job() at the last iteration
    double job_since_ms = 0.0;    // ... since when
    bool job_shown = false;       // ... and a frame showing it has been drawn
    bool button_unseen = false;   // a mouse button's press or release applied that no frame has taken yet
    bool button_held = false;     // the last frame had the primary button down...
    double press_ms = 0.0;        // ... pressed then
};

Platform* g_platform = nullptr;

recert::app::InputEvent classify(const SDL_Event& ev) {
    using recert::app::InputKind;
    bool down = false;
    if (recert::app::a11y_is_pointer_event(ev, &down)) // a click from the accessibility mirror
        return {down ? InputKind::mouse_down : InputKind::mouse_up, SDL_BUTTON_LEFT};
    switch (ev.type) {
    case SDL_KEYDOWN: return {InputKind::key_down, ev.key.keysym.sym};
    case SDL_KEYUP: return {InputKind::key_up, ev.key.keysym.sym};
    case SDL_TEXTINPUT: return {InputKind::text, 0};
    case SDL_MOUSEBUTTONDOWN: return {InputKind::mouse_down, ev.button.button};
    case SDL_MOUSEBUTTONUP: return {InputKind::mouse_up, ev.button.button};
    default: return {InputKind::other, 0};
    }
}

// Input from the person (or the accessibility mirror's clicks), as opposed to the window's own
// events: only input keeps frames coming for a while, for hover and press states (at start-up the
// window's events drew 18 frames in 0.6 s of an idle page).
bool from_person(const SDL_Event& ev) {
    if (recert::app::a11y_is_pointer_event(ev, nullptr)) return true;
    switch (ev.type) {
    case SDL_KEYDOWN: case SDL_KEYUP: case SDL_TEXTINPUT: case SDL_TEXTEDITING:
    case SDL_MOUSEMOTION: case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP: case SDL_MOUSEWHEEL:
    case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION: return true;
    default: return false;
    }
}

// Applies one event to ImGui. Modifier state is taken from the event itself, not from SDL's
// current state, so Ctrl+V typed within one frame still arrives as Ctrl+V.
void apply_event(const SDL_Event& ev) {
    if (recert::app::a11y_is_pointer_event(ev, nullptr)) {
        recert::app::a11y_apply_pointer_event(ev);
        return;
    }
    if (ev.type == SDL_MOUSEMOTION || ev.type == SDL_MOUSEBUTTONDOWN || ev.type == SDL_MOUSEWHEEL ||
        ev.type == SDL_FINGERDOWN)
        recert::app::a11y_real_pointer(); // the person's own pointer takes over from a mirrored click
    ImGui_ImplSDL2_ProcessEvent(&ev);
    if (ev.type == SDL_KEYDOWN || ev.type == SDL_KEYUP) {
        ImGuiIO& io = ImGui::GetIO();
        const Uint16 mod = ev.key.keysym.mod;
        io.KeyShift = (mod & KMOD_SHIFT) != 0;
        io.KeyCtrl = (mod & KMOD_CTRL) != 0;
        io.KeyAlt = (mod & KMOD_ALT) != 0;
        io.KeySuper = (mod & KMOD_GUI) != 0;
    }
}

// Today in the person's local time zone: the only place the app reads the clock for dates.
recert::core::Date today_local() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return *recert::core::Date::from_ymd(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                                         static_cast<unsigned>(local.tm_mday));
}

// Resumes the paused main loop: its next iteration runs at the next animation frame.
void wake_loop() {
    if (!g_platform || !g_platform->paused) return;
    g_platform->paused = false;
    emscripten_resume_main_loop();
}

void request_redraw() {
    if (g_platform) g_platform->redraw_until_ms = emscripten_get_now() + redraw_after_input_ms;
    wake_loop();
}

// Exactly one frame at the next animation frame (the accessibility mirror's catch-up, a timed frame).
void request_frame() {
    if (g_platform) g_platform->frame_once = true;
    wake_loop();
}

// One frame at once, even while a background job spaces frames out: a person's action that comes
// without an SDL event (the accessibility mirror's focus moves and the frame its click waits for).
void request_frame_now() {
    if (g_platform) g_platform->frame_now = true;
    request_frame();
}

// Every SDL event (pointer, wheel, keys, text, resize, focus, visibility; the mirror's clicks) is
// pushed from a browser event handler: it wakes the loop, which takes it at the next frame.
int wake_on_event(void*, SDL_Event*) {
    wake_loop();
    return 1;
}

// Theme, high contrast, the host's accent, UI scale and the font atlases at devicePixelRatio x scale
// (ui/display.h). Rebuilt atlases wait for update_renderer to become font textures.
void update_display(Platform& p, bool defer_atlases = false) {
    if (recert::ui::update_display(p.state, static_cast<float>(emscripten_get_device_pixel_ratio()), "/fonts",
                                   defer_atlases))
        p.atlas_to_upload = true;
}

// The texture of one of the fonts' extra atlases (ImGui's OpenGL3 renderer makes only io.Fonts's),
// made as the renderer makes its own; the one it replaces is deleted.
void upload_extra_atlas(ImFontAtlas& atlas) {
    if (const GLuint old = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(atlas.TexID))) glDeleteTextures(1, &old);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    glBindTexture(GL_TEXTURE_2D, 0); // the renderer binds each draw command's texture itself
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture)));
    atlas.ClearTexData();
}

// The renderer's shaders and font textures, made once; the textures again after the atlases were
// rebuilt. The atlas must be ours before the first call: made earlier, the device objects would
// build and upload ImGui's built-in font first, and a second upload leaked the first texture.
void update_renderer(Platform& p) {
    if (p.atlas_to_upload && p.renderer_made) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame(); // the device objects, the first time
    p.renderer_made = true;
    if (p.atlas_to_upload) {
        // The textures hold the atlases now: their CPU copies (alpha and RGBA, 5 MB at
        // devicePixelRatio 1, 10 MB at 2, in all) go back to the heap. A rebuild makes them again.
        ImGui::GetIO().Fonts->ClearTexData();
        const recert::ui::Fonts& fonts = p.state.fonts;
        for (int i = 0; i < fonts.built(); ++i) // a deferred one gets its texture once built
            if (fonts.extra_atlases[i]) upload_extra_atlas(*fonts.extra_atlases[i]);
        p.atlas_to_upload = false;
        ++p.textures_uploaded;
    }
}

void main_loop_iteration(void* arg);

// Start-up work in tasks of their own after main(), so that none blocks the page for long (issue
// #19): the body font's atlas with the loading view's glyphs, then the shaders and its font texture,
// then the first frame (setTimeout(0) tasks); the main loop then runs on animation frames. The body
// font's complete atlas, then the strong and heading fonts' are built after it
// (build_deferred_atlas), the body font standing in for those two.
//
// The first frame is drawn in a task of its own, not in an animation frame's callback: the
// browser's composite of a new WebGL picture (without a GPU, a read-back of the canvas: 45-77 ms
// at start-up) runs in the rendering update that follows, a task of its own, instead of adding
// itself to the frame's (which is the longest at start-up: each function's first call compiles it).
void startup_first_frame(void* arg) {
    // 0 fps = driven by requestAnimationFrame. The loop is set first: the frame pauses it when
    // nothing more is due, as at any frame.
    emscripten_set_main_loop_arg(main_loop_iteration, arg, 0, 0);
    main_loop_iteration(arg);
}
void startup_renderer(void* arg) {
    update_renderer(*static_cast<Platform*>(arg));
    emscripten_async_call(startup_first_frame, arg, 0);
}
void startup_atlas(void* arg) {
    update_display(*static_cast<Platform*>(arg), true);
    emscripten_async_call(startup_renderer, arg, 0);
}

// The body font's atlas with every glyph, the start-up one having only the loading view's; its
// texture at once (update_renderer would also re-make the extra atlases' textures, rebuilding
// those built meanwhile). Called first after the first frame, and before every later frame.
bool complete_body_font(Platform& p) {
    if (!recert::ui::complete_body_font(p.state.fonts)) return false;
    if (!p.renderer_made) {
        p.atlas_to_upload = true;
        return true;
    }
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();
    ++p.textures_uploaded;
    return true;
}

// The loading view again, in the start-up fonts, when nothing has been shown since they were built.
void show_fonts_if_still_loading(void* arg) {
    Platform& p = *static_cast<Platform*>(arg);
    if (p.frames_presented == p.presented_at_fonts) request_frame();
}

// After the first frame, one task each: the body font's complete atlas, then the next font atlas
// start-up left unbuilt, each with its texture; after the last, the frame that shows them is the
// next one, or fonts_frame_delay_ms later if none comes (one: without a GPU each frame shown costs a
// read-back of the canvas). False when none is left.
bool build_deferred_atlas(Platform& p) {
    recert::ui::Fonts& fonts = p.state.fonts;
    if (complete_body_font(p)) return true;
    const int i = fonts.built();
    if (!recert::ui::build_next_font_atlas(fonts)) return false;
    if (fonts.extra_font(i)) upload_extra_atlas(*fonts.extra_atlases[i]); // null: its build failed
    if (fonts.unbuilt == 0) {
        p.presented_at_fonts = p.frames_presented;
        emscripten_async_call(show_fonts_if_still_loading, &p, fonts_frame_delay_ms);
    }
    return true;
}

// The person's system settings (recert_js_watch_display's bits: 1 reduced motion, 2 more
// contrast, 4 forced colours).
void set_display_bits(Platform& p, int bits) {
    // One frame shows the change: request_redraw() is for input, whose hover and press states want
    // frames for a while (at start-up it drew 27 frames in 0.6 s of an idle page).
    if (recert::ui::set_display_preferences(p.state, {(bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0}))
        request_frame();
}

double frame_cost_ms(const Platform& p) {
    return *std::min_element(p.frame_costs.begin(), p.frame_costs.end());
}

// Work the person waits for that runs on this thread between frames: a sync run, an export or the
// audit packet being written, a backup being read or restored. Each frame drawn meanwhile delays it
// by the frame's cost (the audit packet of 1,000 files drew 11 frames in its 0.7 s, 0.6 s of them
// software compositing in headless Chromium).
bool background_job(const Platform& p) {
    using Stage = recert::ui::RestoreDialog::Stage;
    return (p.sync && p.sync->running()) || p.state.reports.working || p.state.restore.stage == Stage::reading ||
           p.state.restore.stage == Stage::applying;
}

// Follows background_job() into p.job_running; true when a job has just started (since now).
bool track_job(Platform& p, double now) {
    const bool running = background_job(p);
    const bool started = running && !p.job_running;
    if (started) {
        p.job_since_ms = now;
        p.job_shown = false;
    }
    p.job_running = running;
    return started;
}

// Milliseconds until the running job's first picture of itself is due (0: now; see
// job_feedback_delay_ms), or -1 when none is waiting.
double job_feedback_in_ms(const Platform& p, double now) {
    if (!p.job_running || p.job_shown) return -1.0;
    return std::max(0.0, p.job_since_ms + job_feedback_delay_ms - now);
}

double background_frame_ms(const Platform& p) {
    return std::clamp(background_frame_cost_factor * frame_cost_ms(p), background_frame_min_ms, background_frame_max_ms);
}

// The rule packs ship in the app's data file (/rulepacks). They are decoded after the first frame,
// one pack per task (issue #19: start-up in short tasks, a first frame sooner); the controllers
// hold a reference to p.packs and see them, all at once, from their first dispatch on. A broken
// pack is a build error, but if it ever happens the dashboard says so instead of guessing.
// Decodes the next pack; true once all are decoded (or one failed).
bool load_next_pack(Platform& p) {
    const auto fail = [&p](const recert::core::Error& e) {
        p.state.data.load_error = "The rule packs could not be read: " + e.to_string();
        p.packs_loaded = true;
        request_frame();
        return true;
    };
    if (p.pack_files.empty()) {
        auto files = recert::core::rulepack_files("/rulepacks");
        if (!files) return fail(files.error());
        p.pack_files = std::move(files.value());
    }
    auto pack = recert::core::load_rulepack_file(p.pack_files[p.packs_decoded.packs.size()]);
    if (!pack) return fail(pack.error());
    p.packs_decoded.packs.push_back(std::move(pack).value());
    if (p.packs_decoded.packs.size() < p.pack_files.size()) return false;
    p.packs = std::move(p.packs_decoded);
    p.packs_loaded = true;
    request_frame();
    return true;
}

// True from a click's press (the person's, or the accessibility mirror's from the moment it takes the
// item's place) until the frame that applies its release has been drawn; for a button held down, at
// most click_hold_max_ms. ImGui finds what was pressed by where it is in the frame that applies the
// press, and what was released on in the next one: if background work changed the screen before
// either (a file's read ended: its dialog's Cancel moved), the click was lost or landed on another
// control.
bool click_under_way(const Platform& p, double now) {
    if (recert::app::a11y_click_under_way() || p.button_unseen) return true;
    for (const SDL_Event& e : p.pending)
        if (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP || recert::app::a11y_is_pointer_event(e, nullptr))
            return true;
    return p.button_held && now - p.press_ms < click_hold_max_ms;
}

// Runs the controllers (app::dispatch): the UI's requests from the last frame, finished storage,
// fetch and sync-store work.
// Called at each animation frame, at the end of a frame that made requests, and, through
// Module.recertWake, as soon as a browser callback reports finished work, so a chain of steps (a
// sync page: fetch, store, save the position) does not wait a frame per step.
void run_work(Platform& p, double now) {
    if (!p.controller || !p.reports) return;
    if (click_under_way(p, now)) {
        recert_js_wake_later(); // and again after the release
        return;
    }
    // Nothing reaches the controllers before the rule packs are there: the stored records and every
    // request wait (in their queues) for the tasks after the first frame, which build the fonts'
    // atlases start-up left (the records then show in their own fonts) and decode the packs.
    if (!p.packs_loaded) {
        if (!p.first_frame_signalled) return;
        if (build_deferred_atlas(p) || !load_next_pack(p)) {
            recert_js_wake(); // the next pack in a task of its own
            return;
        }
    }
    take_storage_choice(p);
    // "Got it" on the note that records kept inside this site are separate: said once per browser.
    if (p.state.storage.partition_notice_dismissed && !p.partition_notice_saved) {
        p.partition_notice_saved = true;
        recert_js_flag_set("partition-notice");
    }
    const recert::ui::StorageWhere where_before = p.state.storage.where;
    // While a sync run streams pages in, the dashboard re-evaluates the growing log once a second,
    // not after every page; when the run ends it catches up at once.
    // (When the run ends, dispatch() lets the dashboard catch up in the same frame as "Up to date".)
    const bool syncing = p.sync && p.sync->running();
    const bool work = recert::app::dispatch(p.state, {p.controller.get(), p.reports.get(), p.sync.get()},
                                            {today_local(), now, syncing ? sync_refresh_spacing_ms : 0.0,
                                             emscripten_date_now()});
    if (p.state.storage.where != where_before) announce_storage(p.state);
    // A run also waits on time (backoff, Retry-After), not only on callbacks; in a background tab
    // there are no animation frames at all. A timer keeps it going (browsers slow it to 1/s there).
    if (p.sync && p.sync->running())
        recert_js_wake_later();
    if (!work) return;
    p.work_frames = frames_after_work;
    wake_loop();
}

// Makes `store` the app's store: the controllers (records, reports, sync) are built on it.
void use_store(Platform& p, std::unique_ptr<recert::storage::Store> store, const char* backend) {
    p.sync.reset();
    p.reports.reset();
    p.controller.reset();
    p.store = std::move(store);
    p.state.storage.backend = backend;
    recert::app::PlatformHooks hooks;
    hooks.request_file = [](const recert::ui::RequestFile& r) { recert::app::pick_file(r.purpose, r.target_id); };
    hooks.data_changed = [] { recert::app::embed_emit("changed", "{}"); };
    p.controller = std::make_unique<recert::app::Controller>(*p.store, p.packs, std::move(hooks));
    p.reports = std::make_unique<recert::app::ReportsController>(*p.store, p.packs, recert::app::make_web_report_hooks());
    recert::app::reports_web_attach(*p.reports, p.state, request_redraw);
    attach_sync(p);
}

// Tells a host page where the records are kept now ('storage' event), and that they cannot be
// kept at all ('error' storage_blocked) so it never waits for an answer that cannot come.
void announce_storage(const recert::ui::AppState& state) {
    const std::string where = recert::app::storage_name(state.storage.where);
    recert::app::embed_emit("storage", nlohmann::json{{"storage", where}}.dump());
    if (state.storage.where == recert::ui::StorageWhere::blocked)
        recert::app::embed_emit("error", nlohmann::json{{"code", "storage_blocked"},
                                                        {"message", "The browser refuses storage to Recert inside this "
                                                                    "page; the person is asked how to go on."}}
                                             .dump());
}

// "Use it for this visit only": an in-memory store; backups arrive through the page's picker.
void use_session_store(Platform& p) {
    auto session = std::make_unique<recert::app::SessionStore>();
    recert::app::SessionStore* raw = session.get();
    p.state.data.load_error.clear();
    use_store(p, std::move(session), "this page only (nothing is kept)");
    recert::app::files_backup_sink([raw](const std::string& name, std::vector<std::uint8_t> bytes, std::uint64_t size) {
        raw->backup_file_arrived(name, std::move(bytes), size);
    });
}

// What the person chose on the "records cannot be kept here" panel (ui::draw_storage_blocked).
void take_storage_choice(Platform& p) {
    const recert::ui::StorageChoice choice = std::exchange(p.state.storage.choice, recert::ui::StorageChoice::none);
    switch (choice) {
    case recert::ui::StorageChoice::none: return;
    case recert::ui::StorageChoice::allow: p.store->request_access(); break;
    case recert::ui::StorageChoice::open_tab: recert_js_open_own_tab(); break;
    case recert::ui::StorageChoice::this_visit: use_session_store(p); break;
    }
    request_redraw();
}

// After an iteration: go on at the next animation frame while anything is due (input in the last
// redraw_after_input_ms, work shown, events waiting, the first frame, ?alwayson=1); otherwise pause
// the loop, with a timer for the one thing that changes by itself (the caret's next blink phase, the
// next message to expire). Input, Module.recertWake's work and request_frame() resume it.
void pause_when_idle(Platform& p, double now) {
    if (p.always_on || !p.first_frame_signalled || !p.pending.empty() || now < p.redraw_until_ms ||
        p.work_frames > 0 || p.frame_once || p.state.settings_dirty)
        return;
    const ImGuiIO& io = ImGui::GetIO();
    double in_ms = -1.0;
    const auto sooner = [&in_ms](double ms) { in_ms = in_ms < 0 ? ms : std::min(in_ms, ms); };
    if (io.WantTextInput && io.ConfigInputTextCursorBlink) sooner(std::max(0.0, p.last_frame_ms + caret_blink_ms - now));
    if (const double expires = recert::ui::toasts_next_change(p.state); expires >= 0)
        sooner(std::max(0.0, (expires - ImGui::GetTime()) * 1000.0) + 20.0);
    if (const double ms = job_feedback_in_ms(p, now); ms >= 0) sooner(ms);
    if (in_ms >= 0) recert_js_frame_later(in_ms);
    // What the last frame asked for is carried out in a task of its own, not at a next frame.
    if (!p.state.intents.empty()) recert_js_wake();
    p.paused = true;
    emscripten_pause_main_loop();
}

void main_loop_iteration(void* arg) {
    Platform& p = *static_cast<Platform*>(arg);
    const double now = emscripten_get_now();

    SDL_Event ev;
    while (SDL_PollEvent(&ev)) p.pending.push_back(ev);

    // A mirrored text field took focus and is not active in ImGui yet: what was typed meanwhile
    // waits for the click that activates it, and goes after it (other input keeps its order).
    const bool hold_keys = recert::app::a11y_holds_keys();
    if (hold_keys) {
        const auto click = std::find_if(p.pending.rbegin(), p.pending.rend(),
                                        [](const SDL_Event& e) { return recert::app::a11y_is_focus_click(e); });
        std::stable_partition(p.pending.begin(), click.base(),
                              [](const SDL_Event& e) { return !recert::app::is_typing(classify(e).kind); });
    }
    // Apply only what ImGui can see without losing a press; the rest waits for next frame.
    p.scratch.clear();
    for (const SDL_Event& e : p.pending) p.scratch.push_back(classify(e));
    std::size_t n = recert::app::frame_batch_length(p.scratch);
    if (hold_keys) n = std::min(n, recert::app::batch_without_keys(p.scratch));
    bool person = false, keys = false;
    for (std::size_t i = 0; i < n; ++i) {
        person = person || from_person(p.pending.front());
        const Uint32 type = p.pending.front().type;
        keys = keys || type == SDL_KEYDOWN || type == SDL_TEXTINPUT || type == SDL_TEXTEDITING;
        if (type == SDL_MOUSEBUTTONDOWN || type == SDL_MOUSEBUTTONUP) { // see click_under_way
            p.button_unseen = true;
            if (type == SDL_MOUSEBUTTONDOWN) p.press_ms = now;
        }
        apply_event(p.pending.front());
        p.pending.pop_front();
    }
    if (person) {
        p.redraw_until_ms = now + redraw_after_input_ms;
        p.last_input_ms = now;
    } else if (n > 0 && p.first_frame_signalled) {
        // The window's own events (shown, resized, focus): a few frames show them. Not those the
        // first frame takes (the window shown, its size, its focus): it is drawn with them, and the
        // loading view it draws has a fixed place and size. The frames after it at start-up each
        // cost a composite and showed the same picture.
        p.work_frames = std::max(p.work_frames, frames_after_work);
    }

    // Carry out what the UI asked for last frame and pick up finished storage work (also while
    // idle: an IndexedDB commit completes between frames); anything visible needs a redraw.
    run_work(p, now);
    // During a background job only fresh input draws at once; the frames that follow input (hover,
    // animations), background progress and one-off frames (the accessibility mirror's catch-up, a
    // display change, a timed frame) come at most every background_frame_ms(): the mirror's catch-up
    // alone doubled the frames of a sync run, each one delaying the run by its cost.
    // The frame that shows a job under way is drawn job_feedback_delay_ms after it started.
    track_job(p, now);
    const bool throttled = p.job_running;
    const bool feedback_due = job_feedback_in_ms(p, now) == 0.0;
    const bool spaced = !throttled || feedback_due || n > 0 || p.frame_now ||
                        now - p.last_frame_ms >= background_frame_ms(p);
    const bool work_due = p.work_frames > 0 && spaced;
    const bool input_due = now < p.redraw_until_ms && spaced;
    const bool once_due = p.frame_once && spaced;

    const ImGuiIO& io = ImGui::GetIO();
    const bool caret_due = io.WantTextInput && io.ConfigInputTextCursorBlink && now - p.last_frame_ms >= caret_blink_ms;
    const bool must_draw = p.always_on || !p.first_frame_signalled || input_due || work_due || caret_due ||
                           !p.pending.empty() || p.state.settings_dirty || once_due || feedback_due;
    if (!must_draw) { // nothing to draw: wait for the next frame that is due, or pause
        pause_when_idle(p, now);
        return;
    }
    p.frame_once = false;
    p.frame_now = false;

    update_display(p);
    if (p.first_frame_signalled) complete_body_font(p); // only the first frame has the start-up glyphs
    update_renderer(p);
    p.state.settings_dirty = false;
    // The caret blinks a while after the last input, then stays shown (no frames for it).
    if (now - p.last_input_ms > caret_blink_for_ms) ImGui::GetIO().ConfigInputTextCursorBlink = false;

    ImGui_ImplSDL2_NewFrame();
    recert::app::a11y_after_backend_frame();
    const double frame_start = emscripten_get_now();
    recert::app::a11y_before_frame(keys);
    ImGui::NewFrame();
    p.button_unseen = false;
    p.button_held = ImGui::GetIO().MouseDown[0];
    recert::app::test_hooks_begin_frame();
    recert::ui::draw_app(p.state);
    recert::app::embed_tick(p.state);
    ImGui::Render();
    recert::app::test_hooks_end_frame();
    recert::app::a11y_after_frame(); // the semantics diff and the mirror's DOM update
    // The canvas is drawn only when the picture differs from the one it shows: a new size (which
    // also clears it), new font textures, or other draw lists. Frames that settle a new window or
    // follow input without a visible change cost ImGui's CPU time, not a composite.
    int fb_w = 0, fb_h = 0;
    SDL_GL_GetDrawableSize(p.window, &fb_w, &fb_h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    const std::uint64_t key = recert::ui::draw_fingerprint(*ImGui::GetDrawData()) ^
                              (static_cast<std::uint64_t>(static_cast<std::uint32_t>(fb_w)) << 32 |
                               static_cast<std::uint32_t>(fb_h)) ^
                              static_cast<std::uint64_t>(ImGui::ColorConvertFloat4ToU32(bg)) * 0x9E3779B97F4A7C15ull;
    // The frame's CPU time, NewFrame to the mirror updated and the fingerprint taken (the
    // benchmark compares ?a11y=0).
    recert::app::test_frame_time(emscripten_get_now() - frame_start);
    recert::app::text_input_update(ImGui::GetIO().WantTextInput);

    // What this frame asked for (a button's action) starts now, in the frame's own task, before the
    // browser composites: a request the action sends (a sync page, the audit packet's reads) is
    // under way meanwhile instead of waiting for it.
    if (!p.state.intents.empty()) run_work(p, emscripten_get_now());
    // An action that started a background job (Build ZIP, Sync now, a restore) left this frame's
    // picture stale: it shows the button, not "Preparing…". It is not drawn; the job's own picture
    // comes job_feedback_delay_ms later, or its result sooner. Without a GPU every composite reads
    // the whole canvas back (30-60 ms in headless Chromium, on this thread): each one in the job's
    // way delays it by that much.
    const bool stale = track_job(p, now);
    // A frame ImGui drew without its new tabs (the dashboard's first, when the records arrive) is not
    // shown either: the next one, which has them, is drawn at the next animation frame. Never two in
    // a row, so a tab bar that kept gaining tabs would still be shown.
    const bool unsettled = !p.unsettled_skipped && recert::ui::frame_unsettled();
    p.unsettled_skipped = unsettled;
    if (unsettled) request_frame_now();
    const bool present = !stale && !unsettled &&
                         (p.frames_presented == 0 || key != p.presented_key || p.textures_uploaded != p.presented_textures);
    if (present) {
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        SDL_GL_SwapWindow(p.window);
        ++p.frames_presented;
        p.presented_key = key;
        p.presented_textures = p.textures_uploaded;
        if (p.job_running) p.job_shown = true;
        // The previous drawn frame's cost, measured to the end of the browser's composite (a frame
        // left undrawn costs no composite and would make the background spacing too short).
        p.frame_costs[p.frame_cost_next++ % p.frame_costs.size()] = recert_js_frame_cost(frame_start);
    }

    ++p.frames_drawn;
    if (p.state.fonts.body_partial) ++p.state.fonts.starter_frames;
    if (p.work_frames > 0) --p.work_frames;
    p.last_frame_ms = now;
    if (!p.first_frame_signalled) {
        p.first_frame_signalled = true;
        recert_js_first_frame(); // hides the loading overlay (web/boot.js)
        recert_js_wake();        // the rule packs and the stored records, in a task of their own
    }
    pause_when_idle(p, now);
}

bool wants_test_hooks() {
    return recert::app::test_hooks_built() && recert_js_test_hooks() != 0;
}

} // namespace

extern "C" {
// Frames actually drawn since start; the benchmark compares idle vs always-on loops with it.
EMSCRIPTEN_KEEPALIVE long recert_frames_drawn() { return g_platform ? g_platform->frames_drawn : 0; }
// ... and of those, the ones that changed the canvas (the others drew the same picture again).
EMSCRIPTEN_KEEPALIVE long recert_frames_presented() { return g_platform ? g_platform->frames_presented : 0; }
// Input events not yet applied to ImGui: held back by the input trickle, or not yet taken from SDL.
// Tests wait for 0 before they read what typing did (a browser takes keys faster than the app's
// frames apply them once a frame costs little).
EMSCRIPTEN_KEEPALIVE int recert_input_queued() {
    if (!g_platform) return 0;
    return static_cast<int>(g_platform->pending.size()) +
           std::max(0, SDL_PeepEvents(nullptr, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT));
}
// Module.recertWake's task: finished background work is picked up between frames.
// A media query of recert_js_watch_display() changed: the new bits.
EMSCRIPTEN_KEEPALIVE void recert_display_changed(int bits) {
    if (g_platform) set_display_bits(*g_platform, bits);
}

EMSCRIPTEN_KEEPALIVE void recert_work_tick() {
    if (g_platform) run_work(*g_platform, emscripten_get_now());
}

// recert_js_frame_later's timer: one frame (the caret's blink, a message's expiry).
EMSCRIPTEN_KEEPALIVE void recert_frame_due() { request_frame(); }
}

extern "C" {
// The sync view's state as JSON for browser tests (what Settings shows: never a token).
EMSCRIPTEN_KEEPALIVE const char* recert_sync_status() {
    static std::string out;
    if (!g_platform) return "{}";
    const recert::ui::SyncView& v = g_platform->state.sync;
    nlohmann::json held = nlohmann::json::array(), outbox = nlohmann::json::array();
    for (const auto& h : v.held) held.push_back({{"id", h.external_id}, {"title", h.title}, {"local", h.local_title}});
    for (const auto& q : v.outbox) outbox.push_back({{"title", q.title}, {"refused", q.refused}});
    out = nlohmann::json{{"available", v.available}, {"signed_in", v.signed_in}, {"account", v.account},
                         {"running", v.running}, {"progress", v.progress}, {"step", v.step}, {"error", v.error},
                         {"result", v.result}, {"last_synced", v.last_synced}, {"held", held}, {"outbox", outbox},
                         {"queueable", v.queueable}, {"runs", v.runs_finished},
                         {"can_stay_signed_in", v.can_stay_signed_in}, {"stay_signed_in", v.stay_signed_in}, {"activities", g_platform->state.data.log.activities.size()}}
              .dump();
    return out.c_str();
}
}

namespace {
// Provider sync (issue #7): wires the fetch transport, the IndexedDB sync store and the browser's
// locks, random bytes and sign-in redirect into a SyncController.
void attach_sync(Platform& p) {
    recert::app::SyncPlatform sp;
    if (p.state.embedded) {
        sp.unavailable_reason = "Sync is not available in an embedded view: open Recert on its own page to sync "
                                "with a provider.";
    }
    sp.random01 = [] {
        const auto b = recert::sync::web_random_bytes(4);
        return static_cast<double>((std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) |
                                   (std::uint32_t(b[2]) << 8) | b[3]) / 4294967296.0;
    };
    sp.random_bytes = recert::sync::web_random_bytes;
    sp.navigate = recert::sync::web_navigate;
    sp.remember_sign_in = [](const std::string& json) { recert::sync::web_session_set("recert-sync-signin", json); };
    sp.lock_request = recert::sync::web_lock_request;
    sp.lock_state = recert::sync::web_lock_state;
    sp.lock_release = recert::sync::web_lock_release;
    const recert::sync::RedirectAnswer answer = recert::sync::web_take_redirect();
    sp.redirect_uri = answer.redirect_uri;
    if (wants_test_hooks()) {
        // Browser tests shorten the waits (?sync_base_ms=50&sync_timeout_ms=1500); never in normal use.
        sp.retry.base_ms = recert_js_url_number("sync_base_ms", 500);
        sp.retry.timeout_ms = static_cast<int>(recert_js_url_number("sync_timeout_ms", 15000));
        sp.page_limit = static_cast<int>(recert_js_url_number("sync_page", 200));
    }
    sp.keep_refresh_token = recert::sync::web_keep_refresh_token;
    sp.config_url = "recert.config.json"; // next to index.html (web/recert.config.json)
    // Requests that ask for a DPoP proof get one signed with the browser's key before they are sent.
    p.sync_transport = recert::sync::make_dpop_transport(recert::sync::make_fetch_transport());
    p.sync_store = recert::sync::make_indexeddb_sync_store("recert");
    p.sync = std::make_unique<recert::app::SyncController>(*p.store, p.packs, *p.sync_store, *p.sync_transport, std::move(sp));
    if (!answer.code.empty())
        p.sync->complete_sign_in(answer.code, answer.state, recert::sync::web_session_take("recert-sync-signin"));
    else if (!answer.error.empty())
        p.sync->sign_in_refused(answer.error);
    // "Stay signed in": a refresh token kept on this device signs in again (not while a sign-in
    // redirect is being finished, or in an embedded view, where sync is off).
    if (answer.code.empty() && answer.error.empty() && !p.state.embedded)
        recert::sync::web_load_kept_refresh_token([](std::string token) {
            if (g_platform && g_platform->sync)
                g_platform->sync->restore_kept_sign_in(std::move(token));
        });
}
} // namespace

// The app on the window main() made, in a task of its own: ImGui, the embedding protocol, the store
// (IndexedDB opens meanwhile), the mirror and the input backends; then the font atlas
// (startup_atlas), the renderer and the main loop, each a task of its own.
void startup_app(void* arg) {
    Platform& p = *static_cast<Platform*>(arg);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // UI settings are Recert's own data, not imgui.ini in MEMFS
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    recert::app::test_hooks_enable(wants_test_hooks());
    recert::app::test_state_watch(&p.state);
    p.always_on = recert_js_url_number("alwayson", 0) == 1;
    // Embedding protocol (web/embed-app.js): a host page's command may change what is shown.
    recert::app::embed_attach(p.state, request_redraw);

    // The rule packs are decoded after the first frame (load_next_pack).
    // Dates follow the browser's locale until the person picks a format in Settings (a stored choice
    // replaces this default when the records load).
    if (char* tag = recert_js_locale()) {
        recert::ui::set_locale(p.state, tag);
        std::free(tag);
    }
    recert::app::files_attach(p.state, request_redraw);
    p.state.storage.partition_notice_dismissed = p.partition_notice_saved = recert_js_flag_get("partition-notice") != 0;
    // The host page may ask for nothing to be kept (embed.js storage: "session").
    if (recert_js_embed_option(4) == 1) use_session_store(p);
    else use_store(p, recert::storage::make_indexeddb_store("recert"), "this browser (IndexedDB)");

    recert::app::text_input_attach(request_redraw);
    // ?a11y=0 (the benchmark's baseline only): no semantics recording and no mirror.
    recert::app::a11y_attach(request_redraw, request_frame, request_frame_now, recert_js_url_number("a11y", 1) != 0);
    ImGui_ImplSDL2_InitForOpenGL(p.window, p.gl);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    set_display_bits(p, recert_js_watch_display()); // and on every change, recert_display_changed

    recert_js_install_wake(); // Module.recertWake(): finished browser work runs the controllers
    SDL_AddEventWatch(wake_on_event, nullptr); // input resumes the paused loop
    emscripten_async_call(startup_atlas, &p, 0);
}

int main() {
    // Keyboard events are taken from the canvas only, so keys never leak to a host page; the
    // hidden text input (text_input_web.cpp) forwards its key events to the canvas.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
        std::fprintf(stderr, "[recert] SDL_Init failed: %s\n", SDL_GetError());
        return 1;
    }
    // WebGL2 == OpenGL ES 3.0.
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

    static Platform platform;
    g_platform = &platform;
    Platform& p = platform;
    // RESIZABLE + the canvas's CSS size (100vw x 100vh): SDL follows the page size.
    // ALLOW_HIGHDPI: the backing store is CSS size x devicePixelRatio, so nothing is blurry.
    p.window = SDL_CreateWindow("Recert", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, 1280, 800,
                                SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!p.window) {
        std::fprintf(stderr, "[recert] SDL_CreateWindow failed: %s\n", SDL_GetError());
        return 1;
    }
    p.gl = SDL_GL_CreateContext(p.window);
    if (!p.gl) {
        std::fprintf(stderr, "[recert] WebGL2 context creation failed: %s\n", SDL_GetError());
        recert_js_no_webgl2(); // the page says so (web/boot.js); nothing else starts
        return 1;
    }
    SDL_GL_MakeCurrent(p.window, p.gl);
    // The ImGui backend's reads of GL state are answered from memory (gl_state_cache.h), from the
    // start: a new context's values are known.
    int drawable_w = 0, drawable_h = 0;
    SDL_GL_GetDrawableSize(p.window, &drawable_w, &drawable_h);
    recert::gl_cache::seed_defaults(drawable_w, drawable_h);

    emscripten_async_call(startup_app, &p, 0); // then the atlas, the renderer and the main loop
    return 0; // the runtime stays (EXIT_RUNTIME=0); the platform is static
}
