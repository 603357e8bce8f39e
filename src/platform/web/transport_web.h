// The browser's HTTP transport for provider sync: emscripten_fetch (asynchronous XHR; no synchronous
// fetch, no pthreads). Cross-origin requests need the provider's CORS headers.
#pragma once

#include "sync/transport.h"

#include <memory>

namespace recert::sync {

std::unique_ptr<Transport> make_fetch_transport();

} // namespace recert::sync
