// Backup and restore in the browser: the ZIP holds manifest.json, log.json and every evidence file
// byte for byte (read back with fflate in node); restoring it elsewhere reproduces the store; the
// plan lists added / updated / unchanged / conflicts; merge and replace; every kind of bad file is
// rejected with a message and zero changes; and all of it works under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, serveWithCsp, guardedContext } from './harness.mjs';
import { serveStoragePage, openStoragePage, evidenceFile, stageFiles, fflate, STORAGE_DIR, sha256, titles } from './storage_helpers.mjs';

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

// Seeds `db` with 2 credentials, `n` activities and 6 evidence files; returns the page.
async function seeded(context, db, n = 30, url = server.url) {
  const page = await openStoragePage(context, url);
  await page.evaluate((db) => stOpen(db), db);
  const refs = await stageFiles(page, 0, Array.from({ length: 6 }, (_, i) => evidenceFile(i)));
  const r = await page.evaluate(({ refs, n }) => stRun({ op: 'seed', s: 0, credentials: 2, activities: n, files: refs, gen: 'A' }), { refs, n });
  assert.equal(r.state, 'ok', r.error);
  return page;
}

async function exportBackup(page, kind = 'zip') {
  const [download, result] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate((kind) => stRun({ op: 'export', s: 0, kind, today: '2025-03-11' }), kind),
  ]);
  assert.equal(result.state, 'ok', result.error);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

const readBackup = (page, name, bytes) => page.evaluate(({ name, bytes }) => stReadBackup(0, name, new Uint8Array(bytes)), { name, bytes: [...bytes] });

test('the backup zip holds manifest.json, log.json and every evidence file byte for byte', async () => {
  const context = await browser.newContext();
  try {
    const page = await seeded(context, 'export');
    const before = await page.evaluate(() => st({ op: 'state', s: 0, today: '2025-03-11' }));
    assert.equal(before.reminder_due, true, 'never backed up: reminder due');
    const { name, bytes } = await exportBackup(page);
    assert.equal(name, 'recert-backup-2025-03-11.zip');
    const zip = fflate.unzipSync(new Uint8Array(bytes));
    const manifest = JSON.parse(Buffer.from(zip['manifest.json']).toString());
    assert.equal(manifest.format, 'recert-backup');
    assert.equal(manifest.version, 1);
    assert.equal(manifest.created, '2025-03-11');
    assert.equal(manifest.files.length, 6);
    assert.deepEqual(Object.keys(zip).sort(), ['log.json', 'manifest.json', ...manifest.files.map((f) => f.path)].sort());
    for (let i = 0; i < 6; i++) {
      const f = evidenceFile(i);
      const entry = manifest.files.find((m) => m.sha256 === f.sha256);
      assert.equal(entry.path, `evidence/${f.sha256}.${i % 2 ? 'pdf' : 'png'}`);
      assert.equal(entry.name, f.name);
      assert.ok(Buffer.from(zip[entry.path]).equals(f.bytes), `${f.name} byte-identical`);
    }
    const log = JSON.parse(Buffer.from(zip['log.json']).toString());
    assert.equal(log.format, 'recert-log');
    assert.equal(Buffer.from(zip['log.json']).toString(), (await page.evaluate(() => st({ op: 'dump', s: 0 }))).log);
    const after = await page.evaluate(() => st({ op: 'state', s: 0, today: '2025-03-11' }));
    assert.equal(after.last_backup, '2025-03-11');
    assert.equal(after.reminder_due, false);
    assert.equal((await page.evaluate(() => st({ op: 'state', s: 0, today: '2025-04-11' }))).reminder_due, true, '31 days later');
    // The JSON-only export is the log alone.
    const json = await exportBackup(page, 'json');
    assert.equal(json.name, 'recert-backup-2025-03-11.json');
    assert.equal(json.bytes.toString(), Buffer.from(zip['log.json']).toString());
  } finally {
    await context.close();
  }
});

