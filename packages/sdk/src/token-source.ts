import { randomUUID } from 'node:crypto';
import { decodeJwt, importJWK, importPKCS8, SignJWT, type CryptoKey, type JWK, type KeyObject } from 'jose';
import { DpopSigner, type DpopKeyOptions } from './dpop.js';
import { TokenEndpointError } from './errors.js';
import { basicAuthorization, parseRetryAfter, sleep, trimSlash, wellKnownUrl, type FetchLike } from './http.js';

/** How the client proves who it is at the token endpoint. */
export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';

export interface RetryOptions {
  /** Requests in all, the first included. Default 3; 1 turns retrying off. */
  attempts?: number;
  /** Wait before the first retry; doubled for each further one, with ±25 % jitter. Default 200 ms. */
  baseDelayMs?: number;
  /**
   * The longest wait between two attempts. A `Retry-After` longer than this ends the retrying
   * at once (the error carries `retryAfter`) rather than holding the caller. Default 10 s.
   */
  maxDelayMs?: number;
}

export interface TokenSourceOptions {
  /**
   * The authorization server's issuer identifier. Used as the assertion's `aud` for
   * private_key_jwt, and to discover the token endpoint from
   * `{issuer}/.well-known/oauth-authorization-server` (RFC 8414) when `tokenEndpoint` is not
   * given. One of `issuer` and `tokenEndpoint` is required.
   */
  issuer?: string;
  /** The token endpoint URL. When given, nothing is discovered. */
  tokenEndpoint?: string;
  /** The client's `client_id`. */
  clientId: string;
  /** The client secret, for client_secret_basic (the default when a secret is given) or client_secret_post. */
  clientSecret?: string;
  /**
   * The client's private key, for private_key_jwt (RFC 7523): a private JWK, a PKCS #8 PEM
   * string, or a KeyObject / CryptoKey. The matching public key is registered with the server.
   */
  privateKey?: JWK | string | KeyObject | CryptoKey;
  /** The assertion's signing algorithm (`ES256`, `RS256`, `EdDSA`, …). Required unless a JWK with `alg` is given. */
  algorithm?: string;
  /** The assertion header's `kid`. Defaults to the JWK's `kid`. */
  keyId?: string;
  /** Default: private_key_jwt when `privateKey` is given, else client_secret_basic. */
  authMethod?: TokenEndpointAuthMethod;
  /** Seconds an assertion is valid (its `exp` − `iat`). Default 60; Keyward accepts up to 300 by default. */
  assertionLifetimeSeconds?: number;
  /** The `scope` to ask for, space-delimited or as a list. Omitted: the server's default. */
  scope?: string | readonly string[];
  /** The `audience` parameter (the target API, as Keyward and several servers name it). */
  audience?: string;
  /** The `resource` parameter (RFC 8707). */
  resource?: string;
  /**
   * A token is reused until this many seconds before it expires. Default: 30 s, or a tenth of
   * the token's lifetime when that is shorter (a 60 s token is renewed 6 s before its end).
   */
  refreshSkewSeconds?: number;
  /** Retrying of 429, 5xx answers and network failures (timeouts included). */
  retry?: RetryOptions;
  /** Time limit of one request, in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** Another `fetch` (a proxy agent, instrumentation, tests). Default: the global one. */
  fetch?: FetchLike;
  /**
   * DPoP (RFC 9449): bind the tokens to this key. Every token request and every request through
   * `fetch` then carries a proof signed with it, so a token that leaks is useless without the
   * key. A WebCrypto `CryptoKeyPair`, node `KeyObject`s (`{ privateKey, publicKey }`) or
   * `{ privateKey: <private JWK> }`; `algorithm` ES256 (default for P-256), EdDSA or RS256.
   */
  dpop?: DpopKeyOptions;
}

/** A token the source holds. */
export interface TokenSet {
  accessToken: string;
  /** `Bearer`, or `DPoP` for a token bound to the `dpop` key. */
  tokenType: string;
  /** When the token expires, in milliseconds since the epoch (local clock), if known. */
  expiresAt: number | undefined;
  /** The granted scope, when the server said so. */
  scope: string | undefined;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * Access tokens for one client through the client_credentials grant (RFC 6749 §4.4). It keeps
 * the current token and hands it out until shortly before it expires; callers that ask at the
 * same time while no fresh token is held share a single request. No request is made before
 * the first `getToken()`.
 */
export class TokenSource {
  readonly #options: TokenSourceOptions;
  readonly #fetch: FetchLike;
  readonly #authMethod: TokenEndpointAuthMethod;
  #endpoint: Promise<string> | undefined;
  #signingKey: Promise<CryptoKey | KeyObject | Uint8Array> | undefined;
  #current: (TokenSet & { refreshAt: number }) | undefined;
  #inflight: Promise<TokenSet> | undefined;
  readonly #dpop: DpopSigner | undefined;

