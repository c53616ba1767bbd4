import { verify, type KeyObject } from 'node:crypto';
import { algFitsKey, CLIENT_ASSERTION_ALGS, jwkToKeyObject, type PublicJwk } from '../crypto/client-keys.js';
import { decodeJwt, type DecodedJwt } from '../crypto/jwt.js';

/**
 * Checks shared by every JWT Keyward did not sign: client assertions (private_key_jwt) and
 * providers' tokens (federation, admin sign-in). The algorithm comes from an allow-list and must
 * fit the key it is checked with; the header can never supply or point at a key; claims are
 * checked here with messages a client developer can act on.
 *
 * Signatures are checked with node:crypto directly, as Keyward's own tokens are: a JOSE
 * library's generic path goes through WebCrypto and cost a fresh private_key_jwt request a
 * quarter of its time. What such a library adds is done here: the allow-listed algorithm must
 * fit the key, RSA keys need 2048 bits, every part must be strict base64url (decodeJwt), and
 * `crit` is refused (headerProblem). The tests check the outcome against `jose`.
 */
export const CLOCK_LEEWAY_SECONDS = 15;

export type ForeignJwt = DecodedJwt;

let lastDecoded: { token: string; decoded: DecodedJwt | null } | undefined;

/**
 * Decodes without trusting anything. The same assertion is looked at by each method's
 * `applies` and then by `authenticate`; the last one decoded is kept so it is parsed once.
 */
export function decodeForeignJwt(token: string | undefined): ForeignJwt | null {
  if (!token) return null;
  if (lastDecoded?.token === token) return lastDecoded.decoded;
  const decoded = decodeJwt(token);
  lastDecoded = { token, decoded };
  return decoded;
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

const keyObjects = new WeakMap<PublicJwk, KeyObject | null>();

/** The key as node:crypto uses it, or null when it cannot verify (malformed, or RSA under 2048 bits). */
function keyObjectOf(jwk: PublicJwk): KeyObject | null {
  let key = keyObjects.get(jwk);
  if (key === undefined) {
    try {
      key = jwkToKeyObject(jwk);
      if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) key = null;
    } catch {
      key = null;
    }
    keyObjects.set(jwk, key);
  }
  return key;
}

export type SignatureOutcome<T> = { verified: T; claims: Record<string, unknown> } | { verified: null; noCandidate: boolean };

/**
 * Tries the keys that could have made this signature (kid, algorithm and key type agree; a
 * few at most) and reports which one did. `noCandidate` says no key even qualified: the
 * caller's cue to refetch a remote set. The header must have passed headerProblem first.
 */
export function verifySignature<T>(token: DecodedJwt, keys: { key: PublicJwk; source: T }[]): SignatureOutcome<T> {
  const { header } = token;
  const alg = header.alg as string;
  const candidates = keys
    .filter(({ key }) => (header.kid === undefined || key.kid === header.kid) && (key.use === undefined || key.use === 'sig') && algFitsKey(alg, key))
    .slice(0, 10);
  const signedBytes = Buffer.from(token.signingInput);
  const digest = alg === 'EdDSA' ? null : 'sha256';
  for (const { key, source } of candidates) {
    const object = keyObjectOf(key);
    if (!object) continue;
    let valid = false;
    try {
      valid = verify(digest, signedBytes, { key: object, dsaEncoding: 'ieee-p1363' }, token.signature);
    } catch {
      // a key node:crypto cannot use for this algorithm; the next may fit
    }
    if (valid) return { verified: source, claims: token.claims };
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
