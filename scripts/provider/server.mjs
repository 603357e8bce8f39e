// Recert's reference CE provider (issue #7): a real HTTP server implementing
// src/sync/provider-api.openapi.yaml on fastify, for development, demos, tests and the benchmark.
// Seeded demo data (Sam Trainer, ACSM CPT + NAAEI CAM, 200 completions with small PDF certificates),
// CORS for the app's origin, and fault injection switched per test through /__admin/* (loopback only;
// never part of the contract). Its OAuth side is oidc-provider (a certified OpenID Provider
// implementation): authorization code + PKCE S256 (required), refresh-token rotation, DPoP, revocation
// and metadata; this file only supplies its storage, its consent page and the API's token check.
//   node scripts/provider/server.mjs [--port 8787] [--app-origin http://127.0.0.1:8080] [--completions 200]
import Fastify from 'fastify';
import cors from '@fastify/cors';
import Provider from 'oidc-provider';
import { jwtVerify, EmbeddedJWK, calculateJwkThumbprint, generateKeyPair, exportJWK } from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
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
  // oidc-provider answers its own paths (created once the address is known, below); fastify the rest.
  let oidc = null, issuer = '', oidcHandler = null;
  const OIDC_PATH = /^\/(oauth\/|\.well-known\/(openid-configuration|oauth-authorization-server)$)/;
  const serverFactory = (handler) => http.createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (oidcHandler && OIDC_PATH.test(path)) {
      // RFC 8414's address serves the same metadata as OpenID Connect Discovery.
      if (path === '/.well-known/oauth-authorization-server') req.url = '/.well-known/openid-configuration';
      state.requests.push(`${req.method} ${path}`);
      oidcHandler(req, res);
      return;
    }
    handler(req, res);
  });
  // forceCloseConnections: close() must not wait for a browser's keep-alive sockets.
  const app = Fastify({ logger: log, bodyLimit: 1 << 20, forceCloseConnections: true, serverFactory });
  const seenJti = new Map(); // DPoP proof jti -> the request it was used for
  const state = {
    seq: 0,
    items: new Map(), // id -> { c, seq }
    accessTtl: tokenTtl, // seconds an access token lives (POST /__admin/token-ttl shortens it)
    tokens: new Set(), // every access and refresh token ever issued (the tests' token audit looks for them)
    schemes: [], // the Authorization scheme of each API request with a known token ("Bearer" / "DPoP")
    reports: new Map(), // Idempotency-Key -> { body, receipt }
    cursorEpoch: 1,
    faults: [], // { kind, on, times, retryAfter, delayMs }
    requests: [],
  };
  const put = (c) => { state.items.set(c.id, { c, seq: ++state.seq, etag: `"${state.seq}"`, updatedAt: new Date(Date.UTC(2025, 0, 1) + state.seq * 1000).toISOString() }); };
  const reset = (n, withCerts) => {
    state.seq = 0; state.items.clear(); state.reports.clear(); state.faults = []; state.cursorEpoch = 1; state.requests = []; state.schemes = [];
    for (const c of seedCompletions(n, { certificates: withCerts })) put(c);
  };
  reset(completions, certificates);

  await app.register(cors, {
    origin: (origin, cb) => cb(null, !origin || appOrigins.includes('*') || appOrigins.includes(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept', 'DPoP'],
    exposedHeaders: ['Retry-After', 'X-Total-Remaining', 'WWW-Authenticate', 'DPoP-Nonce'],
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
  // The resource server's side of OAuth: the access token must be one oidc-provider issued and still
  // holds, and a DPoP-bound token must come as `Authorization: DPoP` with a proof of the same key for
  // this very request (RFC 9449 section 7.1).
  const deny = (reply, detail, dpop) => {
    reply.code(401).type('application/problem+json')
      .header('WWW-Authenticate', dpop ? 'DPoP error="invalid_token", algs="ES256"' : 'Bearer error="invalid_token"')
      .send({ type: 'about:blank', title: 'Unauthorized', status: 401, detail });
    return false;
  };
  const authorized = async (req, reply) => {
    const m = /^(Bearer|DPoP) (.+)$/.exec(req.headers.authorization ?? '');
    if (!m) return deny(reply, 'Sign in again.', false);
    const at = await oidc.AccessToken.find(m[2]);
    if (!at) return deny(reply, 'Sign in again.', m[1] === 'DPoP');
    state.schemes.push(m[1]);
    if (!at.jkt) return m[1] === 'Bearer' || deny(reply, 'This token is not DPoP-bound.', true);
    if (m[1] !== 'DPoP') return deny(reply, 'A DPoP-bound token must be sent with a DPoP proof.', true);
    try {
      const proof = String(req.headers.dpop ?? '');
      const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: ['ES256'] });
      const htu = new URL(req.url, issuer);
      htu.search = '';
      const ath = b64url(createHash('sha256').update(m[2], 'ascii').digest());
      const now = Date.now() / 1000;
      if (payload.htm !== req.method || payload.htu !== htu.toString() || payload.ath !== ath || typeof payload.jti !== 'string'
          || typeof payload.iat !== 'number' || Math.abs(now - payload.iat) > 300) throw new Error('proof does not match the request');
      // A proof is good for one request. The same request sent again (the browser resends a GET
      // whose connection dropped before any answer) is not a replay; the proof on another request is.
      const request = `${req.method} ${req.url} ${ath}`;
      if (seenJti.has(payload.jti) && seenJti.get(payload.jti) !== request) throw new Error('proof replayed');
      seenJti.set(payload.jti, request);
      if (await calculateJwkThumbprint(protectedHeader.jwk) !== at.jkt) throw new Error('proof key is not the token\'s key');
    } catch (e) {
      return deny(reply, `Invalid DPoP proof: ${e.message}.`, true);
    }
    return true;
  };
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/__admin')) state.requests.push(`${req.method} ${req.url}`);
  });

  // [SECTION] OAuth 2.0 (oidc-provider): its storage, its clients, its consent page

  // oidc-provider's storage, in memory (its documented adapter interface). Any client id is known:
  // a public client (no secret) that may use the code and refresh-token grants and be redirected
  // to a page of an --app-origin.
  const rows = new Map(); // model name -> Map(id -> { payload, expires })
  const table = (name) => { if (!rows.has(name)) rows.set(name, new Map()); return rows.get(name); };
  class MemoryAdapter {
    constructor(name) { this.name = name; }
    static revokeAll() { for (const n of ['AccessToken', 'RefreshToken', 'AuthorizationCode', 'Grant']) table(n).clear(); }
    async upsert(id, payload, expiresIn) {
      if (this.name === 'AccessToken' || this.name === 'RefreshToken') state.tokens.add(id); // opaque: the id is the token
      table(this.name).set(id, { payload, expires: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    }
    async find(id) {
      if (this.name === 'Client') {
        if (!/^[\w.-]{1,64}$/.test(id)) return undefined;
        return { client_id: id, token_endpoint_auth_method: 'none', application_type: 'web',
          grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
          redirect_uris: appOrigins.filter((o) => o !== '*').map((o) => `${o}/`).concat(appOrigins.includes('*') ? ['http://127.0.0.1/'] : []) };
      }
      const row = table(this.name).get(id);
      if (!row) return undefined;
      if (row.expires < Date.now()) { table(this.name).delete(id); return undefined; }
      return row.payload;
    }
    async findByUid(uid) { for (const [id, r] of table(this.name)) if (r.payload.uid === uid) return this.find(id); return undefined; }
    async findByUserCode() { return undefined; }
    async consume(id) { const r = table(this.name).get(id); if (r) r.payload.consumed = Math.floor(Date.now() / 1000); }
    async destroy(id) { table(this.name).delete(id); }
    async revokeByGrantId(grantId) {
      for (const t of rows.values()) for (const [id, r] of t) if (r.payload.grantId === grantId) t.delete(id);
    }
  }
  const OIDC_SCOPES = ['openid', 'offline_access'];
  const API_SCOPE = 'completions:read self_reports:write';
  const startOidc = async (url) => {
    issuer = url;
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const signing = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'demo-1' };
    oidc = new Provider(issuer, {
      adapter: MemoryAdapter,
      jwks: { keys: [signing] },
      cookies: { keys: [b64url(randomBytes(32))] },
      routes: { authorization: '/oauth/authorize', token: '/oauth/token', revocation: '/oauth/revoke', jwks: '/oauth/jwks',
        userinfo: '/oauth/userinfo', end_session: '/oauth/logout', introspection: '/oauth/introspect',
        pushed_authorization_request: '/oauth/par' },
      scopes: OIDC_SCOPES, // the API's own scopes belong to its resource server (below)
      claims: { openid: ['sub'] },
      pkce: { methods: ['S256'], required: () => true },
      features: {
        devInteractions: { enabled: false },
        revocation: { enabled: true },
        dPoP: { enabled: true },
        // Access tokens are for this API (the issuer's own address), opaque, checked by `authorized`.
        resourceIndicators: {
          enabled: true,
          defaultResource: () => issuer,
          useGrantedResource: () => true,
          getResourceServerInfo: () => ({ scope: API_SCOPE, accessTokenFormat: 'opaque', accessTokenTTL: state.accessTtl }),
        },
      },
      // Public browser clients get a refresh token; each use rotates it (the old one then revokes the grant).
      issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
      // A sign-in outlives the provider's own browser session: each tab or device that signs in keeps
      // its grant (by default a second sign-in in the same browser would end the first one's tokens).
      expiresWithSession: async () => false,
      rotateRefreshToken: true,
      ttl: { AccessToken: () => state.accessTtl, AuthorizationCode: 60, RefreshToken: 30 * 86400, Interaction: 600,
        Session: 86400, Grant: 30 * 86400, IdToken: 3600 },
      clientBasedCORS: (ctx, origin) => appOrigins.includes('*') || appOrigins.includes(origin),
      findAccount: async (ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
      // The person is asked every time (a grant is reused only right after its consent).
      loadExistingGrant: async (ctx) => {
        const id = ctx.oidc.result?.consent?.grantId;
        return id ? ctx.oidc.provider.Grant.find(id) : undefined;
      },
      interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
      renderError: async (ctx, out) => {
        ctx.type = 'html';
        ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><h1>Sign-in error</h1><p>${esc(out.error)}: ${esc(out.error_description ?? '')}</p></body></html>`;
      },
    });
    // Loopback demo: the app's page is its redirect URI whatever its query (the app keeps its own
    // parameters, e.g. ?testhooks=1); only the origin is checked against --app-origin.
    const allowed = oidc.Client.prototype.redirectUriAllowed;
    oidc.Client.prototype.redirectUriAllowed = function (value) {
      let origin = '';
      try { origin = new URL(value).origin; } catch { return false; }
      return appOrigins.includes('*') || appOrigins.includes(origin) || allowed.call(this, value);
    };
    oidc.on('server_error', (ctx, err) => { if (log) console.error('[provider] oidc server_error', err); });
    oidcHandler = oidc.callback();
  };
  const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

  // The consent page: Allow signs Sam Trainer in and grants the requested scopes; Deny refuses.
  app.get('/interaction/:uid', async (req, reply) => {
    const details = await oidc.interactionDetails(req.raw, reply.raw);
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in - Demo CE Provider</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:4rem auto;color:#1d2733}button{font:inherit;padding:.6rem 1.2rem;margin-right:.5rem}</style></head>
<body><h1>Demo CE Provider</h1><p><strong>${esc(details.params.client_id)}</strong> asks to read your completions and certificates and to submit self-reported activities for <strong>Sam Trainer</strong>.</p>
<form method="post" action="/interaction/${esc(details.uid)}"><button id="allow" name="decision" value="allow">Allow</button><button id="deny" name="decision" value="deny">Deny</button></form></body></html>`;
  });
  app.post('/interaction/:uid', async (req, reply) => {
    const details = await oidc.interactionDetails(req.raw, reply.raw);
    let result;
    if (req.body?.decision !== 'allow') {
      result = { error: 'access_denied', error_description: 'The person declined.' };
    } else {
      const accountId = details.session?.accountId ?? 'p-1001';
      const grant = new oidc.Grant({ accountId, clientId: details.params.client_id });
      const requested = String(details.params.scope ?? '').split(' ').filter(Boolean);
      const oidcScopes = requested.filter((x) => OIDC_SCOPES.includes(x));
      if (oidcScopes.length) grant.addOIDCScope(oidcScopes.join(' '));
      grant.addResourceScope(issuer, API_SCOPE);
      result = { login: { accountId }, consent: { grantId: await grant.save() } };
    }
    const to = await oidc.interactionResult(req.raw, reply.raw, result, { mergeWithLastSubmission: false });
    return reply.code(303).redirect(to);
  });

  // [SECTION] The API

  app.get('/me', async (req, reply) => {
    const f = await common(req, reply, takeFault('me'));
    if (f !== undefined) return f;
    if (!(await authorized(req, reply))) return reply;
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
    if (!(await authorized(req, reply))) return reply;
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
    if (!(await authorized(req, reply))) return reply;
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
    if (!(await authorized(req, reply))) return reply;
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
  app.post('/__admin/revoke-tokens', async () => { MemoryAdapter.revokeAll(); return {}; });
  // Access tokens issued from now on live `seconds` (the expiry tests use 1-2 s).
  app.post('/__admin/token-ttl', async (req) => { state.accessTtl = Number(req.body?.seconds ?? tokenTtl); return { seconds: state.accessTtl }; });
  app.get('/__admin/state', async () => ({
    items: state.items.size,
    reports: [...state.reports.entries()].map(([key, r]) => ({ key, ...JSON.parse(r.body), receipt: r.receipt })),
    requests: state.requests,
    faults: state.faults.length,
    schemes: state.schemes,
    // Tokens oidc-provider still holds (not expired, revoked or rotated away), and whether each is DPoP-bound.
    live: ['AccessToken', 'RefreshToken'].flatMap((kind) => [...table(kind)].filter(([, r]) => r.expires >= Date.now() && !r.payload.consumed)
      .map(([id, r]) => ({ kind, id, dpop: Boolean(r.payload.jkt) }))),
  }));

  const address = await app.listen({ host, port });
  const url = address.replace('[::1]', '127.0.0.1');
  await startOidc(url);
  return { url, port: new URL(url).port | 0, state, close: () => app.close(), app };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
  const origins = String(arg('--app-origin', 'http://127.0.0.1:8080')).split(',');
  const p = await startProvider({ port: Number(arg('--port', 8787)), appOrigins: origins, completions: Number(arg('--completions', 200)) });
  console.log(`[provider] demo CE provider on ${p.url} (CORS for ${origins.join(', ')}); client id: any, e.g. recert-demo; metadata at ${p.url}/.well-known/openid-configuration`);
}
