/**
 * Audit event data keeps its times as epoch milliseconds, because services read them back (the
 * revocation list takes a revoked token's `expireTime` from `token.revoked`). What leaves
 * Keyward — the /v1 audit API and webhook payloads — says RFC 3339, as every /v1 resource does,
 * so both apply this one mapping to the data they show.
 *
 * A time is a member named `time` or ending in `Time` (AIP-142's naming, which every snapshot
 * follows: `expireTime`, `previousExpireTime`, `createTime`) whose value is a number; anywhere
 * in the data, `before` and `after` included. Strings are left alone: labels and settings are
 * the user's own words, whatever their keys.
 */
export function withRfc3339Times(data: Record<string, unknown>): Record<string, unknown> {
  return convert(data) as Record<string, unknown>;
}

function convert(value: unknown, key?: string): unknown {
  if (typeof value === 'number') return key !== undefined && isTimeKey(key) ? rfc3339OrSelf(value) : value;
  if (Array.isArray(value)) return value.map((item) => convert(item));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, k)]));
}

const isTimeKey = (key: string) => key === 'time' || key.endsWith('Time');

/** A number no Date can hold is shown as it is rather than failing the whole listing. */
function rfc3339OrSelf(ms: number): string | number {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? ms : date.toISOString();
}
