// Schema migrations: a database written by schema version 1 (fixtures/storage/v1.json) opens as
// the current schema with every record, setting and file preserved and the v1 data kept; a failed
// migration leaves version 1 untouched; upgrades blocked by another tab, and upgrades made by
// another tab, are told to the person.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, ROOT } from './harness.mjs';
import { serveStoragePage, openStoragePage } from './storage_helpers.mjs';

const V1 = JSON.parse(readFileSync(path.join(ROOT, 'tests/browser/fixtures/storage/v1.json'), 'utf8'));

let browser;
let server;

before(async () => {
  server = await serveStoragePage();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Writes the v1 fixture with plain IndexedDB (as the v1 app did). keepOpen: leave the connection
// open (and deaf to versionchange), as an old tab would.
async function writeV1(page, dbName, fixture, keepOpen = false) {
  await page.evaluate(({ dbName, fixture, keepOpen }) => new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('log');
      req.result.createObjectStore('files', { keyPath: 'sha256' });
    };
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['log', 'files'], 'readwrite');
      tx.objectStore('log').put({ json: fixture.log.json }, fixture.log.key);
      for (const f of fixture.files) {
        const bytes = Uint8Array.from(atob(f.bytes_base64), (c) => c.charCodeAt(0)).buffer;
        tx.objectStore('files').put({ sha256: f.sha256, name: f.name, mime: f.mime, bytes });
      }
      tx.oncomplete = () => { if (keepOpen) window.__v1db = db; else db.close(); resolve(); };
      tx.onabort = () => reject(tx.error);
    };
  }), { dbName, fixture, keepOpen });
}

test('a version 1 database migrates with every record, setting and file preserved', async () => {
  const context = await browser.newContext();
  try {
    const page = await openStoragePage(context, server.url);
    await writeV1(page, 'migrate', V1);
    const state = await page.evaluate(() => stOpen('migrate'));
    assert.equal(state.load.state, 'ok', state.load.error);
    const v1log = JSON.parse(V1.log.json);
    const log = JSON.parse((await page.evaluate(() => st({ op: 'dump', s: 0 }))).log);
    assert.equal(log.credentials.length, v1log.credentials.length);
    assert.equal(log.activities.length, v1log.activities.length);
    assert.deepEqual(log.person, v1log.person);
    assert.deepEqual(log.settings, v1log.settings);
    for (const want of v1log.activities) {
      const got = log.activities.find((a) => a.id === want.id);
      assert.ok(got, want.id);
      for (const [k, v] of Object.entries(want)) assert.deepEqual(got[k], k === 'amount' ? Number(v).toFixed(2) : v, `${want.id}.${k}`);
      assert.equal(got.rev, want.rev ?? 1);
    }
    for (const want of v1log.credentials) {
      const got = log.credentials.find((c) => c.id === want.id);
      assert.equal(got.rev, want.rev ?? 1);
      assert.deepEqual(got.cycle, want.cycle);
      assert.equal(got.id_number, want.id_number ?? '');
    }
    const raw = await page.evaluate(() => rawDump('migrate'));
    assert.equal(raw.version, 2);
    assert.deepEqual(raw.meta.find((m) => m.key === 'schema'), { key: 'schema', version: 2 });
    for (const f of V1.files) {
      const stored = raw.attachments.find((a) => a.sha256 === f.sha256);
      assert.equal(stored.bytes_sha256, f.sha256, `${f.name} byte-identical`);
      assert.equal(stored.mime, f.mime);
    }
    // The v1 data is kept next to the new stores.
    assert.ok(raw.stores.includes('v1_log') && raw.stores.includes('v1_files'));
    assert.equal(raw.v1_log[0].json, V1.log.json);
    // The migrated store works: an edit of a migrated record is compare-and-set on its revision.
    const edit = await page.evaluate(() => stRun({ op: 'edit', s: 0, id: 'act-3', title: 'edited after migration' }));
    assert.equal(edit.state, 'ok');
    assert.equal(JSON.parse((await page.evaluate(() => st({ op: 'dump', s: 0 }))).log).activities.find((a) => a.id === 'act-3').rev, 8);
  } finally {
    await context.close();
  }
});

test('a migration that cannot complete leaves version 1 untouched', async () => {
  const context = await browser.newContext();
  try {
    const page = await openStoragePage(context, server.url);
    const broken = { ...V1, log: { key: 'current', json: '{"format":"recert-log","version":1,"activities":[' } };
    await writeV1(page, 'migrate-bad', broken);
    const state = await page.evaluate(() => stOpen('migrate-bad'));
    assert.equal(state.load.state, 'failed');
    assert.match(state.load.error, /could not open its saved data .*Nothing was changed/);
    const raw = await page.evaluate(() => rawDump('migrate-bad'));
    assert.equal(raw.version, 1);
    assert.deepEqual(raw.stores.sort(), ['files', 'log']);
    assert.equal(raw.log[0].json, broken.log.json);
  } finally {
    await context.close();
  }
});

test('an upgrade blocked by an old tab is explained, then completes when that tab lets go', async () => {
  const context = await browser.newContext();
  try {
    const old = await openStoragePage(context, server.url);
    await writeV1(old, 'blocked', V1, true); // the old tab keeps its v1 connection open
    const page = await openStoragePage(context, server.url);
    await page.evaluate(() => { st({ op: 'open', db: 'blocked' }); });
    const notice = await page.waitForFunction(() => st({ op: 'state', s: 0 }).notice || null).then((h) => h.jsonValue());
    assert.match(notice, /Close the other Recert tabs/);
    assert.equal((await page.evaluate(() => st({ op: 'state', s: 0 }))).load.state, 'pending');
    await old.evaluate(() => window.__v1db.close());
    await page.waitForFunction(() => st({ op: 'state', s: 0 }).load.state === 'ok');
    const state = await page.evaluate(() => st({ op: 'state', s: 0 }));
    assert.equal(state.activities, 3);
    assert.equal(state.notice, '');
  } finally {
    await context.close();
  }
});

test('an upgrade in another tab closes this connection and asks for a reload; saves then fail', async () => {
  const context = await browser.newContext();
  try {
    const page = await openStoragePage(context, server.url);
    await page.evaluate(() => stOpen('upgraded'));
    const other = await openStoragePage(context, server.url);
    // A newer version of the app opens the database at a higher version.
    await other.evaluate(() => new Promise((res) => { const r = indexedDB.open('upgraded', 3); r.onsuccess = () => { r.result.close(); res(); }; }));
    const state = await page.waitForFunction(() => { const s = st({ op: 'state', s: 0 }); return s.needs_reload ? s : null; }).then((h) => h.jsonValue());
    assert.match(state.notice, /updated in another tab\. Reload this tab/);
    const w = await page.evaluate(() => stRun({ op: 'edit', s: 0, id: 'x', title: 'late' }));
    assert.equal(w.state, 'failed');
    assert.match(w.error, /Reload this tab/);
    // And this (older) version refuses the newer database instead of misreading it.
    const again = await page.evaluate(() => stOpen('upgraded'));
    assert.equal(again.load.state, 'failed');
    assert.match(again.load.error, /newer version of Recert/);
  } finally {
    await context.close();
  }
});
