/**
 * The one error type of Keyward. Services and the domain throw it; the HTTP layer turns it,
 * in one place, into an RFC 6749 error on OAuth endpoints and RFC 9457 problem+json elsewhere
 * (compatibility adapters may reshape it into their vendor's error body).
 *
 * `message` is public: it is shown to the caller, so it must never contain a secret. Anything
 * that is not a KeywardError is treated as unexpected and answered as a generic 500.
 */
export type ErrorCode =
  // Admin API (names follow google.rpc.Code, which AIP-style APIs and Zitadel speak)
  | 'invalid_argument'
  | 'not_found'
  | 'already_exists'
  | 'permission_denied'
  | 'unauthenticated'
  | 'failed_precondition'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'resource_exhausted'
  | 'unavailable'
  | 'bad_gateway'
  | 'internal'
  // OAuth 2.0 (RFC 6749 §5.2, RFC 6750 §3.1, RFC 7009 §2.2.1, RFC 8707 §2)
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_target'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'unsupported_token_type';

/** HTTP status per code. OAuth's invalid_client is 401 only when Basic auth was used; see http/errors. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_argument: 400,
  not_found: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  failed_precondition: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  resource_exhausted: 429,
  unavailable: 503,
  bad_gateway: 502,
  internal: 500,
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  invalid_target: 400,
  invalid_token: 401,
  insufficient_scope: 403,
  unsupported_token_type: 400,
};

export interface FieldViolation {
  /** Where the problem is, as a path of field names, e.g. ["body", "displayName"]. */
  field: string;
  description: string;
}

export class KeywardError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly violations: FieldViolation[];
  /** Seconds a client should wait before retrying (429, 503). */
  readonly retryAfter?: number;
  /** The authentication scheme the caller used and failed (`Basic`, `Bearer`): answered with a challenge. */
  readonly challenge?: 'Basic' | 'Bearer';

  constructor(
    code: ErrorCode,
    message: string,
    options: { violations?: FieldViolation[]; retryAfter?: number; challenge?: 'Basic' | 'Bearer'; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'KeywardError';
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.violations = options.violations ?? [];
    this.retryAfter = options.retryAfter;
    this.challenge = options.challenge;
  }
}

export const invalidArgument = (message: string, violations: FieldViolation[] = []) =>
  new KeywardError('invalid_argument', message, { violations });
export const notFound = (what: string) => new KeywardError('not_found', `${what} was not found.`);
export const alreadyExists = (message: string) => new KeywardError('already_exists', message);
export const permissionDenied = (message: string) => new KeywardError('permission_denied', message);
export const failedPrecondition = (message: string) => new KeywardError('failed_precondition', message);
export const unavailable = (message: string, cause?: unknown) =>
  new KeywardError('unavailable', message, { retryAfter: 1, cause });

export const isKeywardError = (e: unknown): e is KeywardError => e instanceof KeywardError;
