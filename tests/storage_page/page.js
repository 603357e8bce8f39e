// Helpers the storage browser tests and the benchmark call through page.evaluate(): commands to
// the store (st), waiting for results (stWait), bytes into the wasm heap, and raw IndexedDB reads
// that bypass our layer (to check what is really stored).
var Module = {
  onRuntimeInitialized: function () { window.__storagePageReady = true; },
};

window.st = function (cmd) {
  return JSON.parse(Module.ccall('st_call', 'string', ['string'], [JSON.stringify(cmd)]));
};

// Resolves once `done()` is true, re-checking after every store event (and every 50 ms).
function until(done, timeout) {
  return new Promise(function (resolve, reject) {
    var timer = 0, poll = 0;
    var check = function () {
      var v = done();
      if (!v) return;
      window.removeEventListener('recert-store-event', check);
      clearTimeout(timer);
      clearInterval(poll);
      resolve(v);
    };
    window.addEventListener('recert-store-event', check);
    poll = setInterval(check, 50);
    timer = setTimeout(function () {
      window.removeEventListener('recert-store-event', check);
      clearInterval(poll);
      reject(new Error('timed out'));
    }, timeout || 60000);
    check();
  });
}

window.stWait = function (s, opId, timeout) {
  return until(function () {
    var r = st({ op: 'status', s: s, op_id: opId });
    return r.state === 'pending' ? null : r;
  }, timeout);
};

window.stOpen = function (db) {
  var s = st({ op: 'open', db: db }).s;
  return until(function () {
    var r = st({ op: 'state', s: s });
    return r.load.state === 'pending' ? null : Object.assign({ s: s }, r);
  });
};

// Runs a command that starts an operation and waits for its result.
window.stRun = function (cmd) {
  var r = st(cmd);
  if (r.op_id === undefined) return Promise.resolve(r);
  return stWait(cmd.s || 0, r.op_id);
};

// The benchmark's sequential saves of one activity through the store API (st_bench_edit), each
// started when the previous one committed; resolves with the number done, rejects on a failure.
window.stBenchEdits = function (s, id, n) {
  var idPtr = Module._malloc(id.length * 3 + 1);
  Module.stringToUTF8(id, idPtr, id.length * 3 + 1);
  return new Promise(function (resolve, reject) {
    var k = 0, op = 0;
    var finish = function (err) {
      window.removeEventListener('recert-store-event', onEvent);
      Module._free(idPtr);
      if (err) reject(err); else resolve(k);
    };
    var start = function () {
      op = Module._st_bench_edit(s, idPtr, k);
      if (!op) finish(new Error('no activity ' + id));
    };
    var onEvent = function () {
      var state = Module._st_bench_state(s, op);
      if (state === 0) return;
      if (state === 2) return finish(new Error('save ' + k + ' failed'));
      if (++k === n) return finish(null);
      start();
    };
    window.addEventListener('recert-store-event', onEvent);
    start();
  });
};

function withHeap(bytes, fn) {
  var ptr = Module._malloc(bytes.length || 1);
  Module.HEAPU8.set(bytes, ptr);
  try { return fn(ptr, bytes.length); } finally { Module._free(ptr); }
}

window.stStage = function (s, name, bytes, max) {
  return withHeap(bytes, function (ptr, len) {
    return JSON.parse(Module.ccall('st_stage', 'string', ['number', 'string', 'number', 'number', 'number'],
                                   [s, name, ptr, len, max || 15000000]));
  });
};

window.stReadBackup = function (s, name, bytes) {
  var id = withHeap(bytes, function (ptr, len) {
    return Module.ccall('st_read_backup', 'number', ['number', 'string', 'number', 'number'], [s, name, ptr, len]);
  });
  return stWait(s, id);
};

// Everything in the database, read with plain IndexedDB (not through our layer); evidence files
// as SHA-256 of their stored bytes.
window.rawDump = function (dbName) {
  return new Promise(function (resolve, reject) {
    var req = indexedDB.open(dbName);
    req.onerror = function () { reject(req.error); };
    req.onsuccess = function () {
      var db = req.result;
      var names = Array.prototype.slice.call(db.objectStoreNames);
      var tx = db.transaction(names, 'readonly');
      var out = { version: db.version, stores: names };
      names.forEach(function (n) {
        tx.objectStore(n).getAll().onsuccess = function (e) { out[n] = e.target.result; };
      });
      tx.oncomplete = function () {
        db.close();
        var files = out.attachments || [];
        Promise.all(files.map(function (f) {
          return f.blob.arrayBuffer().then(function (b) { return crypto.subtle.digest('SHA-256', b); }).then(function (h) {
            return { sha256: f.sha256, name: f.name, mime: f.mime, size: f.size,
                     bytes_sha256: Array.prototype.map.call(new Uint8Array(h), function (x) { return x.toString(16).padStart(2, '0'); }).join('') };
          });
        })).then(function (list) { out.attachments = list; resolve(out); }, reject);
      };
    };
  });
};
