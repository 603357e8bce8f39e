// emscripten_fetch behind sync::Transport, and the DPoP proofs and kept refresh token of "Stay signed
// in": see transport_web.h. Each request's callbacks copy the answer into a map the owner polls once
// per frame; nothing here blocks.
#include "platform/web/transport_web.h"

#include "platform/web/js_api.h"

#include <emscripten/emscripten.h>
#include <emscripten/fetch.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace recert::sync {
namespace {

class FetchTransport final : public Transport {
  public:
    struct Pending {
        FetchTransport* owner = nullptr;
        RequestId id = 0;
        HttpRequest request; // keeps the header strings and body alive while the XHR runs
        std::vector<const char*> header_ptrs;
        double started_ms = 0.0;
        bool cancelled = false;
    };

    RequestId send(HttpRequest request) override {
        const RequestId id = m_next++;
        auto p = std::make_unique<Pending>();
        p->owner = this;
        p->id = id;
        p->request = std::move(request);
        for (const auto& [k, v] : p->request.headers) {
            p->header_ptrs.push_back(k.c_str());
            p->header_ptrs.push_back(v.c_str());
        }
        p->header_ptrs.push_back(nullptr);
        p->started_ms = emscripten_get_now();

        emscripten_fetch_attr_t attr;
        emscripten_fetch_attr_init(&attr);
        std::strncpy(attr.requestMethod, p->request.method.c_str(), sizeof attr.requestMethod - 1);
        // LOAD_TO_MEMORY: the body arrives in fetch->data. No PERSIST_FILE: nothing is cached in IndexedDB.
        attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
        attr.timeoutMSecs = static_cast<unsigned long>(p->request.timeout_ms);
        attr.requestHeaders = p->header_ptrs.data();
        if (!p->request.body.empty()) {
            attr.requestData = p->request.body.data();
            attr.requestDataSize = p->request.body.size();
        }
        attr.userData = p.get();
        attr.onsuccess = &FetchTransport::done;
        attr.onerror = &FetchTransport::done;
        const std::string url = p->request.url;
        m_pending[id] = std::move(p);
        emscripten_fetch(&attr, url.c_str());
        return id;
    }

    std::optional<HttpResponse> poll(RequestId id) override {
        auto it = m_done.find(id);
        if (it == m_done.end())
            return std::nullopt;
        HttpResponse r = std::move(it->second);
        m_done.erase(it);
        return r;
    }

    void cancel(RequestId id) override {
        m_done.erase(id);
        if (auto it = m_pending.find(id); it != m_pending.end())
            it->second->cancelled = true; // its answer is dropped when it arrives
    }

  private:
    static void done(emscripten_fetch_t* f) {
        auto* p = static_cast<Pending*>(f->userData);
        FetchTransport* self = p->owner;
        if (!p->cancelled) {
            HttpResponse r;
            r.status = f->status;
            if (f->data && f->numBytes > 0)
                r.body.assign(f->data, static_cast<std::size_t>(f->numBytes));
            if (r.status == 0) {
                // XHR says nothing more: a timeout is told apart by the time it took.
                r.timed_out = emscripten_get_now() - p->started_ms >= p->request.timeout_ms - 50;
                r.network_error = r.timed_out ? "timed out" : "network error";
                r.body.clear();
            } else {
                const std::size_t n = emscripten_fetch_get_response_headers_length(f);
                std::string raw(n + 1, '\0');
                emscripten_fetch_get_response_headers(f, raw.data(), raw.size());
                raw.resize(n);
                std::size_t start = 0;
                while (start < raw.size()) {
                    std::size_t end = raw.find("\r\n", start);
                    if (end == std::string::npos)
                        end = raw.size();
                    const std::string line = raw.substr(start, end - start);
                    if (auto colon = line.find(':'); colon != std::string::npos) {
                        std::string name = line.substr(0, colon);
                        for (char& c : name)
                            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                        std::string value = line.substr(colon + 1);
                        while (!value.empty() && value.front() == ' ')
                            value.erase(value.begin());
                        r.headers.emplace_back(std::move(name), std::move(value));
                    }
                    start = end + 2;
                }
            }
            self->m_done[p->id] = std::move(r);
        }
        emscripten_fetch_close(f);
        self->m_pending.erase(p->id); // frees p
        // The app (if it listens) picks the answer up now rather than at the next animation frame.
        recert_js_wake();
    }

