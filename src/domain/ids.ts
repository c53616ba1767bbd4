import { randomFillSync } from 'node:crypto';

/**
 * Identifiers. Resource ids are harmless handles (they appear in URLs and logs); each kind has
 * its own prefix so that a misplaced id is recognisable at a glance. Secrets have a different
 * prefix family (see crypto/secrets) so a secret is never mistaken for an id, or the reverse.
 */
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// An admin write makes half a dozen ids; drawing each one's bytes from the system on its own
// costs more than the rest of making it. They come from a pool refilled 4 KiB at a time, as
// node:crypto does for its own UUIDs. Secrets do not use this (crypto/secrets draws its own).
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomBytesFromPool(size: number): Buffer {
  if (size > pool.length) return randomFillSync(Buffer.alloc(size));
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return bytes;
}

/** Uniformly random characters from `alphabet` (rejection sampling: no modulo bias). */
export function randomString(length: number, alphabet: string): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytesFromPool(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export const ID_PREFIX = {
  organization: 'org',
  workspace: 'ws',
  apiClient: 'ac',
  credential: 'cred',
  role: 'rol',
  event: 'evt',
  signingKey: 'key',
  webhook: 'wh',
  delivery: 'msg',
  deliveryAttempt: 'att',
  provider: 'prv',
  grant: 'grt',
  roleBinding: 'rb',
  registrationToken: 'rgt',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

/** 20 lowercase alphanumerics ≈ 103 bits: unguessable handles, not secrets. */
export function newId(kind: IdKind): string {
  return `${ID_PREFIX[kind]}_${randomString(20, LOWER_ALNUM)}`;
}

/** OAuth client ids are global (the token endpoint has no tenant in its path). */
export function newClientId(): string {
  return `kwc_${randomString(24, BASE62)}`;
}

/** Caller-chosen client ids (Docpier, Keycard): printable, no separators that Basic auth or URLs mangle. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,127}$/;
