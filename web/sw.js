// Recert service worker: makes the app work offline and updates it only when the person agrees.
//   install:  precache every file of this version (the list and version are written by scripts/dist);
//   activate: delete the caches of older versions, take control of open pages;
//   fetch:    the app page from the cache (any query string: ?embed=1, ?testhooks=1), network-first
//             for the deployer's recert.config.json, cache-first for everything else of ours; other
//             origins are not touched.
// A new version installs in the background and waits; web/boot.js shows "a new version is
// ready — Reload" and posts SKIP_WAITING only when the person clicks Reload.
'use strict';

// Both placeholders are replaced by scripts/dist; the development build registers no worker.
const VERSION = '__RECERT_VERSION__';
const PRECACHE = JSON.parse('__RECERT_PRECACHE__');
const CACHE = 'recert-' + VERSION;
// name.<12 hex>.ext: content-hashed, so a cached copy is right forever (see scripts/dist.mjs).
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;
// Files the deployer edits in place (scripts/dist.mjs EDITABLE): not part of the version (an edit is
// no new version of the app); fetched from the network first, the last copy served offline.
const EDITABLE = ['recert.config.json'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Hashed files may come from the HTTP cache (they never change); the others are revalidated
    // so the page and the manifest belong to this version.
    await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: HASHED.test(url) ? 'default' : 'no-cache' })));
    // A deployment may have removed them: best effort.
    await Promise.all(EDITABLE.map((url) => cache.add(new Request(url, { cache: 'no-cache' })).catch(() => {})));
  })());
  // No skipWaiting() here: an open page (maybe mid-edit) keeps the version it started with.
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith('recert-') && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'SKIP_WAITING') self.skipWaiting();
  else if (msg.type === 'GET_VERSION' && event.ports[0]) event.ports[0].postMessage({ version: VERSION });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return; // never proxy other sites
  if (request.mode === 'navigate') event.respondWith(page(request, url));
  else if (EDITABLE.some((name) => url.pathname === new URL(name, self.registration.scope).pathname)) event.respondWith(networkFirst(request, url));
  else event.respondWith(cacheFirst(request, url));
});

// The deployer's current copy when the network answers (kept for offline), else the last one kept.
async function networkFirst(request, url) {
  const cache = await caches.open(CACHE);
  const key = new URL(url.pathname, self.location.origin).href;
  try {
    const response = await fetch(request, { cache: 'no-cache' });
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw err;
  }
}

// The app is one page; its query string only configures scripts, so match it without the query.
async function page(request, url) {
  const scope = new URL(self.registration.scope).pathname;
  if (url.pathname === scope || url.pathname === scope + 'index.html') {
    const cached = await caches.match(new URL('index.html', self.registration.scope).href, { cacheName: CACHE, ignoreSearch: true });
    if (cached) return cached;
  }
  return fetch(request);
}

async function cacheFirst(request, url) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: !HASHED.test(url.pathname) });
  if (cached) return cached;
  const response = await fetch(request);
  // Keep hashed files fetched after install too (e.g. a precache that was interrupted).
  if (response.ok && HASHED.test(url.pathname)) await cache.put(request, response.clone());
  return response;
}
