import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { checkProof, DPOP_PROOF_MAX_AGE_SECONDS, ReplayCache, type DpopRequest } from './dpop.js';
import { AccessTokenError, VerifierUnavailableError, type AuthScheme } from './errors.js';
import { basicAuthorization, DPOP_ALGORITHMS, trimSlash, type FetchLike } from './http.js';

/** The claims of an RFC 9068 access token, as Keyward issues them. */
export interface AccessTokenClaims extends JWTPayload {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  jti: string;
  client_id: string;
  /** Space-delimited granted scopes (RFC 9068 §2.2.3). */
  scope?: string;
  /** Keyward: the client's organization and workspace. */
  org_id?: string;
  workspace_id?: string;
  /** RFC 9449 §6: a DPoP-bound token names the thumbprint of its key. */
  cnf?: { jkt?: string };
}

export interface IntrospectionOptions {
  /** The resource server's own client at the authorization server (Keyward: same organization as the tokens' clients). */
  clientId: string;
  /** Sent with client_secret_basic (RFC 6749 §2.3.1 encoding). */
  clientSecret: string;
  /** Default `{issuer}/oauth/introspect` (Keyward's). */
  endpoint?: string;
  /**
   * How long an answer is reused for the same token, in milliseconds. A revoked token is refused
   * at most this long after its revocation. Default 5 000; 0 asks on every request.
   */
  cacheTtlMs?: number;
  /** Tokens whose answers are kept at most; beyond this the oldest are dropped. Default 10 000. */
  maxEntries?: number;
}

export interface VerifierOptions {
  /** The expected `iss`, exactly. */
  issuer: string;
  /** This resource server's identifier: the token's `aud` must be (or contain) it, or one of these. */
  audience: string | readonly string[];
  /** The authorization server's key set. Default `{issuer}/oauth/jwks` (Keyward's); nothing is discovered. */
  jwksUri?: string;
  /** Accepted signing algorithms. Default: whatever the key set's keys are for (never `none`, never HMAC). */
  algorithms?: readonly string[];
  /** Seconds of leeway for `exp`, `nbf` and `iat` between this host's clock and the server's. Default 5. */
  clockTolerance?: number;
  /** The key set's caching (jose `createRemoteJWKSet`). */
  jwks?: {
    /**
     * A token with a `kid` the cached set lacks refetches the set, at most once per this many
     * milliseconds, so made-up kids cannot flood the server. Default 30 000.
     */
    cooldownMs?: number;
    /** The set is refetched when older than this, in milliseconds. Default 600 000. */
    cacheMaxAgeMs?: number;
    /** Time limit of a key-set request, in milliseconds. Default 5 000. */
    timeoutMs?: number;
  };
  /**
   * Ask the authorization server about every token too (RFC 7662), after the local checks
   * pass, so revocations count within `cacheTtlMs`. Off by default: verification is offline.
   */
  introspection?: IntrospectionOptions;
  /** Another `fetch` for the key set and introspection. Default: the global one. */
  fetch?: FetchLike;
  /** Refuse tokens that are not DPoP-bound (RFC 9449): a stolen bearer token is then worth nothing here. Default false. */
  requireDpop?: boolean;
  /** How DPoP proofs are checked. */
  dpopProofs?: {
    /** Accepted proof algorithms; asymmetric ones only. Default `ES256`, `EdDSA`, `RS256`. */
    algorithms?: readonly string[];
    /** How old a proof may be, in seconds (its `iat`, with `clockTolerance`). Default 60. */
    maxAgeSeconds?: number;
    /**
     * The proofs' `jti`s remembered to refuse replays, at most; beyond this the oldest are
     * forgotten. Default 100 000. The memory is this process's: see the README.
     */
    maxReplayEntries?: number;
  };
}

export interface VerifyOptions {
  /** Scopes the request needs; every one must be in the token's `scope`, else `insufficient_scope`. */
  scopes?: readonly string[];
  /**
   * The token came in the DPoP scheme (`Authorization: DPoP <token>`): the request's `DPoP`
   * header (`proof`), method and URL. Absent means it came as a bearer token.
   */
  dpop?: DpopRequest;
}

export interface Verifier {
  /**
   * Verifies an access token per RFC 9068 §4: signature by a key of the issuer's key set,
   * `typ` `at+jwt`, `iss`, `aud`, `exp` (and `nbf`/`iat`) with the clock tolerance, the
   * required claims; then, for a DPoP-bound token (`cnf.jkt`), the proof (RFC 9449 §4.3 and
   * §7.1); then the scopes, then introspection when configured. Resolves to the claims;
   * rejects with `AccessTokenError` for the token's faults and `VerifierUnavailableError` when
   * the key set or introspection cannot be reached.
   */
  verifyAccessToken(token: string, options?: VerifyOptions): Promise<AccessTokenClaims>;
}

/** jose error codes that mean the token is bad, not that the verifier is unwell. */
const TOKEN_FAULTS = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);

/** RFC 9068 §2.2: claims every access token carries. */
const REQUIRED_CLAIMS = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'];

