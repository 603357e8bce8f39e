// Browser tests of reports and interchange: CSV import by drag & drop with the mapping step and
// duplicate decisions, malformed CSV / Open Badges files refused with a located error and no change
// to IndexedDB, an Open Badge through the file picker (kept as evidence), the transcript tab (hostile
// text escaped, stylesheet linked), CSV export -> re-import in a fresh profile gives the same records,
// the .ics read by ical.js (events, alarms, stable UIDs), the audit packet ZIP checked by `unzip -t`
// and read back (manifest hashes), finalize / unlock. Screenshots at DPR 1 and 2 in tests/artifacts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ICAL from 'ical.js';
import {
  launchBrowser, serve, openApp, waitForItem, waitForFirstFrame, clickItem, screenshot, ARTIFACTS,
  buildTestDist, serveWithCsp, guardedContext, pixelAt, hex,
} from './harness.mjs';
import { waitForImport } from './ui_helpers.mjs';

const fflate = createRequire(import.meta.url)('fflate');
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

let browser;
let server;
let app; // { context, page, errors } shared by the tests below, in order

before(async () => {
  server = await serve();
  browser = await launchBrowser();
  app = await openApp(browser, server.url);
  await addAcsmCpt(app.page);
});

after(async () => {
  await app?.context.close();
  await browser?.close();
  await server?.close();
});

// [SECTION] Helpers

async function addAcsmCpt(page) {
  await clickItem(page, 'Add credential');
  await clickItem(page, 'Credential/##body');
  await clickItem(page, 'American College of Sports Medicine');
  await clickItem(page, 'Credential/##program');
  await clickItem(page, 'ACSM Certified Personal Trainer');
  await clickItem(page, 'Credential/##certified_on');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('2021-01-01', { delay: 20 });
  await clickItem(page, 'Credential/Save');
  await waitForRecords(page, (r) => r.credentials.length === 1);
}

// Everything IndexedDB holds (what is stored, not what is drawn), sorted by id.
async function records(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('recert');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const out = {};
      const tx = db.transaction(['credentials', 'activities', 'attachments'], 'readonly');
      // Each row is {id, rev, json}: the record in the recert-log format (recert_web.js).
      const parse = (rows) => rows.map((row) => JSON.parse(row.json));
      tx.objectStore('credentials').getAll().onsuccess = (e) => { out.credentials = parse(e.target.result); };
      tx.objectStore('activities').getAll().onsuccess = (e) => { out.activities = parse(e.target.result); };
      tx.objectStore('attachments').getAllKeys().onsuccess = (e) => { out.attachments = e.target.result; };
      tx.oncomplete = () => {
        db.close();
        const byId = (a, b) => (a.id < b.id ? -1 : 1);
        out.credentials.sort(byId);
        out.activities.sort(byId);
        resolve(JSON.parse(JSON.stringify(out)));
      };
    };
  }));
}

async function waitForRecords(page, predicate, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const r = await records(page);
    if (predicate(r)) return r;
    if (Date.now() > deadline) throw new Error(`records never matched: ${JSON.stringify(r).slice(0, 500)}`);
    await page.waitForTimeout(100);
  }
}


// Drops a file on the canvas like a person dragging it from the desktop.
async function dropFile(page, name, text, type = 'text/csv') {
  await page.evaluate(({ name, text, type }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type }));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, text, type });
}

async function reportsMenu(page, item) {
  await clickItem(page, 'Reports');
  await clickItem(page, item);
}

// Clicks a Reports menu item that downloads a file; returns the file's bytes.
async function download(page, item) {
  const [dl] = await Promise.all([page.waitForEvent('download'), reportsMenu(page, item)]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

// ImGui 1.86 tabs have no recorded rectangle: switch views through the embedding protocol's openView.
async function openView(page, view) {
  for (let i = 0; i < 50; i++) {
    const r = await page.evaluate((v) => JSON.parse(window.Module.ccall('recert_embed_command', 'string', ['string'],
      [JSON.stringify({ command: 'openView', args: { view: v } })])), view);
    if (r.ok) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`openView ${view} failed`);
}

async function closeImport(page) {
  await clickItem(page, 'Cancel##import');
  await waitForImport(page, (s) => !s.open);
}

const HOSTILE = '<script>alert(1)</script> Kettlebell basics';
const GENERIC_CSV = [
  'Completion Date,Course Title,Sponsor,Hours,Course #',
  `2025-01-15,"${HOSTILE}",NSCA,2,KB-1`,
  '2025-02-20,"Program design, part 2",ACSM,3.5,PD-2',
  '2025-03-05,Résumé: coaching older adults,ACE,1.25,',
  '2025-03-05,"Résumé: coaching older adults ",ACE,1.25,',
].join('\r\n') + '\r\n';

const BADGE = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:5b1a1f0e-0000-4000-8000-000000000001',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://provider.example/issuers/1', type: ['Profile'], name: 'Example CE Provider' },
  validFrom: '2025-04-02T12:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'], creditsEarned: 4, activityEndDate: '2025-04-01T17:00:00Z',
    achievement: { id: 'https://provider.example/a/1', type: ['Achievement'], name: 'Mobility for lifters', humanCode: 'MOB-4' },
  },
};

