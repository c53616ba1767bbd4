import { createHash } from 'node:crypto';
import { pinnedRequest } from '../net/pinned-http.js';
import type { ResolveHost } from '../net/ssrf-guard.js';

/** Docpier's `auth_type`: how Keyward proves itself to the receiver of a webhook. */
export type ReceiverAuthType = 'NONE' | 'BEARER' | 'BASIC' | 'OAUTH2_CLIENT_CREDENTIALS';

/** The slice of a webhook this module reads; field names follow the Docpier dialect. */
export interface ReceiverAuthConfig {
  id: string;
  auth_type: ReceiverAuthType;
  auth_url?: string | null;
  /** Extra form fields for the token request (client_id, scope, audience, resource…). */
  token_request_config?: Readonly<Record<string, string>> | null;
  /** bearer_token or token; username and password; client_secret. Write-only in the API. */
  secrets?: Readonly<Record<string, string>> | null;
}

export interface TokenRequest {
  url: string;
  form: URLSearchParams;
}

export interface TokenGrant {
  accessToken: string;
  /** Null when the authorization server omits expires_in (it is only RECOMMENDED). */
  expiresInSeconds: number | null;
}

export type FetchToken = (request: TokenRequest) => Promise<TokenGrant>;

export type ReceiverAuthFailureReason = 'misconfigured' | 'token_request_failed';

/** Always a retryable delivery failure: the token server may recover, an admin may fix the config. */
export class ReceiverAuthError extends Error {
  readonly retryable = true;

  constructor(
    readonly reason: ReceiverAuthFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'ReceiverAuthError';
  }
}

// Token responses are small JSON objects; anything past this is not a token response.
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
const DEFAULT_TOKEN_TIMEOUT_MS = 10_000;
// Without expires_in we cannot know the lifetime; a minute bounds how long a revoked token
// keeps failing deliveries while still sparing the token server a request per delivery.
const ASSUMED_LIFETIME_SECONDS = 60;
// Refresh a little early so a token does not expire between being read and being checked.
const MAX_REFRESH_MARGIN_MS = 60_000;
// Anything else (spaces, CR/LF, non-ASCII) is not a valid b64token (RFC 6750 §2.1) and could
// split or corrupt the header.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

interface CachedToken {
  fingerprint: string;
  accessToken: string;
  refreshAt: number;
}

/**
 * Access tokens per webhook, replaced when the webhook's auth settings change. A token past its
 * refresh time is worthless, so each new token sweeps those out: entries of deleted webhooks
 * (and the tokens they hold) live no longer than one token lifetime.
 */
export class ReceiverTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, { fingerprint: string; promise: Promise<string> }>();

  get size(): number {
    return this.tokens.size;
  }

  /** For a receiver that answers 401: its token may have been revoked before it expired. */
  invalidate(webhookId: string): void {
    this.tokens.delete(webhookId);
  }

  async accessToken(webhookId: string, fingerprint: string, requestToken: () => Promise<TokenGrant>, now: () => number): Promise<string> {
    const cached = this.tokens.get(webhookId);
    if (cached && cached.fingerprint === fingerprint && now() < cached.refreshAt) return cached.accessToken;
    // Deliveries to one endpoint often run together; they share one token request.
    const pending = this.inFlight.get(webhookId);
    if (pending && pending.fingerprint === fingerprint) return pending.promise;

    const requestedAt = now();
    const promise = checkedGrant(requestToken)
      .then((grant) => {
        const at = now();
        for (const [id, token] of this.tokens) if (token.refreshAt <= at) this.tokens.delete(id);
        this.tokens.set(webhookId, { fingerprint, accessToken: grant.accessToken, refreshAt: refreshAt(requestedAt, grant) });
        return grant.accessToken;
      })
      .finally(() => {
        if (this.inFlight.get(webhookId)?.promise === promise) this.inFlight.delete(webhookId);
      });
    this.inFlight.set(webhookId, { fingerprint, promise });
    return promise;
  }
}

export const sharedReceiverTokenCache = new ReceiverTokenCache();

export interface ReceiverAuthDeps {
  fetchToken: FetchToken;
  cache?: ReceiverTokenCache;
  now?: () => number;
}

