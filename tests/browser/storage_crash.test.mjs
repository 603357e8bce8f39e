// Closing the page in the middle of a bulk save, 50 times: the store then holds either the old or
// the new state of every record (one IndexedDB transaction per save), never a mix and never a
// damaged record, and it always loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './harness.mjs';
import { serveStoragePage, openStoragePage } from './storage_helpers.mjs';

const RUNS = 50;
const ACTIVITIES = 400;

let browser;
let server;

before(async () => {
  server = await serveStoragePage();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// The generation every record carries, or throws when records disagree (a half-written save).
function generationOf(log) {
  const gens = new Set();
  for (const a of log.activities) gens.add(a.title.replace(/ #\d+$/, ''));
  for (const c of log.credentials) gens.add(c.id_number);
  assert.equal(gens.size, 1, `a mix of generations: ${[...gens].join(', ')}`);
  return [...gens][0];
}

test(`closing the page during a bulk save ${RUNS} times never leaves a mix`, async () => {
  const context = await browser.newContext();
  try {
    const first = await openStoragePage(context, server.url);
    await first.evaluate(() => stOpen('crash'));
    const t0 = Date.now();
    const r = await first.evaluate((n) => stRun({ op: 'seed', s: 0, credentials: 2, activities: n, gen: '0' }), ACTIVITIES);
    assert.equal(r.state, 'ok');
    const saveMs = Date.now() - t0;
    await first.close();

    const reader = await openStoragePage(context, server.url);
    let expected = 0; // the last generation known to be committed
    const outcomes = { old: 0, new: 0 };
    for (let run = 1; run <= RUNS; run++) {
      const writer = await openStoragePage(context, server.url);
      await writer.evaluate(() => stOpen('crash'));
      // Start the save of generation `run` and close the page after a delay spread over the save.
      await writer.evaluate(({ n, gen }) => { window.__op = st({ op: 'seed', s: 0, credentials: 2, activities: n, gen }); }, { n: ACTIVITIES, gen: String(run) });
      await new Promise((res) => setTimeout(res, (run * 37) % Math.max(2, Math.round(saveMs))));
      await writer.close({ runBeforeUnload: false });

      // A new connection and a full load, as after a reload (the reader page itself stays open).
      const state = await reader.evaluate(() => stOpen('crash'));
      const s = state.s;
      assert.equal(state.load.state, 'ok', `run ${run}: ${state.load.error}`);
      assert.equal(state.activities, ACTIVITIES);
      assert.equal(state.credentials, 2);
      const log = JSON.parse((await reader.evaluate((s) => st({ op: 'dump', s }), s)).log);
      const gen = generationOf(log);
      const revs = new Set(log.activities.map((a) => a.rev));
      assert.equal(revs.size, 1, `run ${run}: revisions differ`);
      if (gen === `gen ${run}`) {
        outcomes.new++;
        expected = run;
      } else {
        assert.equal(gen, `gen ${expected}`, `run ${run}: neither the old nor the new state`);
        outcomes.old++;
      }
      assert.equal([...revs][0], outcomes.new + 1, `run ${run}: one revision per completed save`);
      await reader.evaluate((s) => st({ op: 'close', s }), s);
    }
    console.log(`# bulk save of ${ACTIVITIES} activities (~${saveMs} ms): ${outcomes.new} completed, ${outcomes.old} interrupted`);
    assert.equal(outcomes.new + outcomes.old, RUNS);
    assert.ok(outcomes.old > 0, 'some saves were interrupted (otherwise this test proves nothing)');
    assert.ok(outcomes.new > 0, 'some saves completed');
  } finally {
    await context.close();
  }
});
