// Browser tests of the app shell: it loads, draws, reports its first frame, its menu bar works,
// and it explains itself when WebGL 2 is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serve, openApp, waitForItem, waitForItemGone, clickItem, screenshot, pixelAt, hex,
  countAnimationFrames, waitForNoAnimationFrames, waitForFirstFrame,
} from './harness.mjs';

let browser;
let server;

before(async () => {
  server = await serve();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the app loads, draws its first frame and shows the empty state without console errors', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await waitForItem(page, 'Recert/File');
    // The records open asynchronously (IndexedDB); then the empty state invites a first credential.
    const button = await waitForItem(page, 'Add credential');
    assert.equal(button.disabled, false);
    const overlayHidden = await page.evaluate(() => document.getElementById('overlay').classList.contains('hidden'));
    assert.equal(overlayHidden, true, 'loading overlay is hidden after the first frame');
    const mark = await page.evaluate(() => performance.getEntriesByName('recert-first-frame').length);
    assert.equal(mark, 1, 'performance mark recert-first-frame is set once');
    await screenshot(page, 'shell-empty-state-dpr1');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Help > About Recert opens a dialog that Close dismisses', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await clickItem(page, 'Recert/Help');
    await clickItem(page, 'About Recert');
    const close = await waitForItem(page, 'About Recert/Close');
    assert.ok(close.w > 0 && close.h > 0);
    await screenshot(page, 'shell-about-dialog');
    await clickItem(page, 'About Recert/Close');
    await waitForItemGone(page, 'About Recert/Close');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('View > Dark theme repaints the page in the dark palette', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await page.waitForTimeout(400); // the loading overlay fades out over 0.2 s: read the app, not the blend
    const before = pixelAt(await screenshot(page, 'shell-light'), 5, 700);
    assert.equal(hex(before), '#f4f6f9', 'light window background');
    await clickItem(page, 'Recert/View');
    await clickItem(page, 'Dark theme');
    await waitForItemGone(page, 'Dark theme');
    await page.waitForTimeout(100);
    const afterPx = pixelAt(await screenshot(page, 'shell-dark'), 5, 700);
    assert.equal(hex(afterPx), '#15191e', 'dark window background');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the page is crisp at devicePixelRatio 2: backing store is CSS size times two', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { dpr: 2 });
  try {
    const size = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight };
    });
    assert.equal(size.w, size.cssW * 2);
    assert.equal(size.h, size.cssH * 2);
    await waitForItem(page, 'Recert/File');
    await screenshot(page, 'shell-empty-state-dpr2');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the app stops drawing when idle', async () => {
  const { context, page } = await openApp(browser, server.url);
  try {
    // Let the post-load work finish: loading the records and the sync state, the storage estimate,
    // and the 600 ms of frames after each. It is over once no frame came for 800 ms (on a slow
    // machine that can take more than a second); an app that never stops drawing fails here.
    const frames = () => page.evaluate(() => window.recertTest.framesDrawn());
    const deadline = Date.now() + 15000;
    let last = await frames(), quietSince = Date.now();
    while (Date.now() - quietSince < 800) {
      assert.ok(Date.now() < deadline, 'the app went on drawing for 15 s after loading');
      await page.waitForTimeout(100);
      const now = await frames();
      if (now !== last) { last = now; quietSince = Date.now(); }
    }
    const a = await frames();
    await page.waitForTimeout(1500);
    const b = await page.evaluate(() => window.recertTest.framesDrawn());
    assert.equal(b, a, `no frames drawn while idle (drew ${b - a})`);
    await page.mouse.move(200, 200);
    await page.mouse.move(220, 230);
    await page.waitForTimeout(200);
    const c = await page.evaluate(() => window.recertTest.framesDrawn());
    assert.ok(c > b, 'input wakes the loop');
  } finally {
    await context.close();
  }
});

