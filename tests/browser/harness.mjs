// Browser test harness: Debian's Chromium driven by playwright-core, the app served from the
// build tree by scripts/serve.mjs on a free loopback port, and helpers that find and click real
// ImGui widgets through the app's test hooks (?testhooks=1, see src/platform/web/test_hooks.cpp).
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// RECERT_APP_DIR: another web build's app/ (the bench compares builds with it).
export const APP_DIR = process.env.RECERT_APP_DIR ? path.resolve(process.env.RECERT_APP_DIR) : path.join(ROOT, 'build/web/app');
export const HELLO_DIR = path.join(ROOT, 'build/web/hello');
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts');

// Flags for Debian's chromium on these machines: no network beyond loopback, no sandbox as
// root, WebGL through SwiftShader (no GPU).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  // Recert shows and reads dates in the browser locale's format (en-US: MM/DD/YYYY). The suites
  // check ISO dates, so a context is en-GB (ISO in Recert) unless a test names its own locale.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ locale: 'en-GB', ...options });
  return browser;
}

export async function serve(dir = APP_DIR, options = {}) {
  return startServer(dir, options);
}

// Opens the app in a new context. Returns { context, page, errors } where `errors` collects
// console errors and uncaught exceptions for the test to assert on.
export async function openApp(browser, baseUrl, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: options.dpr ?? 1,
    hasTouch: options.touch ?? false, // a phone: touch events, and the page's own pointer is coarse
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  if (options.initScript) await page.addInitScript(options.initScript);
  const query = options.query ?? 'testhooks=1';
  await page.goto(`${baseUrl}${options.path ?? ''}?${query}`);
  if (options.waitForFirstFrame !== false) await waitForFirstFrame(page);
  return { context, page, errors };
}

export async function waitForFirstFrame(page, timeout = 30000) {
  await page.waitForFunction(() => typeof window.__recertFirstFrame === 'number', null, { timeout });
}

// The item's rectangle (CSS px relative to the canvas, which fills the page) or null.
export async function itemRect(page, itemPath) {
  return page.evaluate((p) => window.recertTest.itemRect(p), itemPath);
}

// Waits until the app has applied every key, character and click the browser gave it (ImGui 1.86
// takes input a frame at a time: the trickle holds back what one frame cannot show), so what
// typing did can be read. The browser acknowledges keys long before that when frames are cheap.
export async function waitForInputApplied(page, timeout = 5000) {
  await page.waitForFunction(() => window.Module._recert_input_queued() === 0, null, { timeout, polling: 'raf' });
}

// Waits until an item is drawn and visible; returns its rectangle.
export async function waitForItem(page, itemPath, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const rect = await itemRect(page, itemPath);
    if (rect && rect.visible) return rect;
    if (Date.now() > deadline) {
      const paths = await page.evaluate(() => window.recertTest.itemPaths());
      throw new Error(`item "${itemPath}" not visible after ${timeout} ms; drawn: ${paths.join(' | ')}`);
    }
    await page.waitForTimeout(30);
  }
}

// Waits until an item is no longer drawn.
export async function waitForItemGone(page, itemPath, timeout = 5000) {
  const deadline = Date.now() + timeout;
  while (await itemRect(page, itemPath)) {
    if (Date.now() > deadline) throw new Error(`item "${itemPath}" still drawn after ${timeout} ms`);
    await page.waitForTimeout(30);
  }
}

