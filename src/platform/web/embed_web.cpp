// The app side of the embedding protocol: web/embed-app.js validates a host page's message and
// calls recert_embed_command(); this file parses it, dispatches on the command name and replies
// with JSON. Events go the other way through recert_embed_emit (recert_web.js -> Module.recertEmbedEmit).
#include "platform/web/embed_web.h"

#include "core/explain.h"
#include "core/validate.h"
#include "ui/format.h"

#include <nlohmann/json.hpp>

#include "platform/web/js_api.h"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

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
json error(const char* code, const std::string& message) {
    return json{{"ok", false}, {"code", code}, {"error", message}};
}

// Why a command that needs the records cannot run now (codes documented in web/embed.js), or
// nullopt when the records are open.
std::optional<json> records_unavailable(const ui::AppState& state) {
    if (state.data.loaded)
        return std::nullopt;
    if (state.storage.where == ui::StorageWhere::blocked)
        return error("storage_blocked", "Recert cannot keep records inside this page: the browser refuses storage "
                                        "to it. The person can allow it, open Recert in its own tab, or use it "
                                        "for this visit only.");
    if (!state.data.load_error.empty())
        return error("storage_failed", state.data.load_error);
    return error("not_ready", "Recert is still opening the records");
}

// Commands that write or export need the person's yes for this host (or the deployment's trust),
// and writes come at most `write_burst` a minute. Returns why not, or nullopt to go ahead.
constexpr int write_burst = 20;
constexpr double burst_window_ms = 60'000.0;

std::optional<json> consent_problem(ui::AppState& state) {
    ui::EmbedConsent& c = state.embed_consent;
    // No host page: the call comes from Recert's own page (its origin, its scripts).
    if (c.host.empty() || c.trusted || c.decision == ui::EmbedConsent::Decision::allowed)
        return std::nullopt;
    if (c.decision == ui::EmbedConsent::Decision::denied)
        return error("consent_denied", "The person did not allow " + c.host +
                                           " to add to their records or start downloads (they can change this in "
                                           "Recert's Settings).");
    if (!c.asking) {
        c.asking = true;
        if (embed().request_redraw)
            embed().request_redraw();
    }
    return error("consent_required", "Recert is asking the person whether " + c.host +
                                         " may add to their records and start downloads; the 'consent' event "
                                         "tells their answer.");
}

std::optional<json> burst_problem(const ui::AppState& state) {
    if (state.embed_consent.host.empty())
        return std::nullopt; // Recert's own page
    static std::vector<double> recent; // times of the host page's writes in the last minute
    const double now = emscripten_get_now();
    std::erase_if(recent, [&](double t) { return now - t > burst_window_ms; });
    if (recent.size() >= static_cast<std::size_t>(write_burst)) {
        const int wait_s = static_cast<int>((burst_window_ms - (now - recent.front())) / 1000.0) + 1;
        return error("rate_limited", "Too many activities at once: Recert takes at most " +
                                         std::to_string(write_burst) + " a minute from a host page; try again in " +
                                         std::to_string(wait_s) + " s.");
    }
    recent.push_back(now);
    return std::nullopt;
}

struct ViewName {
    ui::View view;
    const char* name;
};
constexpr ViewName view_names[] = {
    {ui::View::dashboard, "dashboard"}, {ui::View::activities, "activities"}, {ui::View::planner, "planner"},
    {ui::View::renewal, "renewal"},     {ui::View::audit, "audit"},           {ui::View::settings, "settings"},
};
constexpr const char* known_views = "dashboard, activities, planner, renewal, audit, settings";

const char* view_name(ui::View v) {
    for (const ViewName& n : view_names)
        if (n.view == v) return n.name;
    return "dashboard";
}

} // namespace

const char* storage_name(ui::StorageWhere where) {
    switch (where) {
    case ui::StorageWhere::first_party: return "first-party";
    case ui::StorageWhere::partitioned: return "partitioned";
    case ui::StorageWhere::blocked: return "blocked";
    case ui::StorageWhere::session_only: return "session-only";
    case ui::StorageWhere::unknown: break;
    }
    return "opening";
}

