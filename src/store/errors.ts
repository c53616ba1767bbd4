/** Classifies driver errors, so callers can answer 409 or 503 instead of 500. */
export function isUniqueViolation(error: unknown): boolean {
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
