import { sql } from 'kysely';
import type { FilterTerm } from '../domain/filter.js';
import { filterTime } from '../domain/filter.js';
import type { AuditEvent, Page } from '../domain/model.js';
import type { Dialect, Executor } from './db.js';
import { like, likeLiteral } from './like.js';
import { fromJson, toJson } from './json.js';
import { keysetPage } from './keyset.js';
import type { Selectable } from 'kysely';
import type { EventsTable } from './schema.js';

export const EVENT_FILTER_FIELDS = {
  resource: ['=', ':'],
  type: ['=', ':'],
  actor: ['='],
  time: ['<', '<=', '>', '>='],
} as const;

export type NewEvent = Omit<AuditEvent, 'sequence'>;

export interface EventStore {
  /**
   * Makes the caller's transaction the only writer of one organization until it ends
   * (`exclusive`), or one of its writers that only add (`shared`: they exclude the exclusive
   * ones, not each other). Taken before the mutation reads anything, so that two
   * read-modify-write requests on one resource cannot lose an update. SQLite already has one
   * writer for everything (BEGIN IMMEDIATE). On PostgreSQL it is an advisory lock per
   * organization: writers of different organizations, or adding ones, do not wait for each
   * other, so a lower sequence may commit later, which `openFeed` allows for.
   */
  serializeWriters(orgId: string, mode?: 'exclusive' | 'shared'): Promise<void>;
  /** Appends in the caller's transaction, which holds the writer lock; returns the event with its sequence. */
  appendEvent(event: NewEvent): Promise<AuditEvent>;
  listEventsByOrg(orgId: string, query: { filter: FilterTerm[]; pageSize: number; pageToken?: string }): Promise<Page<AuditEvent>>;
  /** Events after a sequence, across organizations, in sequence order. */
  listEventsAfter(sequence: number, limit: number): Promise<AuditEvent[]>;
  /**
   * The feed that cache invalidation tails: every event committed from now on, each once, in
   * about the order of commit. Unlike `listEventsAfter`, it does not skip an event that commits
   * after a higher sequence was read.
   */
  openFeed(): Promise<EventFeed>;
  lastSequence(): Promise<number>;
  /**
   * Sequence and time of the first and last event of each resource, in two queries however many
   * resources are asked for (Zitadel's `details` of a listed page). A resource without events is
   * absent from the map.
   */
  findEventSpans(orgId: string, resources: readonly string[]): Promise<Map<string, EventSpan>>;
}

export interface EventFeed {
  /** At most `limit` events not returned before; fewer once the feed has caught up. */
  next(limit: number): Promise<AuditEvent[]>;
}

export interface EventMark {
  sequence: number;
  time: number;
}
export interface EventSpan {
  first: EventMark;
  last: EventMark;
}

/** Resources per query: far below either engine's limit of bound parameters. */
const SPAN_CHUNK = 500;

/** The class of the advisory locks that serialise one organization's mutations on PostgreSQL. */
const WRITER_LOCK = 7_345_002;

/**
 * The organization's key within WRITER_LOCK: 32-bit FNV-1a of its id, computed here so that every
 * instance agrees whatever the server's version. Two organizations sharing a key only wait for each other.
 */
