import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { ISSUER, databases, startHarness, type Harness } from '../helpers/harness.js';
import { startIdp, type Idp } from '../helpers/idp.js';

/**
 * Signing in to the console through an identity provider, end to end over real HTTP: Keyward
 * listens on a port, oidc-provider is the identity provider, and the test plays the browser.
 * It reads /v1/signInProviders without a token, runs the authorization code flow with PKCE as
 * the console's public client (no secret), and calls /v1 with the provider's access token.
 */
const CONSOLE_CLIENT_ID = 'keyward-console';
const REDIRECT_URI = 'http://127.0.0.1:1/console/callback';

interface SignInProvider {
  name: string;
  id: string;
  organization: string;
  displayName: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  audience: string;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** A browser's cookie jar, reduced to what one sign-in at one provider needs. */
class Cookies {
  #values = new Map<string, string>();
  take(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      this.#values.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  get header() {
    return [...this.#values].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * What the console does: discovery, then the authorization request with a PKCE challenge and
 * the audience as resource; the person signs in as `login` and consents at the provider's pages;
 * the code comes back to the redirect URI and is exchanged, with the verifier and no secret.
 */
async function signInAt(provider: SignInProvider, login: string): Promise<{ access_token: string; token_type: string; id_token?: string }> {
  const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: REDIRECT_URI,
    scope: provider.scopes.join(' '),
    resource: provider.audience,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    state,
  }).toString();

  const cookies = new Cookies();
  let next: URL = authorize;
  let callback: URL | undefined;
  for (let step = 0; step < 12 && !callback; step++) {
    const page = await fetch(next, { redirect: 'manual', headers: { cookie: cookies.header } });
    cookies.take(page);
    if (page.status === 200) {
      // The provider's sign-in or consent page: submit its form as a person would.
      const html = await page.text();
      const action = /<form[^>]* action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
      assert.ok(action && prompt, `an interaction form: ${html.slice(0, 300)}`);
      const submitted = await fetch(new URL(action, next), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookies.header, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt }).toString(),
      });
      cookies.take(submitted);
      assert.equal(submitted.status, 303, await submitted.clone().text());
      next = new URL(submitted.headers.get('location')!, next);
      continue;
    }
    assert.ok([302, 303].includes(page.status), `${page.status} at ${next.pathname}: ${await page.text()}`);
    const location = new URL(page.headers.get('location')!, next);
    if (location.href.startsWith(REDIRECT_URI)) callback = location;
    else next = location;
  }
  assert.ok(callback, 'the provider redirected back to the console');
  assert.equal(callback.searchParams.get('error'), null, callback.search);
  assert.equal(callback.searchParams.get('state'), state);

  const token = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
      client_id: provider.clientId,
      code_verifier: verifier,
      resource: provider.audience,
    }).toString(),
  });
  const body = (await token.json()) as { access_token: string; token_type: string; id_token?: string };
  assert.equal(token.status, 200, JSON.stringify(body));
  return body;
}

