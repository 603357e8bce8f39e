// Recert's reference CE provider (issue #7): a real HTTP server implementing
// src/sync/provider-api.openapi.yaml on fastify, for development, demos, tests and the benchmark.
// Seeded demo data (Sam Trainer, ACSM CPT + NAAEI CAM, 200 completions with small PDF certificates),
// CORS for the app's origin, a minimal PKCE authorization endpoint, and fault injection switched
// per test through /__admin/* (loopback only; never part of the contract).
//   node scripts/provider/server.mjs [--port 8787] [--app-origin http://127.0.0.1:8080] [--completions 200]
import Fastify from 'fastify';
import cors from '@fastify/cors';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const sha256hex = (buf) => createHash('sha256').update(buf).digest('hex');
const b64url = (buf) => Buffer.from(buf).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const CURSOR_EXPIRED = 'https://recert.example/problems/cursor-expired';

// A small, valid one-page PDF naming the course (what a provider's certificate looks like).
export function certificatePdf(lines) {
  const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${760 - i * 24} Td (${String(l).replace(/[()\\]/g, '')}) Tj ET`).join('\n');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const ACSM_TOPICS = ['Resistance Training for Older Adults', 'Exercise and Type 2 Diabetes', 'Program Design Essentials',
  'Nutrition for Active Clients', 'Behavior Change Coaching', 'Functional Movement Screening', 'Cardiac Rehab Basics',
  'Youth Strength Training', 'Exercise is Medicine Update', 'Balance and Fall Prevention'];
const NAAEI_TOPICS = ['Fair Housing Compliance', 'Resident Retention Strategies', 'Property Budgeting', 'Leasing Law Update',
  'Maintenance Risk Management', 'Marketing Multifamily Communities'];
const STATUSES = ['awarded', 'awarded', 'awarded', 'finalized', 'finalized', 'pending_evaluation', 'claimed'];

// The demo person's n completions (deterministic): alternating ACSM (CEC) and NAAEI (CEC) courses.
export function seedCompletions(n, { certificates = true } = {}) {
  const items = [];
  for (let i = 1; i <= n; i++) {
    const naaei = i % 4 === 0;
    const topics = naaei ? NAAEI_TOPICS : ACSM_TOPICS;
    const title = `${topics[i % topics.length]}${i > topics.length ? ` (part ${Math.ceil(i / topics.length)})` : ''}`;
    const day = new Date(Date.UTC(2024, 0, 1) + ((i * 37) % 700) * 86400000);
    const completedAt = day.toISOString().slice(0, 10);
    const course = `${naaei ? 'NAA' : 'ACSM'}-${String(1000 + i)}`;
    const amount = naaei ? ['1', '2', '3'][i % 3] : ['1', '1.5', '2', '0.5'][i % 4];
    const c = {
      id: `c-${i}`,
      status: STATUSES[i % STATUSES.length],
      activity: {
        courseNumber: course, title, format: ['online', 'live', 'home_study', 'conference_session'][i % 4],
        providerName: naaei ? 'NAA Education Institute' : 'ACSMceOnline',
        accreditor: naaei ? 'NAAEI' : 'ACSM', approvalNumber: naaei ? `NAAEI-${2024}-${i}` : `ACSM-APP-${700 + i}`,
      },
      completedAt,
      credits: [{ amount, unit: 'CEC', accreditingBody: naaei ? 'NAAEI' : 'ACSM', category: naaei ? 'in_network' : 'general' }],
      certificate: null,
    };
    if (certificates) {
      const pdf = certificatePdf([`Certificate of Completion`, `Sam Trainer`, title, `${course} - ${amount} CEC - ${completedAt}`, c.activity.providerName]);
      c.certificate = { url: `/completions/${c.id}/certificate`, sha256: sha256hex(pdf) };
      c._pdf = pdf;
    }
    items.push(c);
  }
  return items;
}

// Starts the provider. Returns { url, port, close(), state } once listening.
export async function startProvider({ host = '127.0.0.1', port = 0, appOrigins = [], completions = 200,
  certificates = true, tokenTtl = 3600, log = false } = {}) {
  // forceCloseConnections: close() must not wait for a browser's keep-alive sockets.
  const app = Fastify({ logger: log, bodyLimit: 1 << 20, forceCloseConnections: true });
  const state = {
    seq: 0,
    items: new Map(), // id -> { c, seq }
    codes: new Map(), // code -> { challenge, clientId, redirectUri }
    tokens: new Set(),
    reports: new Map(), // Idempotency-Key -> { body, receipt }
    cursorEpoch: 1,
    faults: [], // { kind, on, times, retryAfter, delayMs }
    requests: [],
  };
  const put = (c) => { state.items.set(c.id, { c, seq: ++state.seq, etag: `"${state.seq}"`, updatedAt: new Date(Date.UTC(2025, 0, 1) + state.seq * 1000).toISOString() }); };
  const reset = (n, withCerts) => {
    state.seq = 0; state.items.clear(); state.reports.clear(); state.faults = []; state.cursorEpoch = 1; state.requests = [];
    for (const c of seedCompletions(n, { certificates: withCerts })) put(c);
  };
  reset(completions, certificates);

  await app.register(cors, {
    origin: (origin, cb) => cb(null, !origin || appOrigins.includes('*') || appOrigins.includes(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept'],
    exposedHeaders: ['Retry-After', 'X-Total-Remaining'],
    maxAge: 600,
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body)));
  });

  const problem = (reply, status, detail, type = 'about:blank', headers = {}) => {
    reply.code(status).headers(headers).type('application/problem+json');
    return { type, title: { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 410: 'Gone', 422: 'Unprocessable', 429: 'Too Many Requests', 500: 'Internal Server Error' }[status] ?? 'Error', status, detail };
  };
  // The next fault for this endpoint, if any (consumed).
  const takeFault = (on) => {
    const i = state.faults.findIndex((f) => f.on === on || f.on === '*');
    if (i < 0) return null;
    const f = state.faults[i];
    if (--f.times <= 0) state.faults.splice(i, 1);
    return f;
  };
  // Faults every endpoint shares; returns a reply value when one applies.
  const common = async (req, reply, f) => {
    if (!f) return undefined;
    if (f.kind === '500') return problem(reply, 500, 'The provider had an internal error (injected).');
    if (f.kind === '429') return problem(reply, 429, 'Too many requests (injected).', 'about:blank', { 'Retry-After': String(f.retryAfter ?? 1) });
    if (f.kind === 'timeout') {
      await new Promise((r) => setTimeout(r, f.delayMs ?? 5000));
      reply.raw.destroy();
      return reply;
    }
    return undefined;
  };
  const authorized = (req, reply) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (m && state.tokens.has(m[1])) return true;
    reply.code(401).type('application/problem+json').send({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Sign in again.' });
    return false;
  };
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/__admin')) state.requests.push(`${req.method} ${req.url}`);
  });

  // [SECTION] OAuth 2.0 authorization code + PKCE

  app.get('/oauth/authorize', async (req, reply) => {
    const q = req.query;
    if (q.response_type !== 'code' || !q.client_id || !q.redirect_uri || !q.state || !q.code_challenge || q.code_challenge_method !== 'S256') {
      return problem(reply, 400, 'response_type=code, client_id, redirect_uri, state, code_challenge and code_challenge_method=S256 are required.');
    }
    const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
    const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge'].map((k) => `<input type="hidden" name="${k}" value="${esc(q[k])}">`).join('');
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in - Demo CE Provider</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:4rem auto;color:#1d2733}button{font:inherit;padding:.6rem 1.2rem;margin-right:.5rem}</style></head>
<body><h1>Demo CE Provider</h1><p><strong>${esc(q.client_id)}</strong> asks to read your completions and certificates and to submit self-reported activities for <strong>Sam Trainer</strong>.</p>
<form method="post" action="/oauth/approve">${hidden}<button id="allow" name="decision" value="allow">Allow</button><button id="deny" name="decision" value="deny">Deny</button></form></body></html>`;
  });
  app.post('/oauth/approve', async (req, reply) => {
    const b = req.body ?? {};
    const target = new URL(b.redirect_uri);
    if (b.decision !== 'allow') {
      target.searchParams.set('error', 'access_denied');
    } else {
      const code = b64url(randomBytes(18));
      state.codes.set(code, { challenge: b.code_challenge, clientId: b.client_id, redirectUri: b.redirect_uri });
      target.searchParams.set('code', code);
    }
    target.searchParams.set('state', b.state);
    return reply.code(302).redirect(target.toString());
  });
  app.post('/oauth/token', async (req, reply) => {
    const b = req.body ?? {};
    const entry = state.codes.get(b.code);
    if (b.grant_type !== 'authorization_code' || !entry) return problem(reply, 400, 'Unknown or used code.', 'invalid_grant');
    state.codes.delete(b.code); // one use only
    const challenge = b64url(createHash('sha256').update(String(b.code_verifier ?? ''), 'ascii').digest());
    if (challenge !== entry.challenge || b.client_id !== entry.clientId || b.redirect_uri !== entry.redirectUri) {
      return problem(reply, 400, 'The code verifier, client or redirect URI does not match.', 'invalid_grant');
    }
    const token = b64url(randomBytes(24));
    state.tokens.add(token);
    return { access_token: token, token_type: 'Bearer', expires_in: tokenTtl, scope: 'completions:read self_reports:write' };
  });

  // [SECTION] The API

  app.get('/me', async (req, reply) => {
    const f = await common(req, reply, takeFault('me'));
    if (f !== undefined) return f;
    if (!authorized(req, reply)) return reply;
    return { id: 'p-1001', name: 'Sam Trainer', email: 'sam.trainer@example.org', credentials: [
      { body: 'ACSM', name: 'ACSM Certified Personal Trainer', number: 'CPT-552211' },
      { body: 'NAAEI', name: 'Certified Apartment Manager (CAM)', number: 'CAM-88127' }] };
  });

  const wire = (e) => {
    if (e.c.tombstone) return { id: e.c.id, etag: e.etag, updatedAt: e.updatedAt, status: 'revoked', tombstone: true };
    const { _pdf, ...c } = e.c;
    return { ...c, etag: e.etag, updatedAt: e.updatedAt };
  };
  app.get('/completions', async (req, reply) => {
    const fault = takeFault('completions');
    const f = await common(req, reply, fault);
    if (f !== undefined) return f;
    if (!authorized(req, reply)) return reply;
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit ?? 100) | 0));
    let after = 0;
    if (req.query.cursor) {
      let cur = null;
      try { cur = JSON.parse(Buffer.from(req.query.cursor, 'base64url').toString()); } catch { cur = null; }
      if (!cur || typeof cur.s !== 'number') return problem(reply, 400, 'Unreadable cursor.');
      if (cur.e !== state.cursorEpoch || fault?.kind === 'expire-cursor') {
        return problem(reply, 410, 'This sync position has expired; start again without a cursor.', CURSOR_EXPIRED);
      }
      after = cur.s;
    }
    const changed = [...state.items.values()].filter((e) => e.seq > after).sort((a, b) => a.seq - b.seq);
    const page = changed.slice(0, limit);
    const last = page.length ? page[page.length - 1].seq : after;
    const items = page.map(wire);
    if (fault?.kind === 'duplicate' && items.length) items.push(...items.slice(0, Math.ceil(items.length / 2)));
    if (fault?.kind === 'malformed' && items.length) {
      items[0] = { ...items[0], credits: [{ amount: 'lots', unit: 'CEC' }] };
    }
    const body = JSON.stringify({ items, nextCursor: Buffer.from(JSON.stringify({ s: last, e: state.cursorEpoch })).toString('base64url'), hasMore: changed.length > limit });
    reply.header('X-Total-Remaining', String(Math.max(0, changed.length - limit))).type('application/json');
    if (fault?.kind === 'truncated') return body.slice(0, Math.floor(body.length / 2));
    if (fault?.kind === 'garbage') return '<html><body>502 Bad Gateway</body></html>';
    return body;
  });
  app.get('/completions/:id/certificate', async (req, reply) => {
    const f = await common(req, reply, takeFault('certificate'));
    if (f !== undefined) return f;
    if (!authorized(req, reply)) return reply;
    const e = state.items.get(req.params.id);
    if (!e || !e.c._pdf) return problem(reply, 404, 'No certificate for this completion.');
    reply.type('application/pdf');
    return e.c._pdf;
  });
  app.post('/self-reports', async (req, reply) => {
    const fault = takeFault('self-reports');
    if (fault?.kind !== 'stored-then-500') {
      const f = await common(req, reply, fault);
      if (f !== undefined) return f;
    }
    if (!authorized(req, reply)) return reply;
    const key = req.headers['idempotency-key'];
    if (!key || key.length < 8) return problem(reply, 400, 'An Idempotency-Key header is required.');
    const body = req.body;
    if (!body || typeof body.title !== 'string' || !body.title || !Array.isArray(body.credits) || !body.credits.length) {
      return problem(reply, 422, 'A self-report needs a title and at least one credit.');
    }
    if (fault?.kind === 'refuse') return problem(reply, 422, 'This provider does not accept self-reports for this kind of activity.');
    const text = JSON.stringify(body);
    const seen = state.reports.get(key);
    if (seen && seen.body !== text) return problem(reply, 422, 'This Idempotency-Key was used for a different self-report.');
    if (!seen) state.reports.set(key, { body: text, receipt: { id: `sr-${state.reports.size + 1}`, status: 'claimed' } });
    if (fault?.kind === 'stored-then-500') return problem(reply, 500, 'Stored, but the answer was lost (injected).');
    reply.code(seen ? 200 : 201);
    return state.reports.get(key).receipt;
  });

  // [SECTION] Test and demo administration (not part of the contract)

  app.post('/__admin/reset', async (req) => {
    reset(req.body?.completions ?? completions, req.body?.certificates ?? certificates);
    return { items: state.items.size };
  });
  // Faults: [{kind: 500|429|timeout|truncated|malformed|garbage|duplicate|expire-cursor|stored-then-500|refuse,
  //           on: completions|me|certificate|self-reports|*, times: 1, retryAfter: 1, delayMs: 5000}]
  app.post('/__admin/faults', async (req) => {
    state.faults = (req.body?.faults ?? []).map((f) => ({ on: 'completions', times: 1, ...f, kind: String(f.kind) }));
    return { faults: state.faults.length };
  });
  app.post('/__admin/revoke', async (req) => {
    for (const id of req.body?.ids ?? []) put({ id, tombstone: true });
    return { seq: state.seq };
  });
  app.post('/__admin/add', async (req) => {
    const n = req.body?.count ?? 1;
    const start = state.items.size + 1;
    for (const c of seedCompletions(start + n - 1, { certificates }).slice(start - 1)) put(c);
    return { items: state.items.size };
  });
  app.post('/__admin/update', async (req) => {
    const e = state.items.get(req.body?.id);
    if (!e) return { ok: false };
    put({ ...e.c, ...req.body.fields, activity: { ...e.c.activity, ...(req.body.fields?.activity ?? {}) } });
    return { ok: true };
  });
  app.post('/__admin/expire-cursors', async () => { state.cursorEpoch++; return { epoch: state.cursorEpoch }; });
  app.post('/__admin/revoke-tokens', async () => { state.tokens.clear(); return {}; });
  app.get('/__admin/state', async () => ({
    items: state.items.size,
    reports: [...state.reports.entries()].map(([key, r]) => ({ key, ...JSON.parse(r.body), receipt: r.receipt })),
    requests: state.requests,
    faults: state.faults.length,
  }));

  const address = await app.listen({ host, port });
  const url = address.replace('[::1]', '127.0.0.1');
  return { url, port: new URL(url).port | 0, state, close: () => app.close(), app };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
  const origins = String(arg('--app-origin', 'http://127.0.0.1:8080')).split(',');
  const p = await startProvider({ port: Number(arg('--port', 8787)), appOrigins: origins, completions: Number(arg('--completions', 200)) });
  console.log(`[provider] demo CE provider on ${p.url} (CORS for ${origins.join(', ')}); client id: any, e.g. recert-demo`);
}
