// Recert embed script for host pages (a gym chain's staff portal, an association's member site):
//
//   <script src="https://recert.example.org/embed.js"></script>
//   const recert = Recert.mount(document.getElementById('cec'), { theme: 'light' });
//   await recert.ready;                          // resolves with { version }
//   const summary = await recert.getSummary();   // { credentials, activityCount, version, view }
//   recert.on('changed', (data) => ...);         // also 'ready' and 'error'
//
// Recert.mount(element, options) puts the app in a sandboxed iframe that fills `element` and
// returns a handle whose commands return promises. Options:
//   src            the app's URL (default: the directory this script was loaded from)
//   theme          'light' | 'dark'
//   accent         '#rrggbb': the app's accent (buttons, gauges, checks) and page chrome
//   compact        true: tighter spacing in the app and its page chrome, for small slots
//   allowedOrigin  the origin whose messages this page accepts (default: the origin of src);
//                  messages from any other origin are ignored and logged
//   storage        'auto' (default): keep the records where the browser allows; 'session': keep
//                  nothing past this visit (an in-memory log; the person exports a backup)
//   timeoutMs      how long a command may take (default 15000); readyTimeoutMs (default 60000)
//   consentTimeoutMs  how long addActivity/exportBackup wait for the person's answer (default 120000)
// addActivity and exportBackup change the person's records or start a download: the first time a
// site sends one, Recert asks the person inside the frame whether this site may (remembered per
// site in their browser; they can change it in Recert's Settings). The promise waits for that
// answer, then resolves, or rejects with code 'consent_denied'. A deployment can trust sites
// outright: <meta name="recert-embed-trusted" content="https://portal.example.org"> in its index.html.
// Writes from a host page are limited to 20 a minute ('rate_limited').
// A refused command rejects with an Error whose `code` says why: 'storage_blocked' (the browser
// refuses storage to the frame; the person is offered a way through inside it), 'storage_failed',
// 'not_ready' (the records are still opening), 'consent_denied', 'consent_timeout' (no answer
// within consentTimeoutMs), 'rate_limited', 'timeout' (no answer within timeoutMs).
// Events: 'ready' {version, storage}, 'changed', 'storage' {storage} (where the records are kept:
// 'first-party' | 'partitioned' | 'blocked' | 'session-only'), 'error' {message, code?},
// 'consent' {host, decision: 'allowed' | 'denied' | 'ask'} when the person answers or changes it.
// Commands sent before the app is ready are queued and sent once it answers the PING.
// Protocol: see web/embed-app.js (the app side).
'use strict';