// [SECTION] Tests (in order: each builds on the records the previous one left)

test('a CSV dropped on the page shows the mapping, a preview and duplicates, then imports in one commit', async () => {
  const { page } = app;
  await dropFile(page, 'transcript.csv', GENERIC_CSV);
  const s = await waitForImport(page, (x) => x.open && x.rows === 4);
  assert.equal(s.error, '');
  assert.equal(s.duplicates, 1, 'the two identical Résumé rows are suggested as duplicates');
  assert.equal(s.importing, 3);
  await waitForItem(page, 'Import 3 activities');
  await screenshot(page, 'reports-import-dialog-dpr1');
  assert.equal((await records(page)).activities.length, 0, 'nothing stored before the person confirms');
  // The person says the second Résumé row is not a duplicate after all: 4 rows.
  await clickItem(page, 'Not a duplicate: import##keep3');
  await waitForImport(page, (x) => x.importing === 4);
  await clickItem(page, 'Import 4 activities');
  const r = await waitForRecords(page, (x) => x.activities.length === 4);
  const hostile = r.activities.find((a) => a.title === HOSTILE);
  assert.ok(hostile, 'the hostile title is stored as plain text');
  assert.equal(hostile.amount, '2.00');
  assert.equal(hostile.course_number, 'KB-1');
  assert.equal(hostile.source, 'imported');
  assert.deepEqual(app.errors, []);
});

test('malformed CSV and badge files show a located error and change nothing', async () => {
  const { page } = app;
  const before = await records(page);
  const cases = [
    ['unclosed.csv', 'Date,Title,Hours\r\n2025-01-05,"never closed,1\r\n', 'unclosed.csv: line 2, column 2: a quoted field is never closed'],
    ['amount.csv', 'Date,Title,Hours\r\n2025-01-05,Fine,1\r\n2025-01-06,Bad,1.234\r\n', 'amount.csv: line 3, column 3: Credits:'],
    ['formula.csv', 'Date,Title,Hours\r\n2025-01-05,"=HYPERLINK(""http://evil.example"")",1\r\n', 'formula.csv: line 2, column 2: Title: looks like a spreadsheet formula'],
    ['latin1.csv', Buffer.from('Date,Title,Hours\r\n2025-01-05,Caf\xe9,1\r\n', 'latin1'), 'latin1.csv: line 2, character 15: not UTF-8'],
    ['badge.json', JSON.stringify({ ...BADGE, credentialSubject: { ...BADGE.credentialSubject, creditsEarned: '4' } }),
      'badge.json: /credentialSubject/creditsEarned: expected a number of credits, got a string'],
  ];
  for (const [name, text, message] of cases) {
    await dropFile(page, name, typeof text === 'string' ? text : new Uint8Array(text), name.endsWith('.json') ? 'application/json' : 'text/csv');
    const s = await waitForImport(page, (x) => x.open && x.error !== '');
    assert.ok(s.error.startsWith(message), `${name}: ${s.error}`);
    assert.equal(s.rows, 0);
    assert.equal(await page.evaluate(() => window.recertTest.itemRect('Import 1 activity')), null);
    if (name === 'amount.csv') await screenshot(page, 'reports-import-error-dpr1');
    await closeImport(page);
    assert.deepEqual(await records(page), before, `${name} changed the stored records`);
  }
  assert.deepEqual(app.errors, []);
});

