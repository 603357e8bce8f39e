// Browser tests of the Activities view and the Add / Edit activity dialog: entering activities by
// clicking and typing like a person, inline validation, edit, delete + undo, non-ASCII text,
// sorting by a column header, the per-credential explanation, and screenshots at desktop and
// phone sizes (tests/artifacts/activities-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serve, openApp, waitForFirstFrame, waitForItem, waitForItemGone, clickItem, screenshot,
  waitForInputApplied,
} from './harness.mjs';
import {
  paths, findPath, click, scrollIntoView, clickVisible, typeInto, rowTitles, waitForRows, openActivitiesTab,
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

// [SECTION] Helpers (generic ones in ui_helpers.mjs)

// Adds an ACSM Certified Personal Trainer credential through the credential dialog.
async function addAcsmCpt(page, certified = '2024-01-15') {
  await click(page, 'Add credential');
  await clickItem(page, 'Credential/##body');
  await click(page, (p) => p.endsWith('/American College of Sports Medicine'));
  await clickItem(page, 'Credential/##program');
  await click(page, (p) => p.endsWith('/ACSM Certified Personal Trainer'));
  await typeInto(page, 'Credential/##certified_on', certified);
  await page.waitForTimeout(100);
  await clickItem(page, 'Credential/Save');
  await waitForItemGone(page, 'Credential/Save', 8000);
}

// Fills and saves the activity dialog (it must be open).
async function fillActivity(page, { title, provider = 'ACSM', earned, amount = '1.5', delay = 15 }) {
  await waitForItem(page, 'Activity/##title');
  await typeInto(page, 'Activity/##title', title, delay);
  await typeInto(page, 'Activity/##provider', provider, delay);
  if (earned) await typeInto(page, 'Activity/##earned', earned, delay);
  await typeInto(page, 'Activity/##amount', amount, delay);
}

async function saveActivity(page) {
  await page.waitForTimeout(60);
  const save = await scrollIntoView(page, 'Activity/Save');
  assert.equal(save.disabled, false, 'Save is enabled for a valid activity');
  await clickVisible(page, 'Activity/Save');
  await waitForItemGone(page, 'Activity/Save', 8000);
}

async function addActivity(page, fields) {
  await click(page, (p) => p.includes('Add activity') && !p.startsWith('Activity/'));
  await fillActivity(page, fields);
  await saveActivity(page);
  await waitForRows(page, (rows) => rows.includes(fields.title));
}

// The details panel's buttons ("<icon> Edit###Edit").
const isDetails = (name) => (p) => p.includes('/details_') && p.endsWith(`###${name}`);

// [SECTION] Tests

test('an activity added through the form appears in the table with its details', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await openActivitiesTab(page);
    await addActivity(page, { title: 'Exercise and the aging adult', provider: 'ACSM', amount: '1.5' });
    const rows = await rowTitles(page);
    assert.deepEqual(rows, ['Exercise and the aging adult']);
    // The saved entry is selected: its details panel shows and offers Edit and Delete.
    await findPath(page, isDetails('Edit'));
    await findPath(page, isDetails('Delete'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an invalid entry shows inline errors, keeps Save disabled and saves nothing', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await openActivitiesTab(page);
    await click(page, (p) => p.includes('Add activity'));
    await waitForItem(page, 'Activity/##title');
    // Visit the title and leave it empty, type letters into the credits.
    await clickVisible(page, 'Activity/##title');
    await typeInto(page, 'Activity/##amount', 'abc');
    await clickVisible(page, 'Activity/##provider');
    await findPath(page, 'error: Enter the course or activity title.');
    await findPath(page, 'error: Enter the credits, e.g. 1.5');
    const save = await waitForItem(page, 'Activity/Save');
    assert.equal(save.disabled, true, 'Save is disabled while the form is invalid');
    // A click on the disabled button does nothing: the dialog stays and nothing is stored.
    await page.mouse.click(save.x + save.w / 2, save.y + save.h / 2);
    await page.waitForTimeout(200);
    await waitForItem(page, 'Activity/Save');
    // An unparseable date says how to type it.
    await typeInto(page, 'Activity/##earned', '31/31/2025');
    await clickVisible(page, 'Activity/##provider');
    await findPath(page, 'error: Enter a date like YYYY-MM-DD.');
    await screenshot(page, 'activities-invalid-form');
    await clickVisible(page, 'Activity/Cancel');
    await waitForItemGone(page, 'Activity/Save');
    assert.deepEqual(await rowTitles(page), []);
    await findPath(page, 'Add activity'); // still the empty state
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('editing, deleting and undoing the delete', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await openActivitiesTab(page);
    await addActivity(page, { title: 'Kettlebell basics', amount: '2' });
    await addActivity(page, { title: 'Nutrition update', amount: '3', earned: '2025-01-10' });

    // Edit the first one from its details panel.
    await click(page, (p) => p.includes('Kettlebell basics###row'));
    await click(page, isDetails('Edit'));
    await waitForItem(page, 'Activity/##title');
    await typeInto(page, 'Activity/##title', 'Kettlebell fundamentals');
    await saveActivity(page);
    await waitForRows(page, (rows) => rows.includes('Kettlebell fundamentals') && !rows.includes('Kettlebell basics'));

    // Delete it from the details panel, then Undo from the toast.
    await click(page, (p) => p.includes('Kettlebell fundamentals###row'));
    await click(page, isDetails('Delete'));
    await waitForRows(page, (rows) => rows.length === 1 && rows[0] === 'Nutrition update', 8000);
    await clickItem(page, '##undo/Undo');
    await waitForRows(page, (rows) => rows.length === 2 && rows.includes('Kettlebell fundamentals'), 8000);

    // Delete from inside the edit dialog too.
    await click(page, (p) => p.includes('Nutrition update###row'));
    await click(page, isDetails('Edit'));
    await clickVisible(page, 'Activity/Delete');
    await waitForItemGone(page, 'Activity/Delete', 8000);
    await waitForRows(page, (rows) => rows.length === 1 && rows[0] === 'Kettlebell fundamentals', 8000);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('fast typing with Backspace keeps every key', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await openActivitiesTab(page);
    await click(page, (p) => p.includes('Add activity') && !p.startsWith('Activity/'));
    await waitForItem(page, 'Activity/##title');
    await clickVisible(page, 'Activity/##title');
    await page.keyboard.type('Mobility drillsXYZ', { delay: 0 });
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type(' for runners', { delay: 0 });
    // The keys are all applied before the next field is clicked (the platform also holds a click
    // back until the frame after typed text: app/input_trickle.h).
    await waitForInputApplied(page);
    await typeInto(page, 'Activity/##amount', '0.5', 0);
    await saveActivity(page);
    await waitForRows(page, (rows) => rows.includes('Mobility drills for runners'));
    await findPath(page, 'Credits: 0.5 CEC');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// Needs the platform's text input for characters a key press cannot produce (IME, insertText).
test('non-ASCII titles round-trip into the table', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await openActivitiesTab(page);
    await addActivity(page, { title: 'Séance d\'été — Übung', provider: 'Fédération', amount: '1' });
    assert.ok((await rowTitles(page)).includes('Séance d\'été — Übung'));
    await findPath(page, 'Provider: Fédération');
    // Read back from IndexedDB: the stored log reaches the wasm heap as UTF-8 measured to the byte
    // (recert_web.js's toHeap tries one byte per character first, then measures non-ASCII text).
    await page.reload();
    await waitForFirstFrame(page);
    await openActivitiesTab(page);
    assert.ok((await rowTitles(page)).includes('Séance d\'été — Übung'), 'the title survives a reload');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('claim per session: only evaluated sessions count', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await openActivitiesTab(page);
    await click(page, (p) => p.includes('Add activity') && !p.startsWith('Activity/'));
    await typeInto(page, 'Activity/##title', 'Annual meeting');
    await clickVisible(page, 'Activity/Claim per session');
    for (const [title, hours] of [['Keynote', '1.5'], ['Workshop', '2']]) {
      await typeInto(page, 'Activity/##new_session_title', title);
      await typeInto(page, 'Activity/##new_session_hours', hours);
      await clickVisible(page, 'Add session');
    }
    await clickVisible(page, 'Activity/Evaluated##session_eval_0');
    await findPath(page, 'session total: 1.5 of 3.5');
    await screenshot(page, 'activities-sessions-form');
    await saveActivity(page);
    await waitForRows(page, (rows) => rows.includes('Annual meeting'));
    await findPath(page, 'Credits: 1.5 CEC');
    await findPath(page, 'Sessions: 2 claimed');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('attaching a certificate through the file picker', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await openActivitiesTab(page);
    await click(page, (p) => p.includes('Add activity') && !p.startsWith('Activity/'));
    await fillActivity(page, { title: 'Ethics in practice', amount: '2' });
    const chooser = page.waitForEvent('filechooser');
    await clickVisible(page, 'Attach certificate…');
    await (await chooser).setFiles({
      name: 'ethics-certificate.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    });
    await findPath(page, 'Activity/Remove##evidence_remove_0');
    await saveActivity(page);
    await waitForRows(page, (rows) => rows.includes('Ethics in practice'));
    await findPath(page, (p) => p.includes('/details_') && p.endsWith('/ethics-certificate.pdf'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('clicking a column header sorts the rows', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await openActivitiesTab(page);
    await addActivity(page, { title: 'Alpha course', earned: '2025-01-05', amount: '1' });
    await addActivity(page, { title: 'Zulu course', earned: '2025-02-05', amount: '1' });
    await addActivity(page, { title: 'Mike course', earned: '2025-03-05', amount: '1' });
    // Default: newest first.
    assert.deepEqual(await rowTitles(page), ['Mike course', 'Zulu course', 'Alpha course']);
    await click(page, (p) => p.endsWith('/Sort Course'));
    await waitForRows(page, (rows) => rows.join() === 'Alpha course,Mike course,Zulu course');
    await click(page, (p) => p.endsWith('/Sort Course'));
    await waitForRows(page, (rows) => rows.join() === 'Zulu course,Mike course,Alpha course');
    // The search box filters.
    await typeInto(page, await findPath(page, '/##search'), 'zul');
    await waitForRows(page, (rows) => rows.join() === 'Zulu course');
    await click(page, (p) => p.endsWith('/Clear filters'));
    await waitForRows(page, (rows) => rows.length === 3);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('with a credential, the form previews the conversion and the details explain the count', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await addAcsmCpt(page);
    await openActivitiesTab(page);
    await click(page, (p) => p.includes('Add activity') && !p.startsWith('Activity/'));
    await fillActivity(page, { title: 'CPR and AED renewal', amount: '4', earned: '2025-02-01' });
    await page.waitForTimeout(100);
    // The conversion preview: ACSM counts contact hours and CECs 1 = 1; a CEU is 10 CECs.
    await findPath(page, 'preview: ACSM CPT: 4 CEC');
    await clickVisible(page, 'Activity/##unit');
    await click(page, (p) => p.endsWith('/CEU'));
    await findPath(page, 'preview: ACSM CPT: 40 CEC');
    await clickVisible(page, 'Activity/##unit');
    await click(page, (p) => p.endsWith('/CEC'));
    await screenshot(page, 'activities-form-1280');
    await saveActivity(page);
    await waitForRows(page, (rows) => rows.includes('CPR and AED renewal'));
    const explain = await findPath(page, 'explain: ACSM CPT: ');
    assert.match(explain, /explain: ACSM CPT: .+/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('screenshots at 1280x800 and 390x844', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const { context, page, errors } = await openApp(browser, server.url, { viewport });
    try {
      await openActivitiesTab(page);
      await screenshot(page, `activities-empty-${viewport.width}`);
      await addActivity(page, { title: 'Exercise and the aging adult - a practical review', provider: 'ACSM', amount: '1.5', earned: '2025-01-20' });
      await addActivity(page, { title: 'Strength training for older adults', provider: 'NSCA', amount: '0.2', earned: '2025-02-11' });
      await click(page, (p) => p.includes('Strength training for older adults###row'));
      await page.waitForTimeout(150);
      await screenshot(page, `activities-table-${viewport.width}`);
      await click(page, isDetails('Edit'));
      await waitForItem(page, 'Activity/##title');
      await page.waitForTimeout(100);
      await screenshot(page, `activities-edit-${viewport.width}`);
      await clickVisible(page, 'Activity/Cancel');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});
