// Turns the web build (build/web/release; the tests pass build/web/app) into a deployable static site (dist/): content-hashed
// names for the app's scripts, styles, wasm and data (cached for a year by hosts), index.html
// rewritten to them plus an asset map web/boot.js gives Emscripten's locateFile, the service
// worker with its version and precache list filled in, the manifest and PNG icons rendered from
// web/favicon.svg, the host-page embed script, and .gz/.br copies of every compressible file.
// Used by scripts/dist (command line) and by the browser tests (buildDist into a temp dir).
import { createHash } from 'node:crypto';
import { promises as fs, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { cspHeader } from './serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Referenced from index.html (or, for .wasm/.data, by index.js through Module.locateFile):
// renamed to name.<hash>.ext. The hash length matches HASHED in web/sw.js and scripts/serve.mjs.
const HASHED_ASSETS = ['index.js', 'index.wasm', 'index.data', 'boot.js', 'recert.css', 'embed-app.js', 'fflate.js'];
const HASH_CHARS = 12;
// Kept under their names: index.html and sw.js must be found by fixed URLs, the manifest and the
// icons are named by index.html / the manifest, and host pages link to embed.js; the transcript tab
// (a blob: page) links transcript.css by its name.
const PLAIN_FILES = ['favicon.svg', 'manifest.webmanifest', 'embed.js', 'transcript.css', 'recert.config.json'];
// Edited by the deployer in dist/ after a build: never pre-compressed (a stale .gz/.br would be served).
const EDITABLE = new Set(['recert.config.json']);
const ICONS = [
  { name: 'icon-192.png', size: 192, maskable: false },
  { name: 'icon-512.png', size: 512, maskable: false },
  { name: 'icon-maskable-512.png', size: 512, maskable: true },
];
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.wasm', '.data', '.svg']);

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

function hashedName(name, content) {
  const ext = path.extname(name);
  return `${name.slice(0, -ext.length)}.${sha256(content).slice(0, HASH_CHARS)}${ext}`;
}

// Replaces exactly one occurrence of `needle` in `text`; a build whose files changed shape fails
// loudly here instead of producing a site that loads stale or missing files.
function replaceOnce(text, needle, replacement, where) {
  const first = text.indexOf(needle);
  if (first < 0 || text.indexOf(needle, first + 1) >= 0) {
    throw new Error(`${where}: expected exactly one ${JSON.stringify(needle)}`);
  }
  return text.slice(0, first) + replacement + text.slice(first + needle.length);
}

const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

// Renders web/favicon.svg to square PNGs with headless Chromium (the one the tests use), so no
// binary image is ever committed. Maskable icons get a full-bleed background and the badge inside
// the 80% safe zone that launchers may crop to a circle.
async function renderIcons(svg, outDir) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // Root without a user namespace sandbox; no GPU on build machines.
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    for (const icon of ICONS) {
      await page.setViewportSize({ width: icon.size, height: icon.size });
      const inner = icon.maskable ? Math.round(icon.size * 0.72) : icon.size;
      await page.setContent(`<html><body style="margin:0;width:${icon.size}px;height:${icon.size}px;display:flex;` +
        `align-items:center;justify-content:center;background:${icon.maskable ? '#1f5f8b' : 'transparent'}">` +
        `<img src="${dataUrl}" width="${inner}" height="${inner}"></body></html>`);
      await page.waitForFunction(() => document.images[0].complete && document.images[0].naturalWidth > 0);
      await page.screenshot({ path: path.join(outDir, icon.name), omitBackground: !icon.maskable });
    }
  } finally {
    await browser.close();
  }
}

