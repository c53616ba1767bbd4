import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuplicateKeyError, KeywardError } from '../../src/domain/errors.js';
import type { ApiClient } from '../../src/domain/model.js';
import { isUniqueViolation } from '../../src/store/errors.js';
import type { Store } from '../../src/store/index.js';
import { databases } from '../helpers/harness.js';
import { client, now, openContractStore, orgA, orgB, wsA, wsB } from './support.js';

for (const engine of databases) {
  describe(`store contract: clients (${engine.name})`, () => {
    let store: Store;
    let close: () => Promise<void>;

    before(async () => {
      ({ store, close } = await openContractStore(engine));
    });
    after(() => close());

    it('round-trips a client with its JSON fields and finds it by client_id globally', async () => {
      const c = client(orgA, wsA, { labels: { env: 'prod' }, audiences: ['https://api.example'], tokenLifetime: 600 });
      await store.read.clients.insertClient(c);
      assert.deepEqual(await store.read.clients.findClientById(orgA, c.id), c);
      assert.deepEqual(await store.read.clients.findClientByClientId(c.clientId), c);
      assert.equal(await store.read.clients.findClientIdById(c.id), c.clientId);
      assert.equal(await store.read.clients.findClientIdById('ac_nobody'), undefined);
    });

    it('scopes every lookup by organization', async () => {
      const c = client(orgA, wsA);
      await store.read.clients.insertClient(c);
      assert.equal(await store.read.clients.findClientById(orgB, c.id), undefined);
      assert.equal(await store.read.workspaces.findWorkspaceById(orgB, wsA), undefined);
    });

    it('refuses a duplicate client_id with a recognisable unique violation', async () => {
      const c = client(orgA, wsA);
      await store.read.clients.insertClient(c);
      await assert.rejects(store.read.clients.insertClient(client(orgB, wsB, { clientId: c.clientId })), (e) => isUniqueViolation(e));
    });

    it('speaks in domain errors, in and out of transactions, so every caller (HTTP, CLI, use case) reads the same', async () => {
      const c = client(orgA, wsA);
      await store.read.clients.insertClient(c);
      const conflict = (e: unknown) => e instanceof DuplicateKeyError && e.code === 'already_exists' && e.status === 409 && isUniqueViolation(e.cause);
      await assert.rejects(store.read.clients.insertClient(client(orgB, wsB, { clientId: c.clientId })), conflict);
      await assert.rejects(store.transaction((r) => r.clients.insertClient(client(orgB, wsB, { clientId: c.clientId }))), conflict);
      await assert.rejects(store.write((r) => r.clients.insertClient(client(orgB, wsB, { clientId: c.clientId }))), conflict);
      if (engine.name === 'postgres') {
        // PostgreSQL refuses a NUL in text; SQLite stores it as it is.
        await assert.rejects(store.read.clients.findClientByClientId('nul\u0000'), (e) => e instanceof KeywardError && e.code === 'invalid_argument' && e.status === 400);
      }
    });

    it('pages clients by keyset without gaps or repeats, in both orders, with filters', async () => {
      const org = 'org_page';
      await store.read.organizations.insertOrganization({ id: org, displayName: 'p', defaultWorkspaceId: wsA, createTime: now, updateTime: now });
      const made: ApiClient[] = [];
      for (let i = 0; i < 23; i++) made.push(client(org, wsA, { displayName: `c${String(i % 5)}`, createTime: now + (i % 7) }));
      await store.transaction(async (r) => {
        for (const c of made) await r.clients.insertClient(c);
      });
      for (const orderBy of [
        { field: 'createTime' as const, descending: false },
        { field: 'displayName' as const, descending: true },
      ]) {
        const seen: string[] = [];
        let pageToken: string | undefined;
        do {
          const page = await store.read.clients.listClientsByOrg(org, { filter: [], orderBy, pageSize: 4, pageToken });
          seen.push(...page.items.map((c) => c.id));
          pageToken = page.nextPageToken || undefined;
        } while (pageToken);
        assert.equal(seen.length, 23);
        assert.equal(new Set(seen).size, 23);
      }
      const filtered = await store.read.clients.listClientsByOrg(org, {
        filter: [{ field: 'displayName', op: '=', value: 'c1' }],
        orderBy: { field: 'createTime', descending: false },
        pageSize: 100,
      });
      assert.equal(filtered.items.length, made.filter((c) => c.displayName === 'c1').length);
      const like = await store.read.clients.listClientsByOrg(org, {
        filter: [{ field: 'displayName', op: ':', value: '%' }],
        orderBy: { field: 'createTime', descending: false },
        pageSize: 100,
      });
      assert.equal(like.items.length, 0, 'a % in a filter value matches literally');
    });
  });
}
