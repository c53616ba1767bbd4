import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../../src/store/db.js';
import { isStorageUnavailable } from '../../src/store/errors.js';
import type { Store } from '../../src/store/index.js';
import { databases } from '../helpers/harness.js';
import { now, openContractStore, orgA } from './support.js';

for (const engine of databases) {
  describe(`store contract: transactions (${engine.name})`, () => {
    let db: Db;
    let store: Store;
    let dataDir: string | undefined;
    let close: () => Promise<void>;

    before(async () => {
      ({ db, store, dataDir, close } = await openContractStore(engine));
    });
    after(() => close());

    it('concurrent transactions: one that fails is undone alone, the others commit', async () => {
      const revoke = (jti: string, fail = false) =>
        store.transaction(async (r) => {
          await r.revokedTokens.insertRevokedToken(jti, orgA, now + 60_000);
          if (fail) throw new Error('abort');
          return jti;
        });
      const outcomes = await Promise.allSettled(['tx-1', 'tx-2', 'tx-3', 'tx-4', 'tx-5'].map((jti) => revoke(jti, jti === 'tx-3')));
      assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const stored = (await store.read.revokedTokens.listRevokedTokens(now)).map((t) => t.jti).filter((jti) => jti.startsWith('tx-'));
      assert.deepEqual(stored.sort(), ['tx-1', 'tx-2', 'tx-4', 'tx-5']);
    });

    it('a single-statement write that fails, sent with transactions and other writes, fails alone', async () => {
      const outcomes = await Promise.allSettled([
        store.write((r) => r.usedAssertions.insertUsedAssertion('write-1', now + 60_000)),
        store.transaction(async (r) => {
          await r.revokedTokens.insertRevokedToken('tx-beside-write', orgA, now + 60_000);
        }),
        // Refused by the engine: a NOT NULL column given no value.
        store.write((r) => r.usedAssertions.insertUsedAssertion('write-2', null as unknown as number)),
        store.write((r) => r.usedAssertions.insertUsedAssertion('write-3', now + 60_000)),
      ]);
      assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const spent = await Promise.all(['write-1', 'write-2', 'write-3'].map((id) => store.write((r) => r.usedAssertions.insertUsedAssertion(id, now + 60_000))));
      assert.deepEqual(spent, [false, true, false], 'write-1 and write-3 were recorded, write-2 was not');
      const stored = (await store.read.revokedTokens.listRevokedTokens(now)).map((t) => t.jti);
      assert.ok(stored.includes('tx-beside-write'));
    });

    if (engine.name === 'sqlite') {
      it('transactions requested together share one commit, and fail together when SQLite abandons it', async () => {
        // A second connection sees only what is committed: had the first transaction committed
        // on its own, the second would find its row there.
        const observer = new SQLite(join(dataDir!, 'keyward.sqlite'), { readonly: true });
        const committed = (jti: string) => observer.prepare('SELECT 1 FROM revoked_tokens WHERE jti = ?').get(jti) !== undefined;
        try {
          const seen = await Promise.all([
            store.write((r) => r.revokedTokens.insertRevokedToken('group-1', orgA, now + 60_000).then(() => committed('group-1'))),
            store.write(async () => committed('group-1')),
          ]);
          assert.deepEqual(seen, [false, false], 'the first write was not committed before the second ran');
          assert.equal(committed('group-1'), true, 'committed once the group ended');

          const row = (jti: string) => ({ jti, org_id: orgA, expire_time: now + 60_000 });
          const doomed = await Promise.allSettled([
            db.transaction((trx) => trx.insertInto('revoked_tokens').values(row('group-2')).execute()),
            db.transaction(async (trx) => {
              await trx.insertInto('revoked_tokens').values(row('group-3')).execute();
              // What a full disk can do: SQLite rolls back the whole transaction.
              await sql`ROLLBACK`.execute(trx);
              throw new Error('the transaction is gone');
            }),
          ]);
          assert.deepEqual(doomed.map((o) => o.status), ['rejected', 'rejected'], 'the first member was undone with the second');
          assert.equal(committed('group-2') || committed('group-3'), false);
          await store.transaction((r) => r.revokedTokens.insertRevokedToken('group-4', orgA, now + 60_000));
          assert.equal(committed('group-4'), true, 'the next group starts afresh');
        } finally {
          observer.close();
        }
      });

      it("waits for another process's write lock without stalling this one", async () => {
        const other = new SQLite(join(dataDir!, 'keyward.sqlite'));
        other.exec('BEGIN IMMEDIATE');
        let ticks = 0;
        const ticker = setInterval(() => ticks++, 5);
        try {
          const started = Date.now();
          const write = store.transaction((r) => r.revokedTokens.insertRevokedToken('after-the-lock', orgA, now + 60_000));
          await new Promise((resolve) => setTimeout(resolve, 150));
          assert.ok(ticks >= 10, `timers ran ${ticks} times while the write waited: the thread was blocked`);
          other.exec('COMMIT');
          await write;
          assert.ok(Date.now() - started >= 150, 'the write waited for the lock');
          assert.ok(
            (await store.read.revokedTokens.listRevokedTokens(now)).some((t) => t.jti === 'after-the-lock'),
            'and went through once it was free',
          );
        } finally {
          clearInterval(ticker);
          if (other.inTransaction) other.exec('ROLLBACK');
          other.close();
        }
      });
    }
  });
}

describe('storage errors', () => {
  it('tells an unavailable store from a refused write', () => {
    for (const message of [
      'Connection terminated unexpectedly',
      // What the ROLLBACK after a connection lost mid-transaction fails with, hiding the first error.
      'Client has encountered a connection error and is not queryable',
      'timeout exceeded when trying to connect',
    ]) {
      assert.equal(isStorageUnavailable(new Error(message)), true, message);
    }
    assert.equal(isStorageUnavailable(Object.assign(new Error('down'), { code: '57P01' })), true);
    assert.equal(isStorageUnavailable(Object.assign(new Error('full'), { code: 'SQLITE_FULL' })), true);
    assert.equal(isStorageUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' })), false);
    assert.equal(isStorageUnavailable(new Error('something else broke')), false);
  });
});
