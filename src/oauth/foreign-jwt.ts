import { compactVerify } from 'jose';
import type { KeyObject } from 'node:crypto';
import { algFitsKey, CLIENT_ASSERTION_ALGS, jwkToKeyObject, type PublicJwk } from '../crypto/client-keys.js';
import { decodeJwt } from '../crypto/jwt.js';

/**
 * Checks shared by every JWT Keyward did not sign: client assertions (private_key_jwt) and
 * providers' tokens (federation, admin sign-in). The algorithm comes from an allow-list and must
 * fit the key it is checked with; the header can never supply or point at a key; claims are
 * checked here with messages a client developer can act on.
 */
export const CLOCK_LEEWAY_SECONDS = 15;

export interface ForeignJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export function decodeForeignJwt(token: string | undefined): ForeignJwt | null {
  if (!token) return null;
  const decoded = decodeJwt(token);
  return decoded && { header: decoded.header, claims: decoded.claims };
}

const EMBEDDED_KEY_HEADERS = ['jwk', 'jku', 'x5u', 'x5c'];

/** Why the header is unacceptable, or null. `typs` lists the accepted `typ` values (lowercase, absent always allowed). */
export function headerProblem(header: Record<string, unknown>, typs: readonly string[]): string | null {
  const alg = header.alg;
  if (typeof alg !== 'string' || !(CLIENT_ASSERTION_ALGS as readonly string[]).includes(alg)) {
    return `alg ${JSON.stringify(alg ?? null).slice(0, 20)} is not accepted; sign with RS256, ES256 or EdDSA`;
  }
  const embedded = EMBEDDED_KEY_HEADERS.find((h) => header[h] !== undefined);
  if (embedded) return `the ${embedded} header is not accepted: keys come from the registered key set only`;
  if (header.crit !== undefined) return 'the crit header names extensions Keyward does not understand';
  if (header.kid !== undefined && (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 200)) {
    return 'kid must be a string of 1 to 200 characters';
  }
  if (header.typ !== undefined) {
    const typ = typeof header.typ === 'string' ? header.typ.toLowerCase().replace(/^application\//, '') : '';
    if (!typs.includes(typ)) return `typ ${JSON.stringify(header.typ).slice(0, 40)} is not accepted here`;
  }
  return null;
}

const keyObjects = new WeakMap<PublicJwk, KeyObject>();

function keyObjectOf(jwk: PublicJwk): KeyObject | null {
  let key = keyObjects.get(jwk);
  if (!key) {
    try {
      key = jwkToKeyObject(jwk);
    } catch {
      return null;
    }
    keyObjects.set(jwk, key);
  }
  return key;
}

export type SignatureOutcome<T> = { verified: T; claims: Record<string, unknown> } | { verified: null; noCandidate: boolean };

/**
 * Tries the keys that could have made this signature (kid, algorithm and key type agree; a
 * few at most) and reports which one did. `noCandidate` says no key even qualified: the
 * caller's cue to refetch a remote set.
 */
export async function verifySignature<T>(token: string, header: Record<string, unknown>, keys: { key: PublicJwk; source: T }[]): Promise<SignatureOutcome<T>> {
  const alg = header.alg as string;
  const candidates = keys
    .filter(({ key }) => (header.kid === undefined || key.kid === header.kid) && (key.use === undefined || key.use === 'sig') && algFitsKey(alg, key))
    .slice(0, 10);
  for (const { key, source } of candidates) {
    const object = keyObjectOf(key);
    if (!object) continue;
    try {
      const { payload } = await compactVerify(token, object, { algorithms: [alg] });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as unknown;
      if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return { verified: null, noCandidate: false };
      return { verified: source, claims: claims as Record<string, unknown> };
    } catch {
      // a wrong key among the candidates; the next may fit
    }
  }
  return { verified: null, noCandidate: candidates.length === 0 };
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** exp required; nbf and iat, when present, not in the future; exp at most `maxLifetime` seconds ahead when given. */
export function timeProblem(claims: Record<string, unknown>, maxLifetime?: number): string | null {
  const now = Math.floor(Date.now() / 1000);
  if (!isTime(claims.exp)) return 'the exp claim is required';
  if (claims.exp <= now - CLOCK_LEEWAY_SECONDS) return 'the token has expired (exp)';
  if (maxLifetime !== undefined && claims.exp > now + maxLifetime + CLOCK_LEEWAY_SECONDS) {
    return `exp lies more than ${maxLifetime} seconds ahead; sign short-lived assertions`;
  }
  if (claims.nbf !== undefined && (!isTime(claims.nbf) || claims.nbf > now + CLOCK_LEEWAY_SECONDS)) return 'the token is not valid yet (nbf)';
  if (claims.iat !== undefined && (!isTime(claims.iat) || claims.iat > now + CLOCK_LEEWAY_SECONDS)) return 'the token was issued in the future (iat)';
  return null;
}

export function audiences(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}
