import type { FederatedBinding } from '../domain/federation.js';
import type { Credential, Page } from '../domain/model.js';
import { toCredential } from './credentials.js';
import type { Executor } from './db.js';
import { fromJson } from './json.js';
import { keysetPage } from './keyset.js';

/**
 * Credential queries that cross clients: the ones a zone-wide credential listing (Keycard), a
 * credential addressed by id alone, and the federation index need. The per-client queries stay in
 * credentials.ts.
 */
export interface CredentialLookupStore {
  findCredentialInOrg(orgId: string, id: string): Promise<Credential | undefined>;
  listCredentialsByWorkspace(
    orgId: string,
    workspaceId: string,
    query: { apiClientId?: string; pageSize: number; pageToken?: string },
  ): Promise<Page<Credential>>;
  listFederatedBindingsByProviders(providerIds: string[]): Promise<FederatedBinding[]>;
  countCredentialsByProvider(orgId: string, providerId: string): Promise<number>;
  updateCredentialSubject(orgId: string, id: string, subject: string): Promise<void>;
  /**
   * The secret credentials whose keyed hash is `secretHash`, in every organization, with their
   * client's client_id and workspace: a leak report names a secret, not its owner.
   */
  listSecretCredentialsByHash(secretHash: string): Promise<{ credential: Credential; clientId: string; workspaceId: string }[]>;
  /** The organization's enabled credentials that expire in (from, until], soonest first, with their client. */
  listExpiringCredentials(orgId: string, from: number, until: number, limit: number): Promise<ExpiringCredential[]>;
}

export interface ExpiringCredential {
  credential: Credential;
  clientId: string;
  displayName: string;
  workspaceId: string;
}

export function credentialLookupStore(db: Executor): CredentialLookupStore {
  return {
    async findCredentialInOrg(orgId, id) {
      const row = await db.selectFrom('credentials').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row && toCredential(row);
    },
    listCredentialsByWorkspace(orgId, workspaceId, query) {
      let q = db
        .selectFrom('credentials')
        .innerJoin('api_clients', 'api_clients.id', 'credentials.api_client_id')
        .selectAll('credentials')
        .where('credentials.org_id', '=', orgId)
        .where('api_clients.workspace_id', '=', workspaceId);
      if (query.apiClientId !== undefined) q = q.where('credentials.api_client_id', '=', query.apiClientId);
      return keysetPage(
        q,
        {
          sortColumn: 'credentials.create_time',
          idColumn: 'credentials.id',
          descending: false,
          pageSize: query.pageSize,
          pageToken: query.pageToken,
          fingerprint: `credentials:${workspaceId}:${query.apiClientId ?? ''}`,
        },
        toCredential,
        (row) => row.create_time,
      );
    },
    async listFederatedBindingsByProviders(providerIds) {
      if (providerIds.length === 0) return [];
      const rows = await db
        .selectFrom('credentials')
        .innerJoin('api_clients', 'api_clients.id', 'credentials.api_client_id')
        .select([
          'credentials.org_id as org_id',
          'credentials.provider_id as provider_id',
          'credentials.subject as subject',
          'credentials.claim_match as claim_match',
          'credentials.id as credential_id',
          'credentials.api_client_id as api_client_id',
          'api_clients.client_id as client_id',
        ])
        .where('credentials.type', '=', 'federated')
        .where('credentials.provider_id', 'in', providerIds)
        .execute();
      return rows.map((r) => ({
        orgId: r.org_id,
        providerId: r.provider_id ?? '',
        subject: r.subject ?? '*',
        credentialId: r.credential_id,
        apiClientId: r.api_client_id,
        clientId: r.client_id,
        match: fromJson(r.claim_match ?? null, null),
      }));
    },
    async countCredentialsByProvider(orgId, providerId) {
      const row = await db
        .selectFrom('credentials')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', orgId)
        .where('provider_id', '=', providerId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async listSecretCredentialsByHash(secretHash) {
      const rows = await db
        .selectFrom('credentials')
        .innerJoin('api_clients', 'api_clients.id', 'credentials.api_client_id')
        .selectAll('credentials')
        .select(['api_clients.client_id as owner_client_id', 'api_clients.workspace_id as owner_workspace_id'])
        .where('credentials.type', '=', 'secret')
        .where('credentials.secret_hash', '=', secretHash)
        .execute();
      return rows.map((row) => ({ credential: toCredential(row), clientId: row.owner_client_id, workspaceId: row.owner_workspace_id }));
    },
    async listExpiringCredentials(orgId, from, until, limit) {
      const rows = await db
        .selectFrom('credentials')
        .innerJoin('api_clients', 'api_clients.id', 'credentials.api_client_id')
        .selectAll('credentials')
        .select(['api_clients.client_id as owner_client_id', 'api_clients.display_name as owner_display_name', 'api_clients.workspace_id as owner_workspace_id'])
        .where('credentials.org_id', '=', orgId)
        .where('credentials.disable_time', 'is', null)
        .where('credentials.expire_time', '>', from)
        .where('credentials.expire_time', '<=', until)
        .orderBy('credentials.expire_time')
        .orderBy('credentials.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        credential: toCredential(row),
        clientId: row.owner_client_id,
        displayName: row.owner_display_name,
        workspaceId: row.owner_workspace_id,
      }));
    },
    async updateCredentialSubject(orgId, id, subject) {
      await db.updateTable('credentials').set({ subject }).where('org_id', '=', orgId).where('id', '=', id).execute();
    },
  };
}
