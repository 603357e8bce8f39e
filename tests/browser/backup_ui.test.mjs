// Browser tests of backups in the dashboard: export from Settings, restore through the file
// picker with its summary (merge, then replace behind a confirmation), damaged and hostile
// backups refused with a located message and no change, the 30-day reminder banner, and two
// tabs saving the same record (both versions shown; the person chooses). Screenshots:
// tests/artifacts/backup-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { ROOT, launchBrowser, serve, openApp, waitForFirstFrame, waitForItem, waitForItemGone, clickItem, screenshot } from './harness.mjs';
import {
  findPath, click, clickVisible, typeInto, openView, appState, waitForState, addActivityByCommand,
  openActivitiesTab, waitForRows,
} from './ui_helpers.mjs';

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

const course = (title, earned = '2025-02-01', amount = '2') => ({ title, provider: 'ACSM', earned, amount });

// Clicks a Settings button and returns the download it starts: { name, bytes }.
async function exportFromSettings(page, label) {
  await openView(page, 'settings');
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, (p) => p.endsWith(label))]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

// Opens Settings → Restore backup… and hands the file chooser `file` ({name, mimeType, buffer}).
async function restoreFile(page, file) {
  await openView(page, 'settings');
  const chooser = page.waitForEvent('filechooser');
  await click(page, (p) => p.endsWith('Restore backup…') && !p.includes('##Menu'));
  await (await chooser).setFiles(file);
  return waitForState(page, (s) => s.restore.stage === 'summary');
}

