// Recert's one browser library (an Emscripten --js-library): every piece of JavaScript the app
// calls, in sections. C++ calls the functions at the bottom of each section (declared in js_api.h);
// results come back into C++ through exported C functions, then Module.recertWake() runs the
// controllers once. Never ASYNCIFY, never IDBFS, no EM_JS elsewhere.
//   [SECTION] Files        one picker, one reader, one download, the accepted types (evidence,
//                          imports, backups, reports all use them)
//   [SECTION] IndexedDB    the record store (store_web.cpp): request ids in, recert_store_event out
//   [SECTION] Sync         outbox/cursors rows (request ids in, recert_sync_event out), Web Locks, the
//                          sign-in redirect (sync_store_web.cpp)
//   [SECTION] Accessibility mirror   the semantics tree as ARIA elements over the canvas (a11y_web.cpp)
//   [SECTION] Page         main loop wake-ups, the text input and clipboard, embed events, URL flags
//
var LibraryRecertWeb = {
  // [SECTION] Files

  $RecertFiles__deps: ['malloc', 'free'],
  $RecertFiles: {
    // What each picker accepts (the C++ side checks the bytes again: storage/evidence.h, reports.h).
    ACCEPT: {
      evidence: '.pdf,.png,.jpg,.jpeg,.heic,.heif,.webp,application/pdf,image/png,image/jpeg,image/heic,image/webp',
      import: '.csv,.txt,.json,.jsonld,text/csv,application/json,application/ld+json',
      backup: '.zip,.json,application/zip,application/json',
    },
    // Files larger than this are never copied into memory; C++ enforces the real, smaller limits.
    READ_LIMIT: 64 * 1024 * 1024,
    // Opens the browser's file picker; onFiles(list of File) once, [] when cancelled.
    pick: function(accept, multiple, onFiles) {
      var input = document.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.multiple = multiple;
      input.style.display = 'none';
      var done = false;
      var finish = function(list) {
        if (done) return;
        done = true;
        input.remove();
        onFiles(list);
      };
      input.addEventListener('change', function() { finish(Array.prototype.slice.call(input.files || [])); });
      input.addEventListener('cancel', function() { finish([]); });
      document.body.appendChild(input);
      input.click();
    },
    // Offers a Blob as a download (an object URL and a click on a temporary <a download>).
    download: function(blob, fileName) {
      var url = URL.createObjectURL(blob);
      var a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.style.display = 'none';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
    },
    // Copies a JS string into the wasm heap (UTF-8, NUL-terminated); returns [ptr, len].
    toHeap: function(s) {
      var text = s == null ? '' : String(s);
      // Encoded straight into the heap, in a block of the text's size: first one byte per UTF-16
      // unit (most text is ASCII); only text that does not fit is measured and encoded again. The
      // wasm heap never shrinks, so no slack: the 3 bytes a unit that always fit made a 4 MB log a
      // 12 MB block, a quarter of the heap's peak while 10,000 activities loaded.
      var cap = text.length + 1;
      var ptr = _malloc(cap);
      var res = new TextEncoder().encodeInto(text, HEAPU8.subarray(ptr, ptr + cap - 1));
      if (res.read < text.length) {
        _free(ptr);
        cap = lengthBytesUTF8(text) + 1;
        ptr = _malloc(cap);
        res = new TextEncoder().encodeInto(text, HEAPU8.subarray(ptr, ptr + cap - 1));
      }
      HEAPU8[ptr + res.written] = 0;
      return [ptr, res.written];
    },
    hex: function(buf) {
      var b = new Uint8Array(buf), s = '';
      for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
      return s;
    },
    sha256: function(data) {
      return crypto.subtle.digest('SHA-256', data).then(RecertFiles.hex);
    },
    // Reads `file` (unless it is over READ_LIMIT) and hands it to recert_file_arrived(purpose,
    // target, name, bytes, len, size): len 0 with the real size when it was not read.
    deliver: function(file, purpose, target) {
      var report = function(bytes, size) {
        var name = RecertFiles.toHeap(file.name), id = RecertFiles.toHeap(target || '');
        var n = bytes ? bytes.length : 0;
        var data = _malloc(Math.max(1, n));
        if (n) HEAPU8.set(bytes, data);
        _recert_file_arrived(purpose, id[0], name[0], data, n, size);
        _free(name[0]);
        _free(id[0]);
        _free(data);
        if (Module['recertWake']) Module['recertWake']();
      };
      if (file.size > RecertFiles.READ_LIMIT) { report(null, file.size); return; }
      file.arrayBuffer().then(function(buf) { report(new Uint8Array(buf), file.size); },
                              function() { report(null, 0); });
    },
  },

  // Reads a ZIP a slice at a time so the page keeps answering input: the archive is streamed through
  // fflate's Unzip in pieces sized to take a few milliseconds each (a highly compressed piece gets
  // smaller), and the bytes that come out are counted as they come out, per entry and in total,
  // never the sizes the headers claim. Entries whose names do not match `wanted` are listed but not
  // inflated. read(u8, wanted, progress(fraction), cancelled()) resolves [{name, size, data}] in
  // archive order (data null for the unwanted), or rejects with an Error whose message is plain
  // words: "the ZIP file is damaged or truncated (…)", "log.json unpacks to more than 64 MB", ….
  // A rejection with .cancelled set means cancelled() said so. The limits come from C++
  // (storage/restore.h) through recert_js_zip_limits.
  $RecertZip__deps: ['$RecertFiles'],
  $RecertZip: {
    reading: 0, // the request recert_js_zip_read is working on (0: none)
    // What a backup may hold and is inflated (storage/restore.h checks every name again). A
    // function: the library's object literals are written out as data, where a RegExp would be lost.
    backupEntries: function() { return /^(manifest\.json|log\.json|evidence\/[0-9a-f]{64}\.[a-z]{3,4})$/; },
    limits: { text: 64000000, file: 15000000, total: 256000000, entries: 10002 }, // replaced at start-up
    SLICE_MS: 12,
    // fflate (fflate.js next to index.html) is loaded the first time a ZIP is read or written, not at
    // start-up: evaluating it took ~35 ms of the page's first second, for a feature most visits never
    // use. lib() resolves fflate, or rejects with plain words when the file cannot be fetched (offline
    // before the service worker cached it); a later call tries again.
    loading: null,
    lib: function() {
      if (typeof fflate !== 'undefined') return Promise.resolve(fflate);
      if (!RecertZip.loading) {
        RecertZip.loading = new Promise(function(resolve, reject) {
          var s = document.createElement('script');
          s.src = locateFile('fflate.js'); // boot.js maps it to the deployed (hashed) name
          s.onload = function() {
            if (typeof fflate !== 'undefined') return resolve(fflate);
            RecertZip.loading = null;
            reject(new Error('the ZIP library (fflate.js) did not load; reload the page'));
          };
          s.onerror = function() {
            RecertZip.loading = null;
            s.remove();
            reject(new Error('the ZIP library (fflate.js) could not be fetched; check the connection and try again'));
          };
          document.head.appendChild(s);
        });
      }
      return RecertZip.loading;
    },
    // files ({name: [bytes, options]}, fflate's zipSync form) as a ZIP Blob, once fflate is there.
    blob: function(files) {
      return RecertZip.lib().then(function(fflate) {
        return new Blob([fflate.zipSync(files, { mtime: new Date() })], { type: 'application/zip' });
      });
    },
    mb: function(n) { return Math.round(n / 1000000) + ' MB'; },
    // The end-of-archive record's entry count (-1 when ZIP64 says "see elsewhere"), or null when there
    // is no end record (a truncated or foreign file).
    directoryCount: function(u8) {
      for (var i = u8.length - 22; i >= Math.max(0, u8.length - 22 - 65535); i--) {
        if (u8[i] === 0x50 && u8[i + 1] === 0x4b && u8[i + 2] === 5 && u8[i + 3] === 6) {
          var n = u8[i + 10] | (u8[i + 11] << 8);
          return n === 0xffff ? -1 : n;
        }
      }
      return null;
    },
    read: function(u8, wanted, progress, cancelled) {
      var L = RecertZip.limits;
      return RecertZip.lib().then(function(fflate) { return new Promise(function(resolve, reject) {
        var damaged = function(why) { return 'the ZIP file is damaged or truncated (' + why + ')'; };
        var listed = RecertZip.directoryCount(u8);
        if (listed === null) return reject(new Error(damaged('it has no end-of-archive record')));
        var entries = [], total = 0, failed = null, pos = 0, chunk = 1024;
        var unzip = new fflate.Unzip(function(file) {
          if (failed) return;
          var e = { name: file.name, size: 0, parts: [], done: false, data: null };
          entries.push(e);
          if (entries.length > L.entries) { failed = 'it has more than ' + L.entries + ' entries'; return; }
          if (!wanted.test(file.name)) { e.done = true; return; }
          var limit = /\.json$/.test(file.name) ? L.text : L.file;
          file.ondata = function(err, dat, final) {
            if (failed) return;
            if (err) { failed = damaged(file.name + ': ' + err.message); return; }
            e.size += dat.length;
            total += dat.length;
            if (e.size > limit) failed = file.name + ' unpacks to more than ' + RecertZip.mb(limit);
            else if (total > L.total) failed = 'the backup unpacks to more than ' + RecertZip.mb(L.total);
            else if (dat.length) e.parts.push(dat);
            if (final) e.done = true;
          };
          file.start();
        });
        unzip.register(fflate.UnzipInflate);
        var step = function() {
          if (cancelled && cancelled()) { var c = new Error('cancelled'); c.cancelled = true; return reject(c); }
          var t0 = performance.now();
          try {
            while (!failed && pos < u8.length && performance.now() - t0 < RecertZip.SLICE_MS) {
              var end = Math.min(u8.length, pos + chunk), t1 = performance.now();
              unzip.push(u8.subarray(pos, end), end === u8.length);
              pos = end;
              // Aim at ~4 ms a piece: start small, grow on ordinary data, shrink on a bomb.
              var took = performance.now() - t1;
              chunk = Math.max(256, Math.min(256 * 1024, Math.round(chunk * (took > 0.5 ? Math.min(2, 4 / took) : 2))));
            }
          } catch (err) {
            failed = damaged(err.message);
          }
          if (failed) return reject(new Error(failed));
          if (progress) progress(pos / u8.length);
          if (pos < u8.length) return setTimeout(step, 0);
          var cut = entries.filter(function(e) { return !e.done; })[0];
          if (!entries.length) return reject(new Error(damaged('no entries')));
          if (cut) return reject(new Error(damaged(cut.name + ' ends early')));
          if (listed >= 0 && listed !== entries.length)
            return reject(new Error(damaged('its directory lists ' + listed + ' entries, the archive holds ' + entries.length)));
          resolve(entries.map(function(e) {
            if (!wanted.test(e.name)) return { name: e.name, size: e.size, data: null };
            var d = new Uint8Array(e.size), o = 0;
            e.parts.forEach(function(p) { d.set(p, o); o += p.length; });
            return { name: e.name, size: e.size, data: d };
          }));
        };
        step();
      }); });
    },
  },
  recert_js_zip_limits__deps: ['$RecertZip'],
  recert_js_zip_limits: function(text, file, total, entries) {
    RecertZip.limits = { text: text, file: file, total: total, entries: entries };
  },

  // The visit-only store's backup reader: the same RecertZip and hashing as the IndexedDB store's,
  // but the entries go into C++ memory (recert_zip_entry each, then recert_zip_done with "" or why
  // not) because nothing is kept in the browser.
  recert_js_zip_read__deps: ['$RecertZip', '$RecertFiles', 'malloc', 'free'],
  recert_js_zip_read: function(req, name, data, len) {
    var fileName = UTF8ToString(name), u8 = HEAPU8.slice(data, data + len);
    RecertZip.reading = req;
    var live = function() { return RecertZip.reading === req; };
    var done = function(error) {
      if (!live()) return;
      RecertZip.reading = 0;
      var p = RecertFiles.toHeap(error ? fileName + ': ' + error : '');
      _recert_zip_done(req, p[0]);
      _free(p[0]);
      if (Module['recertWake']) Module['recertWake']();
    };
    var wanted = RecertZip.backupEntries();
    RecertZip.read(u8, wanted, function(f) {
      if (!live()) return;
      _recert_zip_progress(req, f);
      if (Module['recertWake']) Module['recertWake']();
    }, function() { return !live(); }).then(function(list) {
      return Promise.all(list.map(function(e) {
        return e.data && e.name.indexOf('evidence/') === 0 ? RecertFiles.sha256(e.data) : '';
      })).then(function(shas) {
        if (!live()) return;
        list.forEach(function(e, i) {
          var n = RecertFiles.toHeap(e.name), h = RecertFiles.toHeap(shas[i]);
          var size = e.data ? e.data.length : 0, ptr = _malloc(Math.max(1, size));
          if (size) HEAPU8.set(e.data, ptr);
          _recert_zip_entry(req, n[0], h[0], ptr, size, e.data ? 1 : 0);
          _free(ptr);
          _free(n[0]);
          _free(h[0]);
        });
        done('');
      });
    }).catch(function(err) {
      if (!err.cancelled) done(err.message);
    });
  },
  recert_js_zip_cancel__deps: ['$RecertZip'],
  recert_js_zip_cancel: function(req) {
    if (RecertZip.reading === req) RecertZip.reading = 0;
  },

  // Opens the picker for `purpose` (kind: 'evidence' or 'import'); the chosen file goes to
  // recert_file_arrived(purpose, target, ...).
  recert_js_pick_file__deps: ['$RecertFiles'],
  recert_js_pick_file: function(kind, purpose, target) {
    var targetId = UTF8ToString(target);
    RecertFiles.pick(RecertFiles.ACCEPT[UTF8ToString(kind)], false, function(list) {
      if (list.length) RecertFiles.deliver(list[0], purpose, targetId);
    });
  },
  // Files dropped on the canvas arrive as purpose -1 (files_web.cpp decides where they go).
  recert_js_install_drop__deps: ['$RecertFiles'],
  recert_js_install_drop: function() {
    var canvas = Module.canvas || document.getElementById('canvas');
    var stop = function(e) { e.preventDefault(); e.stopPropagation(); };
    canvas.addEventListener('dragover', stop);
    canvas.addEventListener('drop', function(e) {
      stop(e);
      var file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (file) RecertFiles.deliver(file, -1, '');
    });
  },
  recert_js_download__deps: ['$RecertFiles'],
  recert_js_download: function(name, mime, data, len) {
    RecertFiles.download(new Blob([HEAPU8.slice(data, data + len)], { type: UTF8ToString(mime) }), UTF8ToString(name));
  },
  // A ZIP assembled file by file from the heap and offered as a download (the visit-only store).
  recert_js_zip_begin__deps: ['$RecertFiles', '$RecertZip'],
  recert_js_zip_begin: function() {
    RecertFiles.zip = {};
    RecertZip.lib().catch(function() {}); // fetched while the files are added; download reports a failure
  },
  // The visit-only store (embed storage "session") writes its ZIPs synchronously from C++: fflate is
  // fetched as soon as that store is made, so it is there when a backup is asked for.
  recert_js_zip_prepare__deps: ['$RecertZip'],
  recert_js_zip_prepare: function() { RecertZip.lib().catch(function() {}); },
  recert_js_zip_add__deps: ['$RecertFiles'],
  recert_js_zip_add: function(path, data, len) {
    var name = UTF8ToString(path);
    // Certificates are mostly compressed already (JPEG, PNG, most PDFs): store them as-is.
    RecertFiles.zip[name] = [HEAPU8.slice(data, data + len), { level: /\.json$/.test(name) ? 6 : 0 }];
  },
  recert_js_zip_download__deps: ['$RecertFiles', '$RecertZip'],
  recert_js_zip_download: function(name) {
    var files = RecertFiles.zip || {};
    var fileName = UTF8ToString(name);
    RecertFiles.zip = null;
    RecertZip.blob(files).then(function(blob) {
      RecertFiles.download(blob, fileName);
    }, function(e) {
      window.alert('Recert could not write ' + fileName + ': ' + e.message + '.');
    });
  },
  // Opens an HTML page in a new tab from a blob: URL (it inherits the app's CSP: the page links
  // transcript.css instead of inlining styles). Falls back to a download when pop-ups are blocked.
  recert_js_open_html__deps: ['$RecertFiles'],
  recert_js_open_html: function(data, len) {
    var blob = new Blob([HEAPU8.slice(data, data + len)], { type: 'text/html;charset=utf-8' });
    var url = URL.createObjectURL(blob);
    var w = window.open(url, '_blank');
    if (!w) RecertFiles.download(blob, 'recert-transcript.html');
    setTimeout(function() { URL.revokeObjectURL(url); }, 120000);
  },
  // The absolute URL of a file next to the app (a blob: page cannot resolve relative URLs);
  // the caller frees the returned string.
  recert_js_sibling_url__deps: ['$RecertFiles'],
  recert_js_sibling_url: function(name) {
    return RecertFiles.toHeap(new URL(UTF8ToString(name), document.baseURI).href)[0];
  },

  // [SECTION] IndexedDB
  // Schema (database version = SCHEMA_VERSION), one object store each:
  //   credentials, activities   {id, rev, json}: json is the record in the recert-log format
  //   attachments               {sha256, blob, name, mime, size}: evidence files, one per hash
  //   settings                  {key: 'ui' | 'person', json}
  //   outbox, cursors           reserved for provider sync (created empty)
  //   meta                      {key: 'schema', version} and {key: 'last_backup', date}
  // Version 1 (the first prototype, kept as tests/browser/fixtures/storage/v1.json): one store 'log'
  // holding the whole recert-log document under key 'current', and 'files' {sha256, bytes, name,
  // mime}. Upgrading keeps those two stores (renamed v1_log, v1_files) next to the new ones.

  $RecertIDB__deps: ['malloc', 'free', '$RecertFiles', '$RecertZip'],
  $RecertIDB: {
    SCHEMA_VERSION: 2,
    RECORD_STORES: ['credentials', 'activities'],
    stores: {},
    tabId: '', // set when the first store opens (this object literal is evaluated at link time)

    // Event codes, mirrored in store_web.cpp (enum class Event).
    EV_LOADED: 1, EV_FAILED: 2, EV_OK: 3, EV_REMOTE: 4, EV_ESTIMATE: 5, EV_NOTICE: 6,
    EV_BACKUP: 7, EV_PICKED: 8, EV_PROGRESS: 9,

    // Delivers one result to C++, then tells page-level listeners (tests, benchmarks) it arrived.
    send: function(handle, req, code, a, b) {
      if (!RecertIDB.stores[handle]) return; // closed meanwhile
      var pa = RecertFiles.toHeap(a);
      var pb = RecertFiles.toHeap(typeof b === 'string' ? b : JSON.stringify(b || {}));
      try {
        _recert_store_event(handle, req, code, pa[0], pa[1], pb[0], pb[1]);
      } finally {
        _free(pa[0]);
        _free(pb[0]);
      }
      if (typeof window !== 'undefined' && window.dispatchEvent) {
        window.dispatchEvent(new CustomEvent('recert-store-event', { detail: { handle: handle, req: req, code: code } }));
      }
      if (Module['recertWake']) Module['recertWake'](); // the app picks the result up now, not next frame
    },
    fail: function(handle, req, message, extra) {
      var meta = extra || {};
      RecertIDB.send(handle, req, RecertIDB.EV_FAILED, message, meta);
    },
    // Plain words for a failed write; the store is unchanged in every case.
    writeError: function(err) {
      var name = err && err.name;
      if (name === 'QuotaExceededError') {
        return "Your browser's storage for Recert is full. Nothing was saved: free some disk space or " +
               'remove large evidence files, then save again.';
      }
      if (name === 'InvalidStateError' || name === 'TransactionInactiveError') {
        return 'The saved data was closed (another tab updated Recert, or the browser is shutting down). ' +
               'Nothing was saved: reload this tab and save again.';
      }
      return 'Saving failed (' + (name || 'error') + (err && err.message ? ': ' + err.message : '') + '). Nothing was saved.';
    },
    attachmentMeta: function(r) {
      return { sha256: r.sha256, name: r.name, mime: r.mime, size: r.size };
    },
    reqDone: function(request) {
      return new Promise(function(resolve, reject) {
        request.onsuccess = function() { resolve(request.result); };
        request.onerror = function() { reject(request.error); };
      });
    },

    // [SECTION] Opening, schema and migrations

    upgrade: function(db, tx, oldVersion) {
      var have = function(n) { return db.objectStoreNames.contains(n); };
      if (!have('credentials')) db.createObjectStore('credentials', { keyPath: 'id' });
      if (!have('activities')) db.createObjectStore('activities', { keyPath: 'id' });
      if (!have('attachments')) db.createObjectStore('attachments', { keyPath: 'sha256' });
      if (!have('settings')) db.createObjectStore('settings', { keyPath: 'key' });
      if (!have('outbox')) db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      if (!have('cursors')) db.createObjectStore('cursors', { keyPath: 'provider' });
      if (!have('meta')) db.createObjectStore('meta', { keyPath: 'key' });
      tx.objectStore('meta').put({ key: 'schema', version: RecertIDB.SCHEMA_VERSION });
      if (oldVersion === 1 && have('log')) RecertIDB.migrateFromV1(db, tx);
    },
    // v1 -> v2, inside the versionchange transaction (all or nothing: any exception or failed
    // check aborts it and the database stays at version 1, untouched). The v1 stores are kept.
    migrateFromV1: function(db, tx) {
      var logStore = tx.objectStore('log');
      logStore.get('current').onsuccess = function(e) {
        var row = e.target.result;
        var doc = row ? JSON.parse(row.json) : { credentials: [], activities: [] };
        if (!doc || doc.format !== 'recert-log') throw new Error('v1 log is not a recert-log document');
        var expected = { credentials: 0, activities: 0 };
        RecertIDB.RECORD_STORES.forEach(function(kind) {
          (doc[kind] || []).forEach(function(rec) {
            if (typeof rec.rev !== 'number') rec.rev = 1;
            tx.objectStore(kind).put({ id: rec.id, rev: rec.rev, json: JSON.stringify(rec) });
            expected[kind]++;
          });
        });
        tx.objectStore('settings').put({ key: 'ui', json: JSON.stringify(doc.settings || {}) });
        tx.objectStore('settings').put({ key: 'person', json: JSON.stringify(doc.person || {}) });
        var files = db.objectStoreNames.contains('files') ? tx.objectStore('files') : null;
        var verify = function() {
          // Verified before the transaction may commit: every record and file was written.
          RecertIDB.RECORD_STORES.forEach(function(kind) {
            tx.objectStore(kind).count().onsuccess = function(c) {
              if (c.target.result !== expected[kind]) tx.abort();
            };
          });
          logStore.name = 'v1_log';
          if (files) files.name = 'v1_files';
        };
        if (!files) return verify();
        files.getAll().onsuccess = function(f) {
          f.target.result.forEach(function(r) {
            var blob = new Blob([r.bytes], { type: r.mime });
            tx.objectStore('attachments').put({ sha256: r.sha256, blob: blob, name: r.name, mime: r.mime, size: blob.size });
          });
          expected.attachments = f.target.result.length;
          tx.objectStore('attachments').count().onsuccess = function(c) {
            if (c.target.result < expected.attachments) tx.abort();
          };
          verify();
        };
      };
    },
    LOCK_TIMEOUT_MS: 500,
    OPEN_TIMEOUT_MS: 3000,
    // Where the records go: the page's own IndexedDB, Web Locks and BroadcastChannel, or those of a
    // Storage Access handle once the person allowed it inside a cross-site frame (requestAccess).
    backend: null,
    api: function() {
      if (!RecertIDB.backend) {
        RecertIDB.backend = {
          idb: typeof indexedDB === 'undefined' ? null : indexedDB,
          locks: navigator.locks && navigator.locks.request ? navigator.locks : null,
          BC: typeof BroadcastChannel === 'undefined' ? null : BroadcastChannel,
        };
      }
      return RecertIDB.backend;
    },
    // True inside a frame of another site (the embed): storage there is partitioned or refused.
    framed: function() {
      try { return window.top !== window; } catch (e) { return true; }
    },
    // 'first-party' at the top level, inside a page of the same site, or with a Storage Access
    // handle; else 'partitioned': every current browser keys a cross-site frame's storage by the
    // top-level site, whatever its cookie settings (document.hasStorageAccess() speaks of cookies).
    situation: function() {
      if (!RecertIDB.framed() || RecertIDB.accessHandle) return Promise.resolve('first-party');
      var top = '';
      try {
        var a = location.ancestorOrigins;
        top = a && a.length ? a[a.length - 1] : new URLSearchParams(location.search).get('parent') || '';
      } catch (e) { top = ''; }
      try {
        var t = new URL(top);
        if (t.protocol === location.protocol && t.hostname === location.hostname) return Promise.resolve('first-party');
      } catch (e) { }
      return Promise.resolve('partitioned');
    },
    // The database could not be opened because the browser refuses storage to this frame. When the
    // person already allowed storage access (an earlier visit), it is asked for again at once
    // (no prompt then); else C++ shows the three ways through.
    blocked: function(handle, err) {
      var st = RecertIDB.stores[handle];
      var report = function() {
        RecertIDB.fail(handle, 0, RecertIDB.accessHandle
          ? 'Your browser allowed Recert\'s request but still refuses it storage inside this page. Open Recert ' +
            'in its own tab, or use it for this visit only.'
          : 'Your browser refuses storage to Recert inside this page.', { storage: 'blocked' });
      };
      if (err && err.name) console.warn('[recert] storage refused in this frame: ' + err.name + ': ' + err.message);
      if (RecertIDB.accessTried || !document.requestStorageAccess || !navigator.permissions) return report();
      RecertIDB.accessTried = true;
      navigator.permissions.query({ name: 'storage-access' }).then(function(s) {
        if (s.state === 'granted' && st) RecertIDB.requestAccess(handle, st.name, report);
        else report();
      }, report);
    },
    open: function(handle, name) {
      if (!RecertIDB.tabId) RecertIDB.tabId = Math.random().toString(36).slice(2) + Date.now().toString(36);
      var st = { name: name, from: RecertIDB.tabId + ':' + handle, db: null, staged: new Map(), restoreShas: [], reading: 0, persistAsked: false, estimateTimer: 0 };
      RecertIDB.stores[handle] = st;
      var api = RecertIDB.api();
      if (!api.idb) {
        if (RecertIDB.framed()) return RecertIDB.blocked(handle, null);
        return RecertIDB.fail(handle, 0, 'This browser cannot store data for Recert (IndexedDB is unavailable, ' +
                              'e.g. in a private window). Your entries would be lost when the tab closes.');
      }
      var answered = false, started = false;
      var doOpen = function() {
        if (started) return Promise.resolve();
        started = true;
        // A frame's storage can also be refused by never answering (seen with a Storage Access
        // handle whose storage the browser still blocks): after OPEN_TIMEOUT_MS that counts as refused.
        setTimeout(function() {
          if (!answered && RecertIDB.framed() && RecertIDB.stores[handle] === st) {
            answered = true;
            RecertIDB.blocked(handle, { name: 'TimeoutError', message: 'the browser did not answer' });
          }
        }, RecertIDB.OPEN_TIMEOUT_MS);
        return new Promise(function(resolve) {
          var request;
          try {
            request = api.idb.open(name, RecertIDB.SCHEMA_VERSION);
          } catch (err) {
            answered = true;
            if (RecertIDB.framed()) RecertIDB.blocked(handle, err);
            else RecertIDB.fail(handle, 0, 'Recert could not open its saved data (' + err.name + ': ' + err.message + ').');
            return resolve();
          }
          request.onupgradeneeded = function(e) {
            try {
              RecertIDB.upgrade(request.result, request.transaction, e.oldVersion);
            } catch (err) {
              request.transaction.abort();
            }
          };
          request.onblocked = function() {
            RecertIDB.send(handle, 0, RecertIDB.EV_NOTICE, 'Recert is updating how your data is stored. ' +
                           'Close the other Recert tabs (or reload them) to finish.', { needs_reload: false });
          };
          request.onerror = function() {
            var err = request.error;
            if (answered) return resolve();
            answered = true;
            if (RecertIDB.framed() && err && (err.name === 'UnknownError' || err.name === 'SecurityError')) {
              RecertIDB.blocked(handle, err);
              return resolve();
            }
            RecertIDB.fail(handle, 0, err && err.name === 'VersionError'
              ? 'Your data was saved by a newer version of Recert. Reload to get the newest version.'
              : 'Recert could not open its saved data (' + (err ? err.name + ': ' + err.message : 'unknown error') +
                '). Nothing was changed.');
            resolve();
          };
          request.onsuccess = function() {
            if (answered) { request.result.close(); return resolve(); } // too late: already reported
            answered = true;
            var db = request.result;
            st.db = db;
            db.onversionchange = function() {
              db.close();
              st.db = null;
              RecertIDB.send(handle, 0, RecertIDB.EV_NOTICE, 'Recert was updated in another tab. ' +
                             'Reload this tab to keep working; nothing you saved is lost.', { needs_reload: true });
            };
            db.onclose = function() {
              st.db = null;
              RecertIDB.send(handle, 0, RecertIDB.EV_NOTICE, 'The browser closed Recert\'s saved data ' +
                             '(site data cleared?). Reload this tab.', { needs_reload: true });
            };
            RecertIDB.situation().then(function(where) {
              st.situation = where;
              return RecertIDB.load(handle, st);
            }).then(resolve, resolve);
          };
        });
      };
      // One tab at a time opens (and so migrates) the database. A frame whose storage is refused
      // has no Web Locks either: then open without the lock (the open fails and says why).
      if (api.locks) {
        try {
          api.locks.request('recert-idb-open:' + name, doOpen).catch(function(err) {
            if (!answered) doOpen();
          });
          // A lock request the browser neither grants nor refuses must not hold the records back.
          if (RecertIDB.framed()) setTimeout(function() { if (!started) doOpen(); }, RecertIDB.LOCK_TIMEOUT_MS);
        } catch (err) {
          doOpen();
        }
      } else {
        doOpen();
      }
      if (api.BC) {
        // Other tabs with the same database: a save is announced only when there are any. A new
        // tab says hello before it reads anything; the others answer, and also replay the writes
        // they made in the last few seconds, in case one landed between its read and the hello.
        try {
          st.channel = new api.BC('recert-idb:' + name);
          st.peers = new Set();
          st.recent = [];
          st.channel.onmessage = function(e) { RecertIDB.onChannel(handle, st, e.data); };
          st.channel.postMessage({ type: 'hello', from: st.from });
          RecertIDB.watchPage();
        } catch (err) {
          st.channel = null; // refused with the storage: this frame works alone
        }
      }
    },
    // Asks the browser for this frame's unpartitioned storage (the Storage Access API; call it
    // from the person's click). Granted: the records open there. Refused: EV_FAILED says so.
    requestAccess: function(handle, name, onRefused) {
      var refuse = onRefused ? function() { onRefused(); } : function(err) {
        RecertIDB.fail(handle, 0, 'Your browser did not allow Recert to keep records here' +
                       (err && err.message ? ' (' + err.message + ')' : '') + '.', { storage: 'blocked', access: 'refused' });
      };
      if (!document.requestStorageAccess) return refuse(new Error('this browser has no Storage Access API'));
      var ask;
      try {
        ask = document.requestStorageAccess({ indexedDB: true, locks: true, BroadcastChannel: true });
      } catch (err) {
        ask = document.requestStorageAccess();
      }
      Promise.resolve(ask).then(function(h) {
        RecertIDB.accessTried = true;
        if (h && h.indexedDB) {
          RecertIDB.accessHandle = h;
          RecertIDB.backend = { idb: h.indexedDB, locks: h.locks || null, BC: h.BroadcastChannel || null };
        } else {
          RecertIDB.backend = null; // cookies only: the page's own storage stays as it was
        }
        var old = RecertIDB.stores[handle];
        if (old && old.channel) { try { old.channel.close(); } catch (e) {} }
        RecertIDB.open(handle, name);
      }, refuse);
    },
    RECENT_MS: 10000,
    onChannel: function(handle, st, msg) {
      if (!msg || typeof msg !== 'object' || msg.from === st.from || !st.channel) return;
      if (msg.type === 'hello') {
        st.peers.add(msg.from);
        st.channel.postMessage({ type: 'here', from: st.from });
        var since = Date.now() - RecertIDB.RECENT_MS;
        st.recent.forEach(function(r) {
          if (r.at >= since) st.channel.postMessage(Object.assign({}, r.note, { to: msg.from }));
        });
      } else if (msg.type === 'here') {
        st.peers.add(msg.from);
      } else if (msg.type === 'bye') {
        st.peers.delete(msg.from);
      } else if (msg.type === 'changed') {
        st.peers.add(msg.from);
        if (!msg.to || msg.to === st.from) RecertIDB.onRemote(handle, st, msg);
      }
    },
    // Announces a saved change to the other tabs (if any), and keeps it for a tab about to open.
    announce: function(st, note) {
      if (!st.channel) return;
      var now = Date.now();
      st.recent.push({ at: now, note: note });
      while (st.recent.length && st.recent[0].at < now - RecertIDB.RECENT_MS) st.recent.shift();
      if (st.peers.size) st.channel.postMessage(note);
    },
    // A tab leaving (or coming back from the back/forward cache) tells the others.
    watchPage: function() {
      if (RecertIDB.pageWatched || typeof window === 'undefined' || !window.addEventListener) return;
      RecertIDB.pageWatched = true;
      window.addEventListener('pagehide', function() {
        Object.keys(RecertIDB.stores).forEach(function(h) {
          var st = RecertIDB.stores[h];
          if (st && st.channel) st.channel.postMessage({ type: 'bye', from: st.from });
        });
      });
      window.addEventListener('pageshow', function(e) {
        if (!e.persisted) return;
        Object.keys(RecertIDB.stores).forEach(function(h) {
          var st = RecertIDB.stores[h];
          if (st && st.channel) {
            st.peers.clear();
            st.channel.postMessage({ type: 'hello', from: st.from });
          }
        });
      });
    },
    // Reads everything in one transaction and hands C++ one recert-log document.
    load: function(handle, st) {
      var tx = st.db.transaction(['credentials', 'activities', 'attachments', 'settings', 'meta'], 'readonly');
      var all = {};
      ['credentials', 'activities', 'settings', 'meta'].forEach(function(s) {
        tx.objectStore(s).getAll().onsuccess = function(e) { all[s] = e.target.result; };
      });
      // Attachments: metadata only (the Blob handles are not read).
      var files = [];
      tx.objectStore('attachments').openCursor().onsuccess = function(e) {
        var c = e.target.result;
        if (!c) return;
        files.push(RecertIDB.attachmentMeta(c.value));
        c.continue();
      };
      return new Promise(function(resolve) {
        tx.oncomplete = function() {
          var doc;
          try {
            doc = RecertIDB.document(all.credentials, all.activities, all.settings, true, true);
          } catch (err) {
            RecertIDB.fail(handle, 0, 'Recert could not read its saved data: ' + err.message + '. Nothing was changed.');
            return resolve();
          }
          var meta = { attachments: files, ids: doc.ids, revs: doc.revs, storage: st.situation || 'first-party' };
          (all.meta || []).forEach(function(m) { if (m.key === 'last_backup') meta.last_backup = m.date; });
          RecertIDB.send(handle, 0, RecertIDB.EV_LOADED, doc.text, meta);
          RecertIDB.refreshEstimate(handle, st, 0);
          resolve();
        };
        tx.onabort = tx.onerror = function() {
          RecertIDB.fail(handle, 0, 'Recert could not read its saved data (' + (tx.error ? tx.error.name : 'error') + ').');
          resolve();
        };
      });
    },
    // A recert-log document from stored rows (their json texts joined, not re-parsed: C++ decodes
    // it once and checks ids and revisions against `ids`/`revs`, so a damaged row cannot hide or
    // invent records). Throws with a located message for rows of the wrong shape.
    document: function(creds, acts, settings, withSettings, withPerson) {
      var ids = { credentials: [], activities: [] }, revs = { credentials: [], activities: [] };
      var part = function(kind, rows) {
        var texts = [];
        (rows || []).forEach(function(r, i) {
          if (!r || typeof r.json !== 'string' || typeof r.id !== 'string' || typeof r.rev !== 'number') {
            throw new Error('stored ' + (kind === 'credentials' ? 'credential' : 'activity') + ' #' + i + ' (' + JSON.stringify(r && r.id) +
                            ') is damaged: expected {id, rev, json}');
          }
          texts.push(r.json);
          ids[kind].push(r.id);
          revs[kind].push(r.rev);
        });
        return '[' + texts.join(',') + ']';
      };
      var text = '{"format":"recert-log","version":1,"credentials":' + part('credentials', creds) +
                 ',"activities":' + part('activities', acts);
      (settings || []).forEach(function(row) {
        if ((row.key === 'ui' && withSettings) || (row.key === 'person' && withPerson)) {
          var v;
          try { v = JSON.parse(row.json); } catch (e) { v = null; }
          if (!v || typeof v !== 'object' || Array.isArray(v)) {
            throw new Error('stored ' + (row.key === 'ui' ? 'settings are' : 'name is') + ' damaged (not a JSON object)');
          }
          text += ',"' + (row.key === 'ui' ? 'settings' : 'person') + '":' + JSON.stringify(v);
        }
      });
      return { text: text + '}', ids: ids, revs: revs };
    },

    // [SECTION] Writing: one readwrite transaction, compare-and-set on every record

    // recordsText: one record's JSON per line, credentials first, in the order of meta.put_credentials
    // and meta.put_activities ([id, expected revision] each); stored as they are, never re-encoded.
    commit: function(handle, req, recordsText, metaText) {
      var st = RecertIDB.stores[handle];
      var meta = JSON.parse(metaText);
      var lines = recordsText ? recordsText.split('\n') : [], line = 0;
      var puts = {};
      RecertIDB.RECORD_STORES.forEach(function(kind) {
        puts[kind] = meta['put_' + kind].map(function(p) { return { id: p[0], expected: p[1], json: lines[line++] }; });
      });
      if (line !== lines.length) return RecertIDB.fail(handle, req, 'Nothing was saved: the records to write were garbled.');
      // Bytes handed over from C++ are copied now (the heap may move once we return).
      var files = meta.files.map(function(f) {
        return { sha256: f.sha256, name: f.name, mime: f.mime,
                 blob: f.len ? new Blob([HEAPU8.slice(f.ptr, f.ptr + f.len)], { type: f.mime }) : null };
      });
      if (!st || !st.db) return RecertIDB.fail(handle, req, 'The saved data is closed. Reload this tab; nothing was saved.');
      var withBytes = files.filter(function(f) { return f.blob; });
      // Most saves carry no file bytes: write at once, without a round trip through a promise.
      if (!withBytes.length) return RecertIDB.writeTx(handle, req, st, meta, puts, files);
      var verify = Promise.all(withBytes.map(function(f) {
        return f.blob.arrayBuffer().then(RecertFiles.sha256).then(function(h) {
          if (h !== f.sha256) throw new Error(f.name + ': the file does not match its SHA-256');
        });
      }));
      verify.then(function() {
        RecertIDB.writeTx(handle, req, st, meta, puts, files);
      }, function(err) {
        RecertIDB.fail(handle, req, err.message);
      });
    },
    // The object stores a commit touches: a smaller scope is a cheaper transaction and lets
    // independent writes (an edit while a file is being stored) run side by side.
    writeScope: function(meta, puts, files) {
      var scope = [];
      RecertIDB.RECORD_STORES.forEach(function(kind) {
        if (puts[kind].length || meta['del_' + kind].length) scope.push(kind);
      });
      if (meta.settings != null || meta.person != null) scope.push('settings');
      if (files.length) scope.push('attachments');
      return scope.length ? scope : ['meta'];
    },
    writeTx: function(handle, req, st, meta, puts, files) {
      var tx;
      try {
        tx = st.db.transaction(RecertIDB.writeScope(meta, puts, files), 'readwrite', { durability: 'strict' });
      } catch (err) {
        return RecertIDB.fail(handle, req, RecertIDB.writeError(err));
      }
      // Compare-and-set without an extra round trip: requests in one transaction run in order, so
      // each record's get sees the stored row before its put; a mismatch aborts the transaction
      // and nothing of it is written. A new record (expected revision 0) is written with add(),
      // which itself fails when the id is taken: one request instead of two, and the stored row is
      // read afterwards, only for the conflict dialog.
      var conflicts = [], problem = null;
      var taken = function(kind, id, attempted) {
        return function(e) {
          if (!e.target.error || e.target.error.name !== 'ConstraintError') return; // quota, …: tx.error
          conflicts.push({ kind: kind, id: id, expected: 0, stored: null, stored_json: null, attempted: attempted });
        };
      };
      var check = function(kind, id, expected, attempted) {
        tx.objectStore(kind).get(id).onsuccess = function(e) {
          var row = e.target.result;
          var rev = row ? row.rev : 0;
          if (rev === expected) return;
          conflicts.push({ kind: kind, id: id, expected: expected, stored: rev, stored_json: row ? row.json : null,
                           attempted: attempted });
          try { tx.abort(); } catch (e2) { /* already aborting */ }
        };
      };
      RecertIDB.RECORD_STORES.forEach(function(kind) {
        if (!puts[kind].length && !meta['del_' + kind].length) return; // not in scope
        var os = tx.objectStore(kind);
        puts[kind].forEach(function(rec, i) {
          var row = { id: rec.id, rev: rec.expected + 1, json: rec.json };
          var expected = rec.expected;
          if (expected === 0) {
            os.add(row).onerror = taken(kind, rec.id, i);
          } else {
            check(kind, rec.id, expected, i);
            os.put(row);
          }
        });
        meta['del_' + kind].forEach(function(d) {
          check(kind, d[0], d[1], -1);
          os.delete(d[0]);
        });
      });
      if (meta.settings != null) tx.objectStore('settings').put({ key: 'ui', json: meta.settings });
      if (meta.person != null) tx.objectStore('settings').put({ key: 'person', json: meta.person });
      files.forEach(function(f) {
        // One file per hash: an already stored file is kept as it is (first name wins).
        var blob = f.blob || st.staged.get(f.sha256) || null;
        tx.objectStore('attachments').getKey(f.sha256).onsuccess = function(e) {
          if (e.target.result !== undefined) return;
          if (blob) {
            f.store = blob;
            tx.objectStore('attachments').put({ sha256: f.sha256, blob: blob, name: f.name, mime: f.mime, size: blob.size });
          } else if (!problem) {
            problem = f.name + ': the file is no longer available; attach it again';
            try { tx.abort(); } catch (e2) { /* already aborting */ }
          }
        };
      });
      tx.oncomplete = function() {
        files.forEach(function(f) { st.staged.delete(f.sha256); });
        var note = { from: st.from, type: 'changed', settings: meta.settings != null, person: meta.person != null,
                     files: files.map(function(f) { return f.sha256; }) };
        var stored = [];
        files.forEach(function(f) { if (f.store) stored.push({ sha256: f.sha256, name: f.name, mime: f.mime, size: f.store.size }); });
        RecertIDB.RECORD_STORES.forEach(function(kind) {
          note[kind] = puts[kind].map(function(r) { return r.id; }).concat(meta['del_' + kind].map(function(d) { return d[0]; }));
        });
        RecertIDB.send(handle, req, RecertIDB.EV_OK, '', stored.length ? { attachments: stored } : '');
        RecertIDB.announce(st, note);
        RecertIDB.afterSave(handle, st);
      };
      tx.onabort = function() {
        if (conflicts.length) {
          RecertIDB.readConflicts(st, conflicts, function() {
            RecertIDB.fail(handle, req, '', { conflicts: conflicts });
          });
        } else if (problem) {
          RecertIDB.fail(handle, req, problem);
        } else {
          RecertIDB.fail(handle, req, RecertIDB.writeError(tx.error));
        }
      };
    },
    // Fills in the stored side of conflicts found by add() (the id was taken), after the abort.
    readConflicts: function(st, conflicts, done) {
      var open = conflicts.filter(function(c) { return c.stored === null; });
      if (!open.length) return done();
      var tx;
      try {
        tx = st.db.transaction(RecertIDB.RECORD_STORES, 'readonly');
      } catch (err) {
        open.forEach(function(c) { c.stored = -1; });
        return done();
      }
      open.forEach(function(c) {
        tx.objectStore(c.kind).get(c.id).onsuccess = function(e) {
          var row = e.target.result;
          c.stored = row ? row.rev : 0;
          c.stored_json = row ? row.json : null;
        };
      });
      tx.oncomplete = done;
      tx.onabort = function() {
        open.forEach(function(c) { if (c.stored === null) c.stored = -1; });
        done();
      };
    },
    // After the first meaningful save: ask for persistent storage, then refresh the estimate.
    afterSave: function(handle, st) {
      if (!st.persistAsked && navigator.storage && navigator.storage.persist) {
        st.persistAsked = true;
        navigator.storage.persisted().then(function(p) {
          return p || navigator.storage.persist();
        }).catch(function() { return false; }).then(function() { RecertIDB.refreshEstimate(handle, st, 0); });
        return;
      }
      RecertIDB.refreshEstimate(handle, st, 2000);
    },
    refreshEstimate: function(handle, st, delay) {
      if (!navigator.storage || !navigator.storage.estimate || st.estimateTimer) return;
      st.estimateTimer = setTimeout(function() {
        st.estimateTimer = 0;
        Promise.all([navigator.storage.estimate(), navigator.storage.persisted ? navigator.storage.persisted() : false])
          .then(function(r) {
            RecertIDB.send(handle, 0, RecertIDB.EV_ESTIMATE, '', { usage: r[0].usage || 0, quota: r[0].quota || 0,
                           persistent: !!r[1], persist_requested: st.persistAsked });
          }, function() {});
      }, delay);
    },

    // [SECTION] Other tabs

    onRemote: function(handle, st, note) {
      if (!note || note.type !== 'changed' || note.from === st.from || !st.db) return;
      var tx = st.db.transaction(['credentials', 'activities', 'settings', 'attachments'], 'readonly');
      var rows = { credentials: [], activities: [] }, gone = { credentials: [], activities: [] }, settings = [], files = [];
      RecertIDB.RECORD_STORES.forEach(function(kind) {
        (note[kind] || []).forEach(function(id) {
          tx.objectStore(kind).get(id).onsuccess = function(e) {
            if (e.target.result) rows[kind].push(e.target.result); else gone[kind].push(id);
          };
        });
      });
      tx.objectStore('settings').getAll().onsuccess = function(e) { settings = e.target.result; };
      (note.files || []).forEach(function(sha) {
        tx.objectStore('attachments').get(sha).onsuccess = function(e) {
          if (e.target.result) files.push(RecertIDB.attachmentMeta(e.target.result));
        };
      });
      tx.oncomplete = function() {
        try {
          var doc = RecertIDB.document(rows.credentials, rows.activities, settings, note.settings, note.person);
          RecertIDB.send(handle, 0, RecertIDB.EV_REMOTE, doc.text, {
            ids: doc.ids, revs: doc.revs, deleted: gone, settings: !!note.settings, person: !!note.person, attachments: files });
        } catch (err) {
          RecertIDB.send(handle, 0, RecertIDB.EV_NOTICE, 'Another tab saved data this tab cannot read (' + err.message +
                         '). Reload this tab.', { needs_reload: true });
        }
      };
    },

    // [SECTION] Files: pickers, downloads, evidence

    pickEvidence: function(handle, req, maxBytes) {
      var st = RecertIDB.stores[handle];
      RecertFiles.pick(RecertFiles.ACCEPT.evidence, true, function(list) {
        Promise.all(list.map(function(file) {
          var out = { name: file.name, size: file.size, head: [], sha256: '' };
          return file.slice(0, 16).arrayBuffer().then(function(h) {
            out.head = Array.prototype.slice.call(new Uint8Array(h));
            if (file.size === 0 || file.size > maxBytes) return out;
            return file.arrayBuffer().then(function(buf) {
              return RecertFiles.sha256(buf).then(function(sha) {
                out.sha256 = sha;
                st.staged.set(sha, new Blob([buf]));
                return out;
              });
            });
          });
        })).then(function(files) {
          RecertIDB.send(handle, req, RecertIDB.EV_PICKED, '', { files: files });
        }, function(err) {
          RecertIDB.fail(handle, req, 'The chosen file could not be read (' + err.message + ').');
        });
      });
    },
    openAttachment: function(handle, req, sha, download) {
      var st = RecertIDB.stores[handle];
      if (!st || !st.db) return RecertIDB.fail(handle, req, 'The saved data is closed. Reload this tab.');
      RecertIDB.reqDone(st.db.transaction('attachments', 'readonly').objectStore('attachments').get(sha)).then(function(row) {
        if (!row) return RecertIDB.fail(handle, req, 'This evidence file is not stored on this device.');
        var blob = row.blob.type === row.mime ? row.blob : new Blob([row.blob], { type: row.mime });
        if (download) {
          RecertFiles.download(blob, row.name);
        } else {
          var url = URL.createObjectURL(blob);
          var w = window.open(url, '_blank', 'noopener');
          setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
          if (!w && !download) RecertFiles.download(blob, row.name); // pop-up blocked: save it instead
        }
        RecertIDB.send(handle, req, RecertIDB.EV_OK, '', {});
      }, function(err) {
        RecertIDB.fail(handle, req, 'The evidence file could not be read (' + (err && err.name) + ').');
      });
    },

    // [SECTION] Backup and restore

    exportBackup: function(handle, req, zip, logText, manifestText, fileName, today) {
      var st = RecertIDB.stores[handle];
      if (!st || !st.db) return RecertIDB.fail(handle, req, 'The saved data is closed. Reload this tab.');
      var enc = new TextEncoder();
      var finish = function(blob) {
        RecertFiles.download(blob, fileName);
        var tx = st.db.transaction('meta', 'readwrite', { durability: 'strict' });
        tx.objectStore('meta').put({ key: 'last_backup', date: today });
        tx.oncomplete = function() { RecertIDB.send(handle, req, RecertIDB.EV_OK, '', { last_backup: today }); };
        tx.onabort = function() { RecertIDB.send(handle, req, RecertIDB.EV_OK, '', {}); }; // the file was still saved
      };
      if (!zip) return finish(new Blob([logText], { type: 'application/json' }));
      var manifest = JSON.parse(manifestText);
      RecertIDB.readAttachments(st, manifest.files, function(f) { return f.name + ' is missing from this device'; }).then(function(bytes) {
        var entries = { 'manifest.json': [enc.encode(manifestText), { level: 6 }], 'log.json': [enc.encode(logText), { level: 6 }] };
        // Certificates are mostly compressed already (JPEG, PNG, most PDFs): store them as-is.
        manifest.files.forEach(function(f) { entries[f.path] = [bytes.get(f.sha256), { level: 0 }]; });
        return RecertZip.blob(entries);
      }).then(finish).catch(function(err) {
        RecertIDB.fail(handle, req, err.aborted ? 'The backup could not be read from storage.'
                                                : 'The backup could not be written (' + err.message + '). Nothing was changed.');
      });
    },
    // The stored bytes of `items` (each with a sha256) as a Map from sha256 to Uint8Array. One
    // transaction: a request per file for a few, one getAll() for many (a request each cost a
    // packet of 1,000 files 200 ms; the rows hold only Blob handles). Then the bytes of every file
    // in one read of one Blob made of them all, not a read per file. Rejects with an Error of
    // missing(item) when a file is not stored, with { aborted: true } when the storage failed.
    readAttachments: function(st, items, missing) {
      var wanted = items.filter(function(it) { return it.sha256; });
      return new Promise(function(resolve, reject) {
        var rows = new Map();
        var tx = st.db.transaction('attachments', 'readonly');
        var os = tx.objectStore('attachments');
        if (wanted.length > 32) {
          os.getAll().onsuccess = function(e) { e.target.result.forEach(function(r) { rows.set(r.sha256, r); }); };
        } else {
          wanted.forEach(function(it) {
            os.get(it.sha256).onsuccess = function(e) { if (e.target.result) rows.set(it.sha256, e.target.result); };
          });
        }
        tx.oncomplete = function() { resolve(rows); };
        tx.onabort = function() { reject({ aborted: true }); };
      }).then(function(rows) {
        var order = new Map(); // sha256 -> its row, once each, in the order of `items`
        wanted.forEach(function(it) {
          var row = rows.get(it.sha256);
          if (!row) throw new Error(missing(it));
          order.set(it.sha256, row);
        });
        var blobs = [];
        order.forEach(function(row) { if (row.blob) blobs.push(row.blob); }); // an empty file has no Blob
        return new Blob(blobs).arrayBuffer().then(function(buf) {
          var out = new Map(), at = 0;
          order.forEach(function(row, sha) {
            var n = row.blob ? row.blob.size : 0;
            out.set(sha, new Uint8Array(buf, at, n));
            at += n;
          });
          return out;
        });
      });
    },
    // Reads a backup file: inflates the ZIP a slice at a time (RecertZip: progress to C++ as
    // EV_PROGRESS, Cancel through dropRestore), hashes the evidence entries and stages them, then
    // hands C++ the texts and the listing to validate (restore.cpp).
    readBackup: function(handle, req, fileName, u8) {
      var st = RecertIDB.stores[handle];
      var bad = function(msg) { RecertIDB.fail(handle, req, fileName + ': ' + msg); };
      var text = function(bytes, what) {
        try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch (e) { throw new Error(what + ' is not UTF-8 text'); }
      };
      RecertIDB.dropRestore(st);
      if (u8.length === 0) return bad('the file is empty');
      if (!(u8[0] === 0x50 && u8[1] === 0x4b)) {
        var s;
        try { s = text(u8, 'the file'); } catch (e) { return bad(e.message + ' (expected a Recert .zip or .json backup)'); }
        return RecertIDB.send(handle, req, RecertIDB.EV_BACKUP, s, { file_name: fileName, zip: false, entries: [] });
      }
      st.reading = req;
      var live = function() { return RecertIDB.stores[handle] === st && st.reading === req; };
      var wanted = RecertZip.backupEntries();
      RecertZip.read(u8, wanted, function(f) {
        if (live()) RecertIDB.send(handle, req, RecertIDB.EV_PROGRESS, String(f), {});
      }, function() { return !live(); }).then(function(list) {
        var manifestText = '', logText = '';
        list.forEach(function(e) {
          if (e.name === 'manifest.json') manifestText = text(e.data, 'manifest.json');
          if (e.name === 'log.json') logText = text(e.data, 'log.json');
        });
        var entries = list.map(function(e) { return { name: e.name, size: e.size, sha256: '' }; });
        return Promise.all(list.map(function(e, i) {
          if (!e.data || e.name.indexOf('evidence/') !== 0) return null;
          return RecertFiles.sha256(e.data).then(function(h) {
            entries[i].sha256 = h;
            if (live() && !st.staged.has(h)) { st.staged.set(h, new Blob([e.data])); st.restoreShas.push(h); }
          });
        })).then(function() {
          if (!live()) return;
          st.reading = 0;
          RecertIDB.send(handle, req, RecertIDB.EV_BACKUP, logText,
                         { file_name: fileName, zip: true, manifest_json: manifestText, entries: entries });
        });
      }).catch(function(err) {
        if (err.cancelled || !live()) return; // the person cancelled: nobody waits for an answer
        st.reading = 0;
        bad(err.message);
      });
    },
    // Reports: one ZIP of generated texts and stored evidence files (the audit packet), offered as a
    // download. Evidence is stored as-is (level 0: mostly compressed already), texts deflated.
    // entries: [{path, sha256} | {path, size}]; the texts (size) are `texts`, one after another.
    exportZip: function(handle, req, fileName, entries, texts) {
      var st = RecertIDB.stores[handle];
      if (!st || !st.db) return RecertIDB.fail(handle, req, 'The saved data is closed. Reload this tab.');
      var at = 0;
      entries.forEach(function(e) {
        if (e.sha256) return;
        e.bytes = texts.subarray(at, at + e.size);
        at += e.size;
      });
      if (at !== texts.length) return RecertIDB.fail(handle, req, fileName + ' could not be written (its texts were garbled). Nothing was changed.');
      RecertIDB.readAttachments(st, entries, function(e) { return e.path + ' is not stored on this device'; }).then(function(bytes) {
        var files = {};
        entries.forEach(function(e) {
          files[e.path] = e.sha256 ? [bytes.get(e.sha256), { level: 0 }] : [e.bytes, { level: 6 }];
        });
        return RecertZip.blob(files);
      }).then(function(blob) {
        RecertFiles.download(blob, fileName);
        RecertIDB.send(handle, req, RecertIDB.EV_OK, '', {});
      }).catch(function(err) {
        RecertIDB.fail(handle, req, err.aborted ? 'The evidence files could not be read from storage.'
                                                : fileName + ' could not be written (' + err.message + '). Nothing was changed.');
      });
    },
    dropRestore: function(st) {
      if (!st) return;
      st.reading = 0; // a backup being read stops at its next slice
      st.restoreShas.forEach(function(h) { st.staged.delete(h); });
      st.restoreShas = [];
    },
  },

  recert_idb_open__deps: ['$RecertIDB'],
  recert_idb_open: function(handle, name) {
    RecertIDB.open(handle, UTF8ToString(name));
  },
  recert_idb_request_access__deps: ['$RecertIDB'],
  recert_idb_request_access: function(handle, name) {
    RecertIDB.requestAccess(handle, UTF8ToString(name));
  },
  recert_idb_close__deps: ['$RecertIDB'],
  recert_idb_close: function(handle) {
    var st = RecertIDB.stores[handle];
    delete RecertIDB.stores[handle];
    if (!st) return;
    if (st.channel) {
      st.channel.postMessage({ type: 'bye', from: st.from });
      st.channel.close();
    }
    if (st.db) st.db.close();
  },
  recert_idb_commit__deps: ['$RecertIDB'],
  recert_idb_commit: function(handle, req, records, recordsLen, metaText) {
    RecertIDB.commit(handle, req, new TextDecoder().decode(HEAPU8.subarray(records, records + recordsLen)),
                     UTF8ToString(metaText));
  },
  recert_idb_stage_bytes__deps: ['$RecertIDB'],
  recert_idb_stage_bytes: function(handle, sha, data, len, mime) {
    var st = RecertIDB.stores[handle];
    if (st) st.staged.set(UTF8ToString(sha), new Blob([HEAPU8.slice(data, data + len)], { type: UTF8ToString(mime) }));
  },
  recert_idb_unstage__deps: ['$RecertIDB'],
  recert_idb_unstage: function(handle, sha) {
    var st = RecertIDB.stores[handle];
    if (st) st.staged.delete(UTF8ToString(sha));
  },
  recert_idb_pick_evidence__deps: ['$RecertIDB'],
  recert_idb_pick_evidence: function(handle, req, maxBytes) {
    RecertIDB.pickEvidence(handle, req, maxBytes);
  },
  recert_idb_open_attachment__deps: ['$RecertIDB'],
  recert_idb_open_attachment: function(handle, req, sha, download) {
    RecertIDB.openAttachment(handle, req, UTF8ToString(sha), !!download);
  },
  recert_idb_export__deps: ['$RecertIDB'],
  recert_idb_export: function(handle, req, zip, logText, manifestText, fileName, today) {
    RecertIDB.exportBackup(handle, req, !!zip, UTF8ToString(logText), UTF8ToString(manifestText),
                           UTF8ToString(fileName), UTF8ToString(today));
  },
  recert_idb_read_backup__deps: ['$RecertIDB'],
  recert_idb_read_backup: function(handle, req, name, data, len) {
    RecertIDB.readBackup(handle, req, UTF8ToString(name), HEAPU8.slice(data, data + len));
  },
  recert_idb_pick_backup__deps: ['$RecertIDB', '$RecertFiles', '$RecertZip'],
  recert_idb_pick_backup: function(handle, req) {
    RecertFiles.pick(RecertFiles.ACCEPT.backup, false, function(list) {
      if (!list.length) return RecertIDB.send(handle, req, RecertIDB.EV_OK, '', { cancelled: true });
      if (list[0].size > RecertFiles.READ_LIMIT)
        return RecertIDB.fail(handle, req, list[0].name + ': the file is larger than ' + RecertZip.mb(RecertFiles.READ_LIMIT) + ', more than any Recert backup this browser can read');
      list[0].arrayBuffer().then(function(buf) {
        RecertIDB.readBackup(handle, req, list[0].name, new Uint8Array(buf));
      }, function(err) {
        RecertIDB.fail(handle, req, list[0].name + ': the file could not be read (' + err.message + ')');
      });
    });
  },
  recert_idb_export_zip__deps: ['$RecertIDB'],
  recert_idb_export_zip: function(handle, req, fileName, entriesJson, texts, textsLen) {
    // The texts' bytes are copied now (the heap may move once we return).
    RecertIDB.exportZip(handle, req, UTF8ToString(fileName), JSON.parse(UTF8ToString(entriesJson)),
                        HEAPU8.slice(texts, texts + textsLen));
  },
  recert_idb_drop_restore__deps: ['$RecertIDB'],
  recert_idb_drop_restore: function(handle) {
    RecertIDB.dropRestore(RecertIDB.stores[handle]);
  },

  // [SECTION] Sync
  // Provider sync's browser glue (issue #7): the IndexedDB rows of the `outbox` and `cursors` stores
  // (created empty by the record store's schema v2, above), Web Locks so only one tab syncs,
  // sessionStorage for the PKCE verifier across the sign-in redirect, the redirect itself, and crypto
  // random bytes. The rows follow the edge's one convention: C++ passes its store's handle and a
  // request id; when the transaction settles the result is copied into the heap and delivered
  // through recert_sync_event (sync_store_web.cpp), then Module.recertWake(). Tokens never pass
  // through here: they stay in the wasm heap.

  $RecertSync__deps: ['free', '$RecertFiles'],
  $RecertSync: {
    next: 1,
    dbs: {},     // name -> Promise<IDBDatabase>
    locks: {},   // id -> {state, release}
    CONFIG_KEY: '__settings__',
    // Delivers one result to C++ (ok: the text is the answer, else the reason in plain words), then
    // tells page-level listeners (tests, benchmarks) it arrived and wakes the app.
    send: function(handle, req, ok, text) {
      var p = RecertFiles.toHeap(text);
      try {
        _recert_sync_event(handle, req, ok ? 1 : 0, p[0], p[1]);
      } finally {
        _free(p[0]);
      }
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
    run: function(handle, req, name, body) {
      RecertSync.db(name).then(body).catch(function(err) {
        RecertSync.send(handle, req, false, (err && err.message) || String(err));
      });
    },
  },

  // Reads every row: {config, cursors: [{provider, json}], outbox: [{provider, json}]} as JSON.
  recert_syncdb_load__deps: ['$RecertSync'],
  recert_syncdb_load: function(handle, req, namePtr) {
    var name = UTF8ToString(namePtr);
    RecertSync.run(handle, req, name, function(db) {
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
      tx.oncomplete = function() { RecertSync.send(handle, req, true, JSON.stringify(out)); };
      tx.onabort = tx.onerror = function() { RecertSync.send(handle, req, false, (tx.error && tx.error.message) || 'read failed'); };
    });
  },

  // Writes one cursors row (provider = '__settings__' for the settings) and, when outboxJson is not
  // null, replaces that provider's outbox rows — all in one transaction.
  recert_syncdb_save__deps: ['$RecertSync'],
  recert_syncdb_save: function(handle, req, namePtr, providerPtr, jsonPtr, outboxPtr) {
    var name = UTF8ToString(namePtr), provider = UTF8ToString(providerPtr), json = UTF8ToString(jsonPtr);
    var outbox = outboxPtr ? JSON.parse(UTF8ToString(outboxPtr)) : null;
    RecertSync.run(handle, req, name, function(db) {
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
      tx.oncomplete = function() { RecertSync.send(handle, req, true, ''); };
      tx.onabort = tx.onerror = function() {
        var err = tx.error;
        RecertSync.send(handle, req, false, err && err.name === 'QuotaExceededError' ? "the browser's storage is full" : ((err && err.message) || 'write failed'));
      };
    });
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
  // The sign-in answer in this page's URL ({"code","state","error","iss"} as JSON, "" when none),
  // removed from the address bar so a reload or a bookmark never replays it (with the RFC 9207 `iss`
  // and `error_description` a provider adds). Also gives the redirect URI: this page's URL without
  // those parameters.
  recert_sync_take_redirect__deps: ['malloc'],
  recert_sync_take_redirect: function() {
    var url = new URL(window.location.href), out = {};
    ['code', 'state', 'error', 'iss', 'error_description'].forEach(function(k) {
      if (url.searchParams.has(k)) { out[k] = url.searchParams.get(k); url.searchParams.delete(k); }
    });
    if (out.code || out.error) window.history.replaceState(null, '', url.toString());
    url.hash = '';
    out.redirect_uri = url.toString();
    var text = JSON.stringify(out), n = lengthBytesUTF8(text) + 1, p = _malloc(n);
    stringToUTF8(text, p, n);
    return p;
  },

  // `n` random bytes from the Web Crypto API into the heap at `ptr`.
  recert_js_random: function(ptr, n) {
    crypto.getRandomValues(HEAPU8.subarray(ptr, ptr + n));
  },

  // [SECTION] DPoP proofs and "Stay signed in" (issue #20)
  // One ECDSA P-256 key per browser profile signs DPoP proofs (RFC 9449). WebCrypto makes its private
  // half non-extractable: the key object itself (structured clone) is kept in a database of its own,
  // `recert-auth` (never the records' `recert` database, a backup or an export), so no script can
  // read it out, and a refresh token the provider bound to it is useless anywhere else. Next to it,
  // only when the person chose "Stay signed in on this device", the refresh token. Answers go to
  // recert_auth_event (transport_web.cpp); a failure's text never holds a token.
  $RecertAuth__deps: ['$RecertFiles', 'free'],
  $RecertAuth: {
    dbp: null,
    keyp: null,
    send: function(req, ok, text) {
      var p = RecertFiles.toHeap(text);
      try { _recert_auth_event(req, ok ? 1 : 0, p[0], p[1]); } finally { _free(p[0]); }
    },
    db: function() {
      if (!RecertAuth.dbp) {
        RecertAuth.dbp = new Promise(function(resolve, reject) {
          var r = indexedDB.open('recert-auth', 1);
          r.onupgradeneeded = function() { r.result.createObjectStore('auth'); };
          r.onsuccess = function() {
            r.result.onversionchange = function() { r.result.close(); RecertAuth.dbp = null; };
            resolve(r.result);
          };
          r.onerror = function() { RecertAuth.dbp = null; reject(r.error || new Error('the sign-in storage could not be opened')); };
        });
      }
      return RecertAuth.dbp;
    },
    // One request on the `auth` store: fn(store) returns the IDBRequest whose result is answered.
    tx: function(mode, fn) {
      return RecertAuth.db().then(function(db) {
        return new Promise(function(resolve, reject) {
          var tx = db.transaction('auth', mode), r = fn(tx.objectStore('auth'));
          tx.oncomplete = function() { resolve(r.result); };
          tx.onabort = tx.onerror = function() { reject(tx.error || new Error('the sign-in storage failed')); };
        });
      });
    },
    b64u: function(bytes) {
      var s = '';
      for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
      return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    },
    // The key pair (made once, non-extractable) and its public JWK.
    key: function() {
      if (!RecertAuth.keyp) {
        RecertAuth.keyp = RecertAuth.tx('readonly', function(st) { return st.get('dpop-key'); }).then(function(pair) {
          if (pair && pair.privateKey && pair.publicKey) return pair;
          return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']).then(function(made) {
            return RecertAuth.tx('readwrite', function(st) { return st.put(made, 'dpop-key'); }).then(function() { return made; });
          });
        }).then(function(pair) {
          return crypto.subtle.exportKey('jwk', pair.publicKey).then(function(jwk) {
            return { privateKey: pair.privateKey, jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } };
          });
        });
        RecertAuth.keyp.catch(function() { RecertAuth.keyp = null; });
      }
      return RecertAuth.keyp;
    },
    proof: function(htm, htu, token) {
      var enc = new TextEncoder();
      return Promise.all([RecertAuth.key(), token ? crypto.subtle.digest('SHA-256', enc.encode(token)) : null]).then(function(got) {
        var k = got[0], jti = new Uint8Array(16);
        crypto.getRandomValues(jti);
        var payload = { jti: RecertAuth.b64u(jti), htm: htm, htu: htu, iat: Math.floor(Date.now() / 1000) };
        if (got[1]) payload.ath = RecertAuth.b64u(new Uint8Array(got[1]));
        var input = RecertAuth.b64u(enc.encode(JSON.stringify({ typ: 'dpop+jwt', alg: 'ES256', jwk: k.jwk }))) + '.' +
                    RecertAuth.b64u(enc.encode(JSON.stringify(payload)));
        // WebCrypto's ECDSA signature is r || s, the form JWS uses.
        return crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, k.privateKey, enc.encode(input)).then(function(sig) {
          return input + '.' + RecertAuth.b64u(new Uint8Array(sig));
        });
      });
    },
  },
  recert_auth_dpop_proof__deps: ['$RecertAuth'],
  recert_auth_dpop_proof: function(req, method, url, token) {
    var m = UTF8ToString(method), u = UTF8ToString(url), t = UTF8ToString(token);
    RecertAuth.proof(m, u, t).then(function(jwt) { RecertAuth.send(req, true, jwt); },
      function(e) { RecertAuth.send(req, false, (e && e.name) || 'no key'); });
  },
  recert_auth_load__deps: ['$RecertAuth'],
  recert_auth_load: function(req) {
    RecertAuth.tx('readonly', function(st) { return st.get('refresh-token'); }).then(function(t) {
      RecertAuth.send(req, true, typeof t === 'string' ? t : '');
    }, function() { RecertAuth.send(req, false, 'the sign-in storage could not be read'); });
  },
  recert_auth_keep__deps: ['$RecertAuth'],
  recert_auth_keep: function(token) {
    var t = UTF8ToString(token);
    RecertAuth.tx('readwrite', function(st) { return t ? st.put(t, 'refresh-token') : st.delete('refresh-token'); })
      .catch(function() { console.warn('[recert] the sign-in could not be ' + (t ? 'kept' : 'forgotten') + ' on this device'); });
  },

  // [SECTION] Accessibility mirror
  // The UI's semantics tree (src/ui/semantics.h) as DOM over the canvas: every node a real element
  // with its ARIA role, name, value and states, positioned on the item it stands for. Interactive
  // nodes are focusable, so Tab and Shift+Tab visit them in reading order; their actions come back
  // as recert_a11y_focus / recert_a11y_action and reach ImGui as pointer input. Updates arrive as
  // diffs (recert_js_a11y_update): only changed nodes are touched; idle frames send nothing.

  $RecertA11y__deps: ['$RecertText'],
  $RecertA11y: {
    root: null, regions: null, els: {}, nodes: {}, marks: {}, order: [], polite: null, assertive: null,
    opener: 0, modal: 0, focusId: 0, scale: 1, keepingFocus: false,
    INTERACTIVE: { button: 1, link: 1, checkbox: 1, radio: 1, combobox: 1, option: 1, textbox: 1, tab: 1,
                   menuitem: 1, menu: 0, gridcell: 0, columnheader: 1 },
    // Where a top-level node goes: dialogs after everything else (they are what is read last and
    // stay outside the inert part while open); the rest in reading order. The landmarks (banner,
    // navigation, main) are nodes of the tree itself.
    landmarkFor: function(n) {
      return n.role === 'dialog' ? 'dialogs' : 'page';
    },
    install: function() {
      if (RecertA11y.root) return;
      var canvas = Module.canvas || document.getElementById('canvas');
      var root = document.createElement('div');
      root.id = 'a11y-root';
      root.className = 'a11y-root';
      // Where overflow: clip is missing, focus on an element past the edge scrolls the layer: put back.
      root.addEventListener('scroll', function() { root.scrollLeft = 0; root.scrollTop = 0; });
      var skip = document.createElement('a');
      skip.href = '#';
      skip.className = 'a11y-skip';
      skip.textContent = 'Skip to content';
      skip.addEventListener('click', function(e) {
        e.preventDefault();
        var main = RecertA11y.regions.page.querySelector('[role="main"]') || RecertA11y.regions.page;
        var first = Array.prototype.find.call(main.querySelectorAll('[data-id]'), function(el) { return el.tabIndex >= 0; });
        if (first) first.focus();
      });
      root.appendChild(skip);
      var make = function(tag, role, label) {
        var el = document.createElement(tag);
        if (role) el.setAttribute('role', role);
        if (label) el.setAttribute('aria-label', label);
        root.appendChild(el);
        return el;
      };
      RecertA11y.regions = { page: make('div', null, null), dialogs: make('div', null, null) };
      RecertA11y.polite = make('div', 'status', null);
      RecertA11y.polite.setAttribute('aria-live', 'polite');
      RecertA11y.polite.className = 'a11y-live';
      RecertA11y.assertive = make('div', 'alert', null);
      RecertA11y.assertive.setAttribute('aria-live', 'assertive');
      RecertA11y.assertive.className = 'a11y-live';
      canvas.parentNode.insertBefore(root, canvas.nextSibling);
      RecertA11y.root = root;
      // While a modal dialog is open, Tab and Shift+Tab wrap at its ends and focus never leaves it.
      root.addEventListener('keydown', function(e) {
        if (e.key !== 'Tab' || !RecertA11y.modal) return;
        var list = RecertA11y.focusables();
        if (!list.length) return;
        var i = list.indexOf(document.activeElement);
        if (e.shiftKey && i <= 0) { e.preventDefault(); list[list.length - 1].focus(); }
        else if (!e.shiftKey && i === list.length - 1) { e.preventDefault(); list[0].focus(); }
      }, true);
      document.addEventListener('focusin', function(e) {
        var dlg = RecertA11y.modal && RecertA11y.els[RecertA11y.modal];
        // The canvas (a pointer user clicked the dialog) and the hidden text input are the dialog's too.
        if (!dlg || dlg.contains(e.target) || e.target === canvas || e.target.id === 'text-input') return;
        var list = RecertA11y.focusables();
        if (list.length) list[0].focus();
      });
      // Escape with nothing focused still reaches the app (it closes menus and dialogs).
      document.addEventListener('keydown', function(e) {
        if (e.key !== 'Escape' || (document.activeElement && document.activeElement !== document.body)) return;
        RecertText.tap(e);
      });
      // Tab on the canvas itself (after a click) enters the mirror instead of ImGui's own navigation.
      canvas.addEventListener('keydown', function(e) {
        if (e.key !== 'Tab') return;
        var list = RecertA11y.focusables();
        if (!list.length) return;
        e.preventDefault();
        var cur = list.indexOf(RecertA11y.els[_recert_a11y_current()]);
        var next = cur < 0 ? (e.shiftKey ? list.length - 1 : 0) : cur + (e.shiftKey ? -1 : 1);
        list[(next + list.length) % list.length].focus();
      }, true);
    },
    focusables: function() {
      var scope = RecertA11y.modal && RecertA11y.els[RecertA11y.modal] ? RecertA11y.els[RecertA11y.modal] : RecertA11y.root;
      return Array.prototype.filter.call(scope.querySelectorAll('[data-id]'), function(el) {
        return el.tabIndex >= 0 && !el.closest('[inert]');
      });
    },
    tagFor: function(n) {
      if (n.role === 'textbox') return n.multiline ? 'textarea' : 'input';
      if (n.role === 'heading') return 'h' + Math.min(6, Math.max(1, n.level || 2));
      return 'div';
    },
    // An element stands for node el.recertId, which changes when it is recycled (see update).
    create: function(n) {
      var el = document.createElement(RecertA11y.tagFor(n));
      el.recertId = n.id;
      el.setAttribute('data-id', n.id);
      el.className = 'a11y-node';
      if (el.tagName === 'INPUT') {
        el.type = 'text';
        el.autocomplete = 'off';
        el.spellcheck = false;
      }
      if (n.role === 'textbox') RecertText.attach(el);
      el.addEventListener('focus', function() {
        if (RecertA11y.keepingFocus) return; // put back after a move (reorder): nothing changed for the app
        var id = el.recertId;
        RecertA11y.focusId = id;
        _recert_a11y_focus(id, RecertA11y.nodes[id] && RecertA11y.nodes[id].role === 'textbox' ? 1 : 0);
      });
      el.addEventListener('blur', function() {
        if (RecertA11y.keepingFocus) return;
        if (RecertA11y.focusId === el.recertId) { RecertA11y.focusId = 0; _recert_a11y_focus(0, 0); }
      });
      el.addEventListener('click', function(e) {
        if (e.target !== el) return; // bubbled up from a child's element
        var node = RecertA11y.nodes[el.recertId];
        if (!node || node.role === 'textbox' || !RecertA11y.INTERACTIVE[node.role]) return;
        e.preventDefault();
        _recert_a11y_action(el.recertId, 1);
      });
      el.addEventListener('keydown', function(e) { if (e.target === el) RecertA11y.key(e, el.recertId); });
      return el;
    },
    // Keyboard model (WAI-ARIA Authoring Practices): Enter/Space activate, arrows move within a tab
    // bar, menu or list, Escape goes to ImGui (it closes menus and dialogs).
    key: function(e, id) {
      var node = RecertA11y.nodes[id];
      if (!node) return;
      if (node.role === 'textbox') return; // RecertText forwards keys to ImGui
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        _recert_a11y_action(id, 1);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        RecertText.tap(e);
        return;
      }
      var horizontal = node.role === 'tab' || (node.role === 'menuitem' && RecertA11y.nodes[node.parent] &&
                                               RecertA11y.nodes[node.parent].role === 'menubar');
      var next = horizontal ? { ArrowRight: 1, ArrowLeft: -1 } : { ArrowDown: 1, ArrowUp: -1 };
      var step = next[e.key];
      if (!step && (e.key === 'Home' || e.key === 'End') && (horizontal || node.role === 'menuitem' || node.role === 'option')) step = e.key === 'Home' ? -1e9 : 1e9;
      if (!step || !(horizontal || node.role === 'menuitem' || node.role === 'option' || node.role === 'radio')) return;
      var el = RecertA11y.els[id];
      var siblings = Array.prototype.filter.call(el.parentNode.children, function(c) { return c.hasAttribute('data-id') && c.tabIndex >= -1 && c.getAttribute('role') === el.getAttribute('role'); });
      var i = siblings.indexOf(el) + step;
      i = Math.max(0, Math.min(siblings.length - 1, i));
      if (siblings[i] && siblings[i] !== el) { e.preventDefault(); siblings[i].focus(); }
    },
    apply: function(el, n) {
      // Only what differs is written (a recycled element keeps most of what it had).
      var set = function(name, v) {
        if (v === undefined || v === null || v === false) { if (el.hasAttribute(name)) el.removeAttribute(name); return; }
        var text = v === true ? 'true' : String(v);
        if (el.getAttribute(name) !== text) el.setAttribute(name, text);
      };
      var native = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA';
      var heading = /^H[1-6]$/.test(el.tagName);
      if (!native && !heading) set('role', n.role === 'text' ? null : n.role);
      if (heading || n.role === 'text' || n.role === 'status' || n.role === 'alert' || n.role === 'listitem' ||
          n.role === 'gridcell' || n.role === 'columnheader') {
        var text = n.name + (n.value ? ' ' + n.value : '');
        if (el.textContent !== text) el.textContent = text;
        set('aria-label', null);
      } else {
        set('aria-label', n.name || null);
      }
      if (native) {
        if (el.value !== (n.value || '') && document.activeElement !== el) el.value = n.value || '';
        if (document.activeElement === el && el.value !== (n.value || '')) el.value = n.value || '';
      } else if (n.role === 'meter' || n.role === 'progressbar') {
        set('aria-valuetext', n.value || null);
        set('aria-valuemin', '0');
        set('aria-valuemax', '100');
        var pct = /([0-9]+) percent/.exec(n.value || '');
        set('aria-valuenow', pct ? pct[1] : null);
      } else if (n.role === 'combobox') {
        set('aria-valuetext', null);
        if (n.value) el.setAttribute('aria-label', n.name + ', ' + n.value); // the choice is read with the name
      }
      set('aria-description', n.desc || null);
      set('aria-disabled', n.disabled ? 'true' : null);
      set('aria-checked', n.checked === undefined ? null : String(n.checked));
      set('aria-expanded', n.expanded === undefined ? null : String(n.expanded));
      set('aria-selected', n.role === 'tab' || n.role === 'option' || n.role === 'row' ? (n.selected ? 'true' : (n.role === 'tab' ? 'false' : null)) : null);
      set('aria-required', n.required || null);
      set('aria-invalid', n.invalid || null);
      set('aria-modal', n.modal || null);
      set('aria-level', !heading && n.level ? n.level : null);
      set('aria-rowindex', n.rowIndex || null);
      set('aria-rowcount', n.rowCount || null);
      set('aria-colindex', n.colIndex || null);
      set('aria-sort', n.sort || null);
      set('aria-multiline', native ? null : (n.multiline || null));
      if (native) {
        if (el.disabled !== !!n.disabled) el.disabled = !!n.disabled;
        if (el.required !== !!n.required) el.required = !!n.required;
      }
      // Scrolled out of its window: at its logical place, clipped away (its window shows none of
      // it); focus scrolls it into view.
      if (el.classList.contains('a11y-offscreen') !== !!n.offscreen) el.classList.toggle('a11y-offscreen', !!n.offscreen);
      var interactive = RecertA11y.INTERACTIVE[n.role] === 1;
      var tab = interactive && !n.disabled ? 0 : -1;
      if (n.role === 'tab' && !n.selected) tab = -1; // roving tabindex: one stop for the tab bar
      if (!interactive && !native) { if (el.hasAttribute('tabindex')) el.removeAttribute('tabindex'); }
      else if (el.getAttribute('tabindex') !== String(tab)) el.setAttribute('tabindex', String(tab)); // a div reads -1 without it
      RecertA11y.position(el, n);
    },
    // Places `el` on its item: absolute, relative to its parent node's element (itself positioned;
    // the update's x and y are relative to the parent's already).
    position: function(el, n) {
      if (!(n.w > 0 && n.h > 0)) return;
      var k = RecertA11y.scale;
      // What was written is kept on the element: reading el.style back costs more than the write.
      var left = (n.x * k) + 'px', top = (n.y * k) + 'px', w = (n.w * k) + 'px', h = (n.h * k) + 'px';
      var at = el.recertAt || (el.recertAt = {});
      if (at.left !== left) el.style.left = at.left = left;
      if (at.top !== top) el.style.top = at.top = top;
      if (at.w !== w) el.style.width = at.w = w;
      if (at.h !== h) el.style.height = at.h = h;
    },
    announce: function(n, old) {
      if (!n.live || (old && old.name === n.name && old.live === n.live)) return;
      var region = n.live === 'assertive' ? RecertA11y.assertive : RecertA11y.polite;
      region.textContent = n.name;
    },
    update: function(u) {
      RecertA11y.install();
      var els = RecertA11y.els, nodes = RecertA11y.nodes;
      // Focus on an element that goes away (an option just picked, a menu closed) moves to the
      // nearest ancestor that stays (the combo box, the menu), never to the page's body.
      var active = document.activeElement, refocus = 0;
      // The element of a node that goes away is kept for a new node of the same kind under the same
      // parent element (a grid row scrolled out gives its element, and its cells theirs, to the row
      // scrolled in): fewer elements made and dropped, only what differs rewritten. Never the
      // element that has focus, or one around it: its item is gone, and focus moves (below).
      var spare = new Map(); // parent element -> [{ el, node }]
      (u.removed || []).forEach(function(id) {
        var el = els[id];
        if (el) {
          if (active && el.contains(active)) {
            if (!refocus) {
              for (var up = nodes[id] && nodes[id].parent; up; up = nodes[up] && nodes[up].parent) {
                if ((u.removed || []).indexOf(up) < 0 && els[up]) { refocus = up; break; }
              }
            }
            el.remove();
          } else if (el.parentNode && nodes[id]) {
            var list = spare.get(el.parentNode);
            if (!list) spare.set(el.parentNode, list = []);
            list.push({ el: el, node: nodes[id] });
          } else {
            el.remove();
          }
        }
        delete els[id];
        delete nodes[id];
        delete RecertA11y.marks[id];
      });
      var reuse = function(n) {
        var parent = n.parent && els[n.parent] ? els[n.parent] : RecertA11y.regions[RecertA11y.landmarkFor(n)];
        var list = spare.get(parent);
        if (!list) return null;
        var tag = RecertA11y.tagFor(n).toUpperCase();
        for (var i = 0; i < list.length; i++) {
          if (list[i].node.role === n.role && list[i].el.tagName === tag) {
            var el = list.splice(i, 1)[0].el;
            el.recertId = n.id;
            el.setAttribute('data-id', n.id);
            return el;
          }
        }
        return null;
      };
      (u.nodes || []).forEach(function(n) {
        var old = nodes[n.id];
        var el = els[n.id];
        if (el && old && RecertA11y.tagFor(old) !== RecertA11y.tagFor(n)) { el.remove(); el = null; }
        if (!el) el = els[n.id] = (!old && spare.size && reuse(n)) || RecertA11y.create(n);
        nodes[n.id] = n;
        if (n.role === 'tab' || n.role === 'dialog') RecertA11y.marks[n.id] = n;
        else if (old && RecertA11y.marks[n.id]) delete RecertA11y.marks[n.id];
        // Most changes while scrolling are only a node's place: then only its place is written.
        if (old && el.isConnected && RecertA11y.onlyMoved(old, n)) RecertA11y.position(el, n);
        else RecertA11y.apply(el, n);
        RecertA11y.announce(n, old);
      });
      spare.forEach(function(list) { list.forEach(function(s) { s.el.remove(); }); });
      if (u.order) RecertA11y.order = u.order;
      if (u.order || (u.nodes && u.nodes.length)) RecertA11y.place();
      if (refocus && (!document.activeElement || document.activeElement === document.body)) {
        var target = els[refocus];
        while (target && target.tabIndex < 0 && target.parentNode && target.parentNode.closest) target = target.parentNode.closest('[data-id]');
        if (target && target.tabIndex >= 0) target.focus();
        else {
          // Nothing of it stays (the view changed): the new view's first control, else the first one.
          var main = RecertA11y.regions.page.querySelector('[role="tabpanel"]') || RecertA11y.regions.page.querySelector('[role="main"]');
          var first = main && Array.prototype.find.call(main.querySelectorAll('[data-id]'), function(el) { return el.tabIndex >= 0; });
          var list = RecertA11y.focusables();
          if (first && !RecertA11y.modal) first.focus(); else if (list.length) list[0].focus();
        }
      }
      RecertA11y.afterUpdate();
    },
    // Puts every element under its parent (or its landmark) in reading order, with as few moves as
    // it takes: rows scrolled in reuse the elements of rows scrolled out (see update), and only
    // those move, not the rows that stayed (the longest run already in order keeps its place).
    place: function() {
      var els = RecertA11y.els, nodes = RecertA11y.nodes;
      var groups = new Map(); // parent element -> its elements in reading order
      RecertA11y.order.forEach(function(id) {
        var n = nodes[id], el = els[id];
        if (!n || !el) return;
        var parent = n.parent && els[n.parent] ? els[n.parent] : RecertA11y.regions[RecertA11y.landmarkFor(n)];
        var list = groups.get(parent);
        if (!list) groups.set(parent, list = []);
        list.push(el);
      });
      groups.forEach(function(list, parent) {
        for (var i = 0; i < list.length; i++) {
          if (list[i].parentNode !== parent || (i > 0 && list[i - 1].nextSibling !== list[i])) break;
        }
        if (i < list.length) RecertA11y.reorder(parent, list);
      });
    },
    // Makes `list` the order of its elements under `parent`: the longest subsequence already in
    // order stays, every other element is moved (inserted before its successor, from the end).
    reorder: function(parent, list) {
      var at = new Map(), k = 0;
      for (var c = parent.firstChild; c; c = c.nextSibling) at.set(c, k++);
      // Longest increasing subsequence of the current places (patience sorting, O(n log n)).
      var tails = [], tailIndex = [], prev = new Array(list.length);
      for (var i = 0; i < list.length; i++) {
        var p = list[i].parentNode === parent ? at.get(list[i]) : undefined;
        if (p === undefined) continue;
        var lo = 0, hi = tails.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (tails[mid] < p) lo = mid + 1; else hi = mid; }
        tails[lo] = p;
        tailIndex[lo] = i;
        prev[i] = lo > 0 ? tailIndex[lo - 1] : -1;
      }
      var keep = new Set();
      for (var j = tails.length ? tailIndex[tails.length - 1] : -1; j >= 0; j = prev[j]) keep.add(j);
      // Moving the element that has focus (or holds it) blurs it, and the person's place would fall
      // to the page: a date typed into a field removed the error line under it, the next field took
      // focus and was moved up a moment later, and what was typed next went nowhere. Focus is put
      // back at once, without telling the app (for it nothing moved).
      var active = document.activeElement;
      var held = active && active !== document.body && parent.contains(active) ? active : null;
      RecertA11y.keepingFocus = !!held;
      try {
        for (var m = list.length - 1; m >= 0; m--) {
          if (!keep.has(m)) parent.insertBefore(list[m], m + 1 < list.length ? list[m + 1] : null);
        }
        if (held && held.isConnected && document.activeElement !== held) held.focus({ preventScroll: true });
      } finally {
        RecertA11y.keepingFocus = false;
      }
    },
    // True when `n` differs from `old` in its bounds only.
    onlyMoved: function(old, n) {
      for (var k in n) if (k !== 'x' && k !== 'y' && k !== 'w' && k !== 'h' && n[k] !== old[k]) return false;
      for (var j in old) if (!(j in n)) return false;
      return true;
    },
    afterUpdate: function() {
      var marks = RecertA11y.marks; // the tabs and dialogs: the title and the modal follow them
      // The view's name in the title: "Activities — Recert".
      var title = 'Recert';
      for (var id in marks) if (marks[id].role === 'tab' && marks[id].selected) title = marks[id].name + ' \u2014 Recert';
      var modal = 0;
      for (var id2 in marks) if (marks[id2].role === 'dialog' && marks[id2].modal) modal = Number(id2);
      if (document.title !== title) document.title = title;
      if (modal !== RecertA11y.modal) {
        var regions = RecertA11y.regions;
        [regions.page, RecertA11y.root.querySelector('.a11y-skip')].forEach(function(el) {
          if (modal) el.setAttribute('inert', ''); else el.removeAttribute('inert');
        });
        // Focus moves with the dialog only for someone whose focus is in the mirror (keyboard,
        // assistive technology); a pointer user's focus stays on the canvas, where ImGui has it.
        var active = document.activeElement;
        var inMirror = !active || active === document.body || RecertA11y.root.contains(active);
        if (modal) {
          RecertA11y.opener = RecertA11y.focusId;
          var dlg = RecertA11y.els[modal];
          var first = dlg && Array.prototype.find.call(dlg.querySelectorAll('[data-id]'), function(el) { return el.tabIndex >= 0; });
          if (first && inMirror && !(dlg && dlg.contains(active))) first.focus();
        } else if (RecertA11y.modal) {
          var back = RecertA11y.els[RecertA11y.opener];
          if (back && inMirror) back.focus();
        }
        RecertA11y.modal = modal;
      }
    },
  },

  // Text entry into ImGui from an element: the hidden #text-input, or a mirrored text field.
  // Typed characters come through SDL (the key events are re-dispatched to the canvas, where SDL
  // listens); text without a keypress (IME, mobile keyboards, paste) through recert_text_arrived.
  $RecertText__deps: ['$RecertFiles', 'free'],
  $RecertText: {
    canvas: function() { return Module.canvas || document.getElementById('canvas'); },
    send: function(text) {
      if (!text) return;
      var p = RecertFiles.toHeap(text)[0];
      _recert_text_arrived(p);
      _free(p);
    },
    forward: function(e, type) {
      var copy = new KeyboardEvent(type || e.type, {
        key: e.key, code: e.code, location: e.location, repeat: e.repeat,
        ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey,
        keyCode: e.keyCode, charCode: e.charCode, which: e.which, bubbles: true, cancelable: true,
      });
      return RecertText.canvas().dispatchEvent(copy);
    },
    // A key pressed on a mirrored control that ImGui must see (Escape): down now, up 60 ms later so
    // the input trickle shows it for a frame.
    tap: function(e) {
      RecertText.forward(e, 'keydown');
      setTimeout(function() { RecertText.forward(e, 'keyup'); }, 60);
    },
    // Ctrl/Cmd+V is not forwarded (SDL would cancel it), so the browser fires a real 'paste' event;
    // Tab is left to the browser in mirrored fields (it moves to the next field).
    attach: function(input) {
      var mirrored = input.id !== 'text-input';
      input.addEventListener('input', function(e) {
        if (e.isComposing) return;          // wait for compositionend
        if (e.inputType && e.inputType.indexOf('insert') === 0 && e.inputType !== 'insertFromPaste') RecertText.send(e.data);
        if (!mirrored) input.value = '';
      });
      input.addEventListener('compositionend', function(e) { RecertText.send(e.data); if (!mirrored) input.value = ''; });
      if (mirrored) input.addEventListener('paste', function(e) { // the hidden input: the window's listener
        var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
        if (text) { e.preventDefault(); RecertText.send(text); }
      });
      ['keydown', 'keypress', 'keyup'].forEach(function(type) {
        input.addEventListener(type, function(e) {
          var k = (e.key || '').toLowerCase();
          if ((e.ctrlKey || e.metaKey) && k === 'v') return; // let the browser paste
          if (mirrored && e.key === 'Tab') return;
          if (!RecertText.forward(e)) e.preventDefault();
        });
      });
    },
  },

  recert_js_a11y_update__deps: ['$RecertA11y'],
  recert_js_a11y_update: function(text, len, scale) {
    RecertA11y.scale = scale;
    RecertA11y.update(JSON.parse(UTF8ToString(text, len)));
  },
  recert_js_a11y_flush_later: function(ms) {
    setTimeout(function() { _recert_a11y_flush(); }, ms);
  },

  // [SECTION] Page

  // The main loop's wake-up: browser callbacks (IndexedDB, fetch, the sync store, files) call
  // Module.recertWake() when work finishes; one task then runs the controllers (recert_work_tick),
  // however many callbacks arrived meanwhile.
  recert_js_install_wake: function() {
    var channel = new MessageChannel();
    var due = false;
    channel.port1.onmessage = function() { due = false; _recert_work_tick(); };
    Module['recertWake'] = function() {
      if (due) return;
      due = true;
      channel.port2.postMessage(0);
    };
  },
  // Runs the controllers soon (one task, however many calls): finished fetch work is picked up now,
  // not at the next animation frame.
  recert_js_wake: function() {
    if (Module['recertWake']) Module['recertWake']();
  },
  // A run also waits on time (backoff, Retry-After), not only on callbacks; in a background tab
  // there are no animation frames at all. A 250 ms timer keeps it going.
  recert_js_wake_later: function() {
    if (!Module['syncTimer'])
      Module['syncTimer'] = setTimeout(function() { Module['syncTimer'] = 0; Module['recertWake'](); }, 250);
  },
  // A timed frame while the main loop is paused (the caret's blink, a message's expiry): one timer,
  // the newest time asked for.
  recert_js_frame_later: function(ms) {
    if (Module['frameTimer']) clearTimeout(Module['frameTimer']);
    Module['frameTimer'] = setTimeout(function() { Module['frameTimer'] = 0; _recert_frame_due(); }, ms);
  },
  // The frame's cost shows once the browser has composited it: a task queued now runs after that.
  // Returns the previous frame's cost (ms).
  recert_js_frame_cost: function(frameStart) {
    var last = Module['recertFrameCost'] || 0;
    setTimeout(function() { Module['recertFrameCost'] = performance.now() - frameStart; }, 0);
    return last;
  },
  // Hides the loading overlay and marks 'recert-first-frame' (web/boot.js).
  recert_js_first_frame: function() {
    if (Module.onFirstFrame) Module.onFirstFrame();
  },
  recert_js_no_webgl2: function() {
    if (Module.onNoWebGL2) Module.onNoWebGL2();
  },
  // Flags read from the page: 'testhooks' (boot.js sets Module.testHooks from ?testhooks=1) and
  // numeric URL parameters (?alwayson=1, ?sync_base_ms=…); `fallback` when absent or not a number.
  recert_js_test_hooks: function() {
    return Module.testHooks ? 1 : 0;
  },
  recert_js_url_number: function(name, fallback) {
    var text = new URLSearchParams(location.search).get(UTF8ToString(name));
    var v = text === null || text === '' ? NaN : Number(text);
    return isNaN(v) ? fallback : v;
  },
  // The host page's embed options (web/boot.js sets Module.recertEmbed from ?embed=1&theme=…):
  // embedded 0/1, theme 0 default / 1 light / 2 dark, accent 0xRRGGBB or -1, compact 0/1.
  recert_js_embed_option: function(which) {
    var e = Module.recertEmbed || {};
    switch (which) {
      case 0: return e.embedded ? 1 : 0;
      case 1: return e.theme === 'dark' ? 2 : e.theme === 'light' ? 1 : 0;
      case 2: return typeof e.accent === 'string' && /^#[0-9a-fA-F]{6}$/.test(e.accent) ? parseInt(e.accent.slice(1), 16) : -1;
      case 3: return e.compact ? 1 : 0;
      case 4: return e.storage === 'session' ? 1 : 0;
      case 5: return Module.recertEmbedTrusted ? 1 : 0;
    }
    return 0;
  },
  recert_js_embed_host__deps: ['$RecertFiles'],
  recert_js_embed_host: function() {
    return Module.recertEmbedHost ? RecertFiles.toHeap(Module.recertEmbedHost)[0] : 0;
  },
  // Kept in localStorage, which a browser partitions by the top-level site: an answer given inside
  // one portal never applies to another. Where storage is refused it lasts for this visit.
  recert_js_consent_get: function(host) {
    var key = 'recert-consent:' + UTF8ToString(host), v;
    try { v = localStorage.getItem(key); } catch (e) { v = (Module.recertConsent || {})[key]; }
    return v === 'allowed' ? 1 : v === 'denied' ? 2 : 0;
  },
  recert_js_consent_set: function(host, decision) {
    var key = 'recert-consent:' + UTF8ToString(host), v = decision === 1 ? 'allowed' : decision === 2 ? 'denied' : null;
    Module.recertConsent = Module.recertConsent || {};
    if (v) Module.recertConsent[key] = v; else delete Module.recertConsent[key];
    try { if (v) localStorage.setItem(key, v); else localStorage.removeItem(key); } catch (e) { }
  },
  recert_js_open_own_tab: function() {
    var url = new URL(location.href), e = Module.recertEmbed || {};
    ['embed', 'storage', 'compact', 'parentOrigin'].forEach(function(k) { url.searchParams.delete(k); });
    if (e.theme) url.searchParams.set('theme', e.theme);
    if (e.accent) url.searchParams.set('accent', e.accent);
    window.open(url.href, '_blank', 'noopener');
  },
  // Forwards an event to web/embed-app.js, which posts it to the host page (if any).
  recert_js_embed_emit: function(event, dataJson) {
    if (Module.recertEmbedEmit) Module.recertEmbedEmit(UTF8ToString(event), UTF8ToString(dataJson));
  },
  // A small per-browser flag (the partition note was dismissed): localStorage, which a frame whose
  // storage is partitioned has too; 0 where there is none.
  recert_js_watch_display: function() {
    var queries = ['(prefers-reduced-motion: reduce)', '(prefers-contrast: more)', '(forced-colors: active)'];
    var lists = queries.map(function(q) { return window.matchMedia ? window.matchMedia(q) : null; });
    var bits = function() {
      return lists.reduce(function(b, m, i) { return b | (m && m.matches ? 1 << i : 0); }, 0);
    };
    lists.forEach(function(m) {
      if (m && m.addEventListener) m.addEventListener('change', function() {
        _recert_display_changed(bits());
        if (Module['recertWake']) Module['recertWake']();
      });
    });
    return bits();
  },
  // The browser's preferred language tag ("en-US"; "" where unknown), malloc'ed: the caller frees it.
  // Recert shows and reads typed dates in that locale's format until the person picks one in Settings.
  recert_js_locale__deps: ['malloc'],
  recert_js_locale: function() {
    var tag = String((navigator.languages && navigator.languages[0]) || navigator.language || '');
    var n = lengthBytesUTF8(tag) + 1, p = _malloc(n);
    stringToUTF8(tag, p, n);
    return p;
  },
  recert_js_flag_get: function(name) {
    try { return localStorage.getItem('recert-flag:' + UTF8ToString(name)) === '1' ? 1 : 0; } catch (e) { return 0; }
  },
  recert_js_flag_set: function(name) {
    try { localStorage.setItem('recert-flag:' + UTF8ToString(name), '1'); } catch (e) { }
  },
  recert_js_clipboard_write: function(text) {
    var t = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(function() {});
  },
  // The hidden input (text entry when no mirrored field has focus) and the page's paste events.
  recert_js_install_text_input__deps: ['$RecertText'],
  recert_js_install_text_input: function() {
    var input = document.getElementById('text-input');
    if (!input) return;
    RecertText.attach(input);
    window.addEventListener('paste', function(e) {
      if (e.target && e.target.classList && e.target.classList.contains('a11y-node')) return; // its own listener
      var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      if (text) { e.preventDefault(); RecertText.send(text); }
      input.value = '';
    });
  },
  recert_js_focus_text_input__deps: ['$RecertA11y'],
  recert_js_focus_text_input: function(on, id) {
    var input = document.getElementById('text-input');
    var canvas = Module.canvas || document.getElementById('canvas');
    var active = document.activeElement;
    // Focus on the mirror stays where the person put it: a mirrored field is the input itself, and
    // a mirrored control has the keyboard (the field it left stops editing).
    if (active && active.classList && active.classList.contains('a11y-node')) return;
    var field = on && RecertA11y.els[id];
    if (field && (field.tagName === 'INPUT' || field.tagName === 'TEXTAREA')) { field.focus({ preventScroll: true }); return; }
    if (on) { if (input && document.activeElement !== input) input.focus({ preventScroll: true }); }
    else if (document.activeElement === input && canvas) canvas.focus({ preventScroll: true });
  },
};

mergeInto(LibraryManager.library, LibraryRecertWeb);
