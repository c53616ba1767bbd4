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
  return {
    async insertUsedAssertion(id, expireTime) {
      const rows = await db
        .insertInto('used_assertions')
        .values({ id, expire_time: expireTime })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      return rows.length === 1;
    },
    async deleteExpiredUsedAssertions(now) {
      await db.deleteFrom('used_assertions').where('expire_time', '<=', now).execute();
    },
  };
}
