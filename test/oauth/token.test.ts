import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { ADMIN_ID, ADMIN_SECRET, ISSUER, databases, startHarness, type Harness } from '../helpers/harness.js';

const form = 'application/x-www-form-urlencoded';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

for (const db of databases) {
  describe(`POST /oauth/token (${db.name})`, () => {
    let h: Harness;
    let client: { clientId: string; clientSecret: string; name: string };
    before(async () => {
      h = await startHarness(undefined, { db });
      const created = await h.call('POST', '/v1/apiClients', {
        displayName: 'orders service',
        permissions: ['orders.read', 'orders.write'],
        audiences: ['https://orders.example', 'https://billing.example'],
        tokenLifetime: 600,
      });
      client = created.body;
    });
    after(() => h.close());

    it('issues an RFC 9068 JWT that jose verifies against the JWKS, with org and workspace claims', async () => {
      const res = await h.token(client.clientId, client.clientSecret);
      assert.equal(res.status, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(res.headers.pragma, 'no-cache');
      assert.equal(res.body.token_type, 'Bearer');
      assert.equal(res.body.expires_in, 600);
      assert.equal(res.body.scope, 'orders.read orders.write');
      assert.equal(res.body.refresh_token, undefined);
      const jwks = JSON.parse((await h.inject({ method: 'GET', url: '/oauth/jwks' })).body);
      const { payload, protectedHeader } = await jwtVerify(res.body.access_token, createLocalJWKSet(jwks), {
        issuer: ISSUER,
        audience: 'https://orders.example',
        typ: 'at+jwt',
        algorithms: ['ES256'],
      });
      assert.equal(protectedHeader.alg, 'ES256');
      assert.equal(payload.sub, client.clientId);
      assert.equal(payload.client_id, client.clientId);
      assert.deepEqual(payload.aud, ['https://orders.example', 'https://billing.example']);
      assert.equal(payload.exp! - payload.iat!, 600);
      assert.match(String(payload.jti), /^[0-9a-f-]{36}$/);
      assert.match(String(payload.org_id), /^org_/);
      assert.match(String(payload.workspace_id), /^ws_/);
    });

    it('client_secret_post works too', async () => {
      const res = await h.inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { 'content-type': form },
        payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }).toString(),
      });
      assert.equal(res.statusCode, 200);
    });

    it('decodes Basic credentials per RFC 6749 Appendix B (form-urlencoded before base64)', async () => {
      const odd = await h.call('POST', '/v1/apiClients?apiClientId=' + encodeURIComponent('odd@client.id'), { displayName: 'odd' });
      assert.equal(odd.status, 200);
      const res = await h.inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { 'content-type': form, authorization: `Basic ${Buffer.from(`odd%40client.id:${encodeURIComponent(odd.body.clientSecret)}`).toString('base64')}` },
        payload: 'grant_type=client_credentials',
      });
      assert.equal(res.statusCode, 200);
    });

    it('scope narrows the grant; asking for more is invalid_scope', async () => {
      const narrow = await h.token(client.clientId, client.clientSecret, { scope: 'orders.read' });
      assert.equal(narrow.body.scope, 'orders.read');
      const more = await h.token(client.clientId, client.clientSecret, { scope: 'orders.read admin' });
      assert.equal(more.status, 400);
      assert.equal(more.body.error, 'invalid_scope');
      assert.match(more.body.error_description, /admin/);
    });

    it('resource or audience chooses among allowed audiences; others are invalid_target', async () => {
      const one = await h.token(client.clientId, client.clientSecret, { resource: 'https://billing.example' });
      assert.equal(JSON.parse(Buffer.from(one.body.access_token.split('.')[1], 'base64url').toString()).aud, 'https://billing.example');
      const aud = await h.token(client.clientId, client.clientSecret, { audience: 'https://orders.example' });
      assert.equal(aud.status, 200);
      const other = await h.token(client.clientId, client.clientSecret, { resource: 'https://evil.example' });
      assert.equal(other.status, 400);
      assert.equal(other.body.error, 'invalid_target');
    });

    it('a client granted nothing gets a token response without scope, not an empty one', async () => {
      const bare = (await h.call('POST', '/v1/apiClients', { displayName: 'no permissions' })).body;
      const res = await h.token(bare.clientId, bare.clientSecret);
      assert.equal(res.status, 200);
      assert.equal(Object.hasOwn(res.body, 'scope'), false, JSON.stringify(res.body));
      assert.deepEqual(Object.keys(res.body).sort(), ['access_token', 'expires_in', 'token_type']);
      const granted = await h.token(client.clientId, client.clientSecret);
      assert.equal(granted.body.scope, 'orders.read orders.write', 'a client granted something still gets its scope');
    });

    it('a client without audiences gets the issuer as aud', async () => {
      const plain = await h.call('POST', '/v1/apiClients', { displayName: 'plain' });
      const res = await h.token(plain.body.clientId, plain.body.clientSecret);
      assert.equal(JSON.parse(Buffer.from(res.body.access_token.split('.')[1], 'base64url').toString()).aud, ISSUER);
    });

    describe('errors (RFC 6749 §5.2)', () => {
      it('a wrong secret via Basic is 401 invalid_client with a Basic challenge', async () => {
        const res = await h.token(client.clientId, 'kw_wrong');
        assert.equal(res.status, 401);
        assert.equal(res.body.error, 'invalid_client');
        assert.match(String(res.headers['www-authenticate']), /^Basic realm="keyward"/);
        assert.equal(res.headers['cache-control'], 'no-store');
      });

      it('an unknown client looks exactly like a wrong secret', async () => {
        const unknown = await h.token('nobody', 'kw_wrong');
        const wrong = await h.token(client.clientId, 'kw_wrong');
        assert.deepEqual(unknown.body, wrong.body);
      });

      it('no authentication at all is invalid_client', async () => {
        const res = await h.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': form }, payload: 'grant_type=client_credentials' });
        assert.equal(res.statusCode, 401);
        assert.equal(JSON.parse(res.body).error, 'invalid_client');
      });

      it('missing grant_type is invalid_request; another grant is unsupported_grant_type', async () => {
        const missing = await h.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': form, authorization: basic(client.clientId, client.clientSecret) }, payload: '' });
        assert.equal(missing.statusCode, 400);
        assert.equal(JSON.parse(missing.body).error, 'invalid_request');
        const pw = await h.token(client.clientId, client.clientSecret, { grant_type: 'password' });
        assert.equal(pw.status, 400);
        assert.equal(pw.body.error, 'unsupported_grant_type');
      });

      it('a repeated parameter and two authentication methods are invalid_request', async () => {
        const dup = await h.inject({
          method: 'POST',
          url: '/oauth/token',
          headers: { 'content-type': form, authorization: basic(client.clientId, client.clientSecret) },
          payload: 'grant_type=client_credentials&scope=orders.read&scope=orders.write',
        });
        assert.equal(JSON.parse(dup.body).error, 'invalid_request');
        const two = await h.inject({
          method: 'POST',
          url: '/oauth/token',
          headers: { 'content-type': form, authorization: basic(client.clientId, client.clientSecret) },
          payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }).toString(),
        });
        assert.equal(two.statusCode, 400);
        assert.equal(JSON.parse(two.body).error, 'invalid_request');
      });

      it('a JSON body is invalid_request, not a 415 problem', async () => {
        const res = await h.inject({
          method: 'POST',
          url: '/oauth/token',
          headers: { 'content-type': 'application/json', authorization: basic(client.clientId, client.clientSecret) },
          payload: JSON.stringify({ grant_type: 'client_credentials' }),
        });
        assert.equal(res.statusCode, 400);
        assert.equal(JSON.parse(res.body).error, 'invalid_request');
      });
    });

    it('the bootstrap admin token carries keyward:super and the issuer as audience', async () => {
      const res = await h.token(ADMIN_ID, ADMIN_SECRET);
      const header = decodeProtectedHeader(res.body.access_token);
      assert.equal(header.typ, 'at+jwt');
      assert.equal(res.body.scope, 'keyward:super');
    });
  });

  for (const alg of ['EdDSA', 'RS256'] as const) {
    describe(`signing with ${alg} (${db.name})`, () => {
      it('issues tokens that jose verifies with the published key', async (t) => {
        const h = await startHarness(t, { db, env: { KEYWARD_SIGNING_ALG: alg } });
        const res = await h.token(ADMIN_ID, ADMIN_SECRET);
        const jwks = JSON.parse((await h.inject({ method: 'GET', url: '/oauth/jwks' })).body);
        const { protectedHeader } = await jwtVerify(res.body.access_token, createLocalJWKSet(jwks), { issuer: ISSUER, algorithms: [alg] });
        assert.equal(protectedHeader.alg, alg);
        const meta = JSON.parse((await h.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' })).body);
        assert.deepEqual(meta.access_token_signing_alg_values_supported, [alg]);
      });
    });
  }
}
