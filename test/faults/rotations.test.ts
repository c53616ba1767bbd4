import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databases, startHarness } from '../helpers/harness.js';
import { createClient } from '../security/support.js';
import { SKIP_UNDER_NPM_TEST } from './support.js';

/**
 * G4: 50 rotations of one client's secret at once, on two instances of one database. Every
 * caller gets a clear answer (200 with a working secret, or a 4xx that says why); the client is
 * never left without a valid secret, neither during the storm nor after it; each successful
 * rotation has exactly one audit event.
 */
for (const db of databases) {
  describe(`G4 50 parallel secret rotations (${db.name})`, { skip: SKIP_UNDER_NPM_TEST }, () => {
    it('never leave the client without a valid secret', async (t) => {
      // Probing with superseded secrets counts as failed authentication; keep the limiter out of it.
      const env = { KEYWARD_RATE_LIMIT_FAILURES: '1000000' };
      const one = await startHarness(t, { db, env });
      // SQLite: two runtimes in one process must not wait on each other's write lock (see
      // test/security/instances.test.ts), so the storm runs on one instance there.
      const two = db.name === 'postgres' ? await startHarness(t, { dataDir: one.dataDir, databaseUrl: one.databaseUrl, env }) : one;
      const client = await createClient(one, { displayName: 'rotated' });
      const orgId = (await one.runtime.store.read.clients.findClientByClientId(client.clientId))!.orgId;
      let valid = [client.secret];
      let stormOver = false;
      let probes = 0;
      // A prober keeps checking, during the storm, that some known secret still authenticates.
      const prober = (async () => {
        while (!stormOver) {
          const results = await Promise.all(valid.slice(-3).map((s) => two.token(client.clientId, s)));
          probes++;
          if (!results.some((r) => r.status === 200)) {
            // A rotation may have committed its new secret without answering yet: ask the store.
            const live = await one.runtime.store.read.credentials.listCredentialsByClientId(orgId, client.id);
            assert.ok(live.some((c) => c.expireTime === null || c.expireTime > Date.now()), 'no valid secret left during the storm');
          }
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? two : one).call('POST', `/v1/apiClients/${client.id}:rotateSecret`, { overlap: i % 3 === 0 ? '0s' : '30s' })),
      );
      // And 30 more in a row without overlap: a client can rotate as often as it likes.
      for (let i = 0; i < 30; i++) {
        const r = await one.call('POST', `/v1/apiClients/${client.id}:rotateSecret`, { overlap: '0s' });
        assert.equal(r.status, 200, `sequential rotation ${i}: ${JSON.stringify(r.body)}`);
        valid.push(r.body.secret);
      }
      stormOver = true;
      await prober;
      const ok = results.filter((r) => r.status === 200);
      const sequential = 30;
      results.forEach((r, i) => {
        // With an overlap, old secrets stay valid for a while and the 20-credential cap may refuse
        // a rotation, clearly; without one, nothing piles up and every rotation must go through.
        const capped = r.status === 400 && r.body.code === 'failed_precondition' && i % 3 !== 0;
        assert.ok(r.status === 200 || r.status === 409 || r.status === 412 || capped, `rotation ${i} answered ${r.status} ${JSON.stringify(r.body)}`);
      });
      assert.ok(ok.length > 0);
      valid = [...ok.map((r) => r.body.secret), ...valid.slice(-sequential)];
      const working = (await Promise.all(valid.map((s) => one.token(client.clientId, s)))).filter((r) => r.status === 200);
      assert.ok(working.length >= 1, 'after the storm the client still has a working secret');
      const events = await one.call('GET', `/v1/auditEvents?pageSize=1000&filter=${encodeURIComponent(`resource = "apiClients/${client.id}" AND type = "client.secret_rotated"`)}`);
      assert.equal(events.body.auditEvents.length, ok.length + sequential, 'one audit event per successful rotation');
      assert.equal((await one.token(client.clientId, valid[valid.length - 1])).status, 200, 'the latest secret works');
      assert.ok(probes > 0);
    });
  });
}
