// Signing in to a real authorization server (issue #20): the reference provider's OAuth side is
// oidc-provider. The app finds the provider from its address alone (metadata), signs in with PKCE and
// DPoP-bound tokens (a non-extractable WebCrypto key kept in IndexedDB), stays signed in across a
// reload only when "Stay signed in on this device" is on, renews an expired access token silently,
// asks the person to sign in when its refresh token is presented with another key (nothing lost), and
// revokes at the provider on sign-out. Tokens never reach the records' database, web storage, an
// export, the console or the Cache Storage. One page, one provider, in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, serve, openApp, waitForFirstFrame, clickItem } from './harness.mjs';
import { env, admin, status, idb, activities, pathEnding, openSettings, signIn, syncNow, closeAll } from './sync_helpers.mjs';
import { startProvider } from '../../scripts/provider/server.mjs';

let browser, app, provider, ctx;
const QUERY = 'testhooks=1&sync_base_ms=40&sync_timeout_ms=3000&sync_page=100';
const VIEWPORT = { width: 1280, height: 1280 };
const consoleLines = [];

// The `recert-auth` database: what is kept there, and whether the key can be read out.
const authRows = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const r = indexedDB.open('recert-auth');
  r.onerror = () => reject(r.error);
  r.onsuccess = () => {
    const db = r.result;
    if (!db.objectStoreNames.contains('auth')) { db.close(); resolve({}); return; }
    const st = db.transaction('auth').objectStore('auth');
    const out = {};
    st.get('refresh-token').onsuccess = (e) => { out.refresh = e.target.result ?? null; };
    st.get('dpop-key').onsuccess = async (e) => {
      const pair = e.target.result;
      out.key = pair ? { type: pair.privateKey.type, extractable: pair.privateKey.extractable, algorithm: pair.privateKey.algorithm.namedCurve } : null;
      if (pair) out.exportable = await crypto.subtle.exportKey('jwk', pair.privateKey).then(() => true, () => false);
      db.close();
      resolve(out);
    };
  };
}));
const signedIn = (page) => page.waitForFunction(() => JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], [])).signed_in,
  null, { timeout: 15000, polling: 50 });
// After a reload: with a refresh token kept, until the app has signed in with it or said why not;
// without one (the caller checked none is kept), nothing can happen.
async function reloadAndSettle(page, kept) {
  await page.reload();
  await waitForFirstFrame(page);
  await openSettings(page);
  if (kept) {
    await page.waitForFunction(() => {
      const s = JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], []));
      return !s.running && (s.signed_in || s.error);
    }, null, { timeout: 15000, polling: 50 });
  }
  return status(page);
}
const tokenRequests = async () => (await admin('state')).requests.filter((r) => r === 'POST /oauth/token').length;

before(async () => {
  browser = await launchBrowser();
  app = await serve();
  provider = await startProvider({ appOrigins: [new URL(app.url).origin], completions: 12, certificates: false });
  Object.assign(env, { provider, app });
  ctx = await openApp(browser, app.url, { query: QUERY, viewport: VIEWPORT });
  ctx.page.on('console', (m) => consoleLines.push(m.text()));
});

after(() => closeAll(ctx?.context, browser, app, provider));

test('from the address alone: the metadata gives the endpoints; sign-in gets DPoP-bound tokens; sync uses proofs', async () => {
  const { page } = ctx;
  await openSettings(page);
  await pathEnding(page, 'Use Demo CE Provider##known0'); // the deployment's recert.config.json is offered
  await signIn(page); // types only the address and a client id
  const st = await admin('state');
  assert.ok(st.requests.includes('GET /.well-known/oauth-authorization-server'), 'RFC 8414 metadata fetched');
  assert.ok(st.requests.includes('GET /oauth/authorize'), 'the discovered authorization endpoint');
  assert.ok(st.requests.includes('POST /oauth/token'), 'the discovered token endpoint');
  const live = st.live.filter((t) => t.kind === 'AccessToken');
  assert.ok(live.length >= 1 && live.every((t) => t.dpop), 'the access token is bound to the browser key');
  const s = await syncNow(page);
  assert.equal(s.error, '');
  assert.equal((await activities(page)).filter((a) => a.provider_link).length, 12);
  const schemes = (await admin('state')).schemes;
  assert.ok(schemes.length >= 2 && schemes.every((x) => x === 'DPoP'), `API requests as DPoP: ${schemes}`);
  assert.ok((await status(page)).can_stay_signed_in);
  const kept = await authRows(page);
  assert.deepEqual(kept.key, { type: 'private', extractable: false, algorithm: 'P-256' });
  assert.equal(kept.exportable, false, 'the private key cannot be exported');
  assert.equal(kept.refresh, null, 'nothing kept while "Stay signed in" is off');
});