test('an Open Badge chosen in the file picker becomes an activity with the badge kept as evidence', async () => {
  const { page } = app;
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), reportsMenu(page, 'Import CSV or Open Badge…')]);
  const badgeBytes = Buffer.from(JSON.stringify(BADGE, null, 2));
  await chooser.setFiles({ name: 'mobility-badge.json', mimeType: 'application/json', buffer: badgeBytes });
  await waitForImport(page, (x) => x.open && x.rows === 1 && x.error === '');
  await clickItem(page, 'Import 1 activity');
  const r = await waitForRecords(page, (x) => x.activities.length === 5);
  const badge = r.activities.find((a) => a.title === 'Mobility for lifters');
  assert.equal(badge.provider, 'Example CE Provider');
  assert.equal(badge.earned, '2025-04-01');
  assert.equal(badge.evidence.length, 1);
  assert.equal(badge.evidence[0].sha256, sha256(badgeBytes));
  assert.ok(r.attachments.includes(sha256(badgeBytes)), 'the badge file is stored');
});

test('Open transcript shows every activity in a new tab with hostile text escaped and the stylesheet linked', async () => {
  const { page, context } = app;
  const [tab] = await Promise.all([context.waitForEvent('page'), reportsMenu(page, 'Open transcript')]);
  await tab.waitForLoadState('load');
  const html = await tab.content();
  assert.equal(await tab.evaluate(() => document.querySelectorAll('script, img').length), 0, 'no markup from user text');
  const rows = await tab.evaluate(() => [...document.querySelectorAll('tbody th[scope=row]')].map((th) => th.textContent));
  assert.ok(rows.includes(HOSTILE), `the hostile title is shown as text: ${rows}`);
  assert.ok(rows.includes('Mobility for lifters'));
  assert.match(html, /<link rel="stylesheet" href="http:\/\/127\.0\.0\.1:\d+\/transcript\.css">/);
  assert.equal(await tab.evaluate(() => getComputedStyle(document.querySelector('caption')).fontWeight), '600', 'transcript.css applied');
  assert.ok(await tab.evaluate(() => document.querySelector('caption').textContent.startsWith('Activities counted for ACSM CPT')));
  await tab.screenshot({ path: path.join(ARTIFACTS, 'reports-transcript-tab.png'), fullPage: true });
  await tab.close();
});

test('the CSV export re-imports into a fresh profile as the same activities', async () => {
  const { page } = app;
  const csv = await download(page, 'Export activities (CSV)');
  assert.match(csv.name, /^recert-activities-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = csv.bytes.toString('utf8');
  assert.ok(text.startsWith('id,earned,reported,title,'));
  assert.ok(text.includes('\r\n'));
  const original = (await records(page)).activities;
  const fresh = await openApp(browser, server.url);
  try {
    await waitForItem(fresh.page, 'Add credential'); // the records are open
    await dropFile(fresh.page, csv.name, text);
    const st = await waitForImport(fresh.page, (x) => x.open && x.rows === original.length && x.error === '');
    await screenshot(fresh.page, 'reports-import-own-export-dpr1');
    // The two Résumé rows the person kept in the first test are suggested again: keep both.
    // (The row's index follows the stored order, which follows the random import ids: find it by name.)
    if (st.importing < original.length) {
      await waitForItem(fresh.page, 'Import 4 activities');
      const keep = (await fresh.page.evaluate(() => window.recertTest.itemPaths())).find((p) => p.includes('Not a duplicate: import##keep'));
      assert.ok(keep, 'the duplicate decision is offered');
      await clickItem(fresh.page, keep);
    }
    await clickItem(fresh.page, `Import ${original.length} activities`);
    const again = (await waitForRecords(fresh.page, (x) => x.activities.length === original.length)).activities;
    // The CSV carries everything but evidence files (they travel in backups and audit packets).
    const strip = (list) => list.map(({ evidence, ...rest }) => rest);
    assert.deepEqual(strip(again), strip(original));
    assert.deepEqual(fresh.errors, []);
  } finally {
    await fresh.context.close();
  }
});

test('the calendar export parses with ical.js: cycle and grace ends with 90/30/7-day alarms and stable UIDs', async () => {
  const { page } = app;
  const first = await download(page, 'Export deadlines calendar (.ics)');
  assert.equal(first.name, 'recert-deadlines.ics');
  const text = first.bytes.toString('utf8');
  assert.ok(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  assert.equal(events.length, 2, 'ACSM CPT: cycle end and grace-period end (no CPR card yet)');
  const end = events.find((e) => /cycle ends/.test(e.summary));
  assert.equal(end.startDate.toString(), '2026-12-31');
  assert.ok(end.startDate.isDate, 'all-day event');
  assert.match(end.uid, /-cycle-end-20240101-20261231@recert\.app$/);
  const grace = events.find((e) => /grace period ends/.test(e.summary));
  assert.ok(grace.startDate.compare(end.startDate) > 0);
  for (const e of events) {
    const triggers = e.component.getAllSubcomponents('valarm').map((a) => a.getFirstPropertyValue('trigger').toString());
    assert.deepEqual(triggers, ['-P90D', '-P30D', '-P7D']);
  }
  const second = await download(page, 'Export deadlines calendar (.ics)');
  const uids = (t) => new ICAL.Component(ICAL.parse(t)).getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));
  assert.deepEqual(uids(second.bytes.toString('utf8')), uids(text), 're-import updates: same UIDs');
});

