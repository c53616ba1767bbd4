import type { SelectQueryBuilder } from 'kysely';
import { invalidArgument } from '../domain/errors.js';
import { decodeCursor, encodeCursor, type Cursor } from '../domain/paging.js';
import type { Page } from '../domain/model.js';

/**
 * Keyset pagination: each page continues after the (sort value, id) of the previous page's last
 * row, so page 1,000 costs what page 1 costs (an index range scan, no OFFSET).
 */
export interface KeysetOptions {
  /** The sort column and the id column, both qualified as the query names them. */
  sortColumn: string;
  idColumn: string;
  descending: boolean;
  pageSize: number;
  pageToken: string | undefined;
  /** A fingerprint of the filter and order; a token only continues the same query. */
  fingerprint: string;
}

// Kysely's types cannot follow dynamic column names; the callers pass columns they own.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function keysetPage<Row extends Record<string, any>, T>(
  query: SelectQueryBuilder<any, any, Row>,
  options: KeysetOptions,
  map: (row: Row) => T,
  sortValueOf: (row: Row) => string | number,
): Promise<Page<T>> {
  const cursor = decodeCursor(options.pageToken, options.fingerprint);
  // A forged token may carry a name where the column holds integers (or the reverse); PostgreSQL
  // would fail the cast with a 500. Integer sort columns are the `*_time` and `sequence` ones.
  if (cursor && (typeof cursor.after[0] === 'number') !== /(^|[._])(sequence|\w+_time)$/.test(options.sortColumn)) {
    throw invalidArgument('pageToken is not valid for this request.', [{ field: 'pageToken', description: 'pass the nextPageToken of the previous page' }], 'page_token');
  }
  const op = options.descending ? '<' : '>';
  let q = query as SelectQueryBuilder<any, any, any>;
  if (cursor) {
    const [value, id] = cursor.after;
    // A row-value comparison, (sort, id) > (v, id), is what both engines turn into an index
    // range scan; the equivalent OR of two conditions made SQLite scan the whole organization.
    q = q.where((eb: any) => eb(eb.refTuple(options.sortColumn, options.idColumn), op, eb.tuple(value, id)));
  }
  const direction = options.descending ? 'desc' : 'asc';
  const rows = (await q
    .orderBy(options.sortColumn, direction)
    .orderBy(options.idColumn, direction)
    .limit(options.pageSize + 1)
    .execute()) as Row[];
  const more = rows.length > options.pageSize;
  const pageRows = more ? rows.slice(0, options.pageSize) : rows;
  const last = pageRows[pageRows.length - 1];
  const next: Cursor | undefined = more && last ? { after: [sortValueOf(last), last.id as string], query: options.fingerprint } : undefined;
  return { items: pageRows.map(map), nextPageToken: next ? encodeCursor(next) : '' };
}
