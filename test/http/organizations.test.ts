import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearerWith, createTenant, databases, type Harness, startHarness } from '../helpers/harness.js';

/**
 * /v1/organizations by status code. Organizations have no chosen ids and no unique names, so
 * no request here can conflict (no 409).
 */
for (const db of databases) {
  describe(`/v1/organizations (${db.name})`, () => {
    let h: Harness;
    let tenant: Awaited<ReturnType<typeof createTenant>>;
    let asTenant: { authorization: string };
    const tokenWith = (permissions: string[]) => bearerWith(h, asTenant, permissions);
    const organizationIds = async () => ((await h.call('GET', '/v1/organizations')).body.organizations as { id: string }[]).map((o) => o.id).sort();

    before(async () => {
      h = await startHarness(undefined, { db, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      tenant = await createTenant(h, 'Organized');
      asTenant = { authorization: `Bearer ${tenant.token}` };
    });
    after(() => h.close());

    describe('200', () => {
      it('a super-admin creates, lists, gets and renames an organization, each with its default workspace', async () => {
        const created = await h.call('POST', '/v1/organizations', { displayName: 'Globex' });
        assert.equal(created.status, 200, JSON.stringify(created.body));
        assert.equal(created.body.name, `organizations/${created.body.id}`);
        assert.equal(created.body.displayName, 'Globex');
        assert.match(created.body.defaultWorkspace, /^workspaces\//);
        assert.deepEqual((await h.call('GET', `/v1/${created.body.name}`)).body, created.body);
        assert.ok((await organizationIds()).includes(created.body.id));
        const renamed = await h.call('PATCH', `/v1/${created.body.name}`, { displayName: 'Globex Corp' });
        assert.equal(renamed.status, 200);
        assert.equal(renamed.body.displayName, 'Globex Corp');
        assert.equal(renamed.body.defaultWorkspace, created.body.defaultWorkspace);
        const ws = await h.call('GET', `/v1/${created.body.defaultWorkspace}`, undefined, { 'x-keyward-org': created.body.id });
        assert.equal(ws.status, 200);
      });

      it('an organization admin, and a client holding keyward:organizations.read, read their own organization', async () => {
        assert.equal((await h.call('GET', `/v1/organizations/${tenant.orgId}`, undefined, asTenant)).body.id, tenant.orgId);
        const reader = await tokenWith(['keyward:organizations.read']);
        assert.equal((await h.call('GET', `/v1/organizations/${tenant.orgId}`, undefined, reader)).status, 200);
      });
    });

    describe('400', () => {
      it('refuses a missing, empty or mistyped displayName and a misspelt field, naming the field, and creates nothing', async () => {
        const before = await organizationIds();
        for (const [body, field] of [
          [{}, 'displayName'],
          [{ displayName: '' }, 'displayName'],
          [{ displayName: 42 }, 'displayName'],
          [{ displayName: 'x'.repeat(201) }, 'displayName'],
          [{ displayName: 'Typo', dispalyName: 'Typo' }, 'body.dispalyName'],
        ] as const) {
          const res = await h.call('POST', '/v1/organizations', body);
          assert.equal(res.status, 400, JSON.stringify(body));
          assert.equal(res.body.code, 'invalid_argument');
          assert.match(res.body.detail, new RegExp(field.replace('.', '\\.')), JSON.stringify(res.body));
        }
        assert.deepEqual(await organizationIds(), before, 'nothing was created');
      });

      it('refuses a bad rename and keeps the name', async () => {
        const org = (await h.call('POST', '/v1/organizations', { displayName: 'Kept' })).body;
        const empty = await h.call('PATCH', `/v1/${org.name}`, { displayName: '' });
        assert.equal(empty.status, 400);
        assert.equal(empty.body.code, 'invalid_argument');
        assert.match(empty.body.detail, /displayName/);
        const stray = await h.call('PATCH', `/v1/${org.name}`, { displayName: 'Changed', defaultWorkspace: 'workspaces/ws_x', plan: 'gold' });
        assert.equal(stray.status, 400);
        assert.deepEqual(stray.body.errors.map((e: { field: string }) => e.field), ['body.plan']);
        assert.equal((await h.call('GET', `/v1/${org.name}`)).body.displayName, 'Kept');
      });
    });

    describe('401', () => {
      it('without a token, or with a bad one', async () => {
        const none = await h.inject({ method: 'GET', url: '/v1/organizations' });
        assert.equal(none.statusCode, 401);
        assert.equal(none.headers['www-authenticate'], 'Bearer realm="keyward"');
        const bad = await h.inject({ method: 'POST', url: '/v1/organizations', headers: { authorization: 'Bearer not.a.token' }, payload: { displayName: 'x' } });
        assert.equal(bad.statusCode, 401);
        assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
      });
    });

    describe('403', () => {
      it('an organization admin may not create, list or rename organizations: that takes keyward:super', async () => {
        const before = await organizationIds();
        for (const [method, url, body] of [
          ['POST', '/v1/organizations', { displayName: 'Mine' }],
          ['GET', '/v1/organizations', undefined],
          ['PATCH', `/v1/organizations/${tenant.orgId}`, { displayName: 'Renamed' }],
        ] as const) {
          const res = await h.call(method, url, body, asTenant);
          assert.equal(res.status, 403, `${method} ${url}`);
          assert.match(String(res.headers['www-authenticate']), /error="insufficient_scope", scope="keyward:super"/);
        }
        assert.deepEqual(await organizationIds(), before);
        assert.equal((await h.call('GET', `/v1/organizations/${tenant.orgId}`)).body.displayName, 'Organized');
      });

      it('a client without keyward:organizations.read may not read its own organization', async () => {
        const stranger = await tokenWith(['orders.read']);
        const res = await h.call('GET', `/v1/organizations/${tenant.orgId}`, undefined, stranger);
        assert.equal(res.status, 403);
        assert.match(String(res.headers['www-authenticate']), /scope="keyward:organizations.read"/);
      });

      it('an organization admin may not act in another organization through x-keyward-org', async () => {
        const res = await h.call('GET', `/v1/organizations/${tenant.orgId}`, undefined, { ...asTenant, 'x-keyward-org': 'org_root' });
        assert.equal(res.status, 403);
      });
    });

    describe('404', () => {
      it('an unknown organization is not found, to read or to rename', async () => {
        for (const [method, body] of [['GET'], ['PATCH', { displayName: 'x' }]] as const) {
          const res = await h.call(method, '/v1/organizations/org_missing', body);
          assert.equal(res.status, 404, method);
          assert.equal(res.body.code, 'not_found');
          assert.match(res.body.detail, /org_missing/);
        }
        assert.equal((await h.call('GET', '/v1/organizations', undefined, { 'x-keyward-org': 'org_missing' })).status, 404);
      });

      it('another organization is not found for an organization admin', async () => {
        const other = (await h.call('POST', '/v1/organizations', { displayName: 'Elsewhere' })).body;
        assert.equal((await h.call('GET', `/v1/${other.name}`, undefined, asTenant)).status, 404);
        assert.equal((await h.call('GET', '/v1/organizations/org_root', undefined, asTenant)).status, 404);
      });
    });
  });
}
