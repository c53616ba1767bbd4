import type { Delivery, DeliveryAttempt, DeliveryAttemptOutcome, DeliveryStatus } from '../domain/webhooks.js';
import type { Page } from '../domain/model.js';
import type { Dialect, Executor } from './db.js';
import { keysetPage } from './keyset.js';
import type { WebhookDeliveriesTable, WebhookDeliveryAttemptsTable } from './schema.js';

export interface ClaimRequest {
  now: number;
  /** Who claims (one id per dispatcher) and until when the claim holds. */
  claimant: string;
  lockedUntil: number;
  /** Deliveries to claim at most. */
  limit: number;
  /** At most this many in flight per webhook, counting `inFlight`. */
  perWebhookLimit: number;
  /** What this dispatcher already has in flight, per webhook id. */
  inFlight: ReadonlyMap<string, number>;
}

export interface AttemptRecord {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptTime: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  time: number;
  /**
   * The claim stays with the claimant: what is recorded is an earlier attempt whose claim lapsed
   * (see ClaimedDelivery), and the claimant sends the delivery again now.
   */
  keepClaim?: boolean;
  /** The attempt's entry in the history, numbered by the store; absent when nothing was sent. */
  history?: {
    attempt: Omit<DeliveryAttempt, 'attempt' | 'deliveryId'>;
    /** How many of the delivery's newest attempts stay; older ones are removed. */
    keep: number;
  };
}

/**
 * A claimed delivery. `lapsedClaim` is set when another dispatcher had claimed it and never
 * recorded the outcome before its claim ran out: it died or stalled mid-attempt, and the
 * receiver may or may not have had the delivery.
 */
export interface ClaimedDelivery extends Delivery {
  lapsedClaim: { claimTime: number; lockedUntil: number } | null;
}

export interface DeliveryStore {
  insertDelivery(delivery: Delivery): Promise<void>;
  findDeliveryById(orgId: string, webhookId: string, id: string): Promise<Delivery | undefined>;
  listDeliveriesByWebhook(orgId: string, webhookId: string, query: { status?: DeliveryStatus; pageSize: number; pageToken?: string }): Promise<Page<Delivery>>;
  /**
   * Must run in a transaction: picks due rows across webhooks and marks them claimed (the
   * claim's time is the delivery's update time).
   */
  claimDueDeliveries(request: ClaimRequest): Promise<ClaimedDelivery[]>;
  /**
   * Writes an attempt's outcome and its history entry, and releases the claim (unless
   * `keepClaim`); false, and nothing written, if the claim was lost meanwhile. Must run in a
   * transaction.
   */
  recordDeliveryAttempt(id: string, claimant: string, record: AttemptRecord): Promise<boolean>;
  /** Oldest first. */
  listAttemptsByDelivery(orgId: string, deliveryId: string): Promise<DeliveryAttempt[]>;
  /** Pending deliveries of a webhook that stops receiving become `disabled`. */
  disablePendingDeliveries(orgId: string, webhookId: string, time: number): Promise<number>;
  /** Due now, with a fresh retry schedule; the claim, if any, is dropped. */
  requeueDelivery(orgId: string, webhookId: string, id: string, time: number): Promise<void>;
  countPendingDeliveries(): Promise<number>;
}

const toDelivery = (row: WebhookDeliveriesTable): Delivery => ({
  id: row.id,
  orgId: row.org_id,
  webhookId: row.webhook_id,
  eventSequence: Number(row.event_sequence),
  eventType: row.event_type,
  payload: row.payload,
  status: row.status as DeliveryStatus,
  attempts: row.attempts,
  nextAttemptTime: row.next_attempt_time,
  lastAttemptTime: row.last_attempt_time,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  createTime: row.create_time,
  updateTime: row.update_time,
});

const toDeliveryAttempt = (row: WebhookDeliveryAttemptsTable): DeliveryAttempt => ({
  id: row.id,
  orgId: row.org_id,
  deliveryId: row.delivery_id,
  attempt: row.attempt,
  startTime: row.start_time,
  durationMs: row.duration_ms,
  statusCode: row.status_code,
  outcome: row.outcome as DeliveryAttemptOutcome,
  message: row.message,
});

/** How many webhooks one claim looks at; enough that a few stuck receivers cannot hide the rest. */
const CLAIM_WEBHOOK_FANOUT = 100;

