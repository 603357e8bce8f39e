// Embedding Recert in an organization's page: a mock staff portal (fixtures/host) on another
// loopback site (http://localhost:P vs the app on http://127.0.0.1:Q) mounts the app with
// web/embed.js under both sides' strict CSPs. Covers the PING/PONG handshake and queueing, the
// commands and their errors, malformed and wrong-origin messages, embedded mode, sizing, focus
// and key isolation, frame-ancestors, and that no third origin is ever contacted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ROOT, launchBrowser, buildTestDist, serveWithCsp, guardedContext, freePort, openApp, screenshot, pixelAt, hex,
  waitForItem,
} from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';

const FIXTURE = path.join(ROOT, 'tests/browser/fixtures/host');
let browser;
let dist;
let app;    // the Recert site, frame-ancestors allows the portal
let host;   // the portal, at http://localhost:<port>
let widget; // a third-party widget's origin on the portal page
let hostOrigin;

before(async () => {
  dist = await buildTestDist();
  const hostPort = await freePort();
  hostOrigin = `http://localhost:${hostPort}`;
  app = await serveWithCsp(dist.dir, { frameAncestors: `'self' ${hostOrigin}` });
  widget = await startServer(FIXTURE);
  const widgetOrigin = new URL(widget.url).origin;
  // The portal's own strict CSP: scripts from itself and the Recert origin only.
  host = await startServer(FIXTURE, {
    port: hostPort,
    headers: {
      'Content-Security-Policy': `default-src 'self'; script-src 'self' ${app.origin}; frame-src ${app.origin} ${widgetOrigin}; object-src 'none'; base-uri 'none'`,
    },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const s of [app, host, widget]) await s?.close();
});

function portalUrl(params = {}) {
  const q = new URLSearchParams({ app: app.url, ...params });
  return `${hostOrigin}/?${q}`;
}

// Opens the portal, waits for the embed to be ready; returns { g, page, frame }.
async function openPortal(params = {}, options = {}) {
  const g = await guardedContext(browser, options);
  const page = await g.context.newPage();
  await page.goto(portalUrl(params));
  await page.waitForFunction(() => window.recert && window.hostLog.some((l) => l.startsWith('ready') || l.startsWith('not ready')), null, { timeout: 60000 });
  const frame = page.frames().find((f) => f.url().startsWith(app.url));
  return { g, page, frame };
}

// Every origin contacted is the portal's or Recert's (or the widget's, when the test adds it);
// no frame saw a CSP violation; the app server got no violation report.
async function assertClean({ g, page }, extraOrigins = []) {
  assert.deepEqual(g.origins(), [...new Set([app.origin, hostOrigin, ...extraOrigins])].sort());
  assert.deepEqual(await g.cspViolations(page), []);
  assert.deepEqual(app.reports, []);
}

test('the portal mounts Recert: handshake, queued early command, ready event, container-sized frame', async () => {
  const ctx = await openPortal({ raw: '1' });
  const { g, page, frame } = ctx;
  try {
    assert.ok(frame, 'the Recert frame is in the portal');
    assert.equal(new URL(frame.url()).searchParams.get('parent'), hostOrigin);
    const version = await page.evaluate(() => window.recert.ready);
    assert.deepEqual(version, { version: '0.1.0' });
    // getSummary was called right after mount, before the app ran: embed.js queued it.
    const early = await page.evaluate(() => window.earlySummary);
    assert.deepEqual({ credentials: early.credentials, activityCount: early.activityCount, version: early.version, view: early.view },
      { credentials: [], activityCount: 0, version: '0.1.0', view: 'dashboard' });
    // A raw command posted when the frame loaded (before the wasm ran): the app queued it.
    await page.waitForFunction(() => window.rawReplies.length === 1);
    assert.equal((await page.evaluate(() => window.rawReplies[0])).ok, true);
    assert.ok((await frame.evaluate(() => window.__recertEmbed.queued)) >= 1, 'the app held the early command');
    assert.deepEqual(await page.evaluate(() => window.hostLog.filter((l) => l.startsWith('ready'))), ['ready 0.1.0']);
    await page.waitForFunction(() => document.getElementById('summary').textContent.includes('Recert 0.1.0'));

    // Sized by its container, and following it.
    const box = async () => page.evaluate(() => {
      const s = document.getElementById('recert-slot').getBoundingClientRect();
      const f = window.recert.iframe.getBoundingClientRect();
      return { slot: [s.width, s.height].map(Math.round), frame: [f.width, f.height].map(Math.round) };
    });
    let b = await box();
    assert.deepEqual(b.frame, [b.slot[0] - 2, b.slot[1] - 2], 'the frame fills the slot (inside its 1px border)');
    await screenshot(page, 'embed-portal');
    await page.setViewportSize({ width: 700, height: 800 });
    await page.waitForTimeout(300);
    b = await box();
    assert.deepEqual(b.frame, [b.slot[0] - 2, b.slot[1] - 2]);
    assert.ok(b.frame[0] < 700);
    await frame.waitForFunction((w) => document.getElementById('canvas').clientWidth === w, b.frame[0], { timeout: 5000 }).catch(() => {});
    const canvasW = await frame.evaluate(() => document.getElementById('canvas').clientWidth);
    assert.equal(canvasW, b.frame[0], 'the app canvas follows the frame');
    await screenshot(page, 'embed-portal-narrow');
    assert.deepEqual(g.errors, []);
    await assertClean(ctx);
  } finally {
    await g.context.close();
  }
});

test('commands: openView, and clear errors for unknown views, unavailable and unknown commands', async () => {
  const ctx = await openPortal();
  const { g, page } = ctx;
  try {
    const call = (expr) => page.evaluate((e) => new Function('r', `return ${e}`)(window.recert)
      .then((result) => ({ ok: true, result }), (err) => ({ ok: false, error: err.message })), expr);
    assert.deepEqual(await call("r.openView('dashboard')"), { ok: true, result: { view: 'dashboard' } });
    const views = 'dashboard, activities, planner, renewal, audit, settings';
    assert.deepEqual(await call("r.openView('reports')"), { ok: false, error: `unknown view 'reports' (known views: ${views})` });
    assert.deepEqual(await call('r.openView(42)'), { ok: false, error: `openView needs args.view, a string (known views: ${views})` });
    assert.deepEqual(await call("r.openView('planner')"), { ok: true, result: { view: 'planner' } });
    // addActivity validates like the self-reporting form: wrong shapes are refused, nothing is saved.
    assert.deepEqual(await call("r.addActivity('nope')"), { ok: false, error: 'args.activity must be an object' });
    assert.deepEqual(await call("r.addActivity({ date: '2024-05-01', hours: 2 })"),
      { ok: false, error: 'args.earned must be a date like 2025-03-11' });
    assert.deepEqual(await call("r.addActivity({ title: 'x', earned: '2024-05-01', amount: 2 })"),
      { ok: false, error: 'args.amount must be a string' });
    assert.deepEqual(await call("r.call('exportBackup', { json: 'yes' })"), { ok: false, error: 'args.json must be true or false' });
    const unknown = await call("r.call('dropEverything', {})");
    assert.equal(unknown.ok, false);
    assert.match(unknown.error, /^unknown command "dropEverything" \(known: getSummary, addActivity, openView, exportBackup\)$/);
    const summary = await call('r.getSummary()');
    assert.equal(summary.ok, true);
    assert.deepEqual({ credentials: summary.result.credentials, activityCount: summary.result.activityCount, view: summary.result.view },
      { credentials: [], activityCount: 0, view: 'planner' }, 'the refused addActivity calls stored nothing');
    assert.deepEqual(g.errors, []);
    await assertClean(ctx);
  } finally {
    await g.context.close();
  }
});

test('malformed messages and messages from other origins are ignored and logged, and change nothing', async () => {
  const ctx = await openPortal({ evil: `${widget.url}widget.html` });
  const { g, page, frame } = ctx;
  const widgetOrigin = new URL(widget.url).origin;
  try {
    const evil = page.frames().find((f) => f.url().startsWith(widget.url));
    assert.ok(evil, 'the third-party widget frame is on the page');
    const ignoredBefore = await frame.evaluate(() => window.__recertEmbed.ignored);

    // From the right origin but malformed: ignored (no id to answer) or refused with an error reply.
    const replies = await page.evaluate(async (appOrigin) => {
      const w = window.recert.iframe.contentWindow;
      const got = [];
      const onMsg = (e) => { if (e.origin === appOrigin && e.data && e.data.type === 'reply') got.push(e.data); };
      window.addEventListener('message', onMsg);
      for (const m of ['hello', null, 42, { recert: 2, type: 'command' }, { recert: 1 }, { recert: 1, type: 'nuke' },
                       { recert: 1, type: 'command', command: 'getSummary' },
                       { recert: 1, type: 'command', id: { x: 1 }, command: 'getSummary' }]) w.postMessage(m, appOrigin);
      w.postMessage({ recert: 1, type: 'command', id: 'm1', command: 'openView', args: 'dashboard' }, appOrigin);
      w.postMessage({ recert: 1, type: 'command', id: 'm2', command: 'getSummary', args: { pad: 'x'.repeat(300000) } }, appOrigin);
      w.postMessage({ recert: 1, type: 'command', id: 'm3', command: 'toString' }, appOrigin);
      await new Promise((r) => setTimeout(r, 500));
      window.removeEventListener('message', onMsg);
      return got.map((r) => [r.id, r.ok, r.error]);
    }, app.origin);
    assert.deepEqual(replies, [
      ['m1', false, 'args of openView must be an object'],
      ['m2', false, 'args of getSummary are too large (300010 characters, at most 262144)'],
      ['m3', false, 'unknown command "toString" (known: getSummary, addActivity, openView, exportBackup)'],
    ]);

    // From the third-party widget: a forged command to Recert and a forged event to the portal.
    await evil.evaluate(() => {
      window.got = [];
      window.addEventListener('message', (e) => window.got.push(e.data));
      const recertFrame = [...Array(window.parent.frames.length).keys()].map((i) => window.parent.frames[i]).find((f) => f !== window);
      recertFrame.postMessage({ recert: 1, type: 'ping', id: 1 }, '*');
      recertFrame.postMessage({ recert: 1, type: 'command', id: 7, command: 'getSummary' }, '*');
      window.parent.postMessage({ recert: 1, type: 'event', event: 'changed', data: { forged: true } }, '*');
    });
    await page.waitForTimeout(500);
    assert.deepEqual(await evil.evaluate(() => window.got), [], 'Recert answered nothing to the widget');
    const stats = await frame.evaluate(() => window.__recertEmbed);
    // 8 malformed ones (2 of them not Recert-shaped at all), 3 refused, 2 from the widget.
    assert.equal(stats.ignored - ignoredBefore, 13);
    assert.ok(g.warnings.some((w) => w.includes(`[recert] embed: ignored a message from ${widgetOrigin}`)), 'the app logged the widget message');
    assert.ok(g.warnings.some((w) => w.includes(`[Recert embed] ignored a Recert-like message from ${widgetOrigin}`)), 'the portal logged the forged event');
    assert.ok(!(await page.evaluate(() => window.hostLog.some((l) => l.startsWith('changed')))), 'the forged event reached no listener');

    // Nothing changed: the app still answers its host, with the same state.
    const after = await page.evaluate(() => window.recert.getSummary());
    assert.deepEqual({ credentials: after.credentials, activityCount: after.activityCount, version: after.version, view: after.view },
      { credentials: [], activityCount: 0, version: '0.1.0', view: 'dashboard' });
    assert.deepEqual(g.errors, []);
    await assertClean(ctx, [widgetOrigin]);
  } finally {
    await g.context.close();
  }
});

test('embedded mode hides the brand the portal already shows, and takes the theme it asks for', async () => {
  const standalone = await openApp(browser, app.url);
  const ctx = await openPortal({ testhooks: '1', theme: 'dark' });
  const { g, page, frame } = ctx;
  try {
    const fileStandalone = await standalone.page.evaluate(() => window.recertTest.itemRect('Recert/File'));
    await frame.waitForFunction(() => window.recertTest.itemRect('Recert/File'));
    const fileEmbedded = await frame.evaluate(() => window.recertTest.itemRect('Recert/File'));
    assert.ok(fileStandalone.x > 60, `standalone: File comes after the brand (x=${fileStandalone.x})`);
    assert.ok(fileEmbedded.x < 20, `embedded: File is the first item of the menu bar (x=${fileEmbedded.x})`);
    await page.waitForTimeout(400); // the loading overlay fades out over 0.2 s
    const shot = await screenshot(page, 'embed-portal-dark');
    const box = await page.evaluate(() => { const r = window.recert.iframe.getBoundingClientRect(); return [r.x, r.y, r.height]; });
    assert.equal(hex(pixelAt(shot, Math.round(box[0]) + 5, Math.round(box[1] + box[2]) - 10)), '#15191e', 'dark theme inside the frame');
    assert.deepEqual(g.errors, []);
    await assertClean(ctx);
  } finally {
    await g.context.close();
    await standalone.context.close();
  }
});

test('the host page\'s accent colours the app\'s primary buttons, and compact tightens its spacing', async () => {
  const standalone = await openApp(browser, app.url);
  const ctx = await openPortal({ testhooks: '1', accent: '#c2410c', compact: '1' });
  const { g, page, frame } = ctx;
  try {
    const label = 'Add credential';
    const ours = await waitForItem(standalone.page, label);
    await frame.waitForFunction((l) => window.recertTest.itemRect(l), label);
    const theirs = await frame.evaluate((l) => window.recertTest.itemRect(l), label);
    assert.ok(theirs.h < ours.h, `compact buttons are shorter (${theirs.h} vs ${ours.h} px)`);
    await page.waitForTimeout(400);
    const shot = await screenshot(page, 'embed-portal-accent');
    const box = await page.evaluate(() => { const r = window.recert.iframe.getBoundingClientRect(); return [r.x, r.y]; });
    // Just inside the button's left edge (its label is centred): the accent fill.
    const px = pixelAt(shot, Math.round(box[0] + theirs.x + 6), Math.round(box[1] + theirs.y + theirs.h / 2));
    assert.equal(hex(px), '#c2410c', 'the primary button takes the host accent');
    const standaloneShot = await standalone.page.screenshot();
    assert.notEqual(hex(pixelAt(standaloneShot, Math.round(ours.x + 6), Math.round(ours.y + ours.h / 2))), '#c2410c');
    assert.deepEqual(g.errors, []);
    await assertClean(ctx);
  } finally {
    await g.context.close();
    await standalone.context.close();
  }
});

test('clicking into the embed focuses the app canvas, and keys typed there never reach the portal', async () => {
  const ctx = await openPortal();
  const { g, page, frame } = ctx;
  try {
    // Control: the portal's own listener sees keys typed into the portal.
    await page.click('#host-search');
    await page.keyboard.type('ab');
    assert.equal(await page.evaluate(() => window.hostKeydowns), 2);
    // Counted where the frame's document receives them: the canvas, or (after Tab) the
    // accessibility mirror's element that took focus.
    await frame.evaluate(() => {
      window.canvasKeys = 0;
      window.addEventListener('keydown', (e) => { if (e.isTrusted) window.canvasKeys++; }, true);
    });
    const r = await page.evaluate(() => { const b = window.recert.iframe.getBoundingClientRect(); return { x: b.x + b.width / 2, y: b.y + b.height - 40 }; });
    await page.mouse.click(r.x, r.y);
    assert.equal(await page.evaluate(() => document.activeElement === window.recert.iframe), true, 'the frame has focus');
    assert.equal(await frame.evaluate(() => document.activeElement.id), 'canvas', 'the canvas has focus inside it');
    await page.keyboard.type('xyz');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    assert.equal(await frame.evaluate(() => window.canvasKeys), 6, 'the app received every key');
    assert.equal(await page.evaluate(() => window.hostKeydowns), 2, 'the portal received none of them');
    assert.equal(await page.inputValue('#host-search'), 'ab');
    assert.deepEqual(g.errors, []);
    await assertClean(ctx);
  } finally {
    await g.context.close();
  }
});

test('a site not listed in frame-ancestors cannot frame Recert, and the host is told', async () => {
  const strict = await serveWithCsp(dist.dir, { frameAncestors: "'self'" });
  const g = await guardedContext(browser);
  try {
    const page = await g.context.newPage();
    const q = new URLSearchParams({ app: strict.url, readyTimeoutMs: '4000' });
    // The portal's CSP above names app.origin only; this page is served without one.
    const bare = await startServer(FIXTURE);
    try {
      await page.goto(`${bare.url.replace('127.0.0.1', 'localhost')}?${q}`);
      await page.waitForFunction(() => window.hostLog.some((l) => l.startsWith('not ready')), null, { timeout: 15000 });
      const log = await page.evaluate(() => window.hostLog);
      assert.ok(log.some((l) => /not ready: Recert did not start within 4000 ms/.test(l)), log.join(' | '));
      assert.ok(log.some((l) => l.startsWith('error ')), 'an error event was dispatched');
      assert.ok(g.errors.some((e) => /frame-ancestors/.test(e)), `the browser refused the frame: ${g.errors.join(' | ')}`);
    } finally {
      await bare.close();
    }
  } finally {
    await g.context.close();
    await strict.close();
  }
});

test('an embed in a hidden part of the portal (display: none) starts without waiting for a paint that cannot come', async () => {
  // A portal may mount Recert in a tab panel that is not shown yet: the browser renders nothing in
  // that frame, so boot.js starts the app by its 1 s timer, and the wasm must not then wait for a
  // first contentful paint (up to 1 s more).
  const g = await guardedContext(browser);
  try {
    const page = await g.context.newPage();
    await page.goto(`${hostOrigin}/`);
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.style.display = 'none';
      f.src = src;
      document.body.appendChild(f);
    }, `${app.url}?embed=1&parent=${encodeURIComponent(hostOrigin)}`);
    let frame;
    for (let i = 0; i < 100 && !frame; i++) {
      frame = page.frames().find((f) => f.url().startsWith(app.url));
      if (!frame) await page.waitForTimeout(50);
    }
    assert.ok(frame, 'the Recert frame is in the portal');
    await frame.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/index\.[0-9a-f]+\.wasm$/.test(e.name)), null, { timeout: 10000, polling: 50 });
    const t = await frame.evaluate(() => {
      const at = (re) => performance.getEntriesByType('resource').find((e) => re.test(e.name))?.startTime;
      return { dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart, js: at(/\/index\.[0-9a-f]+\.js$/), wasm: at(/\/index\.[0-9a-f]+\.wasm$/), fcp: performance.getEntriesByName('first-contentful-paint').length };
    });
    assert.equal(t.fcp, 0, 'nothing was painted in the hidden frame');
    assert.ok(t.js - t.dcl >= 900, `index.js started by the timer: ${t.js - t.dcl} ms after DOMContentLoaded`);
    assert.ok(t.wasm - t.js < 500, `index.wasm asked for ${t.wasm - t.js} ms after index.js`);
    // Shown, it draws.
    await page.evaluate(() => { document.querySelector('iframe').style.cssText = 'display:block;width:800px;height:600px'; });
    await frame.waitForFunction(() => typeof window.__recertFirstFrame === 'number', null, { timeout: 30000 });
    assert.deepEqual(g.errors, []);
  } finally {
    await g.context.close();
  }
});
