import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/index.js';
import { databases } from '../helpers/harness.js';
import { now, openContractStore, orgA } from './support.js';

for (const engine of databases) {
  describe(`store contract: revoked tokens (${engine.name})`, () => {
    let store: Store;
    let close: () => Promise<void>;

    before(async () => {
      ({ store, close } = await openContractStore(engine));
    });
    after(() => close());

    it('revoked token ids are idempotent and expire', async () => {
      await store.read.revokedTokens.insertRevokedToken('jti-1', orgA, now + 1000);
      await store.read.revokedTokens.insertRevokedToken('jti-1', orgA, now + 1000);
      assert.deepEqual(await store.read.revokedTokens.listRevokedTokens(now), [{ jti: 'jti-1', expireTime: now + 1000 }]);
      await store.read.revokedTokens.deleteExpiredRevokedTokens(now + 1000);
      assert.deepEqual(await store.read.revokedTokens.listRevokedTokens(now), []);
    });
  });
}
