// Accessibility of the real page, as assistive technology meets it: the browser's accessibility
// tree (CDP Accessibility.getFullAXTree) per view, axe-core (pinned, npm) with the WCAG 2.0/2.1/2.2
// A and AA rules on every view and the main dialogs in both themes at 1280x800 and 390x844, a
// dialog's focus trap and the return of focus, and the live regions. Controls are reached by role
// and name (getByRole) and pressed with the keyboard, as a screen-reader or keyboard user would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, launchBrowser, serve, openApp, screenshot, pressOn } from './harness.mjs';
import { restoreLogThroughUi, makeLogText, openView, embedCommand, menu, closeWithEscape } from './ui_helpers.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const VIEWS = ['dashboard', 'activities', 'planner', 'renewal', 'audit', 'settings'];
const INTERACTIVE = new Set(['button', 'link', 'checkbox', 'radio', 'combobox', 'textbox', 'searchbox', 'tab', 'menuitem',
                             'menuitemcheckbox', 'menuitemradio', 'option', 'switch', 'slider', 'spinbutton']);
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

// The app with a log of one ACSM CPT credential and `n` activities (`log`: makeLogText's options).
async function openWithLog(options = {}, n = 30, log = {}) {
  const app = await openApp(browser, server.url, options);
  await restoreLogThroughUi(app.page, 'log.json', makeLogText(n, log), n);
  await openView(app.page, 'dashboard');
  return app;
}

// Lets the on-demand loop draw what a command changed, so the mirror has it.
async function settle(page) {
  await page.waitForTimeout(350);
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE });
  return page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => n.html.slice(0, 160) + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160)) }))), WCAG);
}

// Waits until the focused element's item is drawn on screen (its window scrolled to it).
async function focusedInView(page, height) {
  await page.waitForFunction((h) => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return !el.classList.contains('a11y-offscreen') && r.top >= 0 && r.bottom <= h;
  }, height, { timeout: 10000 });
}

async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const live = nodes.filter((n) => !n.ignored);
  const interactive = live.filter((n) => INTERACTIVE.has(n.role?.value));
  return {
    nodes: live.length,
    named: live.filter((n) => n.name?.value).length,
    interactive: interactive.length,
    unnamed: interactive.filter((n) => !(n.name?.value ?? '').trim()).map((n) => n.role.value),
    names: interactive.map((n) => n.name?.value ?? ''),
    roles: interactive.map((n) => `${n.role.value}: ${n.name?.value ?? ''}`),
  };
}

