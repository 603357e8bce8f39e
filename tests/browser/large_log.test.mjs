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

    // The mirror's grid keeps its rows in reading order while rows scrolled in reuse the elements
    // of rows scrolled out: the DOM order is the row order, down and back up.
    const mirrorRows = () => page.evaluate(() =>
      [...document.querySelectorAll('#a11y-root [role="grid"] [role="row"][aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex'))));
    const inOrder = async (what) => {
      await page.waitForFunction(() => document.querySelectorAll('#a11y-root [role="grid"] [role="row"][aria-rowindex]').length > 5);
      await page.waitForTimeout(400); // the mirror follows once the canvas has been still for 100 ms
      const rows = await mirrorRows();
      const body = rows.filter((r) => r > 1); // 1 is the header row
      assert.ok(body.length > 5, `${what}: the mirror holds a screenful of rows (${rows.join(',')})`);
      for (let i = 1; i < body.length; i++) assert.equal(body[i], body[i - 1] + 1, `${what}: rows in reading order (${rows.join(',')})`);
      return body;
    };
    const down = await inOrder('scrolled down');
    assert.ok(down[0] > 100, `scrolled far down (first row ${down[0]})`);
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(60);
    }
    const up = await inOrder('scrolled a little back up');
    assert.ok(up[0] < down[0] && up[up.length - 1] > down[0], `some rows stayed and some came in (${down[0]}.. then ${up[0]}..${up[up.length - 1]})`);

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
