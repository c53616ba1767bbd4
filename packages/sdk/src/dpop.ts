import { base64url, calculateJwkThumbprint, EmbeddedJWK, exportJWK, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK, type KeyObject } from 'jose';
import { AccessTokenError } from './errors.js';
import { DPOP_ALGORITHMS, type DpopAlgorithm } from './http.js';

/**
 * RFC 9449 (DPoP): the client proves, with every request, that it holds the private key a token
 * is bound to. A proof is a JWT signed with that key, naming the key (`jwk`), the request
 * (`htm`, `htu`), a time (`iat`), a unique id (`jti`), with a token its hash (`ath`), and the
 * server's nonce when the server asks for one.
 */

/** How old a proof may be when it arrives, in seconds (RFC 9449 §11.1 leaves it to the server; Keyward's too). */
export const DPOP_PROOF_MAX_AGE_SECONDS = 60;

/**
 * The key a `TokenSource` binds its tokens to. A WebCrypto `CryptoKeyPair` or a pair of node
 * `KeyObject`s fits as is; a private JWK alone fits too (its public half is derived).
 */
export interface DpopKeyOptions {
  /** The private key: a CryptoKey, a KeyObject or a private JWK. */
  privateKey: CryptoKey | KeyObject | JWK;
  /** The public key. Needed only when the private key is a CryptoKey that is not extractable. */
  publicKey?: CryptoKey | KeyObject | JWK;
  /** `ES256` (P-256), `EdDSA` (Ed25519) or `RS256`. Default: what the key is for (ES256 for a P-256 key). */
  algorithm?: DpopAlgorithm;
}

/** RFC 9449 §4.2: `ath` is the base64url SHA-256 of the access token. WebCrypto, so it runs in browsers too. */
export async function accessTokenHash(token: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))));
}

/** The URL a proof names: without query and fragment; scheme and host lower-cased and a default port dropped (RFC 3986 §6.2.2, §6.2.3). */
export function proofUrl(url: string | URL): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return null;
  }
}

