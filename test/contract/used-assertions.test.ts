import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/index.js';
import { databases } from '../helpers/harness.js';
import { now, openContractStore } from './support.js';

for (const engine of databases) {
  describe(`store contract: used assertions (${engine.name})`, () => {
    let store: Store;
    let close: () => Promise<void>;

    before(async () => {
      ({ store, close } = await openContractStore(engine));
    });
    after(() => close());

    it('a used assertion is recorded once, replays are told apart, and expired ones are swept', async () => {
      const ledger = store.read.usedAssertions;
      assert.equal(await ledger.insertUsedAssertion('assertion-1', now + 1000), true);
      assert.equal(await ledger.insertUsedAssertion('assertion-1', now + 5000), false, 'a replay, whatever its expiry');
      assert.equal(await ledger.insertUsedAssertion('assertion-2', now + 3000), true);
      assert.equal(await store.transaction((repos) => repos.usedAssertions.insertUsedAssertion('assertion-2', now + 3000)), false);
      await ledger.deleteExpiredUsedAssertions(now + 1000);
      assert.equal(await ledger.insertUsedAssertion('assertion-1', now + 1000), true, 'swept once expired, so the id is free again');
      assert.equal(await ledger.insertUsedAssertion('assertion-2', now + 3000), false, 'not yet expired: kept');
      const rows = await store.db.kysely.selectFrom('used_assertions').selectAll().orderBy('id').execute();
      assert.deepEqual(rows.map((r) => [r.id, Number(r.expire_time)]), [['assertion-1', now + 1000], ['assertion-2', now + 3000]]);
    });

    it('single writes sent together record a used assertion once', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.write((r) => r.usedAssertions.insertUsedAssertion('assertion-together', now + 1000))),
      );
      assert.equal(results.filter(Boolean).length, 1, `one true among ${JSON.stringify(results)}`);
    });
  });
}