  constructor(options: TokenSourceOptions) {
    if (!options.clientId) throw new TypeError('TokenSource: clientId is required');
    if (!options.issuer && !options.tokenEndpoint) throw new TypeError('TokenSource: give issuer or tokenEndpoint');
    this.#authMethod = options.authMethod ?? (options.privateKey ? 'private_key_jwt' : 'client_secret_basic');
    if (this.#authMethod === 'private_key_jwt' && !options.privateKey) throw new TypeError('TokenSource: private_key_jwt needs privateKey');
    if (this.#authMethod !== 'private_key_jwt' && !options.clientSecret) throw new TypeError(`TokenSource: ${this.#authMethod} needs clientSecret`);
    this.#options = { ...options };
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    if (options.tokenEndpoint) this.#endpoint = Promise.resolve(options.tokenEndpoint);
    this.#dpop = options.dpop ? new DpopSigner(options.dpop) : undefined;
  }

  /** The access token: the held one while it is fresh, else a new one. */
  async getToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    return (await this.getTokenSet(options)).accessToken;
  }

  /** Like `getToken`, with the token's expiry, type and granted scope. */
  async getTokenSet(options: { forceRefresh?: boolean } = {}): Promise<TokenSet> {
    const current = this.#current;
    if (!options.forceRefresh && current && Date.now() < current.refreshAt) return current;
    this.#inflight ??= this.#obtain().finally(() => (this.#inflight = undefined));
    return this.#inflight;
  }

  /** Drops the held token (a resource server refused it, say); the next call fetches another. */
  invalidate(): void {
    this.#current = undefined;
  }

  /**
   * `fetch` with the token added: `Authorization: Bearer <token>`, or for a DPoP-bound token
   * `Authorization: DPoP <token>` and a `DPoP` proof for this request (RFC 9449 §7). A 401 whose
   * challenge says `invalid_token` drops the held token, so the next call gets a new one; the
   * request itself is not repeated (its body may not be replayable). A resource's
   * `use_dpop_nonce` challenge is answered once, at once, with a proof carrying its nonce,
   * when the body can be sent again (none, a string, bytes, a Blob, form data).
   */
  readonly fetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const set = await this.getTokenSet();
    const method = init.method ?? 'GET';
    const send = async () => {
      const headers = new Headers(init.headers);
      for (const [name, value] of Object.entries(await this.#authorization(set, method, input))) headers.set(name, value);
      const response = await this.#fetch(input, { ...init, headers });
      return { response, newNonce: this.#dpop?.noteNonce(input, response.headers.get('dpop-nonce')) ?? false };
    };
    const first = await send();
    let response = first.response;
    if (first.newNonce && response.status === 401 && /error="?use_dpop_nonce/.test(response.headers.get('www-authenticate') ?? '') && replayable(init.body)) {
      ({ response } = await send());
    }
    if (response.status === 401 && /error="?invalid_token/.test(response.headers.get('www-authenticate') ?? '')) {
      if (this.#current?.accessToken === set.accessToken) this.invalidate();
    }
    return response;
  };

  /**
   * The headers that present the held token (a new one when needed) to one request:
   * `authorization`, and for a DPoP-bound token a `dpop` proof for this method and URL. For
   * callers with their own HTTP client; pass any `DPoP-Nonce` the resource answers to
   * `noteDpopNonce`.
   */
  async authorizationHeaders(method: string, url: string | URL): Promise<Record<string, string>> {
    return this.#authorization(await this.getTokenSet(), method, url);
  }

  /**
   * A DPoP proof signed with the `dpop` key for one request: `htm` the method, `htu` the URL
   * without query and fragment, a fresh `jti`, `iat` now, the server's last nonce, and with
   * `accessToken` its hash (`ath`), as a request to a resource needs.
   */
  dpopProof(method: string, url: string | URL, options: { accessToken?: string; nonce?: string } = {}): Promise<string> {
    if (!this.#dpop) throw new TypeError('TokenSource: dpopProof needs the dpop option');
    return this.#dpop.proof(method, url, options);
  }

  /** Remembers a `DPoP-Nonce` a server answered (RFC 9449 §8), for the next proofs to that origin. */
  noteDpopNonce(url: string | URL, nonce: string | null | undefined): void {
    this.#dpop?.noteNonce(url, nonce);
  }

  async #authorization(set: TokenSet, method: string, url: string | URL): Promise<Record<string, string>> {
    // RFC 9449 §5: the token type decides; a server that ignored the proof issued a bearer token.
    if (!this.#dpop || set.tokenType !== 'DPoP') return { authorization: `Bearer ${set.accessToken}` };
    return { authorization: `DPoP ${set.accessToken}`, dpop: await this.#dpop.proof(method, url, { accessToken: set.accessToken }) };
  }

  async #obtain(): Promise<TokenSet> {
    const endpoint = await this.#tokenEndpoint();
    const started = Date.now();
    const post = async () => {
      const { headers, body } = await this.#tokenRequest(endpoint);
      if (this.#dpop) headers.dpop = await this.#dpop.proof('POST', endpoint);
      const response = await this.#fetch(endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000) });
      return { response, newNonce: this.#dpop?.noteNonce(endpoint, response.headers.get('dpop-nonce')) ?? false };
    };
    const response = await this.#withRetries('token endpoint', async () => {
      const first = await post();
      // RFC 9449 §8: the server asks for its nonce; that is not a failure, so it is answered at once and not counted.
      if (first.newNonce && first.response.status === 400 && (await errorCode(first.response)) === 'use_dpop_nonce') return (await post()).response;
      return first.response;
    });
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!body || typeof body.access_token !== 'string' || !body.access_token) {
      throw new TokenEndpointError('The token endpoint answered 200 without an access_token', { status: response.status });
    }
    const accessToken = body.access_token;
    // expires_in is RECOMMENDED only (RFC 6749 §5.1); a JWT's own exp is the fallback. The clock
    // starts when the request left, so the time on the wire counts against the token.
    let lifetimeMs: number | undefined;
    if (typeof body.expires_in === 'number' && body.expires_in > 0) lifetimeMs = body.expires_in * 1000;
    else lifetimeMs = jwtLifetimeMs(accessToken);
    const expiresAt = lifetimeMs === undefined ? undefined : started + lifetimeMs;
    const skewMs = this.#options.refreshSkewSeconds !== undefined ? this.#options.refreshSkewSeconds * 1000 : Math.min(30_000, (lifetimeMs ?? 0) / 10);
    const set: TokenSet = {
      accessToken,
      // RFC 6749 §5.1: the type is case-insensitive; written as RFC 9449 and RFC 6750 write them.
      tokenType: typeof body.token_type === 'string' ? normalTokenType(body.token_type) : 'Bearer',
      expiresAt,
      scope: typeof body.scope === 'string' ? body.scope : undefined,
    };
    // A token of unknown lifetime is not kept: reusing it could mean reusing an expired one.
    this.#current = expiresAt === undefined ? undefined : { ...set, refreshAt: expiresAt - skewMs };
    return set;
  }

  async #tokenRequest(endpoint: string): Promise<{ headers: Record<string, string>; body: string }> {
    const o = this.#options;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (o.scope !== undefined) form.set('scope', typeof o.scope === 'string' ? o.scope : o.scope.join(' '));
    if (o.audience !== undefined) form.set('audience', o.audience);
    if (o.resource !== undefined) form.set('resource', o.resource);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (this.#authMethod === 'client_secret_basic') {
      headers.authorization = basicAuthorization(o.clientId, o.clientSecret!);
    } else if (this.#authMethod === 'client_secret_post') {
      form.set('client_id', o.clientId);
      form.set('client_secret', o.clientSecret!);
    } else {
      // A new assertion for every attempt: its jti is single-use at the server.
      form.set('client_assertion_type', ASSERTION_TYPE);
      form.set('client_assertion', await this.#assertion(endpoint));
    }
    return { headers, body: form.toString() };
  }

  async #assertion(endpoint: string): Promise<string> {
    const o = this.#options;
    const { key, alg, kid } = await this.#key();
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader(kid ? { alg, kid } : { alg })
      .setIssuer(o.clientId)
      .setSubject(o.clientId)
      // RFC 7523 §3: the issuer identifies the server; without one, its token endpoint does.
      .setAudience(o.issuer ? trimSlash(o.issuer) : endpoint)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + (o.assertionLifetimeSeconds ?? 60))
      .sign(key);
  }

  async #key(): Promise<{ key: CryptoKey | KeyObject | Uint8Array; alg: string; kid: string | undefined }> {
    const o = this.#options;
    const raw = o.privateKey!;
    const jwk = typeof raw === 'object' && 'kty' in raw ? (raw as JWK) : undefined;
    const alg = o.algorithm ?? jwk?.alg;
    if (!alg) throw new TypeError('TokenSource: give algorithm (ES256, RS256, EdDSA, …) for the private key');
    this.#signingKey ??= (async () => {
      if (typeof raw === 'string') return importPKCS8(raw, alg);
      if (jwk) {
        if (jwk.d === undefined) throw new TypeError('TokenSource: privateKey is a public JWK; give the private one');
        return importJWK(jwk, alg);
      }
      return raw as CryptoKey | KeyObject;
    })();
    this.#signingKey.catch(() => (this.#signingKey = undefined));
    return { key: await this.#signingKey, alg, kid: o.keyId ?? jwk?.kid };
  }

