// What people hit in their first week (issue #18), tried the way they would: by role and accessible
// name (what a screen reader announces), with the keyboard, in an en-US browser and an en-GB one.
// Honest tiles (a category minimum keeps the gauge under 100%, what remains is said, a program
// without a credit total has no gauge), a quiet credential form that reads US dates, and a profile
// name that reaches the transcript. Screenshots at 1280x800 and 390x844.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, serve, openApp, screenshot, clickItem, pressOn as press } from './harness.mjs';
import { click, openView, restoreLogThroughUi, waitForState } from './ui_helpers.mjs';

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await serve();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const activity = (id, title, earned, amount, unit, extra = {}) => ({
  id, rev: 1, earned, reported: null, title, provider: 'Provider', provider_approval: '', course_number: '',
  format: 'live', category: '', category_for: {}, amount, unit, sessions: [], claim_id: '', statement_printed: null,
  status: 'posted', source: 'self_reported', evidence: [], notes: '', duplicate_of: '', excluded_from: [], ...extra,
});
const credential = (id, body, program, start, end) => ({
  id, rev: 1, body, program, certified_on: start, cycle: { start, end }, id_number: '', prerequisites: [], history: [],
});
const logText = (credentials, activities) => JSON.stringify({ format: 'recert-log', version: 1, credentials, activities });

// Lets the on-demand loop draw what changed, so the mirror has it.
const settle = (page) => page.waitForTimeout(400);
// Everything the accessibility mirror says: names, values, descriptions and the text of its leaves.
const texts = (page) => page.evaluate(() => {
  const out = [];
  for (const e of document.querySelectorAll('#a11y-root *')) {
    for (const a of ['aria-label', 'aria-valuetext', 'aria-description', 'title'])
      if (e.getAttribute(a)) out.push(e.getAttribute(a));
    if (e.childElementCount === 0 && e.textContent.trim()) out.push(e.textContent.trim());
  }
  return out;
});

// Waits until the mirror says something matching `re` (it follows the canvas when it settles, a
// frame or more after the app's state); fails with everything it says if that never comes.
async function saysSoon(page, re, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const said = (await texts(page)).join('\n');
    if (re.test(said) || Date.now() > deadline) {
      assert.match(said, re);
      return said;
    }
    await page.waitForTimeout(50);
  }
}

