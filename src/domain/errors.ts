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
  | 'unsupported_token_type'
  // RFC 7591 §3.2.2
  | 'invalid_client_metadata'
  | 'invalid_redirect_uri'
  | 'invalid_software_statement'
  // RFC 9449 §5, §7.1, §8
  | 'invalid_dpop_proof'
  | 'use_dpop_nonce';

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
  invalid_client_metadata: 400,
  invalid_redirect_uri: 400,
  invalid_software_statement: 400,
  // A resource answers 401 with a DPoP challenge; the token endpoint answers 400 (http/errors).
  invalid_dpop_proof: 401,
  use_dpop_nonce: 401,
};

export interface FieldViolation {
  /** Where the problem is, as a path of field names, e.g. ["body", "displayName"]. */
  field: string;
  description: string;
}

/** The kinds of resource a not-found or conflict error can be about. */
export type ResourceKind = 'organization' | 'workspace' | 'apiClient' | 'credential' | 'provider' | 'role' | 'webhook';

/**
 * What a not-found or conflict error is about, so that each dialect names it in its vendor's
 * words (a workspace is a Zitadel project and a Keycard zone) without reading the message.
 * `id` is the identifier the caller used; `field` says which one when it is not the resource's
 * id (a taken `clientId`); `parent` is the resource it was looked for in.
 */
export interface ResourceRef {
  kind: ResourceKind;
  id: string;
  field?: string;
  parent?: ResourceRef;
}

/**
 * Why, where one code covers causes a dialect words differently: `outside_workspace`, a resource
 * that exists but not in the workspace the caller addressed it through (`resource.parent`);
 * `page_token`, a page token that no earlier page of this list gave.
 */
/** `federated_refused`: a provider's token was refused; the reason is logged, as the client is told. */
export type ErrorReason = 'outside_workspace' | 'page_token' | 'federated_refused';

export class KeywardError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly violations: FieldViolation[];
  /** Set on not_found and already_exists errors that concern one resource. */
  readonly resource?: ResourceRef;
  readonly reason?: ErrorReason;
  /** Seconds a client should wait before retrying (429, 503). */
  readonly retryAfter?: number;
  /** The authentication scheme the caller used and failed (`Basic`, `Bearer`): answered with a challenge. */
  readonly challenge?: 'Basic' | 'Bearer';
  /** Response headers the error needs (`DPoP-Nonce` with use_dpop_nonce). */
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      violations?: FieldViolation[];
      retryAfter?: number;
      challenge?: 'Basic' | 'Bearer';
      cause?: unknown;
      resource?: ResourceRef;
      reason?: ErrorReason;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'KeywardError';
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.violations = options.violations ?? [];
    this.retryAfter = options.retryAfter;
    this.challenge = options.challenge;
    if (options.resource) this.resource = options.resource;
    if (options.reason) this.reason = options.reason;
    if (options.headers) this.headers = options.headers;
  }
}

export const invalidArgument = (message: string, violations: FieldViolation[] = [], reason?: ErrorReason) =>
  new KeywardError('invalid_argument', message, { violations, reason });
export const notFound = (what: string, resource?: ResourceRef) => new KeywardError('not_found', `${what} was not found.`, { resource });
export const alreadyExists = (message: string, resource?: ResourceRef) => new KeywardError('already_exists', message, { resource });

/** Keyward's own name of each kind, and the resource name its API uses. */
const KEYWARD_NAMES: Record<ResourceKind, [noun: string, collection: string]> = {
  organization: ['Organization', 'organizations'],
  workspace: ['Workspace', 'workspaces'],
  apiClient: ['API client', 'apiClients'],
  credential: ['Credential', 'credentials'],
  provider: ['Provider', 'providers'],
  role: ['Role', 'roles'],
  webhook: ['Webhook', 'webhooks'],
};

const resourceName = (ref: ResourceRef): string =>
  `${ref.parent ? `${resourceName(ref.parent)}/` : ''}${KEYWARD_NAMES[ref.kind][1]}/${ref.id}`;

/** The not-found error of one resource, in Keyward's words (`Workspace workspaces/ws_1 was not found.`). */
export const missing = (kind: ResourceKind, id: string, parent?: ResourceRef) => {
  const resource: ResourceRef = { kind, id, ...(parent ? { parent } : {}) };
  return notFound(`${KEYWARD_NAMES[kind][0]} ${resourceName(resource)}`, resource);
};

/**
 * A resource that exists, but in another workspace than the one the caller addressed it through
 * (a dialect's zone or project path): not found there, and said so.
 */
export const outsideWorkspace = (kind: ResourceKind, id: string, workspaceId: string) => {
  const resource: ResourceRef = { kind, id, parent: { kind: 'workspace', id: workspaceId } };
  return new KeywardError('not_found', `${KEYWARD_NAMES[kind][0]} ${resourceName(resource)} was not found.`, { resource, reason: 'outside_workspace' });
};

/** Is this the not-found error of a resource of that kind? */
export const isMissing = (error: unknown, kind: ResourceKind): error is KeywardError =>
  error instanceof KeywardError && error.code === 'not_found' && error.resource?.kind === kind;
export const permissionDenied = (message: string) => new KeywardError('permission_denied', message);
export const failedPrecondition = (message: string) => new KeywardError('failed_precondition', message);
export const unavailable = (message: string, cause?: unknown) =>
  new KeywardError('unavailable', message, { retryAfter: 1, cause });

export const isKeywardError = (e: unknown): e is KeywardError => e instanceof KeywardError;

/**
 * The store refused a write that would repeat a unique key. The store throws it with a generic
 * message; a use case that knows which key it was (a taken client id) says so in its own words.
 */
export class DuplicateKeyError extends KeywardError {
  constructor(cause: unknown) {
    super('already_exists', 'A resource with this identifier already exists.', { cause });
  }
}
