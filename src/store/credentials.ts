import type { Credential, CredentialType } from '../domain/model.js';
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
  /** Batched last-use times: written off the token path. */
  updateLastUseTimes(entries: Map<string, number>): Promise<void>;
  listCredentialsExpiringBetween(from: number, to: number): Promise<Credential[]>;
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
  expireTime: row.expire_time,
  lastUseTime: row.last_use_time,
  createdBy: row.created_by,
  createTime: row.create_time,
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
          expire_time: c.expireTime,
          last_use_time: c.lastUseTime,
          created_by: c.createdBy,
          create_time: c.createTime,
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
    async listCredentialsExpiringBetween(from, to) {
      const rows = await db.selectFrom('credentials').selectAll().where('expire_time', '>', from).where('expire_time', '<=', to).execute();
      return rows.map(toCredential);
    },
  };
}
