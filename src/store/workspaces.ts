import type { Page, Workspace } from '../domain/model.js';
import type { Executor } from './db.js';
import { fromJson, toJson } from './json.js';
import { keysetPage } from './keyset.js';
import { like, likeLiteral } from './like.js';
import type { WorkspacesTable } from './schema.js';

export interface WorkspaceStore {
  insertWorkspace(ws: Workspace): Promise<void>;
  findWorkspaceById(orgId: string, id: string): Promise<Workspace | undefined>;
  /** The organization's default workspace, in one read (undefined: no such organization). */
  findDefaultWorkspace(orgId: string): Promise<Workspace | undefined>;
  /** Oldest first, or newest first with `descending`. */
  listWorkspacesByOrg(orgId: string, page: { pageSize: number; pageToken?: string; descending?: boolean }): Promise<Page<Workspace>>;
  updateWorkspace(ws: Workspace): Promise<void>;
  deleteWorkspace(orgId: string, id: string): Promise<void>;
  /** Every workspace, of every organization, whose settings hold `key`: the few that switch on an installation-wide feature. */
  listWorkspacesWithSetting(key: string): Promise<Workspace[]>;
}

const toWorkspace = (row: WorkspacesTable): Workspace => ({
  id: row.id,
  orgId: row.org_id,
  displayName: row.display_name,
  extRef: row.ext_ref,
  settings: fromJson(row.settings, {}),
  credentialPolicy: fromJson(row.credential_policy, null),
  createTime: row.create_time,
  updateTime: row.update_time,
});

export function workspaceStore(db: Executor): WorkspaceStore {
  return {
    async insertWorkspace(ws) {
      await db
        .insertInto('workspaces')
        .values({
          id: ws.id,
          org_id: ws.orgId,
          display_name: ws.displayName,
          ext_ref: ws.extRef,
          settings: toJson(ws.settings),
          credential_policy: ws.credentialPolicy ? toJson(ws.credentialPolicy) : null,
          create_time: ws.createTime,
          update_time: ws.updateTime,
        })
        .execute();
    },
    async findWorkspaceById(orgId, id) {
      const row = await db.selectFrom('workspaces').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row && toWorkspace(row);
    },
    async findDefaultWorkspace(orgId) {
      const row = await db
        .selectFrom('workspaces')
        .innerJoin('organizations', (join) => join.onRef('organizations.default_workspace_id', '=', 'workspaces.id').onRef('organizations.id', '=', 'workspaces.org_id'))
        .selectAll('workspaces')
        .where('organizations.id', '=', orgId)
        .executeTakeFirst();
      return row && toWorkspace(row);
    },
    listWorkspacesByOrg(orgId, page) {
      const query = db.selectFrom('workspaces').selectAll().where('org_id', '=', orgId);
      return keysetPage(
        query,
        {
          sortColumn: 'create_time',
          idColumn: 'id',
          descending: page.descending ?? false,
          pageSize: page.pageSize,
          pageToken: page.pageToken,
          fingerprint: page.descending ? 'workspaces desc' : 'workspaces',
        },
        toWorkspace,
        (row) => row.create_time,
      );
    },
    async updateWorkspace(ws) {
      await db
        .updateTable('workspaces')
        .set({ display_name: ws.displayName, ext_ref: ws.extRef, settings: toJson(ws.settings), credential_policy: ws.credentialPolicy ? toJson(ws.credentialPolicy) : null, update_time: ws.updateTime })
        .where('org_id', '=', ws.orgId)
        .where('id', '=', ws.id)
        .execute();
    },
    async deleteWorkspace(orgId, id) {
      await db.deleteFrom('workspaces').where('org_id', '=', orgId).where('id', '=', id).execute();
    },
    async listWorkspacesWithSetting(key) {
      // The JSON text is only narrowed here; the parsed map decides.
      const rows = await db.selectFrom('workspaces').selectAll().where(like('settings', `%${likeLiteral(JSON.stringify(key))}%`)).execute();
      return rows.map(toWorkspace).filter((ws) => ws.settings[key] !== undefined);
    },
  };
}
