import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/index.js';
import { databases } from '../helpers/harness.js';
import { client, now, openContractStore, orgA, secretCredential, wsA } from './support.js';

for (const engine of databases) {
  describe(`store contract: credentials (${engine.name})`, () => {
    let store: Store;
    let close: () => Promise<void>;

    before(async () => {
      ({ store, close } = await openContractStore(engine));
    });
    after(() => close());

    it('cascades credentials with their client and shortens (never lengthens) expiry on rotation', async () => {
      const c = client(orgA, wsA);
      await store.read.clients.insertClient(c);
      const early = secretCredential(c, { expireTime: now + 1000 });
      const open = secretCredential(c);
      const fresh = secretCredential(c);
      for (const cred of [early, open, fresh]) await store.read.credentials.insertCredential(cred);
      const expired = await store.read.credentials.expireCredentialsByClientId(orgA, c.id, 'secret', now + 5000, fresh.id);
      assert.deepEqual(expired, [open.id]);
      const after = await store.read.credentials.listCredentialsByClientId(orgA, c.id);
      assert.equal(after.find((x) => x.id === early.id)?.expireTime, now + 1000);
      assert.equal(after.find((x) => x.id === open.id)?.expireTime, now + 5000);
      assert.equal(after.find((x) => x.id === fresh.id)?.expireTime, null);
      await store.read.credentials.updateLastUseTimes(new Map([[fresh.id, now + 42]]));
      assert.equal((await store.read.credentials.findCredentialById(orgA, c.id, fresh.id))?.lastUseTime, now + 42);
      await store.read.clients.deleteClient(orgA, c.id);
      assert.deepEqual(await store.read.credentials.listCredentialsByClientId(orgA, c.id), []);
    });
  });
}
