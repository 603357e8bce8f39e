// The reference provider's OAuth side (issue #20), spoken to as a browser client would, without a
// browser (fast): metadata at both well-known addresses, sign-in through the consent page with PKCE
// S256 (required), DPoP-bound tokens accepted by the API only with a proof of the same key, refresh
// with rotation (a replayed or foreign-key refresh token is refused), revocation, and the admin
// switches the browser tests use (short-lived access tokens, revoke-tokens).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { generateKeyPair, exportJWK, SignJWT } from 'jose';
import { startProvider } from '../../scripts/provider/server.mjs';
import { authorizer } from './provider_client.mjs';

const APP = 'http://127.0.0.1:9';
const REDIRECT = `${APP}/?testhooks=1`;
const b64url = (b) => Buffer.from(b).toString('base64url');
let provider, meta;
let authorize; // authorization request → consent page → Allow → the code on the redirect URI

before(async () => {
  provider = await startProvider({ appOrigins: [APP], completions: 3, certificates: false });
  meta = await (await fetch(`${provider.url}/.well-known/oauth-authorization-server`)).json();
  authorize = authorizer(provider, meta, REDIRECT);
});
after(async () => { await provider?.close(); });

async function dpopKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  return {
    proof: (htm, htu, token) => new SignJWT({ htm, htu, jti: randomUUID(), ...(token ? { ath: b64url(createHash('sha256').update(token).digest()) } : {}) })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk }).setIssuedAt().sign(privateKey),
  };
}

async function signIn(key, jar) {
  const verifier = b64url(randomBytes(32));
  const { redirect } = await authorize({ challenge: b64url(createHash('sha256').update(verifier).digest()), jar });
  const code = redirect.searchParams.get('code');
  assert.ok(code, `a code comes back: ${redirect}`);
  const r = await fetch(meta.token_endpoint, { method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP, ...(key ? { dpop: await key.proof('POST', meta.token_endpoint) } : {}) },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'recert-web', code_verifier: verifier }) });
  assert.equal(r.status, 200, await r.clone().text());
  assert.equal(r.headers.get('access-control-allow-origin'), APP, 'CORS for the app origin');
  return r.json();
}
const refresh = async (key, token) => fetch(meta.token_endpoint, { method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP, dpop: await key.proof('POST', meta.token_endpoint) },
  body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: 'recert-web' }) });
const me = async (key, token) => fetch(`${provider.url}/me`, { headers: key
  ? { authorization: `DPoP ${token}`, dpop: await key.proof('GET', `${provider.url}/me`, token) }
  : { authorization: `Bearer ${token}` } });

test('metadata at both well-known addresses names the endpoints, PKCE S256 only and DPoP algorithms', async () => {
  const oidc = await (await fetch(`${provider.url}/.well-known/openid-configuration`)).json();
  assert.deepEqual(meta, oidc);
  assert.equal(meta.issuer, provider.url);
  assert.equal(meta.authorization_endpoint, `${provider.url}/oauth/authorize`);
  assert.equal(meta.token_endpoint, `${provider.url}/oauth/token`);
  assert.equal(meta.revocation_endpoint, `${provider.url}/oauth/revoke`);
  assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
  assert.ok(meta.dpop_signing_alg_values_supported.includes('ES256'));
});

test('an authorization request without PKCE, or with plain PKCE, is refused', async () => {
  const none = await authorize({});
  assert.equal(none.redirect?.searchParams.get('error'), 'invalid_request');
  const plain = await authorize({ challenge: 'x'.repeat(43), method: 'plain' });
  assert.equal(plain.redirect?.searchParams.get('error'), 'invalid_request');
});

test('Deny on the consent page sends access_denied back to the app', async () => {
  const { redirect } = await authorize({ challenge: b64url(randomBytes(32)), decision: 'deny' });
  assert.equal(redirect.searchParams.get('error'), 'access_denied');
  assert.equal(redirect.searchParams.get('state'), 's1');
});

