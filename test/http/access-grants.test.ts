import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearerWith, createTenant, databases, type Harness, startHarness } from '../helpers/harness.js';

/**
 * /v1/workspaces/{id}/accessGrants by status code. Granting is idempotent, so no request here
 * can conflict (no 409). Docpier's access rows on /admin/… are docpier-workspaces.test.ts'.
 */
for (const db of databases) {
  describe(`/v1/workspaces/{id}/accessGrants (${db.name})`, () => {
    let h: Harness;
    let asTenant: { authorization: string };
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, asTenant);
    const newWorkspace = async (displayName: string) => (await call('POST', '/v1/workspaces', { displayName })).body.name as string;
    const latestEvents = async (n: number) =>
      (await call('GET', `/v1/auditEvents?pageSize=${n}`)).body.auditEvents as { type: string; resource: string; sequence: string }[];
    const tokenWith = (permissions: string[]) => bearerWith(h, asTenant, permissions);

    before(async () => {
      h = await startHarness(undefined, { db, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      asTenant = { authorization: `Bearer ${(await createTenant(h, 'Access')).token}` };
    });
    after(() => h.close());

    describe('200', () => {
      it('grants a USER the default role, lists it, and revokes it, each change an access.* event', async () => {
        const ws = await newWorkspace('Granted');
        const granted = await call('POST', `/v1/${ws}/accessGrants`, { subjectType: 'USER', subjectId: 'kc-user-1' });
        assert.equal(granted.status, 200, JSON.stringify(granted.body));
        assert.match(granted.body.name, new RegExp(`^${ws}/accessGrants/grt_[a-z0-9]{20}$`));
        assert.equal(granted.body.workspace, ws);
        assert.deepEqual([granted.body.subjectType, granted.body.subjectId, granted.body.role], ['USER', 'kc-user-1', 'member']);
        assert.equal(granted.body.provider, undefined);
        assert.equal((await latestEvents(1))[0].type, 'access.granted');

        const listed = await call('GET', `/v1/${ws}/accessGrants`);
        assert.equal(listed.status, 200);
        assert.deepEqual(listed.body, { accessGrants: [granted.body] });

        const revoked = await call('DELETE', `/v1/${granted.body.name}`);
        assert.equal(revoked.status, 200);
        assert.deepEqual(revoked.body, {});
        assert.deepEqual((await call('GET', `/v1/${ws}/accessGrants`)).body, { accessGrants: [] });
        const [event] = await latestEvents(1);
        assert.deepEqual([event.type, event.resource], ['access.revoked', granted.body.name]);
      });

      it('granting the same subject again returns its grant: unchanged and unrecorded, or with the new role as access.updated', async () => {
        const ws = await newWorkspace('Idempotent');
        const first = (await call('POST', `/v1/${ws}/accessGrants`, { subjectType: 'CLIENT', subjectId: 'billing-exporter', role: 'viewer' })).body;
        const [before] = await latestEvents(1);
        const again = await call('POST', `/v1/${ws}/accessGrants`, { subjectType: 'CLIENT', subjectId: 'billing-exporter', role: 'viewer' });
        assert.equal(again.status, 200);
        assert.deepEqual(again.body, first);
        assert.equal((await latestEvents(1))[0].sequence, before.sequence, 'nothing recorded');

        const promoted = await call('POST', `/v1/${ws}/accessGrants`, { subjectType: 'CLIENT', subjectId: 'billing-exporter', role: 'owner' });
        assert.equal(promoted.status, 200);
        assert.equal(promoted.body.name, first.name);
        assert.equal(promoted.body.role, 'owner');
        assert.equal(promoted.body.createTime, first.createTime);
        assert.equal((await latestEvents(1))[0].type, 'access.updated');
        assert.equal((await call('GET', `/v1/${ws}/accessGrants`)).body.accessGrants.length, 1);
      });

      it('the same subject in two workspaces has two grants; USER and CLIENT with one id are two subjects', async () => {
        const [a, b] = [await newWorkspace('A'), await newWorkspace('B')];
        await call('POST', `/v1/${a}/accessGrants`, { subjectType: 'USER', subjectId: 'same' });
        await call('POST', `/v1/${a}/accessGrants`, { subjectType: 'CLIENT', subjectId: 'same' });
        await call('POST', `/v1/${b}/accessGrants`, { subjectType: 'USER', subjectId: 'same' });
        const inA = (await call('GET', `/v1/${a}/accessGrants`)).body.accessGrants.map((g: { subjectType: string }) => g.subjectType).sort();
        assert.deepEqual(inA, ['CLIENT', 'USER']);
        assert.equal((await call('GET', `/v1/${b}/accessGrants`)).body.accessGrants.length, 1);
      });
    });

    describe('400', () => {
      it('refuses a bad subjectType, subjectId or role, naming the field, and grants nothing', async () => {
        const ws = await newWorkspace('Refusing');
        const cases: [unknown, string, RegExp][] = [
          [{ subjectType: 'GROUP', subjectId: 'u' }, 'subjectType', /USER or CLIENT/],
          [{ subjectType: 'USER', subjectId: '' }, 'subjectId', /empty/],
          // NUL is refused by the one text rule for every surface, before the field's own check.
          [{ subjectType: 'USER', subjectId: 'a\u0000b' }, 'body.subjectId', /NUL character/],
          [{ subjectType: 'USER', subjectId: 'a\u0001b' }, 'body.subjectId', /control character/],
          [{ subjectType: 'USER', subjectId: 'x'.repeat(256) }, 'body.subjectId', /255/],
          [{ subjectType: 'USER' }, 'body.subjectId', /required/],
          [{ subjectType: 'USER', subjectId: 'u', role: 'Owner!' }, 'role', /lowercase letters/],
          [{ subjectType: 'USER', subjectId: 'u', roel: 'owner' }, 'body.roel', /check its spelling/],
        ];
        for (const [body, field, detail] of cases) {
          const res = await call('POST', `/v1/${ws}/accessGrants`, body);
          assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'invalid_argument');
          assert.equal(res.body.errors[0].field, field);
          assert.match(res.body.detail, detail);
        }
        assert.deepEqual((await call('GET', `/v1/${ws}/accessGrants`)).body, { accessGrants: [] });
      });
    });

    describe('401', () => {
      it('without a token, or with a bad one', async () => {
        const ws = await newWorkspace('Locked');
        const none = await h.inject({ method: 'GET', url: `/v1/${ws}/accessGrants` });
        assert.equal(none.statusCode, 401);
        assert.equal(none.headers['www-authenticate'], 'Bearer realm="keyward"');
        const bad = await h.inject({
          method: 'POST',
          url: `/v1/${ws}/accessGrants`,
          headers: { authorization: 'Bearer not.a.token' },
          payload: { subjectType: 'USER', subjectId: 'u' },
        });
        assert.equal(bad.statusCode, 401);
        assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
      });
    });

    describe('403', () => {
      it('keyward:workspaces.read lists but neither grants nor revokes; without it nothing is listed', async () => {
        const ws = await newWorkspace('Guarded');
        const grant = (await call('POST', `/v1/${ws}/accessGrants`, { subjectType: 'USER', subjectId: 'kept' })).body;
        const reader = await tokenWith(['keyward:workspaces.read']);
        assert.equal((await h.call('GET', `/v1/${ws}/accessGrants`, undefined, reader)).status, 200);
        for (const [method, url, body] of [
          ['POST', `/v1/${ws}/accessGrants`, { subjectType: 'USER', subjectId: 'intruder' }],
          ['DELETE', `/v1/${grant.name}`, undefined],
        ] as const) {
          const res = await h.call(method, url, body, reader);
          assert.equal(res.status, 403, `${method} ${url}`);
          assert.match(String(res.headers['www-authenticate']), /error="insufficient_scope", scope="keyward:workspaces.write"/);
        }
        const stranger = await tokenWith(['orders.read']);
        const list = await h.call('GET', `/v1/${ws}/accessGrants`, undefined, stranger);
        assert.equal(list.status, 403);
        assert.match(String(list.headers['www-authenticate']), /scope="keyward:workspaces.read"/);
        assert.deepEqual((await call('GET', `/v1/${ws}/accessGrants`)).body, { accessGrants: [grant] });
      });
    });

    describe('404', () => {
      it("another organization's workspace and grants are not found, for every verb, and nothing changes", async () => {
        const ws = await newWorkspace('Mine');
        const grant = (await call('POST', `/v1/${ws}/accessGrants`, { subjectType: 'USER', subjectId: 'owner-1' })).body;
        const neighbour = { authorization: `Bearer ${(await createTenant(h, 'Neighbour')).token}` };
        for (const [method, url, body] of [
          ['GET', `/v1/${ws}/accessGrants`, undefined],
          ['POST', `/v1/${ws}/accessGrants`, { subjectType: 'USER', subjectId: 'intruder' }],
          ['DELETE', `/v1/${grant.name}`, undefined],
        ] as const) {
          const res = await h.call(method, url, body, neighbour);
          assert.equal(res.status, 404, `${method} ${url}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.code, 'not_found');
        }
        assert.deepEqual((await call('GET', `/v1/${ws}/accessGrants`)).body, { accessGrants: [grant] });
      });

      it('an unknown workspace, an unknown grant, a grant addressed through another workspace, and a revoked grant', async () => {
        const [ws, other] = [await newWorkspace('Here'), await newWorkspace('There')];
        const grant = (await call('POST', `/v1/${ws}/accessGrants`, { subjectType: 'USER', subjectId: 'u-404' })).body;
        const grantId = grant.name.split('/').at(-1);
        for (const [method, url, body, detail] of [
          ['GET', '/v1/workspaces/ws_nope/accessGrants', undefined, /Workspace workspaces\/ws_nope was not found/],
          ['POST', '/v1/workspaces/ws_nope/accessGrants', { subjectType: 'USER', subjectId: 'u' }, /Workspace workspaces\/ws_nope was not found/],
          ['DELETE', `/v1/${ws}/accessGrants/grt_nope`, undefined, /Access grant .*grt_nope was not found/],
          ['DELETE', `/v1/${other}/accessGrants/${grantId}`, undefined, /Access grant .* was not found/],
        ] as const) {
          const res = await call(method, url, body);
          assert.equal(res.status, 404, `${method} ${url}`);
          assert.match(res.body.detail, detail);
        }
        assert.equal((await call('DELETE', `/v1/${grant.name}`)).status, 200);
        assert.equal((await call('DELETE', `/v1/${grant.name}`)).status, 404, 'revoking twice');
      });
    });
  });
}
