import type { Executor } from './db.js';

export interface RevokedTokenStore {
  /** Idempotent: revoking twice is one revocation. */
  insertRevokedToken(jti: string, orgId: string, expireTime: number): Promise<void>;
  listRevokedTokens(now: number): Promise<{ jti: string; expireTime: number }[]>;
  deleteExpiredRevokedTokens(now: number): Promise<void>;
}

export function revokedTokenStore(db: Executor): RevokedTokenStore {
  return {
    async insertRevokedToken(jti, orgId, expireTime) {
      await db
        .insertInto('revoked_tokens')
        .values({ jti, org_id: orgId, expire_time: expireTime })
        .onConflict((oc) => oc.column('jti').doNothing())
        .execute();
    },
    async listRevokedTokens(now) {
      const rows = await db.selectFrom('revoked_tokens').select(['jti', 'expire_time']).where('expire_time', '>', now).execute();
      return rows.map((r) => ({ jti: r.jti, expireTime: Number(r.expire_time) }));
    },
    async deleteExpiredRevokedTokens(now) {
      await db.deleteFrom('revoked_tokens').where('expire_time', '<=', now).execute();
    },
  };
}
