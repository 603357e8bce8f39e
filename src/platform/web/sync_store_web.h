// Provider sync in the browser: the IndexedDB SyncStore (the `cursors` and `outbox` stores of the
// record store's database) and the platform pieces the app wires into app::SyncPlatform.
#pragma once

#include "sync/sync_store.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace recert::sync {

// Opens `db_name` lazily (call load() once the record store has loaded: it owns the schema).
std::unique_ptr<SyncStore> make_indexeddb_sync_store(std::string db_name);

std::vector<std::uint8_t> web_random_bytes(std::size_t n);
// Web Locks ("recert-provider-sync", ifAvailable). state: 0 waiting, 1 held, 2 another tab holds it.
int web_lock_request();
int web_lock_state(int id);
void web_lock_release(int id);
void web_navigate(const std::string& url);
void web_session_set(const std::string& key, const std::string& value);
std::string web_session_take(const std::string& key);

struct RedirectAnswer {
    std::string code, state, error;
    std::string redirect_uri; // this page's URL without the answer
};
// Reads (and removes from the address bar) a sign-in answer.
RedirectAnswer web_take_redirect();

} // namespace recert::sync
