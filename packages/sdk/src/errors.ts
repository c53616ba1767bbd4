import { DPOP_ALGORITHMS } from './http.js';

/**
 * An error answer of the token endpoint (RFC 6749 §5.2), or a failure to reach it that retrying
 * did not cure. `error` is the server's code (`invalid_client`, `invalid_scope`, …) when it sent
 * one. The message never contains the client secret or the assertion.
 */
export class TokenEndpointError extends Error {
  override name = 'TokenEndpointError';
  /** The HTTP status of the last answer; undefined when no answer came (network, timeout). */
  readonly status: number | undefined;
  /** RFC 6749 §5.2 `error`, when the body had one. */
  readonly error: string | undefined;
  /** RFC 6749 §5.2 `error_description`, when the body had one. */
  readonly errorDescription: string | undefined;
  /** Seconds the server asked to wait (`Retry-After`), when it sent that header. */
  readonly retryAfter: number | undefined;

  constructor(
    message: string,
    details: { status?: number; error?: string; errorDescription?: string; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.error = details.error;
    this.errorDescription = details.errorDescription;
    this.retryAfter = details.retryAfter;
  }
}

/** RFC 6750 §3.1 error codes, and RFC 9449 §7.1's for DPoP. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope' | 'invalid_dpop_proof' | 'use_dpop_nonce';

/** The authentication scheme a refusal answers in: the one the request used, or DPoP for a bound token. */
export type AuthScheme = 'Bearer' | 'DPoP';

/**
 * Why a request's access token was refused, in RFC 6750 terms: `invalid_token` (401: missing
 * signature, wrong issuer, audience or `typ`, expired, revoked), `insufficient_scope` (403, with
 * the scopes the request needs in `scopes`) or `invalid_request` (400: a malformed
 * `Authorization` header); for DPoP (RFC 9449) `invalid_dpop_proof` (401: a missing or bad
 * proof). `code` is undefined when the request carried no token at all (401 with a bare
 * `Bearer` challenge, RFC 6750 §3.1). `scheme` is `DPoP` when the request presented its token
 * in that scheme or the token is bound to a key, so the challenge tells the client how to
 * present it. The adapters turn it into the answer; `wwwAuthenticate()` builds the challenge
 * for other frameworks.
 */
export class AccessTokenError extends Error {
  override name = 'AccessTokenError';
  readonly code: BearerErrorCode | undefined;
  readonly status: 400 | 401 | 403;
  /** For `insufficient_scope`: every scope the request needs (RFC 6750 §3 `scope`). */
  readonly scopes: readonly string[] | undefined;
  readonly scheme: AuthScheme;

  constructor(code: BearerErrorCode | undefined, description: string, options: { scopes?: readonly string[]; cause?: unknown; scheme?: AuthScheme } = {}) {
    super(description, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = code === 'insufficient_scope' ? 403 : code === 'invalid_request' ? 400 : 401;
    this.scopes = options.scopes;
    this.scheme = options.scheme ?? 'Bearer';
  }
}

/**
 * The verifier could not decide: the key set or the introspection endpoint did not answer, or
 * answered something unusable. Not the token's fault, so not a 401: the adapters answer 503.
 */
export class VerifierUnavailableError extends Error {
  override name = 'VerifierUnavailableError';
  /** Fastify and Express read these to choose the status. */
  readonly statusCode = 503;
  readonly status = 503;
}

/** Characters RFC 6750 §3 allows inside a quoted auth-param (no `"` and no `\`). */
const quotable = (value: string) => value.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, ' ');

export interface ChallengeOptions {
  /** RFC 6750 §3 `realm`. */
  realm?: string;
  /** RFC 9728 §5.1: the URL of this resource's protected-resource metadata. */
  resourceMetadata?: string;
  /** RFC 9449 §7.1 `algs` of a DPoP challenge: the proof algorithms accepted. Default `ES256 EdDSA RS256`. */
  dpopAlgorithms?: readonly string[];
}

/**
 * The `WWW-Authenticate` value for a refused request: a bare `Bearer` challenge (with `realm`
 * and `resource_metadata` when given) when no token came, else one with `error`,
 * `error_description` and, for `insufficient_scope`, the needed `scope`. A refusal in the DPoP
 * scheme is a `DPoP` challenge with the same parameters and `algs` (RFC 9449 §7.1).
 */
export function wwwAuthenticate(error: AccessTokenError | undefined, options: ChallengeOptions = {}): string {
  const params: string[] = [];
  if (options.realm !== undefined) params.push(`realm="${quotable(options.realm)}"`);
  if (options.resourceMetadata !== undefined) params.push(`resource_metadata="${quotable(options.resourceMetadata)}"`);
  if (error?.code) {
    params.push(`error="${error.code}"`);
    if (error.message) params.push(`error_description="${quotable(error.message)}"`);
    if (error.code === 'insufficient_scope' && error.scopes?.length) params.push(`scope="${quotable(error.scopes.join(' '))}"`);
  }
  if (error?.scheme === 'DPoP') {
    params.push(`algs="${quotable((options.dpopAlgorithms ?? DPOP_ALGORITHMS).join(' '))}"`);
    return `DPoP ${params.join(', ')}`;
  }
  return params.length ? `Bearer ${params.join(', ')}` : 'Bearer';
}
