import type { KeyEncryption } from '../crypto/key-encryption.js';
import { failedPrecondition, invalidArgument, notFound, type FieldViolation, missing } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Context, Page } from '../domain/model.js';
import { pageSizeOf } from '../domain/paging.js';
import { ADMIN_PERMISSIONS } from '../domain/permissions.js';
import { throwIfViolations } from '../domain/validation.js';
import {
  DELIVERY_STATUSES,
  WEBHOOK_AUTH_TYPES,
  eventTypeProblem,
  signingSecretHint,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryStatus,
  type Webhook,
  type WebhookAuthType,
  type WebhookSecrets,
} from '../domain/webhooks.js';
import type { SealedWebhook } from '../store/webhooks.js';
import type { Repos, Store } from '../store/index.js';
import { decodeWebhookSecret, generateWebhookSecret } from '../crypto/webhook-signing.js';
import { targetProblem } from '../net/target-policy.js';
import { requirePermission } from './authorization.js';
import type { UnitsOfWork } from './unit-of-work.js';

export interface WebhookInput {
  /** Create only; null or absent: every workspace of the organization. */
  workspaceId?: string | null;
  url?: string;
  authType?: string;
  authUrl?: string | null;
  tokenRequestConfig?: Record<string, string>;
  headers?: Record<string, string>;
  /** Write-only receiver secrets; a `signing_secret` entry sets the Standard Webhooks secret instead. */
  secrets?: Record<string, string>;
  eventTypes?: string[];
  enabled?: boolean;
}

export interface WebhookWithSecret {
  webhook: Webhook;
  /** Only when Keyward generated it: shown this once, afterwards only its hint. */
  signingSecret?: string;
}

/** Where callers put their own Standard Webhooks secret in the `secrets` map. */
export const SIGNING_SECRET_KEY = 'signing_secret';

/** How long the previous signing secret keeps signing after a rotation, unless told otherwise. */
export const DEFAULT_SIGNING_OVERLAP_SECONDS = 24 * 3600;
const MAX_SIGNING_SECRETS = 5;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const CONFIG_KEY = /^[A-Za-z0-9_.:-]{1,100}$/;
const SECRET_KEY = /^[a-z][a-z0-9_]{0,63}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

// Framing headers would let a header map smuggle requests; the signature and auth headers are
// Keyward's to set, and a readable static header is the wrong home for a credential.
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'upgrade',
  'te',
  'trailer',
  'authorization',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
]);

/** What audit events and other webhooks learn about a webhook: never a secret or a header value. */
export const webhookSnapshot = (w: Webhook) => ({
  id: w.id,
  workspaceId: w.workspaceId,
  url: w.url,
  authType: w.authType,
  authUrl: w.authUrl,
  headerNames: Object.keys(w.headers),
  secretKeys: w.secretKeys,
  signingSecretHint: w.signingSecretHint,
  eventTypes: w.eventTypes,
  enabled: w.enabled,
  disabledReason: w.disabledReason,
});

export interface WebhookServiceOptions {
  allowPrivate: boolean;
}

