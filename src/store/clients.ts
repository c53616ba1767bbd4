import type { FilterTerm } from '../domain/filter.js';
import { filterTime } from '../domain/filter.js';
import { NO_DELEGATION, type ApiClient, type Page } from '../domain/model.js';
import type { Executor } from './db.js';
import { like, likeLiteral } from './like.js';
import { fromJson, toJson } from './json.js';
import { keysetPage } from './keyset.js';
import type { ApiClientsTable } from './schema.js';

export interface ClientListQuery {
  filter: FilterTerm[];
  orderBy: { field: 'createTime' | 'displayName'; descending: boolean };
  pageSize: number;
  pageToken?: string;
}

/** Filter fields the client list understands, with their operators (AIP-160 subset). */
export const CLIENT_FILTER_FIELDS = {
  displayName: ['=', '!=', ':'],
  clientId: ['='],
  workspace: ['='],
  enabled: ['='],
  role: [':'],
  createTime: ['<', '<=', '>', '>='],
} as const;

export interface ClientStore {
  insertClient(client: ApiClient): Promise<void>;
  findClientById(orgId: string, id: string): Promise<ApiClient | undefined>;
  /** Global lookup by OAuth client_id (the token endpoint has no tenant in its path). */
  findClientByClientId(clientId: string): Promise<ApiClient | undefined>;
  /** Across organizations: resource ids are unique in the installation. */
  findClientIdById(id: string): Promise<string | undefined>;
  listClientsByOrg(orgId: string, query: ClientListQuery): Promise<Page<ApiClient>>;
  countClientsByRole(orgId: string, roleId: string): Promise<number>;
  updateClient(client: ApiClient): Promise<void>;
  deleteClient(orgId: string, id: string): Promise<void>;
}

export const toApiClient = (row: ApiClientsTable): ApiClient => ({
  id: row.id,
  orgId: row.org_id,
  workspaceId: row.workspace_id,
  clientId: row.client_id,
  displayName: row.display_name,
  description: row.description,
  labels: fromJson(row.labels, {}),
  permissions: fromJson(row.permissions, []),
  roles: fromJson(row.roles, []),
  audiences: fromJson(row.audiences, []),
  tokenLifetime: row.token_lifetime,
  dpopBoundAccessTokens: row.dpop_bound_access_tokens === 1,
  delegation: fromJson(row.delegation, NO_DELEGATION),
  enabled: row.enabled === 1,
  tokensNotBefore: row.tokens_not_before ?? null,
  createdBy: row.created_by,
  updatedBy: row.updated_by,
  createTime: row.create_time,
  updateTime: row.update_time,
});

export const fromApiClient = (client: ApiClient): ApiClientsTable => ({
  id: client.id,
  org_id: client.orgId,
  workspace_id: client.workspaceId,
  client_id: client.clientId,
  display_name: client.displayName,
  description: client.description,
  labels: toJson(client.labels),
  permissions: toJson(client.permissions),
  roles: toJson(client.roles),
  audiences: toJson(client.audiences),
  token_lifetime: client.tokenLifetime,
  dpop_bound_access_tokens: client.dpopBoundAccessTokens ? 1 : 0,
  delegation: toJson(client.delegation),
  enabled: client.enabled ? 1 : 0,
  tokens_not_before: client.tokensNotBefore,
  created_by: client.createdBy,
  updated_by: client.updatedBy,
  create_time: client.createTime,
  update_time: client.updateTime,
});


export function clientStore(db: Executor): ClientStore {
  return {
    async insertClient(client) {
      await db.insertInto('api_clients').values(fromApiClient(client)).execute();
    },
    async findClientById(orgId, id) {
      const row = await db.selectFrom('api_clients').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row && toApiClient(row);
    },
    async findClientByClientId(clientId) {
      const row = await db.selectFrom('api_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
      return row && toApiClient(row);
    },
    async findClientIdById(id) {
      const row = await db.selectFrom('api_clients').select('client_id').where('id', '=', id).executeTakeFirst();
      return row?.client_id;
    },
    listClientsByOrg(orgId, query) {
      let q = db.selectFrom('api_clients').selectAll().where('org_id', '=', orgId);
      for (const term of query.filter) {
        switch (term.field) {
          case 'displayName':
            q =
              term.op === ':'
                ? q.where(like('display_name', `%${likeLiteral(term.value)}%`))
                : q.where('display_name', term.op === '=' ? '=' : '<>', term.value);
            break;
          case 'clientId':
            q = q.where('client_id', '=', term.value);
            break;
          case 'workspace':
            q = q.where('workspace_id', '=', term.value.replace(/^workspaces\//, ''));
            break;
          case 'enabled':
            q = q.where('enabled', '=', term.value === 'true' ? 1 : 0);
            break;
          case 'role':
            q = q.where(like('roles', `%${likeLiteral(JSON.stringify(term.value.replace(/^roles\//, '')))}%`));
            break;
          case 'createTime':
            q = q.where('create_time', term.op as '<' | '<=' | '>' | '>=', filterTime(term));
            break;
        }
      }
      const sortColumn = query.orderBy.field === 'displayName' ? 'display_name' : 'create_time';
      return keysetPage(
        q,
        {
          sortColumn,
          idColumn: 'id',
          descending: query.orderBy.descending,
          pageSize: query.pageSize,
          pageToken: query.pageToken,
          fingerprint: JSON.stringify([query.filter, query.orderBy]),
        },
        toApiClient,
        (row) => (sortColumn === 'display_name' ? row.display_name : row.create_time),
      );
    },
    async countClientsByRole(orgId, roleId) {
      const row = await db
        .selectFrom('api_clients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', orgId)
        .where(like('roles', `%${likeLiteral(JSON.stringify(roleId))}%`))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async updateClient(client) {
      const { id, org_id, client_id, create_time, created_by, ...changes } = fromApiClient(client);
      void client_id;
      void create_time;
      void created_by;
      await db.updateTable('api_clients').set(changes).where('org_id', '=', org_id).where('id', '=', id).execute();
    },
    async deleteClient(orgId, id) {
      await db.deleteFrom('api_clients').where('org_id', '=', orgId).where('id', '=', id).execute();
    },
  };
}
