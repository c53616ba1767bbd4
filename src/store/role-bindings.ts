import type { Page, RoleBinding } from '../domain/model.js';
import type { Executor } from './db.js';
import { keysetPage } from './keyset.js';
import type { RoleBindingsTable } from './schema.js';

export interface RoleBindingStore {
  insertRoleBinding(binding: RoleBinding): Promise<void>;
  findRoleBindingById(orgId: string, id: string): Promise<RoleBinding | undefined>;
  listRoleBindingsByOrg(orgId: string, query: { providerId?: string; pageSize: number; pageToken?: string }): Promise<Page<RoleBinding>>;
  /** Every binding of one provider: admin sign-in caches them per provider. */
  listRoleBindingsByProvider(orgId: string, providerId: string): Promise<RoleBinding[]>;
  countRoleBindingsByProvider(orgId: string, providerId: string): Promise<number>;
  deleteRoleBinding(orgId: string, id: string): Promise<void>;
}

const toRoleBinding = (row: RoleBindingsTable): RoleBinding => ({
  id: row.id,
  orgId: row.org_id,
  providerId: row.provider_id,
  subject: row.subject,
  roleId: row.role_id,
  createdBy: row.created_by,
  createTime: row.create_time,
});

export function roleBindingStore(db: Executor): RoleBindingStore {
  return {
    async insertRoleBinding(b) {
      await db
        .insertInto('role_bindings')
        .values({
          id: b.id,
          org_id: b.orgId,
          provider_id: b.providerId,
          subject: b.subject,
          role_id: b.roleId,
          created_by: b.createdBy,
          create_time: b.createTime,
        })
        .execute();
    },
    async findRoleBindingById(orgId, id) {
      const row = await db.selectFrom('role_bindings').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row && toRoleBinding(row);
    },
    listRoleBindingsByOrg(orgId, query) {
      let q = db.selectFrom('role_bindings').selectAll().where('org_id', '=', orgId);
      if (query.providerId !== undefined) q = q.where('provider_id', '=', query.providerId);
      return keysetPage(
        q,
        {
          sortColumn: 'create_time',
          idColumn: 'id',
          descending: false,
          pageSize: query.pageSize,
          pageToken: query.pageToken,
          fingerprint: `roleBindings:${query.providerId ?? ''}`,
        },
        toRoleBinding,
        (row) => row.create_time,
      );
    },
    async listRoleBindingsByProvider(orgId, providerId) {
      const rows = await db.selectFrom('role_bindings').selectAll().where('org_id', '=', orgId).where('provider_id', '=', providerId).execute();
      return rows.map(toRoleBinding);
    },
    async countRoleBindingsByProvider(orgId, providerId) {
      const row = await db
        .selectFrom('role_bindings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', orgId)
        .where('provider_id', '=', providerId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async deleteRoleBinding(orgId, id) {
      await db.deleteFrom('role_bindings').where('org_id', '=', orgId).where('id', '=', id).execute();
    },
  };
}
