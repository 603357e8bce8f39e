// Deploying for a provider on another origin (issue #20): `scripts/dist --connect-src` and
// `scripts/run --dist --connect-src` add the provider's origin to the policy's connect-src; anything
// that is not a plain https origin (plain http only on this computer) is refused in words. No browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cspHeader, checkConnectSources, startServer } from '../../scripts/serve.mjs';
import { ROOT } from './harness.mjs';

test('provider origins are checked and normalized; anything else is refused by name', () => {
  assert.deepEqual(checkConnectSources(['https://CE.example.org', 'https://b.example:8443,http://127.0.0.1:8787']),
    ['https://ce.example.org', 'https://b.example:8443', 'http://127.0.0.1:8787']);
  assert.deepEqual(checkConnectSources(['https://a.example https://a.example']), ['https://a.example']);
  for (const bad of ['http://ce.example.org', 'https://ce.example.org/api', 'https://u@ce.example.org', 'ce.example.org',
    "'unsafe-inline'", '*', 'https://ce.example.org/', 'https://ce.example.org?x', 'data:']) {
    assert.throws(() => checkConnectSources([bad]), (e) => e.message.includes(`'${bad}'`), bad);
  }
});

test('the policy gains connect-src only when providers are given', () => {
  assert.ok(!cspHeader().includes('connect-src'));
  assert.equal(cspHeader({ connectSrc: ['https://ce.example.org'] }),
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; connect-src 'self' https://ce.example.org");
});

test('the server sends the policy with the providers, and its command line refuses a bad origin', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recert-csp-'));
  const s = await startServer(dir, { port: 0, csp: { connectSrc: ['https://ce.example.org'] } });
  try {
    const r = await fetch(`${s.url}/missing`);
    assert.match(r.headers.get('content-security-policy'), /; connect-src 'self' https:\/\/ce\.example\.org$/);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const bad = spawnSync('node', [path.join(ROOT, 'scripts/serve.mjs'), ROOT, '--csp', '--port', '0', '--connect-src', 'http://evil.example'], { encoding: 'utf8', timeout: 20000 });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /'http:\/\/evil\.example' is not a provider origin/);
});

test('scripts/dist refuses a bad --connect-src before building anything', () => {
  const r = spawnSync('bash', [path.join(ROOT, 'scripts/dist'), '--connect-src', 'https://ce.example.org/api'], { encoding: 'utf8', timeout: 20000 });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /'https:\/\/ce\.example\.org\/api' is not a provider origin/);
  assert.doesNotMatch(r.stderr, /building the web app/);
});
