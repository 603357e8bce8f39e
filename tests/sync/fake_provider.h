// An in-process fake of the provider API (provider-api.openapi.yaml) implementing sync::Transport for
// native tests: completions with a change sequence and cursors, tombstones, self-reports with
// idempotency keys, the PKCE token endpoint, and scripted faults for the next requests.
#pragma once

#include "core/sha256.h"
#include "sync/pkce.h"
#include "sync/protocol.h"
#include "sync/sync_state.h"
#include "sync/transport.h"

#include <nlohmann/json.hpp>

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace recert::test {

enum class Fault { none, error500, timeout, offline, too_many, too_many_long, truncated, malformed, duplicate,
                   refuse422, stored_then_500, cursor_expired, unauthorized };

struct FakeProvider final : sync::Transport {
    struct Item {
        sync::Completion c;
        long seq = 0;
    };
    std::vector<Item> items;
    long seq = 0;
    std::string token = "tok-123";
    std::string refresh = "refresh-0"; // the one refresh token that works now (rotated on each use)
    int rotations = 0;
    bool metadata = true;              // serves RFC 8414 metadata for the API base
    std::vector<std::string> revoked;  // bodies of revocation requests
    std::string deployment_config;     // served as https://app.test/recert.config.json ("" = 404)
    std::map<std::string, std::string> codes; // code -> challenge
    std::map<std::string, std::pair<std::string, std::string>> reports; // key -> (body, id)
    std::deque<Fault> faults;            // applied to the next requests, one each
    std::vector<std::pair<std::string, double>> log; // "GET /completions?..." and the time it was sent
    std::vector<std::string> auth_headers;
    std::vector<std::string> urls; // every URL requested, as sent (any origin: a hostile one too)
    double now = 0.0;
    bool cursors_expire = false;
    std::map<std::string, std::string> certificates; // completion id -> PDF bytes

    std::map<sync::RequestId, sync::HttpResponse> ready;
    sync::RequestId next = 1;

    void add(sync::Completion c) {
        c.etag = "\"" + std::to_string(++seq) + "\"";
        c.updated_at = "2025-03-01T10:00:00Z";
        for (auto& it : items)
            if (it.c.id == c.id) {
                it = {c, seq};
                return;
            }
        items.push_back({c, seq});
    }
    void revoke(const std::string& id) {
        sync::Completion t;
        t.id = id;
        t.status = sync::CompletionStatus::revoked;
        t.tombstone = true;
        add(t);
    }
    int requests(const std::string& prefix) const {
        int n = 0;
        for (const auto& [l, t] : log)
            n += l.rfind(prefix, 0) == 0;
        return n;
    }

    static sync::HttpResponse json(int status, std::string body) {
        sync::HttpResponse r;
        r.status = status;
        r.body = std::move(body);
        r.headers.emplace_back("content-type", status >= 400 ? "application/problem+json" : "application/json");
        return r;
    }
    static sync::HttpResponse problem(int status, const std::string& type, const std::string& detail) {
        return json(status, nlohmann::json{{"type", type}, {"title", "Error"}, {"status", status}, {"detail", detail}}.dump());
    }

    sync::HttpResponse handle(const sync::HttpRequest& q) {
        urls.push_back(q.url);
        std::string path = q.url.substr(q.url.find("/", 8));
        if (path.rfind("/api", 0) == 0)
            path = path.substr(4); // the API's base path
        log.emplace_back(q.method + " " + path, now);
        std::string auth;
        for (const auto& [k, v] : q.headers)
            if (k == "Authorization")
                auth = v;
        auth_headers.push_back(auth);
        Fault f = Fault::none;
        if (!faults.empty()) {
            f = faults.front();
            faults.pop_front();
        }
        sync::HttpResponse off;
        if (f == Fault::offline)
            return off;
        if (f == Fault::timeout) {
            off.timed_out = true;
            return off;
        }
        if (f == Fault::error500)
            return problem(500, "about:blank", "Internal error");
        if (f == Fault::unauthorized)
            return problem(401, "about:blank", "Unauthorized");
        if (f == Fault::too_many || f == Fault::too_many_long) {
            auto r = problem(429, "about:blank", "Slow down");
            r.headers.emplace_back("retry-after", f == Fault::too_many ? "2" : "3600");
            return r;
        }
        if (q.url == "https://app.test/recert.config.json")
            return deployment_config.empty() ? problem(404, "about:blank", "Not found") : json(200, deployment_config);
        // Discovery: RFC 8414's address for the API base ("/.well-known/oauth-authorization-server/api").
        if (path.rfind("/.well-known/", 0) == 0) {
            if (!metadata || path.find("oauth-authorization-server") == std::string::npos)
                return problem(404, "about:blank", "Not found");
            const std::string base = q.url.substr(0, q.url.find('/', 8)) + "/api";
            return json(200, nlohmann::json{{"issuer", base},
                                            {"authorization_endpoint", base + "/oauth/authorize"},
                                            {"token_endpoint", base + "/oauth/token"},
                                            {"revocation_endpoint", base + "/oauth/revoke"},
                                            {"code_challenge_methods_supported", {"S256"}}}
                                 .dump());
        }
        if (q.method == "POST" && path == "/oauth/revoke") {
            revoked.push_back(q.body);
            return json(200, "");
        }
        auto field = [&](const std::string& k) {
            auto at = q.body.find(k + "=");
            auto end = q.body.find('&', at);
            return at == std::string::npos ? std::string() : q.body.substr(at + k.size() + 1, end == std::string::npos ? std::string::npos : end - at - k.size() - 1);
        };
        if (q.method == "POST" && path == "/oauth/token" && field("grant_type") == "refresh_token") {
            if (field("refresh_token") != refresh || f == Fault::refuse422)
                return problem(400, "invalid_grant", "refresh token revoked or replayed");
            refresh = "refresh-" + std::to_string(++rotations); // rotation
            token = "tok-r" + std::to_string(rotations);
            return json(200, nlohmann::json{{"access_token", token}, {"token_type", "Bearer"}, {"expires_in", 3600},
                                            {"refresh_token", refresh}}.dump());
        }
        if (q.method == "POST" && path == "/oauth/token") {
            auto it = codes.find(field("code"));
            if (it == codes.end() || sync::code_challenge_s256(field("code_verifier")) != it->second)
                return problem(400, "invalid_grant", "bad code or verifier");
            codes.erase(it);
            return json(200, nlohmann::json{{"access_token", token}, {"token_type", "Bearer"}, {"expires_in", 3600},
                                            {"refresh_token", refresh}}.dump());
        }
        if (auth != "Bearer " + token)
            return problem(401, "about:blank", "Unauthorized");
        if (path == "/me")
            return json(200, R"({"id":"p-1","name":"Sam Trainer","credentials":[{"body":"ACSM","name":"CPT"}]})");
        if (q.method == "POST" && path == "/self-reports") {
            std::string key;
            for (const auto& [k, v] : q.headers)
                if (k == "Idempotency-Key")
                    key = v;
            if (key.empty())
                return problem(400, "about:blank", "Idempotency-Key required");
            if (f == Fault::refuse422)
                return problem(422, "about:blank", "This provider does not accept self-reports of this format");
            auto it = reports.find(key);
            const bool replay = it != reports.end();
            if (!replay)
                it = reports.emplace(key, std::make_pair(q.body, "sr-" + std::to_string(reports.size() + 1))).first;
            if (f == Fault::stored_then_500)
                return problem(500, "about:blank", "lost the answer");
            if (f == Fault::truncated)
                return json(201, "{\"id\":\"sr-");
            return json(replay ? 200 : 201, nlohmann::json{{"id", it->second.second}, {"status", "claimed"}}.dump());
        }
        if (q.method == "GET" && path.rfind("/completions/", 0) == 0) {
            const std::string id = path.substr(13, path.find("/certificate") - 13);
            auto it = certificates.find(id);
            if (it == certificates.end())
                return problem(404, "about:blank", "no certificate");
            sync::HttpResponse r;
            r.status = 200;
            r.body = it->second;
            return r;
        }
        if (q.method == "GET" && path.rfind("/completions?", 0) == 0) {
            long after = 0;
            std::size_t limit = 100;
            if (auto at = path.find("cursor=s"); at != std::string::npos)
                after = std::stol(path.substr(at + 8));
            if (auto at = path.find("limit="); at != std::string::npos)
                limit = std::stoul(path.substr(at + 6));
            if ((cursors_expire || f == Fault::cursor_expired) && path.find("cursor=") != std::string::npos) {
                cursors_expire = false;
                return problem(410, "https://recert.example/problems/cursor-expired", "The cursor has expired");
            }
            std::vector<const Item*> sorted;
            for (const auto& it : items)
                if (it.seq > after)
                    sorted.push_back(&it);
            std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->seq < b->seq; });
            nlohmann::json page_items = nlohmann::json::array();
            long last = after;
            for (std::size_t i = 0; i < sorted.size() && i < limit; ++i) {
                page_items.push_back(nlohmann::json::parse(sync::encode_completion(sorted[i]->c)));
                last = sorted[i]->seq;
            }
            if (f == Fault::duplicate && !page_items.empty())
                page_items.push_back(page_items.front());
            const bool more = sorted.size() > limit;
            std::string body = nlohmann::json{{"items", page_items}, {"nextCursor", "s" + std::to_string(last)}, {"hasMore", more}}.dump();
            if (f == Fault::truncated)
                body = body.substr(0, body.size() / 2);
            if (f == Fault::malformed && !page_items.empty()) {
                page_items[0]["credits"][0]["unit"] = "parsecs";
                body = nlohmann::json{{"items", page_items}, {"nextCursor", "s" + std::to_string(last)}, {"hasMore", more}}.dump();
            }
            auto r = json(200, body);
            r.headers.emplace_back("x-total-remaining", std::to_string(sorted.size() > limit ? sorted.size() - limit : 0));
            return r;
        }
        return problem(404, "about:blank", "not found");
    }

    sync::RequestId send(sync::HttpRequest request) override {
        const sync::RequestId id = next++;
        ready[id] = handle(request);
        return id;
    }
    std::optional<sync::HttpResponse> poll(sync::RequestId id) override {
        auto it = ready.find(id);
        if (it == ready.end())
            return std::nullopt;
        sync::HttpResponse r = std::move(it->second);
        ready.erase(it);
        return r;
    }
    void cancel(sync::RequestId id) override { ready.erase(id); }
};

// A completion as the demo provider would send it.
inline sync::Completion completion(int n, const char* course = nullptr) {
    sync::Completion c;
    c.id = "c-" + std::to_string(n);
    c.status = sync::CompletionStatus::awarded;
    c.title = "Course " + std::to_string(n);
    c.course_number = course ? course : "ACSM-" + std::to_string(1000 + n);
    c.provider_name = "ACSMceOnline";
    c.format = core::Format::online;
    c.completed_at = *core::Date::from_ymd(2025, 1 + n % 12, 1 + n % 28);
    c.credits.push_back({*core::Credits::parse("1.5"), core::Unit::cec, "ACSM", "general"});
    return c;
}

} // namespace recert::test
