// The HTTP transport behind provider sync: an asynchronous send/poll interface with two
// implementations, emscripten_fetch in the browser (transport_web.cpp) and whatever a native test
// plugs in (tests/sync: an in-process fake provider). Nothing here blocks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace recert::sync {

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers; // names as sent
    std::string body;
    int timeout_ms = 15000;
};

struct HttpResponse {
    // 0 = no HTTP answer at all: offline, DNS, CORS refusal, connection reset or timeout.
    int status = 0;
    bool timed_out = false;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; // names lowercased
    std::string network_error; // why status is 0, in plain words

    // The first header named `name` (lowercase), or nullopt.
    std::optional<std::string> header(std::string_view name) const {
        for (const auto& [k, v] : headers)
            if (k == name)
                return v;
        return std::nullopt;
    }
};

// A request whose "DPoP" header is this gets, in its place, a fresh DPoP proof (RFC 9449) for its
// method and URL — with "Authorization: DPoP <token>", bound to that token too — made by the transport
// just before sending (in the browser: signed with a non-extractable key, platform/web). A transport
// that cannot sign fails the request (status 0) rather than sending it unsigned.
inline constexpr const char* dpop_proof_wanted = "(proof)";

// Adds the access token: "Bearer <token>", or "DPoP <token>" with a proof asked for.
inline void add_authorization(HttpRequest& r, const std::string& token, bool dpop) {
    r.headers.emplace_back("Authorization", (dpop ? "DPoP " : "Bearer ") + token);
    if (dpop)
        r.headers.emplace_back("DPoP", dpop_proof_wanted);
}

using RequestId = std::uint64_t;

class Transport {
  public:
    virtual ~Transport() = default;
    // Starts a request; returns at once. The id is never 0.
    virtual RequestId send(HttpRequest request) = 0;
    // The response once it arrived (then forgotten), else nullopt. Call once per frame.
    virtual std::optional<HttpResponse> poll(RequestId id) = 0;
    // Drops a request nobody waits for any more (its answer is ignored).
    virtual void cancel(RequestId id) = 0;
};

} // namespace recert::sync