  #tokenEndpoint(): Promise<string> {
    this.#endpoint ??= this.#discover();
    return this.#endpoint;
  }

  async #discover(): Promise<string> {
    const issuer = trimSlash(this.#options.issuer!);
    const url = wellKnownUrl(issuer, 'oauth-authorization-server');
    try {
      const response = await this.#withRetries('discovery', () =>
        this.#fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000) }),
      );
      const metadata = (await response.json().catch(() => undefined)) as { issuer?: unknown; token_endpoint?: unknown } | undefined;
      // RFC 8414 §3.3: metadata naming another issuer must not be used.
      if (!metadata || trimSlash(String(metadata.issuer)) !== issuer) throw new TokenEndpointError(`${url} names another issuer than ${issuer}`);
      if (typeof metadata.token_endpoint !== 'string') throw new TokenEndpointError(`${url} has no token_endpoint`);
      return metadata.token_endpoint;
    } catch (error) {
      // A failed discovery is tried again on the next call, not remembered.
      this.#endpoint = undefined;
      throw error;
    }
  }

  /** Sends until a final answer: 2xx is returned, other 4xx thrown, 429/5xx/network retried. */
  async #withRetries(what: string, send: () => Promise<Response>): Promise<Response> {
    const attempts = Math.max(1, this.#options.retry?.attempts ?? 3);
    const baseDelay = this.#options.retry?.baseDelayMs ?? 200;
    const maxDelay = this.#options.retry?.maxDelayMs ?? 10_000;
    for (let attempt = 1; ; attempt++) {
      let failure: TokenEndpointError;
      let retryAfter: number | undefined;
      try {
        const response = await send();
        if (response.ok) return response;
        retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        const body = (await response.json().catch(() => undefined)) as { error?: unknown; error_description?: unknown } | undefined;
        const error = typeof body?.error === 'string' ? body.error : undefined;
        const errorDescription = typeof body?.error_description === 'string' ? body.error_description : undefined;
        failure = new TokenEndpointError(`The ${what} answered ${response.status}${error ? ` ${error}` : ''}${errorDescription ? `: ${errorDescription}` : ''}`, {
          status: response.status,
          error,
          errorDescription,
          retryAfter,
        });
        if (response.status !== 429 && response.status < 500) throw failure;
      } catch (error) {
        if (error instanceof TokenEndpointError || !isNetworkError(error)) throw error;
        failure = new TokenEndpointError(`The ${what} could not be reached: ${(error as Error).message}`, { cause: error });
      }
      if (attempt >= attempts) throw failure;
      const backoff = baseDelay * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
      const delay = retryAfter !== undefined ? retryAfter * 1000 : Math.min(backoff, maxDelay);
      if (delay > maxDelay) throw failure;
      await sleep(delay);
    }
  }
}

/**
 * fetch rejects with a TypeError carrying a cause for network failures, and with a
 * TimeoutError when the time limit ends; anything else (a key that cannot sign) is not retried.
 */
function isNetworkError(error: unknown): boolean {
  if (error instanceof TypeError) return error.message === 'fetch failed' || error.cause !== undefined;
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

const normalTokenType = (type: string) => (type.toLowerCase() === 'dpop' ? 'DPoP' : type.toLowerCase() === 'bearer' ? 'Bearer' : type);

/** The `error` of an RFC 6749 §5.2 answer, read from a copy so the answer can still be read. */
async function errorCode(response: Response): Promise<string | undefined> {
  const body = (await response.clone().json().catch(() => undefined)) as { error?: unknown } | undefined;
  return typeof body?.error === 'string' ? body.error : undefined;
}

/** Bodies `fetch` can send twice; a stream is spent by the first. */
function replayable(body: RequestInit['body']): boolean {
  return body === undefined || body === null || typeof body === 'string' || body instanceof URLSearchParams || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || body instanceof Blob || body instanceof FormData;
}

function jwtLifetimeMs(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 - Date.now() : undefined;
  } catch {
    return undefined;
  }
}