/** The members of a public key that name it (RFC 7638), and nothing that could be private. */
function publicMembers(jwk: JWK): JWK {
  if (jwk.kty === 'EC') return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  if (jwk.kty === 'OKP') return { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  if (jwk.kty === 'RSA') return { kty: jwk.kty, n: jwk.n, e: jwk.e };
  throw new TypeError(`DPoP: a ${String(jwk.kty)} key cannot sign proofs; use a P-256, Ed25519 or RSA key`);
}

function algorithmFor(jwk: JWK, given: string | undefined): DpopAlgorithm {
  const fitting: DpopAlgorithm | undefined = jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : jwk.kty === 'OKP' && jwk.crv === 'Ed25519' ? 'EdDSA' : jwk.kty === 'RSA' ? 'RS256' : undefined;
  if (!fitting) throw new TypeError(`DPoP: the key (${jwk.kty} ${jwk.crv ?? ''}) fits none of ${DPOP_ALGORITHMS.join(', ')}`);
  if (given !== undefined && given !== fitting) throw new TypeError(`DPoP: algorithm ${given} does not fit the key; it is a key for ${fitting}`);
  return fitting;
}

const isJwk = (key: unknown): key is JWK => typeof key === 'object' && key !== null && 'kty' in key;

interface SigningKey {
  key: CryptoKey | KeyObject | Uint8Array;
  alg: DpopAlgorithm;
  jwk: JWK;
}

async function signingKey(o: DpopKeyOptions): Promise<SigningKey> {
  if (o.algorithm !== undefined && !(DPOP_ALGORITHMS as readonly string[]).includes(o.algorithm)) {
    throw new TypeError(`DPoP: algorithm must be one of ${DPOP_ALGORITHMS.join(', ')}`);
  }
  let full: JWK;
  if (o.publicKey !== undefined) full = isJwk(o.publicKey) ? o.publicKey : await exportJWK(o.publicKey);
  else if (isJwk(o.privateKey)) full = o.privateKey;
  else {
    try {
      full = await exportJWK(o.privateKey);
    } catch (error) {
      throw new TypeError('DPoP: the private key cannot be exported to find its public half; give publicKey too (a CryptoKeyPair does)', { cause: error });
    }
  }
  const jwk = publicMembers(full);
  const alg = algorithmFor(jwk, o.algorithm ?? (isJwk(o.privateKey) ? o.privateKey.alg : undefined));
  if (isJwk(o.privateKey)) {
    if (o.privateKey.d === undefined) throw new TypeError('DPoP: privateKey is a public JWK; give the private one');
    return { key: await importJWK(o.privateKey, alg), alg, jwk };
  }
  return { key: o.privateKey, alg, jwk };
}

/**
 * Makes proofs with one key and remembers the last nonce each server (origin) sent
 * (RFC 9449 §8: a nonce is the server's, so a resource's nonce is not sent to the token endpoint).
 */
export class DpopSigner {
  readonly #key: Promise<SigningKey>;
  readonly #nonces = new Map<string, string>();

  constructor(options: DpopKeyOptions) {
    this.#key = signingKey(options);
    // Surfaced at the first proof, not as an unhandled rejection now.
    this.#key.catch(() => undefined);
  }

  /** The RFC 7638 thumbprint of the public key: what a bound token's `cnf.jkt` holds. */
  async thumbprint(): Promise<string> {
    return calculateJwkThumbprint((await this.#key).jwk);
  }

  /** A proof for one request; with `accessToken`, it carries its hash (`ath`). The server's last nonce goes in unless `nonce` is given. */
  async proof(method: string, url: string | URL, options: { accessToken?: string; nonce?: string } = {}): Promise<string> {
    const { key, alg, jwk } = await this.#key;
    const htu = proofUrl(url);
    if (htu === null) throw new TypeError(`DPoP: ${String(url)} is not an absolute URL`);
    const nonce = options.nonce ?? this.#nonces.get(new URL(htu).origin);
    return new SignJWT({
      htm: method.toUpperCase(),
      htu,
      jti: crypto.randomUUID(),
      ...(options.accessToken !== undefined ? { ath: await accessTokenHash(options.accessToken) } : {}),
      ...(nonce !== undefined ? { nonce } : {}),
    })
      .setProtectedHeader({ alg, typ: 'dpop+jwt', jwk })
      .setIssuedAt()
      .sign(key);
  }

  /** Remembers the `DPoP-Nonce` a server sent (any answer may carry one); true when it is new. */
  noteNonce(url: string | URL, nonce: string | null | undefined): boolean {
    if (!nonce) return false;
    const origin = new URL(url).origin;
    if (this.#nonces.get(origin) === nonce) return false;
    this.#nonces.set(origin, nonce);
    return true;
  }
}

/** What a resource server knows about the request a proof came with. */
export interface DpopRequest {
  /** The `DPoP` header's value: the proof. */
  proof: string | undefined;
  /** The request's method. */
  method: string;
  /** The request's URL as the client addressed it (behind a proxy: the public one); query and fragment are ignored. */
  url: string | URL;
}

export interface DpopCheckOptions {
  algorithms: readonly string[];
  clockTolerance: number;
  maxAgeSeconds: number;
  replays: ReplayCache;
}

/** `invalid_dpop_proof` in the DPoP scheme (RFC 9449 §7.1). */
export const invalidProof = (reason: string, cause?: unknown) => new AccessTokenError('invalid_dpop_proof', `the DPoP proof is not valid: ${reason}`, { scheme: 'DPoP', cause });

/**
 * RFC 9449 §4.3 and §7.1: checks a proof for the request and the token it came with; the
 * key (its thumbprint) must be the one the token is bound to. The `jti` is spent only once
 * every other check has passed, so broken proofs do not fill the replay cache.
 */
export async function checkProof(request: DpopRequest, accessToken: string, boundJkt: string, o: DpopCheckOptions): Promise<void> {
  if (!request.proof) throw invalidProof('a DPoP token needs a DPoP header with a proof for this request');
  let payload: Record<string, unknown>;
  let jwk: JWK;
  try {
    const verified = await jwtVerify(request.proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: [...o.algorithms],
      clockTolerance: o.clockTolerance,
      maxTokenAge: o.maxAgeSeconds,
      requiredClaims: ['iat', 'jti', 'htm', 'htu'],
    });
    payload = verified.payload;
    jwk = verified.protectedHeader.jwk as JWK;
  } catch (error) {
    throw invalidProof((error as Error).message, error);
  }
  if (payload.htm !== request.method.toUpperCase()) throw invalidProof(`htm must be ${request.method.toUpperCase()}`);
  const expected = proofUrl(request.url);
  if (typeof payload.htu !== 'string' || expected === null || proofUrl(payload.htu) !== expected) throw invalidProof(`htu must be ${expected}`);
  if (payload.ath !== (await accessTokenHash(accessToken))) throw invalidProof('ath must be the base64url SHA-256 of the access token it comes with');
  const jti = payload.jti;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256) throw invalidProof('jti must be a string of 1 to 256 characters');
  const jkt = await calculateJwkThumbprint(jwk);
  if (jkt !== boundJkt) throw invalidProof('it is made with another key than the one the token is bound to');
  if (!o.replays.spend(`${jkt}.${jti}`, ((payload.iat as number) + o.maxAgeSeconds + o.clockTolerance) * 1000)) {
    throw invalidProof('this proof was used before (jti replay); make a new proof for every request');
  }
}

/**
 * The `jti`s of accepted proofs, each kept until its proof is too old to be accepted anyway.
 * Memory of this process only: behind several instances, a proof replayed at another
 * instance within the window is not recognised (RFC 9449 §11.1 allows this; server nonces or
 * a shared store close the gap). At most `maxEntries` are kept; beyond that the oldest go first.
 */
export class ReplayCache {
  readonly #until = new Map<string, number>();

  constructor(private readonly maxEntries = 100_000) {}

  /** True the first time an id comes while it is remembered. */
  spend(id: string, untilMs: number): boolean {
    const now = Date.now();
    const known = this.#until.get(id);
    if (known !== undefined) {
      if (known > now) return false;
      this.#until.delete(id);
    }
    // Insertion order is close to expiry order, since every entry is kept for one window.
    for (const [old, until] of this.#until) {
      if (until > now && this.#until.size < this.maxEntries) break;
      this.#until.delete(old);
    }
    this.#until.set(id, untilMs);
    return true;
  }
}
