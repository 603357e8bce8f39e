// Browser tests of the dashboard: add a credential through its dialog, see the tile's gauge and
// the body's status wording change as credits and a CPR card arrive, a cap cut a CPR course,
// renew through the cart, and refuse an invalid credential without saving anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, serve, openApp, waitForFirstFrame, waitForItem, clickItem, screenshot, itemRect,
} from './harness.mjs';

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

// The app's own summary (the embed protocol's getSummary), read through the page.
async function summary(page) {
  const reply = await page.evaluate(() => JSON.parse(window.Module.ccall(
    'recert_embed_command', 'string', ['string'], [JSON.stringify({ command: 'getSummary' })])));
  assert.equal(reply.ok, true, JSON.stringify(reply));
  return reply.result;
}

async function command(page, name, args) {
  return page.evaluate(([n, a]) => JSON.parse(window.Module.ccall(
    'recert_embed_command', 'string', ['string'], [JSON.stringify({ command: n, args: a })])), [name, args]);
}

async function typeInto(page, path, text) {
  await clickItem(page, path);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: 25 });
}

async function addAcsmCpt(page, certified = '2021-01-01') {
  await clickItem(page, 'Add credential');
  await clickItem(page, 'Credential/##body');
  await clickItem(page, 'American College of Sports Medicine');
  await clickItem(page, 'Credential/##program');
  await clickItem(page, 'ACSM Certified Personal Trainer');
  await typeInto(page, 'Credential/##certified_on', certified);
  await clickItem(page, 'Credential/Save');
  await page.waitForFunction(() => JSON.parse(window.Module.ccall('recert_embed_command', 'string', ['string'],
    [JSON.stringify({ command: 'getSummary' })])).result.credentials.length > 0);
}

async function waitForSummary(page, predicate, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const s = await summary(page);
    if (predicate(s)) return s;
    if (Date.now() > deadline) throw new Error(`summary never matched: ${JSON.stringify(s)}`);
    await page.waitForTimeout(50);
  }
}

