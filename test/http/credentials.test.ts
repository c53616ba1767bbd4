import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_ID, ADMIN_SECRET, createTenant, databases, startHarness, type Harness } from '../helpers/harness.js';

for (const db of databases) {
  describe(`/v1/apiClients/{id}/credentials (${db.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(undefined, { db });
    });
    after(() => h.close());

    it('adds a second secret with an expiry; both work; the listing shows hints and lastUseTime, never secrets', async () => {
      const c = (await h.call('POST', '/v1/apiClients', { displayName: 'two secrets' })).body;
      const expireTime = new Date(Date.now() + 3600_000).toISOString();
      const added = await h.call('POST', `/v1/${c.name}/credentials`, { type: 'SECRET', displayName: 'ci', expireTime });
      assert.equal(added.status, 200);
      assert.match(added.body.secret, /^kw_/);
      assert.equal(added.body.expireTime, expireTime);
      assert.equal((await h.token(c.clientId, c.clientSecret)).status, 200);
      assert.equal((await h.token(c.clientId, added.body.secret)).status, 200);
      const listed = await h.call('GET', `/v1/${c.name}/credentials`);
      assert.equal(listed.body.credentials.length, 2);
      for (const cred of listed.body.credentials) {
        assert.equal(cred.secret, undefined);
        assert.ok(!JSON.stringify(cred).includes(c.clientSecret));
        assert.ok(!JSON.stringify(cred).includes(added.body.secret));
      }
    });

    it('rotation: the new secret works at once, the old one until the overlap ends', async () => {
      const c = (await h.call('POST', '/v1/apiClients', { displayName: 'rotating' })).body;
      const rotated = await h.call('POST', `/v1/${c.name}:rotateSecret`, { overlap: '3600s' });
      assert.equal(rotated.status, 200);
      assert.equal(rotated.body.previousCredentials.length, 1);
      assert.equal((await h.token(c.clientId, rotated.body.secret)).status, 200);
      assert.equal((await h.token(c.clientId, c.clientSecret)).status, 200, 'old secret still valid in the overlap');
      const listed = await h.call('GET', `/v1/${c.name}/credentials`);
      const old = listed.body.credentials.find((x: { name: string }) => x.name === rotated.body.previousCredentials[0]);
      assert.ok(Date.parse(old.expireTime) > Date.now() + 3500_000);

      const immediate = await h.call('POST', `/v1/${c.name}:rotateSecret`, { overlap: '0s' });
      assert.equal((await h.token(c.clientId, rotated.body.secret)).status, 401, 'overlap 0 ends the old secret now');
      assert.equal((await h.token(c.clientId, immediate.body.secret)).status, 200);
    });

    it('parallel rotations never leave the client without a valid secret', async () => {
      const c = (await h.call('POST', '/v1/apiClients', { displayName: 'contended' })).body;
      const results = await Promise.all(Array.from({ length: 8 }, () => h.call('POST', `/v1/${c.name}:rotateSecret`, { overlap: '0s' })));
      assert.ok(results.every((r) => r.status === 200), JSON.stringify(results.map((r) => r.status)));
      const working = [];
      for (const r of results) if ((await h.token(c.clientId, r.body.secret)).status === 200) working.push(r.body.secret);
      assert.ok(working.length >= 1);
    });

    it('deleting a credential revokes it, and its deletion is audited without the secret', async () => {
      const c = (await h.call('POST', '/v1/apiClients', { displayName: 'revoke me' })).body;
      const creds = (await h.call('GET', `/v1/${c.name}/credentials`)).body.credentials;
      assert.equal((await h.call('DELETE', `/v1/${creds[0].name}`)).status, 200);
      assert.equal((await h.token(c.clientId, c.clientSecret)).status, 401);
      assert.equal((await h.call('GET', `/v1/${creds[0].name}`)).status, 404);
      const audit = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource: "${c.name}"`)}`);
      const types = audit.body.auditEvents.map((e: { type: string }) => e.type);
      assert.deepEqual(types, ['credential.revoked', 'credential.created', 'client.created']);
      assert.ok(!JSON.stringify(audit.body).includes(c.clientSecret));
    });

    it('an expired secret no longer authenticates, but the tokens it obtained live to their own exp', async (t) => {
      const c = (await h.call('POST', '/v1/apiClients', { displayName: 'expiring', tokenLifetime: 3600 })).body;
      const start = Date.now();
      const added = (await h.call('POST', `/v1/${c.name}/credentials`, { type: 'SECRET', expireTime: new Date(start + 60_000).toISOString() })).body;
      const token = (await h.token(c.clientId, added.secret)).body.access_token;
      const introspect = async () =>
        JSON.parse(
          (
            await h.inject({
              method: 'POST',
              url: '/oauth/introspect',
              headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${ADMIN_ID}:${ADMIN_SECRET}`).toString('base64')}` },
              payload: `token=${token}`,
            })
          ).body,
        );
      t.mock.timers.enable({ apis: ['Date'], now: start + 120_000 });
      await h.runtime.expiryNotifier.runOnce();
      const announced = await h.call('GET', `/v1/auditEvents?filter=${encodeURIComponent(`resource = "${added.name}" AND type = "credential.expired"`)}`);
      assert.equal(announced.body.auditEvents.length, 1, 'credential.expired is announced');
      assert.equal((await h.token(c.clientId, added.secret)).status, 401);
      const active = await introspect();
      assert.equal(active.active, true, 'expiry is a planned rotation, not a revocation');
      assert.equal(active.exp, Math.floor(start / 1000) + 3600, 'obtained before the expiry');
      assert.ok(active.exp > Math.floor((start + 60_000) / 1000));
      t.mock.timers.setTime((active.exp + 1) * 1000);
      assert.deepEqual(await introspect(), { active: false });
      t.mock.timers.reset();
      assert.equal((await h.call('DELETE', `/v1/${added.name}`)).status, 200);
      assert.deepEqual(await introspect(), { active: false }, 'deleting the credential is the revocation');
    });

    it('refuses a past expiry, an unknown type and a bad overlap (400); another tenant gets 404', async () => {
      const c = (await h.call('POST', '/v1/apiClients', { displayName: 'validated' })).body;
      assert.equal((await h.call('POST', `/v1/${c.name}/credentials`, { expireTime: '2000-01-01T00:00:00Z' })).status, 400);
      assert.equal((await h.call('POST', `/v1/${c.name}/credentials`, { expireTime: 'tomorrow' })).status, 400);
      assert.equal((await h.call('POST', `/v1/${c.name}/credentials`, { type: 'CARRIER_PIGEON' })).status, 400);
      assert.equal((await h.call('POST', `/v1/${c.name}:rotateSecret`, { overlap: 'forever' })).status, 400);
      const tenant = await createTenant(h, 'Other');
      const asTenant = { authorization: `Bearer ${tenant.token}` };
      assert.equal((await h.call('POST', `/v1/${c.name}/credentials`, {}, asTenant)).status, 404);
      assert.equal((await h.call('GET', `/v1/${c.name}/credentials`, undefined, asTenant)).status, 404);
    });

    it('last use is recorded in batches, off the token path', async () => {
      const c = (await h.call('POST', '/v1/apiClients', { displayName: 'used' })).body;
      await h.token(c.clientId, c.clientSecret);
      const before = (await h.call('GET', `/v1/${c.name}/credentials`)).body.credentials[0];
      assert.equal(before.lastUseTime, undefined, 'not written by the token request itself');
      await h.runtime.flushUsage();
      const afterFlush = (await h.call('GET', `/v1/${c.name}/credentials`)).body.credentials[0];
      assert.ok(Date.parse(afterFlush.lastUseTime) > Date.now() - 60_000);
    });
  });
}
