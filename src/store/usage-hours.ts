import { sql } from 'kysely';
import type { Executor } from './db.js';

/** One client's counts in one hour (hourStart: epoch ms of the whole hour). */
export interface UsageHour {
  apiClientId: string;
  hourStart: number;
  tokensIssued: number;
  failedAuthentications: number;
  lastFailureTime: number | null;
}

/** A client with failed authentications in a period, with what the Overview lists of it. */
export interface FailingClient {
  apiClientId: string;
  clientId: string;
  displayName: string;
  workspaceId: string;
  failedAuthentications: number;
  lastFailureTime: number | null;
}

export interface UsageHourStore {
  /**
   * Adds counts to the stored ones (an upsert that sums), so that every instance's batches add
   * up. Counts of a client deleted meanwhile are dropped rather than failing the batch.
   */
  addUsageHours(hours: UsageHour[]): Promise<void>;
  /** The stored hours of a client in [from, to), ascending. */
  listUsageHours(apiClientId: string, from: number, to: number): Promise<UsageHour[]>;
  /** Clients of the organization (of one workspace, if given) with failures since `since`, most first. */
  listFailingClients(orgId: string, since: number, limit: number, workspaceId?: string): Promise<FailingClient[]>;
  deleteUsageHoursBefore(time: number): Promise<number>;
  /** Of these clients, those of the organization (and workspace), as the failure list shows them (counts zero). */
  findFailingClientShapes(orgId: string, ids: string[], workspaceId?: string): Promise<FailingClient[]>;
}

export function usageHourStore(db: Executor): UsageHourStore {
  return {
    async addUsageHours(hours) {
      for (const h of hours) {
        // INSERT … SELECT from api_clients: no row for a client that no longer exists. The
        // casts type the parameters on PostgreSQL, where a bare one in a select list is text.
        await sql`
          INSERT INTO client_usage_hours (api_client_id, hour_start, tokens_issued, failed_authentications, last_failure_time)
          SELECT id, CAST(${h.hourStart} AS BIGINT), CAST(${h.tokensIssued} AS BIGINT), CAST(${h.failedAuthentications} AS BIGINT), CAST(${h.lastFailureTime} AS BIGINT)
          FROM api_clients WHERE id = ${h.apiClientId}
          ON CONFLICT (api_client_id, hour_start) DO UPDATE SET
            tokens_issued = client_usage_hours.tokens_issued + excluded.tokens_issued,
            failed_authentications = client_usage_hours.failed_authentications + excluded.failed_authentications,
            last_failure_time = CASE
              WHEN excluded.last_failure_time IS NULL THEN client_usage_hours.last_failure_time
              WHEN client_usage_hours.last_failure_time IS NULL OR client_usage_hours.last_failure_time < excluded.last_failure_time THEN excluded.last_failure_time
              ELSE client_usage_hours.last_failure_time
            END
        `.execute(db);
      }
    },
    async listUsageHours(apiClientId, from, to) {
      const rows = await db
        .selectFrom('client_usage_hours')
        .selectAll()
        .where('api_client_id', '=', apiClientId)
        .where('hour_start', '>=', from)
        .where('hour_start', '<', to)
        .orderBy('hour_start')
        .execute();
      return rows.map((r) => ({
        apiClientId: r.api_client_id,
        hourStart: Number(r.hour_start),
        tokensIssued: Number(r.tokens_issued),
        failedAuthentications: Number(r.failed_authentications),
        lastFailureTime: r.last_failure_time === null ? null : Number(r.last_failure_time),
      }));
    },
    async listFailingClients(orgId, since, limit, workspaceId) {
      let query = db
        .selectFrom('client_usage_hours as u')
        .innerJoin('api_clients as c', 'c.id', 'u.api_client_id')
        .select((eb) => [
          'c.id as id',
          'c.client_id as client_id',
          'c.display_name as display_name',
          'c.workspace_id as workspace_id',
          eb.fn.sum<number>('u.failed_authentications').as('failures'),
          eb.fn.max<number | null>('u.last_failure_time').as('last_failure'),
        ])
        .where('c.org_id', '=', orgId)
        .where('u.hour_start', '>=', since - (since % 3_600_000))
        .where('u.failed_authentications', '>', 0)
        .where((eb) => eb.or([eb('u.last_failure_time', 'is', null), eb('u.last_failure_time', '>=', since)]));
      if (workspaceId !== undefined) query = query.where('c.workspace_id', '=', workspaceId);
      const rows = await query
        .groupBy(['c.id', 'c.client_id', 'c.display_name', 'c.workspace_id'])
        .orderBy('failures', 'desc')
        .orderBy('last_failure', 'desc')
        .orderBy('c.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        apiClientId: r.id,
        clientId: r.client_id,
        displayName: r.display_name,
        workspaceId: r.workspace_id,
        failedAuthentications: Number(r.failures),
        lastFailureTime: r.last_failure === null ? null : Number(r.last_failure),
      }));
    },
    async findFailingClientShapes(orgId, ids, workspaceId) {
      const found: FailingClient[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        let query = db
          .selectFrom('api_clients')
          .select(['id', 'client_id', 'display_name', 'workspace_id'])
          .where('org_id', '=', orgId)
          .where('id', 'in', ids.slice(i, i + 500));
        if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
        for (const r of await query.execute()) {
          found.push({ apiClientId: r.id, clientId: r.client_id, displayName: r.display_name, workspaceId: r.workspace_id, failedAuthentications: 0, lastFailureTime: null });
        }
      }
      return found;
    },
    async deleteUsageHoursBefore(time) {
      const result = await db.deleteFrom('client_usage_hours').where('hour_start', '<', time).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