for (const db of databases) {
  describe(`console sign-in through a provider, against oidc-provider (${db.name})`, () => {
    let h: Harness;
    let idp: Idp;
    let keyward: string;
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${keyward}${path}`, { headers });
    const signInProviders = async (): Promise<SignInProvider[]> => {
      const res = await get('/v1/signInProviders');
      assert.equal(res.status, 200);
      return ((await res.json()) as { signInProviders: SignInProvider[] }).signInProviders;
    };

    before(async () => {
      idp = await startIdp({ consoleClient: { clientId: CONSOLE_CLIENT_ID, redirectUri: REDIRECT_URI } });
      h = await startHarness(undefined, { db, env: { KEYWARD_JWKS_MIN_REFETCH: '0' } });
      await h.app.listen({ port: 0, host: '127.0.0.1' });
      keyward = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await h.close();
      await idp.close();
    });

    it('lists the provider without a token, and its access token signs a person in with the roles bound to them', async () => {
      const created = await h.call('POST', '/v1/providers', {
        displayName: 'Company login',
        issuer: idp.issuer,
        adminSignIn: true,
        consoleSignIn: { clientId: CONSOLE_CLIENT_ID },
      });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.deepEqual(created.body.consoleSignIn, { clientId: CONSOLE_CLIENT_ID, scopes: ['openid'] });

      const listed = await signInProviders();
      assert.deepEqual(listed, [
        {
          name: created.body.name,
          id: created.body.id,
          organization: (await h.call('GET', '/v1/organizations')).body.organizations.find((o: { defaultWorkspace: string }) => o.defaultWorkspace === created.body.workspace).name,
          displayName: 'Company login',
          issuer: idp.issuer,
          clientId: CONSOLE_CLIENT_ID,
          scopes: ['openid'],
          // No audience of its own: Keyward's issuer, the one admin sign-in checks.
          audience: ISSUER,
        },
      ]);

      const alice = await signInAt(listed[0], 'alice');
      assert.equal(alice.token_type, 'Bearer');
      const claims = decodeJwt(alice.access_token);
      assert.deepEqual([claims.iss, claims.sub, claims.aud, claims.client_id], [idp.issuer, 'alice', ISSUER, CONSOLE_CLIENT_ID]);
      const bearer = { authorization: `Bearer ${alice.access_token}` };

      // Signed in, but no role yet: authenticated, not authorized.
      assert.equal((await get('/v1/apiClients', bearer)).status, 403);
      const role = await h.call('POST', '/v1/roles', { displayName: 'Client readers', permissions: ['keyward:clients.read'] });
      assert.equal(role.status, 200, JSON.stringify(role.body));
      const binding = await h.call('POST', '/v1/roleBindings', { principal: 'users/alice', provider: created.body.name, role: role.body.name });
      assert.equal(binding.status, 200, JSON.stringify(binding.body));
      const clients = await get('/v1/apiClients', bearer);
      assert.equal(clients.status, 200, await clients.clone().text());
      assert.ok(Array.isArray(((await clients.json()) as { apiClients: unknown[] }).apiClients));
      assert.equal((await get('/v1/roles', bearer)).status, 403, 'only what the role grants');

      // Another person of the same provider holds nothing.
      const bob = await signInAt(listed[0], 'bob');
      assert.equal((await get('/v1/apiClients', { authorization: `Bearer ${bob.access_token}` })).status, 403);
      // The ID token is for the console, not for this API: its audience is the console's client.
      assert.ok(alice.id_token, 'openid was asked for');
      const withIdToken = await get('/v1/apiClients', { authorization: `Bearer ${alice.id_token}` });
      assert.equal(withIdToken.status, 401);
      assert.match(((await withIdToken.json()) as { detail: string }).detail, /audience must include/);

      // Console sign-in off: no longer listed. Admin sign-in off: the token is nobody's.
      assert.equal((await h.call('PATCH', `/v1/${created.body.name}?updateMask=consoleSignIn`, { consoleSignIn: null })).status, 200);
      assert.deepEqual(await signInProviders(), []);
      assert.equal((await get('/v1/apiClients', bearer)).status, 200, 'a token already held still works while adminSignIn is on');
      assert.equal((await h.call('PATCH', `/v1/${created.body.name}?updateMask=adminSignIn`, { adminSignIn: false })).status, 200);
      assert.equal((await get('/v1/apiClients', bearer)).status, 401);
      await h.call('DELETE', `/v1/${binding.body.name}`);
      assert.equal((await h.call('DELETE', `/v1/${created.body.name}`)).status, 200);
    });

    it('asks for the audience the provider names, with the scopes it names', async () => {
      const created = await h.call('POST', '/v1/providers', {
        displayName: 'Company login (own audience)',
        issuer: idp.issuer,
        audience: 'https://admin.keyward.example',
        adminSignIn: true,
        consoleSignIn: { clientId: CONSOLE_CLIENT_ID, scopes: ['openid', 'deploy'] },
      });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const [listed] = await signInProviders();
      assert.deepEqual([listed.name, listed.audience, listed.scopes], [created.body.name, 'https://admin.keyward.example', ['openid', 'deploy']]);
      const role = await h.call('POST', '/v1/roles', { displayName: 'Role readers', permissions: ['keyward:roles.read'] });
      const binding = await h.call('POST', '/v1/roleBindings', { principal: 'users/*', provider: created.body.name, role: role.body.name });
      assert.equal(binding.status, 200, JSON.stringify(binding.body));
      const carol = await signInAt(listed, 'carol');
      assert.equal(decodeJwt(carol.access_token).aud, 'https://admin.keyward.example');
      assert.equal((await get('/v1/roles', { authorization: `Bearer ${carol.access_token}` })).status, 200);
      await h.call('DELETE', `/v1/${binding.body.name}`);
      assert.equal((await h.call('DELETE', `/v1/${created.body.name}`)).status, 200);
    });

    it('lists only providers with console sign-in set and admin sign-in on, and only what the console needs', async () => {
      const plain = await h.call('POST', '/v1/providers', { displayName: 'Plain', issuer: 'https://plain.example', adminSignIn: true });
      const off = await h.call('POST', '/v1/providers', { displayName: 'Admin sign-in off', issuer: 'https://off.example', consoleSignIn: { clientId: 'console' } });
      assert.equal(plain.status, 200, JSON.stringify(plain.body));
      assert.equal(plain.body.consoleSignIn, null);
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.deepEqual(await signInProviders(), []);

      const on = await h.call('PATCH', `/v1/${off.body.name}?updateMask=adminSignIn`, { adminSignIn: true });
      assert.equal(on.status, 200, JSON.stringify(on.body));
      const [listed, ...rest] = await signInProviders();
      assert.deepEqual(rest, []);
      assert.deepEqual(Object.keys(listed).sort(), ['audience', 'clientId', 'displayName', 'id', 'issuer', 'name', 'organization', 'scopes']);
      assert.equal(listed.name, off.body.name);
      // Merge semantics: a PATCH of other fields keeps it; naming it in the mask replaces it whole.
      const renamed = await h.call('PATCH', `/v1/${off.body.name}`, { displayName: 'Renamed' });
      assert.deepEqual(renamed.body.consoleSignIn, { clientId: 'console', scopes: ['openid'] });
      assert.equal((await signInProviders())[0].displayName, 'Renamed');
      const replaced = await h.call('PATCH', `/v1/${off.body.name}?updateMask=consoleSignIn`, { consoleSignIn: { clientId: 'console-2', scopes: ['openid', 'profile'] } });
      assert.deepEqual(replaced.body.consoleSignIn, { clientId: 'console-2', scopes: ['openid', 'profile'] });
      assert.deepEqual((await signInProviders())[0].scopes, ['openid', 'profile']);

      const events = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource = "${off.body.name}"`)}`);
      const last = events.body.auditEvents.find((e: { type: string; data: { after?: { consoleSignIn?: unknown } } }) => e.type === 'provider.updated' && e.data.after?.consoleSignIn);
      assert.ok(last, JSON.stringify(events.body));
      for (const p of [plain, off]) assert.equal((await h.call('DELETE', `/v1/${p.body.name}`)).status, 200);
      assert.deepEqual(await signInProviders(), []);
    });

    it('refuses bad consoleSignIn values with 400 and what to fix, changing nothing', async () => {
      const bad = async (consoleSignIn: unknown, detail: RegExp) => {
        const res = await h.call('POST', '/v1/providers', { displayName: 'x', issuer: 'https://bad-console.example', adminSignIn: true, consoleSignIn });
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.match(JSON.stringify(res.body), detail);
      };
      await bad({}, /clientId/);
      await bad({ clientId: '' }, /consoleSignIn\.clientId.*is required/);
      await bad({ clientId: 'has space' }, /without spaces/);
      await bad({ clientId: 'console', scopes: [] }, /1 to 20 scopes/);
      await bad({ clientId: 'console', scopes: ['openid profile'] }, /consoleSignIn\.scopes\[0\].*one scope per item/);
      await bad({ clientId: 'console', scopes: ['openid', 'openid'] }, /names a scope twice/);
      await bad({ clientId: 'console', clientSecret: 'no' }, /clientSecret/);
      await bad('console', /consoleSignIn/);
      const p = await h.call('POST', '/v1/providers', { displayName: 'x', issuer: 'https://bad-console.example', adminSignIn: true });
      assert.equal(p.status, 200, 'nothing was written by the refused requests');
      const patch = await h.call('PATCH', `/v1/${p.body.name}?updateMask=consoleSignIn`, { consoleSignIn: { clientId: 'a\u0001b' } });
      assert.equal(patch.status, 400, JSON.stringify(patch.body));
      assert.equal((await h.call('GET', `/v1/${p.body.name}`)).body.consoleSignIn, null);
      assert.deepEqual(await signInProviders(), []);
      assert.equal((await h.call('DELETE', `/v1/${p.body.name}`)).status, 200);
    });
  });
}