// A tiny but real PDF (the evidence check sniffs "%PDF-").
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test('adding a credential prefills its cycle from the rule pack and shows its tile', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await addAcsmCpt(page);
    const s = await summary(page);
    assert.equal(s.credentials.length, 1);
    const c = s.credentials[0];
    assert.equal(c.body, 'acsm');
    assert.equal(c.program, 'cpt');
    assert.equal(c.required, '45.00');
    assert.equal(c.unit, 'CEC');
    assert.match(c.cycleEnd, /^\d{4}-12-31$/, 'ACSM cycles end on Dec 31');
    await waitForItem(page, 'Upload CPR card');
    await screenshot(page, 'dashboard-one-credential');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an incomplete credential cannot be saved and nothing is stored', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await clickItem(page, 'Add credential');
    await clickItem(page, 'Credential/##body');
    await clickItem(page, 'National Strength and Conditioning Association');
    // The form is quiet until used; Save then says what is missing instead of saving.
    assert.equal(await page.getByText('Not saved yet: fix the fields marked in red.').count(), 0);
    await clickItem(page, 'Credential/Save');
    await page.getByText('Not saved yet: fix the fields marked in red.').first().waitFor({ state: 'attached', timeout: 5000 });
    await typeInto(page, 'Credential/##certified_on', '2025-02-30'); // no such day
    await clickItem(page, 'Credential/Save');
    await page.waitForTimeout(300);
    assert.ok(await page.getByText(/Enter a date like/).count() >= 1, 'the impossible date is named');
    assert.equal((await summary(page)).credentials.length, 0);
    await screenshot(page, 'dashboard-credential-invalid');
    await clickItem(page, 'Credential/Cancel');
    assert.equal((await summary(page)).credentials.length, 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('credits, a cap-limited CPR course and a CPR card take a credential to Renew, then renewal starts the next cycle', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await addAcsmCpt(page);
    const year = new Date().getFullYear();
    // 8 CECs of CPR/AED in one year: ACSM counts at most 5 of them (2025+ rule).
    let r = await command(page, 'addActivity', { title: 'CPR/AED instructor course', earned: `${year}-01-10`, amount: '8', unit: 'cec', format: 'cpr_aed_first_aid' });
    assert.equal(r.ok, true, JSON.stringify(r));
    r = await command(page, 'addActivity', { title: 'Program design', earned: `${year}-02-10`, amount: '30', unit: 'cec', format: 'online' });
    assert.equal(r.ok, true, JSON.stringify(r));
    let s = await waitForSummary(page, (x) => x.activityCount === 2);
    assert.equal(s.credentials[0].applied, '35.00', '30 + 5 of the 8 CPR credits');
    r = await command(page, 'addActivity', { title: 'Summit sessions', earned: `${year}-03-10`, amount: '1.0', unit: 'ceu', format: 'conference_session' });
    assert.equal(r.ok, true); // 1.0 CEU in a decimal system = 10 CECs at ACSM
    s = await waitForSummary(page, (x) => x.activityCount === 3);
    assert.equal(s.credentials[0].applied, '45.00');
    assert.equal(s.credentials[0].percent, 100);
    assert.equal(s.credentials[0].status, 'prerequisite_missing');
    await screenshot(page, 'dashboard-credits-complete-cpr-missing');

    // Upload the CPR card through the dialog and the real file chooser.
    await clickItem(page, 'Upload CPR card');
    await typeInto(page, 'CPR/AED card/##issued', `${year}-01-05`);
    await typeInto(page, 'CPR/AED card/##expires', `${year + 2}-01-05`);
    const chooser = page.waitForEvent('filechooser');
    await clickItem(page, 'CPR/AED card/Choose file…');
    await (await chooser).setFiles({ name: 'cpr-card.pdf', mimeType: 'application/pdf', buffer: PDF });
    await waitForItem(page, 'CPR/AED card/Save card');
    await page.waitForFunction(() => !window.recertTest.itemRect('CPR/AED card/Save card')?.disabled);
    await clickItem(page, 'CPR/AED card/Save card');
    s = await waitForSummary(page, (x) => x.credentials[0].status === 'ready_to_renew');

    // Renew -> cart -> record the renewal.
    await clickItem(page, 'Renew');
    await clickItem(page, 'Complete recertification');
    await waitForItem(page, 'Record renewal…');
    await screenshot(page, 'renewal-cart');
    await clickItem(page, 'Record renewal…');
    await clickItem(page, 'Record renewal/Record renewal');
    s = await waitForSummary(page, (x) => x.credentials[0].cycleEnd === `${year + 3}-12-31`);
    assert.equal(s.credentials[0].applied, '0.00', 'the new cycle starts empty; old credits stay in the old cycle');

    // Reload: everything (credential, renewal, activities, the uploaded card) was stored.
    await page.reload();
    await waitForFirstFrame(page);
    const again = await waitForSummary(page, (x) => x.loaded && x.credentials.length === 1, 15000);
    assert.deepEqual(again.credentials, s.credentials);
    assert.equal(again.activityCount, 3);
    await waitForItem(page, 'Explanations'); // the credential's tile is drawn
    await waitForItem(page, 'Upload CPR card', 1500).then(
      () => assert.fail('the uploaded CPR card was kept: no upload button after reload'),
      () => {});
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a file that is not a certificate is refused with its reason', async () => {
  const { context, page, errors } = await openApp(browser, server.url);
  try {
    await addAcsmCpt(page);
    await clickItem(page, 'Upload CPR card');
    const chooser = page.waitForEvent('filechooser');
    await clickItem(page, 'CPR/AED card/Choose file…');
    await (await chooser).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.waitForTimeout(300);
    const paths = await page.evaluate(() => window.recertTest.itemPaths());
    assert.equal((await itemRect(page, 'CPR/AED card/Save card')).disabled, true, 'no file accepted, Save stays disabled');
    assert.ok(!paths.some((p) => p.includes('notes.txt')));
    await screenshot(page, 'dashboard-file-refused');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

for (const [name, viewport, dpr] of [['desktop-1920', { width: 1920, height: 1080 }, 1], ['phone-390', { width: 390, height: 844 }, 2], ['laptop-dpr2', { width: 1280, height: 800 }, 2]]) {
  test(`the dashboard lays out at ${name}`, async () => {
    const { context, page, errors } = await openApp(browser, server.url, { viewport, dpr });
    try {
      await addAcsmCpt(page);
      const year = new Date().getFullYear();
      await command(page, 'addActivity', { title: 'Program design', earned: `${year}-02-10`, amount: '20', unit: 'cec', format: 'online' });
      await waitForSummary(page, (x) => x.activityCount === 1);
      const tile = await waitForItem(page, 'Upload CPR card');
      assert.ok(tile.x + tile.w <= viewport.width, 'actions fit inside the viewport');
      await screenshot(page, `dashboard-${name}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}