/** The Authorization header value for a delivery, or null when the receiver wants none. */
export async function authorizationHeaderFor(webhook: ReceiverAuthConfig, deps: ReceiverAuthDeps): Promise<string | null> {
  const secrets = webhook.secrets ?? {};
  switch (webhook.auth_type) {
    case 'NONE':
      return null;
    case 'BEARER': {
      const token = secrets.bearer_token ?? secrets.token;
      if (!token) throw misconfigured('BEARER receiver auth needs secrets.bearer_token (or secrets.token)');
      if (!HEADER_SAFE.test(token)) throw misconfigured('the BEARER token contains characters not allowed in a header');
      return `Bearer ${token}`;
    }
    case 'BASIC': {
      const { username, password } = secrets;
      if (username === undefined || password === undefined) {
        throw misconfigured('BASIC receiver auth needs secrets.username and secrets.password');
      }
      // RFC 7617 splits user-id and password at the first colon.
      if (username.includes(':')) throw misconfigured('a BASIC username must not contain ":"');
      return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    }
    case 'OAUTH2_CLIENT_CREDENTIALS': {
      const request = tokenRequestFor(webhook);
      const fingerprint = createHash('sha256').update(`${request.url}\n${request.form.toString()}`).digest('base64url');
      const cache = deps.cache ?? sharedReceiverTokenCache;
      const token = await cache.accessToken(webhook.id, fingerprint, () => deps.fetchToken(request), deps.now ?? Date.now);
      return `Bearer ${token}`;
    }
    default: {
      const unknown: never = webhook.auth_type;
      throw misconfigured(`unknown receiver auth_type ${String(unknown)}`);
    }
  }
}

/** The form POSTed to auth_url: client_credentials, the configured fields, the client secret. */
export function tokenRequestFor(webhook: ReceiverAuthConfig): TokenRequest {
  if (!webhook.auth_url) throw misconfigured('OAUTH2_CLIENT_CREDENTIALS receiver auth needs auth_url');
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  for (const [name, value] of Object.entries(webhook.token_request_config ?? {})) {
    // The grant is what this module implements; a configured grant_type cannot change it, and
    // the secret belongs in the write-only secrets map, not in the readable config.
    if (name !== 'grant_type' && name !== 'client_secret') form.append(name, value);
  }
  const clientSecret = webhook.secrets?.client_secret;
  if (clientSecret !== undefined) form.append('client_secret', clientSecret);
  return { url: webhook.auth_url, form };
}

export interface HttpTokenFetcherOptions {
  allowPrivate?: boolean;
  timeoutMs?: number;
  resolveHost?: ResolveHost;
}

/** A FetchToken over the same pinned, SSRF-guarded, redirect-refusing HTTP as deliveries. */
export function createHttpTokenFetcher(options: HttpTokenFetcherOptions = {}): FetchToken {
  return async ({ url, form }) => {
    const outcome = await pinnedRequest({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      timeoutMs: options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS,
      maxBodyBytes: MAX_TOKEN_RESPONSE_BYTES,
      allowPrivate: options.allowPrivate,
      resolveHost: options.resolveHost,
    });
    if (!outcome.ok) throw tokenFailure(`${outcome.kind}: ${outcome.message}`);
    const json = outcome.truncated ? undefined : parseJsonObject(outcome.body.toString('utf8'));
    if (outcome.status < 200 || outcome.status >= 300) {
      // The RFC 6749 error code helps an admin fix the config; the description is not shown
      // because it is free text from an outside server.
      const code = typeof json?.error === 'string' && /^[\x20-\x7e]{1,64}$/.test(json.error) ? ` (${json.error})` : '';
      throw tokenFailure(`the token endpoint answered ${outcome.status}${code}`);
    }
    if (json === undefined) throw tokenFailure('the token endpoint did not answer with a JSON object');
    if (typeof json.access_token !== 'string' || json.access_token === '') {
      throw tokenFailure('the token response has no access_token');
    }
    if (json.token_type !== undefined && String(json.token_type).toLowerCase() !== 'bearer') {
      throw tokenFailure('the token type is not Bearer');
    }
    return { accessToken: json.access_token, expiresInSeconds: parseExpiresIn(json.expires_in) };
  };
}

async function checkedGrant(requestToken: () => Promise<TokenGrant>): Promise<TokenGrant> {
  let grant: TokenGrant;
  try {
    grant = await requestToken();
  } catch (error) {
    if (error instanceof ReceiverAuthError) throw error;
    throw tokenFailure(error instanceof Error ? error.message : String(error));
  }
  if (!HEADER_SAFE.test(grant.accessToken)) {
    throw tokenFailure('the access token contains characters not allowed in a header');
  }
  return grant;
}

function refreshAt(requestedAt: number, grant: TokenGrant): number {
  const lifetimeMs = (grant.expiresInSeconds ?? ASSUMED_LIFETIME_SECONDS) * 1000;
  return requestedAt + lifetimeMs - Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs * 0.1);
}

function parseExpiresIn(value: unknown): number | null {
  // Some servers send expires_in as a numeric string.
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function misconfigured(message: string): ReceiverAuthError {
  return new ReceiverAuthError('misconfigured', message);
}

function tokenFailure(detail: string): ReceiverAuthError {
  return new ReceiverAuthError('token_request_failed', `could not obtain an access token from auth_url: ${detail}`);
}