test('a DPoP-bound access token works only with a proof of its key; a bearer token works as bearer', async () => {
  const key = await dpopKey();
  const t = await signIn(key);
  assert.equal(t.token_type, 'DPoP');
  assert.ok(t.refresh_token, 'a refresh token is issued');
  assert.equal((await me(key, t.access_token)).status, 200);
  assert.equal((await me(null, t.access_token)).status, 401, 'as a bearer token it is refused');
  assert.equal((await me(await dpopKey(), t.access_token)).status, 401, 'with another key it is refused');
  const bearer = await signIn(null);
  assert.equal(bearer.token_type, 'Bearer');
  assert.equal((await me(null, bearer.access_token)).status, 200);
});

test('refresh rotates; the rotated-away refresh token and one presented with another key are refused', async () => {
  const key = await dpopKey();
  const t = await signIn(key);
  const r1 = await refresh(key, t.refresh_token);
  assert.equal(r1.status, 200);
  const t1 = await r1.json();
  assert.notEqual(t1.refresh_token, t.refresh_token, 'rotated');
  assert.equal((await me(key, t1.access_token)).status, 200);
  const stolen = await refresh(await dpopKey(), t1.refresh_token);
  assert.equal(stolen.status, 400);
  assert.equal((await stolen.json()).error, 'invalid_grant');
  const replay = await refresh(key, t.refresh_token);
  assert.equal(replay.status, 400, 'the rotated-away token is refused');
});

test('revocation ends the refresh token; revoke-tokens and short-lived tokens answer 401', async () => {
  const key = await dpopKey();
  const t = await signIn(key);
  const rv = await fetch(meta.revocation_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP },
    body: new URLSearchParams({ token: t.refresh_token, token_type_hint: 'refresh_token', client_id: 'recert-web' }) });
  assert.equal(rv.status, 200);
  assert.equal((await refresh(key, t.refresh_token)).status, 400);

  const t2 = await signIn(key);
  await fetch(`${provider.url}/__admin/revoke-tokens`, { method: 'POST' });
  assert.equal((await me(key, t2.access_token)).status, 401);
  assert.equal((await refresh(key, t2.refresh_token)).status, 400);

  await fetch(`${provider.url}/__admin/token-ttl`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seconds":1}' });
  const t3 = await signIn(key);
  assert.equal(t3.expires_in, 1);
  assert.equal((await me(key, t3.access_token)).status, 200);
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal((await me(key, t3.access_token)).status, 401, 'expired');
  const r = await refresh(key, t3.refresh_token);
  assert.equal(r.status, 200, 'the refresh token outlives the access token');
  await fetch(`${provider.url}/__admin/token-ttl`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seconds":3600}' });
});

test('every issued access and refresh token is listed for the token audits', async () => {
  const t = await signIn(await dpopKey());
  assert.ok(provider.state.tokens.has(t.access_token));
  assert.ok(provider.state.tokens.has(t.refresh_token));
});

test('a second sign-in in the same browser (another tab) leaves the first one\'s tokens working', async () => {
  const key = await dpopKey();
  const jar = new Map();
  const first = await signIn(key, jar);
  const second = await signIn(key, jar); // the same provider session cookie
  assert.equal((await me(key, first.access_token)).status, 200);
  assert.equal((await me(key, second.access_token)).status, 200);
  assert.equal((await refresh(key, first.refresh_token)).status, 200);
});

test('a DPoP proof is good for its one request: sent again unchanged it is accepted, on another request refused', async () => {
  const key = await dpopKey();
  const t = await signIn(key);
  const proof = await key.proof('GET', `${provider.url}/me`, t.access_token);
  const send = (url) => fetch(url, { headers: { authorization: `DPoP ${t.access_token}`, dpop: proof } });
  assert.equal((await send(`${provider.url}/me`)).status, 200);
  assert.equal((await send(`${provider.url}/me`)).status, 200, 'the same request resent (a dropped connection)');
  assert.equal((await send(`${provider.url}/me?another=1`)).status, 401, 'the proof on another request (same htu)');
});
