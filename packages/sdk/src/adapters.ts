import { AccessTokenError, VerifierUnavailableError, wwwAuthenticate, type ChallengeOptions } from './errors.js';
import type { AccessTokenClaims, Verifier, VerifyOptions } from './verifier.js';

/**
 * The adapters type requests and replies by the few members they use, so the SDK depends on no
 * framework: Fastify's, Express's and node:http's objects all fit.
 */
export type HeaderBag = Record<string, string | string[] | undefined>;

export interface ProtectOptions extends Omit<VerifyOptions, 'dpop'>, ChallengeOptions {
  /**
   * The URL clients address this server by, e.g. `https://api.example.com` (with a path when a
   * proxy strips one: `https://example.com/api`). A DPoP proof names the request's URL (`htu`),
   * so behind a proxy or TLS terminator the URL the server sees is not the one to compare:
   * give this. Without it the URL is built from the `Host` header, the framework's `protocol`
   * (Fastify's and Express's honour their trust-proxy setting) or the socket's TLS, and the
   * request's path.
   */
  publicUrl?: string;
}

/** RFC 6750 §2.1 `b64token` after `Bearer` (or, RFC 9449 §7.1, `DPoP`) and one or more spaces. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const DPOP = /^DPoP +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The token from an `Authorization` header: undefined when there is none or it names another
 * scheme (the request then gets a bare challenge); `invalid_request` when it is a malformed
 * Bearer header. Tokens in the query or body are not accepted (RFC 6750 §2.2 and §2.3 are
 * optional and leak into logs).
 */
export function bearerToken(headers: HeaderBag): string | undefined {
  const value = headers.authorization;
  if (value === undefined || value === '') return undefined;
  if (Array.isArray(value)) throw new AccessTokenError('invalid_request', 'more than one Authorization header');
  if (!/^Bearer(\s|$)/i.test(value)) return undefined;
  const match = BEARER.exec(value);
  if (!match) throw new AccessTokenError('invalid_request', 'malformed Bearer authorization header');
  return match[1];
}

/**
 * The DPoP-scheme token (RFC 9449 §7.1) from an `Authorization` header: undefined when the
 * header names another scheme; `invalid_request` when it is malformed.
 */
export function dpopToken(headers: HeaderBag): string | undefined {
  const value = headers.authorization;
  if (typeof value !== 'string' || !/^DPoP(\s|$)/i.test(value)) return undefined;
  const match = DPOP.exec(value);
  if (!match) throw new AccessTokenError('invalid_request', 'malformed DPoP authorization header', { scheme: 'DPoP' });
  return match[1];
}

/** The `DPoP` header: one proof. Node joins repeated headers with commas, which a compact JWS never holds. */
function dpopHeader(headers: HeaderBag): string | undefined {
  const value = headers.dpop;
  if (value === undefined) return undefined;
  if (Array.isArray(value) || value.includes(',')) throw new AccessTokenError('invalid_dpop_proof', 'send exactly one DPoP header', { scheme: 'DPoP' });
  return value;
}

/** The members of a request the adapters read: Fastify's, Express's and node:http's requests fit. */
export interface RequestLike {
  headers: HeaderBag;
  method?: string;
  /** The path and query (node:http, Fastify). */
  url?: string;
  /** Express: the path before routers rewrote `url`. */
  originalUrl?: string;
  /** Fastify and Express: `http` or `https`, per their trust-proxy setting. */
  protocol?: string;
  /** node's socket: a TLS one has `encrypted`. */
  socket?: object | null;
}

