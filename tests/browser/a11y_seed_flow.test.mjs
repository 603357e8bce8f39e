// The ACSM recertification walkthrough (shared/seeds 000-001) done by a keyboard and screen-reader
// user: every control is found by its role and accessible name (getByRole / getByLabel, what a
// screen reader announces) and operated with key presses only — no test hooks, no coordinates.
// Adds an ACSM Certified Personal Trainer credential for the 1/1/2024 - 12/31/2026 cycle, logs two
// 20-CEC courses and a 7-CEC CPR/AED class (ACSM's 2025 cap counts 5 of it), hears the gauge at
// 100 percent, 45 of 45 CEC, uploads the CPR card, presses Renew and reads the $60.00 cart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serve, openApp, screenshot, pressOn as press } from './harness.mjs';

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

// A small, real PDF: what a scanned CPR card is saved as.
const CPR_CARD = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
  'trailer<</Root 1 0 R>>\n%%EOF\n');

test('the ACSM seed flow by role and keyboard alone: credential, courses, CPR class, gauge, CPR card, Renew, $60.00 cart', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { query: '' });
  try {
    const dialog = () => page.getByRole('dialog');
    const pick = async (combo, option) => {
      await press(dialog().getByRole('combobox', { name: combo }));
      const choice = page.getByRole('option', { name: option }).first();
      try {
        await choice.waitFor({ state: 'attached', timeout: 5000 });
      } catch (e) {
        const offered = await page.evaluate(() => Array.from(document.querySelectorAll('[role="option"]')).map((o) => o.getAttribute('aria-label')));
        throw new Error(`${combo} offers no ${option}: ${offered.join(' | ')}`);
      }
      await press(choice);
      await page.waitForTimeout(150);
    };
    // Like a person at a keyboard: focus the field, select what it holds, type.
    const type = async (label, text) => {
      const field = dialog().getByLabel(label, { exact: true });
      await field.waitFor({ state: 'attached', timeout: 10000 });
      await field.focus();
      await page.waitForTimeout(150);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text, { delay: 20 });
      // The element reads back what the app's field holds once it has taken every key.
      const held = await page.waitForFunction(([el, want]) => el.value === want, [await field.elementHandle(), text], { timeout: 5000 })
        .then(() => text, () => field.inputValue());
      assert.equal(held, text, `${label} reads back what was typed`);
    };
    const closed = () => dialog().waitFor({ state: 'detached', timeout: 10000 });

    // The first stop is "Skip to content"; the empty dashboard offers Add credential.
    await page.getByRole('button', { name: 'Add credential' }).first().waitFor({ state: 'attached', timeout: 20000 });
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
    await press(page.getByRole('button', { name: 'Add credential' }).first());
    await pick(/^Certifying body/, 'American College of Sports Medicine');
    await pick(/^Program/, 'ACSM Certified Personal Trainer');
    await type('Certification date', '2023-06-15');
    await type('Current cycle starts', '2024-01-01');
    await type('Cycle ends', '2026-12-31');
    await press(dialog().getByRole('button', { name: 'Save' }));
    await closed();

    const logActivity = async ({ title, provider, earned, credits, format }) => {
      await press(page.getByRole('button', { name: 'Add activity' }).first());
      await type('Course or activity title', title);
      await type('Provider', provider);
      await type('Date earned', earned);
      await type('Credits', credits);
      if (format) await pick(/^Format/, format);
      await press(dialog().getByRole('button', { name: /^(Save|Add activity)$/ }).last());
      await closed();
    };
    await logActivity({ title: 'Exercise programming for older adults', provider: 'ACSM', earned: '2024-05-10', credits: '20' });
    await logActivity({ title: 'Strength and conditioning update', provider: 'NSCA', earned: '2025-03-02', credits: '20' });
    // ACSM counts CPR/AED/First Aid from 2025 on, at most 5 CECs a year: this 7-CEC class counts 5.
    await logActivity({ title: 'CPR/AED for the professional rescuer', provider: 'American Red Cross', earned: '2025-09-14',
                        credits: '7', format: /CPR/ });

    // The gauge, as a screen reader says it.
    const meter = page.getByRole('meter').first();
    await page.waitForFunction(() => {
      const m = document.querySelector('[role="meter"]');
      return m && /^100 percent, 45 of 45 CEC$/.test(m.getAttribute('aria-valuetext') || '');
    }, null, { timeout: 10000 }).catch(() => {});
    assert.equal(await meter.getAttribute('aria-valuetext'), '100 percent, 45 of 45 CEC');
    await screenshot(page, 'seed-flow-gauge');

    // Upload the CPR card (the browser's file picker opens from the keyboard too).
    await press(page.getByRole('button', { name: 'Upload CPR card' }).first());
    await type('Issued', '2025-09-14');
    await type('Expires', '2027-09-14');
    const chooser = page.waitForEvent('filechooser');
    await press(dialog().getByRole('button', { name: /Choose file|Attach|Upload/ }).first());
    await (await chooser).setFiles({ name: 'cpr-card.pdf', mimeType: 'application/pdf', buffer: CPR_CARD });
    await page.waitForTimeout(300);
    await press(dialog().getByRole('button', { name: 'Save card' }));
    await closed();

    // Renew appears and puts the recertification in the cart (Remove from cart takes it out again);
    // Complete recertification opens the cart, which reads $60.00 (seed 000, step 8).
    await press(page.getByRole('button', { name: /^Renew/ }).first());
    await page.getByRole('button', { name: 'Remove from cart' }).first().waitFor({ state: 'attached', timeout: 10000 });
    await press(page.getByRole('button', { name: 'Complete recertification' }).first());
    await page.waitForFunction(() => document.title === 'Renewal — Recert', null, { timeout: 10000 });
    // The button that was pressed is gone with the view: focus moves into the new view.
    await page.waitForFunction(() => document.activeElement && document.activeElement.closest('[role="tabpanel"]'), null, { timeout: 5000 });
    await page.waitForFunction(() => /\$60\.00/.test(document.getElementById('a11y-root').textContent), null, { timeout: 10000 });
    assert.ok(await page.getByText(/\$60\.00/).count() >= 1);
    await screenshot(page, 'seed-flow-cart');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
