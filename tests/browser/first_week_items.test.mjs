// What people hit in their first week (issue #18), items 2, 4, 5, 7 and 10, tried in the page the
// way a person would: by role and accessible name (what a screen reader announces) and the keyboard,
// on one log restored through Settings, at 1280x800 and 390x844. An ACSM CPT renewed on 2026-12-04 (its closed cycle
// 2024-2026 holds the courses), an NAAEI CAM ready to renew (NAAEI publishes no fee), an ASM CE
// transcript whose 2026 statement is finalized. Screenshots of each.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, serve, openApp, screenshot, clickItem, pressOn as press } from './harness.mjs';
import { findPath, openView, restoreLogThroughUi, waitForState } from './ui_helpers.mjs';

let browser, server, ctx;

const act = (id, title, earned, amount, extra = {}) => ({
  id, rev: 1, earned, title, provider: 'ACSMceOnline', format: 'live', amount, unit: 'cec', status: 'posted',
  source: 'self_reported', ...extra,
});
const CPT_ID = '57c0907c-1111-4222-8333-944445555666';
const LOG = {
  format: 'recert-log', version: 2,
  activities: [
    act('a1', 'Program design', '2024-03-01', '20'),
    act('a2', 'Exercise for older adults', '2025-03-01', '20', { format: 'conference_session' }),
    act('a3', 'CPR and AED class', '2025-05-01', '5', { format: 'cpr_aed_first_aid' }),
    act('n1', 'Fair housing update', '2025-04-01', '8', { category: 'in_network', provider: 'NAA Education Institute' }),
    act('s1', 'ASM webinar on AMR', '2026-02-01', '1', { provider: 'ASM', claim_id: 'B-1' }),
  ],
  credentials: [
    { id: CPT_ID, rev: 1, body: 'acsm', program: 'cpt', certified_on: '2021-01-01',
      cycle: { start: '2027-01-01', end: '2029-12-31' }, id_number: '', prerequisites: [],
      history: [{ renewed_on: '2026-12-04', cycle: { start: '2024-01-01', end: '2026-12-31' }, amount: '60.00', receipt: null }] },
    { id: 'cam-1', rev: 1, body: 'naaei', program: 'cam', certified_on: '2015-06-01',
      cycle: { start: '2026-01-01', end: '2026-12-31' }, id_number: '', prerequisites: [], history: [] },
    { id: 'asm-1', rev: 1, body: 'asm', program: 'transcript', certified_on: '2020-01-01',
      cycle: { start: '2026-01-01', end: '2026-12-31' }, id_number: '', prerequisites: [], history: [],
      statements: [{ period: { start: '2026-01-01', end: '2026-12-31' }, finalized_on: '2026-11-30', unlock: null }] },
  ],
};

// Everything the accessibility mirror says: names and the text of its leaves.
const texts = (page) => page.evaluate(() => [...document.querySelectorAll('#a11y-root *')]
  .flatMap((e) => [e.getAttribute('aria-label') ?? '', e.getAttribute('aria-valuetext') ?? '',
    e.childElementCount === 0 ? e.textContent.trim() : ''])
  .filter(Boolean));
const waitForText = (page, predicate, what) => page.waitForFunction((source) => {
  const p = new Function('t', `return (${source})(t)`);
  return [...document.querySelectorAll('#a11y-root *')].some((e) => p(e.childElementCount === 0 ? e.textContent.trim() : (e.getAttribute('aria-label') ?? '')));
}, predicate.toString(), { timeout: 10000 }).catch(async () => {
  throw new Error(`the mirror never said ${what}; it says: ${(await texts(page)).join(' | ')}`);
});
const settle = (page) => page.waitForTimeout(400);
const noIds = (all) => {
  for (const id of ['57c0907c', 'cpt:', 'cam is', 'conference_session', 'in_network', 'cpr_aed_first_aid', 'transcript:'])
    assert.ok(!all.some((t) => t.includes(id)), `"${id}" on screen: ${all.filter((t) => t.includes(id)).join(' | ')}`);
};

