import type { ClientRegistration, Page, RegisteredAuthMethod, RegistrationToken } from '../domain/model.js';
import type { Executor } from './db.js';
import { keysetPage } from './keyset.js';
import type { ClientRegistrationsTable, RegistrationTokensTable } from './schema.js';

/** Initial access tokens (RFC 7591 §3) and the registrations of self-registered clients (RFC 7592). */
export interface RegistrationStore {
  insertRegistrationToken(token: RegistrationToken): Promise<void>;
  findRegistrationTokenById(orgId: string, id: string): Promise<RegistrationToken | undefined>;
  findRegistrationTokenByHash(tokenHash: string): Promise<RegistrationToken | undefined>;
  listRegistrationTokensByWorkspace(orgId: string, workspaceId: string, page: { pageSize: number; pageToken?: string }): Promise<Page<RegistrationToken>>;
  deleteRegistrationToken(orgId: string, id: string): Promise<void>;
  /**
   * Spends one use of the token with this hash, if it is unexpired and has a use left: one
   * conditional UPDATE, so that two registrations racing for the last use cannot both win.
   * Returns the token as it was before the use, or undefined when nothing was spent.
   */
  spendRegistrationToken(tokenHash: string, now: number): Promise<RegistrationToken | undefined>;
  insertClientRegistration(registration: ClientRegistration): Promise<void>;
  findClientRegistrationByHash(accessTokenHash: string): Promise<ClientRegistration | undefined>;
  updateClientRegistrationAuthMethod(apiClientId: string, authMethod: RegisteredAuthMethod): Promise<void>;
  /**
   * Replaces the registration access token, if it is still the one with `previousHash`: one
   * conditional UPDATE, so that of two updates made with the same token only one rotates it.
   */
  rotateClientRegistrationToken(apiClientId: string, previousHash: string, nextHash: string): Promise<boolean>;
}

const toToken = (row: RegistrationTokensTable): RegistrationToken => ({
  id: row.id,
  orgId: row.org_id,
  workspaceId: row.workspace_id,
  displayName: row.display_name,
  tokenHash: row.token_hash,
  tokenHint: row.token_hint,
  expireTime: row.expire_time,
  usesRemaining: row.uses_remaining,
  createdBy: row.created_by,
  createTime: row.create_time,
});

const toRegistration = (row: ClientRegistrationsTable): ClientRegistration => ({
  apiClientId: row.api_client_id,
  orgId: row.org_id,
  accessTokenHash: row.access_token_hash,
  authMethod: row.auth_method as RegisteredAuthMethod,
  registrationTokenId: row.registration_token_id,
  createTime: row.create_time,
});

export function registrationStore(db: Executor): RegistrationStore {
  return {
    async insertRegistrationToken(token) {
      await db
        .insertInto('registration_tokens')
        .values({
          id: token.id,
          org_id: token.orgId,
          workspace_id: token.workspaceId,
          display_name: token.displayName,
          token_hash: token.tokenHash,
          token_hint: token.tokenHint,
          expire_time: token.expireTime,
          uses_remaining: token.usesRemaining,
          created_by: token.createdBy,
          create_time: token.createTime,
        })
        .execute();
    },
    async findRegistrationTokenById(orgId, id) {
      const row = await db.selectFrom('registration_tokens').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row && toToken(row);
    },
    async findRegistrationTokenByHash(tokenHash) {
      const row = await db.selectFrom('registration_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toToken(row);
    },
    listRegistrationTokensByWorkspace(orgId, workspaceId, page) {
      const query = db.selectFrom('registration_tokens').selectAll().where('org_id', '=', orgId).where('workspace_id', '=', workspaceId);
      return keysetPage(
        query,
        { sortColumn: 'create_time', idColumn: 'id', descending: false, pageSize: page.pageSize, pageToken: page.pageToken, fingerprint: `registrationTokens ${workspaceId}` },
        toToken,
        (row) => row.create_time,
      );
    },
    async deleteRegistrationToken(orgId, id) {
      await db.deleteFrom('registration_tokens').where('org_id', '=', orgId).where('id', '=', id).execute();
    },
    async spendRegistrationToken(tokenHash, now) {
      const row = await db
        .updateTable('registration_tokens')
        .set((eb) => ({ uses_remaining: eb('uses_remaining', '-', 1) }))
        .where('token_hash', '=', tokenHash)
        .where('uses_remaining', '>', 0)
        .where('expire_time', '>', now)
        .returningAll()
        .executeTakeFirst();
      return row && { ...toToken(row), usesRemaining: row.uses_remaining + 1 };
    },
    async insertClientRegistration(registration) {
      await db
        .insertInto('client_registrations')
        .values({
          api_client_id: registration.apiClientId,
          org_id: registration.orgId,
          access_token_hash: registration.accessTokenHash,
          auth_method: registration.authMethod,
          registration_token_id: registration.registrationTokenId,
          create_time: registration.createTime,
        })
        .execute();
    },
    async findClientRegistrationByHash(accessTokenHash) {
      const row = await db.selectFrom('client_registrations').selectAll().where('access_token_hash', '=', accessTokenHash).executeTakeFirst();
      return row && toRegistration(row);
    },
    async updateClientRegistrationAuthMethod(apiClientId, authMethod) {
      await db.updateTable('client_registrations').set({ auth_method: authMethod }).where('api_client_id', '=', apiClientId).execute();
    },
    async rotateClientRegistrationToken(apiClientId, previousHash, nextHash) {
      const result = await db
        .updateTable('client_registrations')
        .set({ access_token_hash: nextHash })
        .where('api_client_id', '=', apiClientId)
        .where('access_token_hash', '=', previousHash)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
