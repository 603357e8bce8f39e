// What the person's display asks for (issue #15), in the browser: the system's reduced motion, more
// contrast and forced colours reach the app at start and when they change; the UI scale setting
// (Settings › UI scale, by keyboard) takes 200% and keeps it after a reload; at 200% UI scale and at
// 200% browser zoom every control of every view stays on screen horizontally (reachable by scrolling
// down, never cut at the side), as the screen reader's mirror and a screenshot show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serve, openApp, screenshot, pixelAt, hex, waitForFirstFrame, pressOn } from './harness.mjs';
import { restoreLogThroughUi, makeLogText, openView, appState, waitForState } from './ui_helpers.mjs';

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

const VIEWS = ['dashboard', 'activities', 'planner', 'renewal', 'audit', 'settings'];

// Interactive mirror elements (what Tab reaches) whose box leaves the viewport sideways.
async function cutAtTheSide(page, width) {
  return page.evaluate((w) => [...document.querySelectorAll('#a11y-root [tabindex]')]
    .map((el) => ({ name: el.getAttribute('aria-label') || el.textContent || el.tagName, r: el.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.left < -1 || r.right > w + 1))
    .map(({ name, r }) => `${name} [${Math.round(r.left)}, ${Math.round(r.right)}]`), width);
}

// Every view in turn: the controls cut at the side, by view (a screenshot of the dashboard).
async function cutInEveryView(page, width, shot) {
  const cut = {};
  for (const view of VIEWS) {
    await openView(page, view);
    await page.waitForTimeout(400);
    const c = await cutAtTheSide(page, width);
    if (c.length) cut[view] = c;
    if (view === 'dashboard') await screenshot(page, shot);
  }
  return cut;
}

test('reduced motion, more contrast and forced colours are followed at start and when they change', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { viewport: { width: 1280, height: 800 } });
  try {
    await waitForState(page, (s) => s.loaded);
    assert.deepEqual((await appState(page)).display, { reducedMotion: false, moreContrast: false, forcedColors: false, uiScale: 100 });
    const background = async () => hex(pixelAt(await page.screenshot(), 1200, 780));
    const plain = await background();
    await page.emulateMedia({ reducedMotion: 'reduce', contrast: 'more' });
    const s = await waitForState(page, (st) => st.display.moreContrast && st.display.reducedMotion);
    assert.equal(s.display.forcedColors, false);
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    const contrast = await background();
    assert.notEqual(contrast, plain, 'the high-contrast theme is drawn');
    await screenshot(page, 'display-more-contrast');
    await page.emulateMedia({ reducedMotion: 'no-preference', contrast: 'no-preference', forcedColors: 'active' });
    await waitForState(page, (st) => st.display.forcedColors && !st.display.moreContrast && !st.display.reducedMotion);
    await page.emulateMedia({ forcedColors: 'none' });
    await waitForState(page, (st) => !st.display.forcedColors);
    await page.mouse.move(6, 6);
    await page.waitForTimeout(300);
    assert.equal(await background(), plain, 'back to the ordinary theme');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// The GL state the ImGui backend reads each frame comes from memory (gl_state_cache.h); with
// ?glcheck=1 every answer is also read from GL: none may differ, through a font atlas rebuilt at a
// new scale, a reload and every view.
async function glCacheAgrees(page, when) {
  const gl = (await appState(page)).glCache;
  assert.equal(gl.check, true, 'the GL state check is on');
  assert.ok(gl.realQueries > 20, `${when}: frames were drawn with the check (${gl.realQueries} GL reads)`);
  assert.equal(gl.mismatches, 0, `${when}: every GL state answer from memory matched GL`);
}

test('UI scale 200%, chosen by keyboard, is kept after a reload; no control is cut at the side in any view', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { viewport: { width: 1280, height: 800 }, query: 'testhooks=1&glcheck=1' });
  try {
    await restoreLogThroughUi(page, 'log.json', makeLogText(40), 40);
    await openView(page, 'settings');
    const combo = page.getByRole('combobox', { name: 'UI scale' });
    await combo.waitFor({ state: 'attached', timeout: 10000 });
    await pressOn(combo);
    const option = page.getByRole('option', { name: '200%' });
    await option.waitFor({ state: 'attached', timeout: 5000 });
    await pressOn(option);
    await waitForState(page, (s) => s.display.uiScale === 200);
    await page.waitForTimeout(800); // the settings are saved with the log
    await glCacheAgrees(page, 'after the scale changed');
    await page.reload();
    await waitForFirstFrame(page);
    await waitForState(page, (s) => s.loaded && s.display.uiScale === 200, 30000);
    assert.deepEqual(await cutInEveryView(page, 1280, 'display-ui-scale-200'), {});
    await glCacheAgrees(page, 'after a reload and every view');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('browser zoom 200% (640x400 CSS px at DPR 2): no control is cut at the side in any view', async () => {
  const { context, page, errors } = await openApp(browser, server.url, { viewport: { width: 1280, height: 800 }, dpr: 2 });
  try {
    await restoreLogThroughUi(page, 'log.json', makeLogText(40), 40);
    await page.setViewportSize({ width: 640, height: 400 }); // the same window, zoomed to 200%
    assert.deepEqual(await cutInEveryView(page, 640, 'display-zoom-200'), {});
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
