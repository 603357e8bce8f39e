// Recert boot script: configures the Emscripten Module before the app's JS loads, drives the
// loading overlay, reports WebGL 2 absence or context loss in plain words, maps logical asset
// names to the content-hashed ones of a dist/ build, registers the service worker and shows the
// "new version" banner, and (only when the page is opened with ?testhooks=1) exposes the test API
// used by the browser tests. Embedded mode (?embed=1) is read here; web/embed-app.js talks to the host.
'use strict';

(function () {
  const params = new URLSearchParams(window.location.search);
  const testHooks = params.has('testhooks');

  // scripts/dist writes {"index.wasm": "index.<hash>.wasm", ...} into this meta tag; the
  // development build leaves it {}. Read synchronously: index.js asks for names as it starts.
  let assets = {};
  try {
    const meta = document.querySelector('meta[name="recert-assets"]');
    assets = JSON.parse((meta && meta.content) || '{}') || {};
  } catch (e) {
    console.warn('[recert] unreadable recert-assets map; using logical names', e);
  }
  const isDistBuild = Object.keys(assets).length > 0;

  // Embedded in a host page (web/embed.js adds ?embed=1&parent=...&theme=...&accent=...&compact=1).
  const embedded = params.get('embed') === '1' && window.parent !== window;
  const theme = params.get('theme');
  const accent = params.get('accent');
  const root = document.documentElement;
  root.classList.toggle('embedded', embedded);
  root.classList.toggle('compact', embedded && params.get('compact') === '1');
  // Only a plain #rrggbb colour reaches the CSS: the value comes from another site's page.
  if (embedded && accent && /^#[0-9a-fA-F]{6}$/.test(accent)) {
    root.style.setProperty('--recert-accent', accent);
    root.style.setProperty('--recert-accent-on-dark', accent);
  }

  function el(id) { return document.getElementById(id); }

  let failed = false; // once an error is shown, progress updates must not replace it

  function showOverlay(text, opts) {
    const overlay = el('overlay');
    if (!overlay || (failed && !(opts && opts.error))) return;
    overlay.classList.remove('hidden');
    overlay.classList.toggle('error', !!(opts && opts.error));
    el('overlay-text').textContent = text;
    el('overlay-reload').hidden = !(opts && opts.reload);
  }

  function setProgress(fraction) {
    const fill = el('overlay-progress');
    if (fill) fill.style.width = Math.round(Math.max(0, Math.min(1, fraction)) * 100) + '%';
  }

  function fail(text) {
    failed = true;
    showOverlay(text, { error: true, reload: true });
    console.error('[recert] ' + text);
    // web/embed-app.js forwards this to a host page as an "error" event.
    window.dispatchEvent(new CustomEvent('recert-error', { detail: { message: text } }));
  }

  // Only whether the browser has the API: a trial context cost the page's start a whole WebGL
  // context of its own (15-70 ms before the app could start). A browser that has the API but gives
  // no context (turned off, a blocked GPU) is told by the app itself (Module.onNoWebGL2).
  const webgl2 = typeof WebGL2RenderingContext === 'function';
  function noWebGL2() {
    fail('Recert needs WebGL 2, which this browser has turned off or does not support. ' +
         'Try a current version of Chrome, Edge, Firefox or Safari, or enable hardware acceleration.');
  }

  window.Module = {
    // The app signals its first rendered frame through this hook (see src/platform/web/main_web.cpp).
    onFirstFrame: function () {
      window.__recertFirstFrame = performance.now();
      performance.mark('recert-first-frame');
      const overlay = el('overlay');
      if (overlay) {
        overlay.classList.add('hidden');
        // Out of the accessibility tree once the fade is over (opacity alone keeps it announced).
        const gone = function () { overlay.hidden = true; };
        overlay.addEventListener('transitionend', gone, { once: true });
        setTimeout(gone, 400);
      }
      window.dispatchEvent(new Event('recert-ready'));
    },
    testHooks: testHooks,
    // src/platform/web/main_web.cpp: no WebGL 2 context could be made.
    onNoWebGL2: noWebGL2,
    // Read by src/platform/web/embed_web.cpp at start: embedded mode hides the brand; theme=light|dark.
    // Theme and accent also apply at the top level: "Open Recert in its own tab" from an embed
    // carries the portal's look to the tab.
    recertEmbed: {
      embedded: embedded,
      theme: theme === 'dark' || theme === 'light' ? theme : '',
      accent: accent && /^#[0-9a-fA-F]{6}$/.test(accent) ? accent : '',
      compact: embedded && params.get('compact') === '1',
      storage: embedded && params.get('storage') === 'session' ? 'session' : '',
    },
    // index.js fetches index.wasm and index.data through this: map them to their hashed names.
    locateFile: function (path, prefix) {
      return prefix + (Object.prototype.hasOwnProperty.call(assets, path) ? assets[path] : path);
    },
    noInitialRun: !webgl2,
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    setStatus: function (text) {
      if (!text) return;
      // Emscripten reports data downloads as "Downloading data... (loaded/total)".
      const m = text.match(/\((\d+(?:\.\d+)?)\/(\d+)\)/);
      if (m) {
        setProgress(Number(m[1]) / Number(m[2]));
        showOverlay('Loading Recert…');
      }
    },
    totalDependencies: 0,
    monitorRunDependencies: function (left) {
      this.totalDependencies = Math.max(this.totalDependencies, left);
      if (this.totalDependencies > 0) setProgress((this.totalDependencies - left) / this.totalDependencies);
    },
    onAbort: function (what) {
      fail('Recert stopped because of an internal error. Your saved data is not affected. Reload to continue. (' + what + ')');
    },
    canvas: null,
  };

  document.addEventListener('DOMContentLoaded', function () {
    const canvas = el('canvas');
    window.Module.canvas = canvas;
    canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
    // SDL reads keys from the canvas only (SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT); a click must give
    // it keyboard focus, also inside a host page's iframe, so typing reaches the app and not the host.
    canvas.addEventListener('pointerdown', function () { if (document.activeElement !== canvas) canvas.focus(); });
    setupUpdateBanner();
    canvas.addEventListener('webglcontextlost', function (e) {
      e.preventDefault();
      fail('The graphics context was lost (the GPU was reset or the tab was in the background too long). Your data is saved. Reload to continue.');
    });
    el('overlay-reload').addEventListener('click', function () { window.location.reload(); });
    if (!webgl2) {
      noWebGL2();
    } else {
      showOverlay('Loading Recert…');
      canvas.focus();
    }
    afterFirstPaint(startApp);
  });

  // The app's script (index.js: it fetches the wasm and the data package, then starts) is started
  // after the loading card is painted, so that the card shows at once however quickly the app's
  // files arrive (shell/index.html.in keeps its tag inert in a template).
  function startApp(painted) {
    const template = el('app-script');
    const tag = template && template.content.querySelector('script[src]');
    if (!tag) return;
    const src = tag.getAttribute('src');
    if (window.Module.noInitialRun !== true) compileWasmEarly(new URL(src, document.baseURI), painted);
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.addEventListener('error', function () {
      fail('Recert could not be loaded. Check your connection and reload.');
    });
    document.body.appendChild(script);
  }

  // The wasm is fetched and compiled from here, as soon as the loading card's text is on the screen
  // (its first-contentful-paint entry), and never before: Module.instantiateWasm, which index.js
  // calls, waits for that paint too. A download that ends before the card is presented counts for
  // Lighthouse's Largest Contentful Paint: under Lighthouse the card's text is presented at ~300 ms,
  // after the page's first animation frame (~80 ms, when the script starts) and after index.js,
  // asking at once, had the wasm (mobile LCP 4.6-5.4 s instead of 1-2.5 in 2 of 5 first visits).
  // On a fast connection and a real screen the entry comes before index.js asks: the wasm downloads
  // alongside the script. A page that paints nothing (hidden, or no frame in a second: an iframe in
  // a hidden part of its host page) does not wait, nor one without paint timing; and none waits
  // more than a second. Compiled as it downloads when the server says application/wasm (what
  // streaming compilation requires), else from the whole file: one download either way.
  function compileWasmEarly(scriptUrl, framePainted) {
    if (typeof WebAssembly !== 'object' || typeof fetch !== 'function') return;
    const url = new URL(window.Module.locateFile('index.wasm', ''), scriptUrl).href;
    // Not 'first-paint', which can come long before (under Lighthouse: the card's background at
    // ~80 ms, its text at ~300).
    const contentful = function (list) {
      return list.some(function (e) { return e.name === 'first-contentful-paint'; });
    };
    const paintTiming = typeof PerformanceObserver === 'function' &&
      (PerformanceObserver.supportedEntryTypes || []).indexOf('paint') >= 0;
    const painted = !framePainted || document.visibilityState === 'hidden' || !paintTiming ||
      contentful(performance.getEntriesByType('paint'))
      ? Promise.resolve()
      : new Promise(function (resolve) {
        setTimeout(resolve, 1000);
        try {
          new PerformanceObserver(function (list, observer) {
            if (!contentful(list.getEntries())) return;
            observer.disconnect();
            resolve();
          }).observe({ type: 'paint', buffered: true });
        } catch (e) {
          resolve(); // no paint timing after all
        }
      });
    const compiled = painted.then(function () { return fetch(url, { credentials: 'same-origin' }); })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        const streams = typeof WebAssembly.compileStreaming === 'function' &&
          /^application\/wasm\b/i.test(response.headers.get('Content-Type') || '');
        return streams ? WebAssembly.compileStreaming(response)
          : response.arrayBuffer().then(function (bytes) { return WebAssembly.compile(bytes); });
      });
    compiled.catch(function () { /* reported by instantiateWasm */ });
    window.Module.instantiateWasm = function (imports, receiveInstance) {
      compiled.then(function (module) {
        return WebAssembly.instantiate(module, imports).then(function (instance) { receiveInstance(instance, module); });
      }).catch(function (e) {
        fail('Recert could not be loaded. Check your connection and reload. (' + (e && e.message ? e.message : e) + ')');
      });
      return {}; // the exports arrive through receiveInstance
    };
  }

  // Calls `then` in the task after the next painted frame. A hidden page (a tab opened in the
  // background) paints none: it starts at once. A visible one waits for its frame however long the
  // first paint takes (a slow phone, a busy browser: under Lighthouse the first frame ran 110-150 ms
  // after navigation, and an earlier 100 ms stand-in started the app before the card showed, which
  // put the app's whole download under Largest Contentful Paint: 5.4-5.5 s in 4 of 12 first visits);
  // the timer is only a last resort.
  // `then(painted)`: false when the page painted no frame (hidden, or the timer).
  function afterFirstPaint(then) {
    let waiting = true;
    const go = function (painted) { if (waiting) { waiting = false; then(painted); } };
    if (document.visibilityState === 'hidden') { setTimeout(function () { go(false); }, 0); return; }
    requestAnimationFrame(function () { setTimeout(function () { go(true); }, 0); });
    setTimeout(function () { go(false); }, 1000);
  }

  // [SECTION] Service worker (dist builds only) and the "new version is ready" banner.
  // The development build (build/web/app) registers no worker, so it always loads fresh files.
  let updateRegistration = null;
  let reloadRequested = false;

  function showUpdateBanner(registration) {
    updateRegistration = registration;
    const banner = el('update-banner');
    if (banner) banner.hidden = false;
  }

  function setupUpdateBanner() {
    const reload = el('update-reload');
    const later = el('update-later');
    if (!reload || !later) return;
    reload.addEventListener('click', function () {
      const waiting = updateRegistration && updateRegistration.waiting;
      if (!waiting) { window.location.reload(); return; }
      // The page reloads on 'controllerchange', i.e. only once the new worker has taken over,
      // and only because the person asked for it (reloadRequested).
      reloadRequested = true;
      reload.disabled = true;
      waiting.postMessage({ type: 'SKIP_WAITING' });
    });
    later.addEventListener('click', function () { el('update-banner').hidden = true; });
  }

  function watchRegistration(registration) {
    // A worker already waiting (installed during an earlier visit) while this page is controlled.
    if (registration.waiting && navigator.serviceWorker.controller) showUpdateBanner(registration);
    registration.addEventListener('updatefound', function () {
      const worker = registration.installing;
      if (!worker) return;
      worker.addEventListener('statechange', function () {
        // No controller = first install: nothing to update, the app is simply available offline now.
        if (worker.state === 'installed' && navigator.serviceWorker.controller) showUpdateBanner(registration);
      });
    });
    const check = function () { registration.update().catch(function () { /* offline: try later */ }); };
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') check(); });
    setInterval(check, 60 * 60 * 1000);
  }

  if (isDistBuild && 'serviceWorker' in navigator) {
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (reloadRequested) window.location.reload();
    });
    window.addEventListener('load', function () {
      // updateViaCache 'none': the browser always asks the server for sw.js, never its HTTP cache.
      navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' })
        .then(watchRegistration)
        .catch(function (e) { console.warn('[recert] offline support unavailable: ' + e.message); });
    });
  }

  if (testHooks) {
    // Test-only API: the screen rectangle (CSS pixels, relative to the canvas) of an ImGui item
    // by "Window/Label" path or by label alone, as recorded after the last drawn frame.
    window.recertTest = {
      itemRect: function (path) {
        const json = window.Module.ccall('recert_test_item_rect', 'string', ['string'], [path]);
        return json ? JSON.parse(json) : null;
      },
      itemPaths: function () {
        return JSON.parse(window.Module.ccall('recert_test_item_paths', 'string', [], []));
      },
      framesDrawn: function () { return window.Module._recert_frames_drawn(); },
      // Messages and dialogs as the person sees them (toasts, restore summary, conflicts, …).
      state: function () {
        const json = window.Module.ccall('recert_test_state', 'string', [], []);
        return json ? JSON.parse(json) : null;
      },
      // The wasm memory's size (the peak so far) and what malloc holds now, in bytes.
      heap: function () { return JSON.parse(window.Module.ccall('recert_test_heap', 'string', [], [])); },
      // CPU time of the last drawn frames (NewFrame to Render); reset=true starts a new window.
      frameStats: function (reset) {
        return JSON.parse(window.Module.ccall('recert_frame_stats', 'string', ['number'], [reset ? 1 : 0]));
      },
    };
  }
})();
