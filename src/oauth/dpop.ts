import { createHash, createHmac, randomBytes, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { algFitsKey, CLIENT_ASSERTION_ALGS, holdsPrivateMembers, jwkToKeyObject, publicJwkProblem, type PublicJwk } from '../crypto/client-keys.js';
import { decodeJwt } from '../crypto/jwt.js';
import { KeywardError } from '../domain/errors.js';
import type { AssertionLedger } from '../runtime/assertion-ledger.js';
import { CLOCK_LEEWAY_SECONDS } from './foreign-jwt.js';

/**
 * RFC 9449 proofs of possession. A proof is a JWT the client signs with the private half of
 * the key in its header, for one request: method and URL (`htm`, `htu`), a time (`iat`), a
 * unique id (`jti`), with an access token its hash (`ath`), with server nonces the nonce. A
 * token issued with a proof carries the key's thumbprint (`cnf.jkt`) and is worth nothing
 * without that key.
 */
export const DPOP_ALGS = CLIENT_ASSERTION_ALGS;

/** How old a proof may be: enough for a slow network, short enough that a captured proof is useless soon. */
export const PROOF_MAX_AGE_SECONDS = 60;

/** What the request a proof is for looks like. `accessToken` is set where a token is presented (a resource), not at the token endpoint. */
export interface ProofTarget {
  method: string;
  /** The request's URL as the client addressed it, without query and fragment. */
  url: string;
  accessToken?: string;
  /** Where nonces are asked for (the token endpoint, when configured). */
  nonces?: DpopNonces;
}

export interface VerifiedProof {
  /** RFC 7638 SHA-256 thumbprint of the proof's key: what `cnf.jkt` carries. */
  jkt: string;
}

/** A proof whose every check passed but the last: that its `jti` was not used before. */
export interface CheckedProof extends VerifiedProof {
  jti: string;
  iat: number;
  /** The nonce's slot, when the proof carries one of this instance's nonces. */
  nonceSlot: number | null;
}

const invalidProof = (reason: string) => new KeywardError('invalid_dpop_proof', `The DPoP proof is not valid: ${reason}.`);

/** RFC 7638: the required members of each key type, in lexicographic order, hashed. */
export function jwkThumbprint(jwk: PublicJwk): string {
  const members = jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : jwk.kty === 'OKP' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/** RFC 9449 §4.2: `ath` is the base64url SHA-256 of the access token's ASCII. */
export const accessTokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A request URL without query and fragment, normalised as RFC 3986 §6.2.2 and §6.2.3 allow (case of scheme and host, default port). */
function comparableUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return null;
  }
}

/**
 * Keys a client sends again with every proof: validating the same JWK and turning it into a key
 * object each time would be the dearest step of a proof after its signature. Kept by
 * thumbprint (the members that make the key), bounded; what the thumbprint leaves out (private
 * members, `use`) is checked on every proof.
 */
const KEY_CACHE_LIMIT = 10_000;
const keyObjects = new Map<string, KeyObject>();

function proofKey(jwk: unknown): { jkt: string; key: KeyObject } {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw invalidProof('the jwk header (the public key) is required');
  const candidate = jwk as PublicJwk;
  if (holdsPrivateMembers(candidate)) throw invalidProof('the jwk header holds private or symmetric key material; put the public key only in it');
  if (candidate.use !== undefined && candidate.use !== 'sig') throw invalidProof('the jwk header\'s use must be "sig"');
  const jkt = jwkThumbprint(candidate);
  let key = keyObjects.get(jkt);
  if (!key) {
    const problem = publicJwkProblem(candidate);
    if (problem) throw invalidProof(`the jwk header: ${problem}`);
    key = jwkToKeyObject(candidate);
    if (keyObjects.size >= KEY_CACHE_LIMIT) keyObjects.delete(keyObjects.keys().next().value!);
    keyObjects.set(jkt, key);
  }
  return { jkt, key };
}

export class DpopProofs {
  constructor(private readonly ledger: AssertionLedger) {}

  /**
   * Reads the `DPoP` header: null when the request carries none; a refusal when it carries more
   * than one (Node joins repeated headers with commas, which a compact JWS never holds).
   */
  static header(value: string | string[] | undefined): string | null {
    if (value === undefined) return null;
    const single = Array.isArray(value) ? (value.length === 1 ? value[0] : ',') : value;
    if (single.includes(',')) throw invalidProof('send exactly one DPoP header');
    return single;
  }

  /** Checks a proof for one request and spends its `jti`. */
  async verify(proof: string, target: ProofTarget): Promise<VerifiedProof> {
    const checked = this.check(proof, target);
    await this.spend(checked, target.nonces);
    return { jkt: checked.jkt };
  }

  /**
   * Spends a checked proof's `jti`: with nonces on, in this instance's memory (a nonce is this
   * instance's and expires within a minute, so no other instance accepts the proof); otherwise
   * in the ledger every instance shares. The token endpoint spends only once the client has
   * authenticated, so that no stranger can fill the ledger.
   */
  async spend(proof: CheckedProof, nonces?: DpopNonces): Promise<void> {
    const first =
      nonces && proof.nonceSlot !== null
        ? nonces.spend(proof.nonceSlot, proof.jkt, proof.jti)
        : await this.ledger.use(`dpop:${proof.jkt}`, proof.jti, (proof.iat + PROOF_MAX_AGE_SECONDS + CLOCK_LEEWAY_SECONDS) * 1000);
    if (!first) throw invalidProof('this proof was used before (jti replay); make a new proof for every request');
  }

