import { DuplicateKeyError, KeywardError, unavailable } from '../domain/errors.js';

/**
 * The store speaks in domain errors: every query's driver error passes through
 * `toDomainError` (see db.ts), so the HTTP layer, the CLI and the use cases all meet a conflict
 * as already_exists, a refused value as invalid_argument and an outage as unavailable, whichever
 * engine runs underneath. The driver's error stays reachable as `cause`.
 */
export function toDomainError(error: unknown): unknown {
  if (error instanceof KeywardError) return error;
  if (isUniqueViolation(error)) return new DuplicateKeyError(error);
  if (isInvalidValue(error)) {
    return new KeywardError('invalid_argument', 'The request holds a value that cannot be stored or looked up (a NUL character, or a number out of range).', { cause: error });
  }
  if (isStorageUnavailable(error)) return unavailable('The store is unavailable; retry shortly.', error);
  return error;
}

/** The driver's own error behind a translated one: what engine-specific retries look at. */
export const driverError = (error: unknown): unknown => (error instanceof KeywardError && error.cause !== undefined ? error.cause : error);

/** Classifies driver errors (and the store's translation of them), so callers can answer 409 or 503 instead of 500. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof DuplicateKeyError) return true;
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const UNAVAILABLE_PG = /^(08|53|57P0[1-3])/;
const UNAVAILABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|Client was closed and is not queryable/i;
const UNAVAILABLE_SQLITE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']);

/** The store cannot serve right now (down, full, locked, pool exhausted): a 503, never a false success. */
export function isStorageUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (UNAVAILABLE_NODE.has(code) || UNAVAILABLE_PG.test(code)) return true;
    if ([...UNAVAILABLE_SQLITE].some((c) => code.startsWith(c))) return true;
  }
  // node-postgres reports a connection lost inside a transaction by message only, and the
  // ROLLBACK that follows fails with "Client has encountered a connection error", hiding the first.
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}

/**
 * PostgreSQL refused a value the caller sent (class 22, data exception: a NUL character in text,
 * a number out of range, a malformed literal). Caller input, so a 400, not a 500. SQLite
 * stores such values as they are.
 */
export function isInvalidValue(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) && (error as { severity?: unknown }).severity !== undefined;
}
