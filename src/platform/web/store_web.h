// The IndexedDB store (browser only): the Store interface over our hand-written JS layer
// (recert_web.js, IndexedDB section, linked with --js-library). Schema, multi-tab and durability notes: see there.
#pragma once

#include "storage/store.h"

#include <memory>
#include <string>

namespace recert::storage {

// A store over the IndexedDB database `db_name` (one per app; tests use their own names). Call
// open() once, then poll() every frame. Several stores may exist in one page (each its own
// connection); every store, like every tab, sees the others' commits through poll().
std::unique_ptr<Store> make_indexeddb_store(const std::string& db_name);

} // namespace recert::storage
