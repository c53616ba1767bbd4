import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearerWith, createTenant, databases, type Harness, startHarness } from '../helpers/harness.js';

/**
 * /v1/workspaces and their settings by status code. Workspaces have no chosen ids and no unique
 * names, so no request here can conflict (no 409). Their access grants are access-grants.test.ts'.
 */
for (const db of databases) {
  describe(`/v1/workspaces (${db.name})`, () => {
    let h: Harness;
    let asTenant: { authorization: string };
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, asTenant);
    const tokenWith = (permissions: string[]) => bearerWith(h, asTenant, permissions);
    const workspaceNames = async () => ((await call('GET', '/v1/workspaces?pageSize=1000')).body.workspaces as { name: string }[]).map((w) => w.name).sort();

    before(async () => {
      h = await startHarness(undefined, { db, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      asTenant = { authorization: `Bearer ${(await createTenant(h, 'Spaces')).token}` };
    });
    after(() => h.close());

    describe('200', () => {
      it('creates, gets, lists and updates a workspace; extRef null clears it', async () => {
        const created = await call('POST', '/v1/workspaces', { displayName: 'Payments', extRef: 'PAY-1' });
        assert.equal(created.status, 200, JSON.stringify(created.body));
        assert.match(created.body.name, /^workspaces\//);
        assert.deepEqual([created.body.displayName, created.body.extRef], ['Payments', 'PAY-1']);
        assert.deepEqual((await call('GET', `/v1/${created.body.name}`)).body, created.body);
        assert.ok((await workspaceNames()).includes(created.body.name));
        const renamed = await call('PATCH', `/v1/${created.body.name}`, { displayName: 'Payments EU' });
        assert.equal(renamed.status, 200);
        assert.deepEqual([renamed.body.displayName, renamed.body.extRef], ['Payments EU', 'PAY-1'], 'fields left out are kept');
        const cleared = await call('PATCH', `/v1/${created.body.name}`, { extRef: null });
        assert.equal(cleared.status, 200);
        assert.equal(cleared.body.extRef, null);
      });

      it('lists page by page', async () => {
        for (const name of ['Paged 1', 'Paged 2']) await call('POST', '/v1/workspaces', { displayName: name });
        const first = await call('GET', '/v1/workspaces?pageSize=1');
        assert.equal(first.status, 200);
        assert.equal(first.body.workspaces.length, 1);
        assert.notEqual(first.body.nextPageToken, '');
        const second = await call('GET', `/v1/workspaces?pageSize=1&pageToken=${first.body.nextPageToken}`);
        assert.equal(second.status, 200);
        assert.notEqual(second.body.workspaces[0].name, first.body.workspaces[0].name);
      });

      it(
        'updateMask limits an update to the fields it names, as docs/api.md says of PATCH',
        async () => {
          const ws = (await call('POST', '/v1/workspaces', { displayName: 'Masked', extRef: 'E1' })).body;
          const masked = await call('PATCH', `/v1/${ws.name}?updateMask=displayName`, { displayName: 'W2', extRef: 'E2' });
          assert.equal(masked.status, 200, JSON.stringify(masked.body));
          assert.deepEqual([masked.body.displayName, masked.body.extRef], ['W2', 'E1']);
        },
      );

      it('reads settings and merges them, null deleting a key', async () => {
        const ws = (await call('POST', '/v1/workspaces', { displayName: 'Configured' })).body;
        const empty = await call('GET', `/v1/${ws.name}/settings`);
        assert.deepEqual(empty.body, { name: `${ws.name}/settings`, settings: {} });
        const merged = await call('PATCH', `/v1/${ws.name}/settings`, { merge: { a: '1', b: '2' } });
        assert.equal(merged.status, 200);
        assert.deepEqual(merged.body.settings, { a: '1', b: '2' });
        const again = await call('PATCH', `/v1/${ws.name}/settings`, { merge: { a: null, c: '3' } });
        assert.deepEqual(again.body.settings, { b: '2', c: '3' });
        assert.deepEqual((await call('GET', `/v1/${ws.name}/settings`)).body.settings, { b: '2', c: '3' });
      });
      it('concurrent merges of different keys all survive (no lost update)', async () => {
        const ws = (await call('POST', '/v1/workspaces', { displayName: 'Contended' })).body;
        const results = await Promise.all(Array.from({ length: 6 }, (_, i) => call('PATCH', `/v1/${ws.name}/settings`, { merge: { [`k${i}`]: `v${i}` } })));
        assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200, 200]);
        assert.deepEqual((await call('GET', `/v1/${ws.name}/settings`)).body.settings, { k0: 'v0', k1: 'v1', k2: 'v2', k3: 'v3', k4: 'v4', k5: 'v5' });
      });
    });

    describe('400', () => {
      it('refuses a missing, empty or mistyped displayName, a bad extRef and a misspelt field, naming the field, and creates nothing', async () => {
        const before = await workspaceNames();
        for (const [body, field] of [
          [{}, 'displayName'],
          [{ displayName: '' }, 'displayName'],
          [{ displayName: ['Payments'] }, 'displayName'],
          [{ displayName: 'Long ext', extRef: 'x'.repeat(201) }, 'extRef'],
          [{ displayName: 'Typo', extref: 'PAY-2' }, 'body.extref'],
        ] as const) {
          const res = await call('POST', '/v1/workspaces', body);
          assert.equal(res.status, 400, JSON.stringify(body));
          assert.equal(res.body.code, 'invalid_argument');
          assert.match(res.body.detail, new RegExp(field.replace('.', '\\.')), JSON.stringify(res.body));
        }
        assert.deepEqual(await workspaceNames(), before, 'nothing was created');
      });

      it('a refused update or settings merge changes nothing', async () => {
        const ws = (await call('POST', '/v1/workspaces', { displayName: 'Steady', extRef: 'S-1' })).body;
        await call('PATCH', `/v1/${ws.name}/settings`, { merge: { kept: 'yes' } });
        const empty = await call('PATCH', `/v1/${ws.name}`, { displayName: '', extRef: 'S-2' });
        assert.equal(empty.status, 400);
        assert.match(empty.body.detail, /displayName/);
        const stray = await call('PATCH', `/v1/${ws.name}`, { displayName: 'Moved', orgId: 'org_root' });
        assert.equal(stray.status, 400);
        assert.deepEqual(stray.body.errors.map((e: { field: string }) => e.field), ['body.orgId']);
        assert.deepEqual([(await call('GET', `/v1/${ws.name}`)).body.displayName, (await call('GET', `/v1/${ws.name}`)).body.extRef], ['Steady', 'S-1']);

        for (const body of [{ merge: { nested: { a: 1 } } }, { merge: { n: 1 } }, {}, { settings: { a: '1' } }]) {
          const res = await call('PATCH', `/v1/${ws.name}/settings`, body);
          assert.equal(res.status, 400, JSON.stringify(body));
          assert.equal(res.body.code, 'invalid_argument');
          assert.match(res.body.detail, /merge|settings/, JSON.stringify(res.body));
        }
        assert.deepEqual((await call('GET', `/v1/${ws.name}/settings`)).body.settings, { kept: 'yes' });
      });

      it('refuses a merge that would hold more than 500 settings, naming merge, and keeps the settings', async () => {
        const ws = (await call('POST', '/v1/workspaces', { displayName: 'Crowded' })).body;
        const keys = (from: number, count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${from + i}`, 'v']));
        assert.equal((await call('PATCH', `/v1/${ws.name}/settings`, { merge: keys(0, 300) })).status, 200);
        const over = await call('PATCH', `/v1/${ws.name}/settings`, { merge: keys(300, 201) });
        assert.equal(over.status, 400);
        assert.equal(over.body.code, 'invalid_argument');
        assert.match(over.body.detail, /at most 500 settings/);
        assert.deepEqual(over.body.errors.map((e: { field: string }) => e.field), ['merge']);
        assert.equal(Object.keys((await call('GET', `/v1/${ws.name}/settings`)).body.settings).length, 300);
      });

      it('refuses a bad pageSize and pageToken', async () => {
        const size = await call('GET', '/v1/workspaces?pageSize=lots');
        assert.equal(size.status, 400);
        assert.match(size.body.detail, /pageSize/);
        const token = await call('GET', '/v1/workspaces?pageToken=garbage');
        assert.equal(token.status, 400);
        assert.match(token.body.detail, /pageToken/);
      });
    });

    describe('401', () => {
      it('without a token, or with a bad one', async () => {
        const none = await h.inject({ method: 'GET', url: '/v1/workspaces' });
        assert.equal(none.statusCode, 401);
        assert.equal(none.headers['www-authenticate'], 'Bearer realm="keyward"');
        const bad = await h.inject({ method: 'POST', url: '/v1/workspaces', headers: { authorization: 'Bearer not.a.token' }, payload: { displayName: 'x' } });
        assert.equal(bad.statusCode, 401);
        assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
      });
    });

    describe('403', () => {
      it('keyward:workspaces.read reads but does not write; without it nothing is readable', async () => {
        const ws = (await call('POST', '/v1/workspaces', { displayName: 'Guarded' })).body;
        const reader = await tokenWith(['keyward:workspaces.read']);
        for (const url of ['/v1/workspaces', `/v1/${ws.name}`, `/v1/${ws.name}/settings`]) {
          assert.equal((await h.call('GET', url, undefined, reader)).status, 200, url);
        }
        const before = await workspaceNames();
        for (const [method, url, body] of [
          ['POST', '/v1/workspaces', { displayName: 'Intruder' }],
          ['PATCH', `/v1/${ws.name}`, { displayName: 'Taken' }],
          ['PATCH', `/v1/${ws.name}/settings`, { merge: { a: 'b' } }],
        ] as const) {
          const res = await h.call(method, url, body, reader);
          assert.equal(res.status, 403, `${method} ${url}`);
          assert.match(String(res.headers['www-authenticate']), /error="insufficient_scope", scope="keyward:workspaces.write"/);
        }
        assert.deepEqual(await workspaceNames(), before);
        assert.equal((await call('GET', `/v1/${ws.name}`)).body.displayName, 'Guarded');
        assert.deepEqual((await call('GET', `/v1/${ws.name}/settings`)).body.settings, {});

        const stranger = await tokenWith(['orders.read']);
        const list = await h.call('GET', '/v1/workspaces', undefined, stranger);
        assert.equal(list.status, 403);
        assert.match(String(list.headers['www-authenticate']), /scope="keyward:workspaces.read"/);
      });
    });

    describe('404', () => {
      it('an unknown workspace is not found, for every verb', async () => {
        for (const [method, url, body] of [
          ['GET', '/v1/workspaces/ws_nope'],
          ['PATCH', '/v1/workspaces/ws_nope', { displayName: 'x' }],
          ['GET', '/v1/workspaces/ws_nope/settings'],
          ['PATCH', '/v1/workspaces/ws_nope/settings', { merge: { a: 'b' } }],
        ] as [string, string, unknown?][]) {
          const res = await call(method, url, body);
          assert.equal(res.status, 404, `${method} ${url}`);
          assert.equal(res.body.code, 'not_found');
          assert.match(res.body.detail, /ws_nope/);
        }
      });

      it("another organization's workspace is not found, for every verb, and nothing changes", async () => {
        const mine = (await h.call('POST', '/v1/workspaces', { displayName: 'Root private' })).body;
        await h.call('PATCH', `/v1/${mine.name}/settings`, { merge: { secret: 'kept' } });
        for (const [method, url, body] of [
          ['GET', `/v1/${mine.name}`],
          ['PATCH', `/v1/${mine.name}`, { displayName: 'pwned' }],
          ['GET', `/v1/${mine.name}/settings`],
          ['PATCH', `/v1/${mine.name}/settings`, { merge: { secret: 'changed' } }],
          ['POST', '/v1/apiClients', { displayName: 'sneaky', workspace: mine.name }],
        ] as [string, string, unknown?][]) {
          const res = await call(method, url, body);
          assert.equal(res.status, 404, `${method} ${url}`);
        }
        assert.equal((await h.call('GET', `/v1/${mine.name}`)).body.displayName, 'Root private');
        assert.deepEqual((await h.call('GET', `/v1/${mine.name}/settings`)).body.settings, { secret: 'kept' });
        assert.ok(!(await workspaceNames()).includes(mine.name));
      });
    });
  });
}
