import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';

/** The create request of 001_fda4bd868c0a2c87.txt, verbatim. */
const SEED_BODY = `{
"displayName": "My API Client",
"description": "Client for setting up flags in GHE repos",
"permissions": [],
"roles": [
"roles/726f6c5f68386b6c46596c4a335350384e6a7377"
]
}`;
const SEED_FIELDS = ['name', 'displayName', 'description', 'clientId', 'clientSecret', 'permissions', 'roles', 'createdBy', 'updatedBy', 'labels', 'createTime', 'updateTime'];

for (const db of databases) {
  describe(`Confidence dialect (${db.name})`, () => {
    let h: Harness;
    let created: Record<string, unknown> & { name: string; clientId: string; clientSecret: string };

    const confidenceToken = (body: unknown) =>
      h.inject({ method: 'POST', url: '/v1/oauth/token', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

    before(async () => {
      h = await startHarness(undefined, { db, env: { KEYWARD_RATE_LIMIT_FAILURES: '100000' } });
      const role = await h.call('POST', '/v1/roles?roleId=726f6c5f68386b6c46596c4a335350384e6a7377', { displayName: 'Flag editor', permissions: ['flags.write'] });
      assert.equal(role.status, 200, JSON.stringify(role.body));
    });
    after(() => h.close());

    it('names the missing predefined role and the remedy, and the seed works once the role exists', async () => {
      const tenant = await createTenant(h, 'Fresh organization');
      const seedCreate = () =>
        h.inject({ method: 'POST', url: '/v1/apiClients', headers: { Authorization: `Bearer ${tenant.token}`, 'Content-Type': 'application/json' }, payload: SEED_BODY });
      const refused = await seedCreate();
      assert.equal(refused.statusCode, 400);
      assert.match(refused.json().detail, /roles\/726f6c5f68386b6c46596c4a335350384e6a7377 does not exist in this organization\. Keyward has no predefined roles: create it first \(POST \/v1\/roles\?roleId=726f6c5f68386b6c46596c4a335350384e6a7377/);
      const role = await h.call('POST', '/v1/roles?roleId=726f6c5f68386b6c46596c4a335350384e6a7377', { displayName: 'Flag editor', permissions: ['flags.read', 'flags.write'] }, { authorization: `Bearer ${tenant.token}` });
      assert.equal(role.status, 200, JSON.stringify(role.body));
      assert.equal((await seedCreate()).statusCode, 200);
    });

    it('runs the seed requests as written: create, get, list', async () => {
      const res = await h.inject({
        method: 'POST',
        url: '/v1/apiClients',
        headers: { Authorization: `Bearer ${h.adminToken}`, 'Content-Type': 'application/json' },
        payload: SEED_BODY,
      });
      assert.equal(res.statusCode, 200, res.body);
      created = res.json();
      for (const field of SEED_FIELDS) assert.ok(field in created, `create answers ${field}`);
      assert.match(created.name, /^apiClients\/[a-z0-9_]+$/);
      assert.equal(created.displayName, 'My API Client');
      assert.equal(created.description, 'Client for setting up flags in GHE repos');
      assert.deepEqual(created.permissions, []);
      assert.deepEqual(created.roles, ['roles/726f6c5f68386b6c46596c4a335350384e6a7377']);
      assert.deepEqual(created.labels, {});
      assert.ok(!Number.isNaN(Date.parse(String(created.createTime))));

      const got = await h.inject({ method: 'GET', url: `/v1/${created.name}`, headers: { Authorization: `Bearer ${h.adminToken}` } });
      assert.equal(got.statusCode, 200);
      // Secrets are shown once: every seed field but clientSecret comes back.
      for (const field of SEED_FIELDS.filter((f) => f !== 'clientSecret')) assert.deepEqual(got.json()[field], created[field], field);
      assert.equal(got.json().clientSecret, undefined);

      const listed = await h.inject({ method: 'GET', url: '/v1/apiClients', headers: { Authorization: `Bearer ${h.adminToken}` } });
      assert.equal(listed.statusCode, 200);
      assert.ok(listed.json().apiClients.some((c: { name: string }) => c.name === created.name));
      assert.equal(typeof listed.json().nextPageToken, 'string');
    });

    it('POST /v1/oauth/token answers {accessToken, expiresIn} with the role\'s permissions', async () => {
      const res = await confidenceToken({ grantType: 'client_credentials', clientId: created.clientId, clientSecret: created.clientSecret });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(Object.keys(res.json()).sort(), ['accessToken', 'expiresIn']);
      assert.equal(res.headers['cache-control'], 'no-store');
      const claims = decodeJwt(res.json().accessToken);
      assert.equal(claims.client_id, created.clientId);
      assert.equal(claims.scope, 'flags.write');
      assert.equal(res.json().expiresIn, 3600);
    });

    it('refuses a wrong secret (401), a missing field (400) and another grant type, as google.rpc.Status', async () => {
      const wrong = await confidenceToken({ grantType: 'client_credentials', clientId: created.clientId, clientSecret: 'kw_wrong' });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json().code, 16);
      assert.deepEqual(wrong.json().details, []);
      const missing = await confidenceToken({ grantType: 'client_credentials', clientId: created.clientId });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().code, 3);
      const grant = await confidenceToken({ grantType: 'password', clientId: created.clientId, clientSecret: created.clientSecret });
      assert.equal(grant.statusCode, 400);
      assert.match(grant.json().message, /grant_type "password" is not supported|grant_type 'password' is not supported/);
    });

    it('answers 404 to a neighbour organization', async () => {
      const tenant = await createTenant(h, 'Neighbour');
      const as = { authorization: `Bearer ${tenant.token}` };
      assert.equal((await h.call('GET', `/v1/${created.name}`, undefined, as)).status, 404);
      assert.equal((await h.call('GET', '/v1/roles/726f6c5f68386b6c46596c4a335350384e6a7377', undefined, as)).status, 404);
    });
  });
}
