// A small static file server for Recert's build output, on loopback only. Used by
// scripts/run (the app on http://127.0.0.1:8080, or dist/ with --dist) and by the browser tests
// and benchmarks (imported, on a free port). Correct MIME types (application/wasm), no directory
// listings, no path escapes, optional extra headers, an optional strict Content-Security-Policy,
// and the pre-compressed .br / .gz copies scripts/dist writes, served when the client accepts them.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

// Files scripts/dist pre-compresses (the same list is in scripts/dist.mjs).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.wasm', '.data', '.svg', '.txt']);

// Content-hashed names written by scripts/dist (name.<12 hex>.ext) never change: cache them for a
// year. Everything else (index.html, sw.js, the manifest, embed.js) must be revalidated.
export const HASHED_NAME = /\.[0-9a-f]{12}\.[a-z0-9]+$/;

// The path the server accepts CSP violation reports on (POST, application/csp-report).
export const CSP_REPORT_PATH = '/__csp-report';

// The Content-Security-Policy Recert is served and tested under. 'wasm-unsafe-eval' lets
// WebAssembly.instantiate run without allowing eval() (the glue is built with DYNAMIC_EXECUTION=0).
// frameAncestors: who may embed the app in an iframe ("'self'", "'none'", or space-separated origins).
// connectSrc: the origins of the sync providers the app may fetch from besides its own (checked by
// checkConnectSources); none = 'self' only (default-src).
export function cspHeader({ frameAncestors = "'self'", reportUri = null, connectSrc = [] } = {}) {
  const directives = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "object-src 'none'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestors}`,
  ];
  if (connectSrc.length) directives.push(`connect-src 'self' ${checkConnectSources(connectSrc).join(' ')}`);
  if (reportUri) directives.push(`report-uri ${reportUri}`);
  return directives.join('; ');
}

// Provider origins for connect-src, from the command line ("https://a.example https://b.example" or
// comma-separated, in one or more arguments): each an https origin (plain http only for this computer:
// localhost, 127.x, [::1]) without a path, query or user info, spelled as the browser compares it.
// Throws an Error naming the first that is not.
export function checkConnectSources(list) {
  const out = [];
  for (const item of [].concat(list).flatMap((x) => String(x).split(/[\s,]+/)).filter(Boolean)) {
    let u = null;
    try { u = new URL(item); } catch { u = null; }
    const loopback = u && (u.hostname === 'localhost' || u.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(u.hostname));
    if (!u || !(u.protocol === 'https:' || (u.protocol === 'http:' && loopback)) || u.username || u.password
        || u.search || u.hash || (u.pathname !== '/' ) || item.endsWith('/')) {
      throw new Error(`--connect-src: '${item}' is not a provider origin like https://ce.example.org ` +
        '(https, no path; plain http only for localhost or 127.0.0.1)');
    }
    if (!out.includes(u.origin)) out.push(u.origin);
  }
  return out;
}

