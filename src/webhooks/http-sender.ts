import { pinnedRequest, type TransportFailureKind } from '../net/pinned-http.js';
import type { ResolveHost } from '../net/ssrf-guard.js';

// Enough for a delivery log to show the receiver's error message, small enough that a
// hostile receiver cannot fill the database through it.
export const WEBHOOK_BODY_SNIPPET_BYTES = 1024;

export type SendFailureKind = TransportFailureKind | 'redirect_not_followed';

export interface SendWebhookOptions {
  url: string;
  /** Signature headers, receiver auth and static headers; they override the defaults below. */
  headers: Readonly<Record<string, string>>;
  body: string;
  timeoutMs: number;
  allowPrivate?: boolean;
  resolveHost?: ResolveHost;
}

/** The receiver answered; whether that counts as delivered is retry-schedule's call. */
export interface WebhookResponse {
  ok: true;
  status: number;
  bodySnippet: string;
  durationMs: number;
  /** From a Retry-After header (seconds or HTTP date), so throttled retries can wait longer. */
  retryAfterMs: number | null;
}

export interface WebhookSendFailure {
  ok: false;
  kind: SendFailureKind;
  message: string;
  durationMs: number;
  /** Set for redirect_not_followed. */
  status?: number;
  location?: string;
}

export type WebhookSendResult = WebhookResponse | WebhookSendFailure;

export async function sendWebhook(options: SendWebhookOptions): Promise<WebhookSendResult> {
  const outcome = await pinnedRequest({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    timeoutMs: options.timeoutMs,
    maxBodyBytes: WEBHOOK_BODY_SNIPPET_BYTES,
    allowPrivate: options.allowPrivate,
    resolveHost: options.resolveHost,
  });
  if (!outcome.ok) {
    return { ok: false, kind: outcome.kind, message: outcome.message, durationMs: outcome.durationMs };
  }
  // Following a redirect would send the signed payload to a target the guard never checked
  // (the classic hop to 169.254.169.254); Standard Webhooks counts a 3xx as a failure.
  if (outcome.status >= 300 && outcome.status < 400) {
    const location = outcome.headers.location;
    return {
      ok: false,
      kind: 'redirect_not_followed',
      message: `receiver answered ${outcome.status}${location ? ` to ${location}` : ''}; redirects are not followed`,
      durationMs: outcome.durationMs,
      status: outcome.status,
      location,
    };
  }
  return {
    ok: true,
    status: outcome.status,
    bodySnippet: outcome.body.toString('utf8'),
    durationMs: outcome.durationMs,
    retryAfterMs: parseRetryAfter(headerValue(outcome.headers['retry-after']), Date.now()),
  };
}

/** Retry-After as a delay in ms, or null when absent or unreadable (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