(function (global) {
  const scriptSrc = document.currentScript && document.currentScript.src;

  function fail(text) { throw new TypeError('Recert.mount: ' + text); }

  function mount(element, options) {
    const opts = options || {};
    const container = typeof element === 'string' ? document.querySelector(element) : element;
    if (!container || typeof container.appendChild !== 'function') fail('element must be a DOM element or a selector that finds one');

    let src;
    try {
      src = new URL(opts.src || (scriptSrc ? new URL('./', scriptSrc).href : ''), document.baseURI);
    } catch (e) {
      fail('src is not a valid URL');
    }
    if (src.protocol !== 'https:' && src.protocol !== 'http:') fail('src must be an http(s) URL');
    let allowedOrigin = src.origin;
    if (opts.allowedOrigin !== undefined) {
      try { allowedOrigin = new URL(opts.allowedOrigin).origin; } catch (e) { fail('allowedOrigin is not a valid origin'); }
    }
    const timeoutMs = opts.timeoutMs || 15000;
    const readyTimeoutMs = opts.readyTimeoutMs || 60000;

    src.searchParams.set('embed', '1');
    src.searchParams.set('parent', window.location.origin); // the app accepts messages from us only
    if (opts.theme === 'light' || opts.theme === 'dark') src.searchParams.set('theme', opts.theme);
    if (typeof opts.accent === 'string' && /^#[0-9a-fA-F]{6}$/.test(opts.accent)) src.searchParams.set('accent', opts.accent);
    if (opts.compact) src.searchParams.set('compact', '1');
    if (opts.storage !== undefined && opts.storage !== 'auto' && opts.storage !== 'session') fail('storage must be "auto" or "session"');
    if (opts.storage === 'session') src.searchParams.set('storage', 'session');

    const iframe = document.createElement('iframe');
    iframe.title = 'Recert — continuing-education credits';
    // allow-scripts + allow-same-origin: the app needs its own origin for its storage and service
    // worker (safe because it is a different origin from this page); allow-downloads: backups;
    // allow-storage-access-by-user-activation: where the browser refuses storage to the frame, the
    // person may allow it with a click; allow-popups(-to-escape-sandbox): "Open Recert in its own
    // tab" (a normal, unsandboxed tab of Recert's own site). Not allowed: top navigation, forms,
    // modals, pointer lock.
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-downloads allow-storage-access-by-user-activation allow-popups allow-popups-to-escape-sandbox');
    iframe.setAttribute('allow', 'storage-access');
    iframe.setAttribute('referrerpolicy', 'no-referrer');
    // Fills the container and follows its size; a container without a height gets a usable one.
    iframe.style.display = 'block';
    iframe.style.width = '100%';
    iframe.style.height = '100%';
    iframe.style.minHeight = opts.compact ? '360px' : '480px';
    iframe.style.border = '0';
    iframe.src = src.href;

    let nextId = 1;
    let ready = false;
    let destroyed = false;
    const pending = new Map(); // id -> { resolve, reject, timer }
    const queue = [];          // messages waiting for the app to be ready
    const listeners = { ready: [], changed: [], error: [], storage: [], consent: [] };
    let resolveReady;
    let rejectReady;
    const readyPromise = new Promise(function (resolve, reject) { resolveReady = resolve; rejectReady = reject; });
    readyPromise.catch(function () {}); // a host that never awaits ready must not see an unhandled rejection

    function dispatch(event, data) {
      (listeners[event] || []).slice().forEach(function (fn) {
        try { fn(data); } catch (e) { console.error('[Recert embed] a "' + event + '" listener threw', e); }
      });
    }

    function send(msg) {
      msg.recert = 1;
      if (!ready && msg.type === 'command') { queue.push(msg); return; }
      iframe.contentWindow.postMessage(msg, allowedOrigin);
    }

    function becomeReady(version) {
      if (ready) return;
      ready = true;
      clearInterval(pinger);
      clearTimeout(readyTimer);
      resolveReady({ version: version || null });
      dispatch('ready', { version: version || null });
      while (queue.length) iframe.contentWindow.postMessage(queue.shift(), allowedOrigin);
    }

    function onMessage(event) {
      if (event.source !== iframe.contentWindow) {
        // Another window's message; log it only if it pretends to be Recert.
        if (event.data && event.data.recert === 1) console.warn('[Recert embed] ignored a Recert-like message from ' + event.origin + ' (not the Recert frame)');
        return;
      }
      if (event.origin !== allowedOrigin) {
        console.warn('[Recert embed] ignored a message from ' + event.origin + ' (allowed: ' + allowedOrigin + ')');
        return;
      }
      const msg = event.data;
      if (!msg || typeof msg !== 'object' || msg.recert !== 1) {
        console.warn('[Recert embed] ignored a message that is not a Recert protocol message');
        return;
      }
      if (msg.type === 'pong') becomeReady(msg.version);
      else if (msg.type === 'event' && typeof msg.event === 'string') {
        if (msg.event === 'ready') becomeReady(msg.data && msg.data.version);
        else dispatch(msg.event, msg.data);
      } else if (msg.type === 'reply' && pending.has(msg.id)) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        clearTimeout(p.timer);
        if (msg.ok) p.resolve(msg.result);
        else {
          const err = new Error(typeof msg.error === 'string' ? msg.error : 'Recert refused the command');
          if (typeof msg.code === 'string') err.code = msg.code;
          p.reject(err);
        }
      } else {
        console.warn('[Recert embed] ignored an unexpected message of type ' + String(msg.type).slice(0, 40));
      }
    }
    window.addEventListener('message', onMessage);

    // PING until the app answers: a ping sent before the app's scripts run is simply not answered.
    let pinger = null;
    iframe.addEventListener('load', function () {
      if (ready || destroyed || pinger) return;
      const ping = function () { iframe.contentWindow.postMessage({ recert: 1, type: 'ping', id: 0 }, allowedOrigin); };
      ping();
      pinger = setInterval(ping, 200);
    });
    const readyTimer = setTimeout(function () {
      if (ready) return;
      clearInterval(pinger);
      const err = new Error('Recert did not start within ' + readyTimeoutMs + ' ms (is ' + src.origin +
                            ' allowed to be framed here, see its frame-ancestors?)');
      rejectReady(err);
      dispatch('error', { message: err.message });
    }, readyTimeoutMs);

    container.appendChild(iframe);

    function call(command, args) {
      if (destroyed) return Promise.reject(new Error('this Recert embed was destroyed'));
      const id = nextId++;
      return new Promise(function (resolve, reject) {
        const timer = setTimeout(function () {
          pending.delete(id);
          const err = new Error('Recert did not answer ' + command + ' within ' + timeoutMs + ' ms');
          err.code = 'timeout';
          reject(err);
        }, ready ? timeoutMs : timeoutMs + readyTimeoutMs);
        pending.set(id, { resolve: resolve, reject: reject, timer: timer });
        send({ type: 'command', id: id, command: command, args: args === undefined ? {} : args });
      });
    }

    // A write or export this site was not allowed yet: Recert is asking the person. Wait for the
    // answer (the 'consent' event), then send the command once more; the app refuses it with
    // 'consent_denied' if the answer was no.
    const consentTimeoutMs = opts.consentTimeoutMs > 0 ? opts.consentTimeoutMs : 120000;
    function callWithConsent(command, args) {
      return call(command, args).catch(function (err) {
        if (err.code !== 'consent_required') throw err;
        return new Promise(function (resolve, reject) {
          const timer = setTimeout(function () {
            listeners.consent.splice(listeners.consent.indexOf(answered), 1);
            const e = new Error('The person did not answer whether this site may use Recert within ' + consentTimeoutMs + ' ms');
            e.code = 'consent_timeout';
            reject(e);
          }, consentTimeoutMs);
          function answered(data) {
            if (!data || (data.decision !== 'allowed' && data.decision !== 'denied')) return;
            clearTimeout(timer);
            listeners.consent.splice(listeners.consent.indexOf(answered), 1);
            resolve(call(command, args));
          }
          listeners.consent.push(answered);
        });
      });
    }

    return {
      iframe: iframe,
      ready: readyPromise,
      call: call,
      getSummary: function () { return call('getSummary'); },
      addActivity: function (activity) { return callWithConsent('addActivity', { activity: activity }); },
      openView: function (view) { return call('openView', { view: view }); },
      exportBackup: function (opts) { return callWithConsent('exportBackup', opts && opts.json ? { json: true } : {}); },
      on: function (event, fn) {
        if (!listeners[event]) fail('unknown event "' + event + '" (ready, changed, error, storage, consent)');
        listeners[event].push(fn);
        return function () { const i = listeners[event].indexOf(fn); if (i >= 0) listeners[event].splice(i, 1); };
      },
      focus: function () { iframe.focus(); },
      destroy: function () {
        destroyed = true;
        clearInterval(pinger);
        clearTimeout(readyTimer);
        window.removeEventListener('message', onMessage);
        pending.forEach(function (p) { clearTimeout(p.timer); p.reject(new Error('this Recert embed was destroyed')); });
        pending.clear();
        iframe.remove();
      },
    };
  }

  global.Recert = { mount: mount, protocol: 1 };
})(window);
