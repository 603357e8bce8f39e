// Recert embedded in a portal on ANOTHER site (http://localhost:P, the app on http://127.0.0.1:Q),
// where browsers restrict a frame's storage, in the Chromium set-ups people have:
//   - default profile: the frame gets a store of its own for the portal's site (partitioned, as in
//     Chrome, Firefox and Safari today);
//   - third-party cookies blocked, without storage partitioning (older Chromium, some managed and
//     privacy-hardened browsers): storage is refused to the frame outright;
//   - the same, then storage access granted by the person with a click (the Storage Access API).
// Each checks what the person is shown (the panel, found by role like a screen reader would, and
// a screenshot), what the host hears (getSummary's `storage`, the 'storage' and 'error' events),
// that commands answer within a bound, and where records can be kept, that they survive a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { unzipSync } from 'fflate';
import { ROOT, CHROMIUM_ARGS, launchBrowser, buildTestDist, serveWithCsp, freePort, screenshot, pressOn } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';

const FIXTURE = path.join(ROOT, 'tests/browser/fixtures/host');
const PANEL = "Recert can't keep your records inside this page";
let browser;
let dist;
let app;
let host;
let hostOrigin;

before(async () => {
  dist = await buildTestDist();
  const hostPort = await freePort();
  hostOrigin = `http://localhost:${hostPort}`;
  app = await serveWithCsp(dist.dir, { frameAncestors: `'self' ${hostOrigin}` });
  host = await startServer(FIXTURE, {
    port: hostPort,
    headers: {
      'Content-Security-Policy': `default-src 'self'; script-src 'self' ${app.origin}; frame-src ${app.origin}; object-src 'none'; base-uri 'none'`,
    },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const s of [app, host]) await s?.close();
});

// A Chromium profile of its own (a fresh user-data-dir) with third-party cookies blocked in its
// settings and without storage partitioning: a cross-site frame gets no storage at all.
async function blockedProfile() {
  const prefs = { profile: { cookie_controls_mode: 1, block_third_party_cookies: true } };
  const args = CHROMIUM_ARGS.map((a) => (a.startsWith('--disable-features=') ? `${a},ThirdPartyStoragePartitioning` : a));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recert-profile-'));
  fs.mkdirSync(path.join(dir, 'Default'));
  fs.writeFileSync(path.join(dir, 'Default', 'Preferences'), JSON.stringify(prefs));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  return { context, close: async () => { await context.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

function portalUrl(params = {}) {
  return `${hostOrigin}/?${new URLSearchParams({ app: app.url, testhooks: '1', ...params })}`;
}

// Opens the portal in `context`; resolves once the app's frame answered and its storage is known
// (getSummary().storage is no longer "opening"), with the time that took after 'ready'.
async function openPortal(context, params = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(portalUrl(params));
  await page.waitForFunction(() => window.recert && window.hostLog.some((l) => l.startsWith('ready')), null, { timeout: 60000 });
  const t0 = Date.now();
  const summary = await page.evaluate(async () => {
    for (;;) {
      const s = await window.recert.getSummary();
      if (s.storage !== 'opening') return s;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  const frame = page.frames().find((f) => f.url().startsWith(app.url));
  return { page, frame, summary, knownAfterMs: Date.now() - t0, errors };
}

// A command's outcome as the host sees it, and how long it took.
async function command(page, js) {
  return page.evaluate(async (code) => {
    const t0 = performance.now();
    try {
      const result = await (0, eval)(code);
      return { ok: true, result, ms: performance.now() - t0 };
    } catch (e) {
      return { ok: false, code: e.code, message: e.message, ms: performance.now() - t0 };
    }
  }, js);
}

const ACTIVITY = "window.recert.addActivity({ title: 'Kettlebell workshop', earned: '2025-03-14', amount: '3', unit: 'cec', format: 'live', provider: 'Northside Fitness' })";

// A command that writes or exports: the first one from this portal makes Recert ask the person
// inside the frame, who answers Allow by keyboard (a screen reader hears the dialog by its name).
const CONSENT = 'Allow this site to add to your records?';
async function allowedCommand(page, frame, js) {
  const result = command(page, js);
  const allow = frame.getByRole('dialog', { name: CONSENT }).getByRole('button', { name: 'Allow', exact: true });
  const asked = await Promise.race([result.then(() => false), allow.waitFor({ state: 'attached', timeout: 10000 }).then(() => true)]);
  if (asked) await pressOn(allow);
  return result;
}

// Presses a button of the app by its accessible name, as a keyboard user does (focus, Enter).
async function press(frame, name) {
  const button = frame.getByRole('button', { name });
  await button.waitFor({ state: 'attached', timeout: 10000 });
  await pressOn(button);
}

async function waitForSummary(page, predicate, timeout = 15000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await page.evaluate(() => window.recert.getSummary());
    if (predicate(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`summary never matched; last: ${JSON.stringify(last)}`);
}

test('third-party cookies blocked: storage is refused, the host is told within a second, commands answer with storage_blocked, and the person is offered three ways through', async () => {
  const p = await blockedProfile();
  try {
    const { page, frame, summary, knownAfterMs, errors } = await openPortal(p.context);
    assert.equal(summary.storage, 'blocked');
    assert.equal(summary.loaded, false);
    assert.ok(knownAfterMs < 1000, `the storage situation was known ${knownAfterMs} ms after ready`);
    await page.waitForFunction(() => window.hostLog.some((l) => l.startsWith('error storage_blocked')));
    assert.ok((await page.evaluate(() => window.hostLog)).includes('storage blocked'));
    const add = await command(page, ACTIVITY);
    assert.equal(add.ok, false);
    assert.equal(add.code, 'storage_blocked');
    assert.ok(add.ms < 2000, `addActivity answered after ${add.ms} ms`);
    const backup = await command(page, 'window.recert.exportBackup()');
    assert.equal(backup.code, 'storage_blocked');
    // What the person sees, by role: the panel and its three choices.
    await frame.getByRole('heading', { name: PANEL }).waitFor({ state: 'attached' });
    for (const name of ['Allow Recert to keep your records here', 'Open Recert in its own tab', 'Use it for this visit only'])
      assert.equal(await frame.getByRole('button', { name }).count(), 1, name);
    await screenshot(page, 'embed-storage-blocked');
    assert.deepEqual(errors, []);
  } finally {
    await p.close();
  }
});

test('third-party cookies blocked: "Use it for this visit only" keeps records in memory, says so, exports them, and forgets them on reload', async () => {
  const p = await blockedProfile();
  try {
    const { page, frame, summary } = await openPortal(p.context);
    assert.equal(summary.storage, 'blocked');
    await press(frame, 'Use it for this visit only');
    await waitForSummary(page, (s) => s.storage === 'session-only' && s.loaded);
    assert.ok((await page.evaluate(() => window.hostLog)).includes('storage session-only'));
    // The permanent banner, as text a screen reader reads.
    await frame.getByText(/This visit only: nothing you enter here is kept/).first().waitFor({ state: 'attached' });
    const add = await allowedCommand(page, frame, ACTIVITY);
    assert.equal(add.ok, true, JSON.stringify(add));
    await waitForSummary(page, (s) => s.activityCount === 1);
    await screenshot(page, 'embed-storage-session');
    // Export backup from the banner, by keyboard: a ZIP whose log holds the activity.
    const download = page.waitForEvent('download');
    await press(frame, 'Export backup');
    const file = await (await download).path();
    const zip = unzipSync(new Uint8Array(fs.readFileSync(file)));
    assert.deepEqual(Object.keys(zip).sort(), ['log.json', 'manifest.json']);
    assert.match(Buffer.from(zip['log.json']).toString(), /"title": ?"Kettlebell workshop"/, 'the backup holds the activity');
    // A reload forgets everything: nothing was written anywhere.
    await page.reload();
    await page.waitForFunction(() => window.recert && window.hostLog.some((l) => l.startsWith('ready')), null, { timeout: 60000 });
    const again = await waitForSummary(page, (s) => s.storage !== 'opening');
    assert.equal(again.storage, 'blocked');
    assert.equal(again.activityCount, 0);
    // The ZIP brings the records back into a new visit-only session: Restore on the banner, the
    // summary, then Restore, all by keyboard.
    const frame2 = page.frames().find((f) => f.url().startsWith(app.url));
    await press(frame2, 'Use it for this visit only');
    await waitForSummary(page, (s) => s.storage === 'session-only' && s.loaded);
    const chooser = page.waitForEvent('filechooser');
    await press(frame2, 'Restore backup');
    await (await chooser).setFiles(file);
    const dialog = frame2.getByRole('dialog', { name: 'Restore backup' });
    await dialog.getByRole('button', { name: 'Added: 1' }).waitFor({ state: 'attached', timeout: 15000 });
    await pressOn(dialog.getByRole('button', { name: 'Restore', exact: true }));
    const restored = await waitForSummary(page, (s) => s.activityCount === 1);
    assert.equal(restored.storage, 'session-only');
    await screenshot(page, 'embed-storage-session-restored');
  } finally {
    await p.close();
  }
});

test('embed.js storage: "session" starts with nothing kept, and writes nothing to IndexedDB', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const { page, frame, summary } = await openPortal(context, { storage: 'session' });
    assert.equal(summary.storage, 'session-only');
    assert.equal(await frame.getByRole('heading', { name: PANEL }).count(), 0, 'no panel: the host chose');
    assert.equal((await allowedCommand(page, frame, ACTIVITY)).ok, true);
    await waitForSummary(page, (s) => s.activityCount === 1);
    const download = page.waitForEvent('download');
    assert.equal((await allowedCommand(page, frame, 'window.recert.exportBackup({ json: true })')).ok, true);
    const text = fs.readFileSync(await (await download).path(), 'utf8');
    assert.match(text, /"title": ?"Kettlebell workshop"/);
    const dbs = await frame.evaluate(() => (indexedDB.databases ? indexedDB.databases().then((l) => l.map((d) => d.name), () => 'refused') : []));
    assert.ok(dbs === 'refused' || !dbs.includes('recert'), `IndexedDB databases: ${JSON.stringify(dbs)}`);
    // A host that misspells the option is told at once, and no frame is added.
    const refused = await page.evaluate((src) => {
      const frames = document.querySelectorAll('iframe').length;
      try {
        window.Recert.mount(document.body, { src, storage: 'sesion' });
        return 'mounted';
      } catch (e) {
        return `${e.name}: ${e.message}; frames ${document.querySelectorAll('iframe').length - frames}`;
      }
    }, app.url);
    assert.equal(refused, 'TypeError: Recert.mount: storage must be "auto" or "session"; frames 0');
  } finally {
    await context.close();
  }
});

test('default profile: records are kept for this portal, survive a reload, and the person is told they are separate', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = { context, close: () => context.close() };
  try {
    const { page, frame, summary } = await openPortal(p.context);
    assert.equal(summary.storage, 'partitioned');
    assert.equal(summary.loaded, true);
    // The note's own element (its words also stay in the live region that announced them).
    const note = frame.locator('#a11y-root [data-id]', { hasText: /Records you keep inside this site are separate from Recert opened directly/ }).first();
    await note.waitFor({ state: 'attached' });
    await screenshot(page, 'embed-storage-partitioned');
    await press(frame, 'Got it');
    await note.waitFor({ state: 'detached' });
    assert.equal((await allowedCommand(page, frame, ACTIVITY)).ok, true);
    await waitForSummary(page, (s) => s.activityCount === 1);
    await page.waitForTimeout(500); // the commit's transaction completes
    await page.reload();
    await page.waitForFunction(() => window.recert && window.hostLog.some((l) => l.startsWith('ready')), null, { timeout: 60000 });
    const after = await waitForSummary(page, (s) => s.loaded);
    assert.equal(after.activityCount, 1, 'the activity survived the reload');
    const frameNow = page.frames().find((f) => f.url().startsWith(app.url));
    await frameNow.getByRole('tab', { name: 'Dashboard' }).waitFor({ state: 'attached' });
    assert.equal(await frameNow.locator('#a11y-root [data-id]', { hasText: /Records you keep inside this site are separate/ }).count(), 0,
                 'the note is said once');
    // Recert opened directly keeps its own log: the portal's activity is not there.
    const top = await p.context.newPage();
    await top.goto(`${app.url}?testhooks=1`);
    await top.waitForFunction(() => window.__recertFirstFrame > 0, null, { timeout: 60000 });
    const direct = await top.evaluate(() => new Promise((resolve) => {
      const r = indexedDB.open('recert');
      r.onsuccess = () => {
        const db = r.result;
        if (!db.objectStoreNames.contains('activities')) return resolve(0);
        const c = db.transaction('activities').objectStore('activities').count();
        c.onsuccess = () => resolve(c.result);
      };
      r.onerror = () => resolve(-1);
    }));
    assert.equal(direct, 0, 'Recert opened directly does not see the portal\'s records');
  } finally {
    await p.close();
  }
});

test('third-party cookies blocked, storage access granted with a click: the person is told plainly that the browser still refuses storage, and "Open Recert in its own tab" opens it where it can keep records', async () => {
  const p = await blockedProfile();
  try {
    const { page, frame, summary } = await openPortal(p.context, { theme: 'dark', accent: '#7a1f3d' });
    assert.equal(summary.storage, 'blocked');
    // The person's browser would prompt; here the test grants what the prompt would.
    const cdp = await p.context.newCDPSession(page);
    await cdp.send('Browser.setPermission', {
      permission: { name: 'storage-access' }, setting: 'granted', origin: hostOrigin, embeddedOrigin: app.origin,
    });
    assert.equal(await frame.evaluate(() => navigator.permissions.query({ name: 'storage-access' }).then((s) => s.state)), 'granted');
    await press(frame, 'Allow Recert to keep your records here');
    // This Chromium grants the request, yet its handle's IndexedDB is still refused in a frame whose
    // storage is blocked: the app says so instead of pretending, and keeps the other two ways open.
    await frame.getByText(/allowed Recert's request but still refuses it storage/).first().waitFor({ state: 'attached', timeout: 15000 });
    const after = await page.evaluate(() => window.recert.getSummary());
    assert.equal(after.storage, 'blocked');
    const add = await command(page, ACTIVITY);
    assert.equal(add.code, 'storage_blocked');
    await screenshot(page, 'embed-storage-access-refused');
    // Open Recert in its own tab: a top-level Recert page (not embedded) with the portal's look.
    const popup = p.context.waitForEvent('page');
    await press(frame, 'Open Recert in its own tab');
    const tab = await popup;
    await tab.waitForLoadState();
    const url = new URL(tab.url());
    assert.equal(url.origin, app.origin);
    assert.equal(url.searchParams.get('embed'), null);
    assert.equal(url.searchParams.get('theme'), 'dark');
    assert.equal(url.searchParams.get('accent'), '#7a1f3d');
    await tab.waitForFunction(() => window.__recertFirstFrame > 0, null, { timeout: 60000 });
    const kept = await tab.evaluate(() => new Promise((resolve) => {
      const r = indexedDB.open('recert-probe-' + Date.now());
      r.onsuccess = () => resolve(true);
      r.onerror = () => resolve(false);
    }));
    assert.equal(kept, true, 'the tab of its own can keep records');
  } finally {
    await p.close();
  }
});

test('a portal on another site writes or exports only after the person allows it; "Don\'t allow" and Settings are honoured; writes are limited to a burst', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  try {
    const { page, frame, summary } = await openPortal(context);
    assert.equal(summary.storage, 'partitioned');
    let downloads = 0;
    page.on('download', () => downloads++);
    // The first write: the host's promise waits while the person is asked; they refuse.
    const refused = command(page, ACTIVITY);
    const dialog = frame.getByRole('dialog', { name: CONSENT });
    await dialog.waitFor({ state: 'attached', timeout: 10000 });
    await dialog.getByText(new RegExp(`${hostOrigin.replace(/[.:/]/g, '\\$&')}, the page Recert is shown in`)).first().waitFor({ state: 'attached' });
    await screenshot(page, 'embed-consent-dialog');
    // The question meets WCAG 2.x A/AA inside the frame (axe-core, the pinned npm copy).
    // (Evaluated through the DevTools protocol: the app's CSP rightly refuses an injected script tag.)
    await frame.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const violations = await frame.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
      .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.length}`)));
    assert.deepEqual(violations, []);
    await pressOn(dialog.getByRole('button', { name: "Don't allow", exact: true }));
    const r1 = await refused;
    assert.equal(r1.code, 'consent_denied', JSON.stringify(r1));
    // Remembered: the next export is refused at once, with no question and no download.
    const r2 = await command(page, 'window.recert.exportBackup()');
    assert.equal(r2.code, 'consent_denied');
    assert.ok(r2.ms < 2000, `answered after ${r2.ms} ms`);
    await dialog.waitFor({ state: 'detached', timeout: 5000 }); // closed with the answer, not asked again
    await page.waitForTimeout(300);
    assert.equal(await dialog.count(), 0, 'the refused export did not ask again');
    assert.equal((await page.evaluate(() => window.recert.getSummary())).activityCount, 0, 'nothing was written');
    assert.equal(downloads, 0, 'no download started');
    // Settings shows the answer; "Ask me again" takes it back, and the host's next write asks again.
    assert.equal((await command(page, "window.recert.openView('settings')")).ok, true);
    await frame.getByText('Not allowed to add activities or start downloads.').first().waitFor({ state: 'attached' });
    await press(frame, 'Ask me again');
    await page.waitForFunction(() => window.hostLog.some((l) => l.startsWith('consent') && l.includes('"ask"')), null, { timeout: 10000 });
    const r3 = await allowedCommand(page, frame, ACTIVITY);
    assert.equal(r3.ok, true, JSON.stringify(r3));
    await waitForSummary(page, (s) => s.activityCount === 1);
    // A burst: 20 writes a minute from a host page, then a plain refusal with a code.
    const burst = await page.evaluate(async () => {
      const out = [];
      for (let i = 0; i < 22; i++) {
        try {
          await window.recert.addActivity({ title: `Burst ${i}`, earned: '2025-03-14', amount: '1', unit: 'cec', format: 'live' });
          out.push('ok');
        } catch (e) {
          out.push(e.code);
        }
      }
      return out;
    });
    assert.equal(burst.filter((x) => x === 'ok').length, 19, burst.join(' ')); // 20 in the minute, one used above
    assert.deepEqual(burst.slice(19), ['rate_limited', 'rate_limited', 'rate_limited']);
    await waitForSummary(page, (s) => s.activityCount === 20);
  } finally {
    await context.close();
  }
});
