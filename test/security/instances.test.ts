import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databases, startHarness, type Harness } from '../helpers/harness.js';
import { adminCall, basic, createClient, eventually, introspect, oauthPost, revoke, tokenFor } from './support.js';

/**
 * Several instances on one database (two runtimes on one PostgreSQL schema, or on one SQLite
 * file): a revocation, a disabled client and a deleted credential on one instance take effect on
 * the other within a second, at introspection, at the admin API and at the token endpoint.
 *
 * On SQLite the two runtimes share one process here, so requests are sent one at a time (two
 * synchronous SQLite connections in one thread must never wait on each other's write lock);
 * across processes, WAL and busy_timeout do that job (test/faults covers real processes).
 */
for (const db of databases) {
  describe(`several instances on one ${db.name} database`, () => {
    let one: Harness;
    let two: Harness;
    before(async () => {
      one = await startHarness(undefined, { db });
      two = await startHarness(undefined, { dataDir: one.dataDir, databaseUrl: one.databaseUrl });
    });
    after(async () => {
      await two.close();
      await one.close();
    });

    const within = (check: () => Promise<void>) => eventually(check, 1000, 20);

    it('a revocation on one instance is seen by the other within a second', async () => {
      const svc = await createClient(one, { displayName: 'svc', permissions: ['keyward:clients.read'] });
      const token = await tokenFor(one, svc);
      assert.equal((await introspect(two, token, svc.clientId, svc.secret)).body.active, true);
      assert.equal((await adminCall(two, 'GET', '/v1/apiClients', token)).status, 200);
      assert.equal((await revoke(one, token, svc.clientId, svc.secret)).status, 200);
      const ms = await within(async () => {
        assert.equal((await introspect(two, token, svc.clientId, svc.secret)).raw, '{"active":false}');
        assert.equal((await adminCall(two, 'GET', '/v1/apiClients', token)).status, 401);
      });
      assert.ok(ms <= 1000, `${ms} ms`);
    });

    it('a disabled client stops authenticating and its tokens go inactive on the other instance', async () => {
      const svc = await createClient(one, { displayName: 'svc2' });
      const token = await tokenFor(two, svc);
      assert.equal((await introspect(two, token, svc.clientId, svc.secret)).body.active, true);
      assert.equal((await one.call('POST', `/v1/apiClients/${svc.id}:disable`)).status, 200);
      const watcher = await createClient(one, { displayName: 'watcher' });
      await within(async () => {
        assert.equal((await oauthPost(two, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(svc.clientId, svc.secret) })).status, 401);
        assert.equal((await introspect(two, token, watcher.clientId, watcher.secret)).raw, '{"active":false}');
      });
    });

    it('a deleted credential stops authenticating and its tokens go inactive on the other instance', async () => {
      const svc = await createClient(one, { displayName: 'svc3' });
      const extra = await one.call('POST', `/v1/apiClients/${svc.id}/credentials`, { displayName: 'second' });
      const token = await tokenFor(two, svc);
      assert.equal((await tokenFor(two, { clientId: svc.clientId, secret: extra.body.secret })).length > 0, true);
      const credentials = await one.call('GET', `/v1/apiClients/${svc.id}/credentials`);
      const first = credentials.body.credentials.find((c: { displayName: string }) => c.displayName === 'initial secret');
      assert.equal((await one.call('DELETE', `/v1/${first.name}`)).status, 200);
      await within(async () => {
        assert.equal((await oauthPost(two, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(svc.clientId, svc.secret) })).status, 401);
        assert.equal((await introspect(two, token, svc.clientId, extra.body.secret)).raw, '{"active":false}');
      });
      // The other credential of the same client still works there.
      assert.equal((await two.token(svc.clientId, extra.body.secret)).status, 200);
    });

    it('a removed permission and a rotated signing key reach the other instance', async () => {
      const role = await one.call('POST', '/v1/roles', { displayName: 'readers', permissions: ['keyward:clients.read'] });
      const svc = await createClient(one, { displayName: 'svc4', roles: [role.body.name] });
      const token = await tokenFor(two, svc);
      assert.equal((await adminCall(two, 'GET', '/v1/apiClients', token)).status, 200);
      assert.equal((await one.call('PATCH', `/v1/${role.body.name}?updateMask=permissions`, { permissions: [] })).status, 200);
      await within(async () => assert.equal((await adminCall(two, 'GET', '/v1/apiClients', token)).status, 403));
      const rotated = await one.call('POST', '/v1/signingKeys:rotate');
      assert.equal(rotated.status, 200);
      await within(async () => assert.equal(two.runtime.services.keys.active.kid, rotated.body.activeKey));
      const fresh = await tokenFor(two, svc);
      assert.equal((await introspect(one, fresh, svc.clientId, svc.secret)).body.active, true);
    });
  });
}