test('a reload signs out while "Stay signed in" is off, and keeps the person signed in once it is on', async () => {
  const { page } = ctx;
  assert.equal((await authRows(page)).refresh, null);
  let s = await reloadAndSettle(page, false);
  assert.equal(s.signed_in, false, 'off: the sign-in lived in the tab only');
  await clickItem(page, await pathEnding(page, 'Stay signed in on this device##sync'));
  await page.waitForFunction(() => JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], [])).stay_signed_in);
  await signIn(page);
  const before = await tokenRequests();
  assert.ok((await authRows(page)).refresh, 'kept once signed in');
  s = await reloadAndSettle(page, true);
  assert.equal(s.error, '');
  assert.equal(s.signed_in, true, 'on: signed in again after the reload, without the provider page');
  assert.equal(s.stay_signed_in, true);
  assert.equal(await tokenRequests(), before + 1, 'by one refresh');
  const kept = (await authRows(page)).refresh;
  assert.ok(kept && provider.state.tokens.has(kept), 'the rotated refresh token is kept next to the key');
  assert.ok((await admin('state')).live.some((t) => t.id === kept && t.dpop), 'and it is bound to the key');
});

test('an expired access token is renewed silently during a sync', async () => {
  const { page } = ctx;
  await admin('token-ttl', { seconds: 1 });
  await reloadAndSettle(page, true); // the refresh at start-up issues a 1-second access token
  await signedIn(page);
  await admin('add', { count: 3 });
  await page.waitForTimeout(1300); // let it expire
  await admin('token-ttl', { seconds: 3600 }); // the renewed one lasts
  const before = await tokenRequests();
  const s = await syncNow(page);
  assert.equal(s.error, '');
  assert.equal(s.signed_in, true);
  assert.equal(await tokenRequests(), before + 1, 'one refresh');
  assert.equal((await activities(page)).filter((a) => a.provider_link).length, 15, 'the run went on after the refresh');
});

test('the refresh token presented with another key is refused: the person is asked to sign in, nothing lost', async () => {
  const { page } = ctx;
  const acts = await activities(page);
  const cursor = (await idb(page)).cursors.find((r) => r.provider === provider.url).json;
  // Another device's key next to this refresh token (as if the token had been copied there).
  await page.evaluate(() => new Promise((resolve, reject) => {
    crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']).then((pair) => {
      const r = indexedDB.open('recert-auth');
      r.onsuccess = () => {
        const tx = r.result.transaction('auth', 'readwrite');
        tx.objectStore('auth').put(pair, 'dpop-key');
        tx.oncomplete = () => { r.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    });
  }));
  const s = await reloadAndSettle(page, true);
  assert.equal(s.signed_in, false);
  assert.match(s.error, /sign-in with the provider has ended\. Sign in again to sync; nothing was lost/);
  assert.equal((await authRows(page)).refresh, null, 'the refused token is not kept');
  assert.deepEqual(await activities(page), acts, 'the records are untouched');
  assert.equal((await idb(page)).cursors.find((r) => r.provider === provider.url).json, cursor, 'the sync position too');
});

test('sign out revokes the sign-in at the provider and forgets it here', async () => {
  const { page } = ctx;
  await signIn(page); // "Stay signed in" is still chosen
  const kept = (await authRows(page)).refresh;
  assert.ok(kept);
  const before = (await admin('state')).requests.filter((r) => r === 'POST /oauth/revoke').length;
  await clickItem(page, await pathEnding(page, 'Sign out##sync'));
  await page.waitForFunction(() => !JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], [])).signed_in);
  const revocations = async () => (await admin('state')).requests.filter((r) => r === 'POST /oauth/revoke').length;
  for (const end = Date.now() + 10000; (await revocations()) < before + 2 && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
  const st = await admin('state');
  assert.equal(st.requests.filter((r) => r === 'POST /oauth/revoke').length, before + 2, 'refresh and access token revoked');
  assert.ok(!st.live.some((t) => t.id === kept), 'the provider no longer holds the refresh token');
  assert.equal((await authRows(page)).refresh, null, 'nothing kept on this device');
  assert.equal((await status(page)).error, '');
  const s = await reloadAndSettle(page, false);
  assert.equal(s.signed_in, false);
});

test('no access or refresh token in the records database, web storage, Cache Storage, an export or the console', async () => {
  const { page } = ctx;
  await signIn(page);
  await syncNow(page);
  const tokens = [...provider.state.tokens];
  assert.ok(tokens.length >= 6, `${tokens.length} tokens issued`);
  const everything = JSON.stringify(await idb(page));
  const storage = await page.evaluate(() => JSON.stringify({ s: { ...sessionStorage }, l: { ...localStorage } }));
  const cached = await page.evaluate(async () => {
    let text = '';
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      for (const req of await c.keys()) text += req.url + (await (await c.match(req)).text());
    }
    return text;
  });
  const download = page.waitForEvent('download');
  await clickItem(page, 'File');
  await clickItem(page, 'Export log only (JSON)');
  const exported = readFileSync(await (await download).path(), 'utf8');
  assert.ok(exported.includes('provider_link'));
  const logged = consoleLines.join('\n');
  for (const t of tokens) {
    assert.ok(!everything.includes(t), 'token in the records database');
    assert.ok(!storage.includes(t), 'token in web storage');
    assert.ok(!cached.includes(t), 'token in Cache Storage');
    assert.ok(!exported.includes(t), 'token in the export');
    assert.ok(!logged.includes(t), 'token in the console');
  }
});