// Presses `key` on a mirror element as a keyboard user does: focus, then the key. It waits until
// the element can take focus first: the mirror follows the canvas a frame later, so a control
// under a dialog that has just closed is still inert there for a moment, and focus() on it does
// nothing (the key would go to whatever had focus before).
export async function pressOn(locator, key = 'Enter', timeout = 10000) {
  await locator.waitFor({ state: 'attached', timeout });
  const deadline = Date.now() + timeout;
  for (;;) {
    await locator.focus({ timeout });
    if (await locator.evaluate((el) => el === el.ownerDocument.activeElement)) break;
    if (Date.now() > deadline) throw new Error(`pressOn: ${locator} never took focus`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  await locator.press(key);
}

// Clicks the centre of an item like a person would: move, press, hold ~60 ms, release.
export async function clickItem(page, itemPath) {
  // Wait until the item sits still for two samples: a popup's first frame is laid out
  // off-screen / auto-sized, and a click there would miss.
  let r = await waitForItem(page, itemPath);
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(40);
    const again = await waitForItem(page, itemPath);
    const same = again.x === r.x && again.y === r.y && again.w === r.w && again.h === r.h;
    r = again;
    if (same) break;
  }
  if (r.disabled) throw new Error(`item "${itemPath}" is disabled`);
  // The middle of the part of it on screen (a table row wider than a phone's window is tapped where
  // it shows, not at its middle off to the right).
  const vp = page.viewportSize() ?? { width: Infinity, height: Infinity };
  const x0 = Math.max(r.x, 0), x1 = Math.min(r.x + r.w, vp.width);
  const y0 = Math.max(r.y, 0), y1 = Math.min(r.y + r.h, vp.height);
  const x = x1 > x0 ? (x0 + x1) / 2 : r.x + r.w / 2;
  const y = y1 > y0 ? (y0 + y1) / 2 : r.y + r.h / 2;
  await page.mouse.move(x, y);
  await page.waitForTimeout(30);
  await page.mouse.down();
  await page.waitForTimeout(60);
  await page.mouse.up();
  await page.waitForTimeout(30);
  return r;
}

// Saves a PNG screenshot under tests/artifacts and returns its buffer.
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

// The RGB colour of one pixel (device pixels) of a PNG buffer.
export function pixelAt(pngBuffer, x, y) {
  const png = PNG.sync.read(pngBuffer);
  const i = (png.width * y + x) << 2;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}

export function hex(rgb) {
  return '#' + rgb.map((v) => v.toString(16).padStart(2, '0')).join('');
}

// [SECTION] Deployable site (dist/), strict CSP and request guards: used by the PWA, embedding and
// CSP tests (pwa.test.mjs, embed.test.mjs, csp.test.mjs) and the benchmark's pwa section.

// Builds dist/ from the current web build into a fresh temporary directory (scripts/dist.mjs),
// once per test process; returns { dir, version, assets, precache, files }.
let distOnce = null;
export function buildTestDist() {
  distOnce ??= (async () => {
    const { buildDist } = await import('../../scripts/dist.mjs');
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'recert-dist-')), 'dist');
    return { dir, ...(await buildDist(APP_DIR, dir)) };
  })();
  return distOnce;
}

// Serves a dist directory under Recert's Content-Security-Policy. Violation reports the browser
// POSTs are collected in `reports` (the tests fail on any). frameAncestors: who may frame the app.
export async function serveWithCsp(dir, { frameAncestors = "'self'", headers = {} } = {}) {
  const reports = [];
  const requests = [];
  const server = await startServer(dir, {
    csp: { frameAncestors },
    headers,
    onCspReport: (r) => reports.push(r),
    log: (line) => requests.push(line),
  });
  return { ...server, reports, requests, origin: new URL(server.url).origin };
}

// A free loopback TCP port (for servers that must know each other's origin before starting).
export async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// A browser context that records what the tests assert on: every request URL, console errors and
// uncaught exceptions of every page and frame, and (in every frame, through an init script) each
// securitypolicyviolation event into window.__cspViolations.
export async function guardedContext(browser, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: options.dpr ?? 1,
  });
  const requests = [];
  const errors = [];
  const warnings = [];
  context.on('request', (req) => requests.push(req.url()));
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
      if (msg.type() === 'warning') warnings.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  };
  context.on('page', watch);
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber });
    });
  });
  // The CSP violations seen by every frame of `page`.
  const cspViolations = async (page) => {
    const all = [];
    for (const frame of page.frames()) {
      const v = await frame.evaluate(() => window.__cspViolations ?? []).catch(() => []);
      all.push(...v.map((x) => ({ frame: frame.url(), ...x })));
    }
    return all;
  };
  // Origins contacted by any page of the context (data:/blob: URLs are not network requests).
  const origins = () => [...new Set(requests.filter((u) => /^https?:/.test(u)).map((u) => new URL(u).origin))].sort();
  return { context, requests, errors, warnings, cspViolations, origins };
}

// The state of the service worker controlling `page`: waits until one controls it, then asks it
// for its version (web/sw.js answers GET_VERSION).
export async function serviceWorkerVersion(page, timeout = 30000) {
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout });
  return page.evaluate(() => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(e.data.version);
    navigator.serviceWorker.controller.postMessage({ type: 'GET_VERSION' }, [channel.port2]);
  }));
}

// An init script that counts the page's animation-frame callbacks (window.__rafCallbacks): every
// requestAnimationFrame, Emscripten's main loop's included, goes through the wrapper.
export function countAnimationFrames() {
  const raf = window.requestAnimationFrame.bind(window);
  window.__rafCallbacks = 0;
  window.requestAnimationFrame = (cb) => raf((t) => { window.__rafCallbacks += 1; cb(t); });
}

// Waits until no animation-frame callback has run for `quietMs` (the post-load work and the frames
// after it are over); returns how long that took (ms). Needs countAnimationFrames as init script.
export async function waitForNoAnimationFrames(page, quietMs = 1000, timeout = 20000) {
  const start = Date.now();
  const count = () => page.evaluate(() => window.__rafCallbacks);
  let last = await count(), quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    if (Date.now() - start > timeout) throw new Error(`animation frames still running after ${timeout} ms (${last} callbacks)`);
    await page.waitForTimeout(100);
    const now = await count();
    if (now !== last) { last = now; quietSince = Date.now(); }
  }
  return Date.now() - start;
}
