// recert: the command-line evaluator. Checks a recert-log against the rule packs and prints each
// credential's status with per-activity explanations (text or JSON), or validates one rule pack.
// Exit codes: 0 success, 1 bad input (located message on stderr), 2 usage error.
#include "core/engine.h"
#include "core/explain.h"
#include "core/log_codec.h"
#include "core/renewal.h"
#include "core/rulepack_codec.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#ifndef RECERT_DEFAULT_PACK_DIR
#define RECERT_DEFAULT_PACK_DIR "assets/rulepacks"
#endif

using namespace recert::core;
using ojson = nlohmann::ordered_json;

namespace {

const char* usage_text =
    "usage:\n"
    "  recert evaluate --log LOG.json [--today YYYY-MM-DD] [--packs DIR] [--format text|json]\n"
    "  recert validate-pack FILE.json\n"
    "\n"
    "evaluate      prints each credential's status, progress, fee and why every activity counted or not\n"
    "validate-pack checks one rule pack against the schema (assets/rulepacks/README.md)\n";

int usage(const std::string& problem) {
    if (!problem.empty())
        std::cerr << "recert: " << problem << "\n";
    std::cerr << usage_text;
    return 2;
}

int input_error(const Error& e) {
    std::cerr << "recert: " << e.to_string() << "\n";
    return 1;
}

// The whole file as text, or a plain reason it cannot be read ("is a directory", "cannot open file").
Result<std::string> read_input(const std::string& path, const std::string& name) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return Error{name, "", "is a directory, not a log file"};
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        return Error{name, "", "cannot open file"};
    std::string text(static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg())), '\0');
    in.seekg(0);
    if (!in.read(text.data(), static_cast<std::streamsize>(text.size())))
        return Error{name, "", "cannot read file"};
    return text;
}

// A credential naming a body or a program no rule pack defines: located, so the log can be fixed
// (the evaluation would otherwise print it as unknown and exit 0).
std::optional<Error> unknown_program(const Log& log, const PackSet& packs, Date today,
                                     const std::string& name) {
    for (std::size_t i = 0; i < log.credentials.size(); ++i) {
        const Credential& c = log.credentials[i];
        if (c.body == "custom")
            continue;
        const std::string at = "/credentials/" + std::to_string(i);
        const RulePack* pack = packs.find(c.body, today);
        if (!pack)
            return Error{name, at + "/body", "no rule pack for body \"" + c.body + "\""};
        if (!pack->find_program(c.program)) {
            std::string known;
            for (const Program& p : pack->programs)
                known += (known.empty() ? "" : ", ") + p.id;
            return Error{name, at + "/program",
                         "unknown program \"" + c.program + "\" of " + pack->name + " (known: " + known +
                             ")"};
        }
    }
    return std::nullopt;
}

Date system_today() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return *Date::from_ymd(tm.tm_year + 1900, unsigned(tm.tm_mon + 1), unsigned(tm.tm_mday));
}

std::string title_of(const CredentialResult& r, const Credential& c) {
    if (!r.program)
        return c.body + "/" + c.program;
    std::string body = r.pack->body;
    for (auto& ch : body)
        ch = char(std::toupper(static_cast<unsigned char>(ch)));
    return (r.pack->body == "custom" ? std::string() : body + " ") + r.program->short_name + " - " +
           r.program->name;
}