/** Creates a verifier. No request is made until the first token arrives. */
export function createVerifier(options: VerifierOptions): Verifier {
  if (!options.issuer) throw new TypeError('createVerifier: issuer is required');
  if (!options.audience || (Array.isArray(options.audience) && options.audience.length === 0)) throw new TypeError('createVerifier: audience is required');
  const issuer = options.issuer;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUri ?? `${trimSlash(issuer)}/oauth/jwks`), {
    cooldownDuration: options.jwks?.cooldownMs ?? 30_000,
    cacheMaxAge: options.jwks?.cacheMaxAgeMs ?? 600_000,
    timeoutDuration: options.jwks?.timeoutMs ?? 5_000,
    [customFetch]: doFetch,
  });
  const verifyOptions = {
    issuer,
    audience: typeof options.audience === 'string' ? options.audience : [...options.audience],
    typ: 'at+jwt',
    clockTolerance: options.clockTolerance ?? 5,
    requiredClaims: REQUIRED_CLAIMS,
    ...(options.algorithms ? { algorithms: [...options.algorithms] } : {}),
  };
  const introspect = options.introspection ? introspector(issuer, options.introspection, doFetch) : undefined;
  const proofOptions = {
    algorithms: options.dpopProofs?.algorithms ?? DPOP_ALGORITHMS,
    clockTolerance: verifyOptions.clockTolerance,
    maxAgeSeconds: options.dpopProofs?.maxAgeSeconds ?? DPOP_PROOF_MAX_AGE_SECONDS,
    replays: new ReplayCache(options.dpopProofs?.maxReplayEntries),
  };
  if (proofOptions.algorithms.some((alg) => !/^(RS|PS|ES)(256|384|512)$|^(EdDSA|Ed25519)$/.test(alg))) {
    throw new TypeError('createVerifier: DPoP proof algorithms must be asymmetric (RS…, PS…, ES…, EdDSA)');
  }

  return {
    async verifyAccessToken(token, { scopes, dpop } = {}) {
      // Refusals answer in the scheme the token came in; a bound token's in DPoP (RFC 9449 §7.1).
      let scheme: AuthScheme = dpop ? 'DPoP' : 'Bearer';
      const refuse = (code: 'invalid_token' | 'insufficient_scope', message: string, extra: { scopes?: readonly string[]; cause?: unknown } = {}) =>
        new AccessTokenError(code, message, { ...extra, scheme });
      if (typeof token !== 'string' || !token) throw new AccessTokenError(undefined, 'an access token is required', { scheme });
      let claims: AccessTokenClaims;
      try {
        ({ payload: claims } = (await jwtVerify(token, keys, verifyOptions)) as { payload: AccessTokenClaims });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code && TOKEN_FAULTS.has(code)) throw refuse('invalid_token', describe(error as Error, code), { cause: error });
        throw new VerifierUnavailableError(`the key set could not be used: ${(error as Error).message}`, { cause: error });
      }
      if (typeof claims.client_id !== 'string' || (claims.scope !== undefined && typeof claims.scope !== 'string')) {
        throw refuse('invalid_token', 'malformed client_id or scope claim');
      }
      const jkt = claims.cnf === undefined ? undefined : claims.cnf?.jkt;
      if (claims.cnf !== undefined && (typeof jkt !== 'string' || !jkt)) throw refuse('invalid_token', 'malformed cnf claim');
      if (jkt !== undefined) {
        scheme = 'DPoP';
        if (!dpop) throw refuse('invalid_token', 'the token is bound to a key (DPoP): send it as "Authorization: DPoP <token>" with a DPoP proof made with that key');
        await checkProof(dpop, token, jkt, proofOptions);
      } else if (dpop) {
        throw refuse('invalid_token', 'the token is not bound to a key: send it as "Authorization: Bearer <token>", without the DPoP scheme');
      } else if (options.requireDpop) {
        scheme = 'DPoP';
        throw refuse('invalid_token', 'this resource accepts DPoP-bound tokens only: get a token with a DPoP proof and send it in the DPoP scheme');
      }
      if (scopes?.length) {
        const granted = new Set(claims.scope ? claims.scope.split(' ') : []);
        if (!scopes.every((s) => granted.has(s))) throw refuse('insufficient_scope', 'the token lacks a required scope', { scopes });
      }
      if (introspect && !(await introspect(token, claims.exp))) throw refuse('invalid_token', 'the token is not active');
      return claims;
    },
  };
}

function describe(error: Error, code: string): string {
  if (code === 'ERR_JWT_EXPIRED') return 'the token has expired';
  if (code === 'ERR_JWKS_NO_MATCHING_KEY') return 'no key of the issuer matches the token';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'bad signature';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return error.message; // e.g. unexpected "aud" claim value
  return 'malformed token';
}

/**
 * RFC 7662 with a short-lived cache per token text. Concurrent requests with one token share
 * the pending answer; a failed request is not remembered.
 */
function introspector(issuer: string, o: IntrospectionOptions, doFetch: FetchLike) {
  const endpoint = o.endpoint ?? `${trimSlash(issuer)}/oauth/introspect`;
  const ttl = o.cacheTtlMs ?? 5_000;
  const maxEntries = o.maxEntries ?? 10_000;
  const authorization = basicAuthorization(o.clientId, o.clientSecret);
  const cache = new Map<string, { until: number; active: Promise<boolean> }>();

  const ask = async (token: string): Promise<boolean> => {
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
        signal: AbortSignal.timeout(5_000),
      });
    } catch (error) {
      throw new VerifierUnavailableError(`introspection could not be reached: ${(error as Error).message}`, { cause: error });
    }
    const body = (await response.json().catch(() => undefined)) as { active?: unknown } | undefined;
    if (!response.ok || typeof body?.active !== 'boolean') throw new VerifierUnavailableError(`introspection answered ${response.status}`);
    return body.active;
  };

  return (token: string, exp: number): Promise<boolean> => {
    const now = Date.now();
    const hit = cache.get(token);
    if (hit && hit.until > now) return hit.active;
    if (hit) cache.delete(token);
    const active = ask(token);
    if (ttl > 0) {
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      // Never kept past the token's own expiry.
      const entry = { until: Math.min(now + ttl, exp * 1000), active };
      cache.set(token, entry);
      active.catch(() => cache.get(token) === entry && cache.delete(token));
    }
    return active;
  };
}