test('frames that show nothing new leave the canvas as it is; a change is drawn at once', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { initScript: countAnimationFrames });
  try {
    const button = await waitForItem(page, 'Add credential');
    await waitForNoAnimationFrames(page, 1000);
    const counts = () => page.evaluate(() => [window.recertTest.framesDrawn(), window.Module._recert_frames_presented()]);
    // A point on the button's face, clear of its icon and label.
    const face = [Math.round(button.x + 4), Math.round(button.y + button.h / 2)];
    const [d0, p0] = await counts();
    const idle = pixelAt(await screenshot(page, 'shell-present-idle'), ...face);
    // The pointer moves over empty page: ImGui runs a frame for each move (and 600 ms after),
    // but nothing it draws changes, so none reaches the canvas.
    for (let i = 0; i < 8; i++) { await page.mouse.move(1000 + i * 20, 650); await page.waitForTimeout(40); }
    await waitForNoAnimationFrames(page, 800);
    const [d1, p1] = await counts();
    assert.ok(d1 - d0 >= 8, `a frame ran for each move (${d1 - d0} ran)`);
    assert.equal(p1, p0, `no frame drawn on the canvas for moves over empty space (${p1 - p0} drawn)`);
    // Over the button its hover colour is drawn, and shows on screen.
    await page.mouse.move(face[0] + 20, face[1]);
    await waitForNoAnimationFrames(page, 800);
    const [, p2] = await counts();
    const hovered = pixelAt(await screenshot(page, 'shell-present-hover'), ...face);
    assert.ok(p2 > p1, 'the hover was drawn');
    assert.notEqual(hex(hovered), hex(idle), `the button shows its hover colour (${hex(idle)} both times)`);
    // Away again: the button is drawn as it was.
    await page.mouse.move(1100, 650);
    await waitForNoAnimationFrames(page, 800);
    const [, p3] = await counts();
    assert.ok(p3 > p2, 'leaving the button was drawn');
    assert.equal(hex(pixelAt(await screenshot(page, 'shell-present-left'), ...face)), hex(idle));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('while idle the page runs no animation-frame callbacks at all, and input still works after it', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { initScript: countAnimationFrames });
  try {
    await waitForItem(page, 'Add credential');
    // The post-load work (records, sync state, storage estimate) and the frames after it end; an
    // app whose loop keeps asking for frames fails here.
    await waitForNoAnimationFrames(page, 1000);
    const a = await page.evaluate(() => window.__rafCallbacks);
    await page.waitForTimeout(2500);
    const b = await page.evaluate(() => window.__rafCallbacks);
    assert.equal(b - a, 0, `no animation-frame callbacks while idle (${b - a} ran)`);
    // A click wakes the loop: the menu opens, its item is clicked, the dialog shows...
    await clickItem(page, 'Recert/Help');
    await clickItem(page, 'About Recert');
    await waitForItem(page, 'About Recert/Close');
    assert.ok(await page.evaluate(() => window.__rafCallbacks) > b, 'input resumed the loop');
    // ... and after idling again, a key press alone (Escape) closes it.
    await waitForNoAnimationFrames(page, 1000);
    await page.keyboard.press('Escape');
    await waitForItemGone(page, 'About Recert/Close');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('without WebGL 2 the page says so in plain words instead of failing silently', async () => {
  const { context, page } = await openApp(browser, server.url, {
    waitForFirstFrame: false,
    initScript: () => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        return type === 'webgl2' ? null : original.call(this, type, ...rest);
      };
    },
  });
  try {
    await page.waitForFunction(() => document.getElementById('overlay').classList.contains('error'));
    const text = await page.textContent('#overlay-text');
    assert.match(text, /needs WebGL 2/);
    assert.equal(await page.isVisible('#overlay-reload'), true);
    await screenshot(page, 'shell-no-webgl2');
  } finally {
    await context.close();
  }
});