before(async () => {
  browser = await launchBrowser();
  server = await serve();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) describe(`${size.width}x${size.height}`, () => {
  const W = size.width;
  before(async () => {
    ctx = await openApp(browser, server.url, { viewport: size });
    await restoreLogThroughUi(ctx.page, 'first-week.json', JSON.stringify(LOG), LOG.activities.length);
  });
  after(async () => { await ctx?.context.close(); });

  test('item 10: renewal history names the credential and its body; the Record renewal dialog names what it records', async () => {
    const { page } = ctx;
    await openView(page, 'renewal');
    await waitForText(page, (t) => t.startsWith('ACSM Certified Personal Trainer (American College of Sports Medicine): cycle 2024-01-01'), 'the history line');
    await waitForText(page, (t) => t === 'Certified Apartment Manager is ready to renew', 'who is ready to renew');
    noIds(await texts(page));
    await press(page.getByRole('button', { name: 'Add to cart' }));
    await press(page.getByRole('button', { name: 'Record renewal…' }));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 10000 });
    await waitForText(page, (t) => t.startsWith('Renewal of Certified Apartment Manager (National Apartment Association Education Institute), cycle 2026-01-01'), 'what the dialog records');
    await screenshot(page, `first-week-record-renewal-${W}`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 10000 });
  });

  test('item 5: an NAAEI renewal asks for no CPR card and shows an unpublished fee as not listed, never $0.00', async () => {
    const { page } = ctx;
    await openView(page, 'renewal'); // CAM is in the cart since item 10
    await waitForText(page, (t) => t === 'Fee: not listed by NAAEI — check with them', 'the fee line');
    const all = await texts(page);
    assert.ok(!all.some((t) => t.includes('$0.00')), 'no $0.00 anywhere on the Renewal view');
    assert.ok(!all.some((t) => /CPR/.test(t)), `NAAEI asks for no CPR card: ${all.filter((t) => /CPR/.test(t)).join(' | ')}`);
    assert.ok(all.includes('Credits complete: 100% 8 of 8'));
    assert.ok(all.includes('Not listed'), 'the cart says Not listed for the fee');
    await screenshot(page, `first-week-naaei-cart-${W}`);
  });

  test('item 2: after a renewal, the audit packet offers the cycle just closed, with its activities', async () => {
    const { page } = ctx;
    await openView(page, 'dashboard');
    await press(page.getByRole('menuitem', { name: 'Reports' }));
    await press(page.getByRole('menuitem', { name: 'Prepare audit packet…' }));
    await page.getByRole('dialog').waitFor({ timeout: 10000 });
    const cycle = page.getByRole('combobox', { name: 'Cycle' });
    await cycle.waitFor({ timeout: 10000 });
    // (A combobox is announced with its choice: "Cycle, 2024-01-01 to …".)
    assert.equal(await cycle.getAttribute('aria-label'), 'Cycle, 2024-01-01 to 2026-12-31 (renewed 2026-12-04)');
    // ACSM CPT's closed cycle holds every course of this log (2024-03-01 … 2026-02-01).
    await waitForText(page, (t) => /^5 activities in the statement for 2024-01-01 to 2026-12-31/.test(t), 'the closed cycle\'s count');
    await page.getByRole('button', { name: 'Open transcript of this cycle' }).waitFor({ timeout: 5000 });
    await screenshot(page, `first-week-packet-closed-cycle-${W}`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 10000 });
  });

  test('item 4: saving an edit inside a finalized statement is refused inside the dialog, where the person looks', async () => {
    const { page } = ctx;
    await openView(page, 'activities');
    await clickItem(page, await findPath(page, (p) => p.includes('ASM webinar on AMR###row')));
    await press(page.getByRole('button', { name: 'Edit' }));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 10000 });
    // A changed title (a certificate or a note may still be added to a finalized entry; a title may not).
    const title = dialog.getByRole('textbox', { name: /title/i }).first();
    await title.focus();
    await settle(page); // focus may scroll the dialog's body to the field first
    await page.keyboard.press('End');
    await page.keyboard.type(' (2nd part)', { delay: 30 });
    await page.waitForFunction(() => [...document.querySelectorAll('#a11y-root input')].some((e) => e.value.endsWith(' (2nd part)')),
      null, { timeout: 10000 });
    await settle(page);
    await press(dialog.getByRole('button', { name: 'Save' }));
    const alert = dialog.getByRole('alert').filter({ hasText: 'Not saved' });
    await alert.waitFor({ timeout: 10000 });
    assert.match(await alert.textContent(), /^Not saved: The statement for ASM CE \(2026-01-01 to 2026-12-31\) was finalized on 2026-11-30; unlock it/);
    // Drawn inside the dialog, not in a toast under its backdrop.
    const [d, a] = [await dialog.boundingBox(), await alert.boundingBox()];
    assert.ok(a.y >= d.y && a.y + a.height <= d.y + d.height && a.x >= d.x, `alert ${JSON.stringify(a)} inside dialog ${JSON.stringify(d)}`);
    await screenshot(page, `first-week-refusal-in-dialog-${W}`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 10000 });
    const st = await waitForState(page, (s) => s.activities === LOG.activities.length);
    assert.equal(st.activities, LOG.activities.length, 'nothing changed');
  });

  test('item 7: names, not ids, in the Activities table and in the exported CSV', async () => {
    const { page } = ctx;
    await openView(page, 'activities');
    await settle(page);
    const all = await texts(page);
    for (const name of ['Conference session', 'CPR/AED/First Aid', 'In-network', 'Live'])
      assert.ok(all.some((t) => t === name), `"${name}" in the table; it says ${all.join(' | ').slice(0, 1500)}`);
    noIds(all);
    await screenshot(page, `first-week-names-${W}`);

    await press(page.getByRole('menuitem', { name: 'Reports' }));
    const download = page.waitForEvent('download', { timeout: 15000 });
    await press(page.getByRole('menuitem', { name: 'Export activities (CSV)' }));
    const file = await (await download).path();
    const header = readFileSync(file, 'utf8').split(/\r?\n/)[0];
    assert.ok(header.includes('ACSM CPT'), `the CSV names the credential: ${header}`);
    assert.ok(!header.includes(CPT_ID.slice(0, 8)), `no credential id in the CSV header: ${header}`);
  });
});
