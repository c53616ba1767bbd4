import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/domain/ids.js';
import type { Db } from '../../src/store/db.js';
import type { Store } from '../../src/store/index.js';
import { databases } from '../helpers/harness.js';
import { now, openContractStore, orgA } from './support.js';

for (const engine of databases) {
  describe(`store contract: events (${engine.name})`, () => {
    let db: Db;
    let store: Store;
    let close: () => Promise<void>;

    before(async () => {
      ({ db, store, close } = await openContractStore(engine));
    });
    after(() => close());

    it('appends events with strictly increasing sequences and rolls them back with their transaction', async () => {
      const before = await store.read.events.lastSequence();
      const append = (type: string) =>
        store.transaction(async (r) => {
          await r.events.serializeWriters();
          return r.events.appendEvent({ id: newId('event'), orgId: orgA, type, resource: 'apiClients/x', actor: 'system', time: Date.now(), data: {} });
        });
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => append(`t${i}`)));
      const sequences = results.map((e) => e.sequence).sort((a, b) => a - b);
      assert.equal(new Set(sequences).size, 10);
      assert.ok(sequences[0] > before);
      await assert.rejects(
        store.transaction(async (r) => {
          await r.events.appendEvent({ id: newId('event'), orgId: orgA, type: 'doomed', resource: 'x', actor: 'system', time: now, data: {} });
          throw new Error('abort');
        }),
      );
      const tail = await store.read.events.listEventsAfter(before, 100);
      assert.equal(tail.length, 10);
      assert.ok(!tail.some((e) => e.type === 'doomed'));
      const page = await store.read.events.listEventsByOrg(orgA, { filter: [{ field: 'type', op: '=', value: 't3' }], pageSize: 10 });
      assert.equal(page.items.length, 1);
    });

    if (engine.name === 'postgres') {
      it('an appended event notifies the other instances at commit, not before', async () => {
        const listener = await db.pool!.connect();
        const heard: string[] = [];
        listener.on('notification', (message) => heard.push(message.channel));
        try {
          await listener.query('LISTEN keyward_events');
          await store.transaction(async (r) => {
            await r.events.serializeWriters();
            await r.events.appendEvent({ id: newId('event'), orgId: orgA, type: 'notified', resource: 'apiClients/x', actor: 'system', time: now, data: {} });
            await new Promise((resolve) => setTimeout(resolve, 50));
            assert.deepEqual(heard, [], 'nothing is announced before the commit');
          });
          for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
          assert.deepEqual(heard, ['keyward_events']);
        } finally {
          await listener.query('UNLISTEN keyward_events');
          listener.release();
        }
      });
    }
  });
}
