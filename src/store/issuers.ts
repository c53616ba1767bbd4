import type { Executor } from './db.js';

/** The issuers instances of this installation have used (see InstallationIssuers). */
export interface IssuerStore {
  /** Idempotent: an issuer registered twice keeps its first time. */
  registerIssuer(issuer: string, now: number): Promise<void>;
  listIssuers(): Promise<string[]>;
}

export function issuerStore(db: Executor): IssuerStore {
  return {
    async registerIssuer(issuer, now) {
      await db
        .insertInto('token_issuers')
        .values({ issuer, first_seen: now })
        .onConflict((oc) => oc.column('issuer').doNothing())
        .execute();
    },
    async listIssuers() {
      const rows = await db.selectFrom('token_issuers').select('issuer').orderBy('first_seen').orderBy('issuer').execute();
      return rows.map((r) => r.issuer);
    },
  };
}
