// The IndexedDB store in headless Chromium, through the storage test page (tests/storage_page):
// everything survives a reload byte for byte, two tabs never lose an update and see conflicts with
// both versions, a full disk fails a save cleanly, damaged stored data is reported and untouched,
// and persist()/estimate() reach the store after the first save.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './harness.mjs';
import { serveStoragePage, openStoragePage, evidenceFile, stageFiles, titles } from './storage_helpers.mjs';

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

const realErrors = (errors) => errors.filter((e) => !/favicon|404 \(Not Found\)/.test(e));

test('credentials and 1,000 activities with evidence survive a reload; files are byte-identical', async () => {
  const context = await browser.newContext();
  const errors = [];
  try {
    let page = await openStoragePage(context, server.url, errors);
    assert.equal((await page.evaluate(() => stOpen('reload'))).load.state, 'ok');
    const files = Array.from({ length: 40 }, (_, i) => evidenceFile(i));
    const refs = await stageFiles(page, 0, files);
    assert.ok(refs.every((r) => r.error === ''), JSON.stringify(refs.filter((r) => r.error)));
    const result = await page.evaluate((refs) => stRun({ op: 'seed', s: 0, credentials: 3, activities: 1000, files: refs, gen: 'A' }), refs);
    assert.equal(result.state, 'ok', result.error);
    const before = (await page.evaluate(() => st({ op: 'dump', s: 0 }))).log;

    await page.reload();
    await page.waitForFunction(() => window.__storagePageReady === true);
    const state = await page.evaluate(() => stOpen('reload'));
    assert.equal(state.load.state, 'ok', state.load.error);
    assert.equal(state.activities, 1000);
    assert.equal(state.credentials, 3);
    const after = (await page.evaluate(() => st({ op: 'dump', s: 0 }))).log;
    assert.equal(after, before, 'the reloaded log is identical to the committed one');
    const parsed = JSON.parse(after);
    assert.ok(parsed.activities.every((a) => a.rev === 1 && a.evidence.length === 1));

    // Every file: stored once (40 distinct for 1,000 references), metadata and bytes exact.
    const raw = await page.evaluate(() => rawDump('reload'));
    assert.equal(raw.attachments.length, 40);
    for (const f of files) {
      const stored = raw.attachments.find((a) => a.sha256 === f.sha256);
      assert.ok(stored, `${f.name} stored`);
      assert.equal(stored.bytes_sha256, f.sha256, `${f.name}: stored bytes hash to the same SHA-256`);
      assert.equal(stored.size, f.bytes.length);
      assert.equal(stored.name, f.name);
      const info = await page.evaluate((sha) => st({ op: 'attachment', s: 0, sha256: sha }), f.sha256);
      assert.deepEqual(info, { sha256: f.sha256, name: f.name, mime: f.name.endsWith('.pdf') ? 'application/pdf' : 'image/png', size: f.bytes.length });
    }
    // A download of a stored file hands the browser the exact bytes under the original name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate((sha) => stRun({ op: 'open_attachment', s: 0, sha256: sha, download: true }), files[3].sha256),
    ]);
    assert.equal(download.suggestedFilename(), files[3].name);
    const { readFileSync } = await import('node:fs');
    assert.ok(readFileSync(await download.path()).equals(files[3].bytes));
    assert.deepEqual(realErrors(errors), []);
  } finally {
    await context.close();
  }
});

