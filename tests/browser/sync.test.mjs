// Provider sync in the browser (issue #7): the app on one loopback origin, the reference provider
// (scripts/provider/server.mjs) on another, real sign-in through its PKCE page, real IndexedDB.
// First and incremental sync, revocations, duplicate delivery, an expired cursor, every fault mode,
// self-reports pushed while offline then online — and after each: no duplicate activities, no lost
// self-reports, the local log unchanged by any rejected payload, the error shown. The access token
// must never reach IndexedDB or an export. Screenshots of the sync settings and the incoming items.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, serve, openApp, waitForFirstFrame, clickItem, screenshot } from './harness.mjs';
import {
  env, admin, status, idb, activities, assertNoDuplicates, pathEnding, openSettings, signIn, syncNow, seedLocal,
} from './sync_helpers.mjs';
import { startProvider, seedCompletions } from '../../scripts/provider/server.mjs';

let browser, app, provider;
let ctx; // { context, page, errors }
const QUERY = 'testhooks=1&sync_base_ms=40&sync_timeout_ms=1500&sync_page=100';
// Tall enough that all of Settings › Sync is on screen (ImGui skips recording clipped items).
const VIEWPORT = { width: 1280, height: 1280 };
const self = (i, extra = {}) => ({
  id: `mine-${i}`, rev: 1, earned: `2024-06-${String(10 + i).padStart(2, '0')}`, title: `Self-reported workshop ${i}`,
  provider: 'Local gym', format: 'live', amount: '2.00', unit: 'cec', status: 'posted', source: 'self_reported', ...extra,
});
// A local entry that looks like the provider's c-5 (same course number and date).
const c5 = seedCompletions(5)[4];
const lookalike = self(9, { id: 'mine-lookalike', title: 'Resistance training workshop (my notes)',
  course_number: c5.activity.courseNumber, earned: c5.completedAt, amount: '1.50' });

before(async () => {
  browser = await launchBrowser();
  app = await serve();
  provider = await startProvider({ appOrigins: [new URL(app.url).origin] });
  Object.assign(env, { provider, app });
  ctx = await openApp(browser, app.url, { query: QUERY, viewport: VIEWPORT });
  await openSettings(ctx.page); // the record store has created its database before we add rows to it
  await seedLocal(ctx.page, [self(1), self(2), self(3), lookalike]);
  await ctx.page.reload();
  await waitForFirstFrame(ctx.page);
  await signIn(ctx.page);
});

// Closing must not hang the run when a page or the browser died: each step gets 10 s.
const settle = (p) => Promise.race([Promise.resolve(p).catch(() => {}), new Promise((r) => setTimeout(r, 10000))]);
after(async () => {
  await settle(ctx?.context.close());
  await settle(browser?.close());
  await settle(app?.close());
  await settle(provider?.close());
});

test('first sync brings 200 completions with certificates once; a look-alike waits for review', async () => {
  const { page } = ctx;
  const s = await syncNow(page);
  assert.equal(s.error, '');
  const acts = await activities(page);
  assertNoDuplicates(acts);
  const synced = acts.filter((a) => a.source === 'synced');
  assert.equal(synced.length, 199, 'c-5 is held for review, the other 199 are imported');
  assert.equal(s.held.length, 1);
  assert.equal(s.held[0].id, 'c-5');
  assert.equal(s.held[0].local, lookalike.title);
  assert.ok(synced.every((a) => a.evidence.length === 1 && a.evidence[0].mime === 'application/pdf'));
  const rows = await idb(page);
  assert.equal(rows.attachments.length, 199, 'every certificate stored once');
  const cursor = rows.cursors.find((r) => r.provider === provider.url);
  assert.ok(cursor && JSON.parse(cursor.json).cursor, 'cursor persisted in IndexedDB');
  assert.ok(s.last_synced.endsWith('Z'));
  await screenshot(page, 'sync-settings-dpr1');
});

