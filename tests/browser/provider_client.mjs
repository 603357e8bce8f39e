// Speaks to the reference provider's consent page as a browser would, without one: the
// authorization request, the consent page's Allow or Deny, and the redirect back to the app that
// carries the code. Used by provider_oauth.test.mjs and by the bench's raw sync floor.
//
// authorizer(provider, meta, redirectUri) returns authorize({ challenge, decision, method, jar }),
// which resolves to { redirect: URL } (the app's address with code or error) or { error: text }.
// `jar` holds one browser's cookies for the provider, carried by hand.
export function authorizer(provider, meta, redirectUri) {
  const appOrigin = new URL(redirectUri).origin;
  return async function authorize({ challenge, decision = 'allow', method = 'S256', jar = new Map() } = {}) {
    const go = async (url, init = {}) => {
      const r = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const c of r.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); jar.set(kv.slice(0, i), kv.slice(i + 1)); }
      return r;
    };
    const q = new URLSearchParams({ response_type: 'code', client_id: 'recert-web', redirect_uri: redirectUri,
      scope: 'completions:read self_reports:write', state: 's1' });
    if (challenge) { q.set('code_challenge', challenge); q.set('code_challenge_method', method); }
    let r = await go(`${meta.authorization_endpoint}?${q}`);
    if (r.status !== 303 && r.status !== 302) return { error: await r.text() };
    let to = new URL(r.headers.get('location'), provider.url);
    if (to.origin === appOrigin) return { redirect: to };
    const page = await (await go(to)).text();
    const action = /id="allow"/.test(page) && /action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`no consent page with an Allow button: ${page.slice(0, 200)}`);
    r = await go(new URL(action, provider.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `decision=${decision}` });
    // Back through the authorization endpoint, then to the app.
    for (let i = 0; i < 5; i++) {
      to = new URL(r.headers.get('location'), provider.url);
      if (to.origin === appOrigin) return { redirect: to };
      r = await go(to);
    }
    throw new Error('no redirect back to the app');
  };
}
