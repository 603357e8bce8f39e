// Browser and file tests of the deployable site (scripts/dist): hashed assets and their map,
// the manifest and icons, pre-compressed copies and how the server sends them, offline start
// through the service worker, and the "new version is ready" banner that reloads only on click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync, readdirSync, cpSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { addActivityByCommand, waitForState, openActivitiesTab, waitForRows } from './ui_helpers.mjs';
import {
  launchBrowser, buildTestDist, serveWithCsp, guardedContext, serviceWorkerVersion, waitForFirstFrame,
  clickItem, waitForItem, screenshot,
} from './harness.mjs';

let browser;
let dist;
let server;

before(async () => {
  dist = await buildTestDist();
  server = await serveWithCsp(dist.dir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const read = (name) => readFileSync(path.join(dist.dir, name));

// GET with the given Accept-Encoding; resolves { status, headers, body } without decoding.
function get(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('dist has content-hashed app files, an asset map for locateFile and no stale logical names', () => {
  for (const logical of ['index.js', 'index.wasm', 'index.data', 'boot.js', 'recert.css', 'embed-app.js', 'fflate.js']) {
    const hashed = dist.assets[logical];
    const ext = path.extname(logical);
    assert.match(hashed, new RegExp(`^${path.basename(logical, ext)}\\.[0-9a-f]{12}\\${ext}$`), logical);
    const content = read(hashed);
    assert.equal(hashed.split('.').at(-2), createHash('sha256').update(content).digest('hex').slice(0, 12), `${hashed} is named by its content`);
    assert.equal(existsSync(path.join(dist.dir, logical)), false, `no unhashed ${logical} left in dist`);
  }
  const html = read('index.html').toString();
  const map = JSON.parse(html.match(/<meta name="recert-assets" content="([^"]*)">/)[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  // What the page's code fetches by itself: the wasm and data (index.js), fflate when a ZIP is first
  // read or written (recert_web.js's RecertZip.lib, not a <script> of the page).
  assert.deepEqual(map, { 'index.wasm': dist.assets['index.wasm'], 'index.data': dist.assets['index.data'], 'fflate.js': dist.assets['fflate.js'] });
  assert.doesNotMatch(html, /<script[^>]*fflate/, 'fflate is not loaded with the page');
  for (const logical of ['index.js', 'boot.js', 'embed-app.js']) assert.ok(html.includes(`src="${dist.assets[logical]}"`), logical);
  assert.ok(html.includes(`href="${dist.assets['recert.css']}"`));
  // Strict CSP: no inline script or style anywhere in the page.
  for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g)) assert.match(tag, /^<script[^>]* src="[^"]+"[^>]*><\/script>$/, tag);
  assert.doesNotMatch(html, /<style\b|\sstyle="|\son[a-z]+="/i);
});

test('the service worker carries the version of this asset set and precaches files that exist', () => {
  const sw = read('sw.js').toString();
  assert.doesNotMatch(sw, /__RECERT_/);
  assert.ok(sw.includes(`const VERSION = "${dist.version}";`));
  const precache = JSON.parse(sw.match(/const PRECACHE = (\[.*\]);/)[1]);
  assert.deepEqual(precache, dist.precache);
  for (const f of precache) assert.ok(existsSync(path.join(dist.dir, f)), `${f} exists`);
  for (const h of Object.values(dist.assets)) assert.ok(precache.includes(h), `${h} precached`);
  assert.ok(precache.includes('index.html'));
  assert.ok(!precache.includes('embed.js') && !precache.includes('sw.js'), 'host-page script and worker itself are not precached');
});

test('the manifest makes the app installable with our own 192 and 512 px icons', () => {
  const m = JSON.parse(read('manifest.webmanifest'));
  assert.equal(m.short_name, 'Recert');
  assert.match(m.name, /Recert/);
  assert.equal(m.start_url, './');
  assert.equal(m.display, 'standalone');
  assert.match(m.theme_color, /^#[0-9a-f]{6}$/i);
  assert.match(m.background_color, /^#[0-9a-f]{6}$/i);
  for (const size of [192, 512]) {
    const icon = m.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === 'any');
    assert.ok(icon, `${size} icon listed`);
    const png = PNG.sync.read(read(icon.src));
    assert.equal(png.width, size);
    assert.equal(png.height, size);
    // The badge's blue at the centre-left edge, transparent corners (rounded badge).
    const at = (x, y) => [...png.data.subarray((png.width * y + x) * 4, (png.width * y + x) * 4 + 4)];
    assert.equal(at(0, 0)[3], 0, 'corner is transparent');
    assert.deepEqual(at(Math.round(size * 0.12), Math.round(size * 0.5)).slice(0, 3), [0x1f, 0x5f, 0x8b]);
  }
  assert.ok(m.icons.some((i) => i.purpose === 'maskable' && existsSync(path.join(dist.dir, i.src))));
});

test('every compressible file has .gz and .br copies that decode to the original', () => {
  const names = readdirSync(dist.dir);
  let checked = 0;
  for (const name of names) {
    if (!/\.(html|js|css|wasm|data|svg|webmanifest)$/.test(name)) continue;
    const raw = read(name);
    assert.ok(names.includes(`${name}.br`) && names.includes(`${name}.gz`), `${name} has both copies`);
    assert.deepEqual(gunzipSync(read(`${name}.gz`)), raw, `${name}.gz`);
    assert.deepEqual(brotliDecompressSync(read(`${name}.br`)), raw, `${name}.br`);
    checked++;
  }
  assert.ok(checked >= 10, `checked ${checked} files`);
  assert.equal(names.filter((n) => n.endsWith('.png.gz') || n.endsWith('.png.br')).length, 0, 'PNGs are not recompressed');
});

test('the server sends the pre-compressed copy the client accepts, with Vary, CSP and cache headers', async () => {
  const wasm = dist.assets['index.wasm'];
  const br = await get(`${server.url}${wasm}`, 'gzip, deflate, br');
  assert.equal(br.status, 200);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['content-type'], 'application/wasm');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.deepEqual(brotliDecompressSync(br.body), read(wasm));
  const gz = await get(`${server.url}${wasm}`, 'gzip, br;q=0');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.deepEqual(gunzipSync(gz.body), read(wasm));
  const plain = await get(`${server.url}${wasm}`, 'identity');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.deepEqual(plain.body, read(wasm));
  for (const name of ['', 'sw.js', 'manifest.webmanifest', 'embed.js']) {
    const r = await get(`${server.url}${name}`, 'br');
    assert.equal(r.headers['cache-control'], 'no-cache', `${name || 'index.html'} is revalidated`);
    assert.match(r.headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  }
});

// The first visit's own requests are over: the app asks for recert.config.json once the records are
// open, which can come after the worker took control (a slow start: its first frame at 540 ms).
async function firstVisitRequestsDone(page) {
  await waitForState(page, (s) => s.loaded);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/recert\.config\.json$/.test(e.name) && e.responseEnd > 0), null, { timeout: 10000 });
}

test('after one visit the app starts offline from the service worker, whatever the query string', async () => {
  const g = await guardedContext(browser);
  try {
    const page = await g.context.newPage();
    await page.goto(`${server.url}?testhooks=1`);
    await waitForFirstFrame(page);
    assert.equal(await serviceWorkerVersion(page), dist.version);
    const cached = await page.evaluate(async (v) => (await (await caches.open(`recert-${v}`)).keys()).map((r) => new URL(r.url).pathname.slice(1)), dist.version);
    // ...and the deployer's recert.config.json, kept for offline starts (not part of the version).
    assert.deepEqual(cached.sort(), [...dist.precache, 'recert.config.json'].sort(), 'every file is precached');
    await firstVisitRequestsDone(page);

    const served = server.requests.length;
    await g.context.setOffline(true);
    // A different query than the first visit: the worker matches the page without it.
    const response = await page.goto(`${server.url}?testhooks=1&from=offline`);
    assert.equal(response.fromServiceWorker(), true, 'the page came from the service worker');
    await waitForFirstFrame(page);
    await clickItem(page, 'Recert/Help');
    await clickItem(page, 'About Recert');
    await waitForItem(page, 'About Recert/Close');
    await screenshot(page, 'pwa-offline-about');
    assert.equal(server.requests.length, served, `no request reached the server while offline: ${server.requests.slice(served)}`);
    assert.deepEqual(await g.cspViolations(page), []);
    assert.deepEqual(server.reports, []);
    assert.deepEqual(g.errors, []);
  } finally {
    await g.context.close();
  }
});

test('offline: the data is shown and an edit survives another reload', async () => {
  const g = await guardedContext(browser);
  try {
    const page = await g.context.newPage();
    await page.goto(`${server.url}?testhooks=1`);
    await waitForFirstFrame(page);
    assert.equal(await serviceWorkerVersion(page), dist.version, 'the worker controls the page');
    await addActivityByCommand(page, { title: 'Saved while online', provider: 'ACSM', earned: '2025-02-01', amount: '2' });
    await waitForState(page, (s) => s.activities === 1 && !s.busy);
    await firstVisitRequestsDone(page);

    const served = server.requests.length;
    await g.context.setOffline(true);
    await page.reload();
    await waitForFirstFrame(page);
    let st = await waitForState(page, (s) => s.loaded);
    assert.equal(st.activities, 1, 'the record saved online is shown offline');
    // An edit while offline, then another reload (still offline): it is kept.
    await addActivityByCommand(page, { title: 'Logged offline', provider: 'NSCA', earned: '2025-02-03', amount: '1.5' });
    await waitForState(page, (s) => s.activities === 2 && !s.busy);
    await page.reload();
    await waitForFirstFrame(page);
    st = await waitForState(page, (s) => s.loaded);
    assert.equal(st.activities, 2, 'the offline edit survived the reload');
    await openActivitiesTab(page);
    await waitForRows(page, (rows) => rows.includes('Logged offline') && rows.includes('Saved while online'));
    await screenshot(page, 'pwa-offline-data');
    assert.equal(server.requests.length, served, `no request reached the server while offline: ${server.requests.slice(served)}`);
    assert.deepEqual(await g.cspViolations(page), []);
    assert.deepEqual(server.reports, []);
    assert.deepEqual(g.errors, []);
  } finally {
    await g.context.close();
  }
});

test('a new version waits for the person: a banner, no silent reload, and Reload switches to it', async () => {
  // A private copy of dist, "deployed again" below with a changed page and worker.
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'recert-update-')), 'site');
  cpSync(dist.dir, dir, { recursive: true });
  const site = await serveWithCsp(dir);
  const g = await guardedContext(browser);
  try {
    const page = await g.context.newPage();
    await page.goto(site.url);
    await waitForFirstFrame(page);
    assert.equal(await serviceWorkerVersion(page), dist.version);
    assert.equal(await page.isVisible('#update-banner'), false, 'no banner on first install');
    await page.evaluate(() => { window.__sameDocument = true; });

    // Deploy v2: a changed index.html and a worker with a new version (as scripts/dist would make).
    const newVersion = 'feedfacecafe';
    writeFileSync(path.join(dir, 'index.html'), readFileSync(path.join(dir, 'index.html'), 'utf8').replace('<meta name="description" content="', '<meta name="description" content="v2 '));
    writeFileSync(path.join(dir, 'sw.js'), readFileSync(path.join(dir, 'sw.js'), 'utf8').replace(dist.version, newVersion));
    // Their pre-compressed copies would still hold v1: drop them (the server then sends the plain file).
    for (const f of ['index.html', 'sw.js']) for (const suffix of ['.gz', '.br']) rmSync(path.join(dir, f + suffix));

    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForSelector('#update-banner', { state: 'visible', timeout: 30000 });
    await screenshot(page, 'pwa-update-banner');
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page did not reload by itself');
    const description = () => page.evaluate(() => document.querySelector('meta[name="description"]').content);
    assert.doesNotMatch(await description(), /^v2 /);
    assert.equal(await serviceWorkerVersion(page), dist.version, 'the old worker still serves this page');

    await Promise.all([page.waitForNavigation(), page.click('#update-reload')]);
    await waitForFirstFrame(page);
    assert.match(await description(), /^v2 Recert/, 'the page of the new version');
    assert.equal(await serviceWorkerVersion(page), newVersion);
    const names = await page.evaluate(() => caches.keys());
    assert.deepEqual(names, [`recert-${newVersion}`], 'the old version cache was deleted');
    assert.equal(await page.isVisible('#update-banner'), false);
    assert.deepEqual(await g.cspViolations(page), []);
    assert.deepEqual(site.reports, []);
    assert.deepEqual(g.errors, []);
  } finally {
    await g.context.close();
    await site.close();
  }
});