test('evidence garbage is rejected with a message naming the file and nothing is stored', async () => {
  const context = await browser.newContext();
  try {
    const page = await openStoragePage(context, server.url);
    await page.evaluate(() => stOpen('garbage-evidence'));
    const r = await page.evaluate(() => [
      stStage(0, 'notes.txt', new TextEncoder().encode('just text')),
      stStage(0, 'empty.pdf', new Uint8Array(0)),
      stStage(0, '../../big.pdf', new Uint8Array(2000).fill(65).map((v, i) => (i < 5 ? '%PDF-'.charCodeAt(i) : v)), 1000),
      stStage(0, 'fake.png', new TextEncoder().encode('GIF89a....')),
    ]);
    assert.deepEqual(r.map((x) => x.error), [
      'notes.txt: not a PDF, PNG, JPEG, HEIC or WebP file',
      'empty.pdf: the file is empty',
      'big.pdf: 2 KB is over the 1 KB limit',
      'fake.png: not a PDF, PNG, JPEG, HEIC or WebP file',
    ]);
    // A commit naming a file that was never staged fails whole: the activity is not written either.
    const fail = await page.evaluate(() => stRun({ op: 'seed', s: 0, activities: 1, files: [{ sha256: 'e'.repeat(64), name: 'ghost.pdf', mime: 'application/pdf' }] }));
    assert.equal(fail.state, 'failed');
    assert.equal(fail.error, 'ghost.pdf: the file is no longer available; attach it again');
    const raw = await page.evaluate(() => rawDump('garbage-evidence'));
    assert.equal(raw.activities.length, 0);
    assert.equal(raw.attachments.length, 0);
  } finally {
    await context.close();
  }
});

test('two pages editing: no lost update, remote changes reloaded, a conflict shows both versions', async () => {
  const context = await browser.newContext();
  const errors = [];
  try {
    const a = await openStoragePage(context, server.url, errors);
    const b = await openStoragePage(context, server.url, errors);
    await a.evaluate(() => stOpen('tabs'));
    assert.equal((await a.evaluate(() => stRun({ op: 'seed', s: 0, activities: 3, credentials: 1, gen: '0' }))).state, 'ok');
    await b.evaluate(() => stOpen('tabs'));

    // Different records in each tab: both kept, and each tab sees the other's edit.
    assert.equal((await a.evaluate(() => stRun({ op: 'edit', s: 0, id: 'a000000', title: 'edited in A' }))).state, 'ok');
    assert.equal((await b.evaluate(() => stRun({ op: 'edit', s: 0, id: 'a000001', title: 'edited in B' }))).state, 'ok');
    await a.waitForFunction(() => st({ op: 'titles', s: 0 }).a000001[1] === 'edited in B');
    await b.waitForFunction(() => st({ op: 'titles', s: 0 }).a000000[1] === 'edited in A');

    // The same record: B saves first; A, still at revision 1, gets a conflict with both versions.
    assert.equal((await b.evaluate(() => stRun({ op: 'edit', s: 0, id: 'a000002', title: 'B wins the race' }))).state, 'ok');
    const conflict = await a.evaluate(() => stRun({ op: 'edit', s: 0, id: 'a000002', title: 'A was late', rev: 1 }));
    assert.equal(conflict.state, 'failed');
    assert.match(conflict.error, /changed in another tab/);
    assert.deepEqual(conflict.conflicts, [{ kind: 'activity', id: 'a000002', expected_rev: 1, stored_rev: 2,
                                             stored_title: 'B wins the race', attempted_title: 'A was late' }]);
    // The same for a credential.
    assert.equal((await b.evaluate(() => stRun({ op: 'edit', s: 0, kind: 'credential', id: 'c0', id_number: 'B-1' }))).state, 'ok');
    const cc = await a.evaluate(() => stRun({ op: 'edit', s: 0, kind: 'credential', id: 'c0', id_number: 'A-1', rev: 1 }));
    assert.deepEqual(cc.conflicts.map((c) => [c.kind, c.stored_id_number, c.attempted_id_number]), [['credential', 'B-1', 'A-1']]);
    // Two tabs creating the same new record (written with add(), no read first): the second is a
    // conflict too, with the stored version read back for the dialog.
    assert.equal((await b.evaluate(() => stRun({ op: 'edit', s: 0, id: 'n1', title: 'B created it', rev: 0 }))).state, 'ok');
    const created = await a.evaluate(() => stRun({ op: 'edit', s: 0, id: 'n1', title: 'A created it too', rev: 0 }));
    assert.equal(created.state, 'failed');
    assert.deepEqual(created.conflicts, [{ kind: 'activity', id: 'n1', expected_rev: 0, stored_rev: 1,
                                            stored_title: 'B created it', attempted_title: 'A created it too' }]);

    // Once A has B's version (reloaded through the channel), A's next edit goes through.
    await a.waitForFunction(() => st({ op: 'titles', s: 0 }).a000002[0] === 2);
    assert.equal((await a.evaluate(() => stRun({ op: 'edit', s: 0, id: 'a000002', title: 'A after review' }))).state, 'ok');
    await b.waitForFunction(() => st({ op: 'titles', s: 0 }).a000002[1] === 'A after review');
    // A delete in one tab disappears from the other.
    assert.equal((await b.evaluate(() => stRun({ op: 'delete', s: 0, id: 'a000000' }))).state, 'ok');
    await a.waitForFunction(() => !('a000000' in st({ op: 'titles', s: 0 })));

    // Both tabs agree with each other and with the database.
    const da = titles((await a.evaluate(() => st({ op: 'dump', s: 0 }))).log);
    const db = titles((await b.evaluate(() => st({ op: 'dump', s: 0 }))).log);
    const raw = await a.evaluate(() => rawDump('tabs'));
    assert.deepEqual(da, db);
    assert.deepEqual(da, Object.fromEntries(raw.activities.map((r) => [r.id, [r.rev, JSON.parse(r.json).title]])));
    assert.deepEqual(da, { a000001: [2, 'edited in B'], a000002: [3, 'A after review'], n1: [1, 'B created it'] });
    assert.deepEqual(realErrors(errors), []);
  } finally {
    await context.close();
  }
});

