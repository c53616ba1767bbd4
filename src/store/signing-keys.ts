import { sql } from 'kysely';
import type { Dialect, Executor } from './db.js';
import type { SigningKeysTable } from './schema.js';

export type SigningKeyRow = SigningKeysTable;

/** A key without its private half: what the admin API lists. */
export type PublicSigningKeyRow = Omit<SigningKeyRow, 'private_key_encrypted'>;

export interface SigningKeyStore {
  listPublishedKeys(now: number): Promise<SigningKeyRow[]>;
  /** The published keys without their private halves, which never leave the store on this path. */
  listPublicKeys(now: number): Promise<PublicSigningKeyRow[]>;
  insertSigningKey(row: SigningKeyRow): Promise<void>;
  /** next → active and active → retired, in the caller's transaction. */
  retireActiveKey(now: number, retireUntil: number): Promise<void>;
  activateNextKey(now: number): Promise<string | undefined>;
  deleteExpiredKeys(now: number): Promise<void>;
  /**
   * Serialises rotations until the caller's transaction ends. SQLite's BEGIN IMMEDIATE already
   * does; on PostgreSQL two READ COMMITTED rotations would otherwise interleave their updates
   * and fail on the one-active-key index (or deadlock) instead of running one after the other.
   */
  lockForRotation(): Promise<void>;
}

const ROTATION_LOCK = 7_345_003;

export function signingKeyStore(db: Executor, dialect: Dialect = 'sqlite'): SigningKeyStore {
  return {
    async lockForRotation() {
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${ROTATION_LOCK})`.execute(db);
    },
    async listPublishedKeys(now) {
      return db
        .selectFrom('signing_keys')
        .selectAll()
        .where((eb) => eb.or([eb('state', '<>', 'retired'), eb('retire_until', '>', now)]))
        .orderBy('create_time')
        .execute();
    },
    async listPublicKeys(now) {
      return db
        .selectFrom('signing_keys')
        .select(['kid', 'alg', 'state', 'public_jwk', 'create_time', 'activate_time', 'retire_until'])
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
