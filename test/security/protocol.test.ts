import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { databases, ISSUER, startHarness, type Harness, type Parsed } from '../helpers/harness.js';
import {
  adminCall,
  basic,
  claimsLike,
  createClient,
  headerOf,
  introspect,
  lastSequence,
  OAUTH_DESCRIPTION_CHARSET,
  oauthPost,
  revoke,
  signWith,
  tokenFor,
  type TestClient,
} from './support.js';

/**
 * Battery part A: what RFC 6749, 6750, 7009, 7662, 8414 and 9068 promise a client_credentials
 * server, checked through the real HTTP stack on every database.
 */
for (const db of databases) {
  describe(`A. protocol conformance (${db.name})`, () => {
    let h: Harness;
    let svc: TestClient;
    let other: TestClient;
    before(async () => {
      h = await startHarness(undefined, { db });
      svc = await createClient(h, { displayName: 'svc', permissions: ['orders.read', 'orders.write'], audiences: ['https://api.example'] });
      other = await createClient(h, { displayName: 'other', permissions: ['orders.read'] });
    });
    after(() => h.close());

    const assertOAuthError = (res: Parsed, status: number, error: string) => {
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.equal(res.body.error, error, JSON.stringify(res.body));
      assert.match(String(res.headers['content-type']), /^application\/json/, 'OAuth errors are RFC 6749 JSON, not problem+json');
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers.pragma, 'no-cache');
      assert.deepEqual(Object.keys(res.body).filter((k) => !['error', 'error_description', 'error_uri'].includes(k)), []);
      if (res.body.error_description !== undefined) assert.match(res.body.error_description, OAUTH_DESCRIPTION_CHARSET);
    };

    it('A1 issues a Bearer token with no refresh token and no-store headers (RFC 6749 §4.4, §5.1)', async () => {
      const res = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', scope: 'orders.read' }, { authorization: basic(svc.clientId, svc.secret) });
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers.pragma, 'no-cache');
      assert.equal(res.body.token_type.toLowerCase(), 'bearer');
      assert.ok(Number.isInteger(res.body.expires_in) && res.body.expires_in > 0);
      assert.equal(res.body.refresh_token, undefined);
      assert.equal(res.body.scope, 'orders.read');
      // Without a scope, the documented default: every permission the client holds, echoed back.
      const all = await h.token(svc.clientId, svc.secret);
      assert.equal(all.body.scope, 'orders.read orders.write');
    });

    it('A1 accepts client_secret_post, and Appendix B encoding of special characters in client_id', async () => {
      const post = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', client_id: svc.clientId, client_secret: svc.secret });
      assert.equal(post.status, 200);
      const created = await h.call('POST', '/v1/apiClients?apiClientId=svc.bot%40example-1', { displayName: 'special' });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const encoded = await h.token('svc.bot@example-1', created.body.clientSecret);
      assert.equal(encoded.status, 200, 'form-urlencoded then base64 (RFC 6749 Appendix B)');
    });

    describe('A3 token endpoint error matrix (RFC 6749 §5.2)', () => {
      const cases: Array<{ name: string; status: number; error: string; send: () => ReturnType<typeof oauthPost>; challenge?: boolean }> = [
        { name: 'grant_type missing', status: 400, error: 'invalid_request', send: () => oauthPost(h, '/oauth/token', {}, { authorization: basic(svc.clientId, svc.secret) }) },
        { name: 'grant_type password', status: 400, error: 'unsupported_grant_type', send: () => oauthPost(h, '/oauth/token', { grant_type: 'password', username: 'a', password: 'b' }, { authorization: basic(svc.clientId, svc.secret) }) },
        { name: 'grant_type authorization_code', status: 400, error: 'unsupported_grant_type', send: () => oauthPost(h, '/oauth/token', { grant_type: 'authorization_code', code: 'x' }, { authorization: basic(svc.clientId, svc.secret) }) },
        { name: 'scope not granted', status: 400, error: 'invalid_scope', send: () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', scope: 'orders.read admin' }, { authorization: basic(svc.clientId, svc.secret) }) },
        { name: 'scope outside the RFC 6749 grammar', status: 400, error: 'invalid_scope', send: () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', scope: 'orders"read' }, { authorization: basic(svc.clientId, svc.secret) }) },
        { name: 'resource not allowed', status: 400, error: 'invalid_target', send: () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', resource: 'https://evil.example' }, { authorization: basic(svc.clientId, svc.secret) }) },
        { name: 'wrong secret via Basic', status: 401, error: 'invalid_client', challenge: true, send: () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(svc.clientId, `${svc.secret}x`) }) },
        { name: 'unknown client via Basic', status: 401, error: 'invalid_client', challenge: true, send: () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic('kwc_doesnotexist', svc.secret) }) },
        { name: 'malformed Basic header', status: 401, error: 'invalid_client', challenge: true, send: () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: 'Basic %%%not-base64' }) },
        { name: 'Basic without a colon', status: 401, error: 'invalid_client', challenge: true, send: () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: `Basic ${Buffer.from('nocolon').toString('base64')}` }) },
        { name: 'no client authentication', status: 401, error: 'invalid_client', send: () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }) },
        { name: 'wrong secret via the body', status: 401, error: 'invalid_client', send: () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', client_id: svc.clientId, client_secret: 'kw_wrong' }) },
        { name: 'duplicate grant_type', status: 400, error: 'invalid_request', send: () => oauthPost(h, '/oauth/token', 'grant_type=client_credentials&grant_type=client_credentials', { authorization: basic(svc.clientId, svc.secret) }) },
        { name: 'duplicate scope', status: 400, error: 'invalid_request', send: () => oauthPost(h, '/oauth/token', 'grant_type=client_credentials&scope=orders.read&scope=orders.write', { authorization: basic(svc.clientId, svc.secret) }) },
        { name: 'duplicate client_secret', status: 400, error: 'invalid_request', send: () => oauthPost(h, '/oauth/token', `grant_type=client_credentials&client_id=${svc.clientId}&client_secret=${svc.secret}&client_secret=${svc.secret}`) },
        { name: 'two authentication methods (Basic and client_secret)', status: 400, error: 'invalid_request', send: () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', client_id: svc.clientId, client_secret: svc.secret }, { authorization: basic(svc.clientId, svc.secret) }) },
        { name: 'body client_id differs from Basic', status: 400, error: 'invalid_request', send: () => oauthPost(h, '/oauth/token', { grant_type: 'client_credentials', client_id: other.clientId }, { authorization: basic(svc.clientId, svc.secret) }) },
        { name: 'JSON instead of a form', status: 400, error: 'invalid_request', send: () => oauthPost(h, '/oauth/token', JSON.stringify({ grant_type: 'client_credentials' }), { authorization: basic(svc.clientId, svc.secret), headers: { 'content-type': 'application/json' } }) },
      ];
      for (const c of cases) {
        it(`${c.name} → ${c.status} ${c.error}`, async () => {
          const before = await lastSequence(h);
          const res = await c.send();
          assertOAuthError(res, c.status, c.error);
          if (c.challenge) assert.match(String(res.headers['www-authenticate']), /^Basic /, 'RFC 6749 §5.2: 401 with a matching WWW-Authenticate');
          assert.equal(await lastSequence(h), before, 'a refused request changes nothing');
        });
      }

      it('an unknown client and a wrong secret are indistinguishable (same status, same body)', async () => {
        const unknown = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic('kwc_doesnotexist', svc.secret) });
        const wrong = await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(svc.clientId, `${svc.secret.slice(0, -1)}${svc.secret.endsWith('A') ? 'B' : 'A'}`) });
        assert.equal(unknown.status, wrong.status);
        assert.deepEqual(unknown.body, wrong.body);
      });

      it('a disabled client and an expired secret get invalid_client', async () => {
        const c = await createClient(h, { displayName: 'to-disable' });
        assert.equal((await h.call('POST', `/v1/apiClients/${c.id}:disable`)).status, 200);
        assertOAuthError(await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(c.clientId, c.secret) }), 401, 'invalid_client');
        const d = await createClient(h, { displayName: 'to-expire' });
        const rotated = await h.call('POST', `/v1/apiClients/${d.id}:rotateSecret`, { overlap: '0s' });
        assert.equal(rotated.status, 200);
        assertOAuthError(await oauthPost(h, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(d.clientId, d.secret) }), 401, 'invalid_client');
        assert.equal((await h.token(d.clientId, rotated.body.secret)).status, 200);
      });

      it('a 100 KB error-provoking parameter yields a short description within the RFC 6749 charset', async () => {
        const res = await oauthPost(h, '/oauth/token', { grant_type: `x"\\é\u0000${'y'.repeat(10_000)}` }, { authorization: basic(svc.clientId, svc.secret) });
        assertOAuthError(res, 400, 'unsupported_grant_type');
        assert.ok(res.body.error_description.length < 500);
      });
    });

    it('GET on the token endpoint issues nothing, even with valid credentials', async () => {
      const query = new URLSearchParams({ grant_type: 'client_credentials', client_id: svc.clientId, client_secret: svc.secret });
      const res = await h.inject({ method: 'GET', url: `/oauth/token?${query}`, headers: { authorization: basic(svc.clientId, svc.secret) } });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `got ${res.statusCode}`);
      assert.doesNotMatch(res.body, /access_token/);
    });

    it('credentials in the query string are not accepted (RFC 6749 §2.3.1)', async () => {
      const query = new URLSearchParams({ client_id: svc.clientId, client_secret: svc.secret });
      const res = await oauthPost(h, `/oauth/token?${query}`, { grant_type: 'client_credentials' });
      assertOAuthError(res, 401, 'invalid_client');
      const all = await oauthPost(h, `/oauth/token?${new URLSearchParams({ grant_type: 'client_credentials', client_id: svc.clientId, client_secret: svc.secret })}`, '');
      assert.notEqual(all.status, 200);
      assert.equal(all.body.access_token, undefined);
    });

    it('A6 metadata: issuer and endpoints do not follow a spoofed Host or X-Forwarded-* (RFC 8414 §3.3, RFC 9700 §4.13)', async () => {
      const plain = await h.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
      const spoofed = await h.inject({
        method: 'GET',
        url: '/.well-known/oauth-authorization-server',
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', forwarded: 'host=evil.example;proto=https' },
      });
      assert.equal(spoofed.body, plain.body);
      const meta = JSON.parse(plain.body);
      assert.equal(meta.issuer, ISSUER);
      assert.doesNotMatch(plain.body, /evil/);
      for (const [key, value] of Object.entries(meta)) {
        if (key.endsWith('_endpoint') || key === 'jwks_uri') assert.ok(String(value).startsWith(`${ISSUER}/`), key);
        if (Array.isArray(value)) {
          assert.ok(value.length > 0, `RFC 8414 §3.2: ${key} has zero elements and must be omitted`);
          assert.ok(!value.map(String).map((v) => v.toLowerCase()).includes('none'), `${key} must not list none`);
        }
      }
      assert.ok(meta.grant_types_supported.includes('client_credentials'));
      assert.ok(meta.token_endpoint_auth_methods_supported.includes('client_secret_basic'));
      assert.ok(meta.introspection_endpoint && meta.revocation_endpoint);
      // Erratum 7793: a client_credentials-only server has no response types; the member is omitted.
      assert.equal(meta.response_types_supported, undefined);
      const oidc = await h.inject({ method: 'GET', url: '/.well-known/openid-configuration', headers: { host: 'evil.example' } });
      assert.equal(JSON.parse(oidc.body).issuer, ISSUER);
    });

    it('E1 the JWKS holds public parameters only and one key per kid', async () => {
      const jwks = JSON.parse((await h.inject({ method: 'GET', url: '/oauth/jwks' })).body);
      assert.ok(jwks.keys.length >= 2, 'the active key and the pre-published next key');
      const kids = jwks.keys.map((k: { kid: string }) => k.kid);
      assert.equal(new Set(kids).size, kids.length);
      for (const key of jwks.keys) {
        for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) assert.equal(key[secret], undefined, `JWKS leaks ${secret}`);
        assert.ok(key.alg && key.alg !== 'none');
      }
    });

    it('A5 access tokens verify with jose against /oauth/jwks and carry the RFC 9068 claims', async () => {
      const jwks = createLocalJWKSet(JSON.parse((await h.inject({ method: 'GET', url: '/oauth/jwks' })).body));
      const token = await tokenFor(h, svc, { scope: 'orders.read', resource: 'https://api.example' });
      const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: ISSUER, audience: 'https://api.example', typ: 'at+jwt', algorithms: ['ES256', 'EdDSA', 'RS256'] });
      assert.equal(protectedHeader.typ, 'at+jwt');
      assert.ok(protectedHeader.kid);
      for (const claim of ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'client_id', 'scope', 'org_id', 'workspace_id']) assert.ok(payload[claim] !== undefined, `missing ${claim}`);
      assert.equal(payload.client_id, svc.clientId);
      assert.equal(payload.sub, svc.clientId);
      assert.equal(payload.scope, 'orders.read');
      assert.ok(payload.exp! > payload.iat!);
      // Without `resource`, the default audience: the client's configured audiences (RFC 9068 §3).
      const defaultAud = await jwtVerify(await tokenFor(h, other), jwks, { issuer: ISSUER, typ: 'at+jwt' });
      assert.equal(defaultAud.payload.aud, ISSUER);
      const jtis = new Set<string>();
      for (let i = 0; i < 200; i++) jtis.add(claimsLike(h, await tokenFor(h, other)).jti as string);
      assert.equal(jtis.size, 200, 'jti is unique per token');
    });

    describe('A7 introspection (RFC 7662)', () => {
      it('requires client authentication (401)', async () => {
        const token = await tokenFor(h, svc);
        const res = await oauthPost(h, '/oauth/introspect', { token });
        assert.equal(res.status, 401);
        assert.equal(res.body.error, 'invalid_client');
        const wrong = await introspect(h, token, svc.clientId, 'kw_wrong');
        assert.equal(wrong.status, 401);
        assert.match(String(wrong.headers['www-authenticate']), /^Basic /);
      });

      it('describes an active token, with no-store', async () => {
        const token = await tokenFor(h, svc, { scope: 'orders.read' });
        const res = await introspect(h, token, other.clientId, other.secret);
        assert.equal(res.status, 200);
        assert.equal(res.headers['cache-control'], 'no-store');
        assert.equal(res.body.active, true);
        for (const field of ['scope', 'client_id', 'exp', 'iat', 'sub', 'aud', 'iss', 'token_type']) assert.ok(res.body[field] !== undefined, field);
        for (const hint of ['refresh_token', 'access_token', 'nonsense']) {
          const hinted = await introspect(h, token, other.clientId, other.secret, { token_type_hint: hint });
          assert.deepEqual(hinted.body, res.body, `token_type_hint=${hint} changes nothing`);
        }
      });

      it('answers exactly {"active":false} for every inactive token', async () => {
        const token = await tokenFor(h, svc);
        const claims = claimsLike(h, token);
        const header = headerOf(token);
        const key = h.runtime.services.keys.active;
        const now = Math.floor(Date.now() / 1000);
        const revoked = await tokenFor(h, svc);
        assert.equal((await revoke(h, revoked, svc.clientId, svc.secret)).status, 200);
        const inactive: Record<string, string> = {
          garbage: 'not-a-token',
          empty_segments: '..',
          tampered: `${token.slice(0, -4)}AAAA`,
          other_payload: `${token.split('.')[0]}.${Buffer.from(JSON.stringify({ ...claims, scope: 'everything' })).toString('base64url')}.${token.split('.')[2]}`,
          expired: signWith(key, header, { ...claims, iat: now - 7200, nbf: now - 7200, exp: now - 3600 }),
          revoked,
        };
        for (const [name, value] of Object.entries(inactive)) {
          for (const hint of [undefined, 'access_token', 'refresh_token']) {
            const res = await introspect(h, value, other.clientId, other.secret, hint ? { token_type_hint: hint } : {});
            assert.equal(res.status, 200, name);
            assert.equal(res.raw, '{"active":false}', `${name}: ${res.raw}`);
            assert.equal(res.headers['cache-control'], 'no-store');
          }
        }
      });
    });

    describe('A8 revocation (RFC 7009)', () => {
      it('revokes the own token at once; introspection and the admin API stop accepting it', async () => {
        const admin = await createClient(h, { displayName: 'admin2', permissions: ['keyward:clients.read'] });
        const token = await tokenFor(h, admin);
        assert.equal((await adminCall(h, 'GET', '/v1/apiClients', token)).status, 200);
        const res = await revoke(h, token, admin.clientId, admin.secret);
        assert.equal(res.status, 200);
        assert.equal(res.headers['cache-control'], 'no-store');
        assert.equal((await introspect(h, token, other.clientId, other.secret)).raw, '{"active":false}');
        assert.equal((await adminCall(h, 'GET', '/v1/apiClients', token)).status, 401);
        assert.equal((await revoke(h, token, admin.clientId, admin.secret)).status, 200, 'revoking twice is fine');
      });

      it('answers 200 for an invalid or unknown token, with any hint', async () => {
        for (const token of ['garbage', 'a.b.c', 'eyJhbGciOiJub25lIn0.e30.']) {
          for (const hint of [undefined, 'access_token', 'refresh_token']) {
            const before = await lastSequence(h);
            const res = await revoke(h, token, svc.clientId, svc.secret, hint ? { token_type_hint: hint } : {});
            assert.equal(res.status, 200, `${token} ${hint}`);
            assert.equal(await lastSequence(h), before);
          }
        }
      });

      it("refuses another client's token and leaves it active", async () => {
        const token = await tokenFor(h, svc);
        const before = await lastSequence(h);
        const res = await revoke(h, token, other.clientId, other.secret);
        assert.equal(res.status, 400);
        assert.equal(res.body.error, 'unauthorized_client');
        assert.equal((await introspect(h, token, svc.clientId, svc.secret)).body.active, true);
        assert.equal(await lastSequence(h), before);
      });

      it('refuses wrong client credentials with 401 and leaves the token active', async () => {
        const token = await tokenFor(h, svc);
        const res = await revoke(h, token, svc.clientId, 'kw_wrong');
        assert.equal(res.status, 401);
        assert.equal(res.body.error, 'invalid_client');
        assert.equal((await introspect(h, token, svc.clientId, svc.secret)).body.active, true);
        const missing = await oauthPost(h, '/oauth/revoke', {}, { authorization: basic(svc.clientId, svc.secret) });
        assert.equal(missing.status, 400);
        assert.equal(missing.body.error, 'invalid_request');
      });
    });

    describe('A11 admin API errors and Bearer challenges (RFC 6750, RFC 9457)', () => {
      const assertProblem = (res: Parsed, status: number) => {
        assert.equal(res.status, status, JSON.stringify(res.body));
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.equal(res.body.status, status, 'RFC 9457 §3.1.2: status equals the HTTP status');
        assert.ok(res.body.type && res.body.title);
        assert.doesNotMatch(JSON.stringify(res.body), /at .*\.(ts|js):\d+|SELECT |INSERT |stack/i);
      };

      it('no token: 401 with a Bearer challenge without error (RFC 6750 §3)', async () => {
        const res = await adminCall(h, 'GET', '/v1/apiClients', null);
        assertProblem(res, 401);
        assert.equal(res.headers['www-authenticate'], 'Bearer realm="keyward"');
      });

      it('a token in the query string is not accepted (RFC 6750 §2.3)', async () => {
        const res = await adminCall(h, 'GET', `/v1/apiClients?access_token=${h.adminToken}`, null);
        assertProblem(res, 401);
      });

      it('an expired or garbage token: 401 error="invalid_token"', async () => {
        const claims = claimsLike(h, h.adminToken);
        const now = Math.floor(Date.now() / 1000);
        const expired = signWith(h.runtime.services.keys.active, headerOf(h.adminToken), { ...claims, iat: now - 7200, exp: now - 60 });
        for (const token of [expired, 'garbage']) {
          const res = await adminCall(h, 'GET', '/v1/apiClients', token);
          assertProblem(res, 401);
          assert.match(String(res.headers['www-authenticate']), /^Bearer realm="keyward", error="invalid_token"/);
        }
      });

      it('a token without the permission: 403 error="insufficient_scope"', async () => {
        const token = await tokenFor(h, other);
        const res = await adminCall(h, 'GET', '/v1/apiClients', token);
        assertProblem(res, 403);
        assert.match(String(res.headers['www-authenticate']), /error="insufficient_scope", scope="keyward:clients.read"/);
      });

      it('a token for another audience: 401 invalid_token (RFC 9068 §4)', async () => {
        const res = await adminCall(h, 'GET', '/v1/apiClients', await tokenFor(h, svc));
        assertProblem(res, 401);
        assert.match(String(res.headers['www-authenticate']), /error="invalid_token"/);
      });

      it('400, 404, 409, 413 and 415 are problem+json with a matching status', async () => {
        assertProblem(await h.call('POST', '/v1/apiClients', { displayName: '' }), 400);
        assertProblem(await h.call('GET', '/v1/apiClients/ac_doesnotexist'), 404);
        assertProblem(await h.call('GET', '/v1/nothing-here'), 404);
        await createClient(h, { displayName: 'taken' }).then(() => undefined);
        const first = await h.call('POST', '/v1/apiClients?apiClientId=taken-id', { displayName: 'a' });
        assert.equal(first.status, 200);
        assertProblem(await h.call('POST', '/v1/apiClients?apiClientId=taken-id', { displayName: 'b' }), 409);
        const big = await h.inject({ method: 'POST', url: '/v1/apiClients', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' }, payload: JSON.stringify({ displayName: 'x'.repeat(70_000) }) });
        assertProblem({ status: big.statusCode, body: JSON.parse(big.body), headers: big.headers }, 413);
        const xml = await h.inject({ method: 'POST', url: '/v1/apiClients', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/xml' }, payload: '<a/>' });
        assertProblem({ status: xml.statusCode, body: JSON.parse(xml.body), headers: xml.headers }, 415);
      });

      it("an operation Keyward does not serve, under a dialect's path, is a 404 in that vendor's body", async () => {
        const zitadel = await h.call('POST', '/management/v1/users/_search', {});
        assert.equal(zitadel.status, 404);
        assert.equal(zitadel.body.code, 5);
        assert.match(zitadel.body.message, /No route POST \/management\/v1\/users\/_search/);
        const keycard = await h.call('GET', '/zones/zone_x/resources');
        assert.equal(keycard.status, 404);
        assert.deepEqual(Object.keys(keycard.body).sort(), ['code', 'message', 'status']);
        assert.equal(keycard.body.code, 'not_found');
        const docpier = await h.call('GET', '/admin/workspaces/ws_x/documents');
        assert.equal(docpier.status, 404);
        assert.deepEqual(Object.keys(docpier.body), ['detail']);
        assert.match(docpier.body.detail, /No route GET \/admin\/workspaces\/ws_x\/documents/);
        assertProblem(await h.call('GET', '/managementX/v1'), 404);
        // Zitadel's admin API lives under /admin/v1/; it is not Docpier's to answer.
        assertProblem(await h.call('GET', '/admin/v1/orgs/me'), 404);
      });
    });
  });
}
