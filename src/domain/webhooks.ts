import { EVENT_CATALOGUE, eventFamily, type EventFamily } from './events.js';
import { withRfc3339Times } from './event-times.js';
import type { AuditEvent } from './model.js';

/**
 * Webhooks: subscriptions to Keyward's events, delivered by the outbox dispatcher
 * (src/webhooks/dispatcher.ts) as Standard Webhooks requests.
 */
export const WEBHOOK_AUTH_TYPES = ['NONE', 'BEARER', 'BASIC', 'OAUTH2_CLIENT_CREDENTIALS'] as const;
export type WebhookAuthType = (typeof WEBHOOK_AUTH_TYPES)[number];

export interface Webhook {
  id: string;
  orgId: string;
  /** Null: the webhook hears every event of its organization. */
  workspaceId: string | null;
  url: string;
  authType: WebhookAuthType;
  /** Token endpoint for OAUTH2_CLIENT_CREDENTIALS. */
  authUrl: string | null;
  /** Extra form fields of that token request (client_id, scope, audience…); never a secret. */
  tokenRequestConfig: Record<string, string>;
  /** Static headers added to every delivery. */
  headers: Record<string, string>;
  /** Names of the write-only receiver secrets (bearer_token, username, password, client_secret…). */
  secretKeys: string[];
  /** Hint of the newest Standard Webhooks signing secret. */
  signingSecretHint: string;
  /** Event types or `family.*` patterns; empty means every event. */
  eventTypes: string[];
  enabled: boolean;
  /** Why it was disabled: `gone` (the receiver answered 410), `failing` (retries exhausted) or `admin`. */
  disabledReason: string | null;
  lastSuccessTime: number | null;
  createdBy: string;
  updatedBy: string;
  createTime: number;
  updateTime: number;
}

export interface SigningSecret {
  secret: string;
  /** Null for the current secret; an older one keeps signing until then (rotation overlap). */
  expireTime: number | null;
}

/** What is stored encrypted: everything a delivery needs and nobody may read back. */
export interface WebhookSecrets {
  receiver: Record<string, string>;
  signing: SigningSecret[];
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'disabled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery {
  /** `msg_…`: the Standard Webhooks `webhook-id`, the same on every attempt. */
  id: string;
  orgId: string;
  webhookId: string;
  eventSequence: number;
  eventType: string;
  /** The payload as first built; each attempt sets its own retryCount. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptTime: number | null;
  lastAttemptTime: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createTime: number;
  updateTime: number;
}

/**
 * How an attempt ended: the receiver's answer (`delivered` for a 2xx, `http_error` for any other
 * status, `redirect_not_followed` for a 3xx), or why none came: the transport's failure kinds, and
 * `receiver_auth` when no receiver token could be had, so nothing was sent.
 */
export const DELIVERY_ATTEMPT_OUTCOMES = [
  'delivered',
  'http_error',
  'redirect_not_followed',
  'timeout',
  'connection',
  'ssrf_refused',
  'invalid_request',
  'receiver_auth',
  'interrupted',
] as const;
export type DeliveryAttemptOutcome = (typeof DELIVERY_ATTEMPT_OUTCOMES)[number];

/** One attempt of a delivery, for debugging a receiver: never a request header, a secret or the response body. */
export interface DeliveryAttempt {
  id: string;
  orgId: string;
  deliveryId: string;
  /** 1, 2, 3… per delivery; a redelivery restarts the schedule, not this count. */
  attempt: number;
  startTime: number;
  /** From the start of the attempt, a receiver token request included, to its outcome. */
  durationMs: number;
  statusCode: number | null;
  outcome: DeliveryAttemptOutcome;
  /** What the delivery's lastError said after this attempt; null when delivered. */
  message: string | null;
}

/**
 * The event families webhooks carry. Organization, signing-key, token, provider and role-binding
 * events stay in the audit log: they are the operator's concern, not a workspace owner's.
 */
export const WEBHOOK_EVENT_FAMILIES = ['workspace', 'access', 'client', 'credential', 'role', 'webhook'] as const satisfies readonly EventFamily[];

/** The catalogue's events a webhook can hear (docs/webhooks.md lists them for subscribers). */
export const WEBHOOK_EVENTS = EVENT_CATALOGUE.filter((e) => isDeliverableEvent(e.type));

const EVENT_PATTERN = /^[a-z][a-z0-9_]*(\.([a-z][a-z0-9_]*|\*))?$/;

/** Why a subscription pattern is refused, or null when it is fine. */
export function eventTypeProblem(pattern: string): string | null {
  if (pattern === '*') return null;
  if (!EVENT_PATTERN.test(pattern)) return 'use an event type such as "client.created" or a family such as "client.*"';
  const family = eventFamily(pattern);
  if (!(WEBHOOK_EVENT_FAMILIES as readonly string[]).includes(family)) {
    return `webhooks carry the families ${WEBHOOK_EVENT_FAMILIES.join(', ')}`;
  }
  return null;
}

export function isDeliverableEvent(type: string): boolean {
  return (WEBHOOK_EVENT_FAMILIES as readonly string[]).includes(eventFamily(type));
}

/** No patterns means every event; `family.*` matches the family; otherwise exact. */
export function matchesEventTypes(patterns: readonly string[], type: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}

/** `whsec_AbCd…wXyZ`: tells two signing secrets apart, far too little to sign with. */
export function signingSecretHint(secret: string): string {
  const body = secret.startsWith('whsec_') ? secret.slice(6) : secret;
  return `whsec_${body.slice(0, 4)}…${body.slice(-4)}`;
}

/**
 * The body of a delivery. Standard Webhooks' `{type, timestamp, data}` for its libraries, and
 * Docpier's documented fields beside them so receivers written for Docpier read it unchanged:
 * `event` (= type), `occurred` (= timestamp), `webhookId` (the delivery id, which is also the
 * `webhook-id` header), `retryCount` (0 on the first attempt) and `details`.
 *
 * Thin on purpose: ids, names and the before/after snapshots the audit log holds, which never
 * contain a secret, a secret's hash or a private key (services/snapshots.ts). Their times are
 * RFC 3339, as the /v1 audit API shows them (domain/event-times.ts).
 */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
  event: string;
  occurred: string;
  webhookId: string;
  retryCount: number;
  details: Record<string, unknown>;
}

export function buildPayload(event: AuditEvent, deliveryId: string, workspaceId: string | null): WebhookPayload {
  const occurred = new Date(event.time).toISOString();
  return {
    type: event.type,
    timestamp: occurred,
    data: {
      ...withRfc3339Times(event.data),
      id: event.id,
      sequence: event.sequence,
      resource: event.resource,
      actor: event.actor,
      organizationId: event.orgId,
      workspaceId,
    },
    event: event.type,
    occurred,
    webhookId: deliveryId,
    retryCount: 0,
    details: { organizationId: event.orgId, workspaceId, resource: event.resource, eventId: event.id, sequence: event.sequence },
  };
}

/** The exact bytes of one attempt: the stored payload with this attempt's retryCount. */
export function payloadForAttempt(stored: string, retryCount: number): string {
  const payload = JSON.parse(stored) as WebhookPayload;
  payload.retryCount = retryCount;
  return JSON.stringify(payload);
}