test('the audit packet flags missing certificates, then passes unzip -t and its manifest hashes match', async () => {
  const { page } = app;
  await openView(page, 'audit');
  await waitForItem(page, 'Prepare audit packet…');
  await screenshot(page, 'reports-audit-view-dpr1');
  await clickItem(page, 'Prepare audit packet…');
  await waitForItem(page, 'Build ZIP without them'); // only the badge has a file
  await screenshot(page, 'reports-audit-packet-dialog-dpr1');
  const [dl] = await Promise.all([page.waitForEvent('download'), clickItem(page, 'Build ZIP without them')]);
  mkdirSync(ARTIFACTS, { recursive: true });
  const zipPath = path.join(ARTIFACTS, 'reports-audit-packet.zip');
  writeFileSync(zipPath, readFileSync(await dl.path()));
  assert.match(dl.suggestedFilename(), /^recert-audit-acsm-cpt-2024-2026\.zip$/);
  const test = execFileSync('unzip', ['-t', zipPath]).toString();
  assert.match(test, /No errors detected/);
  const files = fflate.unzipSync(new Uint8Array(readFileSync(zipPath)));
  const manifest = JSON.parse(Buffer.from(files['manifest.json']).toString('utf8'));
  assert.equal(manifest.format, 'recert-audit-packet');
  assert.deepEqual(Object.keys(files).sort(), [...manifest.files.map((f) => f.path), 'manifest.json'].sort());
  for (const f of manifest.files) assert.equal(sha256(files[f.path]), f.sha256, `${f.path} hash`);
  assert.ok(manifest.files.some((f) => f.path === 'evidence/2025-04-01_mobility-for-lifters.json'));
  const stored = (await records(page)).activities;
  assert.ok(manifest.missing_evidence.length >= 1);
  for (const m of manifest.missing_evidence) assert.deepEqual(stored.find((a) => a.id === m.id).evidence, [], m.title);
  const transcript = Buffer.from(files['transcript.html']).toString('utf8');
  assert.ok(transcript.includes('&lt;script&gt;alert(1)&lt;/script&gt; Kettlebell basics'));
  assert.ok(transcript.includes('<style>'), 'the packet transcript is self-contained');
});

test('a packet that takes a while shows it is being prepared, with Build ZIP disabled, until it is downloaded', async () => {
  const { page } = app;
  await clickItem(page, 'Prepare audit packet…');
  const button = await waitForItem(page, 'Build ZIP without them');
  // The evidence files' bytes are held back until the test lets them through: the job stays under way.
  await page.evaluate(() => {
    const read = Blob.prototype.arrayBuffer;
    window.__releaseReads = [];
    Blob.prototype.arrayBuffer = function () {
      const bytes = read.call(this);
      return new Promise((resolve) => window.__releaseReads.push(() => resolve(bytes)));
    };
    window.__unhold = () => { Blob.prototype.arrayBuffer = read; window.__releaseReads.forEach((f) => f()); };
  });
  // A point on the button's face, clear of its icon and label: hovered, pressed, then the job.
  const face = [Math.round(button.x + 4), Math.round(button.y + button.h / 2)];
  const look = async (name) => hex(pixelAt(await screenshot(page, name), ...face));
  try {
    const downloaded = page.waitForEvent('download', { timeout: 20000 });
    await page.mouse.move(...face);
    await page.waitForTimeout(400);
    const hovered = await look('reports-packet-job-hover');
    await page.mouse.down();
    await page.waitForTimeout(400);
    const pressed = await look('reports-packet-job-pressed');
    await page.mouse.up();
    // No more input: the job's own picture comes by itself (the frame of the click showed the
    // button, not the job, and is not drawn).
    await page.getByText('Preparing the audit packet…').first().waitFor({ state: 'attached', timeout: 5000 });
    await page.waitForFunction(() => window.recertTest.itemRect('Build ZIP without them')?.disabled === true);
    assert.ok(await page.evaluate(() => window.__releaseReads.length) >= 1, 'the files were being read');
    await page.waitForTimeout(500);
    const working = await look('reports-packet-job-working');
    assert.notEqual(working, pressed, `the canvas shows the job, not the pressed button (${pressed})`);
    assert.notEqual(working, hovered, `the canvas shows Build ZIP disabled, not enabled (${hovered})`);
    await page.evaluate(() => window.__unhold());
    const dl = await downloaded;
    assert.match(dl.suggestedFilename(), /^recert-audit-acsm-cpt-2024-2026\.zip$/);
    await page.getByText('Preparing the audit packet…').first().waitFor({ state: 'detached', timeout: 5000 });
  } finally {
    await page.evaluate(() => window.__unhold?.());
  }
});

