// emscripten_fetch behind sync::Transport: see transport_web.h. Each request's callbacks copy the
// answer into a map the owner polls once per frame; nothing here blocks.
#include "platform/web/transport_web.h"

#include "platform/web/js_api.h"

#include <emscripten/emscripten.h>
#include <emscripten/fetch.h>

#include <cctype>
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

} // namespace

std::unique_ptr<Transport> make_fetch_transport() {
    return std::make_unique<FetchTransport>();
}

} // namespace recert::sync