test('restore a ZIP backup: summary, merge or replace behind a confirmation; kept after reload', async () => {
  const a = await openApp(browser, server.url);
  const b = await openApp(browser, server.url);
  try {
    // Device A: three activities, exported as a ZIP from Settings.
    for (const t of ['Program design', 'Nutrition for coaches', 'Ünterricht & Übungen']) {
      await addActivityByCommand(a.page, course(t));
    }
    await waitForState(a.page, (s) => s.activities === 3);
    const zip = await exportFromSettings(a.page, 'Export backup (ZIP)');
    assert.match(zip.name, /^recert-backup-\d{4}-\d{2}-\d{2}\.zip$/);

    // Device B (another browser profile): one record of its own, then the restore.
    await addActivityByCommand(b.page, course('Only on this device', '2025-01-05', '1'));
    await waitForState(b.page, (s) => s.activities === 1);
    let st = await restoreFile(b.page, { name: zip.name, mimeType: 'application/zip', buffer: zip.bytes });
    assert.equal(st.restore.error, '');
    assert.equal(st.restore.file, zip.name);
    assert.deepEqual([...st.restore.added].sort(), ['Nutrition for coaches', 'Program design', 'Ünterricht & Übungen']);
    assert.deepEqual(st.restore.removed, []);
    assert.equal(st.activities, 1, 'nothing is written before the person confirms');
    await b.page.waitForTimeout(200);
    await screenshot(b.page, 'backup-restore-merge');

    // Replace: lists what would be removed and needs the confirmation first.
    await clickItem(b.page, 'Restore backup/Replace');
    st = await waitForState(b.page, (s) => s.restore.replace && s.restore.removed.length === 1);
    assert.deepEqual(st.restore.removed, ['Only on this device']);
    const go = await waitForItem(b.page, 'Restore backup/Replace everything');
    assert.equal(go.disabled, true, 'Replace is disabled until confirmed');
    await click(b.page, (p) => p.includes('##confirm_replace'));
    await b.page.waitForTimeout(150);
    await screenshot(b.page, 'backup-restore-replace');
    await clickItem(b.page, 'Restore backup/Replace everything');
    st = await waitForState(b.page, (s) => s.restore.stage === 'closed' && s.activities === 3);
    assert.equal(st.toasts.at(-1).text, 'Backup restored: 3 added, 0 updated, 1 removed');

    // Reload: the restored records are what is stored.
    await b.page.reload();
    await waitForFirstFrame(b.page);
    st = await waitForState(b.page, (s) => s.loaded);
    assert.equal(st.activities, 3);
    await openActivitiesTab(b.page);
    await waitForRows(b.page, (rows) => rows.length === 3 && rows.includes('Ünterricht & Übungen'));
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('damaged, hostile and foreign backups are refused with the place named; nothing changes', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await addActivityByCommand(page, course('Keep me'));
    await waitForState(page, (s) => s.activities === 1);
    // fflate is fetched when a ZIP is first written: unreachable, the export says so and no file is
    // offered; reachable again, the same button works.
    await page.route('**/fflate.js', (r) => r.abort());
    let offered = false;
    page.once('download', () => { offered = true; });
    await openView(page, 'settings');
    await click(page, (p) => p.endsWith('Export backup (ZIP)'));
    const failed = await waitForState(page, (s) => s.toasts.some((t) => t.error));
    assert.match(failed.toasts.find((t) => t.error).text, /could not be written \(the ZIP library \(fflate\.js\) could not be fetched; check the connection and try again\)/);
    assert.equal(offered, false, 'no file offered');
    assert.equal(failed.lastBackup, '', 'not recorded as backed up');
    await page.unroute('**/fflate.js');
    // The browser logs the blocked fetch; that one console error is expected.
    assert.deepEqual(errors.splice(0), ['console.error: Failed to load resource: net::ERR_FAILED']);
    const good = await exportFromSettings(page, 'Export backup (ZIP)');
    assert.equal(good.bytes.subarray(0, 2).toString(), 'PK');
    const bad = [
      { name: 'truncated.zip', mimeType: 'application/zip', buffer: good.bytes.subarray(0, 120), expect: /truncated\.zip/ },
      {
        name: 'escape.zip', mimeType: 'application/zip',
        buffer: Buffer.from(zipSync({ 'manifest.json': strToU8('{}'), 'log.json': strToU8('{}'), '../x': strToU8('x') })),
        expect: /escape\.zip: .*\.\.\/x/,
      },
      { name: 'future.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"recert-log","version":7}'), expect: /future\.json: .*version/ },
      { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"activities": [ {"id": 1'), expect: /notes\.json/ },
      { name: 'photo.zip', mimeType: 'application/zip', buffer: Buffer.from('\x89PNG\r\n\x1a\n not a zip'), expect: /photo\.zip/ },
    ];
    for (const file of bad) {
      const st = await restoreFile(page, file);
      assert.match(st.restore.error, file.expect, `${file.name}: ${st.restore.error}`);
      assert.equal(st.restore.added.length, 0);
      if (file.name === 'escape.zip') await screenshot(page, 'backup-restore-refused');
      await clickItem(page, 'Restore backup/Close');
      await waitForState(page, (s) => s.restore.stage === 'closed');
      assert.equal((await appState(page)).activities, 1, `${file.name} changed nothing`);
    }
    await page.reload();
    await waitForFirstFrame(page);
    const st = await waitForState(page, (s) => s.loaded);
    assert.equal(st.activities, 1, 'still one record after a reload');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the backup reminder shows until a backup is exported', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    let st = await waitForState(page, (s) => s.loaded);
    assert.equal(st.backupReminder, false, 'nothing to lose yet: no reminder');
    await addActivityByCommand(page, course('Program design'));
    st = await waitForState(page, (s) => s.activities === 1);
    assert.equal(st.backupReminder, true);
    await openView(page, 'dashboard');
    const exportButton = await findPath(page, (p) => p.includes('backup_reminder') && p.endsWith('Export backup'));
    await page.waitForTimeout(150);
    await screenshot(page, 'backup-reminder');
    const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, exportButton)]);
    assert.match(download.suggestedFilename(), /\.zip$/);
    st = await waitForState(page, (s) => !s.backupReminder && s.lastBackup !== '');
    await waitForItemGone(page, exportButton);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('two tabs save the same activity: the second sees both versions and chooses', async () => {
  const { context, page: a, errors } = await openApp(browser, server.url);
  try {
    await addActivityByCommand(a, course('Shared course'));
    await waitForState(a, (s) => s.activities === 1);
    const b = await context.newPage();
    const errorsB = [];
    b.on('pageerror', (e) => errorsB.push(e.message));
    await b.goto(`${server.url}?testhooks=1`);
    await waitForFirstFrame(b);
    await waitForState(b, (s) => s.activities === 1);

    // Both open the edit form on the same revision.
    // Two tabs of one browser: only the tab in front draws frames, so bring each forward first.
    for (const page of [a, b]) {
      await page.bringToFront();
      await openActivitiesTab(page);
      await click(page, (p) => p.includes('Shared course###row'));
      await click(page, (p) => p.includes('/details_') && p.endsWith('###Edit'));
      await waitForItem(page, 'Activity/##title');
    }
    // Tab A saves a new title first.
    await a.bringToFront();
    await typeInto(a, 'Activity/##title', 'Renamed in tab A');
    await clickVisible(a, 'Activity/Save');
    await waitForItemGone(a, 'Activity/Save', 8000);
    // Tab B, still on the old revision, changes the credits and saves: a conflict, nothing lost.
    await b.bringToFront();
    await typeInto(b, 'Activity/##amount', '3.5');
    await clickVisible(b, 'Activity/Save');
    let st = await waitForState(b, (s) => s.conflict.open);
    const diff = st.conflict.records[0];
    assert.equal(diff.kind, 'Activity');
    const byField = Object.fromEntries(diff.fields.map((f) => [f.field, f]));
    assert.equal(byField.Title.a, 'Shared course');
    assert.equal(byField.Title.b, 'Renamed in tab A');
    assert.equal(byField.Credits.a, '3.5 CEC');
    assert.equal(byField.Credits.b, '2 CEC');
    await b.waitForTimeout(150);
    await screenshot(b, 'backup-conflict');
    // The conflict dialog meets WCAG 2.x A/AA for a screen reader too (axe-core, pinned).
    await b.getByRole('dialog', { name: 'Changed in another tab' }).waitFor({ state: 'attached', timeout: 5000 });
    await b.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
    const violations = await b.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
      .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 80)).join(' | ')}`)));
    assert.deepEqual(violations, []);

    await click(b, (p) => p.endsWith('Keep my version'));
    st = await waitForState(b, (s) => !s.conflict.open && s.toasts.some((t) => t.text === 'Saved your version'));
    // Tab A hears of the change and shows tab B's version (the person chose it).
    await a.bringToFront();
    await waitForRows(a, (rows) => rows.length === 1 && rows[0] === 'Shared course');
    const summary = await a.evaluate(() => JSON.parse(window.Module.ccall('recert_embed_command', 'string', ['string'],
      [JSON.stringify({ command: 'getSummary' })])));
    assert.equal(summary.result.activityCount, 1, 'no duplicate was created');
    assert.deepEqual(errors, []);
    assert.deepEqual(errorsB, []);
  } finally {
    await context.close();
  }
});

test('a full disk: the save is refused in plain words, the form keeps what was typed, nothing is stored', async () => {
  // Chrome applies a quota override to databases opened after it: set it before the app starts.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin, quotaSize: 400 * 1024 });
  try {
    await page.goto(`${server.url}?testhooks=1`);
    await waitForFirstFrame(page);
    await addActivityByCommand(page, course('Small and kept'));
    await waitForState(page, (s) => s.activities === 1 && !s.busy);

    await openActivitiesTab(page);
    await click(page, (p) => p.includes('Add activity') && !p.startsWith('Activity/'));
    await waitForItem(page, 'Activity/##title');
    await typeInto(page, 'Activity/##title', 'Course with a huge certificate');
    await typeInto(page, 'Activity/##provider', 'NSCA');
    await typeInto(page, 'Activity/##amount', '2');
    const big = Buffer.alloc(3_000_000);
    big.write('%PDF-1.7\n');
    for (let i = 9; i < big.length; i++) big[i] = (i * 7919) & 255;
    const chooser = page.waitForEvent('filechooser');
    await clickVisible(page, 'Attach certificate…');
    await (await chooser).setFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: big });
    await findPath(page, 'Activity/Remove##evidence_remove_0');
    await clickVisible(page, 'Activity/Save');
    const st = await waitForState(page, (s) => s.toasts.some((t) => t.error), 20000);
    const toast = st.toasts.find((t) => t.error).text;
    assert.match(toast, /^Not saved: Your browser's storage for Recert is full/);
    assert.equal(st.activities, 1, 'nothing was stored');
    await waitForItem(page, 'Activity/##title'); // the form is still open with what was typed
    await page.waitForTimeout(150);
    await screenshot(page, 'backup-quota-full');
    // After a reload the store holds exactly the record saved before.
    await page.reload();
    await waitForFirstFrame(page);
    const again = await waitForState(page, (s) => s.loaded);
    assert.equal(again.activities, 1);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the restore summary fits a phone and stays crisp at DPR 2', async () => {
  for (const [name, viewport] of [['phone-390', { width: 390, height: 844 }], ['laptop-dpr2', { width: 1280, height: 800 }]]) {
    const { context, page, errors } = await openApp(browser, server.url, { viewport, dpr: 2 });
    try {
      await restoreFile(page, { name: 'b.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"recert-log","version":1,"activities":[]}') });
      for (const item of ['Restore backup/Merge (recommended)', 'Restore backup/Replace', 'Restore backup/Restore', 'Restore backup/Cancel']) {
        const r = await waitForItem(page, item);
        assert.ok(r.visible && r.x >= 0 && r.x + r.w <= viewport.width, `${name}: ${item} is on screen (${JSON.stringify(r)})`);
      }
      await page.waitForTimeout(200);
      await screenshot(page, `backup-restore-${name}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});
