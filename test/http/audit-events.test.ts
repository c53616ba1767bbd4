import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearerWith, createTenant, databases, type Harness, startHarness } from '../helpers/harness.js';

/**
 * /v1/auditEvents by status code. The log is read-only: nothing here can conflict (no 409), and
 * there is no event to address by id, so 404 is only an organization that does not exist.
 */
for (const db of databases) {
  describe(`/v1/auditEvents (${db.name})`, () => {
    let h: Harness;
    let asTenant: { authorization: string };
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, asTenant);
    const tokenWith = (permissions: string[]) => bearerWith(h, asTenant, permissions);
    const filtered = (filter: string, extra = '') => call('GET', `/v1/auditEvents?filter=${encodeURIComponent(filter)}${extra}`);

    before(async () => {
      h = await startHarness(undefined, { db, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      asTenant = { authorization: `Bearer ${(await createTenant(h, 'Audited')).token}` };
    });
    after(() => h.close());

    describe('200', () => {
      it('lists newest first, filtered by resource, type, actor and time, page by page', async () => {
        const since = new Date().toISOString();
        const client = (await call('POST', '/v1/apiClients', { displayName: 'audited' })).body;
        await call('PATCH', `/v1/${client.name}`, { description: 'first' });
        await call('PATCH', `/v1/${client.name}`, { description: 'second' });
        const byResource = await filtered(`resource = "${client.name}"`);
        assert.equal(byResource.status, 200);
        assert.deepEqual(byResource.body.auditEvents.map((e: { type: string }) => e.type), ['client.updated', 'client.updated', 'client.created']);
        const sequences = byResource.body.auditEvents.map((e: { sequence: string }) => BigInt(e.sequence));
        assert.ok(sequences[0] > sequences[1] && sequences[1] > sequences[2], 'newest first');
        const actor = byResource.body.auditEvents[0].actor;
        assert.equal((await filtered(`type = "client.updated" AND actor = "${actor}" AND time >= "${since}"`)).body.auditEvents.length, 2);
        assert.equal((await filtered(`resource: "${client.name}"`)).body.auditEvents.length, 4, 'its credential, created with it, too');
        const first = await filtered(`resource = "${client.name}"`, '&pageSize=2');
        assert.equal(first.body.auditEvents.length, 2);
        const rest = await filtered(`resource = "${client.name}"`, `&pageSize=2&pageToken=${first.body.nextPageToken}`);
        assert.deepEqual(rest.body.auditEvents.map((e: { type: string }) => e.type), ['client.created']);
        assert.equal(rest.body.nextPageToken, '');
      });

      it('an organization sees only its own events; the super-admin sees them with x-keyward-org', async () => {
        const mine = (await call('POST', '/v1/roles', { displayName: 'tenant role' })).body;
        const theirs = (await h.call('POST', '/v1/roles', { displayName: 'root role' })).body;
        assert.deepEqual((await filtered(`resource = "${theirs.name}"`)).body.auditEvents, []);
        const tenantOrg = (await call('GET', '/v1/auditEvents?pageSize=1000')).body.auditEvents.find((e: { type: string }) => e.type === 'organization.created').resource;
        const asRoot = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource = "${mine.name}"`)}`, undefined, { 'x-keyward-org': tenantOrg.split('/')[1] });
        assert.deepEqual(asRoot.body.auditEvents.map((e: { type: string }) => e.type), ['role.created']);
      });
    });

    describe('400', () => {
      it('refuses a filter on an unknown field, a bad operator, a bad time and bad syntax, naming the problem', async () => {
        for (const [filter, named] of [
          ['secret = "x"', /secret/],
          ['data = "x"', /data/],
          ['time >= "yesterday"', /time/],
          ['type > "client"', /type/],
          ['type = ', /filter/],
        ] as const) {
          const res = await filtered(filter);
          assert.equal(res.status, 400, filter);
          assert.equal(res.body.code, 'invalid_argument');
          assert.match(res.body.detail, named, JSON.stringify(res.body));
        }
      });

      it('refuses a bad pageSize and pageToken, naming them', async () => {
        const size = await call('GET', '/v1/auditEvents?pageSize=-1');
        assert.equal(size.status, 400);
        assert.match(size.body.detail, /pageSize/);
        const token = await call('GET', '/v1/auditEvents?pageToken=garbage');
        assert.equal(token.status, 400);
        assert.match(token.body.detail, /pageToken/);
      });
    });

    describe('401', () => {
      it('without a token, or with a bad one', async () => {
        const none = await h.inject({ method: 'GET', url: '/v1/auditEvents' });
        assert.equal(none.statusCode, 401);
        assert.equal(none.headers['www-authenticate'], 'Bearer realm="keyward"');
        const bad = await h.inject({ method: 'GET', url: '/v1/auditEvents', headers: { authorization: 'Bearer not.a.token' } });
        assert.equal(bad.statusCode, 401);
        assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
      });
    });

    describe('403', () => {
      it('reading needs keyward:audit.read: another admin permission is not enough', async () => {
        assert.equal((await h.call('GET', '/v1/auditEvents', undefined, await tokenWith(['keyward:audit.read']))).status, 200);
        const res = await h.call('GET', '/v1/auditEvents', undefined, await tokenWith(['keyward:clients.read']));
        assert.equal(res.status, 403);
        assert.match(String(res.headers['www-authenticate']), /error="insufficient_scope", scope="keyward:audit.read"/);
      });

      it('an organization admin may not read another organization through x-keyward-org', async () => {
        assert.equal((await h.call('GET', '/v1/auditEvents', undefined, { ...asTenant, 'x-keyward-org': 'org_root' })).status, 403);
      });
    });

    describe('404', () => {
      it('the super-admin acting in an organization that does not exist', async () => {
        const res = await h.call('GET', '/v1/auditEvents', undefined, { 'x-keyward-org': 'org_missing' });
        assert.equal(res.status, 404);
        assert.equal(res.body.code, 'not_found');
        assert.match(res.body.detail, /org_missing/);
      });

      it(
        'the OpenAPI document declares this 404',
        async () => {
          const openapi = JSON.parse((await h.inject({ method: 'GET', url: '/openapi.json' })).body);
          assert.ok(openapi.paths['/v1/auditEvents'].get.responses['404'], JSON.stringify(Object.keys(openapi.paths['/v1/auditEvents'].get.responses)));
        },
      );
    });
  });
}
