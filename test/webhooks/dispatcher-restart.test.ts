import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import pg from 'pg';
import { databases, startHarness, type HarnessOptions } from '../helpers/harness.js';
import { TestReceiver } from '../helpers/webhook-receiver.js';

/**
 * A restart in the middle of a retry schedule: the first attempt fails, Keyward shuts down, a
 * new process opens the same data folder or database, and the delivery still goes out, once,
 * under the same webhook-id, signed with the secret that was registered before the restart.
 */
const RETRY_MS = 1500;

async function sharedStorage(db: { name: 'sqlite' | 'postgres'; url?: string }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-restart-'));
  if (db.name !== 'postgres' || !db.url) return { dataDir, databaseUrl: undefined, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const schema = `kw_restart_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(db.url);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

for (const db of databases) {
  describe(`webhook delivery across a restart (${db.name})`, () => {
    it('delivers once after the process restarts mid-schedule', async (t) => {
      const storage = await sharedStorage(db);
      t.after(storage.drop);
      const receiver = await new TestReceiver().start();
      t.after(() => receiver.stop());
      const options: HarnessOptions = {
        dataDir: storage.dataDir,
        databaseUrl: storage.databaseUrl,
        runtime: { webhooks: { autoStart: false, retryDelay: (n) => (n < 5 ? RETRY_MS : null) }, credentialExpiry: { autoStart: false } },
      };

      const first = await startHarness(undefined, options);
      const ws = (await first.call('POST', '/admin/workspaces', { name: 'Restart' })).body.id;
      const hook = (await first.call('POST', `/admin/workspaces/${ws}/webhooks`, { url: receiver.url, event_types: ['access.granted'] })).body;
      receiver.respond = () => 503;
      await first.call('POST', `/admin/workspaces/${ws}/access`, { subject_id: 'survivor', subject_type: 'USER' });
      assert.equal(await first.runtime.dispatcher.runOnce(), 1);
      assert.equal(receiver.received.length, 1);
      await first.close();

      receiver.respond = () => 200;
      const second = await startHarness(undefined, options);
      try {
        const [scheduled] = (await second.call('GET', `/v1/webhooks/${hook.id}/deliveries`)).body.deliveries;
        assert.equal(scheduled.state, 'PENDING');
        const due = Date.parse(scheduled.nextAttemptTime);
        assert.ok(due > Date.parse(scheduled.lastAttemptTime));
        // The schedule survived the restart too: nothing goes out before it is due.
        if (Date.now() < due - 100) assert.equal(await second.runtime.dispatcher.runOnce(), 0);
        await sleep(Math.max(0, due - Date.now()) + 50);
        assert.equal(await second.runtime.dispatcher.runOnce(), 1);
        assert.equal(await second.runtime.dispatcher.runOnce(), 0);
        assert.equal(receiver.received.length, 2);
        assert.equal(receiver.delivered().length, 1);
        const [failed, delivered] = receiver.received;
        assert.equal(delivered.id, failed.id);
        const payload = receiver.verify(delivered, hook.signing_secret) as { retryCount: number; event: string };
        assert.equal(payload.retryCount, 1);
        assert.equal(payload.event, 'access.granted');
        const [log] = (await second.call('GET', `/v1/webhooks/${hook.id}/deliveries`)).body.deliveries;
        assert.deepEqual({ state: log.state, attempts: log.attempts }, { state: 'DELIVERED', attempts: 2 });
      } finally {
        await second.close();
      }
    });

    it('a started dispatcher delivers what was queued before it started, without being asked', async (t) => {
      const storage = await sharedStorage(db);
      t.after(storage.drop);
      const receiver = await new TestReceiver().start();
      t.after(() => receiver.stop());
      const base: HarnessOptions = { dataDir: storage.dataDir, databaseUrl: storage.databaseUrl };
      const idle = await startHarness(undefined, { ...base, runtime: { webhooks: { autoStart: false }, credentialExpiry: { autoStart: false } } });
      const ws = (await idle.call('POST', '/admin/workspaces', { name: 'Backlog' })).body.id;
      await idle.call('POST', `/admin/workspaces/${ws}/webhooks`, { url: receiver.url, event_types: ['access.granted'] });
      for (const subject of ['a', 'b', 'c']) await idle.call('POST', `/admin/workspaces/${ws}/access`, { subject_id: subject, subject_type: 'USER' });
      await idle.close();

      const running = await startHarness(undefined, { ...base, runtime: { webhooks: { pollIntervalMs: 50 }, credentialExpiry: { autoStart: false } } });
      try {
        const deadline = Date.now() + 5000;
        while (receiver.delivered().length < 3 && Date.now() < deadline) await sleep(20);
        assert.equal(receiver.delivered().length, 3);
        assert.equal(new Set(receiver.received.map((r) => r.id)).size, 3);
        // A new change is sent at once, woken by its own commit rather than by the poll.
        await running.call('POST', `/admin/workspaces/${ws}/access`, { subject_id: 'd', subject_type: 'USER' });
        const woke = Date.now();
        while (receiver.delivered().length < 4 && Date.now() < deadline) await sleep(5);
        assert.equal(receiver.delivered().length, 4);
        assert.ok(Date.now() - woke < 1000);
      } finally {
        await running.close();
      }
    });
  });
}