test('quota exceeded: the save fails with a plain message and nothing changes', async () => {
  const context = await browser.newContext();
  try {
    const page = await openStoragePage(context, server.url);
    // Chrome applies a quota override to databases opened after it: set it first.
    const cdp = await context.newCDPSession(page);
    const origin = new URL(server.url).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 500 * 1024 });
    await page.evaluate(() => stOpen('quota'));
    assert.equal((await page.evaluate(() => stRun({ op: 'seed', s: 0, activities: 20, gen: 'kept' }))).state, 'ok');
    const before = await page.evaluate(() => rawDump('quota'));
    const committed = (await page.evaluate(() => st({ op: 'dump', s: 0 }))).log;

    const bigFile = () => {
      const b = new Uint8Array(3e6);
      b.set(new TextEncoder().encode('%PDF-1.7'));
      for (let i = 8; i < b.length; i++) b[i] = (i * 7919) & 255;
      return stStage(0, 'big.pdf', b);
    };
    const ref = await page.evaluate(bigFile);
    assert.equal(ref.error, '');
    const r = await page.evaluate((ref) => stRun({ op: 'seed', s: 0, activities: 20, gen: 'lost', files: [ref] }), ref);
    assert.equal(r.state, 'failed');
    assert.equal(r.error, "Your browser's storage for Recert is full. Nothing was saved: free some disk space or " +
                          'remove large evidence files, then save again.');
    assert.equal((await page.evaluate(() => st({ op: 'dump', s: 0 }))).log, committed, 'in-memory state is the last committed one');
    const afterRaw = await page.evaluate(() => rawDump('quota'));
    assert.deepEqual(afterRaw.activities, before.activities);
    assert.equal(afterRaw.attachments.length, 0);
    // Smaller edits still save while the disk is "full" of other things.
    assert.equal((await page.evaluate(() => stRun({ op: 'edit', s: 0, id: 'a000001', title: 'small edit' }))).state, 'ok');

    // With room again (a new session), the same save goes through: nothing was left half-written.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.reload();
    await page.waitForFunction(() => window.__storagePageReady === true);
    assert.equal((await page.evaluate(() => stOpen('quota'))).activities, 20);
    const again = await page.evaluate(bigFile);
    const ok = await page.evaluate((ref) => stRun({ op: 'seed', s: 0, activities: 20, gen: 'later', files: [ref] }), again);
    assert.equal(ok.state, 'ok', ok.error);
  } finally {
    await context.close();
  }
});