test('incremental sync fetches only changes; revocations and duplicate delivery never duplicate or delete', async () => {
  const { page } = ctx;
  const before = (await admin('state')).requests.length;
  await admin('add', { count: 5 });
  await admin('update', { id: 'c-1', fields: { activity: { title: 'Exercise and Type 2 Diabetes (2025 edition)' } } });
  await admin('revoke', { ids: ['c-2'] });
  await admin('faults', { faults: [{ kind: 'duplicate', on: 'completions' }] });
  const s = await syncNow(page);
  assert.equal(s.error, '');
  const st = await admin('state');
  const pages = st.requests.slice(before).filter((r) => r.startsWith('GET /completions?'));
  assert.equal(pages.length, 1, 'one page of changes');
  assert.ok(pages[0].includes('cursor='), 'continued from the saved cursor');
  const acts = await activities(page);
  assertNoDuplicates(acts);
  const byExt = Object.fromEntries(acts.filter((a) => a.provider_link).map((a) => [a.provider_link.external_id, a]));
  assert.equal(Object.keys(byExt).length, 204);
  assert.equal(byExt['c-1'].title, 'Exercise and Type 2 Diabetes (2025 edition)');
  assert.equal(byExt['c-1'].rev, 2);
  assert.equal(byExt['c-2'].status, 'rejected', 'revoked by the provider: kept, no longer counted');
  assert.equal(byExt['c-2'].provider_link.status, 'revoked');

  await admin('expire-cursors');
  await admin('add', { count: 1 });
  const s2 = await syncNow(page);
  assert.equal(s2.error, '');
  const after = await activities(page);
  assertNoDuplicates(after);
  assert.equal(after.filter((a) => a.provider_link).length, 205, 'an expired cursor re-fetches without duplicating');
});

test('500s, a timeout and 429 with Retry-After are retried and the sync completes', async () => {
  const { page } = ctx;
  await admin('add', { count: 2 });
  await admin('faults', { faults: [
    { kind: '500', on: 'completions', times: 2 },
    { kind: 'timeout', on: 'completions', delayMs: 2500 },
    { kind: '429', on: 'completions', retryAfter: 1 },
  ] });
  const t0 = Date.now();
  const s = await syncNow(page);
  assert.equal(s.error, '');
  assert.ok(Date.now() - t0 >= 1000, 'Retry-After: 1 was honoured');
  const acts = await activities(page);
  assertNoDuplicates(acts);
  assert.equal(acts.filter((a) => a.provider_link).length, 207);
});

test('rejected payloads change nothing stored and the error is shown in plain words', async () => {
  const { page } = ctx;
  await admin('add', { count: 3 });
  for (const fault of [
    { kind: 'malformed', expect: /could not read.*\/items\/0\/credits\/0\/amount/ },
    { kind: 'truncated', expect: /could not read/ },
    { kind: 'garbage', expect: /could not read/ },
    { kind: '500', times: 5, expect: /HTTP 500.*5 tries/ },
    { kind: '429', retryAfter: 3600, expect: /wait about 60 minutes/ },
  ]) {
    const before = await idb(page);
    await admin('faults', { faults: [{ on: 'completions', ...fault }] });
    const s = await syncNow(page);
    assert.match(s.error, fault.expect, fault.kind);
    const after = await idb(page);
    assert.deepEqual(after.activities, before.activities, `${fault.kind}: the log is unchanged`);
    assert.deepEqual(after.cursors, before.cursors, `${fault.kind}: the cursor is unchanged`);
    assert.deepEqual(after.attachments.length, before.attachments.length);
  }
  await screenshot(page, 'sync-error-dpr1');
  const s = await syncNow(page);
  assert.equal(s.error, '');
  assert.equal((await activities(page)).filter((a) => a.provider_link).length, 210);
});

test('self-reports queued and pushed while offline are sent once online, exactly once', async () => {
  const { page, context } = ctx;
  let s = await status(page);
  assert.equal(s.queueable, 4);
  await clickItem(page, await pathEnding(page, 'Queue for sending##sync'));
  await page.waitForFunction(() => JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], [])).outbox.length === 4);
  assert.equal((await idb(page)).outbox.length, 4, 'the outbox is in IndexedDB');
  await context.setOffline(true);
  s = await syncNow(page);
  assert.match(s.error, /could not reach the provider.*offline/i);
  assert.equal((await idb(page)).outbox.length, 4, 'nothing lost while offline');
  assert.equal((await admin('state')).reports.length, 0);
  await context.setOffline(false);
  // The first push is stored but its answer is lost: the retry must reuse the key.
  await admin('faults', { faults: [{ kind: 'stored-then-500', on: 'self-reports' }] });
  s = await syncNow(page);
  assert.equal(s.error, '');
  const reports = (await admin('state')).reports;
  assert.equal(reports.length, 4, 'four self-reports, none twice');
  assert.deepEqual(reports.map((r) => r.clientRef).sort(), ['mine-1', 'mine-2', 'mine-3', 'mine-lookalike']);
  assert.equal((await idb(page)).outbox.length, 0);
  assert.equal(s.queueable, 0);
});