export class WebhookService {
  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
    private readonly encryption: KeyEncryption,
    private readonly options: WebhookServiceOptions,
  ) {}

  // ── Admin ──────────────────────────────────────────────────────────────────────────────

  async create(ctx: Context, input: WebhookInput): Promise<WebhookWithSecret> {
    requirePermission(ctx, ADMIN_PERMISSIONS.webhooksWrite);
    if (input.url === undefined) throw invalidArgument('url is required.', [{ field: 'url', description: 'the https URL that receives the events' }]);
    const { receiver, signing: given } = splitSecrets(input.secrets ?? {});
    const now = Date.now();
    const signing = given ?? generateWebhookSecret();
    const webhook: Webhook = {
      id: newId('webhook'),
      orgId: ctx.orgId,
      workspaceId: input.workspaceId ?? null,
      url: input.url,
      authType: (input.authType ?? 'NONE') as WebhookAuthType,
      authUrl: input.authUrl ?? null,
      tokenRequestConfig: input.tokenRequestConfig ?? {},
      headers: input.headers ?? {},
      secretKeys: Object.keys(receiver).sort(),
      signingSecretHint: signingSecretHint(signing),
      eventTypes: [...new Set(input.eventTypes ?? [])],
      enabled: input.enabled ?? true,
      disabledReason: input.enabled === false ? 'admin' : null,
      lastSuccessTime: null,
      createdBy: ctx.actor.name,
      updatedBy: ctx.actor.name,
      createTime: now,
      updateTime: now,
    };
    const secrets: WebhookSecrets = { receiver, signing: [{ secret: signing, expireTime: null }] };
    this.validate(webhook, secrets, given);
    await this.units.run(ctx, async ({ tx, record }) => {
      if (webhook.workspaceId !== null && !(await tx.workspaces.findWorkspaceById(ctx.orgId, webhook.workspaceId))) {
        throw missing('workspace', webhook.workspaceId);
      }
      await tx.webhooks.insertWebhook(webhook, this.seal(webhook.id, secrets));
      await record({
        type: 'webhook.created',
        resource: `webhooks/${webhook.id}`,
        data: { after: webhookSnapshot(webhook), workspaceId: webhook.workspaceId },
      });
    });
    return { webhook, ...(given ? {} : { signingSecret: signing }) };
  }

  /** `workspaceId`: the webhook must belong to that workspace (Docpier addresses it through one). */
  async get(ctx: Context, id: string, workspaceId?: string): Promise<Webhook> {
    requirePermission(ctx, ADMIN_PERMISSIONS.webhooksRead);
    const webhook = await this.store.read.webhooks.findWebhookById(ctx.orgId, id);
    if (!webhook || (workspaceId !== undefined && webhook.workspaceId !== workspaceId)) throw missing('webhook', id);
    return webhook;
  }

  async list(ctx: Context, query: { workspaceId?: string; pageSize?: number; pageToken?: string }): Promise<Page<Webhook>> {
    requirePermission(ctx, ADMIN_PERMISSIONS.webhooksRead);
    if (query.workspaceId !== undefined && !(await this.store.read.workspaces.findWorkspaceById(ctx.orgId, query.workspaceId))) {
      throw missing('workspace', query.workspaceId);
    }
    return this.store.read.webhooks.listWebhooksByOrg(ctx.orgId, {
      workspaceId: query.workspaceId,
      pageSize: pageSizeOf(query.pageSize),
      pageToken: query.pageToken,
    });
  }

  /**
   * Omitted fields stay; a supplied map replaces the old one. `secrets` replaces the receiver
   * secrets; its `signing_secret` entry rotates the signing secret, the old one signing beside
   * it for a day so receivers can switch without losing a delivery.
   */
  async update(ctx: Context, id: string, input: WebhookInput, workspaceId?: string): Promise<Webhook> {
    requirePermission(ctx, ADMIN_PERMISSIONS.webhooksWrite);
    return this.units.run(ctx, async ({ tx, record }) => {
      const { webhook: before, secrets } = await this.findSealed(tx, ctx.orgId, id, workspaceId);
      const now = Date.now();
      const after: Webhook = {
        ...before,
        url: input.url ?? before.url,
        authType: (input.authType ?? before.authType) as WebhookAuthType,
        authUrl: input.authUrl === undefined ? before.authUrl : input.authUrl,
        tokenRequestConfig: input.tokenRequestConfig ?? before.tokenRequestConfig,
        headers: input.headers ?? before.headers,
        eventTypes: input.eventTypes ? [...new Set(input.eventTypes)] : before.eventTypes,
        updatedBy: ctx.actor.name,
        updateTime: now,
      };
      if (input.enabled !== undefined && input.enabled !== before.enabled) {
        after.enabled = input.enabled;
        after.disabledReason = input.enabled ? null : 'admin';
      }
      let resealed: WebhookSecrets | undefined;
      let given: string | undefined;
      if (input.secrets !== undefined) {
        const split = splitSecrets(input.secrets);
        given = split.signing;
        resealed = { receiver: split.receiver, signing: given ? rotated(secrets, given, now, DEFAULT_SIGNING_OVERLAP_SECONDS) : secrets.signing };
        after.secretKeys = Object.keys(split.receiver).sort();
        if (given) after.signingSecretHint = signingSecretHint(given);
      }
      this.validate(after, resealed ?? secrets, given);
      await tx.webhooks.updateWebhook(after, resealed && this.seal(id, resealed));
      if (before.enabled && !after.enabled) await tx.deliveries.disablePendingDeliveries(ctx.orgId, id, now);
      await record({
        type: 'webhook.updated',
        resource: `webhooks/${id}`,
        data: { before: webhookSnapshot(before), after: webhookSnapshot(after), workspaceId: after.workspaceId },
      });
      return after;
    });
  }

  /** A new signing secret (generated unless given); the previous ones sign on for `overlapSeconds`. */
  async rotateSigningSecret(ctx: Context, id: string, input: { overlapSeconds?: number; secret?: string }): Promise<WebhookWithSecret> {
    requirePermission(ctx, ADMIN_PERMISSIONS.webhooksWrite);
    const overlap = input.overlapSeconds ?? DEFAULT_SIGNING_OVERLAP_SECONDS;
    if (!Number.isInteger(overlap) || overlap < 0 || overlap > 30 * 86400) {
      throw invalidArgument('overlap must be between 0 seconds and 30 days.', [{ field: 'overlap', description: 'for example "86400s"' }]);
    }
    if (input.secret !== undefined) checkSigningSecret(input.secret, 'secret');
    const secret = input.secret ?? generateWebhookSecret();
    return this.units.run(ctx, async ({ tx, record }) => {
      const { webhook: before, secrets } = await this.findSealed(tx, ctx.orgId, id);
      const now = Date.now();
      const after: Webhook = { ...before, signingSecretHint: signingSecretHint(secret), updatedBy: ctx.actor.name, updateTime: now };
      await tx.webhooks.updateWebhook(after, this.seal(id, { receiver: secrets.receiver, signing: rotated(secrets, secret, now, overlap) }));
      await record({
        type: 'webhook.secret_rotated',
        resource: `webhooks/${id}`,
        data: { before: webhookSnapshot(before), after: webhookSnapshot(after), previousExpireTime: now + overlap * 1000, workspaceId: after.workspaceId },
      });
      return { webhook: after, ...(input.secret === undefined ? { signingSecret: secret } : {}) };
    });
  }

  async delete(ctx: Context, id: string, workspaceId?: string): Promise<Webhook> {
    requirePermission(ctx, ADMIN_PERMISSIONS.webhooksWrite);
    return this.units.run(ctx, async ({ tx, record }) => {
      const webhook = await tx.webhooks.findWebhookById(ctx.orgId, id);
      if (!webhook || (workspaceId !== undefined && webhook.workspaceId !== workspaceId)) throw missing('webhook', id);
      // Deleted before the event is recorded, so its own deletion is not queued to it.
      await tx.webhooks.deleteWebhook(ctx.orgId, id);
      await record({ type: 'webhook.deleted', resource: `webhooks/${id}`, data: { before: webhookSnapshot(webhook), workspaceId: webhook.workspaceId } });
      return webhook;
    });
  }

  async listDeliveries(ctx: Context, webhookId: string, query: { status?: string; pageSize?: number; pageToken?: string }): Promise<Page<Delivery>> {
    requirePermission(ctx, ADMIN_PERMISSIONS.webhooksRead);
    await this.get(ctx, webhookId);
    if (query.status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(query.status)) {
      throw invalidArgument(`status must be one of ${DELIVERY_STATUSES.join(', ')}.`, [{ field: 'status', description: 'a delivery status' }]);
    }
    return this.store.read.deliveries.listDeliveriesByWebhook(ctx.orgId, webhookId, {
      status: query.status as DeliveryStatus | undefined,
      pageSize: pageSizeOf(query.pageSize),
      pageToken: query.pageToken,
    });
  }

  async getDelivery(ctx: Context, webhookId: string, deliveryId: string): Promise<Delivery> {
    requirePermission(ctx, ADMIN_PERMISSIONS.webhooksRead);
    await this.get(ctx, webhookId);
    const delivery = await this.store.read.deliveries.findDeliveryById(ctx.orgId, webhookId, deliveryId);
    if (!delivery) throw notFound(`Delivery webhooks/${webhookId}/deliveries/${deliveryId}`);
    return delivery;
  }

  /** The delivery's attempts, oldest first: the newest of them, one retry schedule's worth. */
  async listDeliveryAttempts(ctx: Context, webhookId: string, deliveryId: string): Promise<DeliveryAttempt[]> {
    const delivery = await this.getDelivery(ctx, webhookId, deliveryId);
    return this.store.read.deliveries.listAttemptsByDelivery(ctx.orgId, delivery.id);
  }

  /** Sends a delivery again, now and with a fresh retry schedule, under the same webhook-id. */
  async redeliver(ctx: Context, webhookId: string, deliveryId: string): Promise<Delivery> {
    requirePermission(ctx, ADMIN_PERMISSIONS.webhooksWrite);
    return this.units.run(ctx, async ({ tx, record }) => {
      const webhook = await tx.webhooks.findWebhookById(ctx.orgId, webhookId);
      if (!webhook) throw missing('webhook', webhookId);
      const delivery = await tx.deliveries.findDeliveryById(ctx.orgId, webhookId, deliveryId);
      if (!delivery) throw notFound(`Delivery webhooks/${webhookId}/deliveries/${deliveryId}`);
      if (!webhook.enabled) throw failedPrecondition(`Webhook webhooks/${webhookId} is disabled (${webhook.disabledReason ?? 'admin'}); enable it first.`);
      const now = Date.now();
      await tx.deliveries.requeueDelivery(ctx.orgId, webhookId, deliveryId, now);
      await record({
        type: 'webhook.redelivery_requested',
        resource: `webhooks/${webhookId}/deliveries/${deliveryId}`,
        data: { webhookId, deliveryId, eventType: delivery.eventType, workspaceId: webhook.workspaceId },
      });
      return { ...delivery, status: 'pending', attempts: 0, nextAttemptTime: now, updateTime: now };
    });
  }

  // ── For the dispatcher ─────────────────────────────────────────────────────────────────

  openSecrets(sealed: SealedWebhook): WebhookSecrets {
    return JSON.parse(this.encryption.decrypt(sealed.secretsEncrypted, `webhooks/${sealed.webhook.id}`)) as WebhookSecrets;
  }

  /**
   * The receiver said 410 Gone, or a delivery exhausted its retries while nothing got through:
   * stop sending, park what is pending, and tell the other webhooks (`webhook.disabled`).
   */
  async disableBySystem(orgId: string, webhookId: string, reason: 'gone' | 'failing'): Promise<void> {
    await this.units.runAs({ orgId, actor: 'system' }, async ({ tx, record }) => {
      const before = await tx.webhooks.findWebhookById(orgId, webhookId);
      if (!before) return;
      const now = Date.now();
      if (!(await tx.webhooks.disableWebhook(orgId, webhookId, { reason, by: 'system', time: now }))) return;
      const after: Webhook = { ...before, enabled: false, disabledReason: reason, updatedBy: 'system', updateTime: now };
      await tx.deliveries.disablePendingDeliveries(orgId, webhookId, now);
      await record({
        type: 'webhook.disabled',
        resource: `webhooks/${webhookId}`,
        data: { before: webhookSnapshot(before), after: webhookSnapshot(after), reason, workspaceId: after.workspaceId },
      });
    });
  }

  // ── Internals ──────────────────────────────────────────────────────────────────────────

  private seal(id: string, secrets: WebhookSecrets): string {
    return this.encryption.encrypt(JSON.stringify(secrets), `webhooks/${id}`);
  }

  private async findSealed(tx: Repos, orgId: string, id: string, workspaceId?: string): Promise<{ webhook: Webhook; secrets: WebhookSecrets }> {
    const sealed = await tx.webhooks.findSealedWebhookById(orgId, id);
    if (!sealed || (workspaceId !== undefined && sealed.webhook.workspaceId !== workspaceId)) throw missing('webhook', id);
    return { webhook: sealed.webhook, secrets: this.openSecrets(sealed) };
  }

  private validate(w: Webhook, secrets: WebhookSecrets, givenSigningSecret: string | undefined) {
    const violations: FieldViolation[] = [];
    const policy = { allowPrivate: this.options.allowPrivate };
    const urlProblem = targetProblem(w.url, policy);
    if (urlProblem) violations.push({ field: 'url', description: urlProblem });
    if (!(WEBHOOK_AUTH_TYPES as readonly string[]).includes(w.authType)) {
      violations.push({ field: 'authType', description: `must be one of ${WEBHOOK_AUTH_TYPES.join(', ')}` });
    }
    if (w.authUrl !== null) {
      const authUrlProblem = targetProblem(w.authUrl, policy);
      if (authUrlProblem) violations.push({ field: 'authUrl', description: authUrlProblem });
    }
    checkMap('tokenRequestConfig', w.tokenRequestConfig, CONFIG_KEY, 1000, violations);
    if ('client_secret' in w.tokenRequestConfig) {
      violations.push({ field: 'tokenRequestConfig.client_secret', description: 'is a secret: put it in secrets.client_secret, which is never shown again' });
    }
    checkMap('headers', w.headers, HEADER_NAME, 2000, violations);
    for (const name of Object.keys(w.headers)) {
      if (RESERVED_HEADERS.has(name.toLowerCase())) {
        violations.push({ field: `headers.${name}`, description: 'is set by Keyward; receiver credentials go in auth_type and secrets' });
      }
    }
    checkMap('secrets', secrets.receiver, SECRET_KEY, 4096, violations);
    const r = secrets.receiver;
    if (w.authType === 'BEARER' && !r.bearer_token && !r.token) violations.push({ field: 'secrets', description: 'BEARER needs secrets.bearer_token' });
    if (w.authType === 'BASIC' && (r.username === undefined || r.password === undefined)) {
      violations.push({ field: 'secrets', description: 'BASIC needs secrets.username and secrets.password' });
    }
    if (w.authType === 'BASIC' && r.username?.includes(':')) violations.push({ field: 'secrets.username', description: 'must not contain ":"' });
    if (w.authType === 'OAUTH2_CLIENT_CREDENTIALS' && w.authUrl === null) {
      violations.push({ field: 'authUrl', description: 'OAUTH2_CLIENT_CREDENTIALS needs the token endpoint in authUrl' });
    }
    if (w.eventTypes.length > 50) violations.push({ field: 'eventTypes', description: 'at most 50 event types' });
    for (const type of w.eventTypes) {
      const problem = typeof type === 'string' ? eventTypeProblem(type) : 'must be a string';
      if (problem) violations.push({ field: 'eventTypes', description: `"${String(type).slice(0, 60)}": ${problem}` });
    }
    if (givenSigningSecret !== undefined) {
      try {
        checkSigningSecret(givenSigningSecret, `secrets.${SIGNING_SECRET_KEY}`);
      } catch (error) {
        violations.push(...(error as { violations: FieldViolation[] }).violations);
      }
    }
    throwIfViolations(violations);
  }
}

