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
   * Makes the caller's transaction the only writer until it ends. SQLite already is (BEGIN
   * IMMEDIATE); on PostgreSQL this takes the event log's advisory lock before the mutation reads
   * anything, so that two read-modify-write requests on one resource cannot lose an update, and
   * sequences increase in commit order (see the migration).
   */
  serializeWriters(): Promise<void>;
  /** Appends in the caller's transaction, which holds the writer lock; returns the event with its sequence. */
  appendEvent(event: NewEvent): Promise<AuditEvent>;
  listEventsByOrg(orgId: string, query: { filter: FilterTerm[]; pageSize: number; pageToken?: string }): Promise<Page<AuditEvent>>;
  /** Events after a sequence, across organizations: the feed that cache invalidation tails. */
  listEventsAfter(sequence: number, limit: number): Promise<AuditEvent[]>;
  lastSequence(): Promise<number>;
  /**
   * Sequence and time of the first and last event of each resource, in two queries however many
   * resources are asked for (Zitadel's `details` of a listed page). A resource without events is
   * absent from the map.
   */
  findEventSpans(orgId: string, resources: readonly string[]): Promise<Map<string, EventSpan>>;
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

/** The advisory lock that serialises mutations on PostgreSQL. */
const WRITER_LOCK = 7_345_002;

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
    async serializeWriters() {
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`.execute(db);
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