  /** Every check but the replay check: the proof's shape, signature, request, time, token hash and nonce. */
  check(proof: string, target: ProofTarget): CheckedProof {
    const decoded = decodeJwt(proof);
    if (!decoded) throw invalidProof('it is not a signed JWT in compact form');
    const { header, claims } = decoded;
    if (header.typ !== 'dpop+jwt') throw invalidProof('typ must be "dpop+jwt"');
    const alg = header.alg;
    if (typeof alg !== 'string' || !(DPOP_ALGS as readonly string[]).includes(alg)) throw invalidProof(`alg must be one of ${DPOP_ALGS.join(', ')}`);
    if (header.crit !== undefined) throw invalidProof('the crit header names extensions Keyward does not understand');
    const { jkt, key } = proofKey(header.jwk);
    if (!algFitsKey(alg, header.jwk as PublicJwk)) throw invalidProof(`alg ${alg} does not fit the key in the jwk header`);
    let signed = false;
    try {
      signed = verify(alg === 'EdDSA' ? null : 'sha256', Buffer.from(decoded.signingInput), { key, dsaEncoding: 'ieee-p1363' }, decoded.signature);
    } catch {
      // a key node:crypto cannot use for this algorithm: refused below like a wrong signature
    }
    if (!signed) throw invalidProof('the signature does not verify with the key in the jwk header');

    if (claims.htm !== target.method) throw invalidProof(`htm must be ${target.method}`);
    if (typeof claims.htu !== 'string' || comparableUrl(claims.htu) !== comparableUrl(target.url)) throw invalidProof(`htu must be ${target.url}`);
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) throw invalidProof('the iat claim is required');
    if (claims.iat > now + CLOCK_LEEWAY_SECONDS) throw invalidProof('iat lies in the future; check the clock');
    if (claims.iat < now - PROOF_MAX_AGE_SECONDS) throw invalidProof(`the proof is older than ${PROOF_MAX_AGE_SECONDS} seconds; make a new proof for every request`);
    const jti = claims.jti;
    if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256) throw invalidProof('jti must be a string of 1 to 256 characters');
    if (target.accessToken !== undefined && claims.ath !== accessTokenHash(target.accessToken)) {
      throw invalidProof('ath must be the base64url SHA-256 of the access token it is sent with');
    }

    const nonces = target.nonces;
    const nonceSlot = nonces && typeof claims.nonce === 'string' ? nonces.slotOf(claims.nonce) : null;
    if (nonces && nonceSlot === null) {
      throw new KeywardError('use_dpop_nonce', 'Sign the DPoP proof with the nonce in the DPoP-Nonce header of this response.', { headers: { 'dpop-nonce': nonces.current() } });
    }
    return { jkt, jti, iat: claims.iat, nonceSlot };
  }
}

/**
 * RFC 9449 §8 server nonces. Each names a slot of time and is signed with a key this instance
 * draws at start, so it is valid here only, for the slot it names and the next: a proof must
 * have been made within the last two slots. Spent `jti`s are remembered for those two slots
 * only, so nonces replace the ledger's write on the token path by this instance's memory.
 */
export class DpopNonces {
  readonly #key = randomBytes(32);
  /** jkt + jti spent, per slot; only the current slot and the one before are kept. */
  readonly #spent = new Map<number, Set<string>>();

  constructor(private readonly slotSeconds = 30) {}

  #slotNow() {
    return Math.floor(Date.now() / 1000 / this.slotSeconds);
  }

  #sign(slot: number) {
    return createHmac('sha256', this.#key).update(String(slot)).digest().subarray(0, 16);
  }

  current(): string {
    const slot = this.#slotNow();
    return `${slot.toString(36)}.${this.#sign(slot).toString('base64url')}`;
  }

  /** The slot a nonce of this instance names, while it is still valid; null otherwise. */
  slotOf(nonce: string): number | null {
    const dot = nonce.indexOf('.');
    if (dot <= 0 || nonce.length > 64) return null;
    const slot = Number.parseInt(nonce.slice(0, dot), 36);
    const now = this.#slotNow();
    if (!Number.isSafeInteger(slot) || slot > now || slot < now - 1) return null;
    const mac = Buffer.from(nonce.slice(dot + 1), 'base64url');
    const expected = this.#sign(slot);
    return mac.length === expected.length && timingSafeEqual(mac, expected) ? slot : null;
  }

  /** True the first time this key's `jti` comes within the nonce's slot. */
  spend(slot: number, jkt: string, jti: string): boolean {
    const now = this.#slotNow();
    for (const old of this.#spent.keys()) if (old < now - 1) this.#spent.delete(old);
    let spent = this.#spent.get(slot);
    if (!spent) this.#spent.set(slot, (spent = new Set()));
    // A replayed proof carries the nonce it was made with, so it lands in the same slot's set.
    const id = `${jkt}.${jti}`;
    if (spent.has(id)) return false;
    spent.add(id);
    return true;
  }
}
