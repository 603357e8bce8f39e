// Benchmark section "sync" (issue #7): sync 10,000 completions from the reference provider into a
// fresh app (IndexedDB), from the "Sync now" click to "Up to date", against the same pages fetched
// raw with fetch() + JSON.parse() in the same page (the floor any client pays), and the same plus an
// IndexedDB put of every item (the floor of any client that keeps them: issue #19's target is
// Recert <= 1.3x that). Median of N runs. Also the readwrite transactions' time, summed, in both
// (from transaction() to complete): the part of each run IndexedDB's commits take. And the storing
// floor again after the app's run, each put carrying one of the app's own stored rows (id and
// record, read back from its database) instead of the provider's item: the same storing with
// Recert's rows, which tells how much of the gap the rows themselves make.
import { launchBrowser, serve, openApp } from '../browser/harness.mjs';
import { env, signIn, pathEnding } from '../browser/sync_helpers.mjs';
import { clickItem } from '../browser/harness.mjs';
import { startProvider } from '../../scripts/provider/server.mjs';
import { authorizer } from '../browser/provider_client.mjs';
import { createHash, randomBytes } from 'node:crypto';

const COMPLETIONS = Number(process.env.BENCH_SYNC_ITEMS ?? 10000);
const PAGE = 1000;
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function sectionSync(printTable) {
  const browser = await launchBrowser();
  const app = await serve();
  const provider = await startProvider({ appOrigins: [new URL(app.url).origin], completions: COMPLETIONS, certificates: false });
  Object.assign(env, { provider, app });
  const synced = [], raw = [], stored = [], storedTx = [], syncedTx = [], storedApp = [], rowChars = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // Tall enough that all of Settings › Sync is on screen (ImGui records no clipped item), as in sync.test.mjs.
      const ctx = await openApp(browser, app.url, { query: `testhooks=1&sync_page=${PAGE}`, viewport: { width: 1280, height: 1280 } });
      try {
        await signIn(ctx.page);
        // Raw floors, in this page, with a token of their own bound to a key of their own (DPoP, as
        // the app's): the same pages fetched and parsed, each request with a fresh proof signed by
        // WebCrypto; and the same again with each item put into IndexedDB ({id, rev, json}, one
        // strict transaction per page, as the app's store writes rows) in a scratch database: the
        // floor of any client that keeps them. The consent page is answered from node; the code is
        // exchanged in the page.
        const meta = await (await fetch(`${provider.url}/.well-known/oauth-authorization-server`)).json();
        const redirectUri = `${app.url}/?bench=1`;
        const verifier = randomBytes(32).toString('base64url');
        const { redirect } = await authorizer(provider, meta, redirectUri)({ challenge: createHash('sha256').update(verifier).digest('base64url') });
        const code = redirect.searchParams.get('code');
        if (!code) throw new Error(`no code: ${redirect}`);
        await ctx.page.evaluate(async ({ tokenEndpoint, code, redirectUri, verifier }) => {
          const enc = new TextEncoder();
          const b64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
          const key = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
          const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', key.publicKey);
          const header = b64(enc.encode(JSON.stringify({ alg: 'ES256', typ: 'dpop+jwt', jwk: { kty, crv, x, y } })));
          window.__benchProof = async (htm, htu, token) => {
            const claims = { htm, htu, jti: crypto.randomUUID(), iat: Math.floor(Date.now() / 1000) };
            if (token) claims.ath = b64(await crypto.subtle.digest('SHA-256', enc.encode(token)));
            const input = `${header}.${b64(enc.encode(JSON.stringify(claims)))}`;
            return `${input}.${b64(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, enc.encode(input)))}`;
          };
          const r = await fetch(tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: await window.__benchProof('POST', tokenEndpoint) },
            body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'recert-web', code_verifier: verifier }) });
          if (!r.ok) throw new Error(`token: ${r.status} ${await r.text()}`);
          window.__benchToken = (await r.json()).access_token;
        }, { tokenEndpoint: meta.token_endpoint, code, redirectUri, verifier });
        const floor = (store, appRows = false) => ctx.page.evaluate(async ({ base, limit, expect, store, appRows }) => {
          const token = window.__benchToken;
          const db = store && await new Promise((res, rej) => {
            const q = indexedDB.open('bench-sync-raw-' + Math.random(), 1);
            q.onupgradeneeded = () => q.result.createObjectStore('activities', { keyPath: 'id' });
            q.onsuccess = () => res(q.result);
            q.onerror = () => rej(q.error);
          });
          const t0 = performance.now();
          let cursor = '', n = 0, txMs = 0;
          for (;;) {
            const r = await fetch(`${base}/completions?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
              { headers: { Authorization: `DPoP ${token}`, DPoP: await window.__benchProof('GET', `${base}/completions`, token) } });
            if (!r.ok) throw new Error(`raw fetch: ${r.status} ${await r.text()}`);
            const page = JSON.parse(await r.text());
            if (db) {
              const tx0 = performance.now();
              const tx = db.transaction('activities', 'readwrite', { durability: 'strict' });
              const os = tx.objectStore('activities');
              page.items.forEach((item, i) => {
                const row = appRows && window.__appRows[n + i];
                os.put(row ? { id: row.id, rev: 1, json: row.json } : { id: item.id, rev: 1, json: JSON.stringify(item) });
              });
              await new Promise((res, rej) => { tx.oncomplete = res; tx.onabort = () => rej(tx.error); });
              txMs += performance.now() - tx0;
            }
            n += page.items.length;
            if (!page.hasMore) break;
            cursor = page.nextCursor;
          }
          const ms = performance.now() - t0;
          if (db) db.close();
          if (n !== expect) throw new Error(`raw fetch saw ${n} items`);
          return { ms, txMs };
        }, { base: provider.url, limit: PAGE, expect: COMPLETIONS, store, appRows });
        raw.push((await floor(false)).ms);
        const st = await floor(true);
        stored.push(st.ms);
        storedTx.push(st.txMs);
        // The app: from the click's mouseup to "Up to date".
        await ctx.page.evaluate(() => {
          window.__syncBench = { txMs: 0 };
          // Every readwrite transaction the run makes (its records, each page's cursor), from
          // transaction() to complete: IndexedDB's share of the run, as the floor's above.
          const transaction = IDBDatabase.prototype.transaction;
          IDBDatabase.prototype.transaction = function (names, mode, options) {
            const tx = transaction.call(this, names, mode, options);
            if (mode === 'readwrite' && window.__syncBench.t0 !== undefined && window.__syncBench.t1 === undefined) {
              const t = performance.now();
              tx.addEventListener('complete', () => { window.__syncBench.txMs += performance.now() - t; });
            }
            return tx;
          };
          const runs = JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], [])).runs;
          window.addEventListener('mouseup', () => {
            window.__syncBench.t0 = performance.now();
            const poll = () => {
              const s = JSON.parse(window.Module.ccall('recert_sync_status', 'string', [], []));
              if (!s.running && s.runs > runs) {
                window.__syncBench.t1 = performance.now();
                window.__syncBench.status = s;
              } else setTimeout(poll, 5);
            };
            setTimeout(poll, 5);
          }, { once: true, capture: true });
        });
        await clickItem(ctx.page, await pathEnding(ctx.page, 'Sync now##sync'));
        await ctx.page.waitForFunction(() => window.__syncBench.t1 !== undefined, null, { timeout: 300000, polling: 100 });
        const r = await ctx.page.evaluate(() => window.__syncBench);
        if (r.status.error || r.status.activities !== COMPLETIONS) throw new Error(`sync failed: ${JSON.stringify(r.status).slice(0, 300)}`);
        synced.push(r.t1 - r.t0);
        syncedTx.push(r.txMs);
        // The app's stored records, in the page, for the floor with rows of their size.
        rowChars.push(await ctx.page.evaluate(() => new Promise((resolve, reject) => {
          const q = indexedDB.open('recert');
          q.onerror = () => reject(q.error);
          q.onsuccess = () => {
            const db = q.result;
            const get = db.transaction('activities', 'readonly').objectStore('activities').getAll();
            get.onsuccess = () => {
              window.__appRows = get.result.map((row) => ({ id: row.id, json: row.json }));
              db.close();
              resolve(window.__appRows.reduce((n, r) => n + r.json.length, 0) / window.__appRows.length);
            };
            get.onerror = () => reject(get.error);
          };
        })));
        storedApp.push((await floor(true, true)).ms);
      } finally {
        await ctx.context.close();
      }
    }
  } finally {
    await browser.close();
    await app.close();
    await provider.close();
  }
  const s = median(synced), f = median(raw), k = median(stored), kt = median(storedTx), st = median(syncedTx);
  const ka = median(storedApp), chars = median(rowChars);
  printTable(`Sync ${COMPLETIONS.toLocaleString('en')} completions (pages of ${PAGE}), median of ${RUNS} runs, same browser`,
    ['what', 'ms', 'ratio'],
    [['raw fetch + JSON.parse of the same pages', f.toFixed(0), '1.00'],
     ['  raw fetch + JSON.parse + IndexedDB put of every item (floor of storing)', k.toFixed(0), (k / f).toFixed(2)],
     ['Recert sync to done (decode, map, IndexedDB, cursor)', s.toFixed(0), (s / f).toFixed(2)],
     ['Recert vs the storing floor (target <= 1.30)', '', (s / k).toFixed(2)],
     ['  IndexedDB readwrite transactions, summed: the floor\'s puts', kt.toFixed(0), ''],
     ['  IndexedDB readwrite transactions, summed: Recert\'s records and cursors', st.toFixed(0), (st / kt).toFixed(2)],
     [`  the storing floor with Recert's own rows (records of ${chars.toFixed(0)} characters; run after Recert's)`, ka.toFixed(0), (ka / k).toFixed(2)],
     ['Recert vs that floor', '', (s / ka).toFixed(2)]]);
}