test('the first frame is in the accessibility tree as it is drawn: a screen reader has the loading view and its menus at once', async () => {
  // When the app reports its first frame (Module.onFirstFrame, the same task), the mirror already
  // holds what that frame drew; it used to wait ~100 ms for a frame drawn only to record it.
  const { context, page, errors } = await openApp(browser, server.url, {
    waitForFirstFrame: false,
    initScript: () => {
      window.addEventListener('recert-ready', () => {
        const root = document.getElementById('a11y-root');
        window.__atFirstFrame = {
          frames: window.recertTest.framesDrawn(),
          text: root ? root.textContent : null,
          menus: root ? [...root.querySelectorAll('[role="menuitem"]')].map((e) => e.textContent || e.getAttribute('aria-label')) : [],
        };
      }, { once: true });
    },
  });
  try {
    await page.waitForFunction(() => window.__atFirstFrame !== undefined, null, { timeout: 30000 });
    const at = await page.evaluate(() => window.__atFirstFrame);
    assert.equal(at.frames, 1);
    assert.match(at.text ?? '', /Opening your records…/);
    for (const name of ['File', 'Reports', 'View', 'Help']) assert.ok(at.menus.some((m) => m.includes(name)), `menu ${name} in ${JSON.stringify(at.menus)}`);
    // The mirror's own screen-reader tree, by role and name.
    await page.getByRole('menuitem', { name: 'File' }).waitFor({ timeout: 5000 });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('every view: each interactive item in the accessibility tree has a role and a spoken name, and no ids leak', async () => {
  const { context, page, errors } = await openWithLog();
  try {
    const counts = {};
    for (const view of VIEWS) {
      await openView(page, view);
      await settle(page);
      const t = await axTree(page);
      counts[view] = `${t.nodes} nodes, ${t.named} named, ${t.interactive} interactive`;
      assert.deepEqual(t.unnamed, [], `${view}: unnamed interactive nodes`);
      assert.ok(t.interactive >= 12, `${view}: ${t.interactive} interactive nodes`);
      for (const name of t.names) {
        assert.ok(!name.includes('##'), `${view}: an ImGui id in "${name}"`);
        assert.ok(!/[\uf000-\uf8ff]/.test(name), `${view}: an icon glyph in "${name}"`);
      }
      // The view is the title, as the tab bar says.
      assert.equal(await page.title(), `${view[0].toUpperCase()}${view.slice(1)} — Recert`);
    }
    // The loading overlay left the tree; the mirror is the whole story.
    assert.equal(await page.locator('#overlay').isHidden(), true);
    console.log('accessibility tree per view:', JSON.stringify(counts));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the dashboard tile reads like the ACSM dashboard: heading, gauge value, status wording', async () => {
  const { context, page } = await openWithLog();
  try {
    await settle(page);
    const meter = page.getByRole('meter').first();
    await meter.waitFor({ state: 'attached' });
    assert.match(await meter.getAttribute('aria-valuetext'), /^\d+ percent, [\d.]+ of 45 CEC$/);
    assert.equal(await page.getByRole('heading', { name: 'Your credentials' }).count(), 1);
    assert.ok(await page.getByText('Recertification in Process').count() >= 1);
    assert.equal(await page.getByRole('tab', { name: 'Dashboard', selected: true }).count(), 1);
  } finally {
    await context.close();
  }
});

for (const [theme, size] of [['light', { width: 1280, height: 800 }], ['dark', { width: 390, height: 844 }],
                             ['dark', { width: 1280, height: 800 }], ['light', { width: 390, height: 844 }]]) {
  test(`axe-core, WCAG 2.x A/AA: no violations on any view or the main dialogs (${theme}, ${size.width}x${size.height})`, async () => {
    const { context, page, errors } = await openWithLog({ viewport: size, query: `testhooks=1&theme=${theme}` });
    try {
      const found = {};
      for (const view of VIEWS) {
        await openView(page, view);
        await settle(page);
        const v = await axe(page);
        if (v.length) found[view] = v;
      }
      await openView(page, 'dashboard');
      await settle(page);
      for (const [button, dialog] of [['Add credential', 'Credential'], ['Add activity', 'Activity']]) {
        await pressOn(page.getByRole('button', { name: button }).first());
        await page.getByRole('dialog').first().waitFor({ state: 'attached', timeout: 10000 });
        await settle(page);
        const v = await axe(page);
        if (v.length) found[`${dialog} dialog`] = v;
        await closeWithEscape(page);
      }
      if (theme === 'dark' && size.width === 390) await screenshot(page, 'a11y-dark-phone');
      assert.deepEqual(found, {}, JSON.stringify(found, null, 1));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('a dialog traps focus, Escape closes it, and focus returns to the button that opened it', async () => {
  const { context, page } = await openWithLog();
  try {
    await settle(page);
    const opener = page.getByRole('button', { name: 'Add credential' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ state: 'attached', timeout: 10000 });
    assert.equal(await dialog.getAttribute('aria-modal'), 'true');
    assert.ok((await dialog.getAttribute('aria-label') || '').length > 0, 'the dialog is named by its title');
    await page.waitForFunction(() => document.activeElement && document.activeElement.closest('[role="dialog"]'), null, { timeout: 5000 });
    const seen = new Set();
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const el = document.activeElement;
        return { inside: !!(el && el.closest('[role="dialog"]')), name: el && (el.getAttribute('aria-label') || el.textContent) };
      });
      assert.ok(where.inside, `Tab ${i + 1} left the dialog (to "${where.name}")`);
      seen.add(where.name);
    }
    assert.ok(seen.size >= 3, `Tab visited ${seen.size} controls in the dialog`);
    await screenshot(page, 'a11y-dialog-focus');
    await closeWithEscape(page);
    await page.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('aria-label') === 'Add credential',
                               null, { timeout: 5000 });
  } finally {
    await context.close();
  }
});

test('Tab from the first stop walks the page in reading order: skip link, menus, tabs, then the view', async () => {
  const { context, page } = await openWithLog();
  try {
    await settle(page);
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    const order = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => {
        const el = document.activeElement;
        return `${el.getAttribute('role') || el.tagName.toLowerCase()}:${el.getAttribute('aria-label') || el.textContent}`;
      }));
    }
    assert.deepEqual(order.slice(0, 6), ['a:Skip to content', 'menuitem:File', 'menuitem:Reports', 'menuitem:View', 'menuitem:Help',
                                         'tab:Dashboard']);
    assert.ok(order.slice(6).every((s) => s.startsWith('button:')), order.join(' | '));
    // Right arrow moves along the tab bar; Enter opens that view.
    await page.getByRole('tab', { name: 'Dashboard' }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Activities');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.title === 'Activities — Recert', null, { timeout: 5000 });
    // The grid says how many activities there are, though only the visible rows are drawn.
    const grid = page.getByRole('grid').first();
    await grid.waitFor({ state: 'attached' });
    assert.equal(await grid.getAttribute('aria-rowcount'), '31'); // the header row and 30 activities
    assert.equal(await page.getByRole('row').first().getAttribute('aria-rowindex'), '1');
  } finally {
    await context.close();
  }
});

test('saves and refusals are announced: a polite status after a save, an assertive alert after a refusal', async () => {
  const { context, page } = await openWithLog();
  try {
    const polite = page.locator('#a11y-root .a11y-live[aria-live="polite"]');
    const assertive = page.locator('#a11y-root .a11y-live[aria-live="assertive"]');
    const r = await embedCommand(page, 'addActivity', { activity: { title: 'Spoken save', earned: '2025-02-03', amount: '2', unit: 'cec', format: 'online' } });
    assert.equal(r.ok, true, JSON.stringify(r));
    await page.waitForFunction(() => /Activity added/.test(document.querySelector('#a11y-root .a11y-live[aria-live="polite"]').textContent), null, { timeout: 10000 });
    assert.match(await polite.textContent(), /Activity added/);
    // A refusal: a file that is not a backup.
    await openView(page, 'settings');
    await settle(page);
    const chooser = page.waitForEvent('filechooser');
    await pressOn(page.getByRole('button', { name: /Restore backup/ }).first());
    await (await chooser).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await page.waitForFunction(() => document.querySelector('#a11y-root .a11y-live[aria-live="assertive"]').textContent.length > 0,
                               null, { timeout: 10000 });
    assert.match(await assertive.textContent(), /notes\.json/);
  } finally {
    await context.close();
  }
});

for (const [theme, size] of [['light', { width: 1280, height: 800 }], ['dark', { width: 390, height: 844 }],
                             ['dark', { width: 1280, height: 800 }], ['light', { width: 390, height: 844 }]]) {
  test(`axe-core, WCAG 2.x A/AA: no violations in any other dialog (${theme}, ${size.width}x${size.height})`, async () => {
    // 60 activities cover the 45 CEC; of the two credentials, one lacks its CPR/AED card (the dashboard
    // offers "Upload CPR card") and one has it on file: ready to renew, so once it is in the cart the
    // Renewal view shows its "Record renewal…" button.
    const { context, page, errors } = await openWithLog({ viewport: size, query: `testhooks=1&theme=${theme}` }, 60, { withCprCard: true });
    try {
      const found = {};
      const opened = [];
      const check = async (label, open) => {
        await open();
        await page.getByRole('dialog').first().waitFor({ state: 'attached', timeout: 10000 });
        await settle(page);
        opened.push(await page.getByRole('dialog').first().getAttribute('aria-label'));
        const v = await axe(page);
        if (v.length) found[label] = v;
        await closeWithEscape(page);
      };
      await settle(page); // the restored log drawn and mirrored
      await check('Keyboard shortcuts', () => menu(page, 'Help', 'Keyboard shortcuts'));
      await check('About Recert', () => menu(page, 'Help', 'About Recert'));
      await check('Finalize statement', () => menu(page, 'Reports', 'Finalize statement…'));
      await check('Prepare audit packet', () => menu(page, 'Reports', 'Prepare audit packet…'));
      await check('Import activities', async () => {
        const chooser = page.waitForEvent('filechooser');
        await menu(page, 'Reports', 'Import CSV or Open Badge…');
        await (await chooser).setFiles({ name: 'classes.csv', mimeType: 'text/csv', buffer: Buffer.from('Date,Course,Provider,Credits\n2025-03-01,Kettlebell basics,ACSM,2\n') });
      });
      await check('Restore backup', async () => {
        const chooser = page.waitForEvent('filechooser');
        await menu(page, 'File', 'Restore backup…');
        await (await chooser).setFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(makeLogText(3, { seed: 7 })) });
        await page.getByRole('dialog', { name: 'Restore backup' }).getByRole('radio', { name: 'Merge (recommended)' }).waitFor({ state: 'attached', timeout: 10000 });
      });
      await openView(page, 'dashboard');
      await settle(page);
      await check('CPR/AED card', () => pressOn(page.getByRole('button', { name: 'Upload CPR card' }).first()));
      await openView(page, 'renewal');
      await settle(page);
      await pressOn(page.getByRole('button', { name: 'Add to cart' }).first());
      const renew = page.getByRole('button', { name: 'Record renewal…' }).first();
      await renew.waitFor({ state: 'attached', timeout: 10000 });
      await check('Record renewal', () => pressOn(renew));
      console.log(`# dialogs checked (${theme}, ${size.width}): ${opened.join(', ')}`);
      assert.ok(opened.includes('Record renewal'), `dialogs checked: ${opened.join(', ')}`);
      assert.ok(opened.length >= 8, `dialogs checked: ${opened.join(', ')}`);
      assert.deepEqual(found, {}, JSON.stringify(found, null, 1));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('a menu opened from the keyboard stays open while the mouse rests over another menu of the bar', async () => {
  const { context, page, errors } = await openWithLog();
  try {
    await settle(page);
    // The person's mouse rests on "File" (hovering, not clicking); they open "Help" from the keyboard.
    const file = await page.getByRole('menuitem', { name: 'File', exact: true }).boundingBox();
    await page.mouse.move(file.x + file.width / 2, file.y + file.height / 2);
    await settle(page);
    await pressOn(page.getByRole('menuitem', { name: 'Help', exact: true }));
    await page.getByRole('menuitem', { name: 'Keyboard shortcuts', exact: true }).waitFor({ state: 'attached', timeout: 5000 });
    await settle(page);
    await settle(page);
    assert.equal(await page.getByRole('menuitem', { name: 'Keyboard shortcuts', exact: true }).count(), 1, 'Help is still open');
    assert.equal(await page.getByRole('menuitem', { name: 'Export backup (ZIP)', exact: true }).count(), 0, 'File did not open');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Settings at 1280x800: a field below the fold is in the accessibility tree before scrolling; Tab reaches it, the view scrolls to it, and the keyboard saves it', async () => {
  const { context, page, errors } = await openWithLog({ viewport: { width: 1280, height: 800 } });
  try {
    await openView(page, 'settings');
    await settle(page);
    const field = page.getByRole('textbox', { name: 'Your name' });
    // Drawn below the window's bottom edge: its element sits at its logical place, clipped away.
    const below = await field.evaluate((el) => ({ top: el.getBoundingClientRect().top, offscreen: el.classList.contains('a11y-offscreen') }));
    assert.ok(below.top >= 800 && below.offscreen, `"Your name" is below the fold (${JSON.stringify(below)})`);
    const t = await axTree(page);
    assert.ok(t.roles.includes('textbox: Your name'), `the AX tree names it before scrolling: ${t.roles.join(' | ')}`);
    assert.ok(t.roles.includes('button: Save profile'), 'and the button after it');
    await screenshot(page, 'a11y-settings-before-tab');
    // From the last button drawn on screen, Tab walks on into what is below the fold.
    await page.getByRole('button', { name: 'Restore backup…' }).focus();
    let steps = 0;
    while (!(await field.evaluate((el) => el === document.activeElement)) && steps < 40) {
      await page.keyboard.press('Tab');
      steps++;
    }
    assert.ok(steps < 40, 'Tab reached "Your name"');
    // Focus scrolled the view: the field is drawn on screen and its element with it.
    await focusedInView(page, 800);
    await page.keyboard.type('Jordan Lee', { delay: 20 });
    await page.waitForFunction(() => document.activeElement.value === 'Jordan Lee', null, { timeout: 5000 });
    await settle(page);
    // A character typed reads back from the field's element in the frame that takes it (a screen
    // reader echoes it then), not a flush of the mirror later: counted in the app's frames.
    await page.evaluate(() => {
      window.__typed = null;
      document.activeElement.addEventListener('keydown', () => { window.__typed = window.recertTest.framesDrawn(); }, { once: true });
    });
    await page.keyboard.type('s');
    const echo = await page.waitForFunction(() => window.__typed !== null && document.activeElement.value === 'Jordan Lees' &&
      window.recertTest.framesDrawn() - window.__typed, null, { timeout: 5000, polling: 'raf' });
    const frames = await echo.jsonValue();
    assert.ok(frames <= 2, `the typed "s" reached the field's element ${frames} frames after its key (at most 2)`);
    await page.keyboard.press('Backspace');
    await page.waitForFunction(() => document.activeElement.value === 'Jordan Lee', null, { timeout: 5000 });
    await settle(page);
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.activeElement.getAttribute('aria-label') === 'Email', null, { timeout: 5000 });
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.activeElement.getAttribute('aria-label') === 'Save profile', null, { timeout: 5000 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Profile saved/.test(document.querySelector('#a11y-root .a11y-live[aria-live="polite"]').textContent), null, { timeout: 10000 });
    await screenshot(page, 'a11y-settings-after-save');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('what is typed the moment a field below the fold takes focus reaches it whole; a field left before its activation is not activated', async () => {
  const { context, page, errors } = await openWithLog({ viewport: { width: 1280, height: 800 } });
  try {
    await openView(page, 'settings');
    await settle(page);
    const name = page.getByRole('textbox', { name: 'Your name' });
    assert.ok(await name.evaluate((el) => el.classList.contains('a11y-offscreen')), '"Your name" starts below the fold');
    // Focus, then keys at once: the app scrolls the field into view and activates it over a few
    // frames, and the first characters wait for it rather than reach no field.
    // What the field's element shows (a screen reader reads it), sampled every animation frame.
    await page.evaluate(() => {
      window.__shown = [];
      const sample = () => {
        const el = document.activeElement;
        if (el && el.tagName === 'INPUT' && el.value !== window.__shown[window.__shown.length - 1]) window.__shown.push(el.value);
        if (!window.__stopSampling) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await name.focus();
    await page.keyboard.type('Jordan Lee');
    await page.waitForFunction(() => document.activeElement.value === 'Jordan Lee', null, { timeout: 5000 })
      .catch(async () => assert.fail(`the field holds ${JSON.stringify(await page.evaluate(() => document.activeElement.value))}, not "Jordan Lee"`));
    await settle(page);
    const shown = await page.evaluate(() => { window.__stopSampling = true; return window.__shown; });
    // Its text only grows while the app catches up with the keys: never set back to an older text.
    assert.ok(shown.every((v, i) => i === 0 || v.length > shown[i - 1].length), `the field showed ${JSON.stringify(shown)}`);
    assert.equal(shown[shown.length - 1], 'Jordan Lee');
    await focusedInView(page, 800);
    // Email takes focus and gives it on to Save profile before its activation applies: the Email
    // field must not be activated behind the button's back (Enter then saves, nothing typed there).
    const email = page.getByRole('textbox', { name: 'Email' });
    const save = page.getByRole('button', { name: 'Save profile' });
    await email.evaluate((el, next) => { el.focus(); next.focus(); }, await save.elementHandle());
    await settle(page);
    assert.equal(await page.evaluate(() => window.recertTest.state().textField || ''), '', 'no field has the keyboard in the app');
    await pressOn(save);
    const saved = () => page.waitForFunction(() => /Profile saved/.test(document.querySelector('#a11y-root .a11y-live[aria-live="polite"]').textContent), null, { timeout: 10000 });
    await saved();
    // Enter on a button that waits to scroll into view, and focus moving on to a field in the same
    // moment: both happen, in order (the button's click is neither replaced by the field's nor cut
    // short by it). Save profile is enabled by an edit, and the first "Profile saved" has gone.
    await page.waitForFunction(() => !window.recertTest.state().toasts.length, null, { timeout: 15000, polling: 200 });
    await name.focus();
    await page.keyboard.type(' Jr');
    await page.waitForFunction(() => document.activeElement.value === 'Jordan Lee Jr', null, { timeout: 5000 });
    await page.getByRole('button', { name: 'Restore backup…' }).focus();
    await settle(page);
    assert.ok(await save.evaluate((el) => el.classList.contains('a11y-offscreen')), 'Save profile is below the fold again');
    await page.evaluate(() => { document.querySelector('#a11y-root .a11y-live[aria-live="polite"]').textContent = ''; });
    await save.evaluate((el, field) => {
      el.focus();
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
      field.focus();
    }, await name.elementHandle());
    await saved().catch(async (e) => {
      const st = await page.evaluate(() => [window.recertTest.state().toasts, document.activeElement.getAttribute('aria-label')]);
      throw new Error(`${e.message}: nothing said "Profile saved" (toasts and focus: ${JSON.stringify(st)})`);
    });
    await page.keyboard.type('.');
    await page.waitForFunction(() => document.activeElement.value === 'Jordan Lee Jr.', null, { timeout: 5000 })
      .catch(async () => assert.fail(`the field holds ${JSON.stringify(await page.evaluate(() => document.activeElement.value))}, not "Jordan Lee Jr."`));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a dialog body at 390x844: the controls scrolled out of it are in the tree, Tab reaches each and scrolls it into view', async () => {
  const { context, page, errors } = await openWithLog({ viewport: { width: 390, height: 844 } });
  try {
    await settle(page);
    await pressOn(page.getByRole('button', { name: 'Add activity' }).first());
    const dialog = page.getByRole('dialog').first();
    await dialog.waitFor({ state: 'attached', timeout: 10000 });
    await settle(page);
    // Some of the form is out of the dialog's scrolled body, yet in the tree.
    const hidden = await dialog.evaluate((d) => Array.from(d.querySelectorAll('.a11y-offscreen[tabindex="0"]')).map((el) => el.getAttribute('aria-label') || el.textContent));
    assert.ok(hidden.length > 0, 'controls scrolled out of the dialog body are mirrored');
    // Tab walks every control of the dialog (it wraps at the ends); each one scrolled out comes into
    // view when it takes focus.
    const names = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => document.activeElement.getAttribute('aria-label') || document.activeElement.textContent);
      names.push(name);
      if (hidden.includes(name)) await focusedInView(page, 844);
    }
    for (const name of hidden) assert.ok(names.includes(name), `Tab reached "${name}" (${names.join(' | ')})`);
    await screenshot(page, 'a11y-dialog-phone-tabbed');
    // A dialog that closes leaves the mirror in the frames that follow, not when the canvas settles:
    // until then the page under it is inert there, and its controls refuse focus. Counted in the
    // app's frames from the key on Cancel (press, release, then the tree), not in milliseconds.
    await settle(page);
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).focus();
    await settle(page);
    await page.evaluate(() => {
      window.__pressed = null;
      document.activeElement.addEventListener('keydown', () => { window.__pressed = window.recertTest.framesDrawn(); }, { once: true });
    });
    await page.keyboard.press('Enter');
    const gone = await page.waitForFunction(() => window.__pressed !== null && !document.querySelector('#a11y-root [role="dialog"]') &&
      { frames: window.recertTest.framesDrawn() - window.__pressed }, null, { timeout: 5000, polling: 'raf' });
    const { frames } = await gone.jsonValue();
    assert.ok(frames <= 5, `the closed dialog left the mirror ${frames} frames after Enter on Cancel (at most 5; 4 here, 15 before it followed popups)`);
    const add = page.getByRole('button', { name: 'Add activity' }).first();
    assert.equal(await add.evaluate((el) => !!el.closest('[inert]')), false, 'the page under the dialog is no longer inert');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// The mirror puts its elements in reading order by moving the ones out of order; moving the element
// that has focus blurred it. In the CPR card dialog, the date typed into Issued removes the error line
// under it, and Expires moves up: focus taken by Expires in the moment between that frame and the
// next fell to the page, and the date typed next went nowhere (the seed flow's "Expires reads back
// ''" flake). The focus is moved from inside the page at that moment (a test outside it cannot time
// it); before the fix Expires stayed empty 4 of 4 times.
test('a field that takes focus as the fields around it move keeps it, and what is typed next lands in it', async () => {
  const { context, page, errors } = await openWithLog({}, 30, { withCprCard: true });
  try {
    await pressOn(page.getByRole('button', { name: 'Upload CPR card' }).first());
    const dialog = page.getByRole('dialog', { name: 'CPR/AED card' });
    const issued = dialog.getByLabel('Issued', { exact: true });
    const expires = dialog.getByLabel('Expires', { exact: true });
    await expires.waitFor({ state: 'attached', timeout: 10000 });
    // The moment Issued's element reads back the whole date (the frame that applied its last
    // character, whose next frame drops the error line), Expires takes focus.
    await page.evaluate(([want, next]) => {
      window.__moved = null;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (document.activeElement && document.activeElement.value === want) {
          next.focus();
          window.__moved = { took: document.activeElement === next };
          return;
        }
        channel.port2.postMessage(0);
      };
      channel.port2.postMessage(0);
    }, ['2025-09-14', await expires.elementHandle()]);
    await issued.focus();
    await page.waitForTimeout(150);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2025-09-14', { delay: 20 });
    await page.waitForFunction(() => window.__moved, null, { timeout: 5000 });
    assert.equal((await page.evaluate(() => window.__moved)).took, true, 'Expires took focus');
    await page.waitForTimeout(300); // the frames that move Expires up, and their mirror updates
    assert.equal(await expires.evaluate((el) => el === document.activeElement), true, 'Expires still has focus');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2027-09-14', { delay: 20 });
    const held = await page.waitForFunction((el) => el.value === '2027-09-14', await expires.elementHandle(), { timeout: 5000 })
      .then(() => '2027-09-14', () => expires.inputValue());
    assert.equal(held, '2027-09-14', 'Expires reads back what was typed');
    assert.equal(await issued.inputValue(), '2025-09-14');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
