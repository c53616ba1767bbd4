import { parseFilter } from '../domain/filter.js';
import type { AuditEvent, Context, Page } from '../domain/model.js';
import { pageSizeOf } from '../domain/paging.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { EVENT_FILTER_FIELDS } from '../store/events.js';
import type { Store } from '../store/index.js';
import { requirePermission } from './authorization.js';

export class AuditService {
  constructor(private readonly store: Store) {}

  /** Newest first. `filter` is AIP-160: resource, type, actor, time. */
  async list(ctx: Context, query: { filter?: string; pageSize?: number; pageToken?: string }): Promise<Page<AuditEvent>> {
    requirePermission(ctx, ADMIN_PERMISSIONS.auditRead);
    const filter = parseFilter(query.filter, EVENT_FILTER_FIELDS as unknown as Record<string, ('=' | ':' | '<' | '<=' | '>' | '>=')[]>);
    return this.store.read.events.listEventsByOrg(ctx.orgId, { filter, pageSize: pageSizeOf(query.pageSize), pageToken: query.pageToken });
  }

  /** Zitadel's `details`: sequence and dates of each resource's first and last events, in one batched read. */
  async spans(orgId: string, resources: readonly string[]) {
    return this.store.read.events.findEventSpans(orgId, resources);
  }
}