test('restoring the zip into an empty store reproduces records and files; restoring again changes nothing', async () => {
  const source = await browser.newContext();
  const target = await browser.newContext();
  try {
    const { bytes } = await exportBackup(await seeded(source, 'source'));
    const page = await openStoragePage(target, server.url);
    await page.evaluate(() => stOpen('target'));
    const read = await readBackup(page, 'backup.zip', bytes);
    assert.equal(read.state, 'ok', read.error);
    const plan = await page.evaluate(() => st({ op: 'plan', s: 0, mode: 'merge' }));
    assert.equal(plan.added.length, 32);
    assert.equal(plan.files_added, 6);
    assert.deepEqual([plan.updated, plan.unchanged, plan.conflicts, plan.removed], [[], [], [], []]);
    assert.equal(plan.created, '2025-03-11');
    assert.equal((await page.evaluate(() => stRun({ op: 'apply_restore', s: 0, mode: 'merge' }))).state, 'ok');
    const log = JSON.parse((await page.evaluate(() => st({ op: 'dump', s: 0 }))).log);
    const original = JSON.parse(Buffer.from(fflate.unzipSync(new Uint8Array(bytes))['log.json']).toString());
    assert.deepEqual(log, original);
    const raw = await page.evaluate(() => rawDump('target'));
    assert.equal(raw.attachments.length, 6);
    for (const a of raw.attachments) assert.equal(a.bytes_sha256, a.sha256);
    assert.equal(await page.evaluate(() => st({ op: 'plan', s: 0 })), null, 'the staged backup is dropped once applied');
    // The same backup again: everything unchanged, nothing to write.
    await readBackup(page, 'backup.zip', bytes);
    const again = await page.evaluate(() => st({ op: 'plan', s: 0, mode: 'merge' }));
    assert.equal(again.unchanged.length, 32);
    assert.equal(again.files_added, 0);
    assert.deepEqual([again.added, again.updated, again.conflicts], [[], [], []]);
  } finally {
    await source.close();
    await target.close();
  }
});

test('merge updates older records, keeps records edited here as conflicts; replace removes the rest', async () => {
  const context = await browser.newContext();
  try {
    const page = await seeded(context, 'merge', 5);
    const { bytes } = await exportBackup(page);
    // After the backup: a000001 edited here twice (rev 3); a000002 deleted; a new a000009 here.
    for (const t of ['here 1', 'here 2']) await page.evaluate((t) => stRun({ op: 'edit', s: 0, id: 'a000001', title: t }), t);
    await page.evaluate(() => stRun({ op: 'delete', s: 0, id: 'a000002' }));
    await page.evaluate(() => stRun({ op: 'seed', s: 0, activities: 1, offset: 9, gen: 'new' }));
    // The backup, edited elsewhere: a000000 at a higher revision, a000001 at rev 2 (conflict).
    const zip = fflate.unzipSync(new Uint8Array(bytes));
    const log = JSON.parse(Buffer.from(zip['log.json']).toString());
    log.activities.find((a) => a.id === 'a000000').rev = 4;
    log.activities.find((a) => a.id === 'a000000').title = 'newer in backup';
    log.activities.find((a) => a.id === 'a000001').rev = 2;
    log.activities.find((a) => a.id === 'a000001').title = 'edited in backup';
    zip['log.json'] = Buffer.from(JSON.stringify(log, null, 2));
    const edited = Buffer.from(fflate.zipSync(zip));
    const before = await page.evaluate(() => rawDump('merge'));

    assert.equal((await readBackup(page, 'edited.zip', edited)).state, 'ok');
    const merge = await page.evaluate(() => st({ op: 'plan', s: 0, mode: 'merge' }));
    assert.deepEqual(merge.updated, ['a000000']);
    assert.deepEqual(merge.added, ['a000002']);
    assert.deepEqual(merge.conflicts, ['a000001']);
    assert.deepEqual(merge.removed, []);
    const replace = await page.evaluate(() => st({ op: 'plan', s: 0, mode: 'replace' }));
    assert.deepEqual(replace.updated.sort(), ['a000000', 'a000001']);
    assert.deepEqual(replace.removed, ['a000009']);
    assert.deepEqual(await page.evaluate(() => rawDump('merge')), before, 'planning writes nothing');

    assert.equal((await page.evaluate(() => stRun({ op: 'apply_restore', s: 0, mode: 'merge' }))).state, 'ok');
    let t = titles((await page.evaluate(() => st({ op: 'dump', s: 0 }))).log);
    assert.deepEqual(t.a000000, [2, 'newer in backup']);
    assert.deepEqual(t.a000001, [3, 'here 2'], 'the conflicting record is kept as it is here');
    assert.ok(t.a000002 && t.a000009);

    assert.equal((await readBackup(page, 'edited.zip', edited)).state, 'ok');
    assert.equal((await page.evaluate(() => stRun({ op: 'apply_restore', s: 0, mode: 'replace' }))).state, 'ok');
    t = titles((await page.evaluate(() => st({ op: 'dump', s: 0 }))).log);
    assert.deepEqual(Object.keys(t).sort(), log.activities.map((a) => a.id).sort());
    assert.deepEqual(t.a000001, [4, 'edited in backup']);
  } finally {
    await context.close();
  }
});

