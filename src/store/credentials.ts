import { sql } from 'kysely';
import type { Credential, CredentialDisabledReason, CredentialType } from '../domain/model.js';
import type { Executor } from './db.js';
import { fromJson, toJson } from './json.js';
import type { CredentialsTable } from './schema.js';

export interface CredentialStore {
  insertCredential(credential: Credential): Promise<void>;
  findCredentialById(orgId: string, apiClientId: string, id: string): Promise<Credential | undefined>;
  listCredentialsByClientId(orgId: string, apiClientId: string): Promise<Credential[]>;
  /** Shortens the life of a client's credentials of one type (rotation overlap); never lengthens it. */
  expireCredentialsByClientId(orgId: string, apiClientId: string, type: CredentialType, expireTime: number, exceptId: string): Promise<string[]>;
  deleteCredential(orgId: string, apiClientId: string, id: string): Promise<void>;
  /**
   * Sets a credential's fences. The use count is left alone (a concurrent use adds to it), so a
   * limit lowered below it leaves the credential no uses.
   */
  updateCredentialFences(orgId: string, apiClientId: string, id: string, fences: Pick<Credential, 'allowedCidrs' | 'maxUses'>): Promise<void>;
  /** Batched last-use times: written off the token path. */
  updateLastUseTimes(entries: Map<string, number>): Promise<void>;
  listCredentialsExpiringBetween(from: number, to: number): Promise<Credential[]>;
  /**
   * Counts one use of a credential that sets maxUses, if it has uses left: one conditional
   * UPDATE, atomic by itself, so instances sharing the database never let it exceed the limit.
   * False when the limit is reached (or the credential is gone); true, uncounted, when it sets
   * no limit.
   */
  consumeCredentialUse(id: string): Promise<boolean>;
  /** Disables an enabled credential; false when it was disabled already (a report sent again). */
  disableCredential(orgId: string, id: string, time: number, reason: CredentialDisabledReason): Promise<boolean>;
}

export const toCredential = (row: CredentialsTable): Credential => ({
  id: row.id,
  orgId: row.org_id,
  apiClientId: row.api_client_id,
  type: row.type as CredentialType,
  displayName: row.display_name,
  secretHash: row.secret_hash,
  secretHint: row.secret_hint,
  jwks: fromJson(row.jwks, null),
  jwksUri: row.jwks_uri,
  providerId: row.provider_id,
  subject: row.subject,
  match: fromJson(row.claim_match ?? null, null),
  expireTime: row.expire_time,
  lastUseTime: row.last_use_time,
  allowedCidrs: fromJson(row.allowed_cidrs, []),
  maxUses: row.max_uses,
  useCount: row.use_count,
  createdBy: row.created_by,
  createTime: row.create_time,
  disableTime: row.disable_time ?? null,
  disabledReason: (row.disabled_reason as CredentialDisabledReason | null) ?? null,
});

export function credentialStore(db: Executor): CredentialStore {
  return {
    async insertCredential(c) {
      await db
        .insertInto('credentials')
        .values({
          id: c.id,
          org_id: c.orgId,
          api_client_id: c.apiClientId,
          type: c.type,
          display_name: c.displayName,
          secret_hash: c.secretHash,
          secret_hint: c.secretHint,
          jwks: c.jwks ? toJson(c.jwks) : null,
          jwks_uri: c.jwksUri,
          provider_id: c.providerId,
          subject: c.subject,
          claim_match: c.match ? toJson(c.match) : null,
          expire_time: c.expireTime,
          last_use_time: c.lastUseTime,
          allowed_cidrs: toJson(c.allowedCidrs),
          max_uses: c.maxUses,
          use_count: c.useCount,
          created_by: c.createdBy,
          create_time: c.createTime,
          disable_time: c.disableTime,
          disabled_reason: c.disabledReason,
        })
        .execute();
    },
    async findCredentialById(orgId, apiClientId, id) {
      const row = await db
        .selectFrom('credentials')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('api_client_id', '=', apiClientId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toCredential(row);
    },
    async listCredentialsByClientId(orgId, apiClientId) {
      const rows = await db
        .selectFrom('credentials')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('api_client_id', '=', apiClientId)
        .orderBy('create_time')
        .orderBy('id')
        .execute();
      return rows.map(toCredential);
    },
    async expireCredentialsByClientId(orgId, apiClientId, type, expireTime, exceptId) {
      const rows = await db
        .updateTable('credentials')
        .set({ expire_time: expireTime })
        .where('org_id', '=', orgId)
        .where('api_client_id', '=', apiClientId)
        .where('type', '=', type)
        .where('id', '<>', exceptId)
        .where((eb) => eb.or([eb('expire_time', 'is', null), eb('expire_time', '>', expireTime)]))
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },
    async deleteCredential(orgId, apiClientId, id) {
      await db.deleteFrom('credentials').where('org_id', '=', orgId).where('api_client_id', '=', apiClientId).where('id', '=', id).execute();
    },
    async updateCredentialFences(orgId, apiClientId, id, fences) {
      await db
        .updateTable('credentials')
        .set({ allowed_cidrs: toJson(fences.allowedCidrs), max_uses: fences.maxUses })
        .where('org_id', '=', orgId)
        .where('api_client_id', '=', apiClientId)
        .where('id', '=', id)
        .execute();
    },
    async updateLastUseTimes(entries) {
      for (const [id, time] of entries) {
        await db
          .updateTable('credentials')
          .set({ last_use_time: time })
          .where('id', '=', id)
          .where((eb) => eb.or([eb('last_use_time', 'is', null), eb('last_use_time', '<', time)]))
          .execute();
      }
    },
    async consumeCredentialUse(id) {
      const result = await db
        .updateTable('credentials')
        // A limit removed on another instance reaches this one's cache a moment later: the use
        // passes then, uncounted, since uses are counted only under a limit.
        .set({ use_count: sql<number>`CASE WHEN max_uses IS NULL THEN use_count ELSE use_count + 1 END` })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('max_uses', 'is', null), eb('use_count', '<', eb.ref('max_uses'))]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async disableCredential(orgId, id, time, reason) {
      const result = await db
        .updateTable('credentials')
        .set({ disable_time: time, disabled_reason: reason })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('disable_time', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async listCredentialsExpiringBetween(from, to) {
      const rows = await db.selectFrom('credentials').selectAll().where('expire_time', '>', from).where('expire_time', '<=', to).execute();
      return rows.map(toCredential);
    },
  };
}