test('after the first save the store asks for persistence and reports usage and quota', async () => {
  const context = await browser.newContext();
  try {
    const page = await openStoragePage(context, server.url);
    await page.evaluate(() => stOpen('persist'));
    assert.equal((await page.evaluate(() => stRun({ op: 'seed', s: 0, activities: 5 }))).state, 'ok');
    const state = await page.waitForFunction(() => {
      const s = st({ op: 'state', s: 0 });
      return s.estimate.known && s.estimate.persist_requested ? s : null;
    }).then((h) => h.jsonValue());
    assert.ok(state.estimate.quota > 0);
    assert.ok(state.estimate.usage > 0);
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    assert.equal(state.estimate.persistent, persisted);
    assert.equal(state.estimate.best_effort, !persisted);
  } finally {
    await context.close();
  }
});

test('damaged stored records are reported with their id and left untouched', async () => {
  const context = await browser.newContext();
  try {
    let page = await openStoragePage(context, server.url);
    await page.evaluate(() => stOpen('damaged'));
    assert.equal((await page.evaluate(() => stRun({ op: 'seed', s: 0, activities: 5 }))).state, 'ok');
    const cases = [
      // [what to write into the activities store, expected message fragment]
      [{ id: 'a000003', rev: 1, json: '{"id":"a000003","rev":1,"title":"x"}' }, /stored activity "a000003": \/earned: missing required field/],
      [{ id: 'a000003', rev: 1, json: '{"id":"a000003",' }, /Recert could not read its saved data/],
      [{ id: 'a000003', rev: 1 }, /stored activity #3 \("a000003"\) is damaged: expected \{id, rev, json\}/],
      [{ id: 'a000003', rev: 1, json: 'ACTIVITY' }, /Recert could not read its saved data/],
      [{ id: 'a000003', rev: 9, json: null }, /is damaged/],
    ];
    const good = await page.evaluate(() => rawDump('damaged'));
    const original = good.activities.find((r) => r.id === 'a000003');
    for (const [row, message] of cases) {
      // Injection: a row whose text holds two records must not add one.
      await page.evaluate(async (row) => {
        const db = await new Promise((res) => { const r = indexedDB.open('damaged'); r.onsuccess = () => res(r.result); });
        await new Promise((res) => { const tx = db.transaction('activities', 'readwrite'); tx.objectStore('activities').put(row); tx.oncomplete = res; });
        db.close();
      }, row);
      await page.reload();
      await page.waitForFunction(() => window.__storagePageReady === true);
      const before = await page.evaluate(() => rawDump('damaged'));
      const state = await page.evaluate(() => stOpen('damaged'));
      assert.equal(state.load.state, 'failed', JSON.stringify(row));
      assert.match(state.load.error, message);
      assert.match(state.load.error, /Nothing was changed/);
      const w = await page.evaluate(() => stRun({ op: 'edit', s: 0, id: 'a000001', title: 'must not be written' }));
      assert.equal(w.state, 'failed');
      assert.deepEqual(await page.evaluate(() => rawDump('damaged')), before, 'zero changes to the store');
    }
    // A row that smuggles a second record into its text, or holds another id, is caught too.
    for (const json of [original.json.replace(/}$/, '') + '},' + original.json.replace('a000003', 'a000099'),
                        original.json.replace('a000003', 'a000004')]) {
      await page.evaluate(async (row) => {
        const db = await new Promise((res) => { const r = indexedDB.open('damaged'); r.onsuccess = () => res(r.result); });
        await new Promise((res) => { const tx = db.transaction('activities', 'readwrite'); tx.objectStore('activities').put(row); tx.oncomplete = res; });
        db.close();
      }, { ...original, json });
      await page.reload();
      await page.waitForFunction(() => window.__storagePageReady === true);
      const state = await page.evaluate(() => stOpen('damaged'));
      assert.equal(state.load.state, 'failed');
      assert.match(state.load.error, /damaged data|Recert could not read/);
    }
  } finally {
    await context.close();
  }
});
