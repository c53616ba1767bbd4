import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/domain/ids.js';
import type { Db } from '../../src/store/db.js';
import type { Store } from '../../src/store/index.js';
import { databases } from '../helpers/harness.js';
import { now, openContractStore, orgA, orgB } from './support.js';

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
          await r.events.serializeWriters(orgA);
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

    it('reads the first and last event of many resources at once, per organization', async () => {
      const resource = (n: number) => `apiClients/span${n}_${newId('event')}`;
      const [one, two, silent] = [resource(1), resource(2), resource(3)];
      const append = (orgId: string, res: string, time: number) =>
        store.transaction(async (r) => {
          await r.events.serializeWriters(orgId);
          return r.events.appendEvent({ id: newId('event'), orgId, type: 'span', resource: res, actor: 'system', time, data: {} });
        });
      const first = await append(orgA, one, 1_000);
      await append(orgA, one, 2_000);
      const last = await append(orgA, one, 3_000);
      const only = await append(orgA, two, 4_000);
      await append(orgB, two, 5_000);
      const spans = await store.read.events.findEventSpans(orgA, [one, two, silent, one]);
      assert.deepEqual(spans.get(one), { first: { sequence: first.sequence, time: 1_000 }, last: { sequence: last.sequence, time: 3_000 } });
      assert.deepEqual(spans.get(two), { first: { sequence: only.sequence, time: 4_000 }, last: { sequence: only.sequence, time: 4_000 } }, "another organization's events are not counted");
      assert.equal(spans.has(silent), false);
      assert.equal(spans.size, 2);
      assert.equal((await store.read.events.findEventSpans(orgA, [])).size, 0);
    });

    it('the feed returns each event committed after it opened once, including one that commits after a higher sequence', async () => {
      const append = (orgId: string, type: string) =>
        store.transaction(async (r) => {
          await r.events.serializeWriters(orgId);
          return r.events.appendEvent({ id: newId('event'), orgId, type, resource: 'apiClients/feed', actor: 'system', time: now, data: {} });
        });
      await append(orgA, 'history');
      const feed = await store.read.events.openFeed();
      const drain = async () => (await feed.next(100)).map((e) => e.type);
      assert.deepEqual(await drain(), [], 'what was there before is not news');
      await append(orgA, 'first');
      assert.deepEqual(await drain(), ['first']);
      assert.deepEqual(await drain(), []);
      if (engine.name !== 'postgres') return;
      // Organization A's transaction takes its sequence, then B's commits a higher one first.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let appended!: () => void;
      const hasSequence = new Promise<void>((resolve) => (appended = resolve));
      const late = store.transaction(async (r) => {
        await r.events.serializeWriters(orgA);
        const event = await r.events.appendEvent({ id: newId('event'), orgId: orgA, type: 'late', resource: 'apiClients/feed', actor: 'system', time: now, data: {} });
        appended();
        await held;
        return event;
      });
      await hasSequence;
      const early = await append(orgB, 'early');
      assert.deepEqual(await drain(), ['early']);
      release();
      const lateEvent = await late;
      assert.ok(lateEvent.sequence < early.sequence, 'the late event holds the lower sequence');
      assert.deepEqual(
        (await store.read.events.listEventsAfter(early.sequence, 100)).map((e) => e.type),
        [],
        'a tail on the highest sequence seen would never return it',
      );
      assert.deepEqual(await drain(), ['late']);
      assert.deepEqual(await drain(), [], 'and only once');
    });

    if (engine.name === 'postgres') {
      it('an appended event notifies the other instances at commit, not before', async () => {
        const listener = await db.pool!.connect();
        const heard: string[] = [];
        listener.on('notification', (message) => heard.push(message.channel));
        try {
          await listener.query('LISTEN keyward_events');
          await store.transaction(async (r) => {
            await r.events.serializeWriters(orgA);
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