void print_text(const Log& log, const Evaluation& ev, const Cart& cart) {
    std::cout << "Recert evaluation as of " << ev.today.to_string() << " (" << log.credentials.size()
              << " credentials, " << log.activities.size() << " activities)\n";
    for (std::size_t c = 0; c < log.credentials.size(); ++c) {
        const Credential& cred = log.credentials[c];
        const CredentialResult& r = ev.credentials[c];
        std::cout << "\n" << title_of(r, cred) << " [" << cred.id << "]\n";
        std::cout << "  Status: " << to_string(r.status);
        for (const auto& line : status_lines(r))
            std::cout << " | " << line;
        std::cout << "\n";
        if (!r.pack)
            continue;
        std::cout << "  Cycle: " << r.cycle.first.to_string() << " to " << r.cycle.last.to_string()
                  << " (credits earned " << r.window.first.to_string() << " to " << r.window.last.to_string()
                  << "), " << r.days_left << " days left\n";
        std::cout << "  Progress: " << progress_text(r) << " (applied " << r.applied.to_short_string() << " "
                  << r.pack->unit;
        if (r.pending > Credits())
            std::cout << ", +" << r.pending.to_short_string() << " pending";
        if (r.planned > Credits())
            std::cout << ", " << r.planned.to_short_string() << " planned";
        std::cout << ")\n";
        for (const auto& cp : r.categories) {
            std::cout << "  Category " << r.pack->categories[std::size_t(cp.category)].name << ": "
                      << cp.applied.to_short_string();
            if (cp.min)
                std::cout << " (min " << cp.min->to_short_string() << (cp.met ? ", met" : ", not met") << ")";
            if (cp.max)
                std::cout << " (max " << cp.max->to_short_string() << ")";
            std::cout << "\n";
        }
        if (r.min_distinct_categories > 0)
            std::cout << "  Categories used: " << r.distinct_categories << " of at least "
                      << r.min_distinct_categories << "\n";
        for (const auto& cap : r.caps)
            std::cout << "  Cap " << r.pack->caps[std::size_t(cap.cap)].label << " "
                      << (cap.year ? std::to_string(cap.year) : std::string("cycle")) << ": "
                      << cap.used.to_short_string() << " of " << cap.max.to_short_string() << "\n";
        for (const std::string& line : missing_minimums(r))
            std::cout << "  Missing: " << line << "\n";
        std::cout << "  " << fee_text(r) << "\n";
        std::cout << "  Activities:\n";
        for (const auto& e : ev.for_credential(c)) {
            const Activity& a = log.activities[e.activity];
            std::cout << "    " << a.earned.to_string() << " " << a.title << " [" << a.id
                      << "]: " << describe(e, ev, log.activities, log.credentials) << "\n";
        }
    }
    if (!cart.lines.empty()) {
        std::cout << "\nCart:\n";
        for (const auto& l : cart.lines)
            if (l.price_listed)
                std::cout << "  " << l.description << "  " << l.qty << "  " << l.unit_price.to_display() << "  "
                          << l.total.to_display() << "\n";
            else
                std::cout << "  " << l.description << "  " << l.qty << "  fee not listed by the body: check with them\n";
        if (!cart.unlisted)
            std::cout << "  Total " << cart.total.to_display() << "\n";
        else if (cart.total > Money())
            std::cout << "  Total " << cart.total.to_display() << " plus the fees not listed\n";
        else
            std::cout << "  Total: not listed (check with the body)\n";
    }
}

void print_json(const Log& log, const Evaluation& ev, const Cart& cart) {
    ojson out;
    out["today"] = ev.today.to_string();
    ojson creds = ojson::array();
    for (std::size_t c = 0; c < log.credentials.size(); ++c) {
        const Credential& cred = log.credentials[c];
        const CredentialResult& r = ev.credentials[c];
        ojson j;
        j["id"] = cred.id;
        j["body"] = cred.body;
        j["program"] = cred.program;
        j["status"] = std::string(to_string(r.status));
        j["status_lines"] = status_lines(r);
        if (!r.pack) {
            j["problem"] = r.problem;
            creds.push_back(std::move(j));
            continue;
        }
        j["unit"] = r.pack->unit;
        j["cycle"] = {{"start", r.cycle.first.to_string()}, {"end", r.cycle.last.to_string()}};
        j["window"] = {{"start", r.window.first.to_string()}, {"end", r.window.last.to_string()}};
        j["days_left"] = r.days_left;
        j["progress"] = progress_text(r);
        j["percent"] = r.percent;
        j["required"] = r.required.to_string();
        j["applied"] = r.applied.to_string();
        j["toward_required"] = r.toward_required.to_string();
        j["pending"] = r.pending.to_string();
        j["planned"] = r.planned.to_string();
        j["credits_complete"] = r.credits_complete;
        j["prerequisite"] = std::string(to_string(r.prerequisite));
        // null when the pack lists no fee: an unknown fee is not $0.00.
        j["fee_due"] = r.fee_listed ? ojson(r.fee_due.to_string()) : ojson(nullptr);
        j["fee"] = fee_text(r);
        ojson cats = ojson::array();
        for (const auto& cp : r.categories)
            cats.push_back({{"category", r.pack->categories[std::size_t(cp.category)].id},
                            {"applied", cp.applied.to_string()},
                            {"min", cp.min ? ojson(cp.min->to_string()) : ojson(nullptr)},
                            {"max", cp.max ? ojson(cp.max->to_string()) : ojson(nullptr)},
                            {"met", cp.met}});
        j["categories"] = std::move(cats);
        ojson caps = ojson::array();
        for (const auto& cap : r.caps)
            caps.push_back({{"cap", r.pack->caps[std::size_t(cap.cap)].id},
                            {"year", cap.year},
                            {"used", cap.used.to_string()},
                            {"max", cap.max.to_string()}});
        j["caps"] = std::move(caps);
        ojson ex = ojson::array();
        for (const auto& e : ev.for_credential(c))
            ex.push_back({{"activity", log.activities[e.activity].id},
                          {"reason", std::string(to_string(e.reason))},
                          {"converted", e.converted.to_string()},
                          {"applied", e.applied.to_string()},
                          {"text", describe(e, ev, log.activities, log.credentials)}});
        j["explanations"] = std::move(ex);
        creds.push_back(std::move(j));
    }
    out["credentials"] = std::move(creds);
    ojson lines = ojson::array();
    for (const auto& l : cart.lines)
        lines.push_back({{"credential", l.credential_id},
                         {"description", l.description},
                         {"qty", l.qty},
                         {"unit_price", l.price_listed ? ojson(l.unit_price.to_string()) : ojson(nullptr)},
                         {"total", l.price_listed ? ojson(l.total.to_string()) : ojson(nullptr)}});
    // total: of the listed fees; null when no line's fee is listed (an unknown total is not 0.00).
    const bool none_listed = cart.unlisted && !(cart.total > Money());
    out["cart"] = {{"lines", std::move(lines)},
                   {"total", none_listed ? ojson(nullptr) : ojson(cart.total.to_string())},
                   {"fees_not_listed", cart.unlisted}};
    std::cout << out.dump(2, ' ', false, ojson::error_handler_t::replace) << "\n";
}

