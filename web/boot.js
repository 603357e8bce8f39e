// Recert boot script: configures the Emscripten Module before the app's JS loads, drives the
// loading overlay, reports WebGL 2 absence or context loss in plain words, and (only when the
// page is opened with ?testhooks=1) exposes the test API used by the browser tests.
'use strict';

(function () {
  const params = new URLSearchParams(window.location.search);
  const testHooks = params.has('testhooks');

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
  }

  function hasWebGL2() {
    try {
      return !!document.createElement('canvas').getContext('webgl2');
    } catch (e) {
      return false;
    }
  }

  const webgl2 = hasWebGL2();

  window.Module = {
    // The app signals its first rendered frame through this hook (see src/app/platform_web.cpp).
    onFirstFrame: function () {
      window.__recertFirstFrame = performance.now();
      performance.mark('recert-first-frame');
      const overlay = el('overlay');
      if (overlay) overlay.classList.add('hidden');
      window.dispatchEvent(new Event('recert-ready'));
    },
    testHooks: testHooks,
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
    canvas.addEventListener('webglcontextlost', function (e) {
      e.preventDefault();
      fail('The graphics context was lost (the GPU was reset or the tab was in the background too long). Your data is saved. Reload to continue.');
    });
    el('overlay-reload').addEventListener('click', function () { window.location.reload(); });
    if (!webgl2) {
      fail('Recert needs WebGL 2, which this browser has turned off or does not support. ' +
           'Try a current version of Chrome, Edge, Firefox or Safari, or enable hardware acceleration.');
    } else {
      showOverlay('Loading Recert…');
      canvas.focus();
    }
  });

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
    };
  }
})();