test('bad backup files are rejected with a located message and zero changes to the store', async () => {
  const context = await browser.newContext();
  try {
    const page = await seeded(context, 'garbage', 5);
    const { bytes } = await exportBackup(page);
    const good = fflate.unzipSync(new Uint8Array(bytes));
    const rezip = (entries) => Buffer.from(fflate.zipSync(entries));
    const withLog = (mutate) => {
      const log = JSON.parse(Buffer.from(good['log.json']).toString());
      mutate(log);
      return rezip({ ...good, 'log.json': Buffer.from(JSON.stringify(log)) });
    };
    const withManifest = (mutate) => {
      const m = JSON.parse(Buffer.from(good['manifest.json']).toString());
      mutate(m);
      return rezip({ ...good, 'manifest.json': Buffer.from(JSON.stringify(m)) });
    };
    const evidencePath = Object.keys(good).find((k) => k.startsWith('evidence/'));
    const cases = [
      ['truncated.zip', bytes.subarray(0, Math.floor(bytes.length / 2)), /^truncated\.zip: the ZIP file is damaged or truncated/],
      ['junk.zip', Buffer.concat([Buffer.from('PK'), Buffer.alloc(500, 7)]), /^junk\.zip: the ZIP file is damaged or truncated/],
      ['empty.zip', Buffer.alloc(0), /^empty\.zip: the file is empty$/],
      ['image.zip', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x80, 0x81]), /^image\.zip: the file is not UTF-8 text \(expected a Recert \.zip or \.json backup\)$/],
      ['slip.zip', rezip({ ...good, '../x': Buffer.from('owned') }), /^slip\.zip: entry "\.\.\/x": the path leaves the backup folder$/],
      ['abs.zip', rezip({ ...good, '/etc/cron.d/x': Buffer.from('owned') }), /^abs\.zip: entry "\/etc\/cron\.d\/x": the path is absolute$/],
      ['deep.zip', rezip({ ...good, 'evidence/../../x': Buffer.from('owned') }), /the path leaves the backup folder/],
      ['extra.zip', rezip({ ...good, 'readme.txt': Buffer.from('hi') }), /^extra\.zip: entry "readme\.txt": not part of a Recert backup$/],
      ['nomanifest.zip', rezip({ 'log.json': good['log.json'] }), /manifest\.json is missing/],
      ['version.zip', withManifest((m) => { m.version = 7; }), /^version\.zip: manifest\.json: \/version: unsupported backup version 7 \(this build reads 1\)$/],
      ['logversion.zip', withLog((l) => { l.version = 4; }), /^logversion\.zip: log\.json: \/version: unsupported log version 4/],
      ['amount.zip', withLog((l) => { l.activities[3].amount = '1.234'; }), /^amount\.zip: log\.json: \/activities\/3\/amount: expected a decimal string/],
      ['tampered.zip', rezip({ ...good, [evidencePath]: Buffer.from('%PDF-1.7 not the original') }), /does not match its SHA-256|bytes, manifest\.json says/],
      ['missing.zip', (() => { const z = { ...good }; delete z[evidencePath]; return rezip(z); })(), /listed in manifest\.json but missing/],
      ['badlog.json', Buffer.from('{"format":"recert-log","version":1,"activities":[{"id":"x"'), /^badlog\.json: invalid JSON at byte/],
      ['wrong.json', Buffer.from('{"format":"something","version":1}'), /^wrong\.json: \/format: expected "recert-log"$/],
    ];
    const before = await page.evaluate(() => rawDump('garbage'));
    const committed = (await page.evaluate(() => st({ op: 'dump', s: 0 }))).log;
    for (const [name, data, message] of cases) {
      const r = await readBackup(page, name, data);
      assert.equal(r.state, 'failed', name);
      assert.match(r.error, message, name);
      assert.equal(await page.evaluate(() => st({ op: 'plan', s: 0 })), null, `${name}: nothing staged`);
      const apply = await page.evaluate(() => stRun({ op: 'apply_restore', s: 0 }));
      assert.equal(apply.error, 'No backup is waiting to be restored.');
    }
    assert.deepEqual(await page.evaluate(() => rawDump('garbage')), before, 'zero changes to the store');
    assert.equal((await page.evaluate(() => st({ op: 'dump', s: 0 }))).log, committed);
  } finally {
    await context.close();
  }
});

