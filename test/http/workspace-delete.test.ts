import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearerWith, createTenant, databases, type Harness, startHarness } from '../helpers/harness.js';

/**
 * DELETE /v1/workspaces/{id}: only an empty workspace goes (the service's rule, shared with the
 * Keycard and Zitadel dialects); its settings and access grants go with it, never a client or a
 * provider.
 */
for (const db of databases) {
  describe(`DELETE /v1/workspaces/{id} (${db.name})`, () => {
    let h: Harness;
    let asTenant: { authorization: string };
    let orgId: string;
    const call = (method: string, url: string, body?: unknown) => h.call(method, url, body, asTenant);

    before(async () => {
      h = await startHarness(undefined, { db, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      const tenant = await createTenant(h, 'Deleting');
      orgId = tenant.orgId;
      asTenant = { authorization: `Bearer ${tenant.token}` };
    });
    after(() => h.close());

    it('deletes an empty workspace with its settings and access grants, and records it', async () => {
      const ws = (await call('POST', '/v1/workspaces', { displayName: 'Scratch' })).body;
      await call('PATCH', `/v1/${ws.name}/settings`, { merge: { region: 'eu' } });
      assert.equal((await call('POST', `/v1/${ws.name}/accessGrants`, { subjectType: 'USER', subjectId: 'alice' })).status, 200);
      const deleted = await call('DELETE', `/v1/${ws.name}`);
      assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
      assert.deepEqual(deleted.body, {});
      for (const url of [`/v1/${ws.name}`, `/v1/${ws.name}/settings`, `/v1/${ws.name}/accessGrants`]) assert.equal((await call('GET', url)).status, 404, url);
      const again = await call('DELETE', `/v1/${ws.name}`);
      assert.equal(again.status, 404);
      assert.match(again.body.detail, new RegExp(ws.id));
      const audit = await call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource = "${ws.name}"`)}`);
      assert.ok(
        audit.body.auditEvents.some((e: { type: string }) => e.type === 'workspace.deleted'),
        JSON.stringify(audit.body),
      );
    });

    it("refuses the organization's default workspace and one holding an API client, saying why, and deletes nothing", async () => {
      const org = (await call('GET', `/v1/organizations/${orgId}`)).body;
      const refusedDefault = await call('DELETE', `/v1/${org.defaultWorkspace}`);
      assert.equal(refusedDefault.status, 400);
      assert.equal(refusedDefault.body.code, 'failed_precondition');
      assert.match(refusedDefault.body.detail, /default workspace/);

      const ws = (await call('POST', '/v1/workspaces', { displayName: 'Busy' })).body;
      const client = await call('POST', '/v1/apiClients', { displayName: 'Lives here', workspace: ws.name });
      assert.equal(client.status, 200, JSON.stringify(client.body));
      const refusedBusy = await call('DELETE', `/v1/${ws.name}`);
      assert.equal(refusedBusy.status, 400);
      assert.match(refusedBusy.body.detail, /still holds API clients or providers/);
      assert.equal((await call('GET', `/v1/${ws.name}`)).status, 200);
      assert.equal((await call('GET', `/v1/${org.defaultWorkspace}`)).status, 200);
    });

    it('needs keyward:workspaces.write; an unknown or foreign workspace is not found', async () => {
      const ws = (await call('POST', '/v1/workspaces', { displayName: 'Guarded' })).body;
      const reader = await bearerWith(h, asTenant, ['keyward:workspaces.read']);
      const refused = await h.call('DELETE', `/v1/${ws.name}`, undefined, reader);
      assert.equal(refused.status, 403);
      assert.match(String(refused.headers['www-authenticate']), /scope="keyward:workspaces.write"/);
      assert.equal((await call('GET', `/v1/${ws.name}`)).status, 200);

      assert.equal((await call('DELETE', '/v1/workspaces/ws_nope')).status, 404);
      const foreign = (await h.call('POST', '/v1/workspaces', { displayName: 'Root private' })).body;
      assert.equal((await call('DELETE', `/v1/${foreign.name}`)).status, 404);
      assert.equal((await h.call('GET', `/v1/${foreign.name}`)).status, 200);
    });
  });
}