test('finalize warns, then locks the cycle for imports until an unlock with a recorded reason', async () => {
  const { page } = app;
  await reportsMenu(page, 'Finalize statement…');
  await waitForItem(page, 'Finalize statement##confirm');
  await screenshot(page, 'reports-finalize-dialog-dpr1');
  await clickItem(page, 'Finalize statement##confirm');
  let r = await waitForRecords(page, (x) => x.credentials[0].statements?.length === 1);
  assert.equal(r.credentials[0].statements[0].unlock ?? null, null);
  const before = await records(page);
  await dropFile(page, 'late.csv', 'Date,Title,Hours\r\n2025-06-01,Late course,1\r\n');
  const s = await waitForImport(page, (x) => x.open && x.error !== '');
  assert.match(s.error, /^late\.csv: line 2, column 1: Date earned: The statement for ACSM CPT .* was finalized on/);
  await closeImport(page);
  assert.deepEqual(await records(page), before);
  await reportsMenu(page, 'Finalize statement…');
  await clickItem(page, '##unlockreason');
  await page.keyboard.type('A late certificate arrived', { delay: 15 });
  await clickItem(page, 'Unlock statement');
  r = await waitForRecords(page, (x) => !!x.credentials[0].statements?.[0]?.unlock);
  assert.equal(r.credentials[0].statements[0].unlock.reason, 'A late certificate arrived');
  assert.match(r.credentials[0].statements[0].unlock.on, /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(app.errors, []);
});

test('screenshots at DPR 2: the reports menu, the import dialog and the audit view', async () => {
  const hi = await openApp(browser, server.url, { dpr: 2 });
  try {
    await addAcsmCpt(hi.page);
    await clickItem(hi.page, 'Reports');
    await waitForItem(hi.page, 'Prepare audit packet…');
    await screenshot(hi.page, 'reports-menu-dpr2');
    await hi.page.keyboard.press('Escape');
    await dropFile(hi.page, 'transcript.csv', GENERIC_CSV);
    await waitForImport(hi.page, (x) => x.open && x.rows === 4);
    await waitForItem(hi.page, 'Import 3 activities');
    await screenshot(hi.page, 'reports-import-dialog-dpr2');
    await clickItem(hi.page, 'Import 3 activities');
    await waitForRecords(hi.page, (x) => x.activities.length === 3);
    await openView(hi.page, 'audit');
    await waitForItem(hi.page, 'Prepare audit packet…');
    await screenshot(hi.page, 'reports-audit-view-dpr2');
    await clickItem(app.page, 'Reports');
    await waitForItem(app.page, 'Prepare audit packet…');
    await screenshot(app.page, 'reports-menu-dpr1');
    await app.page.keyboard.press('Escape');
    assert.deepEqual(hi.errors, []);
  } finally {
    await hi.context.close();
  }
});

test('under the deployed CSP the transcript tab loads transcript.css with no violation', async () => {
  const dist = await buildTestDist();
  const site = await serveWithCsp(dist.dir);
  const guard = await guardedContext(browser);
  try {
    const page = await guard.context.newPage();
    await page.goto(`${site.url}?testhooks=1`);
    await waitForFirstFrame(page);
    await waitForItem(page, 'Add credential'); // the records are open
    const [tab] = await Promise.all([guard.context.waitForEvent('page'), reportsMenu(page, 'Open transcript')]);
    await tab.waitForLoadState('load');
    await tab.waitForFunction(() => getComputedStyle(document.querySelector('h1')).fontSize === '25.6px', null, { timeout: 5000 });
    assert.deepEqual(await guard.cspViolations(tab), []);
    assert.deepEqual(await guard.cspViolations(page), []);
    assert.deepEqual(site.reports, []);
    assert.deepEqual(guard.errors, []);
  } finally {
    await guard.context.close();
    await site.close();
  }
});
