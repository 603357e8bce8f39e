// Sync's persisted state: see sync_state.h.
#include "sync/sync_state.h"

#include "core/json_read.h"
#include "sync/decode.h"

namespace recert::sync {
namespace {

using core::detail::child;
using core::detail::DecodeError;
using core::detail::fail;
using core::detail::json;
using core::detail::ObjectReader;

using detail::decode;

json credits_json(const Completion& c) {
    json a = json::array();
    for (const CreditAward& k : c.credits)
        a.push_back({{"amount", k.amount.to_string()},
                     {"unit", std::string(core::to_string(k.unit))},
                     {"accreditingBody", k.accrediting_body},
                     {"category", k.category}});
    return a;
}

} // namespace

bool is_pushed_or_queued(const ProviderState& s, const std::string& activity_id) {
    for (const auto& e : s.outbox)
        if (e.activity_id == activity_id)
            return true;
    for (const auto& [id, remote] : s.pushed)
        if (id == activity_id)
            return true;
    return false;
}

std::string encode_completion(const Completion& c) {
    json j = {{"id", c.id}, {"etag", c.etag}, {"updatedAt", c.updated_at}, {"status", std::string(to_string(c.status))}};
    if (c.tombstone) {
        j["tombstone"] = true;
        return j.dump();
    }
    j["activity"] = {{"courseNumber", c.course_number}, {"title", c.title},
                     {"format", std::string(core::to_string(c.format))}, {"providerName", c.provider_name},
                     {"accreditor", c.accreditor}, {"approvalNumber", c.approval_number}};
    j["completedAt"] = c.completed_at.to_string();
    j["credits"] = credits_json(c);
    if (c.certificate)
        j["certificate"] = {{"url", c.certificate->url}, {"sha256", c.certificate->sha256}};
    return j.dump();
}

std::string encode_provider_state(const ProviderState& s) {
    json held = json::array();
    for (const HeldItem& h : s.held)
        held.push_back({{"completion", json::parse(encode_completion(h.completion))},
                        {"local_id", h.local_id},
                        {"local_title", h.local_title},
                        {"reason", h.reason}});
    json pushed = json::array();
    for (const auto& [id, remote] : s.pushed)
        pushed.push_back({{"activity_id", id}, {"remote_id", remote}});
    json j = {{"format", "recert-sync-state"}, {"version", 1},     {"provider", s.provider},
              {"cursor", s.cursor},            {"last_synced", s.last_synced}, {"account", s.account},
              {"held", held},                  {"skipped", s.skipped}, {"pushed", pushed}};
    return j.dump();
}

core::Result<ProviderState> decode_provider_state(std::string_view text) {
    return decode<ProviderState>(text, "sync state", [](const json& root) {
        ObjectReader r(root, "");
        if (r.str("format") != "recert-sync-state")
            fail(r.at("format"), "expected \"recert-sync-state\"");
        if (r.integer("version", 1, 1000, "a positive integer") != 1)
            fail(r.at("version"), "unsupported sync state version");
        ProviderState s;
        s.provider = r.str("provider");
        s.cursor = r.opt_str("cursor");
        s.last_synced = r.opt_str("last_synced");
        s.account = r.opt_str("account");
        if (const json* hs = r.opt_array("held")) {
            for (std::size_t i = 0; i < hs->size(); ++i) {
                ObjectReader hr((*hs)[i], child(r.at("held"), i));
                HeldItem h;
                auto page = decode_completions("{\"items\":[" + hr.need("completion").dump() + "]}");
                if (!page)
                    fail(hr.at("completion"), page.error().path + ": " + page.error().message);
                h.completion = page.value().items.front();
                h.local_id = hr.opt_str("local_id");
                h.local_title = hr.opt_str("local_title");
                h.reason = hr.opt_str("reason");
                hr.finish();
                s.held.push_back(std::move(h));
            }
        }
        s.skipped = r.opt_string_list("skipped");
        if (const json* ps = r.opt_array("pushed")) {
            for (std::size_t i = 0; i < ps->size(); ++i) {
                ObjectReader pr((*ps)[i], child(r.at("pushed"), i));
                std::string id = pr.str("activity_id");
                std::string remote = pr.str("remote_id");
                pr.finish();
                s.pushed.emplace_back(std::move(id), std::move(remote));
            }
        }
        r.finish();
        return s;
    });
}

std::string encode_outbox_entry(const OutboxEntry& e) {
    return json{{"key", e.key}, {"activity_id", e.activity_id}, {"title", e.title}, {"body", e.body},
                {"refused", e.refused}}
        .dump();
}

core::Result<OutboxEntry> decode_outbox_entry(std::string_view text) {
    return decode<OutboxEntry>(text, "outbox entry", [](const json& root) {
        ObjectReader r(root, "");
        OutboxEntry e;
        e.key = r.str("key");
        if (e.key.empty())
            fail(r.at("key"), "must not be empty");
        e.activity_id = r.str("activity_id");
        e.title = r.opt_str("title");
        e.body = r.str("body");
        e.refused = r.opt_str("refused");
        r.finish();
        return e;
    });
}

std::string encode_config(const SyncConfig& c) {
    json j{{"base_url", c.base_url}, {"client_id", c.client_id}};
    if (!c.token_endpoint.empty()) {
        j["authorization_endpoint"] = c.authorization_endpoint;
        j["token_endpoint"] = c.token_endpoint;
        j["revocation_endpoint"] = c.revocation_endpoint;
        j["dpop"] = c.dpop;
    }
    return j.dump();
}

core::Result<SyncConfig> decode_config(std::string_view text) {
    return decode<SyncConfig>(text, "sync settings", [](const json& root) {
        ObjectReader r(root, "");
        SyncConfig c;
        c.base_url = r.opt_str("base_url");
        c.client_id = r.opt_str("client_id");
        c.authorization_endpoint = r.opt_str("authorization_endpoint");
        c.token_endpoint = r.opt_str("token_endpoint");
        c.revocation_endpoint = r.opt_str("revocation_endpoint");
        c.dpop = r.opt_bool("dpop", false);
        // Settings saved before discovery have no endpoints: the provider is found again on sign-in.
        for (const char* k : {"authorization_endpoint", "token_endpoint", "revocation_endpoint"})
            if (std::string v = r.opt_str(k); !v.empty() && url_origin(v).empty())
                fail(r.at(k), "expected an http or https address");
        r.finish();
        return c;
    });
}

} // namespace recert::sync
