// The app side of Recert's embedding protocol (the host side is web/embed.js). Active only when
// the page runs in an iframe with ?embed=1. Accepts messages only from the parent window and only
// from the host origin named in ?parent= (cross-checked with location.ancestorOrigins where the
// browser has it); everything else is ignored and logged. Commands run in C++ through
// recert_embed_command (src/platform/web/embed_web.cpp); replies and events go to that one origin only.
//
// Messages (all carry recert: 1):
//   host -> app  {type: 'ping', id}            answered by {type: 'pong', id, version} once the app runs
//                {type: 'command', id, command, args}
//   app -> host  {type: 'reply', id, ok: true, result} | {type: 'reply', id, ok: false, error}
//                {type: 'event', event: 'ready' | 'changed' | 'error', data}
'use strict';

(function () {
  const params = new URLSearchParams(window.location.search);
  if (params.get('embed') !== '1' || window.parent === window) return;

  // The commands a host page may send; anything else is refused before it reaches C++.
  const COMMANDS = ['getSummary', 'addActivity', 'openView', 'exportBackup'];
  const MAX_MESSAGE_CHARS = 256 * 1024; // an activity with notes is a few KiB; refuse floods early

  const stats = { handled: 0, ignored: 0, queued: 0 };
  window.__recertEmbed = stats; // read by the browser tests and handy in DevTools

  function log(text) { console.warn('[recert] embed: ' + text); }

  function originOf(value) {
    try {
      const o = new URL(value).origin;
      return o && o !== 'null' ? o : null;
    } catch (e) {
      return null;
    }
  }

  // The host origin we talk to. The host names it (embed.js passes its own location.origin); where
  // the browser exposes the real embedding origin, a mismatch turns the protocol off.
  let hostOrigin = originOf(params.get('parent') || '');
  const ancestors = window.location.ancestorOrigins;
  if (!hostOrigin) {
    console.error('[recert] embed: no valid ?parent= origin; the embedding protocol is off');
  } else if (ancestors && ancestors.length && ancestors[0] !== hostOrigin) {
    console.error('[recert] embed: ?parent=' + hostOrigin + ' is not the page embedding us (' + ancestors[0] +
                  '); the embedding protocol is off');
    hostOrigin = null;
  }
  if (!hostOrigin) return;
  // For the app (recert_js_embed_host): who may be asked about writes. A deployment may trust hosts
  // outright: <meta name="recert-embed-trusted" content="https://portal.example.org ..."> in index.html.
  window.Module.recertEmbedHost = hostOrigin;
  const trusted = document.querySelector('meta[name="recert-embed-trusted"]');
  window.Module.recertEmbedTrusted = !!trusted && trusted.content.split(/\s+/).some((o) => originOf(o) === hostOrigin);

  let running = false; // the C++ app has drawn its first frame and can take commands
  const queue = [];    // commands that arrived before that, in order

  function post(msg) {
    msg.recert = 1;
    window.parent.postMessage(msg, hostOrigin); // never '*': only the allowed host may read it
  }

  function emit(event, data) { post({ type: 'event', event: event, data: data === undefined ? null : data }); }

  function validId(id) {
    return (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.length > 0 && id.length <= 64);
  }

  function runCommand(msg) {
    let reply;
    try {
      const text = window.Module.ccall('recert_embed_command', 'string', ['string'],
        [JSON.stringify({ command: msg.command, args: msg.args === undefined ? {} : msg.args })]);
      reply = JSON.parse(text);
    } catch (e) {
      reply = { ok: false, error: 'the app failed to run ' + msg.command + ': ' + (e && e.message ? e.message : e) };
      emit('error', { message: reply.error });
    }
    stats.handled++;
    post(reply.ok ? { type: 'reply', id: msg.id, ok: true, result: reply.result }
                  : Object.assign({ type: 'reply', id: msg.id, ok: false, error: String(reply.error) },
                                  reply.code ? { code: String(reply.code) } : {}));
  }

  function version() {
    try {
      return JSON.parse(window.Module.ccall('recert_embed_command', 'string', ['string'],
        ['{"command":"getSummary"}'])).result.version;
    } catch (e) {
      return null;
    }
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== hostOrigin) {
      stats.ignored++;
      log('ignored a message from ' + event.origin + ' (only ' + hostOrigin + ', the embedding page, may talk to Recert)');
      return;
    }
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || msg.recert !== 1) {
      stats.ignored++;
      log('ignored a message that is not a Recert protocol message');
      return;
    }
    if (msg.type === 'ping') {
      if (running) post({ type: 'pong', id: validId(msg.id) ? msg.id : null, version: version() });
      return; // before the app runs the host keeps pinging; the pong means "commands work now"
    }
    if (msg.type !== 'command') {
      stats.ignored++;
      log('ignored a message of unknown type ' + JSON.stringify(String(msg.type)).slice(0, 80));
      return;
    }
    if (!validId(msg.id)) {
      stats.ignored++;
      log('ignored a command without a usable id (a number, or a string of up to 64 characters)');
      return;
    }
    let error = null;
    let size = 0;
    try { size = JSON.stringify(msg.args === undefined ? {} : msg.args).length; } catch (e) { size = Infinity; }
    if (typeof msg.command !== 'string' || COMMANDS.indexOf(msg.command) < 0) {
      error = 'unknown command ' + JSON.stringify(String(msg.command)).slice(0, 80) + ' (known: ' + COMMANDS.join(', ') + ')';
    } else if (msg.args !== undefined && (msg.args === null || typeof msg.args !== 'object' || Array.isArray(msg.args))) {
      error = 'args of ' + msg.command + ' must be an object';
    } else if (size > MAX_MESSAGE_CHARS) {
      error = 'args of ' + msg.command + ' are too large (' + size + ' characters, at most ' + MAX_MESSAGE_CHARS + ')';
    }
    if (error) {
      stats.ignored++;
      log(error);
      post({ type: 'reply', id: msg.id, ok: false, error: error });
      return;
    }
    if (running) {
      runCommand(msg);
    } else {
      stats.queued++;
      queue.push({ id: msg.id, command: msg.command, args: msg.args });
    }
  });

  // C++ events (src/platform/web/embed_web.cpp: recert_js_embed_emit) arrive here.
  window.Module.recertEmbedEmit = function (event, json) {
    let data = null;
    try { data = JSON.parse(json); } catch (e) { data = { unparsed: String(json) }; }
    emit(event, data);
  };

  window.addEventListener('recert-error', function (e) { emit('error', { message: e.detail && e.detail.message }); });

  function start() {
    if (running) return;
    running = true;
    while (queue.length) runCommand(queue.shift());
    emit('ready', { version: version(), storage: storageSituation() });
  }
  // Where the records are kept, as getSummary says ("opening" until the store answered).
  function storageSituation() {
    try {
      const text = window.Module.ccall('recert_embed_command', 'string', ['string'], ['{"command":"getSummary","args":{}}']);
      const r = JSON.parse(text);
      return r.ok && r.result ? r.result.storage : 'opening';
    } catch (e) {
      return 'opening';
    }
  }
  if (typeof window.__recertFirstFrame === 'number') start();
  else window.addEventListener('recert-ready', start);
})();