namespace {

// [SECTION] Commands. Each takes the command's "args" object (possibly empty) and the state.

json cmd_get_summary(const json&, ui::AppState& state) {
    const ui::DataView& d = state.data;
    json creds = json::array();
    for (std::size_t c = 0; c < d.log.credentials.size() && c < d.evaluation.credentials.size(); ++c) {
        const core::CredentialResult& r = d.evaluation.credentials[c];
        creds.push_back(json{{"id", d.log.credentials[c].id},
                             {"body", d.log.credentials[c].body},
                             {"program", d.log.credentials[c].program},
                             {"status", std::string(core::to_string(r.status))},
                             {"percent", r.percent},
                             {"applied", r.toward_required.to_string()},
                             {"required", r.required.to_string()},
                             {"unit", r.pack ? r.pack->unit : ""},
                             {"cycleEnd", r.cycle.last.to_string()},
                             {"daysLeft", r.days_left}});
    }
    return ok(json{{"credentials", std::move(creds)},
                   {"activityCount", d.log.activities.size()},
                   {"loaded", d.loaded},
                   {"storage", storage_name(state.storage.where)},
                   {"version", state.version},
                   {"view", view_name(state.view)}});
}

json cmd_open_view(const json& args, ui::AppState& state) {
    const auto it = args.find("view");
    if (it == args.end() || !it->is_string())
        return error(std::string("openView needs args.view, a string (known views: ") + known_views + ")");
    const std::string name = it->get<std::string>();
    const ViewName* found = nullptr;
    for (const ViewName& n : view_names)
        if (name == n.name) found = &n;
    if (!found) return error("unknown view '" + name + "' (known views: " + known_views + ")");
    state.view = found->view;
    state.view_changed = true;
    // The host asked to see something: close dialogs that would cover it.
    state.show_about = false;
    state.show_shortcuts = false;
    if (embed().request_redraw)
        embed().request_redraw();
    return ok(json{{"view", view_name(state.view)}});
}

// addActivity {activity: {title, provider?, earned "YYYY-MM-DD", amount "1.5", unit?, format?,
// category?, courseNumber?, approval?}} (or the same fields directly in args): validated like the self-reporting form, then saved; the host gets
// a "changed" event once it is stored.
json cmd_add_activity(const json& raw_args, ui::AppState& state) {
    // embed.js sends {activity: {...}}; the fields may also come directly in args.
    const auto wrapped = raw_args.find("activity");
    if (wrapped != raw_args.end() && !wrapped->is_object()) return error("args.activity must be an object");
    const json& args = wrapped != raw_args.end() ? *wrapped : raw_args;
    auto str = [&](const char* key, std::string& out) -> std::optional<std::string> {
        const auto it = args.find(key);
        if (it == args.end()) return std::nullopt;
        if (!it->is_string()) return std::string("args.") + key + " must be a string";
        out = it->get<std::string>();
        return std::nullopt;
    };
    core::Activity a;
    std::string earned, amount = "", unit = "cec", format = "other";
    for (auto [key, target] : {std::pair{"title", &a.title}, {"provider", &a.provider}, {"earned", &earned},
                               {"amount", &amount}, {"unit", &unit}, {"format", &format}, {"category", &a.category},
                               {"courseNumber", &a.course_number}, {"approval", &a.provider_approval}}) {
        if (auto problem = str(key, *target)) return error(*problem);
    }
    const auto day = core::Date::parse(earned);
    if (!day) return error("args.earned must be a date like 2025-03-11");
    const auto credits = core::Credits::parse(amount);
    if (!credits) return error("args.amount must be a decimal string like \"1.5\"");
    const auto u = core::parse_unit(unit);
    if (!u) return error("args.unit '" + unit + "' is not a known unit (cec, ceu, cme, contact_hour, cpe, pdh, ...)");
    const auto f = core::parse_format(format);
    if (!f) return error("args.format '" + format + "' is not a known format (live, online, home_study, ...)");
    // The shape is checked first (above); saving needs the records open and the person's yes.
    if (auto why = records_unavailable(state)) return *why;
    if (auto why = consent_problem(state)) return *why;
    a.id = ui::new_uuid(state.data.generation ^ 0x5eedull);
    a.rev = 0;
    a.earned = *day;
    a.amount = *credits;
    a.unit = *u;
    a.format = *f;
    a.status = core::ActivityStatus::posted;
    a.source = core::ActivitySource::imported;
    if (auto problems = core::validate_activity(a, state.data.today); !problems.empty())
        return error(problems.front().field + ": " + problems.front().message);
    if (auto why = burst_problem(state)) return *why;
    state.intents.push_back(ui::SaveActivity{a, {}});
    if (embed().request_redraw)
        embed().request_redraw();
    return ok(json{{"id", a.id}, {"saving", true}});
}

// exportBackup {json?: bool}: starts the backup download (ZIP with evidence, or the JSON log).
json cmd_export_backup(const json& args, ui::AppState& state) {
    bool json_only = false;
    if (auto it = args.find("json"); it != args.end()) {
        if (!it->is_boolean()) return error("args.json must be true or false");
        json_only = it->get<bool>();
    }
    if (auto why = records_unavailable(state)) return *why;
    if (auto why = consent_problem(state)) return *why;
    state.intents.push_back(ui::ExportBackup{json_only});
    if (embed().request_redraw)
        embed().request_redraw();
    return ok(json{{"started", true}, {"format", json_only ? "json" : "zip"}});
}

struct Command {
    const char* name;
    json (*run)(const json& args, ui::AppState& state);
};

constexpr Command commands[] = {
    {"getSummary", cmd_get_summary},
    {"openView", cmd_open_view},
    {"addActivity", cmd_add_activity},
    {"exportBackup", cmd_export_backup},
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
    // Module.recertEmbed is set by web/boot.js from the page URL (?embed=1&theme=dark); the accent
    // (#rrggbb) is checked by boot.js and again by recert_js_embed_option.
    state.embedded = recert_js_embed_option(0) != 0;
    const int theme = recert_js_embed_option(1);
    state.embed_accent_rgb = recert_js_embed_option(2);
    state.embed_compact = recert_js_embed_option(3) != 0;
    if (theme == 1)
        state.settings.theme = ui::Theme::light;
    if (theme == 2)
        state.settings.theme = ui::Theme::dark;
    // The host page that talks to Recert (web/embed-app.js checked it), and what was decided for it.
    if (char* host = recert_js_embed_host()) {
        state.embed_consent.host = host;
        std::free(host);
    }
    if (!state.embed_consent.host.empty()) {
        state.embed_consent.trusted = recert_js_embed_option(5) != 0;
        const int remembered = recert_js_consent_get(state.embed_consent.host.c_str());
        state.embed_consent.decision = remembered == 1   ? ui::EmbedConsent::Decision::allowed
                                       : remembered == 2 ? ui::EmbedConsent::Decision::denied
                                                         : ui::EmbedConsent::Decision::ask;
    }
}

void embed_tick(ui::AppState& state) {
    ui::EmbedConsent& c = state.embed_consent;
    if (!c.answered)
        return;
    c.answered = false;
    const int code = c.decision == ui::EmbedConsent::Decision::allowed  ? 1
                     : c.decision == ui::EmbedConsent::Decision::denied ? 2
                                                                        : 0;
    recert_js_consent_set(c.host.c_str(), code);
    embed_emit("consent", json{{"host", c.host},
                               {"decision", code == 1 ? "allowed" : code == 2 ? "denied" : "ask"}}
                              .dump());
}

} // namespace recert::app


void recert::app::embed_emit(const char* event, const std::string& data_json) {
    recert_js_embed_emit(event, data_json.c_str());
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* recert_embed_command(const char* text) {
    // dump() of a string that is not valid UTF-8 would throw; 'replace' keeps this call total.
    recert::app::embed().reply =
        recert::app::dispatch(text).dump(-1, ' ', false, json::error_handler_t::replace);
    return recert::app::embed().reply.c_str();
}
