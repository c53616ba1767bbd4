import { invalidArgument } from './errors.js';

/** AIP-158: pageSize defaults to 50, larger values are coerced down to 1000. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export function pageSizeOf(requested: number | undefined): number {
  if (requested === undefined || requested === 0) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(requested) || requested < 0) {
    throw invalidArgument('pageSize must be a positive integer.', [
      { field: 'pageSize', description: 'use a whole number between 1 and 1000' },
    ]);
  }
  return Math.min(requested, MAX_PAGE_SIZE);
}

/**
 * Page tokens are opaque to callers: base64url of the keyset position (sort value and id of
 * the last item) plus a fingerprint of the query, so a token cannot be replayed with another
 * filter or order.
 */
export interface Cursor {
  after: [string | number, string];
  query: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(token: string | undefined, query: string): Cursor | undefined {
  if (!token) return undefined;
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
    if (
      cursor.query === query &&
      Array.isArray(cursor.after) &&
      cursor.after.length === 2 &&
      // Sort values are names or epoch-ms/sequence integers; anything else in a forged token
      // would reach the SQL parameters (a 500 on either engine) instead of a 400.
      (typeof cursor.after[0] === 'string' || Number.isSafeInteger(cursor.after[0])) &&
      typeof cursor.after[1] === 'string'
    ) {
      return cursor;
    }
  } catch {
    // fall through: any undecodable token is the caller's mistake, answered below
  }
  throw invalidArgument('pageToken is not valid for this request.', [
    { field: 'pageToken', description: 'pass the nextPageToken of the previous page, with the same filter and orderBy' },
  ], 'page_token');
}
