// A provider's course counts only toward the right credential (issue #18 item 9, #20 "right
// credential"): a person with an ACSM EP syncs from the reference provider, whose catalogue mixes
// ACSM and NAAEI courses. The NAAEI ones arrive "Not assigned", their details say why; the person
// counts that kind of course toward the EP once, by keyboard through the accessibility mirror, and
// the next page's NAAEI course arrives assigned. The app and the provider on different origins,
// real sign-in, real IndexedDB; 1280x800.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serve, openApp, screenshot, clickItem, pressOn } from './harness.mjs';
import { env, admin, activities, openSettings, signIn, syncNow } from './sync_helpers.mjs';
import { findPath, openView, restoreLogThroughUi, waitForState } from './ui_helpers.mjs';
import { startProvider, seedCompletions } from '../../scripts/provider/server.mjs';

let browser, app, provider;
const QUERY = 'testhooks=1&sync_base_ms=40&sync_timeout_ms=1500&sync_page=100';

before(async () => {
  browser = await launchBrowser();
  app = await serve();
  // c-1 … c-8: every fourth is an NAAEI course (c-4, c-8), the rest ACSM's.
  provider = await startProvider({ appOrigins: [new URL(app.url).origin], completions: 8 });
  Object.assign(env, { provider, app });
});

const settle = (p) => Promise.race([Promise.resolve(p).catch(() => {}), new Promise((r) => setTimeout(r, 10000))]);
after(async () => {
  await settle(browser?.close());
  await settle(app?.close());
  await settle(provider?.close());
});

const logText = JSON.stringify({
  format: 'recert-log', version: 1, activities: [],
  credentials: [{ id: 'cred-ep', rev: 1, body: 'acsm', program: 'ep', certified_on: '2019-05-01',
    cycle: { start: '2024-01-01', end: '2026-12-31' }, id_number: 'EP-1', prerequisites: [], history: [] }],
});
const naaTitle = seedCompletions(8)[3].activity.title; // c-4
const mirrorTexts = (page) => page.evaluate(() => [...document.querySelectorAll('#a11y-root *')]
  .flatMap((e) => [e.getAttribute('aria-label') ?? '', e.childElementCount === 0 ? e.textContent.trim() : ''])
  .filter(Boolean));

test('NAAEI courses never count toward an ACSM EP by default; counted there once the person says so, also on the next page', async () => {
  const { context, page, errors } = await openApp(browser, app.url, { query: QUERY, viewport: { width: 1280, height: 800 } });
  const missing = [];
  page.on('response', (r) => { if (r.status() >= 400) missing.push(r.url()); });
  try {
    await restoreLogThroughUi(page, 'ep.json', logText, 0);
    await signIn(page);
    const s = await syncNow(page);
    assert.equal(s.error, '');
    let acts = await activities(page);
    const naa = acts.filter((a) => a.provider === 'NAA Education Institute');
    assert.equal(naa.length, 2);
    assert.ok(naa.every((a) => JSON.stringify(a.provider_link.accredited_by) === '["NAAEI"]'));
    assert.ok(naa.every((a) => !a.provider_link.assigned_to), 'nothing assigned before the person chooses');

    // The Activities table says so; the course's details say why, in words.
    await openView(page, 'activities');
    await clickItem(page, await findPath(page, (p) => p.includes(`${naaTitle}###row`)));
    const why = 'Not counted: accredited by NAAEI, not by American College of Sports Medicine. ' +
      'Assign this kind of course to ACSM EP if it counts here.';
    await page.waitForFunction((why) => [...document.querySelectorAll('#a11y-root *')].some((e) => e.textContent.trim() === why),
      why, { timeout: 10000 });
    const texts = await mirrorTexts(page);
    assert.ok(texts.includes('Not assigned'), `the row's "Applies to" cell says Not assigned; mirror: ${texts.slice(0, 60).join(' | ')}`);
    // NAAEI's credit type by its name, though no NAAEI credential is on this log (issue #18 item 7).
    assert.ok(texts.includes('In-network') && !texts.includes('in_network'), 'the credit type is named, not its id');
    await screenshot(page, 'sync-mapping-unassigned-1280');

    // Assigned by keyboard, through the mirror: the button a screen reader announces.
    const assign = page.getByRole('button', { name: 'Count courses like this toward ACSM EP' });
    await assign.focus();
    await pressOn(assign);
    await waitForState(page, (st) => st.toasts.some((t) => t.text === '2 courses from NAA Education Institute now count toward ACSM EP'));
    acts = await activities(page);
    assert.deepEqual(acts.filter((a) => a.provider === 'NAA Education Institute').map((a) => a.provider_link.assigned_to),
      [['cred-ep'], ['cred-ep']]);
    assert.ok(acts.filter((a) => a.provider === 'ACSMceOnline').every((a) => !a.provider_link.assigned_to));
    await page.getByRole('button', { name: 'Stop counting courses like this toward ACSM EP' }).waitFor({ timeout: 10000 });
    await screenshot(page, 'sync-mapping-assigned-1280');

    // The next page: c-9 … c-12, of which c-12 is NAAEI's: it arrives assigned; the ACSM ones need nothing.
    await admin('add', { count: 4 });
    await openSettings(page); // scrolled to its Sync section, as a person would
    const again = await syncNow(page);
    assert.equal(again.error, '');
    acts = await activities(page);
    const c12 = acts.find((a) => a.provider_link?.external_id === 'c-12');
    assert.ok(c12, 'c-12 synced');
    assert.deepEqual(c12.provider_link.assigned_to, ['cred-ep']);
    const c9 = acts.find((a) => a.provider_link?.external_id === 'c-9');
    assert.ok(c9 && !c9.provider_link.assigned_to);
    // (The provider's sign-in page has no favicon: the browser's own request for it is the one 404
    // the console reports; no request the app or its sync makes failed.)
    assert.deepEqual(missing, []);
    assert.deepEqual(errors.filter((e) => !/^console\.error: Failed to load resource: .*404 \(Not Found\)$/.test(e)), []);
  } finally {
    await context.close();
  }
});
