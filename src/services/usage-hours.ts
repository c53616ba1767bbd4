import { invalidArgument } from '../domain/errors.js';
import type { ApiClient, Context } from '../domain/model.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { HOUR_MS, USAGE_RETENTION_MS as RETENTION_MS } from '../runtime/usage-hours.js';
import type { Store } from '../store/index.js';
import type { FailingClient, UsageHour } from '../store/usage-hours.js';
import { requirePermission } from './authorization.js';
import type { ClientService } from './clients.js';
import { checkWorkspace, type WorkspaceScope } from './workspace-scope.js';

const DAY_MS = 24 * HOUR_MS;
const FAILING_CLIENTS_LIMIT = 100;

/** The counts this instance holds but has not written yet; read alongside the stored ones. */
export interface PendingUsage {
  pendingFor(apiClientId: string, from: number, to: number): UsageHour[];
  pendingSince(since: number): UsageHour[];
}

export interface ClientUsage {
  client: ApiClient;
  startTime: number;
  endTime: number;
  /** Every hour of [startTime, endTime), ascending, zeros included. */
  hours: { hourStart: number; tokensIssued: number; failedAuthentications: number }[];
  totals: { tokensIssued: number; failedAuthentications: number };
}

/**
 * Reading the per-hour usage counts: a client's chart, and the clients with recent failed
 * authentications. Reading a client's usage is reading the client (same permission, same
 * not-found), and the failure list shows only the clients the caller could read.
 */
export class UsageHourService {
  constructor(
    private readonly store: Store,
    private readonly clients: ClientService,
    private readonly pending: PendingUsage,
    private readonly now: () => number = Date.now,
  ) {}

  async clientUsage(ctx: Context, id: string, range: { startTime?: number; endTime?: number }, scope?: WorkspaceScope): Promise<ClientUsage> {
    const client = await this.clients.get(ctx, id, scope);
    const now = this.now();
    // The end rounds up to a whole hour, so the hour under way (and the counts not yet written,
    // which are mostly of it) is on the chart; the start rounds down.
    const end = ceilToHour(range.endTime ?? now);
    const start = truncateToHour(range.startTime ?? end - 7 * DAY_MS);
    if (start >= end) {
      throw invalidArgument('startTime must be before endTime (startTime is rounded down, endTime up, to whole hours).', [{ field: 'startTime', description: 'before endTime' }]);
    }
    if (end - start > RETENTION_MS) {
      throw invalidArgument('The range from startTime to endTime may span at most 30 days.', [{ field: 'startTime', description: 'at most 30 days before endTime' }]);
    }
    if (start < truncateToHour(now - RETENTION_MS)) {
      throw invalidArgument('startTime may be at most 30 days ago: older counts are not kept.', [{ field: 'startTime', description: 'within the last 30 days' }]);
    }
    if (end > ceilToHour(now)) {
      throw invalidArgument('endTime may not be in the future.', [{ field: 'endTime', description: 'not after the current hour' }]);
    }
    const byHour = new Map<number, { tokensIssued: number; failedAuthentications: number }>();
    const add = (h: UsageHour) => {
      const slot = byHour.get(h.hourStart) ?? { tokensIssued: 0, failedAuthentications: 0 };
      slot.tokensIssued += h.tokensIssued;
      slot.failedAuthentications += h.failedAuthentications;
      byHour.set(h.hourStart, slot);
    };
    for (const h of await this.store.read.usageHours.listUsageHours(client.id, start, end)) add(h);
    for (const h of this.pending.pendingFor(client.id, start, end)) add(h);
    const hours: ClientUsage['hours'] = [];
    const totals = { tokensIssued: 0, failedAuthentications: 0 };
    for (let hourStart = start; hourStart < end; hourStart += HOUR_MS) {
      const counts = byHour.get(hourStart) ?? { tokensIssued: 0, failedAuthentications: 0 };
      hours.push({ hourStart, ...counts });
      totals.tokensIssued += counts.tokensIssued;
      totals.failedAuthentications += counts.failedAuthentications;
    }
    return { client, startTime: start, endTime: end, hours, totals };
  }

  /** Clients of the caller's organization (of the scope's workspace) with failures since `since`, most first, at most 100. */
  async failingClients(ctx: Context, query: { since?: number }, scope?: WorkspaceScope): Promise<FailingClient[]> {
    requirePermission(ctx, ADMIN_PERMISSIONS.clientsRead);
    await checkWorkspace(ctx, this.store.read, scope);
    const now = this.now();
    const since = query.since ?? now - DAY_MS;
    if (since < now - RETENTION_MS) {
      throw invalidArgument('since may be at most 30 days ago: older counts are not kept.', [{ field: 'since', description: 'within the last 30 days' }]);
    }
    if (since > now) throw invalidArgument('since may not be in the future.', [{ field: 'since', description: 'not after now' }]);
    const stored = await this.store.read.usageHours.listFailingClients(ctx.orgId, since, FAILING_CLIENTS_LIMIT * 2, scope?.workspaceId);
    const unwritten = this.pending.pendingSince(since).filter((h) => h.failedAuthentications > 0 && (h.lastFailureTime === null || h.lastFailureTime >= since));
    if (unwritten.length === 0) return stored.slice(0, FAILING_CLIENTS_LIMIT);

    // Merge this instance's unwritten failures in; clients only it has seen fail are looked up
    // in one query (and kept only if they are the caller's).
    const merged = new Map(stored.map((c) => [c.apiClientId, { ...c }]));
    const unknown = new Set<string>();
    for (const h of unwritten) if (!merged.has(h.apiClientId)) unknown.add(h.apiClientId);
    if (unknown.size > 0) {
      for (const client of await this.store.read.usageHours.findFailingClientShapes(ctx.orgId, [...unknown], scope?.workspaceId)) merged.set(client.apiClientId, client);
    }
    for (const h of unwritten) {
      const entry = merged.get(h.apiClientId);
      if (!entry) continue;
      entry.failedAuthentications += h.failedAuthentications;
      if (h.lastFailureTime !== null && (entry.lastFailureTime === null || entry.lastFailureTime < h.lastFailureTime)) entry.lastFailureTime = h.lastFailureTime;
    }
    return [...merged.values()]
      .sort((a, b) => b.failedAuthentications - a.failedAuthentications || (b.lastFailureTime ?? 0) - (a.lastFailureTime ?? 0) || a.apiClientId.localeCompare(b.apiClientId))
      .slice(0, FAILING_CLIENTS_LIMIT);
  }
}

const truncateToHour = (ms: number) => ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);
const ceilToHour = (ms: number) => {
  const floor = truncateToHour(ms);
  return floor === ms ? ms : floor + HOUR_MS;
};
