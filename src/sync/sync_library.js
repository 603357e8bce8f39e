// Provider sync's browser glue (an Emscripten --js-library, issue #7): the IndexedDB rows of the
// `outbox` and `cursors` stores (created empty by the record store's schema v2, idb_library.js),
// Web Locks so only one tab syncs, sessionStorage for the PKCE verifier across the sign-in redirect,
// the redirect itself, and crypto random bytes. C++ polls results by request id (no callbacks, no
// ASYNCIFY). Tokens never pass through here: they stay in the wasm heap.

var LibraryRecertSync = {
  $RecertSync: {
    next: 1,
    results: {}, // req -> {state: 0 pending | 1 ok | 2 failed, text}
    dbs: {},     // name -> Promise<IDBDatabase>
    locks: {},   // id -> {state, release}
    CONFIG_KEY: '__settings__',
    begin: function() {
      var req = RecertSync.next++;
      RecertSync.results[req] = { state: 0, text: '' };
      return req;
    },
    finish: function(req, ok, text) {
      RecertSync.results[req] = { state: ok ? 1 : 2, text: String(text == null ? '' : text) };
      if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent('recert-sync-event', { detail: { req: req, ok: ok } }));
      if (Module['recertWake']) Module['recertWake'](); // the app picks the result up now, not next frame
    },
    // The record store's database, opened at whatever version it has (the record store upgraded
    // it first); closed when another tab upgrades it.
    db: function(name) {
      if (!RecertSync.dbs[name]) {
        RecertSync.dbs[name] = new Promise(function(resolve, reject) {
          var r = indexedDB.open(name);
          // Never create the database here: the record store does, with its schema.
          r.onupgradeneeded = function(e) { e.target.transaction.abort(); };
          r.onsuccess = function() {
            var db = r.result;
            db.onversionchange = function() { db.close(); delete RecertSync.dbs[name]; };
            if (!db.objectStoreNames.contains('outbox') || !db.objectStoreNames.contains('cursors')) {
              db.close();
              delete RecertSync.dbs[name];
              reject(new Error('the storage is not ready (no outbox/cursors stores)'));
              return;
            }
            resolve(db);
          };
          r.onerror = function() { delete RecertSync.dbs[name]; reject(r.error || new Error('could not open storage')); };
          r.onblocked = function() { };
        });
      }
      return RecertSync.dbs[name];
    },
    run: function(req, name, body) {
      RecertSync.db(name).then(body).catch(function(err) {
        RecertSync.finish(req, false, (err && err.message) || String(err));
      });
    },
  },

  recert_syncdb_load__deps: ['$RecertSync'],
  recert_syncdb_load: function(namePtr) {
    var name = UTF8ToString(namePtr), req = RecertSync.begin();
    RecertSync.run(req, name, function(db) {
      var tx = db.transaction(['cursors', 'outbox'], 'readonly');
      var out = { config: null, cursors: [], outbox: [] };
      tx.objectStore('cursors').getAll().onsuccess = function(e) {
        e.target.result.forEach(function(row) {
          if (row.provider === RecertSync.CONFIG_KEY) out.config = row.json;
          else out.cursors.push({ provider: row.provider, json: row.json });
        });
      };
      tx.objectStore('outbox').getAll().onsuccess = function(e) {
        e.target.result.forEach(function(row) { out.outbox.push({ provider: row.provider, json: row.json }); });
      };
      tx.oncomplete = function() { RecertSync.finish(req, true, JSON.stringify(out)); };
      tx.onabort = tx.onerror = function() { RecertSync.finish(req, false, (tx.error && tx.error.message) || 'read failed'); };
    });
    return req;
  },

  // Writes one cursors row (provider = '__settings__' for the settings) and, when outboxJson is not
  // null, replaces that provider's outbox rows — all in one transaction.
  recert_syncdb_save__deps: ['$RecertSync'],
  recert_syncdb_save: function(namePtr, providerPtr, jsonPtr, outboxPtr) {
    var name = UTF8ToString(namePtr), provider = UTF8ToString(providerPtr), json = UTF8ToString(jsonPtr);
    var outbox = outboxPtr ? JSON.parse(UTF8ToString(outboxPtr)) : null;
    var req = RecertSync.begin();
    RecertSync.run(req, name, function(db) {
      var tx = db.transaction(['cursors', 'outbox'], 'readwrite');
      tx.objectStore('cursors').put({ provider: provider, json: json });
      if (outbox) {
        var store = tx.objectStore('outbox');
        store.openCursor().onsuccess = function(e) {
          var c = e.target.result;
          if (c) {
            if (c.value.provider === provider) c.delete();
            c.continue();
            return;
          }
          outbox.forEach(function(text) { store.add({ provider: provider, json: text }); });
        };
      }
      tx.oncomplete = function() { RecertSync.finish(req, true, ''); };
      tx.onabort = tx.onerror = function() {
        var err = tx.error;
        RecertSync.finish(req, false, err && err.name === 'QuotaExceededError' ? "the browser's storage is full" : ((err && err.message) || 'write failed'));
      };
    });
    return req;
  },

  recert_sync_state__deps: ['$RecertSync'],
  recert_sync_state: function(req) {
    var r = RecertSync.results[req];
    return r ? r.state : 2;
  },
  // The result text (malloc'ed; the caller frees it) and forgets the request.
  recert_sync_take__deps: ['$RecertSync', 'malloc'],
  recert_sync_take: function(req) {
    var r = RecertSync.results[req];
    delete RecertSync.results[req];
    var text = r ? r.text : 'unknown request';
    var n = lengthBytesUTF8(text) + 1, p = _malloc(n);
    stringToUTF8(text, p, n);
    return p;
  },

  // [SECTION] One tab at a time: Web Locks (ifAvailable: a busy lock answers "no" at once).
  recert_sync_lock_request__deps: ['$RecertSync'],
  recert_sync_lock_request: function() {
    var id = RecertSync.next++;
    var entry = { state: 0, release: null };
    RecertSync.locks[id] = entry;
    if (!navigator.locks || !navigator.locks.request) { entry.state = 1; return id; } // no Web Locks: this tab only
    navigator.locks.request('recert-provider-sync', { ifAvailable: true }, function(lock) {
      if (!lock) { entry.state = 2; return undefined; }
      entry.state = 1;
      return new Promise(function(resolve) { entry.release = resolve; });
    }).catch(function() { entry.state = 2; });
    return id;
  },
  recert_sync_lock_state__deps: ['$RecertSync'],
  recert_sync_lock_state: function(id) {
    var e = RecertSync.locks[id];
    return e ? e.state : 2;
  },
  recert_sync_lock_release__deps: ['$RecertSync'],
  recert_sync_lock_release: function(id) {
    var e = RecertSync.locks[id];
    if (e && e.release) e.release();
    delete RecertSync.locks[id];
  },

  // [SECTION] The sign-in redirect

  recert_sync_random: function(ptr, n) {
    crypto.getRandomValues(HEAPU8.subarray(ptr, ptr + n));
  },
  recert_sync_session_set: function(keyPtr, valuePtr) {
    try { sessionStorage.setItem(UTF8ToString(keyPtr), UTF8ToString(valuePtr)); } catch (e) { }
  },
  // Reads and removes a sessionStorage item ("" when absent); malloc'ed, the caller frees it.
  recert_sync_session_take__deps: ['malloc'],
  recert_sync_session_take: function(keyPtr) {
    var key = UTF8ToString(keyPtr), v = '';
    try { v = sessionStorage.getItem(key) || ''; sessionStorage.removeItem(key); } catch (e) { }
    var n = lengthBytesUTF8(v) + 1, p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
  },
  recert_sync_navigate: function(urlPtr) {
    window.location.assign(UTF8ToString(urlPtr));
  },
  // The sign-in answer in this page's URL ({"code","state","error"} as JSON, "" when none), removed
  // from the address bar so a reload or a bookmark never replays it. Also gives the redirect URI:
  // this page's URL without those parameters.
  recert_sync_take_redirect__deps: ['malloc'],
  recert_sync_take_redirect: function() {
    var url = new URL(window.location.href), out = {};
    ['code', 'state', 'error'].forEach(function(k) {
      if (url.searchParams.has(k)) { out[k] = url.searchParams.get(k); url.searchParams.delete(k); }
    });
    if (out.code || out.error) window.history.replaceState(null, '', url.toString());
    url.hash = '';
    out.redirect_uri = url.toString();
    var text = JSON.stringify(out), n = lengthBytesUTF8(text) + 1, p = _malloc(n);
    stringToUTF8(text, p, n);
    return p;
  },
};

mergeInto(LibraryManager.library, LibraryRecertSync);
