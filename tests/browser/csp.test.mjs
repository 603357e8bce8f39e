// The deployable site under the strict Content-Security-Policy: the app starts and works with no
// violation (events in the page, reports to the server) and contacts no one but its own origin;
// a control case proves the violation detectors do fire.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, buildTestDist, serveWithCsp, guardedContext, waitForFirstFrame, clickItem, waitForItemGone,
} from './harness.mjs';
import { cspHeader } from '../../scripts/serve.mjs';

let browser;
let server;

before(async () => {
  const dist = await buildTestDist();
  server = await serveWithCsp(dist.dir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the policy is the strict one: no eval, no inline script, no plugins, no base, framing configurable', () => {
  const policy = cspHeader({ frameAncestors: "'self' https://portal.example" });
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'none'"]);
  assert.deepEqual(directives['frame-ancestors'], ["'self'", 'https://portal.example']);
  assert.ok(!policy.includes("'unsafe-inline'") && !/'unsafe-eval'/.test(policy));
});

test('the app starts and works under the CSP with no violation and no request to another origin', async () => {
  const g = await guardedContext(browser);
  try {
    const page = await g.context.newPage();
    const response = await page.goto(`${server.url}?testhooks=1`);
    assert.equal(response.headers()['content-security-policy'], cspHeader({ reportUri: '/__csp-report' }));
    await waitForFirstFrame(page);
    await clickItem(page, 'Recert/Help');
    await clickItem(page, 'About Recert');
    await clickItem(page, 'About Recert/Close');
    await waitForItemGone(page, 'About Recert/Close');
    await clickItem(page, 'Recert/View');
    await clickItem(page, 'Dark theme');
    await page.waitForTimeout(500); // late violations (workers, manifest) have time to show up
    assert.deepEqual(await g.cspViolations(page), []);
    assert.deepEqual(server.reports, []);
    assert.deepEqual(g.errors, []);
    assert.deepEqual(g.origins(), [server.origin], 'only the app origin was contacted');
    assert.ok(g.requests.some((u) => u.endsWith('.wasm')), 'the wasm was fetched (through locateFile)');
  } finally {
    await g.context.close();
  }
});

test('control: an inline script is blocked, seen by the page listener and reported to the server', async () => {
  const g = await guardedContext(browser);
  try {
    const page = await g.context.newPage();
    await page.goto(server.url);
    await waitForFirstFrame(page);
    const before = server.reports.length;
    const ran = await page.evaluate(() => {
      window.__inlineRan = false;
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.body.appendChild(s);
      return window.__inlineRan;
    });
    assert.equal(ran, false, 'the inline script did not run');
    await page.waitForFunction(() => window.__cspViolations.length > 0);
    const v = await g.cspViolations(page);
    assert.equal(v.length, 1);
    assert.match(v[0].directive, /^script-src/);
    const deadline = Date.now() + 5000;
    while (server.reports.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(server.reports.length, before + 1, 'the browser POSTed a violation report');
    assert.match(server.reports.at(-1)['csp-report']['violated-directive'], /^script-src/);
    server.reports.length = before; // this violation was the point of the test
  } finally {
    await g.context.close();
  }
});