test('the app script starts after the page is parsed and painted, and one that cannot be loaded is reported', async () => {
  // A fresh context: the app's script request is held until the test lets it go.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // When the page's first animation frame ran (the frame that paints the loading card).
  await page.addInitScript(() => requestAnimationFrame(() => { window.__firstFrameAt = performance.now(); }));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let asked = false;
  let wasmAsked = false;
  await page.route(/\/index\.js$/, async (route) => {
    asked = true;
    await held;
    await route.fulfill({ status: 404, body: 'gone' });
  });
  // The wasm is fetched (and compiled) alongside the script, not after it has run.
  await page.route(/\/index\.wasm$/, async (route) => {
    wasmAsked = true;
    await route.continue();
  });
  try {
    await page.goto(`${server.url}?testhooks=1`);
    for (let i = 0; i < 200 && !(asked && wasmAsked); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(asked, 'index.js was requested');
    assert.ok(wasmAsked, 'index.wasm was requested while index.js was still downloading');
    // While it loads, the loading card shows.
    assert.match(await page.textContent('#overlay .brand'), /Recert/);
    assert.equal(await page.isVisible('#overlay'), true);
    release();
    await page.waitForFunction(() => document.getElementById('overlay').classList.contains('error'), null, { timeout: 10000 });
    assert.equal(await page.textContent('#overlay-text'), 'Recert could not be loaded. Check your connection and reload.');
    assert.equal(await page.isVisible('#overlay-reload'), true);
    // Not by the parser: after DOMContentLoaded, and after the first animation frame.
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const js = performance.getEntriesByType('resource').find((e) => /\/index\.js$/.test(e.name));
      const wasm = performance.getEntriesByType('resource').find((e) => /\/index\.wasm$/.test(e.name));
      return { dcl: nav.domContentLoadedEventStart, frame: window.__firstFrameAt, js: js?.startTime, wasm: wasm?.startTime };
    });
    assert.ok(t.js >= t.dcl, `index.js asked for at ${t.js} ms, DOMContentLoaded at ${t.dcl} ms`);
    assert.ok(t.frame !== undefined && t.js >= t.frame, `index.js at ${t.js} ms, first frame at ${t.frame} ms`);
    // Like the script, after the loading card's paint (a download ending before it would count for
    // Largest Contentful Paint).
    assert.ok(t.wasm !== undefined && t.wasm >= t.frame, `index.wasm at ${t.wasm} ms, first frame at ${t.frame} ms`);
  } finally {
    release();
    await context.close();
  }
});

test('the wasm is asked for once the loading card\'s text is on the screen, however late that is known', async () => {
  // Under Lighthouse the card's first contentful paint came at ~300 ms, long after the page's first
  // frame (~80 ms), and a download that ended before it counted for Largest Contentful Paint
  // (mobile LCP 4.6-5.4 s instead of 1-2.5). Here the browser reports that paint 800 ms late;
  // index.js has long been run by then and asked for the wasm (Module.instantiateWasm), which waits.
  // A browser that has no paint timing to report it (PerformanceObserver.supportedEntryTypes without
  // 'paint') does not wait for it.
  for (const paintTiming of [true, false]) await wasmAgainstLatePaint(paintTiming);
});

