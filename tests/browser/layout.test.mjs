// Layout over every view and dialog at 1280x800, 1024x768 and 390x844 (#18 item 3): nothing a person
// can press is cut at the window's edge. The accessibility mirror places an element on each item
// ImGui drew (src/platform/web/recert_web.js, RecertA11y.position), so the page's own boxes say
// where each control is. In a view, controls may continue below the fold (the view scrolls) but none
// is cut at the sides; in a dialog every control drawn is inside the window and its main action is
// on screen (a dialog taller than the window scrolls its body; its title bar and actions stay).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serve, openApp, screenshot, pressOn } from './harness.mjs';
import { restoreLogThroughUi, makeLogText, openView, menu, closeWithEscape } from './ui_helpers.mjs';

const VIEWS = ['dashboard', 'activities', 'planner', 'renewal', 'audit', 'settings'];
const SIZES = [{ width: 1280, height: 800 }, { width: 1024, height: 768 }, { width: 390, height: 844 }];
const INTERACTIVE = '[role="button"],[role="link"],[role="checkbox"],[role="radio"],[role="combobox"],[role="textbox"],' +
  '[role="searchbox"],[role="tab"],[role="menuitem"],[role="slider"],[role="spinbutton"],[role="switch"],button,input,select,textarea';
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

const settle = (page) => page.waitForTimeout(350);

// The boxes of the interactive mirror elements under `scope` (a CSS selector), in CSS pixels.
function boxes(page, scope) {
  return page.evaluate(({ scope, sel }) => {
    const root = document.querySelector(scope);
    if (!root) return [];
    return [...root.querySelectorAll(sel)].map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 60), role: el.getAttribute('role') || el.tagName.toLowerCase(),
               x: r.left, y: r.top, right: r.right, bottom: r.bottom, w: r.width, h: r.height };
    }).filter((b) => b.w > 0 && b.h > 0);
  }, { scope, sel: INTERACTIVE });
}

const outside = (b, size, sides) =>
  b.x < -1 || b.right > size.width + 1 || (!sides && (b.y < -1 || b.bottom > size.height + 1));

const CSV = ['Date,Course,Provider,Credits', ...Array.from({ length: 10 }, (_, i) => `2025-03-${String(i + 1).padStart(2, '0')},Course ${i + 1},ACSM,2`)].join('\n') + '\n';

// Each dialog: how to open it, and the action that must be on screen once it is open.
const DIALOGS = [
  ['Keyboard shortcuts', (page) => menu(page, 'Help', 'Keyboard shortcuts'), /^Close$/],
  ['About Recert', (page) => menu(page, 'Help', 'About Recert'), /^Close$/],
  ['Finalize statement', (page) => menu(page, 'Reports', 'Finalize statement…'), /^Finalize statement$/],
  ['Prepare audit packet', (page) => menu(page, 'Reports', 'Prepare audit packet…'), /^Build ZIP/],
  ['Import activities', async (page) => {
    const chooser = page.waitForEvent('filechooser');
    await menu(page, 'Reports', 'Import CSV or Open Badge…');
    await (await chooser).setFiles({ name: 'classes.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: /^Import 10 activities/ }).waitFor({ state: 'attached', timeout: 10000 });
  }, /^Import 10 activities/],
  ['Restore backup', async (page) => {
    const chooser = page.waitForEvent('filechooser');
    await menu(page, 'File', 'Restore backup…');
    await (await chooser).setFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(makeLogText(3, { seed: 7 })) });
    await page.getByRole('dialog', { name: 'Restore backup' }).getByRole('radio', { name: 'Merge (recommended)' }).waitFor({ state: 'attached', timeout: 10000 });
  }, /^Restore$/],
  ['Credential', async (page) => {
    await openView(page, 'dashboard');
    await settle(page);
    await pressOn(page.getByRole('button', { name: 'Add credential' }).first());
  }, /^Save/],
  ['Activity', async (page) => {
    await openView(page, 'dashboard');
    await settle(page);
    await pressOn(page.getByRole('button', { name: 'Add activity' }).first());
  }, /^Save/],
];

for (const size of SIZES) {
  test(`layout at ${size.width}x${size.height}: no control cut at the side of any view; every dialog fits with its actions on screen`, async () => {
    const { context, page, errors } = await openApp(browser, server.url, { viewport: size });
    try {
      await restoreLogThroughUi(page, 'log.json', makeLogText(30), 30);
      const problems = [];
      for (const view of VIEWS) {
        await openView(page, view);
        await settle(page);
        const list = await boxes(page, '#a11y-root');
        assert.ok(list.length >= 5, `${view}: ${list.length} controls mirrored`);
        for (const b of list.filter((b) => outside(b, size, true)))
          problems.push(`${view}: ${b.role} "${b.name}" at x ${Math.round(b.x)}–${Math.round(b.right)} of ${size.width}`);
      }
      const opened = [];
      for (const [name, open, action] of DIALOGS) {
        await open(page);
        const dialog = page.getByRole('dialog').first();
        await dialog.waitFor({ state: 'attached', timeout: 10000 });
        await settle(page);
        const label = await dialog.getAttribute('aria-label');
        opened.push(label);
        const list = await boxes(page, '[role="dialog"]');
        for (const b of list.filter((b) => outside(b, size, false)))
          problems.push(`${name}: ${b.role} "${b.name}" at ${Math.round(b.x)},${Math.round(b.y)}–${Math.round(b.right)},${Math.round(b.bottom)}`);
        if (!list.some((b) => b.role === 'button' && action.test(b.name)))
          problems.push(`${name}: no "${action.source}" button on screen (buttons: ${list.filter((b) => b.role === 'button').map((b) => b.name).join(', ')})`);
        // Each choice in a dialog has a label one can see, the same words its accessible name starts with.
        const unlabelled = await page.evaluate(() => {
          const dlg = document.querySelector('#a11y-root [role="dialog"]');
          const shown = [...dlg.querySelectorAll('[data-id]')].filter((e) => !e.getAttribute('role') || ['text', 'gridcell'].includes(e.getAttribute('role')))
            .map((e) => e.textContent.trim()).filter((t) => t);
          // A choice showing its value ("Name, value") is named for a label on screen, or for the row
          // it sits in ("Recert field for Date" beside the cell "Date"); an icon-only one (no value
          // shown) is named for what it does.
          return [...dlg.querySelectorAll('[role="combobox"]')].map((c) => c.getAttribute('aria-label') || '')
            .filter((label) => label.includes(', ')).map((label) => label.slice(0, label.indexOf(', ')))
            .filter((n) => !n || !shown.some((t) => n === t || n.endsWith(' ' + t)));
        });
        for (const n of unlabelled) problems.push(`${name}: the choice "${n}" has no visible label`);
        if (name === 'Import activities') await screenshot(page, `layout-import-${size.width}`);
        if (name === 'Prepare audit packet') await screenshot(page, `layout-packet-${size.width}`);
        await closeWithEscape(page);
      }
      console.log(`# ${size.width}x${size.height}: ${VIEWS.length} views, dialogs ${opened.join(', ')}`);
      assert.deepEqual(problems, []);
      assert.equal(opened.length, DIALOGS.length);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}
