// The app side of the embedding protocol (web/embed-app.js talks to a host page; this file
// carries out its commands on the AppState). One exported entry point, recert_embed_command.
#pragma once

#include "ui/app_state.h"

#include <string>

namespace recert::app {

// Connects the protocol to the app's one AppState and reads the embed settings boot.js put on
// Module.recertEmbed (embedded mode, theme). `request_redraw` is called after a command changed
// what is shown, since the main loop draws only on demand. Call once, before the first frame.
void embed_attach(ui::AppState& state, void (*request_redraw)());

// Remembers and announces the person's answer about the host page ('consent' event) once they
// gave or changed it (AppState::embed_consent.answered). Call after each frame.
void embed_tick(ui::AppState& state);

// Tells the host page about an event ("changed" when the person's data changed, "error", ...).
// `data_json` must be a JSON value (object) and is forwarded unchanged. A no-op when the app is
// not embedded (web/embed-app.js installs the receiving hook only in embedded mode).
void embed_emit(const char* event, const std::string& data_json);

// The storage situation as the embedding protocol names it: "first-party", "partitioned",
// "blocked", "session-only", or "opening" while it is not known yet.
const char* storage_name(ui::StorageWhere where);

} // namespace recert::app

extern "C" {
// Runs one command, given as JSON {"command": "<name>", "args": {...}}. Returns JSON
// {"ok": true, "result": ...} or {"ok": false, "error": "<plain words>"}. The returned pointer is
// valid until the next call. Never throws; malformed input yields an error reply and changes nothing.
const char* recert_embed_command(const char* json);
}