int cmd_evaluate(const std::vector<std::string>& args) {
    std::string log_path, packs_dir = RECERT_DEFAULT_PACK_DIR, format = "text";
    std::optional<Date> today;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto value = [&](const char* flag) -> const std::string* {
            if (i + 1 >= args.size())
                return nullptr;
            (void)flag;
            return &args[++i];
        };
        const std::string& a = args[i];
        const std::string* v = nullptr;
        if (a == "--log" && (v = value("--log")))
            log_path = *v;
        else if (a == "--packs" && (v = value("--packs")))
            packs_dir = *v;
        else if (a == "--format" && (v = value("--format")))
            format = *v;
        else if (a == "--today" && (v = value("--today"))) {
            today = Date::parse(*v);
            if (!today)
                return usage("--today: expected a date like 2025-03-11, got \"" + *v + "\"");
        } else
            return usage("unexpected argument \"" + a + "\"");
    }
    if (log_path.empty())
        return usage("evaluate needs --log LOG.json");
    if (format != "text" && format != "json")
        return usage("--format must be text or json");

    const std::string log_name = std::filesystem::path(log_path).filename().string();
    Result<Log> log = [&]() -> Result<Log> {
        Result<std::string> text = read_input(log_path, log_name);
        if (!text)
            return text.error();
        return decode_log(text.value(), log_name); // (deep nesting is refused before any parse)
    }();
    if (!log)
        return input_error(log.error());
    auto packs = load_rulepack_dir(packs_dir);
    if (!packs)
        return input_error(packs.error());

    const Log& l = log.value();
    const Date day = today ? *today : system_today();
    if (std::optional<Error> e = unknown_program(l, packs.value(), day, log_name))
        return input_error(*e);
    Evaluation ev = evaluate(packs.value(), l.credentials, l.activities, day);
    Cart cart = build_cart(ev, l.credentials);
    if (format == "json")
        print_json(l, ev, cart);
    else
        print_text(l, ev, cart);
    return 0;
}

int cmd_validate_pack(const std::vector<std::string>& args) {
    if (args.size() != 1)
        return usage("validate-pack needs exactly one FILE");
    auto pack = load_rulepack_file(args[0]);
    if (!pack)
        return input_error(pack.error());
    const RulePack& p = pack.value();
    std::cout << "ok: " << p.file << " (" << p.body << " " << p.version << ", " << p.programs.size()
              << " programs, " << p.caps.size() << " caps, " << p.sources.size() << " sources)\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h")
        return args.empty() ? usage("") : (std::cout << usage_text, 0);
    std::string cmd = args[0];
    args.erase(args.begin());
    try {
        if (cmd == "evaluate")
            return cmd_evaluate(args);
        if (cmd == "validate-pack")
            return cmd_validate_pack(args);
    } catch (const std::exception& e) { // ArithmeticOverflow: the limits keep logs far from it
        std::cerr << "recert: " << e.what() << "\n";
        return 1;
    }
    return usage("unknown command \"" + cmd + "\"");
}
