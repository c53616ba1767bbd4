import type { CompiledQuery } from 'kysely';
import type { Dialect, Executor } from './db.js';

export interface UsedAssertionStore {
  /**
   * Records a client assertion as used. One INSERT … ON CONFLICT DO NOTHING: true when this call
   * recorded it, false when any instance already had (a replay).
   */
  insertUsedAssertion(id: string, expireTime: number): Promise<boolean>;
  deleteExpiredUsedAssertions(now: number): Promise<void>;
}

// The token endpoint's one write runs on every private_key_jwt request; building and compiling
// it anew each time cost as much as SQLite's insert, so it is compiled once per engine (a store
// is bound anew for every transaction) and only the parameters, in the order of `values`, change.
const compiledInserts = new Map<Dialect, CompiledQuery>();

export function usedAssertionStore(db: Executor, dialect: Dialect): UsedAssertionStore {
  return {
    async insertUsedAssertion(id, expireTime) {
      let insert = compiledInserts.get(dialect);
      if (!insert) {
        insert = db
          .insertInto('used_assertions')
          .values({ id: '', expire_time: 0 })
          .onConflict((oc) => oc.column('id').doNothing())
          .compile();
        compiledInserts.set(dialect, insert);
      }
      const { numAffectedRows } = await db.executeQuery({ ...insert, parameters: [id, expireTime] });
      return numAffectedRows === 1n;
    },
    async deleteExpiredUsedAssertions(now) {
      await db.deleteFrom('used_assertions').where('expire_time', '<=', now).execute();
    },
  };
}
