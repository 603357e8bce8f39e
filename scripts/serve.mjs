// A small static file server for Recert's build output, on loopback only. Used by
// scripts/run (the app on http://127.0.0.1:8080) and by the browser tests and benchmarks
// (imported, on a free port). Correct MIME types (application/wasm), no directory listings,
// no path escapes, optional extra headers (e.g. a Content-Security-Policy).
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

// Starts serving `root`. Returns { server, url, close() } once listening.
// options: host (default 127.0.0.1), port (0 = any free port), headers (added to every reply),
// log (function called with one line per request, or null).
export async function startServer(root, options = {}) {
  const host = options.host ?? '127.0.0.1';
  const extraHeaders = options.headers ?? {};
  const log = options.log ?? null;
  const absRoot = path.resolve(root);

  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, ...extraHeaders });
      res.end(body);
      log?.(`${status} ${req.method} ${req.url}`);
    };
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
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...extraHeaders,
    });
    log?.(`200 ${req.method} ${req.url}`);
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address();
  return {
    server,
    url: `http://${host}:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// Command line: node scripts/serve.mjs ROOT [--port N] [--host H]
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const root = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  if (!root) {
    console.error('usage: node scripts/serve.mjs ROOT [--port N] [--host H]');
    process.exit(2);
  }
  const port = Number(opt('--port', process.env.PORT ?? 8080));
  const host = opt('--host', '127.0.0.1');
  try {
    const { url } = await startServer(root, { port, host });
    console.log(`Recert is running at ${url}  (Ctrl+C to stop)`);
  } catch (e) {
    console.error(`[recert] cannot listen on ${host}:${port}: ${e.code ?? e.message}` +
      (e.code === 'EADDRINUSE' ? ' (port in use; set PORT=... to choose another)' : ''));
    process.exit(1);
  }
  process.on('SIGINT', () => { console.log('\nstopped'); process.exit(0); });
  process.on('SIGTERM', () => process.exit(0));
}