// Which pre-compressed copy to send for an Accept-Encoding header: 'br', 'gzip' or null.
// Honours q=0 ("not acceptable"); prefers brotli (smaller) when both are accepted.
export function pickEncoding(acceptEncoding) {
  const accepted = new Map();
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (enc) => (accepted.has(enc) ? accepted.get(enc) > 0 : (accepted.get('*') ?? 0) > 0);
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

// Starts serving `root`. Returns { server, url, close() } once listening.
// options: host (default 127.0.0.1), port (0 = any free port), headers (added to every reply),
// log (function called with one line per request, or null),
// csp (true, or { frameAncestors, connectSrc }: send Recert's Content-Security-Policy on every reply),
// onCspReport (function called with each violation report the browser POSTs; adds report-uri).
export async function startServer(root, options = {}) {
  const host = options.host ?? '127.0.0.1';
  const extraHeaders = { ...(options.headers ?? {}) };
  const log = options.log ?? null;
  const onCspReport = options.onCspReport ?? null;
  const absRoot = path.resolve(root);
  if (options.csp) {
    const csp = options.csp === true ? {} : options.csp;
    extraHeaders['Content-Security-Policy'] = cspHeader({
      frameAncestors: csp.frameAncestors ?? "'self'",
      connectSrc: csp.connectSrc ?? [],
      reportUri: onCspReport ? CSP_REPORT_PATH : null,
    });
  }

  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, ...extraHeaders });
      res.end(body);
      log?.(`${status} ${req.method} ${req.url}`);
    };
    if (req.method === 'POST' && onCspReport && req.url === CSP_REPORT_PATH) {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => { if (body.length < 65536) body += chunk; });
      req.on('end', () => {
        let report;
        try { report = JSON.parse(body); } catch { report = { unparsed: body }; }
        onCspReport(report);
        send(204, '');
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed\n');
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'Bad request\n');
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(absRoot, '.' + rel);
    if (file !== absRoot && !file.startsWith(absRoot + path.sep)) return send(403, 'Forbidden\n');
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      return send(404, 'Not found\n');
    }
    if (!stat.isFile()) return send(404, 'Not found\n');

    const ext = path.extname(file).toLowerCase();
    const headers = {
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Cache-Control': HASHED_NAME.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    let body = file;
    let size = stat.size;
    if (COMPRESSIBLE.has(ext)) {
      headers['Vary'] = 'Accept-Encoding'; // caches must keep the br, gzip and plain replies apart
      const enc = pickEncoding(req.headers['accept-encoding']);
      const suffix = enc === 'br' ? '.br' : enc === 'gzip' ? '.gz' : null;
      if (suffix) {
        const st = await fs.stat(file + suffix).catch(() => null);
        if (st?.isFile()) {
          body = file + suffix;
          size = st.size;
          headers['Content-Encoding'] = enc;
        }
      }
    }
    headers['Content-Length'] = size;
    res.writeHead(200, { ...headers, ...extraHeaders });
    log?.(`200 ${req.method} ${req.url}${headers['Content-Encoding'] ? ` (${headers['Content-Encoding']})` : ''}`);
    if (req.method === 'HEAD') return res.end();
    createReadStream(body).pipe(res);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address();
  return {
    server,
    url: `http://${host}:${port}/`,
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections?.(); // keep-alive sockets of a closed browser must not hold us up
    }),
  };
}

// Command line: node scripts/serve.mjs ROOT [--port N] [--host H] [--csp] [--frame-ancestors "'self' https://a.example"]
//   [--connect-src "https://ce.example.org ..."]
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const valued = new Set(['--port', '--host', '--frame-ancestors', '--connect-src']);
  const root = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  if (!root) {
    console.error('usage: node scripts/serve.mjs ROOT [--port N] [--host H] [--csp] [--frame-ancestors SOURCES] [--connect-src ORIGINS]');
    process.exit(2);
  }
  const port = Number(opt('--port', process.env.PORT ?? 8080));
  const host = opt('--host', '127.0.0.1');
  let csp = null;
  try {
    csp = args.includes('--csp') ? { frameAncestors: opt('--frame-ancestors', "'self'"),
      connectSrc: checkConnectSources(args.filter((a, i) => args[i - 1] === '--connect-src')) } : null;
  } catch (e) {
    console.error(`[recert] ${e.message}`);
    process.exit(2);
  }
  try {
    const { url } = await startServer(root, { port, host, csp });
    console.log(`Recert is running at ${url}  (Ctrl+C to stop)`);
    if (csp) console.log(`Content-Security-Policy: ${cspHeader(csp)}`);
  } catch (e) {
    console.error(`[recert] cannot listen on ${host}:${port}: ${e.code ?? e.message}` +
      (e.code === 'EADDRINUSE' ? ' (port in use; set PORT=... to choose another)' : ''));
    process.exit(1);
  }
  process.on('SIGINT', () => { console.log('\nstopped'); process.exit(0); });
  process.on('SIGTERM', () => process.exit(0));
}
