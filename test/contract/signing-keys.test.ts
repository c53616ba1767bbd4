import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isUniqueViolation } from '../../src/store/errors.js';
import type { Store } from '../../src/store/index.js';
import { databases } from '../helpers/harness.js';
import { now, openContractStore } from './support.js';

for (const engine of databases) {
  describe(`store contract: signing keys (${engine.name})`, () => {
    let store: Store;
    let close: () => Promise<void>;

    before(async () => {
      ({ store, close } = await openContractStore(engine));
    });
    after(() => close());

    it('allows one active and one next signing key only', async () => {
      const row = (kid: string, state: 'active' | 'next') => ({
        kid,
        alg: 'ES256',
        state,
        private_key_encrypted: 'x',
        public_jwk: '{}',
        create_time: now,
        activate_time: null,
        retire_until: null,
      });
      await store.read.signingKeys.insertSigningKey(row('k1', 'active'));
      await assert.rejects(store.read.signingKeys.insertSigningKey(row('k2', 'active')), (e) => isUniqueViolation(e));
      await store.read.signingKeys.insertSigningKey(row('k3', 'next'));
      await store.transaction(async (r) => {
        await r.signingKeys.retireActiveKey(now, now + 1000);
        assert.equal(await r.signingKeys.activateNextKey(now), 'k3');
      });
      const published = await store.read.signingKeys.listPublishedKeys(now);
      assert.deepEqual(published.map((k) => [k.kid, k.state]).sort(), [
        ['k1', 'retired'],
        ['k3', 'active'],
      ]);
      assert.equal((await store.read.signingKeys.listPublishedKeys(now + 2000)).length, 1, 'retired keys leave after retire_until');
      const publicKeys = await store.read.signingKeys.listPublicKeys(now);
      assert.deepEqual(publicKeys.map((k) => [k.kid, k.state, k.retire_until]).sort(), [
        ['k1', 'retired', now + 1000],
        ['k3', 'active', null],
      ]);
      assert.ok(publicKeys.every((k) => !('private_key_encrypted' in k)), 'the private half stays in the store');
      assert.equal((await store.read.signingKeys.listPublicKeys(now + 2000)).length, 1);
    });
  });
}
