// Every JavaScript function the app calls: the one browser library, recert_web.js, section by
// section. Each call starts work or reads a value at once; results of asynchronous work come back
// through the exported recert_* C functions named in each section, followed by Module.recertWake().
#pragma once

#include <cstdint>

extern "C" {

// [SECTION] Files (results: recert_file_arrived in files_web.cpp)
// kind: "evidence" or "import" (the accepted types); purpose is handed back with the file.
void recert_js_pick_file(const char* kind, int purpose, const char* target);
void recert_js_install_drop();
void recert_js_download(const char* name, const char* mime, const char* data, int len);
void recert_js_open_html(const char* data, int len);
char* recert_js_sibling_url(const char* name); // malloc'ed; the caller frees it
void recert_js_random(std::uint8_t* ptr, int n);
// A ZIP written in the page (fflate) and offered as a download: begin, add each file, download.
void recert_js_zip_begin();
void recert_js_zip_add(const char* path, const std::uint8_t* data, int len);
void recert_js_zip_download(const char* name);
// Fetches fflate.js now (it is otherwise loaded the first time a ZIP is read or written).
void recert_js_zip_prepare();
// The limits of a backup ZIP's reader, RecertZip (storage/restore.h): bytes of log.json/manifest.json,
// of one evidence file, of everything, and the number of entries.
void recert_js_zip_limits(double max_text, double max_file, double max_total, int max_entries);
// Reads a backup ZIP for the visit-only store (results: recert_zip_entry for each entry, then
// recert_zip_done; recert_zip_progress on the way). Cancel stops it at its next slice.
void recert_js_zip_read(double req, const char* name, const std::uint8_t* data, int len);
void recert_js_zip_cancel(double req);

// [SECTION] IndexedDB (results: recert_store_event in store_web.cpp)
void recert_idb_open(int handle, const char* name);
void recert_idb_close(int handle);
void recert_idb_request_access(int handle, const char* name);
// `records`: the rows' JSON, a line each, as UTF-8 bytes (a sync page's is ~700 KB: read by length,
// not scanned for its end).
void recert_idb_commit(int handle, double req, const char* records, int records_len, const char* meta);
void recert_idb_stage_bytes(int handle, const char* sha, const std::uint8_t* data, int len, const char* mime);
void recert_idb_unstage(int handle, const char* sha);
void recert_idb_pick_evidence(int handle, double req, double max_bytes);
void recert_idb_open_attachment(int handle, double req, const char* sha, int download);
void recert_idb_export(int handle, double req, int zip, const char* log_text, const char* manifest,
                       const char* file_name, const char* today);
void recert_idb_read_backup(int handle, double req, const char* name, const std::uint8_t* data, int len);
void recert_idb_pick_backup(int handle, double req);
void recert_idb_drop_restore(int handle);
// entries_json: [{path, sha256} | {path, size}]; the entries with a size are texts, whose bytes
// follow one another in texts[0, texts_len).
void recert_idb_export_zip(int handle, double req, const char* file_name, const char* entries_json,
                           const std::uint8_t* texts, int texts_len);

// [SECTION] Sync (results: recert_sync_event in sync_store_web.cpp)
void recert_syncdb_load(int handle, double req, const char* db);
void recert_syncdb_save(int handle, double req, const char* db, const char* provider, const char* json,
                        const char* outbox_json);
int recert_sync_lock_request();
int recert_sync_lock_state(int id);
void recert_sync_lock_release(int id);
void recert_sync_session_set(const char* key, const char* value);
char* recert_sync_session_take(const char* key);
void recert_sync_navigate(const char* url);
char* recert_sync_take_redirect();
// DPoP and "Stay signed in" (results: recert_auth_event in transport_web.cpp): a proof for one
// request (method, URL, access token or ""), the kept refresh token ("" = none), keeping or (with "")
// forgetting it. The key and the kept token live in the `recert-auth` database, never in `recert`.
void recert_auth_dpop_proof(double req, const char* method, const char* url, const char* access_token);
void recert_auth_load(double req);
void recert_auth_keep(const char* refresh_token);

// [SECTION] Accessibility mirror (results: recert_a11y_focus, recert_a11y_action in a11y_web.cpp)
void recert_js_a11y_update(const char* json, int len, double scale);
// Calls recert_a11y_flush() after `ms`.
void recert_js_a11y_flush_later(double ms);

// [SECTION] Page (results: recert_work_tick, recert_frame_due, recert_text_arrived, recert_embed_command)
void recert_js_install_wake();
// The person's display settings as bits (1 prefers-reduced-motion, 2 prefers-contrast: more,
// 4 forced-colors); each later change calls recert_display_changed(bits).
int recert_js_watch_display();
// The browser's preferred language tag ("en-US", navigator.languages[0]); malloc'ed, the caller frees.
char* recert_js_locale();
void recert_js_wake();
void recert_js_wake_later();
// One frame in `ms` (recert_frame_due), replacing the one asked for before: the caret's blink and a
// message's expiry while the main loop is paused.
void recert_js_frame_later(double ms);
double recert_js_frame_cost(double frame_start);
void recert_js_first_frame();
// No WebGL 2 context could be made: the page says so in plain words (web/boot.js).
void recert_js_no_webgl2();
int recert_js_test_hooks();
double recert_js_url_number(const char* name, double fallback);
int recert_js_embed_option(int which); // 0 embedded, 1 theme, 2 accent, 3 compact, 4 storage: session,
                                       // 5 the host is trusted by the deployment (<meta name="recert-embed-trusted">)
// The embedding page's origin once web/embed-app.js accepted it, else null; malloc'ed, the caller frees.
char* recert_js_embed_host();
// The person's answer for a host, remembered in this browser: 0 not asked, 1 allowed, 2 denied.
int recert_js_consent_get(const char* host);
void recert_js_consent_set(const char* host, int decision);
// Opens Recert at the top level in a new tab (its own storage), with the host's theme and accent.
void recert_js_open_own_tab();
void recert_js_embed_emit(const char* event, const char* data_json);
void recert_js_clipboard_write(const char* text);
// A per-browser flag kept in localStorage (0 where there is none).
int recert_js_flag_get(const char* name);
void recert_js_flag_set(const char* name);
void recert_js_install_text_input();
void recert_js_focus_text_input(int on, std::uint32_t id); // id: the ImGui field's mirror, if any
}
