import type { AccessGrant, SubjectType } from '../domain/access.js';
import type { Executor } from './db.js';
import { fromJson, toJson } from './json.js';
import type { AccessGrantsTable } from './schema.js';

export interface AccessGrantStore {
  /** Inserts unless the workspace already holds a grant for this subject; true when inserted. */
  insertAccessGrantIfAbsent(grant: AccessGrant): Promise<boolean>;
  findAccessGrantBySubject(orgId: string, workspaceId: string, subjectType: SubjectType, subjectId: string): Promise<AccessGrant | undefined>;
  findAccessGrantById(orgId: string, workspaceId: string, id: string): Promise<AccessGrant | undefined>;
  listAccessGrantsByWorkspaces(orgId: string, workspaceIds: readonly string[]): Promise<AccessGrant[]>;
  updateAccessGrant(grant: AccessGrant): Promise<void>;
  deleteAccessGrant(orgId: string, id: string): Promise<void>;
}

const toAccessGrant = (row: AccessGrantsTable): AccessGrant => ({
  id: row.id,
  orgId: row.org_id,
  workspaceId: row.workspace_id,
  subjectType: row.subject_type as SubjectType,
  subjectId: row.subject_id,
  role: row.role,
  details: fromJson(row.details, {}),
  createTime: row.create_time,
  updateTime: row.update_time,
});

export function accessGrantStore(db: Executor): AccessGrantStore {
  return {
    async insertAccessGrantIfAbsent(grant) {
      // ON CONFLICT DO NOTHING rather than a unique violation: on PostgreSQL a violation would
      // abort the whole transaction, and two admins granting the same row at once are both right.
      const inserted = await db
        .insertInto('access_grants')
        .values({
          id: grant.id,
          org_id: grant.orgId,
          workspace_id: grant.workspaceId,
          subject_type: grant.subjectType,
          subject_id: grant.subjectId,
          role: grant.role,
          details: toJson(grant.details),
          create_time: grant.createTime,
          update_time: grant.updateTime,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'subject_type', 'subject_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async findAccessGrantBySubject(orgId, workspaceId, subjectType, subjectId) {
      const row = await db
        .selectFrom('access_grants')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('workspace_id', '=', workspaceId)
        .where('subject_type', '=', subjectType)
        .where('subject_id', '=', subjectId)
        .executeTakeFirst();
      return row && toAccessGrant(row);
    },
    async findAccessGrantById(orgId, workspaceId, id) {
      const row = await db
        .selectFrom('access_grants')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toAccessGrant(row);
    },
    async listAccessGrantsByWorkspaces(orgId, workspaceIds) {
      if (workspaceIds.length === 0) return [];
      const rows = await db
        .selectFrom('access_grants')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('workspace_id', 'in', workspaceIds)
        .orderBy('create_time')
        .orderBy('id')
        .execute();
      return rows.map(toAccessGrant);
    },
    async updateAccessGrant(grant) {
      await db
        .updateTable('access_grants')
        .set({ role: grant.role, details: toJson(grant.details), update_time: grant.updateTime })
        .where('org_id', '=', grant.orgId)
        .where('id', '=', grant.id)
        .execute();
    },
    async deleteAccessGrant(orgId, id) {
      await db.deleteFrom('access_grants').where('org_id', '=', orgId).where('id', '=', id).execute();
    },
  };
}
