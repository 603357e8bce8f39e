// The IndexedDB SyncStore and browser platform helpers: see sync_store_web.h and recert_web.js (Sync section).
#include "platform/web/sync_store_web.h"

#include "core/json_read.h"

#include <cstdlib>
#include <functional>
#include <map>

#include "platform/web/js_api.h"

namespace recert::sync {
namespace {

using core::detail::json;

std::string take_text(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}

constexpr const char* config_key = "__settings__";

class WebSyncStore final : public SyncStore {
  public:
    explicit WebSyncStore(std::string db) : m_db(std::move(db)) {}

    SyncOpId load() override { return track(recert_syncdb_load(m_db.c_str()), [this](const std::string& t) { return apply_load(t); }); }
    SyncOpId save_config(const SyncConfig& c) override {
        const std::string text = encode_config(c);
        return track(recert_syncdb_save(m_db.c_str(), config_key, text.c_str(), nullptr), [this, c](const std::string&) {
            m_disk.config = c;
            return std::string();
        });
    }
    SyncOpId save_provider(const ProviderState& s) override {
        json rows = json::array();
        for (const OutboxEntry& e : s.outbox)
            rows.push_back(encode_outbox_entry(e));
        const std::string state = encode_provider_state(s), outbox = rows.dump();
        return track(recert_syncdb_save(m_db.c_str(), s.provider.c_str(), state.c_str(), outbox.c_str()),
                     [this, s](const std::string&) {
                         m_disk.providers[s.provider] = s;
                         return std::string();
                     });
    }
    StoreOp state(SyncOpId id) const override {
        auto it = m_ops.find(id);
        return it == m_ops.end() ? StoreOp::failed : it->second.state;
    }
    std::string error(SyncOpId id) const override {
        auto it = m_ops.find(id);
        return it == m_ops.end() ? "unknown operation" : it->second.error;
    }
    void poll() override {
        for (auto& [id, op] : m_ops) {
            if (op.state != StoreOp::pending)
                continue;
            const int st = recert_sync_state(op.req);
            if (st == 0)
                continue;
            const std::string text = take_text(recert_sync_take(op.req));
            if (st == 1) {
                op.error = op.on_ok(text);
            } else {
                op.error = text.empty() ? "storage error" : text;
            }
            op.state = op.error.empty() ? StoreOp::ok : StoreOp::failed;
        }
    }
    const SyncDisk& disk() const override { return m_disk; }

  private:
    struct Op {
        int req = 0;
        StoreOp state = StoreOp::pending;
        std::string error;
        std::function<std::string(const std::string&)> on_ok;
    };
    SyncOpId track(int req, std::function<std::string(const std::string&)> on_ok) {
        const SyncOpId id = m_next++;
        m_ops[id] = Op{req, StoreOp::pending, {}, std::move(on_ok)};
        return id;
    }
    std::string apply_load(const std::string& text) {
        SyncDisk disk;
        try {
            const json j = json::parse(text);
            if (j.at("config").is_string()) {
                auto c = decode_config(j.at("config").get<std::string>());
                if (!c)
                    return c.error().to_string();
                disk.config = c.value();
            }
            for (const json& row : j.at("cursors")) {
                auto s = decode_provider_state(row.at("json").get<std::string>());
                if (!s)
                    return s.error().to_string();
                disk.providers[s.value().provider] = s.value();
            }
            for (const json& row : j.at("outbox")) {
                auto e = decode_outbox_entry(row.at("json").get<std::string>());
                if (!e)
                    return e.error().to_string();
                const std::string provider = row.at("provider").get<std::string>();
                disk.providers[provider].provider = provider;
                disk.providers[provider].outbox.push_back(e.value());
            }
        } catch (const std::exception& e) {
            return std::string("damaged sync rows (") + e.what() + ")";
        }
        m_disk = std::move(disk);
        return {};
    }

    std::string m_db;
    std::map<SyncOpId, Op> m_ops;
    SyncOpId m_next = 1;
    SyncDisk m_disk;
};

} // namespace

std::unique_ptr<SyncStore> make_indexeddb_sync_store(std::string db_name) {
    return std::make_unique<WebSyncStore>(std::move(db_name));
}

std::vector<std::uint8_t> web_random_bytes(std::size_t n) {
    std::vector<std::uint8_t> b(n);
    if (n)
        recert_js_random(b.data(), static_cast<int>(n));
    return b;
}
int web_lock_request() { return recert_sync_lock_request(); }
int web_lock_state(int id) { return recert_sync_lock_state(id); }
void web_lock_release(int id) { recert_sync_lock_release(id); }
void web_navigate(const std::string& url) { recert_sync_navigate(url.c_str()); }
void web_session_set(const std::string& key, const std::string& value) { recert_sync_session_set(key.c_str(), value.c_str()); }
std::string web_session_take(const std::string& key) { return take_text(recert_sync_session_take(key.c_str())); }

RedirectAnswer web_take_redirect() {
    RedirectAnswer a;
    try {
        const json j = json::parse(take_text(recert_sync_take_redirect()));
        a.code = j.value("code", "");
        a.state = j.value("state", "");
        a.error = j.value("error", "");
        a.redirect_uri = j.value("redirect_uri", "");
    } catch (const std::exception&) {
    }
    return a;
}

} // namespace recert::sync
