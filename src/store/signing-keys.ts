import type { Executor } from './db.js';
import type { SigningKeysTable } from './schema.js';

export type SigningKeyRow = SigningKeysTable;

export interface SigningKeyStore {
  listPublishedKeys(now: number): Promise<SigningKeyRow[]>;
  insertSigningKey(row: SigningKeyRow): Promise<void>;
  /** next → active and active → retired, in the caller's transaction. */
  retireActiveKey(now: number, retireUntil: number): Promise<void>;
  activateNextKey(now: number): Promise<string | undefined>;
  deleteExpiredKeys(now: number): Promise<void>;
}

export function signingKeyStore(db: Executor): SigningKeyStore {
  return {
    async listPublishedKeys(now) {
      return db
        .selectFrom('signing_keys')
        .selectAll()
        .where((eb) => eb.or([eb('state', '<>', 'retired'), eb('retire_until', '>', now)]))
        .orderBy('create_time')
        .execute();
    },
    async insertSigningKey(row) {
      await db.insertInto('signing_keys').values(row).execute();
    },
    async retireActiveKey(now, retireUntil) {
      await db.updateTable('signing_keys').set({ state: 'retired', retire_until: retireUntil }).where('state', '=', 'active').execute();
      void now;
    },
    async activateNextKey(now) {
      const row = await db
        .updateTable('signing_keys')
        .set({ state: 'active', activate_time: now })
        .where('state', '=', 'next')
        .returning('kid')
        .executeTakeFirst();
      return row?.kid;
    },
    async deleteExpiredKeys(now) {
      await db.deleteFrom('signing_keys').where('state', '=', 'retired').where('retire_until', '<=', now).execute();
    },
  };
}