/** The URL a request was addressed to, without query, as a DPoP proof's `htu` names it; see `ProtectOptions.publicUrl`. */
export function requestUrl(request: RequestLike, publicUrl?: string): string {
  const path = (request.originalUrl ?? request.url ?? '/').split(/[?#]/)[0];
  if (publicUrl !== undefined) {
    const base = new URL(publicUrl);
    return `${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`;
  }
  const protocol = request.protocol === 'https' || request.protocol === 'http' ? request.protocol : (request.socket as { encrypted?: boolean } | null | undefined)?.encrypted ? 'https' : 'http';
  const host = request.headers.host;
  if (typeof host !== 'string' || !host) throw new AccessTokenError('invalid_request', 'the request has no Host header to check the DPoP proof against', { scheme: 'DPoP' });
  return `${protocol}://${host}${path}`;
}

export interface AuthenticateOptions extends Omit<VerifyOptions, 'dpop'> {
  /** The request's method and URL: needed for a token in the DPoP scheme (its proof names them). */
  method?: string;
  url?: string;
}

/**
 * Reads and verifies the request's token, `Authorization: Bearer …` or `Authorization: DPoP …`
 * with its `DPoP` proof; throws AccessTokenError (no token included) or VerifierUnavailableError.
 */
export async function authenticate(verifier: Verifier, headers: HeaderBag, options: AuthenticateOptions = {}): Promise<AccessTokenClaims> {
  const { method, url, ...verify } = options;
  const bound = dpopToken(headers);
  if (bound !== undefined) {
    if (method === undefined || url === undefined) throw new TypeError('authenticate: a DPoP token needs the request\'s method and url');
    return verifier.verifyAccessToken(bound, { ...verify, dpop: { proof: dpopHeader(headers), method, url } });
  }
  const token = bearerToken(headers);
  if (token === undefined) throw new AccessTokenError(undefined, 'an access token is required');
  return verifier.verifyAccessToken(token, verify);
}

/** What the adapters pass on: the method and URL only when the request uses the DPoP scheme, so a Bearer request never needs a Host. */
async function authenticateRequest(verifier: Verifier, request: RequestLike, options: ProtectOptions): Promise<AccessTokenClaims> {
  if (dpopToken(request.headers) === undefined) return authenticate(verifier, request.headers, options);
  return authenticate(verifier, request.headers, { ...options, method: request.method ?? 'GET', url: requestUrl(request, options.publicUrl) });
}

/** The status, headers and JSON body that refuse a request. */
export function refusal(error: AccessTokenError | VerifierUnavailableError, options: ChallengeOptions = {}) {
  if (error instanceof VerifierUnavailableError) {
    return { status: 503, headers: { 'retry-after': '5', 'content-type': 'application/json' }, body: { error: 'temporarily_unavailable', error_description: 'the access token cannot be checked now' } };
  }
  return {
    status: error.status,
    headers: { 'www-authenticate': wwwAuthenticate(error, options), 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: error.code ? { error: error.code, error_description: error.message, ...(error.scopes ? { scope: error.scopes.join(' ') } : {}) } : { error_description: error.message },
  };
}

const refusable = (error: unknown): error is AccessTokenError | VerifierUnavailableError =>
  error instanceof AccessTokenError || error instanceof VerifierUnavailableError;

export type FastifyLikeRequest = RequestLike;
export interface FastifyLikeReply {
  code(statusCode: number): FastifyLikeReply;
  header(name: string, value: string): FastifyLikeReply;
  send(payload?: unknown): FastifyLikeReply;
}

/**
 * A Fastify `preHandler` (or `onRequest`) hook: sets `request.auth` to the claims, or answers
 * 401/403/400 with the RFC 6750 challenge (503 when the verifier cannot decide).
 *
 * ```ts
 * app.get('/reports', { preHandler: fastifyAuth(verifier, { scopes: ['reports.read'] }) }, (req) => req.auth.client_id);
 * ```
 *
 * Declare `auth` once to type it: `app.decorateRequest('auth', null)` and a
 * `declare module 'fastify' { interface FastifyRequest { auth: AccessTokenClaims } }`.
 */
export function fastifyAuth(verifier: Verifier, options: ProtectOptions = {}) {
  return async function keywardAuth(request: FastifyLikeRequest, reply: FastifyLikeReply): Promise<void> {
    try {
      (request as FastifyLikeRequest & { auth?: AccessTokenClaims }).auth = await authenticateRequest(verifier, request, options);
    } catch (error) {
      if (!refusable(error)) throw error;
      const answer = refusal(error, options);
      reply.code(answer.status);
      for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
      reply.send(answer.body);
    }
  };
}

export type NodeLikeRequest = RequestLike;
export interface NodeLikeResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(chunk?: string): unknown;
}

function write(res: NodeLikeResponse, error: AccessTokenError | VerifierUnavailableError, options: ChallengeOptions) {
  const answer = refusal(error, options);
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.end(JSON.stringify(answer.body));
}

/**
 * Express (or Connect) middleware: sets `req.auth` to the claims and calls `next()`, or answers
 * the refusal itself. Errors other than the token's or the verifier's go to `next(error)`.
 *
 * ```ts
 * app.get('/reports', expressAuth(verifier, { scopes: ['reports.read'] }), (req, res) => res.json(req.auth));
 * ```
 */
export function expressAuth(verifier: Verifier, options: ProtectOptions = {}) {
  return function keywardAuth(req: NodeLikeRequest, res: NodeLikeResponse, next: (error?: unknown) => void): void {
    authenticateRequest(verifier, req, options).then(
      (claims) => {
        (req as NodeLikeRequest & { auth?: AccessTokenClaims }).auth = claims;
        next();
      },
      (error: unknown) => (refusable(error) ? write(res, error, options) : next(error)),
    );
  };
}

/**
 * For a plain `node:http` handler: resolves to the claims, or answers the refusal itself and
 * resolves to undefined (the handler then returns).
 *
 * ```ts
 * const auth = nodeAuth(verifier, { scopes: ['reports.read'] });
 * http.createServer(async (req, res) => { const claims = await auth(req, res); if (!claims) return; … });
 * ```
 */
export function nodeAuth(verifier: Verifier, options: ProtectOptions = {}) {
  return async (req: NodeLikeRequest, res: NodeLikeResponse): Promise<AccessTokenClaims | undefined> => {
    try {
      return await authenticateRequest(verifier, req, options);
    } catch (error) {
      if (!refusable(error)) throw error;
      write(res, error, options);
      return undefined;
    }
  };
}
