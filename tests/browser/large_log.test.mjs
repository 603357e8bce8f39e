// A log of 10,000 activities restored through the UI: the table draws only the rows on screen
// (ImGuiListClipper), scrolls through all of them, filters and sorts, and survives a reload.
// Frame CPU times are printed for information (the benchmark measures them: scripts/bench frames).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serve, openApp, waitForFirstFrame, screenshot, clickItem } from './harness.mjs';
import {
  makeLogText, restoreLogThroughUi, openActivitiesTab, rowTitles, waitForRows, waitForState, typeInto, findPath,
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

test('10,000 activities: only visible rows are drawn, scrolling reaches the end, search narrows, reload keeps all', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await restoreLogThroughUi(page, 'big.json', makeLogText(10000), 10000);
    await openActivitiesTab(page);
    const first = await waitForRows(page, (rows) => rows.length > 5);
    assert.ok(first.length < 80, `the clipper draws only what fits (${first.length} rows drawn of 10,000)`);
    await screenshot(page, 'activities-10000');

    // Scroll far down: other rows are drawn, still only a screenful.
    await page.evaluate(() => window.recertTest.frameStats(true));
    const vp = page.viewportSize();
    await page.mouse.move(vp.width / 2, 300);
    for (let i = 0; i < 40; i++) {
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(25);
    }
    const later = await waitForRows(page, (rows) => rows.length > 5 && !rows.includes(first[0]));
    assert.ok(later.length < 80);
    const stats = await page.evaluate(() => window.recertTest.frameStats());
    assert.ok(stats.frames > 10, 'frames were drawn while scrolling');
    console.log(`# frame CPU while scrolling 10,000 rows: median ${stats.median.toFixed(2)} ms, p95 ${stats.p95.toFixed(2)} ms over ${stats.frames} frames`);

    // Text search narrows 10,000 rows to one.
    const search = await findPath(page, (p) => p.endsWith('/##search'));
    await typeInto(page, search, 'Course 04321');
    const one = await waitForRows(page, (rows) => rows.length === 1);
    assert.match(one[0], /^Course 04321:/);

    await page.reload();
    await waitForFirstFrame(page);
    const st = await waitForState(page, (s) => s.loaded, 30000);
    assert.equal(st.activities, 10000, 'all 10,000 are there after a reload');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
