// Shared by the sync browser tests and the sync benchmark: the reference provider's admin API, the
// app's sync status (test hooks), its IndexedDB rows, and the Settings › Sync steps a person takes.
import assert from 'node:assert/strict';
import { waitForFirstFrame, clickItem } from './harness.mjs';

export const env = { provider: null, app: null }; // set by the caller before use

export async function admin(path, body = {}) {
  const r = await fetch(`${env.provider.url}/__admin/${path}`, { method: path === 'state' ? 'GET' : 'POST',
    headers: path === 'state' ? {} : { 'content-type': 'application/json' }, body: path === 'state' ? undefined : JSON.stringify(body) });
  return r.json();
}
export const status = (page) => page.evaluate(() => JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], [])));

// Every row of the app's IndexedDB stores that matter here.
export async function idb(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('recert');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result, out = {};
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readonly');
      for (const n of names) {
        tx.objectStore(n).getAll().onsuccess = (e) => {
          out[n] = e.target.result.map((row) => (row.blob ? { ...row, blob: null } : row));
        };
      }
      tx.oncomplete = () => { db.close(); resolve(out); };
    };
  }));
}
export const activities = async (page) => (await idb(page)).activities.map((row) => JSON.parse(row.json));
export function assertNoDuplicates(acts) {
  const ids = new Set(acts.map((a) => a.id));
  assert.equal(ids.size, acts.length, 'duplicate activity ids');
  const links = acts.filter((a) => a.provider_link).map((a) => a.provider_link.external_id);
  assert.equal(new Set(links).size, links.length, 'the same provider completion stored twice');
}

export async function pathEnding(page, suffix) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const paths = await page.evaluate(() => window.recertTest.itemPaths());
    const p = paths.find((x) => x.endsWith(suffix));
    if (p) return p;
    if (Date.now() > deadline) throw new Error(`no item ending in ${suffix}; drawn: ${paths.join(' | ')}`);
    await page.waitForTimeout(50);
  }
}
export async function typeInto(page, suffix, text) {
  await clickItem(page, await pathEnding(page, suffix));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: 5 });
  await page.waitForTimeout(50);
}
export async function openSettings(page) {
  // The tab bar's items are not recorded by the test hooks: switch views like an embedding host does.
  await page.waitForFunction(() => JSON.parse(window.Module.ccall('recert_embed_command', 'string', ['string'],
    ['{"command":"openView","args":{"view":"settings"}}'])).ok, null, { timeout: 15000 });
  // Wait for the accessibility mirror to show the view. When its focus was in the last view, the
  // update that removes that view moves focus to this view's first control, which scrolls the view
  // to the top: up to a few hundred ms after the switch (the mirror waits for the canvas to settle).
  // Scrolling before that would be undone.
  await page.getByRole('button', { name: /Sync now/ }).waitFor({ state: 'attached', timeout: 15000 });
  // The Sync section is below the appearance, date and backup sections: on a short window, scroll
  // to it as a person would.
  const vp = page.viewportSize();
  const settled = await page.evaluate(() => window.recertTest.framesDrawn());
  await page.mouse.move(vp.width / 2, vp.height / 2); // draws a frame if the loop was idle
  await page.waitForFunction((n) => window.recertTest.framesDrawn() >= n + 2, settled, { timeout: 3000 }).catch(() => {});
  // An item scrolled out of view has its rectangle clipped to the view's edge it is past: above,
  // it starts at the view's top edge (below the menus and tabs, not at 0); below, at its bottom edge.
  const syncNowAt = () => page.evaluate((height) => {
    const p = window.recertTest?.itemPaths().find((x) => x.endsWith('Sync now##sync'));
    const r = p && window.recertTest.itemRect(p);
    return r ? { visible: r.visible, above: !r.visible && r.y < height / 2 } : null;
  }, vp.height);
  for (let i = 0; i < 15; i++) {
    // On screen, not only in the tree (items scrolled out of view are recorded too), and still on
    // screen a frame later: the first frames after a view switch may still carry the last view's
    // scroll, and the loop draws only when something happens (a pointer move draws one).
    const at = await syncNowAt();
    if (at?.visible) {
      // Two frames drawn after a pointer move (the loop may be paused: the move wakes it), then look again.
      const drawn = await page.evaluate(() => window.recertTest.framesDrawn());
      await page.mouse.move(vp.width / 2 + (i % 2 ? 1 : -1), vp.height / 2);
      await page.waitForFunction((drawn) => window.recertTest.framesDrawn() >= drawn + 2, drawn, { timeout: 5000 }).catch(() => {});
      if ((await syncNowAt())?.visible) break;
      continue;
    }
    await page.mouse.move(vp.width / 2, vp.height / 2);
    await page.mouse.wheel(0, at?.above ? -200 : 200); // back up when the view was left scrolled past it
    await page.waitForTimeout(120);
  }
  await pathEnding(page, 'Sync now##sync');
}
// Settings › Sync: provider address, client id, sign-in on the provider's page, back in the app.
export async function signIn(page) {
  await openSettings(page);
  await typeInto(page, '##sync_base_url', env.provider.url);
  await typeInto(page, '##sync_client_id', 'recert-web');
  await clickItem(page, await pathEnding(page, 'Save provider##sync'));
  await clickItem(page, await pathEnding(page, 'Sign in with the provider##sync'));
  await page.waitForURL((u) => u.toString().startsWith(env.provider.url), { timeout: 15000 });
  await page.click('#allow');
  await page.waitForURL((u) => u.toString().startsWith(env.app.url), { timeout: 15000 });
  await waitForFirstFrame(page);
  assert.ok(!page.url().includes('code='), 'the code is removed from the address bar');
  await page.waitForFunction(() => JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], [])).signed_in, null, { timeout: 15000 });
  // Back where the person left: Settings, scrolled to its Sync section (nothing opened or scrolled here).
  await page.waitForFunction(() => window.recertTest?.itemPaths().some((x) => x.endsWith('Sync now##sync')), null, { timeout: 15000 });
  await openSettings(page);
}
// "Sync now", then waits until the run ended; returns the status.
export async function syncNow(page) {
  const before = (await status(page)).runs;
  await clickItem(page, await pathEnding(page, 'Sync now##sync'));
  await page.waitForFunction((before) => {
    const s = JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], []));
    return !s.running && s.runs > before;
  }, before, { timeout: 60000, polling: 50 });
  return status(page);
}

export async function seedLocal(page, rows) {
  await page.evaluate((rows) => new Promise((resolve, reject) => {
    const r = indexedDB.open('recert');
    r.onsuccess = () => {
      const tx = r.result.transaction('activities', 'readwrite');
      for (const a of rows) tx.objectStore('activities').put({ id: a.id, rev: a.rev, json: JSON.stringify(a) });
      tx.oncomplete = () => { r.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), rows);
}


// Closes what a test file opened (a page's context, the browser, the servers), each given 10 s, so
// a dead page or browser never hangs the run.
export async function closeAll(...things) {
  for (const t of things) {
    await Promise.race([Promise.resolve().then(() => t?.close()).catch(() => {}), new Promise((r) => setTimeout(r, 10000))]);
  }
}
