// Shared by the storage browser tests and the storage benchmark: the storage test page
// (build/web/storage_test, tests/storage_page) served from the build tree, opened in a context,
// plus deterministic evidence files and a ZIP writer/reader (fflate from node_modules).
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { ROOT, serve } from './harness.mjs';

export const STORAGE_DIR = path.join(ROOT, 'build/web/storage_test');
export const fflate = createRequire(import.meta.url)('fflate');

export async function serveStoragePage(options = {}) {
  return serve(STORAGE_DIR, options);
}

// A new page of `context` on the test page, ready for st()/stOpen(); errors collects page errors.
export async function openStoragePage(context, url, errors = []) {
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`); });
  await page.goto(url);
  await page.waitForFunction(() => window.__storagePageReady === true, null, { timeout: 30000 });
  return page;
}

// Deterministic evidence file i: PDF or PNG magic, then pseudo-random bytes (size varies).
export function evidenceFile(i, size = 1000 + ((i * 7919) % 40000)) {
  const buf = Buffer.alloc(size);
  let x = (i + 1) * 2654435761 >>> 0;
  for (let k = 0; k < size; k++) { x = (x * 1103515245 + 12345) >>> 0; buf[k] = x >>> 24; }
  const magic = i % 2 ? Buffer.from('%PDF-1.7\n') : Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  magic.copy(buf, 0);
  return { name: i % 2 ? `certificate ${i}.pdf` : `card ${i}.png`, bytes: buf, sha256: sha256(buf) };
}

export const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

// Stages files in the page's store `s`; returns their refs ({sha256, name, mime}).
export async function stageFiles(page, s, files) {
  return page.evaluate(({ s, files }) => files.map((f) => stStage(s, f.name, new Uint8Array(f.bytes))),
    { s, files: files.map((f) => ({ name: f.name, bytes: [...f.bytes] })) });
}

// The activities of a recert-log text as {id: [rev, title]}.
export function titles(logText) {
  const out = {};
  for (const a of JSON.parse(logText).activities) out[a.id] = [a.rev, a.title];
  return out;
}