async function wasmAgainstLatePaint(paintTiming) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript((paintTiming) => {
    const delay = 800;
    const started = performance.now();
    const known = () => performance.now() - started >= delay;
    const getByType = performance.getEntriesByType.bind(performance);
    const getByName = performance.getEntriesByName.bind(performance);
    performance.getEntriesByType = (type) => (type === 'paint' && !known() ? [] : getByType(type));
    performance.getEntriesByName = (name, type) => (/paint/.test(name) && !known() ? [] : getByName(name, type));
    const Native = window.PerformanceObserver;
    window.PerformanceObserver = class extends Native {
      constructor(callback) {
        super((list, observer) => {
          const entries = list.getEntries();
          setTimeout(() => {
            if (entries.some((e) => e.name === 'first-contentful-paint')) window.__fcpReported = performance.now();
            callback({ getEntries: () => entries }, observer);
          }, Math.max(0, delay - (performance.now() - started)));
        });
      }
    };
    new window.PerformanceObserver(() => {}).observe({ type: 'paint', buffered: true }); // sets __fcpReported
    if (!paintTiming) Object.defineProperty(window.PerformanceObserver, 'supportedEntryTypes', { get: () => ['resource', 'navigation'] });
  }, paintTiming);
  let wasmAt;
  await page.route(/\/index\.wasm$/, async (route) => {
    wasmAt = await page.evaluate(() => performance.now()).catch(() => undefined);
    await route.continue();
  });
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => window.__fcpReported !== undefined, null, { timeout: 10000 });
    await page.waitForTimeout(300);
    const fcpReported = await page.evaluate(() => window.__fcpReported);
    await waitForFirstFrame(page);
    assert.ok(wasmAt !== undefined, 'index.wasm was asked for');
    if (paintTiming) assert.ok(wasmAt >= fcpReported, `index.wasm asked for at ${wasmAt} ms, the paint reported at ${fcpReported} ms`);
    else assert.ok(wasmAt < fcpReported - 300, `no paint timing: index.wasm asked for at ${wasmAt} ms, not waiting for ${fcpReported} ms`);
    const js = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => /\/index\.js$/.test(e.name)).responseEnd);
    assert.ok(js < fcpReported - 300, `index.js arrived at ${js} ms, long before the report (${fcpReported} ms)`);
  } finally {
    await context.close();
  }
}

test('the wasm loads whatever type the server gives it, once; a broken or missing one is reported in plain words', async () => {
  const open = async (serveWasm) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    let requests = 0;
    await page.route(/\/index\.wasm$/, async (route) => { ++requests; await serveWasm(route); });
    await page.goto(`${server.url}?testhooks=1`);
    return { context, page, errors, requests: () => requests };
  };
  // A static host that does not know .wasm (application/octet-stream): no streaming compilation,
  // the same file compiled whole.
  let app = await open(async (route) => {
    const response = await route.fetch();
    await route.fulfill({ status: 200, body: await response.body(), headers: { 'Content-Type': 'application/octet-stream' } });
  });
  try {
    await waitForFirstFrame(app.page);
    await waitForItem(app.page, 'Add credential');
    assert.equal(app.requests(), 1, 'index.wasm downloaded once');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.context.close();
  }
  // A file that says it is wasm and is not, and one that is not there.
  for (const [what, fulfill, detail] of [
    ['not wasm', (route) => route.fulfill({ status: 200, body: 'this is not WebAssembly', headers: { 'Content-Type': 'application/wasm' } }), /CompileError|magic/i],
    ['missing', (route) => route.fulfill({ status: 404, body: 'gone' }), /HTTP 404/],
  ]) {
    app = await open(fulfill);
    try {
      await app.page.waitForFunction(() => document.getElementById('overlay').classList.contains('error'), null, { timeout: 10000 });
      const text = await app.page.textContent('#overlay-text');
      assert.match(text, /^Recert could not be loaded\. Check your connection and reload\./, what);
      assert.match(text, detail, what);
      assert.equal(await app.page.isVisible('#overlay-reload'), true, what);
      assert.equal(await app.page.evaluate(() => typeof window.__recertFirstFrame), 'undefined', what);
    } finally {
      await app.context.close();
    }
  }
});

