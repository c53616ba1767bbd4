import type { Organization } from '../domain/model.js';
import type { Executor } from './db.js';
import type { OrganizationsTable } from './schema.js';

export interface OrganizationStore {
  insertOrganization(org: Organization): Promise<void>;
  findOrganizationById(id: string): Promise<Organization | undefined>;
  listOrganizations(): Promise<Organization[]>;
  updateOrganization(org: Organization): Promise<void>;
}

const toOrganization = (row: OrganizationsTable): Organization => ({
  id: row.id,
  displayName: row.display_name,
  defaultWorkspaceId: row.default_workspace_id ?? '',
  createTime: row.create_time,
  updateTime: row.update_time,
});

export function organizationStore(db: Executor): OrganizationStore {
  return {
    async insertOrganization(org) {
      await db
        .insertInto('organizations')
        .values({ id: org.id, display_name: org.displayName, default_workspace_id: org.defaultWorkspaceId, create_time: org.createTime, update_time: org.updateTime })
        .execute();
    },
    async findOrganizationById(id) {
      const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toOrganization(row);
    },
    async listOrganizations() {
      const rows = await db.selectFrom('organizations').selectAll().orderBy('create_time').orderBy('id').execute();
      return rows.map(toOrganization);
    },
    async updateOrganization(org) {
      await db
        .updateTable('organizations')
        .set({ display_name: org.displayName, default_workspace_id: org.defaultWorkspaceId, update_time: org.updateTime })
        .where('id', '=', org.id)
        .execute();
    },
  };
}