test('a restore that meets a newer record from another tab fails whole', async () => {
  const context = await browser.newContext();
  try {
    const page = await seeded(context, 'race', 5);
    const { bytes } = await exportBackup(page);
    const zip = fflate.unzipSync(new Uint8Array(bytes));
    const log = JSON.parse(Buffer.from(zip['log.json']).toString());
    for (const a of log.activities) { a.rev = 9; a.title = `restored ${a.id}`; }
    zip['log.json'] = Buffer.from(JSON.stringify(log));
    assert.equal((await readBackup(page, 'b.zip', Buffer.from(fflate.zipSync(zip)))).state, 'ok');
    assert.equal((await page.evaluate(() => st({ op: 'plan', s: 0, mode: 'merge' }))).updated.length, 5);
    // Another tab saves one record after the plan was shown, and its message has not arrived
    // yet (written here with plain IndexedDB, so no broadcast reaches this tab).
    await page.evaluate(async () => {
      const db = await new Promise((res) => { const r = indexedDB.open('race'); r.onsuccess = () => res(r.result); });
      await new Promise((res) => {
        const tx = db.transaction('activities', 'readwrite');
        const os = tx.objectStore('activities');
        os.get('a000004').onsuccess = (e) => {
          const row = e.target.result;
          const rec = JSON.parse(row.json);
          rec.rev = row.rev + 1;
          rec.title = 'other tab';
          os.put({ id: row.id, rev: rec.rev, json: JSON.stringify(rec) });
        };
        tx.oncomplete = res;
      });
      db.close();
    });
    const before = await page.evaluate(() => rawDump('race'));
    const r = await page.evaluate(() => stRun({ op: 'apply_restore', s: 0, mode: 'merge' }));
    assert.equal(r.state, 'failed');
    assert.deepEqual(r.conflicts.map((c) => [c.id, c.expected_rev, c.stored_rev, c.stored_title]), [['a000004', 1, 2, 'other tab']]);
    assert.deepEqual(await page.evaluate(() => rawDump('race')), before, 'nothing of the restore was written');
    assert.ok(await page.evaluate(() => st({ op: 'plan', s: 0, mode: 'merge' })), 'the backup stays staged to try again');
  } finally {
    await context.close();
  }
});

test('a backup of many files (read in one request) holds each byte for byte; a missing file fails it by name', async () => {
  const context = await browser.newContext();
  try {
    // Over 32 files: the export reads the stored rows with one getAll() and all bytes in one read.
    const page = await openStoragePage(context, server.url);
    await page.evaluate(() => stOpen('many'));
    const files = Array.from({ length: 40 }, (_, i) => evidenceFile(100 + i));
    const refs = await stageFiles(page, 0, files);
    const seeded = await page.evaluate((refs) => stRun({ op: 'seed', s: 0, credentials: 1, activities: 80, files: refs, gen: 'M' }), refs);
    assert.equal(seeded.state, 'ok', seeded.error);
    const { bytes } = await exportBackup(page);
    const zip = fflate.unzipSync(new Uint8Array(bytes));
    const manifest = JSON.parse(Buffer.from(zip['manifest.json']).toString());
    assert.equal(manifest.files.length, 40, 'each file once, though two activities carry it');
    for (const f of files) {
      const entry = manifest.files.find((m) => m.sha256 === f.sha256);
      assert.ok(entry && Buffer.from(zip[entry.path]).equals(f.bytes), `${f.name} byte-identical`);
    }
    // One stored file lost (as if the browser evicted it): the export fails and names it.
    const lost = files[17];
    await page.evaluate((sha) => new Promise((res, rej) => {
      const r = indexedDB.open('many');
      r.onsuccess = () => {
        const tx = r.result.transaction('attachments', 'readwrite');
        tx.objectStore('attachments').delete(sha);
        tx.oncomplete = () => { r.result.close(); res(); };
        tx.onabort = () => rej(tx.error);
      };
    }), lost.sha256);
    const before = await page.evaluate(() => st({ op: 'state', s: 0, today: '2025-03-12' }));
    const failed = await page.evaluate(() => stRun({ op: 'export', s: 0, kind: 'zip', today: '2025-03-12' }));
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error, `The backup could not be written (${lost.name} is missing from this device). Nothing was changed.`);
    const after = await page.evaluate(() => st({ op: 'state', s: 0, today: '2025-03-12' }));
    assert.equal(after.last_backup, before.last_backup, 'no backup recorded');
  } finally {
    await context.close();
  }
});

test('export and restore work under the strict CSP with no violation', async () => {
  const csp = await serveWithCsp(STORAGE_DIR);
  const g = await guardedContext(browser);
  try {
    const page = await seeded(g.context, 'csp', 5, csp.url);
    const { bytes } = await exportBackup(page);
    await page.evaluate(() => stOpen('csp-target'));
    const r = await page.evaluate((bytes) => stReadBackup(1, 'b.zip', new Uint8Array(bytes)), [...bytes]);
    assert.equal(r.state, 'ok', r.error);
    assert.equal((await page.evaluate(() => stRun({ op: 'apply_restore', s: 1 }))).state, 'ok');
    assert.equal((await page.evaluate(() => st({ op: 'state', s: 1 }))).activities, 5);
    assert.deepEqual(await g.cspViolations(page), []);
    assert.deepEqual(csp.reports, []);
  } finally {
    await g.context.close();
    await csp.close();
  }
});
