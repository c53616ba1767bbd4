import { AccessTokenError, VerifierUnavailableError, wwwAuthenticate, type ChallengeOptions } from './errors.js';
import type { AccessTokenClaims, Verifier, VerifyOptions } from './verifier.js';

/**
 * The adapters type requests and replies by the few members they use, so the SDK depends on no
 * framework: Fastify's, Express's and node:http's objects all fit.
 */
export type HeaderBag = Record<string, string | string[] | undefined>;

export interface ProtectOptions extends VerifyOptions, ChallengeOptions {}

/** RFC 6750 §2.1 `b64token` after `Bearer` and one or more spaces. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

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

/** Reads and verifies the request's token; throws AccessTokenError (no token included) or VerifierUnavailableError. */
export async function authenticate(verifier: Verifier, headers: HeaderBag, options: VerifyOptions = {}): Promise<AccessTokenClaims> {
  const token = bearerToken(headers);
  if (token === undefined) throw new AccessTokenError(undefined, 'an access token is required');
  return verifier.verifyAccessToken(token, options);
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

export interface FastifyLikeRequest {
  headers: HeaderBag;
}
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
      (request as FastifyLikeRequest & { auth?: AccessTokenClaims }).auth = await authenticate(verifier, request.headers, options);
    } catch (error) {
      if (!refusable(error)) throw error;
      const answer = refusal(error, options);
      reply.code(answer.status);
      for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
      reply.send(answer.body);
    }
  };
}

export interface NodeLikeRequest {
  headers: HeaderBag;
}
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
    authenticate(verifier, req.headers, options).then(
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
      return await authenticate(verifier, req.headers, options);
    } catch (error) {
      if (!refusable(error)) throw error;
      write(res, error, options);
      return undefined;
    }
  };
}