export function writerLockKey(orgId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < orgId.length; i++) {
    hash ^= orgId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

const toEvent = (row: Selectable<EventsTable>): AuditEvent => ({
  sequence: Number(row.sequence),
  id: row.id,
  orgId: row.org_id,
  type: row.type,
  resource: row.resource,
  actor: row.actor,
  time: Number(row.time),
  data: fromJson(row.data, {}),
});


export function eventStore(db: Executor, dialect: Dialect): EventStore {
  return {
    async serializeWriters(orgId, mode = 'exclusive') {
      if (dialect !== 'postgres') return;
      const key = writerLockKey(orgId);
      const organizationLock = mode === 'shared' ? sql`pg_advisory_xact_lock_shared(${WRITER_LOCK}, ${key})` : sql`pg_advisory_xact_lock(${WRITER_LOCK}, ${key})`;
      // Releases before migration 017 take the single installation lock exclusively; holding it
      // shared, in the same round trip, keeps their writers and ours apart during a rolling upgrade.
      await sql`SELECT pg_advisory_xact_lock_shared(${WRITER_LOCK}::bigint), ${organizationLock}`.execute(db);
    },
    async appendEvent(event) {
      const values = {
        id: event.id,
        org_id: event.orgId,
        type: event.type,
        resource: event.resource,
        actor: event.actor,
        time: event.time,
        data: toJson(event.data),
      };
      const row =
        dialect === 'postgres'
          ? // The notification is delivered at commit and wakes the ChangeFeed of every other
            // instance (services/change-feed); sent by the same statement, it costs no round trip.
            await db
              .with('appended', (q) => q.insertInto('events').values(values).returning('sequence'))
              .selectFrom('appended')
              .select(['sequence', sql<string>`pg_notify('keyward_events', '')`.as('notified')])
              .executeTakeFirstOrThrow()
          : await db.insertInto('events').values(values).returning('sequence').executeTakeFirstOrThrow();
      return { ...event, sequence: Number(row.sequence) };
    },
    listEventsByOrg(orgId, query) {
      let q = db.selectFrom('events').selectAll().where('org_id', '=', orgId);
      for (const term of query.filter) {
        if (term.field === 'time') {
          q = q.where('time', term.op as '<' | '<=' | '>' | '>=', filterTime(term));
        } else {
          const column = term.field as 'resource' | 'type' | 'actor';
          // `resource: "apiClients/x"` also matches its children (apiClients/x/credentials/y).
          q = term.op === ':' ? q.where(like(column, `${likeLiteral(term.value)}%`)) : q.where(column, '=', term.value);
        }
      }
      return keysetPage(
        q,
        { sortColumn: 'sequence', idColumn: 'id', descending: true, pageSize: query.pageSize, pageToken: query.pageToken, fingerprint: JSON.stringify(query.filter) },
        toEvent,
        (row) => Number(row.sequence),
      );
    },
    async listEventsAfter(sequence, limit) {
      const rows = await db.selectFrom('events').selectAll().where('sequence', '>', sequence).orderBy('sequence').limit(limit).execute();
      return rows.map(toEvent);
    },
    async openFeed() {
      return dialect === 'postgres' ? openWatermarkFeed(db) : openSequenceFeed(db, await this.lastSequence());
    },
    async lastSequence() {
      const row = await db.selectFrom('events').select((eb) => eb.fn.max('sequence').as('s')).executeTakeFirst();
      return Number(row?.s ?? 0);
    },
    async findEventSpans(orgId, resources) {
      const spans = new Map<string, EventSpan>();
      const unique = [...new Set(resources)];
      for (let i = 0; i < unique.length; i += SPAN_CHUNK) {
        const bounds = await db
          .selectFrom('events')
          .select((eb) => ['resource', eb.fn.min('sequence').as('first'), eb.fn.max('sequence').as('last')])
          .where('org_id', '=', orgId)
          .where('resource', 'in', unique.slice(i, i + SPAN_CHUNK))
          .groupBy('resource')
          .execute();
        if (bounds.length === 0) continue;
        const times = new Map<number, number>();
        const marks = await db
          .selectFrom('events')
          .select(['sequence', 'time'])
          .where('sequence', 'in', [...new Set(bounds.flatMap((b) => [Number(b.first), Number(b.last)]))])
          .execute();
        for (const row of marks) times.set(Number(row.sequence), Number(row.time));
        for (const b of bounds) {
          const first = Number(b.first);
          const last = Number(b.last);
          spans.set(b.resource, { first: { sequence: first, time: times.get(first)! }, last: { sequence: last, time: times.get(last)! } });
        }
      }
      return spans;
    },
  };
}

/** SQLite has one writer: sequences are assigned in commit order, and a cursor on them misses nothing. */
function openSequenceFeed(db: Executor, from: number): EventFeed {
  let last = from;
  return {
    async next(limit) {
      const rows = await db.selectFrom('events').selectAll().where('sequence', '>', last).orderBy('sequence').limit(limit).execute();
      if (rows.length > 0) last = Number(rows[rows.length - 1]!.sequence);
      return rows.map(toEvent);
    },
  };
}

/**
 * PostgreSQL writers of different organizations commit in any order: a transaction may take
 * sequence 10, and commit after one that took 11 was read. Every event records the transaction
 * that wrote it (`xid`, migration 017), and `pg_snapshot_xmin` of a snapshot is a watermark: every
 * transaction below it has ended, so every event they wrote is visible.
 *
 * The feed reads twice. Ahead, events above the highest sequence read, as soon as they are
 * visible (cache invalidation must not wait for the slowest transaction in the cluster). Behind,
 * the events of transactions between the last watermark and the current one with a sequence
 * already passed: those committed late; the ones returned ahead are remembered (`unsettled`,
 * sequence → xid) until the watermark passes their transaction, so that none comes twice. A
 * transaction not yet ended when the ahead read passed its sequence had, or will get, an xid at
 * or above that read's watermark, so the behind read of a later watermark finds it.
 */
async function openWatermarkFeed(db: Executor): Promise<EventFeed> {
  // One statement, one snapshot: what is visible now is history, not news.
  const start = await sql<{ xmin: string; last: number | null; sequence: number | null; xid: string | null }>`
    WITH snap AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
    SELECT snap.xmin::text AS xmin, (SELECT max(sequence) FROM events) AS last, e.sequence, e.xid::text AS xid
    FROM snap LEFT JOIN events e ON e.xid >= snap.xmin`.execute(db);
  let watermark = BigInt(start.rows[0]!.xmin);
  let ahead = Number(start.rows[0]!.last ?? 0);
  const unsettled = new Map<number, bigint>();
  for (const row of start.rows) if (row.sequence !== null) unsettled.set(Number(row.sequence), BigInt(row.xid!));

  const settleBelow = (xmin: bigint) => {
    watermark = xmin;
    for (const [sequence, xid] of unsettled) if (xid < watermark) unsettled.delete(sequence);
  };

  return {
    async next(limit) {
      // The state changes only once every read has succeeded: a failed read (the database went
      // away) leaves it as it was, and the next call returns the same events, none lost.
      const fresh = await sql<Selectable<EventsTable> & { xid_text: string | null }>`
        SELECT e.*, e.xid::text AS xid_text FROM events e WHERE e.sequence > ${ahead} ORDER BY e.sequence LIMIT ${limit}`.execute(db);
      const events = fresh.rows.map(toEvent);
      const passed = fresh.rows.length > 0 ? Number(fresh.rows[fresh.rows.length - 1]!.sequence) : ahead;
      const returned: Array<[number, bigint]> = [];
      for (const row of fresh.rows) if (row.xid_text !== null) returned.push([Number(row.sequence), BigInt(row.xid_text)]);
      const remember = () => {
        ahead = passed;
        for (const [sequence, xid] of returned) if (xid >= watermark) unsettled.set(sequence, xid);
      };
      if (fresh.rows.length >= limit) {
        remember();
        return events;
      }

      // Only the range of transactions in SQL, so that it is the condition of the xid index:
      // with the sequence beside it the planner may walk the primary key over the whole log.
      // Events above `passed` that committed since the read above come with the next one.
      const behind = await sql<{ xmin: string; sequence: number | null; xid: string | null }>`
        WITH snap AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
        SELECT snap.xmin::text AS xmin, e.sequence, e.xid::text AS xid
        FROM snap LEFT JOIN events e ON e.xid >= ${watermark.toString()}::xid8 AND e.xid < snap.xmin`.execute(db);
      const fromFresh = new Set(returned.map(([sequence]) => sequence));
      const late = behind.rows
        .map((row) => (row.sequence === null ? null : Number(row.sequence)))
        .filter((sequence): sequence is number => sequence !== null && sequence <= passed && !unsettled.has(sequence) && !fromFresh.has(sequence));
      if (late.length > 0) {
        const rows = await db.selectFrom('events').selectAll().where('sequence', 'in', late).orderBy('sequence').execute();
        events.push(...rows.map(toEvent));
      }
      remember();
      settleBelow(BigInt(behind.rows[0]!.xmin));
      return events;
    },
  };
}