    RequestId m_next = 1;
    std::map<RequestId, std::unique_ptr<Pending>> m_pending;
    std::map<RequestId, HttpResponse> m_done;
};

// [SECTION] DPoP proofs and the kept refresh token

// Browser answers (recert_auth_event) by request id: the callback waiting for each.
std::map<double, std::function<void(bool, std::string)>>& auth_waiting() {
    static std::map<double, std::function<void(bool, std::string)>> w;
    return w;
}
double next_auth_req() {
    static double next = 1;
    return next++;
}

class DpopTransport final : public Transport {
  public:
    explicit DpopTransport(std::unique_ptr<Transport> inner) : m_inner(std::move(inner)) {}

    RequestId send(HttpRequest request) override {
        auto marker = std::find_if(request.headers.begin(), request.headers.end(), [](const auto& h) {
            return h.first == "DPoP" && h.second == dpop_proof_wanted;
        });
        const RequestId id = m_next++;
        if (marker == request.headers.end()) {
            m_sent[id] = m_inner->send(std::move(request));
            return id;
        }
        std::string token;
        for (const auto& [k, v] : request.headers)
            if (k == "Authorization" && v.rfind("DPoP ", 0) == 0)
                token = v.substr(5);
        const double req = next_auth_req();
        m_signing[id] = std::move(request);
        HttpRequest& r = m_signing[id];
        auth_waiting()[req] = [this, id, alive = m_alive](bool ok, std::string proof) {
            if (!*alive)
                return;
            auto it = m_signing.find(id);
            if (it == m_signing.end())
                return; // cancelled
            HttpRequest q = std::move(it->second);
            m_signing.erase(it);
            if (!ok) {
                HttpResponse failed;
                failed.network_error = "could not sign the request for the provider (" + proof.substr(0, 120) + ")";
                m_failed[id] = std::move(failed);
                return;
            }
            for (auto& h : q.headers)
                if (h.first == "DPoP")
                    h.second = std::move(proof);
            m_sent[id] = m_inner->send(std::move(q));
        };
        // htu: the URL without query and fragment (RFC 9449 section 4.2).
        const std::string htu = r.url.substr(0, r.url.find_first_of("?#"));
        recert_auth_dpop_proof(req, r.method.c_str(), htu.c_str(), token.c_str());
        return id;
    }
    std::optional<HttpResponse> poll(RequestId id) override {
        if (auto f = m_failed.find(id); f != m_failed.end()) {
            HttpResponse r = std::move(f->second);
            m_failed.erase(f);
            return r;
        }
        auto it = m_sent.find(id);
        if (it == m_sent.end())
            return std::nullopt;
        auto r = m_inner->poll(it->second);
        if (r)
            m_sent.erase(it);
        return r;
    }
    void cancel(RequestId id) override {
        m_signing.erase(id);
        m_failed.erase(id);
        if (auto it = m_sent.find(id); it != m_sent.end()) {
            m_inner->cancel(it->second);
            m_sent.erase(it);
        }
    }
    ~DpopTransport() override { *m_alive = false; }

  private:
    std::unique_ptr<Transport> m_inner;
    RequestId m_next = 1;
    std::map<RequestId, HttpRequest> m_signing;  // waiting for their proof
    std::map<RequestId, RequestId> m_sent;       // ours -> the inner transport's
    std::map<RequestId, HttpResponse> m_failed;  // no proof could be made
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace

std::unique_ptr<Transport> make_fetch_transport() {
    return std::make_unique<FetchTransport>();
}

std::unique_ptr<Transport> make_dpop_transport(std::unique_ptr<Transport> inner) {
    return std::make_unique<DpopTransport>(std::move(inner));
}

void web_keep_refresh_token(const std::string& token) { recert_auth_keep(token.c_str()); }

void web_load_kept_refresh_token(std::function<void(std::string)> done) {
    const double req = next_auth_req();
    auth_waiting()[req] = [done = std::move(done)](bool ok, std::string token) { done(ok ? std::move(token) : std::string()); };
    recert_auth_load(req);
}

} // namespace recert::sync

// A DPoP proof or the kept refresh token arrived (recert_web.js, RecertAuth): ok = 1 with the answer,
// 0 with why (never a token in that case).
extern "C" EMSCRIPTEN_KEEPALIVE void recert_auth_event(double req, int ok, const char* text, int len) {
    auto& waiting = recert::sync::auth_waiting();
    auto it = waiting.find(req);
    if (it == waiting.end())
        return;
    auto done = std::move(it->second);
    waiting.erase(it);
    done(ok != 0, std::string(text, static_cast<std::size_t>(len)));
    recert_js_wake();
}
