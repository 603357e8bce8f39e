// The IndexedDB SyncStore and browser platform helpers: see sync_store_web.h and recert_web.js (Sync section).
#include "platform/web/sync_store_web.h"

#include "core/json_read.h"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <functional>
#include <map>
#include <string_view>

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

class WebSyncStore;

// The open stores by handle, so a result delivered after a store was replaced (another store for
// this visit) finds nothing instead of a dead object.
std::map<int, WebSyncStore*>& registry() {
    static std::map<int, WebSyncStore*> stores;
    return stores;
}

// Each operation is a request id handed to recert_web.js (Sync section); its result arrives through
// recert_sync_event (below) when the IndexedDB transaction settles, never by polling.
class WebSyncStore final : public SyncStore {
  public:
    explicit WebSyncStore(std::string db) : m_db(std::move(db)) {
        static int next_handle = 1;
        m_handle = next_handle++;
        registry()[m_handle] = this;
    }
    ~WebSyncStore() override { registry().erase(m_handle); }
    WebSyncStore(const WebSyncStore&) = delete;
    WebSyncStore& operator=(const WebSyncStore&) = delete;

    SyncOpId load() override {
        const SyncOpId id = track([this](const std::string& t) { return apply_load(t); });
        recert_syncdb_load(m_handle, static_cast<double>(id), m_db.c_str());
        return id;
    }
    SyncOpId save_config(const SyncConfig& c) override {
        const std::string text = encode_config(c);
        const SyncOpId id = track([this, c](const std::string&) {
            m_disk.config = c;
            return std::string();
        });
        recert_syncdb_save(m_handle, static_cast<double>(id), m_db.c_str(), config_key, text.c_str(), nullptr);
        return id;
    }
    SyncOpId save_provider(const ProviderState& s) override {
        json rows = json::array();
        for (const OutboxEntry& e : s.outbox)
            rows.push_back(encode_outbox_entry(e));
        const std::string state = encode_provider_state(s), outbox = rows.dump();
        const SyncOpId id = track([this, s](const std::string&) {
            m_disk.providers[s.provider] = s;
            return std::string();
        });
        recert_syncdb_save(m_handle, static_cast<double>(id), m_db.c_str(), s.provider.c_str(), state.c_str(),
                           outbox.c_str());
        return id;
    }
    StoreOp state(SyncOpId id) const override {
        auto it = m_ops.find(id);
        return it == m_ops.end() ? StoreOp::failed : it->second.state;
    }
    std::string error(SyncOpId id) const override {
        auto it = m_ops.find(id);
        return it == m_ops.end() ? "unknown operation" : it->second.error;
    }
    void poll() override {} // results arrive through on_event
    const SyncDisk& disk() const override { return m_disk; }

    // A transaction settled: `text` is the answer (ok) or the reason it failed, in plain words.
    void on_event(SyncOpId id, bool ok, std::string_view text) {
        auto it = m_ops.find(id);
        if (it == m_ops.end() || it->second.state != StoreOp::pending)
            return;
        Op& op = it->second;
        if (ok)
            op.error = op.on_ok(std::string(text));
        else
            op.error = text.empty() ? "storage error" : std::string(text);
        op.state = op.error.empty() ? StoreOp::ok : StoreOp::failed;
        op.on_ok = nullptr;
    }

  private:
    struct Op {
        StoreOp state = StoreOp::pending;
        std::string error;
        std::function<std::string(const std::string&)> on_ok;
    };
    SyncOpId track(std::function<std::string(const std::string&)> on_ok) {
        const SyncOpId id = m_next++;
        m_ops[id] = Op{StoreOp::pending, {}, std::move(on_ok)};
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
    int m_handle = 0;
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

// A sync row operation settled (recert_web.js, RecertSync.send): ok = 1 with the answer, 0 with why.
extern "C" EMSCRIPTEN_KEEPALIVE void recert_sync_event(int handle, double req, int ok, const char* text, int len) {
    auto& stores = recert::sync::registry();
    auto it = stores.find(handle);
    if (it == stores.end())
        return;
    it->second->on_event(static_cast<recert::sync::SyncOpId>(req), ok != 0, std::string_view(text, len));
}