function splitSecrets(secrets: Record<string, string>): { receiver: Record<string, string>; signing: string | undefined } {
  const { [SIGNING_SECRET_KEY]: signing, ...receiver } = secrets;
  return { receiver, signing };
}

/** The new secret signs from now on; the others sign until the overlap ends, and expired ones go. */
function rotated(secrets: WebhookSecrets, secret: string, now: number, overlapSeconds: number) {
  const until = now + overlapSeconds * 1000;
  const previous = secrets.signing
    .filter((s) => s.secret !== secret && (s.expireTime === null || s.expireTime > now))
    .map((s) => ({ secret: s.secret, expireTime: s.expireTime === null ? until : Math.min(s.expireTime, until) }))
    .filter((s) => s.expireTime > now);
  return [{ secret, expireTime: null }, ...previous].slice(0, MAX_SIGNING_SECRETS);
}

function checkSigningSecret(secret: string, field: string) {
  try {
    decodeWebhookSecret(secret);
  } catch {
    throw invalidArgument(`${field} must be a Standard Webhooks secret: whsec_ followed by base64 of 24 to 64 random bytes.`, [
      { field, description: 'whsec_ followed by base64 of 24 to 64 random bytes' },
    ]);
  }
}

function checkMap(field: string, map: Record<string, string>, keyPattern: RegExp, maxValue: number, violations: FieldViolation[]) {
  const entries = Object.entries(map);
  if (entries.length > 20) violations.push({ field, description: 'at most 20 entries' });
  for (const [key, value] of entries) {
    if (!keyPattern.test(key)) violations.push({ field: `${field}.${key.slice(0, 60)}`, description: 'is not an allowed name' });
    if (typeof value !== 'string' || value.length > maxValue || CONTROL.test(value)) {
      violations.push({ field: `${field}.${key.slice(0, 60)}`, description: `must be a string of at most ${maxValue} characters without control characters` });
    }
  }
}