// Builds dist into `outDir` (replaced atomically) from the web build in `appDir`.
// Returns { version, assets, files: [{ name, raw, gz, br }] }.
// connectSrc: sync providers' origins the site's policy lets the app fetch from (checkConnectSources);
// the policy the host should send is written to csp.txt (one line; README: Deploying).
export async function buildDist(appDir = path.join(ROOT, 'build/web/release'), outDir = path.join(ROOT, 'dist'), { log = () => {}, connectSrc = [] } = {}) {
  const policy = cspHeader({ connectSrc }); // a bad origin stops here, before anything is written
  for (const f of ['index.html', ...HASHED_ASSETS, ...PLAIN_FILES, 'sw.js']) {
    if (!existsSync(path.join(appDir, f))) throw new Error(`${appDir}/${f} is missing: build the web app first (scripts/build-web)`);
  }
  const tmp = `${outDir}.tmp-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { recursive: true });
  try {
    // 1. Hashed copies and the asset map (logical name -> deployed name).
    const assets = {};
    for (const name of HASHED_ASSETS) {
      const content = await fs.readFile(path.join(appDir, name));
      assets[name] = hashedName(name, content);
      await fs.writeFile(path.join(tmp, assets[name]), content);
    }
    for (const name of PLAIN_FILES) await fs.copyFile(path.join(appDir, name), path.join(tmp, name));
    await renderIcons(await fs.readFile(path.join(appDir, 'favicon.svg'), 'utf8'), tmp);

    // 2. index.html: references to the hashed names, and the map for index.js's own fetches.
    let html = await fs.readFile(path.join(appDir, 'index.html'), 'utf8');
    const where = `${appDir}/index.html`;
    html = replaceOnce(html, '<meta name="recert-assets" content="{}">',
      `<meta name="recert-assets" content="${escapeAttr(JSON.stringify({ 'index.wasm': assets['index.wasm'], 'index.data': assets['index.data'], 'fflate.js': assets['fflate.js'] }))}">`, where);
    html = replaceOnce(html, 'src="index.js"', `src="${assets['index.js']}"`, where);
    html = replaceOnce(html, 'src="boot.js"', `src="${assets['boot.js']}"`, where);
    html = replaceOnce(html, 'src="embed-app.js"', `src="${assets['embed-app.js']}"`, where);
    html = replaceOnce(html, 'href="recert.css"', `href="${assets['recert.css']}"`, where);
    await fs.writeFile(path.join(tmp, 'index.html'), html);
    await fs.writeFile(path.join(tmp, 'csp.txt'), `${policy}\n`);

    // 3. The service worker: what to precache, and a version that changes with any of it.
    const precache = ['index.html', ...Object.values(assets), 'favicon.svg', 'manifest.webmanifest', 'transcript.css', ...ICONS.map((i) => i.name)];
    const versionHash = createHash('sha256');
    for (const name of [...precache].sort()) versionHash.update(`${name}\0${sha256(await fs.readFile(path.join(tmp, name)))}\n`);
    const version = versionHash.digest('hex').slice(0, HASH_CHARS);
    let sw = await fs.readFile(path.join(appDir, 'sw.js'), 'utf8');
    sw = replaceOnce(sw, "'__RECERT_VERSION__'", JSON.stringify(version), `${appDir}/sw.js`);
    sw = replaceOnce(sw, "JSON.parse('__RECERT_PRECACHE__')", JSON.stringify(precache), `${appDir}/sw.js`);
    await fs.writeFile(path.join(tmp, 'sw.js'), sw);

    // 4. Pre-compressed copies for hosts that serve them as-is (nginx gzip_static/brotli_static,
    //    S3 with Content-Encoding); written only when smaller than the original.
    const files = [];
    for (const name of (await fs.readdir(tmp)).sort()) {
      const buf = await fs.readFile(path.join(tmp, name));
      const row = { name, raw: buf.length, gz: null, br: null };
      if (COMPRESSIBLE.has(path.extname(name)) && !EDITABLE.has(name)) {
        const gz = gzipSync(buf, { level: 9 });
        const br = brotliCompressSync(buf, {
          params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length,
                    [zc.BROTLI_PARAM_MODE]: name.endsWith('.wasm') || name.endsWith('.data') ? zc.BROTLI_MODE_GENERIC : zc.BROTLI_MODE_TEXT },
        });
        if (gz.length < buf.length) { await fs.writeFile(path.join(tmp, `${name}.gz`), gz); row.gz = gz.length; }
        if (br.length < buf.length) { await fs.writeFile(path.join(tmp, `${name}.br`), br); row.br = br.length; }
      }
      files.push(row);
    }

    await fs.rm(outDir, { recursive: true, force: true });
    await fs.rename(tmp, outDir);
    log(`dist ${version}: ${files.length} files in ${outDir}`);
    return { version, assets, precache, files };
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

// Command line: node scripts/dist.mjs [APP_DIR] [OUT_DIR] [--connect-src ORIGIN...]
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--connect-src');
  const [appDir, outDir] = at < 0 ? args : args.slice(0, at);
  const connectSrc = at < 0 ? [] : args.slice(at + 1);
  try {
    const r = await buildDist(appDir, outDir, { connectSrc });
    console.log(`Content-Security-Policy for the host (dist/csp.txt): ${cspHeader({ connectSrc })}`);
    const kib = (n) => (n == null ? '-' : (n / 1024).toFixed(1));
    const w = Math.max(...r.files.map((f) => f.name.length));
    console.log(`${'file'.padEnd(w)}  ${'KiB'.padStart(8)}  ${'gz'.padStart(8)}  ${'br'.padStart(8)}`);
    for (const f of r.files) console.log(`${f.name.padEnd(w)}  ${kib(f.raw).padStart(8)}  ${kib(f.gz).padStart(8)}  ${kib(f.br).padStart(8)}`);
    const total = (k) => r.files.reduce((s, f) => s + (f[k] ?? f.raw), 0);
    console.log(`${'total'.padEnd(w)}  ${kib(total('raw')).padStart(8)}  ${kib(total('gz')).padStart(8)}  ${kib(total('br')).padStart(8)}`);
    console.log(`version ${r.version}; service worker precaches ${r.precache.length} files`);
  } catch (e) {
    console.error(`[recert] dist failed: ${e.message}`);
    process.exit(1);
  }
}
