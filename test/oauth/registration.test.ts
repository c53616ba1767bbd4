import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { assertionClaims, clientKey, signAssertion, tokenWithAssertion } from '../helpers/assertions.js';
import { ISSUER, createTenant, databases, startHarness, type Harness, type Parsed } from '../helpers/harness.js';

const POLICY = {
  registration_auth_methods: 'client_secret_basic client_secret_post private_key_jwt',
  registration_scopes: 'read write',
  registration_audiences: 'https://api.example',
};

for (const db of databases) {
  describe(`client self-registration, RFC 7591 and RFC 7592 (${db.name})`, () => {
    let h: Harness;
    let workspace: string;

    const send = async (method: string, url: string, token: string | undefined, body?: unknown): Promise<Parsed> => {
      const res = await h.inject({
        method: method as 'POST',
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, headers: res.headers as Record<string, unknown> };
    };
    const register = (token: string | undefined, body: unknown) => send('POST', '/oauth/register', token, body);
    const issueToken = async (body: Record<string, unknown> = {}, ws = workspace) => {
      const res = await h.call('POST', `/v1/workspaces/${ws}/registrationTokens`, body);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body as { name: string; token: string; usesRemaining: number; tokenHint: string };
    };
    const usesLeft = async (name: string) => (await h.call('GET', `/v1/${name}`)).body.usesRemaining;

    before(async () => {
      // These tests register far more often than a real address does; the budget has its own suite.
      h = await startHarness(undefined, { db, env: { KEYWARD_RATE_LIMIT_REGISTRATIONS: '100000' } });
      const ws = await h.call('POST', '/v1/workspaces', { displayName: 'partners' });
      workspace = ws.body.id;
      const settings = await h.call('PATCH', `/v1/workspaces/${workspace}/settings`, { merge: POLICY });
      assert.equal(settings.status, 200, JSON.stringify(settings.body));
    });
    after(() => h.close());

    it('advertises the registration endpoint in the discovery document', async () => {
      const res = await h.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
      assert.equal(JSON.parse(res.body).registration_endpoint, `${ISSUER}/oauth/register`);
    });

    it('issues an initial access token once, and lists only its hint, expiry and remaining uses', async () => {
      const issued = await issueToken({ displayName: 'partner onboarding', uses: 3 });
      assert.match(issued.token, /^kwiat_[A-Za-z0-9]{49}$/);
      assert.equal(issued.usesRemaining, 3);
      const list = await h.call('GET', `/v1/workspaces/${workspace}/registrationTokens`);
      assert.equal(list.status, 200);
      const listed = list.body.registrationTokens.find((t: { name: string }) => t.name === issued.name);
      assert.equal(listed.token, undefined);
      assert.equal(listed.tokenHint, issued.tokenHint);
      assert.equal(listed.usesRemaining, 3);
      assert.ok(Date.parse(listed.expireTime) > Date.now());
      assert.ok(!JSON.stringify(list.body).includes(issued.token));
    });

    it('refuses a token with no uses, too long a life, or for a workspace that does not exist', async () => {
      assert.equal((await h.call('POST', `/v1/workspaces/${workspace}/registrationTokens`, { uses: 0 })).status, 400);
      const far = new Date(Date.now() + 91 * 86_400_000).toISOString();
      const tooLong = await h.call('POST', `/v1/workspaces/${workspace}/registrationTokens`, { expireTime: far });
      assert.equal(tooLong.status, 400);
      assert.match(tooLong.body.detail, /expireTime/);
      assert.equal((await h.call('POST', '/v1/workspaces/ws_nope/registrationTokens', {})).status, 404);
    });

    it('registers a client_secret_basic client whose secret works at the token endpoint, and audits it', async () => {
      const issued = await issueToken({ uses: 2 });
      const res = await register(issued.token, { client_name: 'Partner sync', scope: 'read', audiences: ['https://api.example'] });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.headers['cache-control'], 'no-store');
      const info = res.body;
      assert.match(info.client_id, /^kwc_/);
      assert.match(info.client_secret, /^kw_/);
      assert.equal(info.client_secret_expires_at, 0);
      assert.ok(Math.abs(info.client_id_issued_at - Date.now() / 1000) < 60);
      assert.match(info.registration_access_token, /^kwrat_/);
      assert.equal(info.registration_client_uri, `${ISSUER}/oauth/register/${info.client_id}`);
      assert.equal(info.token_endpoint_auth_method, 'client_secret_basic');
      assert.deepEqual(info.grant_types, ['client_credentials']);
      assert.equal(info.scope, 'read');
      assert.equal(await usesLeft(issued.name), 1);
      // Both bearer tokens are kept only as keyed hashes.
      const db = h.runtime.store.db.kysely;
      const rows = JSON.stringify([await db.selectFrom('registration_tokens').selectAll().execute(), await db.selectFrom('client_registrations').selectAll().execute()]);
      assert.ok(!rows.includes(issued.token) && !rows.includes(info.registration_access_token));
      assert.ok(rows.includes('rgt_'));

      const token = await h.token(info.client_id, info.client_secret, { scope: 'read', resource: 'https://api.example' });
      assert.equal(token.status, 200, JSON.stringify(token.body));
      const claims = decodeJwt(token.body.access_token);
      assert.equal(claims.client_id, info.client_id);
      assert.equal(claims.aud, 'https://api.example');

      // An ordinary client: in /v1, in its workspace, created by the token that registered it.
      const clients = await h.call('GET', `/v1/apiClients?filter=${encodeURIComponent(`clientId = "${info.client_id}"`)}`);
      const client = clients.body.apiClients[0];
      assert.equal(client.workspace, `workspaces/${workspace}`);
      assert.equal(client.displayName, 'Partner sync');
      const audit = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource = "${client.name}"`)}`);
      const created = audit.body.auditEvents.find((e: { type: string }) => e.type === 'client.created');
      assert.ok(created, JSON.stringify(audit.body));
      assert.equal(created.actor, `registrationTokens/${issued.name.split('/').pop()}`);
    });

    it('registers a client_secret_post client, whose secret works in the form', async () => {
      const issued = await issueToken();
      const res = await register(issued.token, { token_endpoint_auth_method: 'client_secret_post', scope: 'write' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const token = await h.inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: res.body.client_id, client_secret: res.body.client_secret }).toString(),
      });
      assert.equal(token.statusCode, 200, token.body);
      assert.equal(JSON.parse(token.body).scope, 'write');
    });

    it('registers a private_key_jwt client with its jwks: no secret, and its assertions work', async () => {
      const key = await clientKey('ES256');
      const issued = await issueToken();
      const res = await register(issued.token, { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [key.publicJwk] }, scope: 'read', dpop_bound_access_tokens: false });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.client_secret, undefined);
      assert.equal(res.body.jwks.keys[0].kid, key.kid);
      const token = await tokenWithAssertion(h, await signAssertion(key, assertionClaims(res.body.client_id, ISSUER)), { scope: 'read' });
      assert.equal(token.status, 200, JSON.stringify(token.body));
    });

    it('registers through openid-client (discovery, dynamicClientRegistration) and gets a token with the result', async () => {
      const fetchViaInject = async (url: string, options: { method?: string; headers?: Headers | Record<string, string>; body?: unknown }) => {
        const target = new URL(url);
        const res = await h.inject({
          method: (options.method ?? 'GET') as 'GET',
          url: `${target.pathname}${target.search}`,
          headers: Object.fromEntries(new Headers(options.headers as HeadersInit).entries()),
          ...(options.body !== undefined ? { payload: String(options.body) } : {}),
        });
        return new Response(res.rawPayload.length > 0 ? new Uint8Array(res.rawPayload) : null, { status: res.statusCode, headers: res.headers as Record<string, string> });
      };
      const issued = await issueToken();
      const config = await oidc.dynamicClientRegistration(new URL(ISSUER), { client_name: 'via openid-client', scope: 'read', grant_types: ['client_credentials'] }, undefined, {
        initialAccessToken: issued.token,
        execute: [oidc.allowInsecureRequests],
        [oidc.customFetch]: fetchViaInject as never,
      });
      const metadata = config.clientMetadata();
      assert.match(metadata.client_id, /^kwc_/);
      assert.match(String(metadata.client_secret), /^kw_/);
      assert.equal(metadata.client_name, 'via openid-client');
      const tokens = await oidc.clientCredentialsGrant(config, { scope: 'read' });
      assert.equal(tokens.scope, 'read');
      assert.equal(decodeJwt(tokens.access_token).client_id, metadata.client_id);
    });

    describe('401: no valid initial access token', () => {
      it('refuses a request without a token, and an unknown one', async () => {
        for (const token of [undefined, 'kwiat_unknown']) {
          const res = await register(token, { client_name: 'x' });
          assert.equal(res.status, 401);
          assert.equal(res.body.error, 'invalid_token');
        }
      });

      it('refuses a token whose uses are spent', async () => {
        const issued = await issueToken({ uses: 1 });
        assert.equal((await register(issued.token, {})).status, 201);
        const again = await register(issued.token, {});
        assert.equal(again.status, 401);
        assert.equal(again.body.error, 'invalid_token');
        assert.match(again.body.error_description, /expired or used up/);
      });

      it('counts the last use exactly: of requests racing for it, one registers', async () => {
        const issued = await issueToken({ uses: 1 });
        const results = await Promise.all(Array.from({ length: 5 }, (_, i) => register(issued.token, { client_name: `racer ${i}` })));
        assert.deepEqual(results.map((r) => r.status).sort(), [201, 401, 401, 401, 401]);
        assert.equal(await usesLeft(issued.name), 0);
      });

      it('refuses an expired token', async () => {
        const issued = await issueToken({ expireTime: new Date(Date.now() + 1000).toISOString(), uses: 5 });
        await delay(1100);
        const res = await register(issued.token, {});
        assert.equal(res.status, 401);
        assert.equal(await usesLeft(issued.name), 5);
      });

      it('refuses a revoked token', async () => {
        const issued = await issueToken({ uses: 5 });
        assert.equal((await h.call('DELETE', `/v1/${issued.name}`)).status, 200);
        assert.equal((await register(issued.token, {})).status, 401);
        assert.equal((await h.call('GET', `/v1/${issued.name}`)).status, 404);
      });
    });

    describe('400 invalid_client_metadata: the policy and the metadata', () => {
      let issued: { token: string; name: string };
      before(async () => {
        issued = await issueToken({ uses: 1 });
      });

      const refused = async (body: unknown, pattern: RegExp, error = 'invalid_client_metadata') => {
        const res = await register(issued.token, body);
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.equal(res.body.error, error);
        assert.match(res.body.error_description, pattern);
      };

      it('names the policy rule that refuses a scope, an audience or an auth method', async () => {
        await refused({ scope: 'read admin' }, /scope admin is not allowed by the workspace registration policy \(registration_scopes allows read write\)/);
        await refused({ scope: 'keyward:admin' }, /registration_scopes/);
        await refused({ audiences: ['https://other.example'] }, /audience https:\/\/other.example is not allowed .*registration_audiences allows https:\/\/api.example/);
        const strict = await h.call('POST', '/v1/workspaces', { displayName: 'keys only' });
        await h.call('PATCH', `/v1/workspaces/${strict.body.id}/settings`, { merge: { registration_auth_methods: 'private_key_jwt' } });
        const strictToken = await issueToken({}, strict.body.id);
        const res = await register(strictToken.token, { token_endpoint_auth_method: 'client_secret_basic' });
        assert.equal(res.status, 400);
        assert.match(res.body.error_description, /client_secret_basic is not allowed .*registration_auth_methods allows private_key_jwt/);
        // Nothing at all is allowed where the workspace sets no scopes.
        const bare = await h.call('POST', '/v1/workspaces', { displayName: 'no policy' });
        const bareToken = await issueToken({}, bare.body.id);
        const none = await register(bareToken.token, { scope: 'read' });
        assert.match(none.body.error_description, /registration_scopes allows nothing/);
      });

      it('refuses metadata Keyward cannot honour, with what to send instead', async () => {
        await refused({ grant_types: ['authorization_code'] }, /grant_types may only list client_credentials/);
        await refused({ token_endpoint_auth_method: 'none' }, /token_endpoint_auth_method must be one of/);
        await refused({ token_endpoint_auth_method: 'private_key_jwt' }, /exactly one of jwks or jwks_uri/);
        await refused({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }, /^jwks\.keys\.0 /);
        await refused({ token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'ftp://keys.example/jwks' }, /^jwks_uri /);
        await refused({ jwks_uri: 'https://keys.example/jwks' }, /jwks and jwks_uri are for private_key_jwt/);
        await refused({ client_name: 42 }, /client_name must be a string/);
        await refused({ dpop_bound_access_tokens: 'yes' }, /dpop_bound_access_tokens must be true or false/);
        await refused({ redirect_uris: ['https://app.example/cb'] }, /no redirect URIs/, 'invalid_redirect_uri');
        await refused({ software_statement: 'eyJ...' }, /software statements/, 'invalid_software_statement');
        await refused([], /JSON object/);
      });

      it('spends no use on a refused request', async () => {
        assert.equal(await usesLeft(issued.name), 1);
      });
    });

    describe('RFC 7592 management with the registration access token', () => {
      let info: Record<string, string>;
      let other: Record<string, string>;
      before(async () => {
        const issued = await issueToken({ uses: 2 });
        info = (await register(issued.token, { client_name: 'managed', scope: 'read' })).body;
        other = (await register(issued.token, { client_name: 'neighbour' })).body;
      });
      const path = () => `/oauth/register/${info.client_id}`;

      it('reads the registration, without the secret', async () => {
        const res = await send('GET', path(), info.registration_access_token);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.client_id, info.client_id);
        assert.equal(res.body.client_name, 'managed');
        assert.equal(res.body.scope, 'read');
        assert.equal(res.body.client_secret, undefined);
        assert.equal(res.body.registration_access_token, undefined);
      });

      it('refuses a wrong token, another client\'s token, an initial access token and none (401)', async () => {
        const initial = await issueToken();
        for (const token of ['kwrat_wrong', other.registration_access_token, initial.token, undefined]) {
          for (const method of ['GET', 'PUT', 'DELETE']) {
            const res = await send(method, path(), token, method === 'PUT' ? { client_name: 'hijacked' } : undefined);
            assert.equal(res.status, 401, `${method} with ${token?.slice(0, 6)}`);
            assert.equal(res.body.error, 'invalid_token');
          }
        }
        assert.equal((await send('GET', path(), info.registration_access_token)).body.client_name, 'managed');
      });

      it('replaces the metadata under the policy', async () => {
        const res = await send('PUT', path(), info.registration_access_token, { client_id: info.client_id, client_name: 'renamed', scope: 'read write', token_endpoint_auth_method: 'client_secret_post' });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.client_name, 'renamed');
        assert.equal(res.body.scope, 'read write');
        assert.equal(res.body.token_endpoint_auth_method, 'client_secret_post');
        assert.equal(res.body.client_secret, undefined, 'the secret is never shown again');
        // RFC 7592 §2.2: the update issues a new registration access token; the old one is spent.
        const previous = info.registration_access_token;
        assert.match(res.body.registration_access_token, /^kwrat_[A-Za-z0-9]{49}$/);
        assert.notEqual(res.body.registration_access_token, previous);
        info.registration_access_token = res.body.registration_access_token;
        for (const method of ['GET', 'PUT', 'DELETE']) {
          const stale = await send(method, path(), previous, method === 'PUT' ? { client_name: 'stale' } : undefined);
          assert.equal(stale.status, 401, `${method} with the token the update replaced`);
          assert.equal(stale.body.error, 'invalid_token');
        }
        const read = await send('GET', path(), info.registration_access_token);
        assert.equal(read.body.token_endpoint_auth_method, 'client_secret_post');
        const token = await h.token(info.client_id, info.client_secret, { scope: 'write' });
        assert.equal(token.status, 200, JSON.stringify(token.body));

        const denied = await send('PUT', path(), info.registration_access_token, { scope: 'admin' });
        assert.equal(denied.status, 400);
        assert.match(denied.body.error_description, /registration_scopes/);
        const switched = await send('PUT', path(), info.registration_access_token, { token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'https://keys.example/jwks' });
        assert.equal(switched.status, 400);
        assert.match(switched.body.error_description, /cannot change from client_secret_post to private_key_jwt/);
        const otherId = await send('PUT', path(), info.registration_access_token, { client_id: other.client_id });
        assert.equal(otherId.status, 400);
        // A refused update changes nothing, the token included.
        assert.equal((await send('GET', path(), info.registration_access_token)).body.client_name, 'renamed');
        const audit = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent('type = "client.updated"')}`);
        const clients = await h.call('GET', `/v1/apiClients?filter=${encodeURIComponent(`clientId = "${info.client_id}"`)}`);
        const updated = audit.body.auditEvents.find((e: { resource: string }) => e.resource === clients.body.apiClients[0].name);
        assert.equal(updated.actor, clients.body.apiClients[0].name);
      });

      it('replaces the keys of a private_key_jwt client: the old key stops working', async () => {
        const [oldKey, newKey] = [await clientKey('ES256'), await clientKey('ES256')];
        const keyed = (await register((await issueToken()).token, { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [oldKey.publicJwk] } })).body;
        const res = await send('PUT', `/oauth/register/${keyed.client_id}`, keyed.registration_access_token, { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [newKey.publicJwk] } });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.jwks.keys[0].kid, newKey.kid);
        assert.equal((await send('GET', `/oauth/register/${keyed.client_id}`, keyed.registration_access_token)).status, 401);
        assert.equal((await send('GET', `/oauth/register/${keyed.client_id}`, res.body.registration_access_token)).body.jwks.keys[0].kid, newKey.kid);
        assert.equal((await tokenWithAssertion(h, await signAssertion(newKey, assertionClaims(keyed.client_id, ISSUER)))).status, 200);
        assert.equal((await tokenWithAssertion(h, await signAssertion(oldKey, assertionClaims(keyed.client_id, ISSUER)))).status, 401);
      });

      it('of two updates racing with one token, one succeeds and hands out the next token; the other is refused', async () => {
        const raced = (await register((await issueToken()).token, { client_name: 'raced' })).body;
        const racePath = `/oauth/register/${raced.client_id}`;
        const answers = await Promise.all(['left', 'right'].map((name) => send('PUT', racePath, raced.registration_access_token, { client_name: name })));
        assert.deepEqual(answers.map((a) => a.status).sort(), [200, 401], JSON.stringify(answers.map((a) => a.body)));
        const winner = answers.find((a) => a.status === 200)!;
        const read = await send('GET', racePath, winner.body.registration_access_token);
        assert.equal(read.status, 200);
        assert.equal(read.body.client_name, winner.body.client_name);
      });

      it('deletes the client; its tokens then manage nothing', async () => {
        const res = await send('DELETE', path(), info.registration_access_token);
        assert.equal(res.status, 204);
        assert.equal((await send('GET', path(), info.registration_access_token)).status, 401);
        assert.equal((await h.token(info.client_id, info.client_secret)).status, 401);
        const listed = await h.call('GET', `/v1/apiClients?filter=${encodeURIComponent(`clientId = "${info.client_id}"`)}`);
        assert.equal(listed.body.apiClients.length, 0);
      });
    });

    it('another organization sees none of the workspace\'s tokens (404)', async () => {
      const issued = await issueToken();
      const tenant = await createTenant(h, 'Neighbour');
      const auth = { authorization: `Bearer ${tenant.token}` };
      assert.equal((await h.call('GET', `/v1/${issued.name}`, undefined, auth)).status, 404);
      assert.equal((await h.call('DELETE', `/v1/${issued.name}`, undefined, auth)).status, 404);
      assert.equal((await h.call('GET', `/v1/workspaces/${workspace}/registrationTokens`, undefined, auth)).status, 404);
    });

    it('refuses registration policy settings that are not understood', async () => {
      const bad = await h.call('PATCH', `/v1/workspaces/${workspace}/settings`, { merge: { registration_auth_methods: 'client_secret_jwt' } });
      assert.equal(bad.status, 400);
      assert.match(bad.body.detail, /registration_auth_methods/);
      const admin = await h.call('PATCH', `/v1/workspaces/${workspace}/settings`, { merge: { registration_scopes: 'read keyward:admin' } });
      assert.equal(admin.status, 400);
      assert.match(admin.body.detail, /keyward:\* admin permissions/);
    });
  });
}
