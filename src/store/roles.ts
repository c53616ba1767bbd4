import type { Page, Role } from '../domain/model.js';
import type { Executor } from './db.js';
import { fromJson, toJson } from './json.js';
import { keysetPage } from './keyset.js';
import type { RolesTable } from './schema.js';

export interface RoleStore {
  insertRole(role: Role): Promise<void>;
  findRoleById(orgId: string, id: string): Promise<Role | undefined>;
  findRolesByIds(orgId: string, ids: string[]): Promise<Role[]>;
  listRolesByOrg(orgId: string, page: { pageSize: number; pageToken?: string }): Promise<Page<Role>>;
  updateRole(role: Role): Promise<void>;
  deleteRole(orgId: string, id: string): Promise<void>;
}

const toRole = (row: RolesTable): Role => ({
  id: row.id,
  orgId: row.org_id,
  displayName: row.display_name,
  description: row.description,
  permissions: fromJson(row.permissions, []),
  labels: fromJson(row.labels, {}),
  createdBy: row.created_by,
  updatedBy: row.updated_by,
  createTime: row.create_time,
  updateTime: row.update_time,
});

export function roleStore(db: Executor): RoleStore {
  return {
    async insertRole(role) {
      await db
        .insertInto('roles')
        .values({
          id: role.id,
          org_id: role.orgId,
          display_name: role.displayName,
          description: role.description,
          permissions: toJson(role.permissions),
          labels: toJson(role.labels),
          created_by: role.createdBy,
          updated_by: role.updatedBy,
          create_time: role.createTime,
          update_time: role.updateTime,
        })
        .execute();
    },
    async findRoleById(orgId, id) {
      const row = await db.selectFrom('roles').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row && toRole(row);
    },
    async findRolesByIds(orgId, ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('roles').selectAll().where('org_id', '=', orgId).where('id', 'in', ids).execute();
      return rows.map(toRole);
    },
    listRolesByOrg(orgId, page) {
      return keysetPage(
        db.selectFrom('roles').selectAll().where('org_id', '=', orgId),
        { sortColumn: 'create_time', idColumn: 'id', descending: false, pageSize: page.pageSize, pageToken: page.pageToken, fingerprint: 'roles' },
        toRole,
        (row) => row.create_time,
      );
    },
    async updateRole(role) {
      await db
        .updateTable('roles')
        .set({
          display_name: role.displayName,
          description: role.description,
          permissions: toJson(role.permissions),
          labels: toJson(role.labels),
          updated_by: role.updatedBy,
          update_time: role.updateTime,
        })
        .where('org_id', '=', role.orgId)
        .where('id', '=', role.id)
        .execute();
    },
    async deleteRole(orgId, id) {
      await db.deleteFrom('roles').where('org_id', '=', orgId).where('id', '=', id).execute();
    },
  };
}