export function deliveryStore(db: Executor, dialect: Dialect): DeliveryStore {
  return {
    async insertDelivery(d) {
      await db
        .insertInto('webhook_deliveries')
        .values({
          id: d.id,
          org_id: d.orgId,
          webhook_id: d.webhookId,
          event_sequence: d.eventSequence,
          event_type: d.eventType,
          payload: d.payload,
          status: d.status,
          attempts: d.attempts,
          next_attempt_time: d.nextAttemptTime,
          last_attempt_time: d.lastAttemptTime,
          last_status_code: d.lastStatusCode,
          last_error: d.lastError,
          locked_until: null,
          claimed_by: null,
          create_time: d.createTime,
          update_time: d.updateTime,
        })
        .execute();
    },
    async findDeliveryById(orgId, webhookId, id) {
      const row = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('webhook_id', '=', webhookId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toDelivery(row);
    },
    listDeliveriesByWebhook(orgId, webhookId, query) {
      let q = db.selectFrom('webhook_deliveries').selectAll().where('org_id', '=', orgId).where('webhook_id', '=', webhookId);
      if (query.status) q = q.where('status', '=', query.status);
      return keysetPage(
        q,
        { sortColumn: 'create_time', idColumn: 'id', descending: true, pageSize: query.pageSize, pageToken: query.pageToken, fingerprint: `deliveries:${query.status ?? ''}` },
        toDelivery,
        (row) => row.create_time,
      );
    },
    async claimDueDeliveries(request) {
      const { now } = request;
      // One due query per webhook rather than one over all rows: a receiver with a backlog of
      // thousands must not fill every slot while another webhook's single event waits.
      const full = [...request.inFlight].filter(([, n]) => n >= request.perWebhookLimit).map(([id]) => id);
      let candidates = db
        .selectFrom('webhook_deliveries')
        .select('webhook_id')
        .select((eb) => eb.fn.min('next_attempt_time').as('first_due'))
        .where('status', '=', 'pending')
        .where('next_attempt_time', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .where('webhook_id', 'in', db.selectFrom('webhooks').select('id').where('enabled', '=', 1))
        .groupBy('webhook_id')
        .orderBy('first_due')
        .limit(CLAIM_WEBHOOK_FANOUT);
      if (full.length > 0) candidates = candidates.where('webhook_id', 'not in', full);
      const webhookIds = (await candidates.execute()).map((r) => r.webhook_id);

      const claimed: WebhookDeliveriesTable[] = [];
      for (const webhookId of webhookIds) {
        const room = Math.min(request.limit - claimed.length, request.perWebhookLimit - (request.inFlight.get(webhookId) ?? 0));
        if (room <= 0) continue;
        let due = db
          .selectFrom('webhook_deliveries')
          .selectAll()
          .where('webhook_id', '=', webhookId)
          .where('status', '=', 'pending')
          .where('next_attempt_time', '<=', now)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
          .orderBy('next_attempt_time')
          .orderBy('id')
          .limit(room);
        // Several instances on one PostgreSQL: rows another claimer is locking are passed over,
        // not waited for. SQLite needs nothing: the claim runs under BEGIN IMMEDIATE.
        if (dialect === 'postgres') due = due.forUpdate().skipLocked();
        claimed.push(...(await due.execute()));
        if (claimed.length >= request.limit) break;
      }
      if (claimed.length === 0) return [];
      await db
        .updateTable('webhook_deliveries')
        .set({ locked_until: request.lockedUntil, claimed_by: request.claimant, update_time: now })
        .where('id', 'in', claimed.map((r) => r.id))
        .execute();
      return claimed.map((row) => ({
        ...toDelivery(row),
        // Recording an attempt or requeueing clears claimed_by, so one still set here ran out.
        lapsedClaim: row.claimed_by !== null && row.locked_until !== null ? { claimTime: row.update_time, lockedUntil: row.locked_until } : null,
      }));
    },
    async recordDeliveryAttempt(id, claimant, r) {
      const result = await db
        .updateTable('webhook_deliveries')
        .set({
          status: r.status,
          attempts: r.attempts,
          next_attempt_time: r.nextAttemptTime,
          last_attempt_time: r.time,
          last_status_code: r.lastStatusCode,
          last_error: r.lastError,
          ...(r.keepClaim ? {} : { locked_until: null, claimed_by: null }),
          update_time: r.time,
        })
        .where('id', '=', id)
        .where('claimed_by', '=', claimant)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      if (r.history) {
        // The update above holds the delivery's row (PostgreSQL) or the writer (SQLite) until
        // commit, so no other recorder can take the same number; the unique index backs that up.
        const { attempt: a, keep } = r.history;
        const last = await db
          .selectFrom('webhook_delivery_attempts')
          .select((eb) => eb.fn.max('attempt').as('n'))
          .where('delivery_id', '=', id)
          .executeTakeFirst();
        const attempt = Number(last?.n ?? 0) + 1;
        await db
          .insertInto('webhook_delivery_attempts')
          .values({
            id: a.id,
            org_id: a.orgId,
            delivery_id: id,
            attempt,
            start_time: a.startTime,
            duration_ms: a.durationMs,
            status_code: a.statusCode,
            outcome: a.outcome,
            message: a.message,
          })
          .execute();
        // The schedule bounds one round, but every redelivery starts another.
        if (attempt > keep) {
          await db.deleteFrom('webhook_delivery_attempts').where('delivery_id', '=', id).where('attempt', '<=', attempt - keep).execute();
        }
      }
      return true;
    },
    async listAttemptsByDelivery(orgId, deliveryId) {
      const rows = await db
        .selectFrom('webhook_delivery_attempts')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('delivery_id', '=', deliveryId)
        .orderBy('attempt')
        .execute();
      return rows.map(toDeliveryAttempt);
    },
    async disablePendingDeliveries(orgId, webhookId, time) {
      const result = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'disabled', next_attempt_time: null, update_time: time })
        .where('org_id', '=', orgId)
        .where('webhook_id', '=', webhookId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async requeueDelivery(orgId, webhookId, id, time) {
      await db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_time: time, locked_until: null, claimed_by: null, update_time: time })
        .where('org_id', '=', orgId)
        .where('webhook_id', '=', webhookId)
        .where('id', '=', id)
        .execute();
    },
    async countPendingDeliveries() {
      const row = await db
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
