// Helpers shared by the browser tests that drive the dashboard like a person: find a drawn
// item by a substring or predicate of its path, click it once it sits still (scrolling it into
// view), type into text fields, read the table's rows, talk to the embedding protocol, and read
// what the person sees (window.recertTest.state(): toasts, dialogs).
import { waitForItem, clickItem, itemRect, waitForInputApplied, pressOn } from './harness.mjs';

export const paths = (page) => page.evaluate(() => window.recertTest.itemPaths());

// The first drawn item path for which `match` (substring or predicate) holds, waiting for it.
export async function findPath(page, match, timeout = 5000) {
  const test = typeof match === 'function' ? match : (p) => p.includes(match);
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await paths(page)).find(test);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no drawn item matches ${match}; drawn: ${(await paths(page)).join(' | ')}`);
    // Nudge the on-demand loop so it draws (and records) a fresh frame.
    await page.mouse.move(2, 2 + Math.random() * 3);
    await page.waitForTimeout(50);
  }
}

export async function click(page, match) {
  return clickItem(page, await findPath(page, match));
}

// Scrolls the window under the middle of the page (a dialog) until `itemPath` is drawn on screen.
export async function scrollIntoView(page, itemPath, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let direction = 120;
  for (;;) {
    const r = await itemRect(page, itemPath);
    if (r && r.visible && r.h >= 10) return r;
    if (Date.now() > deadline) return waitForItem(page, itemPath, 10);
    const vp = page.viewportSize();
    await page.mouse.move(vp.width / 2, vp.height / 2);
    // Items above the visible area have y < 0 relative to their window: scroll up for them.
    if (r && r.y < vp.height / 4) direction = -120;
    await page.mouse.wheel(0, direction);
    await page.waitForTimeout(80);
  }
}

// Clicks an item once it is on screen and has stopped moving (a dialog that grew is moved back
// on screen a frame later; a click on the old position would miss).
export async function clickVisible(page, itemPath) {
  let r = await scrollIntoView(page, itemPath);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(80);
    const again = await itemRect(page, itemPath);
    if (again && again.x === r.x && again.y === r.y) break;
    r = again ?? r;
  }
  return clickItem(page, itemPath);
}

// Clicks a text field, selects what it holds and types `text` like a person (small delay).
export async function typeInto(page, itemPath, text, delay = 15) {
  await clickVisible(page, itemPath);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay });
  await waitForInputApplied(page);
}

// Titles of the table rows in drawing (= display) order, read from the row labels "<title>###row<id>".
export async function rowTitles(page) {
  return (await paths(page))
    .filter((p) => p.includes('###row'))
    .map((p) => p.slice(0, p.indexOf('###row')).split('/').pop());
}

export async function waitForRows(page, predicate, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const rows = await rowTitles(page);
    if (predicate(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`rows never matched; last: ${JSON.stringify(rows)}`);
    await page.mouse.move(3, 3 + Math.random() * 3);
    await page.waitForTimeout(60);
  }
}

// Runs an embedding-protocol command (src/platform/web/embed_web.cpp) and returns its reply.
export async function embedCommand(page, command, args = {}) {
  return page.evaluate(([c, a]) => JSON.parse(window.Module.ccall('recert_embed_command', 'string', ['string'],
    [JSON.stringify({ command: c, args: a })])), [command, args]);
}

// ImGui 1.86 names a tab for the test engine before registering its rectangle, so tabs have no
// recorded path: switch views through the embedding protocol's openView instead.
export async function openActivitiesTab(page) {
  const tab = (await paths(page)).find((p) => p.endsWith('###Activities'));
  if (tab) await clickItem(page, tab);
  else {
    await page.waitForFunction(() => window.Module && window.Module.ccall);
    for (let i = 0; i < 50; i++) {
      const r = await embedCommand(page, 'openView', { view: 'activities' });
      if (r.ok) break;
      await page.waitForTimeout(100);
    }
  }
  // The view's own "Add activity" (icon and two spaces; the dashboard's has one): until it is
  // drawn, a path found for "Add activity" may still be the dashboard's.
  await findPath(page, '  Add activity');
}

// Switches to a view through the embedding protocol (tabs have no recorded rectangles).
export async function openView(page, view) {
  await page.waitForFunction(() => window.Module && window.Module.ccall);
  for (let i = 0; i < 100; i++) {
    const r = await embedCommand(page, 'openView', { view });
    if (r.ok) return r;
    await page.waitForTimeout(100);
  }
  throw new Error(`openView ${view} never succeeded`);
}

// What the person sees: toasts, the restore and conflict dialogs, the backup reminder.
export const appState = (page) => page.evaluate(() => window.recertTest.state());

// Waits until predicate(appState) holds, nudging the on-demand loop; returns that state.
export async function waitForState(page, predicate, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const st = await appState(page);
    if (st && predicate(st)) return st;
    if (Date.now() > deadline) throw new Error(`state never matched; last: ${JSON.stringify(st)}`);
    await page.mouse.move(4, 4 + Math.random() * 3);
    await page.waitForTimeout(60);
  }
}

// Adds an activity through the embedding protocol's addActivity (validated like the form),
// retrying while the records are still opening.
export async function addActivityByCommand(page, activity) {
  for (let i = 0; i < 100; i++) {
    const r = await embedCommand(page, 'addActivity', { activity });
    if (r.ok) return r;
    if (!/not ready|opening/i.test(r.error ?? '')) throw new Error(`addActivity: ${r.error}`);
    await page.waitForTimeout(100);
  }
  throw new Error('addActivity never succeeded');
}

// A recert-log document (src/core/LOG_FORMAT.md) with `activities` generated activities spread
// over 2023-2026 and one ACSM CPT credential, for tests and benchmarks of big logs.
// `withCprCard`: a second ACSM CPT credential, the same but with a current CPR/AED card on file (its
// file named, not stored): ready to renew once the activities cover its credits.
export function makeLogText(activities, { seed = 1, withCprCard = false } = {}) {
  const formats = ['live', 'online', 'home_study', 'conference_session', 'college_course'];
  const providers = ['ACSM', 'NSCA', 'ACE', 'NASM', 'Cooper Institute', 'Université de Montréal'];
  const pad = (n, w) => String(n).padStart(w, '0');
  const acts = [];
  for (let i = 0; i < activities; i++) {
    const day = (i * 7919 + seed) % 1400; // ~3.8 years of days, deterministic
    const d = new Date(Date.UTC(2023, 0, 1) + day * 86400000).toISOString().slice(0, 10);
    acts.push({
      id: `gen-${seed}-${pad(i, 6)}`, rev: 1, earned: d, reported: null,
      title: `Course ${pad(i, 5)}: ${['Strength', 'Nutrition', 'Mobility', 'Coaching', 'Recovery'][i % 5]} topics`,
      provider: providers[i % providers.length], provider_approval: '', course_number: `C-${pad(i, 5)}`,
      format: formats[i % formats.length], category: '', category_for: {},
      amount: `${1 + (i % 4)}.${(i % 2) * 5}`, unit: 'cec', sessions: [], claim_id: '', statement_printed: null,
      status: 'posted', source: 'self_reported', evidence: [], notes: '', duplicate_of: '', excluded_from: [],
    });
  }
  const cred = {
    id: `cred-${seed}`, rev: 1, body: 'acsm', program: 'cpt', certified_on: '2021-01-01',
    cycle: { start: '2024-01-01', end: '2026-12-31' }, id_number: '', prerequisites: [], history: [],
  };
  const credentials = [cred];
  if (withCprCard) {
    credentials.push({ ...cred, id: `cred-${seed}-card`, prerequisites: [{ kind: 'cpr_aed', issued: '2025-06-01', expires: '2027-06-01',
      hands_on: true, file: { sha256: 'c'.repeat(64), name: 'cpr-card.pdf', mime: 'application/pdf' } }] });
  }
  return JSON.stringify({ format: 'recert-log', version: 1, credentials, activities: acts });
}

// Restores `text` (a JSON log) through Settings → Restore backup… → Restore (merge), waiting
// until the records are stored and shown.
export async function restoreLogThroughUi(page, name, text, expectActivities, timeout = 60000) {
  await openView(page, 'settings');
  const chooser = page.waitForEvent('filechooser');
  await click(page, (p) => p.endsWith('Restore backup…'));
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const st = await waitForState(page, (s) => s.restore.stage === 'summary', timeout);
  if (st.restore.error) throw new Error(`restore refused: ${st.restore.error}`);
  await clickItem(page, 'Restore backup/Restore');
  return waitForState(page, (s) => s.restore.stage === 'closed' && s.activities === expectActivities, timeout);
}

// The import dialog's state: {open, reading, progress, rows, importing, duplicates, working, error}.
export const importState = (page) => page.evaluate(() => JSON.parse(window.Module.ccall('recert_test_import_state', 'string', [], [])));

// Polls the import dialog until `predicate` holds. `nudge` moves the mouse a pixel between polls to
// keep the on-demand loop drawing (a reading import draws by itself).
export async function waitForImport(page, predicate, timeout = 10000, { nudge = true } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const s = await importState(page);
    if (predicate(s)) return s;
    if (Date.now() > deadline) throw new Error(`import state never matched: ${JSON.stringify(s)}`);
    if (nudge) await page.mouse.move(3, 3 + Math.random() * 3);
    await page.waitForTimeout(nudge ? 60 : 40);
  }
}

// Opens a menu of the menu bar and chooses `item`, by keyboard (the mirror's menu items).
export async function menu(page, name, item) {
  await pressOn(page.getByRole('menuitem', { name, exact: true }));
  const entry = page.getByRole('menuitem', { name: item, exact: true });
  await entry.waitFor({ state: 'attached', timeout: 5000 });
  await pressOn(entry);
}

// Escape closes a dialog; in a text field being edited the first Escape cancels that field's edit
// (ImGui's behaviour), the next one closes.
export async function closeWithEscape(page) {
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('Escape');
    try {
      await page.getByRole('dialog').first().waitFor({ state: 'detached', timeout: 1500 });
      await page.waitForTimeout(350); // the on-demand loop draws what closed
      return;
    } catch { /* still open: it was editing */ }
  }
  throw new Error('Escape did not close the dialog');
}
