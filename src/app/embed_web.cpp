// The app side of the embedding protocol: web/embed-app.js validates a host page's message and
// calls recert_embed_command(); this file parses it, dispatches on the command name and replies
// with JSON. Events go the other way through recert_embed_emit (EM_JS -> Module.recertEmbedEmit).
#include "app/embed_web.h"

#include <nlohmann/json.hpp>

#include <emscripten/emscripten.h>

#include <string>

using nlohmann::json;

namespace recert::app {
namespace {

struct Embed {
    ui::AppState* state = nullptr;
    void (*request_redraw)() = nullptr;
    std::string reply; // backing store of the last reply (recert_embed_command's return value)
};

Embed& embed() {
    static Embed e;
    return e;
}

json ok(json result) {
    return json{{"ok", true}, {"result", std::move(result)}};
}
json error(const std::string& message) {
    return json{{"ok", false}, {"error", message}};
}

const char* view_name(ui::View v) {
    switch (v) {
    case ui::View::dashboard:
        return "dashboard";
    }
    return "dashboard";
}

// [SECTION] Commands. Each takes the command's "args" object (possibly empty) and the state.

json cmd_get_summary(const json&, ui::AppState& state) {
    // The truth today: no storage yet, so no credentials and no activities are known.
    return ok(json{{"credentials", json::array()},
                   {"activityCount", 0},
                   {"version", state.version},
                   {"view", view_name(state.view)}});
}

json cmd_open_view(const json& args, ui::AppState& state) {
    const auto it = args.find("view");
    if (it == args.end() || !it->is_string())
        return error("openView needs args.view, a string (known views: dashboard)");
    const std::string name = it->get<std::string>();
    if (name == "dashboard") {
        state.view = ui::View::dashboard;
        // The host asked to see something: close dialogs that would cover it.
        state.show_about = false;
        state.show_shortcuts = false;
    } else {
        return error("unknown view '" + name + "' (known views: dashboard)");
    }
    if (embed().request_redraw)
        embed().request_redraw();
    return ok(json{{"view", view_name(state.view)}});
}

// Commands that need the storage layer. The lead wires them here, in one place, when it lands.
json cmd_not_available(const json&, ui::AppState&) {
    return error("not available yet: storage is not implemented");
}

struct Command {
    const char* name;
    json (*run)(const json& args, ui::AppState& state);
};

constexpr Command commands[] = {
    {"getSummary", cmd_get_summary},
    {"openView", cmd_open_view},
    {"addActivity", cmd_not_available},  // TODO(storage): validate + append to the log, emit "changed"
    {"exportBackup", cmd_not_available}, // TODO(storage): produce the backup file and start a download
};

json dispatch(const char* text) {
    if (!embed().state)
        return error("the app is not ready yet");
    if (!text)
        return error("malformed command: empty message");
    // allow_exceptions=false: a parse error yields a 'discarded' value instead of throwing.
    const json msg = json::parse(text, nullptr, false);
    if (msg.is_discarded() || !msg.is_object())
        return error("malformed command: expected a JSON object");
    const auto name_it = msg.find("command");
    if (name_it == msg.end() || !name_it->is_string())
        return error("malformed command: 'command' must be a string");
    const auto args_it = msg.find("args");
    static const json no_args = json::object();
    if (args_it != msg.end() && !args_it->is_object() && !args_it->is_null())
        return error("malformed command: 'args' must be an object");
    const json& args = (args_it == msg.end() || args_it->is_null()) ? no_args : *args_it;

    const std::string name = name_it->get<std::string>();
    for (const Command& c : commands)
        if (name == c.name)
            return c.run(args, *embed().state);
    std::string known;
    for (const Command& c : commands)
        known += (known.empty() ? "" : ", ") + std::string(c.name);
    return error("unknown command '" + name + "' (known: " + known + ")");
}

} // namespace

void embed_attach(ui::AppState& state, void (*request_redraw)()) {
    embed().state = &state;
    embed().request_redraw = request_redraw;
    // Module.recertEmbed is set by web/boot.js from the page URL (?embed=1&theme=dark).
    state.embedded = EM_ASM_INT({ return Module.recertEmbed && Module.recertEmbed.embedded ? 1 : 0; }) != 0;
    // clang-format would split the JavaScript === inside the macro:
    // clang-format off
    const int theme = EM_ASM_INT({
        const t = Module.recertEmbed && Module.recertEmbed.theme;
        return t === 'dark' ? 2 : t === 'light' ? 1 : 0;
    });
    // clang-format on
    if (theme == 1)
        state.settings.theme = ui::Theme::light;
    if (theme == 2)
        state.settings.theme = ui::Theme::dark;
}

} // namespace recert::app

// Forwards an event to web/embed-app.js, which posts it to the host page (if any).
EM_JS(void, recert_embed_emit, (const char* event, const char* data_json), {
    if (Module.recertEmbedEmit)
        Module.recertEmbedEmit(UTF8ToString(event), UTF8ToString(data_json));
});

void recert::app::embed_emit(const char* event, const std::string& data_json) {
    recert_embed_emit(event, data_json.c_str());
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* recert_embed_command(const char* text) {
    // dump() of a string that is not valid UTF-8 would throw; 'replace' keeps this call total.
    recert::app::embed().reply =
        recert::app::dispatch(text).dump(-1, ' ', false, json::error_handler_t::replace);
    return recert::app::embed().reply.c_str();
}
