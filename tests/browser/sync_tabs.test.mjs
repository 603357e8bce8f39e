// Provider sync with two tabs of the same app open (issue #7): only one tab syncs at a time (Web
// Locks). While tab A's run is under way (its first page held up by the provider), tab B's "Sync now"
// is refused in plain words and changes nothing, while A, now a background tab without animation
// frames, finishes its run; then B syncs and finds nothing to add.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serve, openApp, waitForFirstFrame } from './harness.mjs';
import { env, admin, status, activities, assertNoDuplicates, pathEnding, signIn, syncNow } from './sync_helpers.mjs';
import { clickItem } from './harness.mjs';
import { startProvider } from '../../scripts/provider/server.mjs';

let browser, app, provider, context;
const QUERY = 'testhooks=1&sync_base_ms=40&sync_timeout_ms=8000&sync_page=100';
const VIEWPORT = { width: 1280, height: 1280 };

before(async () => {
  browser = await launchBrowser();
  app = await serve();
  provider = await startProvider({ appOrigins: [new URL(app.url).origin], completions: 30, certificates: false });
  Object.assign(env, { provider, app });
});

const settle = (p) => Promise.race([Promise.resolve(p).catch(() => {}), new Promise((r) => setTimeout(r, 10000))]);
after(async () => {
  await settle(context?.close());
  await settle(browser?.close());
  await settle(app?.close());
  await settle(provider?.close());
});

test('two tabs: one syncs, the other is told to wait and changes nothing; then it syncs cleanly', async () => {
  const a = await openApp(browser, app.url, { query: QUERY, viewport: VIEWPORT });
  context = a.context;
  // Any response the pages see that is a 404 fails the test; the browser's own favicon request on
  // the provider's sign-in page (a console line with no response event) does not.
  a.page.on('response', (r) => { if (r.status() >= 400) a.errors.push(`${r.status()}: ${r.url()}`); });
  await signIn(a.page);
  const pageB = await context.newPage();
  await pageB.setViewportSize(VIEWPORT);
  await pageB.goto(`${app.url}?${QUERY}`);
  await waitForFirstFrame(pageB);
  await signIn(pageB); // each tab holds its own token, in memory

  // The provider holds A's first page for 2.5 s (then drops the connection; A retries).
  await admin('faults', { faults: [{ on: 'completions', kind: 'timeout', delayMs: 2500 }] });
  const runsA = (await status(a.page)).runs;
  await a.page.bringToFront();
  await clickItem(a.page, await pathEnding(a.page, 'Sync now##sync'));
  await a.page.waitForFunction(() => JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], [])).running,
    null, { timeout: 10000, polling: 20 });

  // A goes on in the background (no animation frames there: fetch and storage callbacks, timers).
  await pageB.bringToFront();
  const b = await syncNow(pageB);
  assert.match(b.error, /Another Recert tab is syncing with this provider right now/);
  assert.equal((await activities(pageB)).filter((x) => x.source === 'synced').length, 0, 'B stored nothing');
  assert.equal((await status(a.page)).running, true, 'A is still running');

  await a.page.waitForFunction((runs) => {
    const s = JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], []));
    return !s.running && s.runs > runs;
  }, runsA, { timeout: 60000, polling: 50 });
  const sa = await status(a.page);
  assert.equal(sa.error, '');
  assert.match(sa.result, /30 new/);

  // Now B may sync: everything is already there (A's records reached B through the channel).
  const b2 = await syncNow(pageB);
  assert.equal(b2.error, '');
  assert.match(b2.result, /0 new, 0 updated/);
  const acts = await activities(pageB);
  assertNoDuplicates(acts);
  assert.equal(acts.filter((x) => x.source === 'synced').length, 30);
  assert.deepEqual(a.errors.filter((e) => !/^console\.error: Failed to load resource: .*404 \(Not Found\)$/.test(e)), []);
});