test('an incoming look-alike is imported or skipped only by the person', async () => {
  const { page } = ctx;
  const before = (await activities(page)).length;
  await screenshot(page, 'sync-incoming-dpr1');
  await clickItem(page, await pathEnding(page, 'Skip##c-5'));
  await page.waitForFunction(() => JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], [])).held.length === 0);
  await admin('update', { id: 'c-5', fields: { activity: { title: 'Changed upstream' } } });
  const s = await syncNow(page);
  assert.equal(s.error, '');
  assert.equal(s.held.length, 0, 'a skipped item is not offered again');
  assert.equal((await activities(page)).length, before);
});

test('the access token never reaches IndexedDB, sessionStorage, localStorage or an export', async () => {
  const { page } = ctx;
  const tokens = [...provider.state.tokens];
  assert.ok(tokens.length >= 1);
  const everything = JSON.stringify(await idb(page));
  const storage = await page.evaluate(() => JSON.stringify({ s: { ...sessionStorage }, l: { ...localStorage } }));
  const download = page.waitForEvent('download');
  await clickItem(page, 'File');
  await clickItem(page, 'Export log only (JSON)');
  const file = await download;
  const exported = readFileSync(await file.path(), 'utf8');
  assert.ok(exported.includes('provider_link'), 'the export holds the synced activities');
  for (const t of tokens) {
    assert.ok(!everything.includes(t), 'token in IndexedDB');
    assert.ok(!storage.includes(t), 'token in web storage');
    assert.ok(!exported.includes(t), 'token in the export');
  }
  assert.deepEqual(ctx.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::/.test(e)), []);
});

test('screenshots at DPR 2: sync settings and the incoming-items list', async () => {
  // Smaller than VIEWPORT: SwiftShader draws DPR 2 frames in software, four times the pixels.
  const hi = await openApp(browser, app.url, { query: QUERY, dpr: 2, viewport: { width: 1100, height: 900 } });
  try {
    await admin('reset', { completions: 30 });
    await openSettings(hi.page);
    await seedLocal(hi.page, [lookalike]);
    await hi.page.reload();
    await waitForFirstFrame(hi.page);
    await signIn(hi.page);
    const s = await syncNow(hi.page);
    assert.equal(s.error, '');
    assert.equal(s.held.length, 1);
    await hi.page.mouse.move(550, 500);
    // The incoming list sits below the fold at this size: scroll until its buttons are drawn.
    for (let i = 0; i < 12 && !(await hi.page.evaluate(() => window.recertTest.itemPaths().some((p) => p.endsWith('Import##c-5')))); i++) {
      await hi.page.mouse.wheel(0, 400);
      await hi.page.waitForTimeout(250);
    }
    await pathEnding(hi.page, 'Import##c-5');
    await hi.page.waitForTimeout(300);
    await screenshot(hi.page, 'sync-incoming-dpr2');
  } finally {
    await hi.context.close();
  }
});

test('a provider that points a certificate at another site gets nothing sent there; that item and an absurd one are held with their reasons, the rest stored', async () => {
  // The second origin records every request it receives (it must receive none).
  const { createServer } = await import('node:http');
  const received = [];
  const thief = createServer((req, res) => {
    received.push({ url: req.url, authorization: req.headers.authorization ?? '' });
    res.writeHead(200, { 'content-type': 'application/pdf', 'access-control-allow-origin': '*' });
    res.end('%PDF-1.7\n');
  });
  await new Promise((r) => thief.listen(0, '127.0.0.1', r));
  const thiefOrigin = `http://localhost:${thief.address().port}`;
  const own = await openApp(browser, app.url, { query: QUERY, viewport: VIEWPORT });
  try {
    await admin('reset', { completions: 10 });
    await admin('update', { id: 'c-3', fields: { certificate: { url: `${thiefOrigin}/steal-cert.pdf`, sha256: 'a'.repeat(64) } } });
    await admin('update', { id: 'c-6', fields: { credits: [{ amount: '99999999999', unit: 'CEC', accreditingBody: 'ACSM', category: 'general' }] } });
    await openSettings(own.page);
    await signIn(own.page);
    const s = await syncNow(own.page);
    assert.deepEqual(received, [], 'nothing, and no token, went to the other site');
    assert.equal(s.error, '', 'the run is not failed by one bad item');
    const held = Object.fromEntries(s.held.map((h) => [h.id, h.local]));
    assert.match(held['c-3'], new RegExp(`certificate is on another site \\(${thiefOrigin.replace(/[.:/]/g, '\\$&')}\\)`));
    assert.match(held['c-6'], /99999999999/);
    const synced = (await activities(own.page)).filter((a) => a.provider_link).map((a) => a.provider_link.external_id).sort();
    assert.deepEqual(synced, ['c-1', 'c-10', 'c-2', 'c-4', 'c-5', 'c-7', 'c-8', 'c-9']);
  } finally {
    await own.context.close();
    await new Promise((r) => thief.close(r));
  }
});
