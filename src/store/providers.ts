import type { ConsoleSignIn, Page, Provider } from '../domain/model.js';
import type { Executor } from './db.js';
import { fromJson, toJson } from './json.js';
import { keysetPage } from './keyset.js';
import type { ProvidersTable } from './schema.js';

export interface ProviderStore {
  insertProvider(provider: Provider): Promise<void>;
  findProviderById(orgId: string, id: string): Promise<Provider | undefined>;
  /** Across organizations: the token path resolves an issuer before it knows the tenant. */
  listProvidersByIssuer(issuer: string): Promise<Provider[]>;
  /** Across organizations: those offering console sign-in (admin sign-in on, console sign-in set), for the page before sign-in. */
  listConsoleSignInProviders(): Promise<Provider[]>;
  listProvidersByOrg(orgId: string, query: { workspaceId?: string; pageSize: number; pageToken?: string }): Promise<Page<Provider>>;
  updateProvider(provider: Provider): Promise<void>;
  deleteProvider(orgId: string, id: string): Promise<void>;
  countProvidersByWorkspace(orgId: string, workspaceId: string): Promise<number>;
}

const toProvider = (row: ProvidersTable): Provider => ({
  id: row.id,
  orgId: row.org_id,
  workspaceId: row.workspace_id,
  identifier: row.identifier,
  displayName: row.display_name,
  description: row.description,
  issuer: row.issuer,
  jwksUri: row.jwks_uri,
  jwks: fromJson(row.jwks ?? null, null),
  audience: row.audience,
  claimConditions: fromJson(row.claim_conditions, {}),
  adminSignIn: row.admin_sign_in === 1,
  consoleSignIn: fromJson<ConsoleSignIn | null>(row.console_sign_in, null),
  createdBy: row.created_by,
  updatedBy: row.updated_by,
  createTime: row.create_time,
  updateTime: row.update_time,
});

const fromProvider = (p: Provider): ProvidersTable => ({
  id: p.id,
  org_id: p.orgId,
  workspace_id: p.workspaceId,
  identifier: p.identifier,
  display_name: p.displayName,
  description: p.description,
  issuer: p.issuer,
  jwks_uri: p.jwksUri,
  jwks: p.jwks ? toJson(p.jwks) : null,
  audience: p.audience,
  claim_conditions: toJson(p.claimConditions),
  admin_sign_in: p.adminSignIn ? 1 : 0,
  console_sign_in: p.consoleSignIn === null ? null : toJson(p.consoleSignIn),
  created_by: p.createdBy,
  updated_by: p.updatedBy,
  create_time: p.createTime,
  update_time: p.updateTime,
});

export function providerStore(db: Executor): ProviderStore {
  return {
    async insertProvider(provider) {
      await db.insertInto('providers').values(fromProvider(provider)).execute();
    },
    async findProviderById(orgId, id) {
      const row = await db.selectFrom('providers').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row && toProvider(row);
    },
    async listProvidersByIssuer(issuer) {
      const rows = await db.selectFrom('providers').selectAll().where('issuer', '=', issuer).orderBy('create_time').orderBy('id').execute();
      return rows.map(toProvider);
    },
    async listConsoleSignInProviders() {
      const rows = await db
        .selectFrom('providers')
        .selectAll()
        .where('admin_sign_in', '=', 1)
        .where('console_sign_in', 'is not', null)
        .orderBy('create_time')
        .orderBy('id')
        .execute();
      return rows.map(toProvider);
    },
    listProvidersByOrg(orgId, query) {
      let q = db.selectFrom('providers').selectAll().where('org_id', '=', orgId);
      if (query.workspaceId !== undefined) q = q.where('workspace_id', '=', query.workspaceId);
      return keysetPage(
        q,
        {
          sortColumn: 'create_time',
          idColumn: 'id',
          descending: false,
          pageSize: query.pageSize,
          pageToken: query.pageToken,
          fingerprint: `providers:${query.workspaceId ?? ''}`,
        },
        toProvider,
        (row) => row.create_time,
      );
    },
    async updateProvider(provider) {
      const { id, org_id, create_time, created_by, ...changes } = fromProvider(provider);
      void create_time;
      void created_by;
      await db.updateTable('providers').set(changes).where('org_id', '=', org_id).where('id', '=', id).execute();
    },
    async deleteProvider(orgId, id) {
      await db.deleteFrom('providers').where('org_id', '=', orgId).where('id', '=', id).execute();
    },
    async countProvidersByWorkspace(orgId, workspaceId) {
      const row = await db
        .selectFrom('providers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', orgId)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