test('the first frame is the only one drawn with the start-up glyphs; the complete fonts follow it', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await waitForItem(page, 'Add credential');
    await page.waitForFunction(() => window.recertTest.state().fonts.heading, null, { timeout: 10000 });
    const { fonts } = await page.evaluate(() => window.recertTest.state());
    assert.deepEqual(fonts, { bodyComplete: true, starterFrames: 1, strong: true, heading: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// Issue #19: the first frame is the start-up's longest task. Drawn in an animation frame's callback,
// its task also held the browser's composite of the new picture (without a GPU a read-back of the
// canvas, 45-77 ms at 4x CPU); drawn in a task of its own, that composite comes in the rendering
// update after it, and the main loop goes on on animation frames.
test('the first frame is drawn in a task of its own, not in an animation frame, and the loop goes on after it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__inAnimationFrame = false;
    window.__animationFrames = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => raf((ts) => {
      window.__inAnimationFrame = true;
      window.__animationFrames++;
      try { cb(ts); } finally { window.__inAnimationFrame = false; }
    });
    window.addEventListener('recert-ready', () => {
      window.__firstFrame = { inAnimationFrame: window.__inAnimationFrame, drawn: window.recertTest?.framesDrawn() };
      window.__framesAtFirst = window.__animationFrames;
    });
  });
  try {
    await page.goto(`${server.url}?testhooks=1`);
    await page.waitForFunction(() => window.__firstFrame !== undefined, null, { timeout: 30000 });
    const first = await page.evaluate(() => window.__firstFrame);
    assert.deepEqual(first, { inAnimationFrame: false, drawn: 1 }, 'the first frame is drawn outside any animation-frame callback');
    // The main loop runs after it, on animation frames: the records arrive and are drawn.
    await waitForItem(page, 'Add credential');
    const later = await page.evaluate(() => ({ drawn: window.recertTest.framesDrawn(), frames: window.__animationFrames - window.__framesAtFirst }));
    assert.ok(later.drawn >= 2 && later.frames >= 1, `frames drawn ${later.drawn}, animation frames after the first ${later.frames}`);
  } finally {
    await context.close();
  }
});

test('a visible page whose first frame comes late starts the app after that frame, not before', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // A slow first paint (a slow phone, a busy browser): the page's first animation frame runs 300 ms
  // after it was asked for.
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window);
    let first = true;
    window.requestAnimationFrame = (cb) => {
      if (!first) return raf(cb);
      first = false;
      return setTimeout(() => raf((ts) => { window.__firstFrameAt = performance.now(); cb(ts); }), 300);
    };
  });
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/index\.js$/.test(e.name)), null, { timeout: 10000 });
    const t = await page.evaluate(() => ({
      frame: window.__firstFrameAt,
      js: performance.getEntriesByType('resource').find((e) => /\/index\.js$/.test(e.name)).startTime,
    }));
    assert.ok(t.frame !== undefined && t.js >= t.frame, `index.js asked for at ${t.js} ms, first frame at ${t.frame} ms`);
  } finally {
    await context.close();
  }
});

test('a page opened hidden, which paints no frame, starts the app and draws its first frame without waiting for one', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // A background tab: hidden, and its animation frames never run.
  await page.addInitScript(() => {
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
    window.__framesAsked = 0;
    window.requestAnimationFrame = () => ++window.__framesAsked;
  });
  const asked = [];
  page.on('request', (r) => { if (/\/index\.js$/.test(r.url())) asked.push(Date.now()); });
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/index\.js$/.test(e.name)), null, { timeout: 10000, polling: 50 }); // no animation frames to poll on
    const t = await page.evaluate(() => ({
      dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
      js: performance.getEntriesByType('resource').find((e) => /\/index\.js$/.test(e.name)).startTime,
    }));
    assert.equal(asked.length, 1);
    // Not by the visible page's last-resort timer (1 s).
    assert.ok(t.js - t.dcl < 1000, `index.js asked for ${t.js - t.dcl} ms after DOMContentLoaded`);
    // Nor the wasm, which a visible page asks for once its first contentful paint is reported.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/index\.wasm$/.test(e.name)), null, { timeout: 10000, polling: 50 });
    const wasm = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => /\/index\.wasm$/.test(e.name)).startTime);
    assert.ok(wasm - t.dcl < 1000, `index.wasm asked for ${wasm - t.dcl} ms after DOMContentLoaded`);
    // The first frame is drawn in a task of its own, not at an animation frame: the app is ready
    // (the embed's "ready" event) without ever being shown.
    await page.waitForFunction(() => typeof window.__recertFirstFrame === 'number', null, { timeout: 10000, polling: 50 });
  } finally {
    await context.close();
  }
});
