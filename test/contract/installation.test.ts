import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/index.js';
import { databases } from '../helpers/harness.js';
import { now, openContractStore } from './support.js';

for (const engine of databases) {
  describe(`store contract: installation (${engine.name})`, () => {
    let store: Store;
    let close: () => Promise<void>;

    before(async () => {
      ({ store, close } = await openContractStore(engine));
    });
    after(() => close());

    it("the installation's issuers and settings: registered once, the first value kept", async () => {
      await store.read.issuers.registerIssuer('http://localhost:8081', now);
      await store.read.issuers.registerIssuer('http://localhost:8082', now + 1);
      await store.read.issuers.registerIssuer('http://localhost:8081', now + 2);
      assert.deepEqual(await store.read.issuers.listIssuers(), ['http://localhost:8081', 'http://localhost:8082']);
      assert.equal(await store.read.installation.claimSetting('check', 'first', now), 'first');
      assert.equal(await store.read.installation.claimSetting('check', 'second', now), 'first');
    });
  });
}
