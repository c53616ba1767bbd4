import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { ADMIN_ID, ADMIN_SECRET, ISSUER, createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';

/**
 * GET /v1/signingKeys and POST /v1/signingKeys:rotate by status code. The signing keys serve
 * every organization, so only a super-admin rotates them and there is no other organization's key to hide (no tenant
 * 404); concurrent rotations are test/security/jwt.test.ts'.
 */
for (const db of databases) {
  describe(`/v1/signingKeys and :rotate (${db.name})`, () => {
    let h: Harness;
    const kidOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString()).kid as string;
    const jwks = async () => JSON.parse((await h.inject({ method: 'GET', url: '/oauth/jwks' })).body);
    const publishedKids = async () => ((await jwks()).keys as { kid: string }[]).map((k) => k.kid).sort();
    const rotate = (headers: Record<string, string> = {}) => h.call('POST', '/v1/signingKeys:rotate', undefined, headers);

    before(async () => {
      h = await startHarness(undefined, { db, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
    });
    after(() => h.close());

    describe('200', () => {
      it('the pre-published next key signs from now on; the retired key stays published and its tokens stay valid', async () => {
        const oldToken = (await h.token(ADMIN_ID, ADMIN_SECRET)).body.access_token;
        const before = await publishedKids();
        const rotated = await rotate();
        assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
        assert.deepEqual(Object.keys(rotated.body).sort(), ['activeKey', 'nextKey', 'retiredKey']);
        assert.equal(rotated.body.retiredKey, kidOf(oldToken));
        assert.ok(before.includes(rotated.body.activeKey), 'the new active key was published before it signed');
        assert.ok(!before.includes(rotated.body.nextKey));
        const published = await publishedKids();
        for (const kid of [rotated.body.activeKey, rotated.body.nextKey, rotated.body.retiredKey]) assert.ok(published.includes(kid), kid);

        const newToken = (await h.token(ADMIN_ID, ADMIN_SECRET)).body.access_token;
        assert.equal(kidOf(newToken), rotated.body.activeKey);
        const keys = createLocalJWKSet(await jwks());
        await jwtVerify(oldToken, keys, { issuer: ISSUER });
        await jwtVerify(newToken, keys, { issuer: ISSUER });
        assert.equal((await h.call('GET', '/v1/apiClients', undefined, { authorization: `Bearer ${oldToken}` })).status, 200);
      });

      it('is audited as signing_key.rotated, and a super-admin may rotate while acting in another organization', async () => {
        const tenant = await createTenant(h, 'Managed');
        const rotated = await rotate({ 'x-keyward-org': tenant.orgId });
        assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
        const events = await h.call('GET', `/v1/auditEvents?pageSize=1&filter=${encodeURIComponent('type = "signing_key.rotated"')}`, undefined, { 'x-keyward-org': tenant.orgId });
        assert.equal(events.status, 200);
        assert.equal(events.body.auditEvents[0].resource, `signingKeys/${rotated.body.activeKey}`);
      });
    });

    describe('400', () => {
      it('a body that is not JSON is refused and rotates nothing', async () => {
        const before = await publishedKids();
        const res = await h.inject({
          method: 'POST',
          url: '/v1/signingKeys:rotate',
          headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' },
          payload: '{',
        });
        assert.equal(res.statusCode, 400);
        assert.equal(JSON.parse(res.body).code, 'invalid_argument');
        assert.deepEqual(await publishedKids(), before);
      });
    });

    describe('401', () => {
      it('without a token, or with a bad one', async () => {
        const none = await h.inject({ method: 'POST', url: '/v1/signingKeys:rotate' });
        assert.equal(none.statusCode, 401);
        assert.equal(none.headers['www-authenticate'], 'Bearer realm="keyward"');
        const bad = await h.inject({ method: 'POST', url: '/v1/signingKeys:rotate', headers: { authorization: 'Bearer not.a.token' } });
        assert.equal(bad.statusCode, 401);
        assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
      });
    });

    describe('403', () => {
      it('an organization admin, and a client holding keyward:keys.write alone, may not rotate: it needs keyward:super', async () => {
        const before = await publishedKids();
        const orgAdmin = { authorization: `Bearer ${(await createTenant(h, 'Tenant')).token}` };
        const keysWriter = (await h.call('POST', '/v1/apiClients', { displayName: 'keys writer', permissions: ['keyward:keys.write'] })).body;
        const asKeysWriter = { authorization: `Bearer ${(await h.token(keysWriter.clientId, keysWriter.clientSecret)).body.access_token}` };
        for (const headers of [orgAdmin, asKeysWriter]) {
          const res = await rotate(headers);
          assert.equal(res.status, 403);
          assert.equal(res.body.code, 'insufficient_scope');
          assert.match(String(res.headers['www-authenticate']), /scope="keyward:super"/);
        }
        assert.deepEqual(await publishedKids(), before, 'nothing rotated');
      });
    });

    describe('GET /v1/signingKeys', () => {
      const list = (headers: Record<string, string> = {}) => h.call('GET', '/v1/signingKeys', undefined, headers);

      it('lists the published keys by state with their times and public halves, and follows a rotation', async () => {
        const before = await list();
        assert.equal(before.status, 200, JSON.stringify(before.body));
        assert.equal(before.headers['cache-control'], 'no-store');
        const states = (body: { signingKeys: { state: string }[] }) => body.signingKeys.map((k) => k.state);
        assert.deepEqual(states(before.body).slice(0, 2), ['active', 'next']);
        const [active, next] = before.body.signingKeys;
        assert.deepEqual(Object.keys(active).sort(), ['activateTime', 'alg', 'createTime', 'expireTime', 'kid', 'name', 'publicJwk', 'state']);
        assert.equal(active.name, `signingKeys/${active.kid}`);
        assert.equal(active.alg, 'ES256');
        assert.equal(active.expireTime, null);
        assert.ok(Date.parse(active.activateTime) <= Date.now());
        assert.equal(next.activateTime, null);
        assert.equal(next.expireTime, null);
        // The public halves are the key set's; no private member (d, p, q, …) anywhere.
        const published = (await jwks()).keys as { kid: string }[];
        for (const key of before.body.signingKeys) {
          assert.deepEqual(key.publicJwk, published.find((k) => k.kid === key.kid));
          assert.equal(key.publicJwk.d, undefined);
        }
        assert.doesNotMatch(JSON.stringify(before.body), /private|"d":/i);

        const rotated = (await rotate()).body;
        const after = (await list()).body.signingKeys as { kid: string; state: string; activateTime: string | null; expireTime: string | null }[];
        const byKid = new Map(after.map((k) => [k.kid, k]));
        assert.equal(after[0].kid, rotated.activeKey);
        assert.equal(after[0].state, 'active');
        assert.equal(rotated.activeKey, next.kid, 'the next key became active');
        assert.ok(after[0].activateTime && Date.parse(after[0].activateTime) >= Date.parse(active.activateTime));
        assert.equal(byKid.get(rotated.nextKey)?.state, 'next');
        const retired = byKid.get(active.kid)!;
        assert.equal(retired.state, 'retired');
        // Published until the longest token it may have signed has expired (max lifetime + 5 minutes' leeway).
        assert.ok(retired.expireTime && Date.parse(retired.expireTime) > Date.now() + 300_000, retired.expireTime ?? '');
        assert.deepEqual(after.map((k) => k.kid).sort(), await publishedKids(), 'exactly the key set');
        assert.deepEqual(states({ signingKeys: after }), ['active', 'next', ...after.slice(2).map(() => 'retired')]);
      });

      it('an organization admin and a keyward:keys.read holder may read them; a client without it may not', async () => {
        const orgAdmin = { authorization: `Bearer ${(await createTenant(h, 'Reader org')).token}` };
        assert.equal((await list(orgAdmin)).status, 200);
        const client = async (permissions: string[]) => {
          const created = (await h.call('POST', '/v1/apiClients', { displayName: 'keys', permissions })).body;
          return { authorization: `Bearer ${(await h.token(created.clientId, created.clientSecret)).body.access_token}` };
        };
        assert.equal((await list(await client(['keyward:keys.read']))).status, 200);
        const refused = await list(await client(['keyward:clients.read']));
        assert.equal(refused.status, 403);
        assert.equal(refused.body.code, 'insufficient_scope');
        assert.match(String(refused.headers['www-authenticate']), /scope="keyward:keys.read"/);
        const none = await h.inject({ method: 'GET', url: '/v1/signingKeys' });
        assert.equal(none.statusCode, 401);
        assert.equal((await list({ 'x-keyward-org': 'org_missing' })).status, 404);
      });
    });

    describe('404', () => {
      it('acting in an organization that does not exist is not found, and rotates nothing', async () => {
        const before = await publishedKids();
        const res = await rotate({ 'x-keyward-org': 'org_missing' });
        assert.equal(res.status, 404);
        assert.match(res.body.detail, /organizations\/org_missing was not found/);
        assert.deepEqual(await publishedKids(), before);
      });
    });
  });
}
