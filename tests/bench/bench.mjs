// Recert benchmarks. Prints tables; asserts nothing (targets are read by people, not CI).
// Every figure is shown next to a baseline measured in the same run:
//   - web payload: the app vs a bare ImGui + SDL2 "hello" built by the same pipeline;
//   - time to first frame: app vs hello, median of N cold loads each, interleaved, one browser.
// Later work adds sections (engine, storage, sync, ...) to SECTIONS below.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { APP_DIR, HELLO_DIR, launchBrowser, serve } from '../browser/harness.mjs';

const LOADS = Number(process.env.BENCH_LOADS ?? 7);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function kib(n) { return (n / 1024).toFixed(1); }

export function printTable(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

function sizes(file) {
  const buf = readFileSync(file);
  return {
    raw: buf.length,
    gz: gzipSync(buf, { level: 9 }).length,
    br: brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

async function sectionSizes() {
  const parts = [
    ['wasm', 'index.wasm', 'hello.wasm'],
    ['js', 'index.js', 'hello.js'],
    ['data (fonts)', 'index.data', null],
    ['html+css+boot', ['index.html', 'recert.css', 'boot.js'], 'hello.html'],
  ];
  const rows = [];
  const total = { app: { raw: 0, gz: 0, br: 0 }, hello: { raw: 0, gz: 0, br: 0 } };
  const sum = (dir, names) => {
    const acc = { raw: 0, gz: 0, br: 0 };
    for (const n of [].concat(names ?? [])) {
      const s = sizes(path.join(dir, n));
      acc.raw += s.raw; acc.gz += s.gz; acc.br += s.br;
    }
    return acc;
  };
  for (const [label, appNames, helloNames] of parts) {
    const a = sum(APP_DIR, appNames);
    const h = sum(HELLO_DIR, helloNames);
    for (const k of ['raw', 'gz', 'br']) { total.app[k] += a[k]; total.hello[k] += h[k]; }
    rows.push([label, kib(a.raw), kib(a.gz), kib(a.br), kib(h.raw), kib(h.gz), kib(h.br),
      h.br ? (a.br / h.br).toFixed(2) : '-']);
  }
  rows.push(['total', kib(total.app.raw), kib(total.app.gz), kib(total.app.br), kib(total.hello.raw),
    kib(total.hello.gz), kib(total.hello.br), (total.app.br / total.hello.br).toFixed(2)]);
  printTable('Web payload (KiB): app vs bare ImGui+SDL2 hello, same pipeline and flags',
    ['file', 'app raw', 'app gz', 'app br', 'hello raw', 'hello gz', 'hello br', 'app/hello (br)'], rows);
}

async function sectionFirstFrame() {
  const appServer = await serve(APP_DIR);
  const helloServer = await serve(HELLO_DIR);
  const browser = await launchBrowser();
  const times = { app: [], hello: [] };
  try {
    const load = async (url) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => typeof window.__recertFirstFrame === 'number', null, { timeout: 60000 });
      const t = await page.evaluate(() => window.__recertFirstFrame);
      await context.close();
      return t;
    };
    await load(appServer.url); // warm-up: the first Chromium start pays one-off costs
    await load(`${helloServer.url}hello.html`);
    for (let i = 0; i < LOADS; i++) {
      times.app.push(await load(appServer.url));
      times.hello.push(await load(`${helloServer.url}hello.html`));
    }
  } finally {
    await browser.close();
    await appServer.close();
    await helloServer.close();
  }
  const a = median(times.app);
  const h = median(times.hello);
  printTable(`Time to first frame (ms from navigation start, median of ${LOADS} cold loads, SwiftShader WebGL)`,
    ['page', 'median', 'min', 'max', 'ratio app/hello'],
    [['app', a.toFixed(0), Math.min(...times.app).toFixed(0), Math.max(...times.app).toFixed(0), (a / h).toFixed(2)],
     ['hello', h.toFixed(0), Math.min(...times.hello).toFixed(0), Math.max(...times.hello).toFixed(0), '1.00']]);
}

const SECTIONS = { sizes: sectionSizes, 'first-frame': sectionFirstFrame };

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(SECTIONS)) {
  if (!SECTIONS[name]) {
    console.error(`unknown section '${name}'; known: ${Object.keys(SECTIONS).join(', ')}`);
    process.exit(2);
  }
  if (!existsSync(path.join(APP_DIR, 'index.html')) || !existsSync(path.join(HELLO_DIR, 'hello.html'))) {
    console.error('build the web app first (scripts/build-web)');
    process.exit(1);
  }
  await SECTIONS[name]();
}