for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`tiles say what is true: a category minimum keeps NCCPA under 100%, EP says 10 remaining, ASM has no gauge (${size.width}x${size.height})`, async () => {
    const { context, page, errors } = await openApp(browser, server.url, { viewport: size });
    try {
      // A PA-C with 45 Category 1 and 60 Category 2 CME: 105 in all, but Category 1 needs 50.
      const nccpa = logText([credential('pa', 'nccpa', 'pa_c', '2025-01-01', '2026-12-31')], [
        activity('c1', 'Grand rounds series', '2025-05-01', '45', 'cme', { category: 'cat1' }),
        activity('c2', 'Journal reading', '2025-06-01', '60', 'cme', { category: 'cat2' }),
      ]);
      await restoreLogThroughUi(page, 'pa.json', nccpa, 2);
      await openView(page, 'dashboard');
      await settle(page);
      const meter = page.getByRole('meter').first();
      await meter.waitFor({ state: 'attached' });
      assert.equal(await meter.getAttribute('aria-valuetext'), '95 percent, 95 of 100 CME');
      const said = (await texts(page)).join('\n');
      assert.match(said, /Category 1: 5 more CME needed \(at least 50\)/);
      assert.match(said, /5 remaining/);
      assert.doesNotMatch(said, /100 percent|100 of 100/);
      await screenshot(page, `first-week-nccpa-${size.width}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('an ACSM EP tile says 10 remaining; an ASM tile says what ASM asks for, with no 0-of-0 gauge and no Renew', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    const log = logText([
      credential('ep', 'acsm', 'ep', '2024-01-01', '2026-12-31'),
      credential('asm', 'asm', 'transcript', '2026-01-01', '2026-12-31'),
    ], [
      activity('e1', 'Exercise testing workshop', '2025-03-01', '20', 'cec', { excluded_from: ['asm'] }),
      activity('e2', 'Cardiac rehab symposium', '2025-09-01', '30', 'cec', { excluded_from: ['asm'] }),
    ]);
    await restoreLogThroughUi(page, 'ep.json', log, 2);
    await openView(page, 'dashboard');
    await settle(page);
    const meters = await page.getByRole('meter').evaluateAll((ms) => ms.map((m) => m.getAttribute('aria-valuetext')));
    assert.deepEqual(meters, ['83 percent, 50 of 60 CEC'], 'one gauge: the EP; ASM has none');
    const said = (await texts(page)).join('\n');
    assert.match(said, /10 remaining/);
    assert.match(said, /Nothing to renew: a record of your credits/);
    assert.match(said, /No credit total: claim credit for each session you attend/);
    assert.doesNotMatch(said, /0 of 0/);
    await screenshot(page, 'first-week-ep-asm-1280');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('en-US: the credential form is quiet until Save, reads 3/15/2021, prefills ACSM\'s calendar-year cycle; the profile name reaches the transcript', async () => {
  const us = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const p = await us.newPage();
  const pageErrors = [];
  p.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await p.goto(`${server.url}?testhooks=1`);
    await p.waitForFunction(() => typeof window.__recertFirstFrame === 'number', null, { timeout: 30000 });
    const dialog = () => p.getByRole('dialog');
    const pick = async (combo, option) => {
      await press(dialog().getByRole('combobox', { name: combo }));
      await press(p.getByRole('option', { name: option }).first());
      await p.waitForTimeout(150);
    };
    const type = async (label, text, scope = dialog()) => {
      const field = scope.getByLabel(label, { exact: true });
      await field.waitFor({ state: 'attached', timeout: 10000 });
      await field.focus();
      await p.waitForTimeout(150);
      await p.keyboard.press('Control+A');
      await p.keyboard.type(text, { delay: 20 });
      await p.keyboard.press('Tab'); // leave the field: its check may speak now
      await p.waitForTimeout(200);
    };
    const said = async () => (await texts(p)).join('\n');

    await press(p.getByRole('button', { name: 'Add credential' }).first());
    await dialog().waitFor({ state: 'attached' });
    await settle(p);
    // Nothing typed yet: no red errors.
    assert.doesNotMatch(await said(), /Choose a certifying body|Enter a date like/);
    await press(dialog().getByRole('button', { name: 'Save' }));
    await saysSoon(p, /Choose a certifying body\./);
    await saysSoon(p, /Not saved yet: fix the fields marked in red\./);
    await screenshot(p, 'first-week-credential-errors-after-save');

    await pick(/^Certifying body/, 'American College of Sports Medicine');
    await pick(/^Program/, 'ACSM Certified Personal Trainer');
    await type('Certification date', '3/15/2021');
    await settle(p);
    assert.equal(await dialog().getByLabel('Current cycle starts', { exact: true }).inputValue(), '01/01/2024');
    assert.equal(await dialog().getByLabel('Cycle ends', { exact: true }).inputValue(), '12/31/2026');
    assert.doesNotMatch(await said(), /Enter a date like/);
    await screenshot(p, 'first-week-credential-us-dates');
    await press(dialog().getByRole('button', { name: 'Save' }));
    await dialog().waitFor({ state: 'detached', timeout: 10000 });
    await waitForState(p, (s) => s.credentials === 1);

    // The person's name, once, in Settings > Profile; the transcript is for them.
    await openView(p, 'settings');
    await settle(p);
    // Profile is the last section of Settings: scrolled into view as a person would, with the wheel.
    await p.mouse.move(640, 500);
    for (let i = 0; i < 30 && !(await p.getByRole('button', { name: 'Save profile' }).count()); i++) {
      await p.mouse.wheel(0, 200);
      await settle(p);
    }
    await type('Your name', 'Dana Whitfield', p);
    await press(p.getByRole('button', { name: 'Save profile' }));
    await waitForState(p, (s) => s.toasts.some((t) => t.text === 'Profile saved'));
    await clickItem(p, 'Reports');
    const [dl] = await Promise.all([p.waitForEvent('download'), click(p, (x) => x.includes('Download transcript'))]);
    const html = readFileSync(await dl.path(), 'utf8');
    assert.match(html, /For <strong>Dana Whitfield<\/strong>/);
    assert.doesNotMatch(html, /name not set/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await us.close();
  }
});
