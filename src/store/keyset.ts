import type { SelectQueryBuilder } from 'kysely';
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
  const op = options.descending ? '<' : '>';
  let q = query as SelectQueryBuilder<any, any, any>;
  if (cursor) {
    const [value, id] = cursor.after;
    q = q.where((eb: any) =>
      eb.or([eb(options.sortColumn, op, value), eb.and([eb(options.sortColumn, '=', value), eb(options.idColumn, op, id)])]),
    );
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
