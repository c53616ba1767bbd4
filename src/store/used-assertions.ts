import type { CompiledQuery } from 'kysely';
import type { Executor } from './db.js';

export interface UsedAssertionStore {
  /**
   * Records a client assertion as used. One INSERT … ON CONFLICT DO NOTHING: true when this call
   * recorded it, false when any instance already had (a replay).
   */
  insertUsedAssertion(id: string, expireTime: number): Promise<boolean>;
  deleteExpiredUsedAssertions(now: number): Promise<void>;
}

export function usedAssertionStore(db: Executor): UsedAssertionStore {
  // The token endpoint's one write runs on every private_key_jwt request; building and compiling
  // it anew each time cost as much as SQLite's insert, so it is compiled once and only the
  // parameters (in the order of `values`) change.
  let insert: CompiledQuery<{ id: string }> | undefined;
  return {
    async insertUsedAssertion(id, expireTime) {
      insert ??= db
        .insertInto('used_assertions')
        .values({ id: '', expire_time: 0 })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .compile();
      const { rows } = await db.executeQuery({ ...insert, parameters: [id, expireTime] });
      return rows.length === 1;
    },
    async deleteExpiredUsedAssertions(now) {
      await db.deleteFrom('used_assertions').where('expire_time', '<=', now).execute();
    },
  };
}
