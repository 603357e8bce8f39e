// The browser's HTTP transport for provider sync: emscripten_fetch (asynchronous XHR; no synchronous
// fetch, no pthreads). Cross-origin requests need the provider's CORS headers.
#pragma once

#include "sync/transport.h"

#include <functional>
#include <memory>
#include <string>

namespace recert::sync {

std::unique_ptr<Transport> make_fetch_transport();

// Wraps a transport so that a request asking for a DPoP proof (transport.h: dpop_proof_wanted) gets
// one signed by the browser's key (recert_web.js, RecertAuth) before `inner` sends it. A proof that
// cannot be made fails the request (status 0, the reason in network_error); it is never sent unsigned.
std::unique_ptr<Transport> make_dpop_transport(std::unique_ptr<Transport> inner);

// "Stay signed in on this device": the refresh token kept next to the DPoP key (web_keep_refresh_token;
// "" forgets it), and read back once at start-up (`done` gets "" when none is kept).
void web_keep_refresh_token(const std::string& token);
void web_load_kept_refresh_token(std::function<void(std::string)> done);

} // namespace recert::sync
