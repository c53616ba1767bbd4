import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { ADMIN_ID, ADMIN_SECRET, ISSUER, databases, startHarness, type Harness } from '../helpers/harness.js';

const form = 'application/x-www-form-urlencoded';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

for (const db of databases) {
  describe(`introspection, revocation, discovery, JWKS (${db.name})`, () => {
    let h: Harness;
    let svc: { clientId: string; clientSecret: string; name: string };
    let rs: { clientId: string; clientSecret: string };
    before(async () => {
      h = await startHarness(undefined, { db });
      svc = (await h.call('POST', '/v1/apiClients', { displayName: 'svc', permissions: ['a', 'b'] })).body;
      rs = (await h.call('POST', '/v1/apiClients', { displayName: 'resource server' })).body;
    });
    after(() => h.close());

    const introspect = async (token: string, as = rs) =>
      JSON.parse(
        (
          await h.inject({
            method: 'POST',
            url: '/oauth/introspect',
            headers: { 'content-type': form, authorization: basic(as.clientId, as.clientSecret) },
            payload: `token=${encodeURIComponent(token)}`,
          })
        ).body,
      );

    it('introspects an active token (RFC 7662) for an authenticated caller', async () => {
      const tok = await h.token(svc.clientId, svc.clientSecret, { scope: 'a' });
      const res = await introspect(tok.body.access_token);
      assert.equal(res.active, true);
      assert.equal(res.scope, 'a');
      assert.equal(res.client_id, svc.clientId);
      assert.equal(res.iss, ISSUER);
      assert.equal(res.token_type, 'Bearer');
      assert.ok(res.exp > Date.now() / 1000);
    });

    it('inactive is exactly {"active":false}: garbage, tampered, unknown caller is 401', async () => {
      const tok = await h.token(svc.clientId, svc.clientSecret);
      assert.deepEqual(await introspect('garbage'), { active: false });
      const [header, payload, signature] = tok.body.access_token.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), scope: 'admin' })).toString('base64url');
      assert.deepEqual(await introspect(`${header}.${forged}.${signature}`), { active: false });
      const anonymous = await h.inject({ method: 'POST', url: '/oauth/introspect', headers: { 'content-type': form }, payload: `token=${tok.body.access_token}` });
      assert.equal(anonymous.statusCode, 401);
    });

    it('revocation: the client revokes its own token; it is inactive at once; unknown tokens are 200', async () => {
      const tok = await h.token(svc.clientId, svc.clientSecret);
      const revoke = (token: string, as = svc) =>
        h.inject({ method: 'POST', url: '/oauth/revoke', headers: { 'content-type': form, authorization: basic(as.clientId, as.clientSecret) }, payload: `token=${encodeURIComponent(token)}` });
      const foreign = await revoke(tok.body.access_token, rs as typeof svc);
      assert.equal(foreign.statusCode, 400);
      assert.equal((await introspect(tok.body.access_token)).active, true);
      const ok = await revoke(tok.body.access_token);
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(await introspect(tok.body.access_token), { active: false });
      assert.equal((await revoke('not-a-token')).statusCode, 200);
      const audit = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent('type = "token.revoked"')}`);
      assert.equal(audit.body.auditEvents.length, 1);
    });

    it('deleting the credential that obtained a token deactivates the token at once', async () => {
      const c = (await h.call('POST', '/v1/apiClients', { displayName: 'cred-bound' })).body;
      const tok = await h.token(c.clientId, c.clientSecret);
      const creds = await h.call('GET', `/v1/${c.name}/credentials`);
      assert.equal(creds.body.credentials.length, 1);
      assert.equal(creds.body.credentials[0].secret, undefined);
      assert.match(creds.body.credentials[0].secretHint, /^kw_.{3}….{4}$/);
      assert.equal((await introspect(tok.body.access_token)).active, true, 'introspected once, so its signature is remembered');
      await h.call('DELETE', `/v1/${creds.body.credentials[0].name}`);
      assert.deepEqual(await introspect(tok.body.access_token), { active: false });
    });

    it('an admin token stops working at the admin API as soon as its client is disabled', async () => {
      const admin = (await h.call('POST', '/v1/apiClients', { displayName: 'sub-admin', permissions: ['keyward:clients.read'] })).body;
      const tok = await h.token(admin.clientId, admin.clientSecret);
      const headers = { authorization: `Bearer ${tok.body.access_token}` };
      assert.equal((await h.call('GET', '/v1/apiClients', undefined, headers)).status, 200);
      await h.call('POST', `/v1/${admin.name}:disable`);
      assert.equal((await h.call('GET', '/v1/apiClients', undefined, headers)).status, 401);
    });

    it('discovery advertises endpoints under the issuer, whatever the Host header says', async () => {
      for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
        const res = await h.inject({ method: 'GET', url: path, headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } });
        const meta = JSON.parse(res.body);
        assert.equal(meta.issuer, ISSUER);
        assert.equal(meta.token_endpoint, `${ISSUER}/oauth/token`);
        assert.equal(meta.jwks_uri, `${ISSUER}/oauth/jwks`);
        assert.ok(meta.grant_types_supported.includes('client_credentials'));
        assert.ok(meta.token_endpoint_auth_methods_supported.includes('client_secret_basic'));
      }
    });

    it('JWKS holds public keys only; rotation pre-publishes the next key and keeps the old one for its tokens', async () => {
      const before = JSON.parse((await h.inject({ method: 'GET', url: '/oauth/jwks' })).body);
      assert.equal(before.keys.length, 2, 'active and next');
      for (const key of before.keys) {
        assert.equal(key.d, undefined);
        assert.equal(key.use, 'sig');
      }
      const oldToken = (await h.token(ADMIN_ID, ADMIN_SECRET)).body.access_token;
      const signingKid = JSON.parse(Buffer.from(oldToken.split('.')[0], 'base64url').toString()).kid;
      const nextKid = before.keys.find((k: { kid: string }) => k.kid !== signingKid).kid;
      const rotated = await h.call('POST', '/v1/signingKeys:rotate');
      assert.equal(rotated.status, 200);
      assert.equal(rotated.body.activeKey, nextKid, 'the pre-published key signs next');
      const afterRotation = JSON.parse((await h.inject({ method: 'GET', url: '/oauth/jwks' })).body);
      assert.deepEqual(afterRotation.keys.map((k: { kid: string }) => k.kid).sort(), [signingKid, nextKid, rotated.body.nextKey].sort());
      const newToken = (await h.token(ADMIN_ID, ADMIN_SECRET)).body.access_token;
      const jwks = createLocalJWKSet(afterRotation);
      await jwtVerify(oldToken, jwks, { issuer: ISSUER });
      const { protectedHeader } = await jwtVerify(newToken, jwks, { issuer: ISSUER });
      assert.equal(protectedHeader.kid, nextKid);
      assert.equal((await introspect(oldToken, { clientId: ADMIN_ID, clientSecret: ADMIN_SECRET })).active, true);
      h.adminToken = newToken;
    });
  });
}
