import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';

for (const db of databases) {
  describe(`organizations, workspaces, roles, audit (${db.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(undefined, { db });
    });
    after(() => h.close());

    describe('organizations', () => {
      it('a super-admin creates, lists, gets and renames them; each has a default workspace', async () => {
        const created = await h.call('POST', '/v1/organizations', { displayName: 'Acme' });
        assert.equal(created.status, 200);
        assert.match(created.body.defaultWorkspace, /^workspaces\/ws_/);
        const list = await h.call('GET', '/v1/organizations');
        assert.ok(list.body.organizations.some((o: { id: string }) => o.id === created.body.id));
        const renamed = await h.call('PATCH', `/v1/${created.body.name}`, { displayName: 'Acme Inc' });
        assert.equal(renamed.body.displayName, 'Acme Inc');
        const ws = await h.call('GET', `/v1/${created.body.defaultWorkspace}`, undefined, { 'x-keyward-org': created.body.id });
        assert.equal(ws.status, 200);
      });

      it('an org admin reads its own organization, not another (404), and cannot create or list organizations (403)', async () => {
        const tenant = await createTenant(h, 'Plain');
        const as = { authorization: `Bearer ${tenant.token}` };
        assert.equal((await h.call('GET', `/v1/organizations/${tenant.orgId}`, undefined, as)).status, 200);
        assert.equal((await h.call('GET', '/v1/organizations/org_root', undefined, as)).status, 404);
        assert.equal((await h.call('POST', '/v1/organizations', { displayName: 'x' }, as)).status, 403);
        assert.equal((await h.call('GET', '/v1/organizations', undefined, as)).status, 403);
      });
    });

    describe('workspaces', () => {
      it('creates, lists, updates; settings merge with null deleting a key', async () => {
        const ws = await h.call('POST', '/v1/workspaces', { displayName: 'Payments', extRef: 'PAY-1' });
        assert.equal(ws.status, 200);
        const merged = await h.call('PATCH', `/v1/${ws.body.name}/settings`, { merge: { a: '1', b: '2' } });
        assert.deepEqual(merged.body.settings, { a: '1', b: '2' });
        const again = await h.call('PATCH', `/v1/${ws.body.name}/settings`, { merge: { a: null, c: '3' } });
        assert.deepEqual(again.body.settings, { b: '2', c: '3' });
        const updated = await h.call('PATCH', `/v1/${ws.body.name}`, { displayName: 'Payments EU' });
        assert.equal(updated.body.extRef, 'PAY-1');
        const list = await h.call('GET', '/v1/workspaces?pageSize=1');
        assert.equal(list.body.workspaces.length, 1);
        assert.notEqual(list.body.nextPageToken, '');
        const client = await h.call('POST', '/v1/apiClients', { displayName: 'in ws', workspace: ws.body.name });
        const tok = await h.token(client.body.clientId, client.body.clientSecret);
        assert.equal(JSON.parse(Buffer.from(tok.body.access_token.split('.')[1], 'base64url').toString()).workspace_id, ws.body.id);
      });

      it('400 for bad input, 404 for unknown and foreign workspaces', async () => {
        assert.equal((await h.call('POST', '/v1/workspaces', { displayName: '' })).status, 400);
        assert.equal((await h.call('POST', '/v1/workspaces', { displayName: '<b>x</b>' })).status, 400);
        assert.equal((await h.call('PATCH', '/v1/workspaces/ws_nope/settings', { merge: { a: { nested: true } } })).status, 400);
        assert.equal((await h.call('GET', '/v1/workspaces/ws_nope')).status, 404);
        const mine = await h.call('POST', '/v1/workspaces', { displayName: 'Private' });
        const tenant = await createTenant(h, 'Nosy');
        const as = { authorization: `Bearer ${tenant.token}` };
        assert.equal((await h.call('GET', `/v1/${mine.body.name}`, undefined, as)).status, 404);
        assert.equal((await h.call('PATCH', `/v1/${mine.body.name}/settings`, { merge: { x: 'y' } }, as)).status, 404);
        assert.equal((await h.call('POST', '/v1/apiClients', { displayName: 'sneaky', workspace: mine.body.name }, as)).status, 404);
      });
    });

    describe('roles', () => {
      it('CRUD; a chosen id; updating a role changes the next token of its holders; delete refused while held', async () => {
        const role = await h.call('POST', '/v1/roles?roleId=726f6c5f68386b6c46596c4a335350384e6a7377', { displayName: 'Flag editor', permissions: ['flags.write'] });
        assert.equal(role.status, 200);
        assert.equal(role.body.name, 'roles/726f6c5f68386b6c46596c4a335350384e6a7377');
        assert.equal((await h.call('POST', '/v1/roles?roleId=726f6c5f68386b6c46596c4a335350384e6a7377', { displayName: 'dup' })).status, 409);
        const holder = await h.call('POST', '/v1/apiClients', { displayName: 'holder', roles: [role.body.name] });
        assert.equal((await h.token(holder.body.clientId, holder.body.clientSecret)).body.scope, 'flags.write');
        await h.call('PATCH', `/v1/${role.body.name}?updateMask=permissions`, { permissions: ['flags.write', 'flags.read'] });
        assert.equal((await h.token(holder.body.clientId, holder.body.clientSecret)).body.scope, 'flags.read flags.write');
        const refused = await h.call('DELETE', `/v1/${role.body.name}`);
        assert.equal(refused.status, 400);
        assert.match(refused.body.detail, /assigned/);
        await h.call('PATCH', `/v1/${holder.body.name}?updateMask=roles`, { roles: [] });
        assert.equal((await h.call('DELETE', `/v1/${role.body.name}`)).status, 200);
        assert.equal((await h.call('GET', `/v1/${role.body.name}`)).status, 404);
      });

      it('names who created and last updated it in createdBy/updatedBy, the words of every other resource', async () => {
        const role = (await h.call('POST', '/v1/roles', { displayName: 'Vocabulary', permissions: ['v.read'] })).body;
        const client = (await h.call('POST', '/v1/apiClients', { displayName: 'vocabulary' })).body;
        assert.equal(role.createdBy, client.createdBy);
        assert.equal(role.updatedBy, client.updatedBy);
        assert.equal(role.creator, undefined);
        assert.equal(role.updater, undefined);
        const tenant = await createTenant(h, 'Vocabulary');
        const tenantRole = (await h.call('POST', '/v1/roles', { displayName: 'theirs' }, { authorization: `Bearer ${tenant.token}` })).body;
        const sentBack = await h.call('PATCH', `/v1/${role.name}`, { ...role, createdBy: 'ignored', updatedBy: 'ignored', description: 'sent back whole' });
        assert.equal(sentBack.status, 200, JSON.stringify(sentBack.body));
        assert.equal(sentBack.body.createdBy, role.createdBy, 'output only');
        assert.equal(tenantRole.createdBy, tenantRole.updatedBy);
        assert.notEqual(tenantRole.createdBy, role.createdBy);
        const listed = (await h.call('GET', '/v1/roles?pageSize=1000')).body.roles.find((r: { name: string }) => r.name === role.name);
        assert.deepEqual([listed.createdBy, listed.updatedBy], [role.createdBy, role.updatedBy]);
      });

      it('a role cannot carry admin permissions its creator lacks; foreign roles are 404', async () => {
        const tenant = await createTenant(h, 'Roles');
        const as = { authorization: `Bearer ${tenant.token}` };
        assert.equal((await h.call('POST', '/v1/roles', { displayName: 'root', permissions: ['keyward:super'] }, as)).status, 403);
        const mine = await h.call('POST', '/v1/roles', { displayName: 'mine', permissions: ['x'] });
        assert.equal((await h.call('GET', `/v1/${mine.body.name}`, undefined, as)).status, 404);
        assert.equal((await h.call('POST', '/v1/apiClients', { displayName: 'borrow', roles: [mine.body.name] }, as)).status, 400);
      });
    });

    describe('audit events', () => {
      it('every change is recorded with actor and strictly increasing sequence; filter by resource, type and time; paged', async () => {
        const since = new Date().toISOString();
        const c = await h.call('POST', '/v1/apiClients', { displayName: 'audited' });
        await h.call('PATCH', `/v1/${c.body.name}`, { description: 'changed' });
        const events = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource = "${c.body.name}" AND time >= "${since}"`)}`);
        assert.equal(events.status, 200);
        assert.deepEqual(events.body.auditEvents.map((e: { type: string }) => e.type), ['client.updated', 'client.created']);
        const [updated, created] = events.body.auditEvents;
        assert.ok(BigInt(updated.sequence) > BigInt(created.sequence));
        assert.match(updated.actor, /^apiClients\//);
        assert.equal(updated.data.before.description, '');
        assert.equal(updated.data.after.description, 'changed');
        const page = await h.call('GET', '/v1/auditEvents?pageSize=1&filter=' + encodeURIComponent('type = "client.created"'));
        assert.equal(page.body.auditEvents.length, 1);
        const next = await h.call('GET', `/v1/auditEvents?pageSize=1&filter=${encodeURIComponent('type = "client.created"')}&pageToken=${page.body.nextPageToken}`);
        assert.ok(BigInt(next.body.auditEvents[0].sequence) < BigInt(page.body.auditEvents[0].sequence));
        assert.equal((await h.call('GET', '/v1/auditEvents?filter=' + encodeURIComponent('time >= "yesterday"'))).status, 400);
      });

      it('times inside event data are RFC 3339, like the event time and every resource', async () => {
        const since = new Date().toISOString();
        const tenant = await createTenant(h, 'Timely');
        const as = { authorization: `Bearer ${tenant.token}` };
        const c = (await h.call('POST', '/v1/apiClients', { displayName: 'timely' }, as)).body;
        const expireTime = new Date(Date.now() + 3600_000).toISOString();
        await h.call('POST', `/v1/${c.name}/credentials`, { type: 'SECRET', expireTime }, as);
        await h.call('POST', `/v1/${c.name}:rotateSecret`, { overlap: '60s' }, as);
        const token = (await h.token(c.clientId, c.clientSecret)).body.access_token;
        const revoked = await h.inject({
          method: 'POST',
          url: '/oauth/revoke',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}` },
          payload: `token=${token}`,
        });
        assert.equal(revoked.statusCode, 200);
        const events = (await h.call('GET', `/v1/auditEvents?pageSize=1000&filter=${encodeURIComponent(`time >= "${since}"`)}`, undefined, as)).body.auditEvents;
        const byType = (type: string) => events.find((e: { type: string }) => e.type === type)?.data;
        const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
        assert.match(byType('organization.created').after.createTime, iso);
        assert.match(byType('workspace.created').after.updateTime, iso);
        const credential = events.find((e: { type: string; data: { after?: { expireTime?: unknown } } }) => e.type === 'credential.created' && e.data.after?.expireTime);
        assert.equal(credential.data.after.expireTime, expireTime);
        assert.match(byType('client.secret_rotated').previousExpireTime, iso);
        const tokenRevoked = byType('token.revoked');
        assert.equal(tokenRevoked.expireTime, new Date(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp * 1000).toISOString());
        const numericTimes: string[] = [];
        const walk = (value: unknown, path: string) => {
          if (typeof value === 'number' && /(^|\.)(time|\w+Time)$/.test(path)) numericTimes.push(path);
          else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
        };
        for (const e of events) walk(e.data, `${e.type}.data`);
        assert.deepEqual(numericTimes, []);
        // The revocation list still reads the stored number: the revoked token stays refused.
        assert.equal((await h.call('GET', '/v1/apiClients', undefined, { authorization: `Bearer ${token}` })).status, 401);
      });

      it("an organization sees only its own events", async () => {
        const tenant = await createTenant(h, 'Audited');
        const events = await h.call('GET', '/v1/auditEvents?pageSize=1000', undefined, { authorization: `Bearer ${tenant.token}` });
        assert.equal(events.status, 200);
        assert.ok(events.body.auditEvents.length > 0);
        assert.ok(events.body.auditEvents.every((e: { resource: string }) => !e.resource.includes('org_root')));
        const rootEvents = await h.call('GET', '/v1/auditEvents?pageSize=1000');
        const tenantIds = new Set(events.body.auditEvents.map((e: { name: string }) => e.name));
        assert.ok(rootEvents.body.auditEvents.every((e: { name: string }) => !tenantIds.has(e.name)));
      });
    });

    describe('operations', () => {
      it('health, readiness, metrics and the OpenAPI document', async () => {
        assert.equal((await h.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
        assert.equal((await h.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
        await h.token('test-admin', 'test-admin-secret-0123456789abcdefghij');
        const metrics = (await h.inject({ method: 'GET', url: '/metrics' })).body;
        assert.match(metrics, /keyward_tokens_issued_total \d+/);
        assert.match(metrics, /keyward_http_request_duration_seconds_bucket/);
        const openapi = JSON.parse((await h.inject({ method: 'GET', url: '/openapi.json' })).body);
        assert.equal(openapi.openapi, '3.1.0');
        assert.ok(openapi.paths['/v1/apiClients'].post);
        assert.ok(openapi.paths['/oauth/token'].post);
        assert.equal((await h.inject({ method: 'GET', url: '/docs' })).statusCode < 400, true);
        const unknown = await h.inject({ method: 'GET', url: '/nope' });
        assert.equal(unknown.statusCode, 404);
        assert.equal(JSON.parse(unknown.body).code, 'not_found');
      });
    });
  });
}
