import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { newId } from '../domain/ids.js';
import type { Delivery, DeliveryAttemptOutcome, Webhook, WebhookSecrets } from '../domain/webhooks.js';
import { payloadForAttempt } from '../domain/webhooks.js';
import type { WebhookService } from '../services/webhooks.js';
import type { AttemptRecord } from '../store/webhook-deliveries.js';
import type { Repos, Store } from '../store/index.js';
import { sendWebhook } from './http-sender.js';
import { authorizationHeaderFor, createHttpTokenFetcher, ReceiverAuthError, ReceiverTokenCache, type FetchToken } from './receiver-auth.js';
import { classifyOutcome, honorRetryAfter, MAX_DELIVERY_ATTEMPTS, nextAttemptDelay } from './retry-schedule.js';
import { signPayload } from '../crypto/webhook-signing.js';
import type { ResolveHost } from '../net/ssrf-guard.js';

interface SendOutcome {
  verdict: 'delivered' | 'disable_endpoint' | 'retry';
  kind: DeliveryAttemptOutcome;
  status: number | null;
  error: string | null;
  retryAfterMs: number | null;
}

/** An attempt that was made (not one skipped for a disabled webhook): when, how long, how it ended. */
interface Sent {
  startTime: number;
  durationMs: number;
  kind: DeliveryAttemptOutcome;
}

/**
 * Sends what the outbox holds. Each pass claims due deliveries (a claim is a lease in the row:
 * `claimed_by` and `locked_until`), sends them concurrently, and records each attempt: delivered,
 * retry later on the Standard Webhooks schedule, or stop (410 Gone disables the webhook).
 *
 * - Several instances share the work without double sending: PostgreSQL claims with
 *   `FOR UPDATE SKIP LOCKED`, SQLite under `BEGIN IMMEDIATE`.
 * - Restart-safe, at least once: a process that dies mid-attempt leaves a claim that expires,
 *   and the delivery is sent again under the same `webhook-id`; the lost attempt goes into the
 *   history as interrupted.
 * - One slow receiver never holds up the others: every attempt has a deadline, at most
 *   `concurrency` attempts run at once, and one webhook holds at most `perWebhookLimit` of them.
 */
export interface DispatcherOptions {
  concurrency: number;
  /** Default: a quarter of `concurrency`, at least one. */
  perWebhookLimit?: number;
  attemptTimeoutMs: number;
  /** How often to look for due retries; new events wake the dispatcher at once. */
  pollIntervalMs?: number;
  /** How long a claim holds; it must outlast an attempt (token request + send). */
  claimTtlMs?: number;
  allowPrivate: boolean;
  resolveHost?: ResolveHost;
  fetchToken?: FetchToken;
  /** Delay before the next attempt after `attemptsMade` attempts, or null when exhausted. */
  retryDelay?: (attemptsMade: number) => number | null;
  onError?: (error: unknown, message: string) => void;
}

export class WebhookDispatcher {
  readonly #store: Store;
  readonly #webhooks: WebhookService;
  readonly #options: Required<Omit<DispatcherOptions, 'resolveHost'>> & Pick<DispatcherOptions, 'resolveHost'>;
  readonly #claimant = `dispatcher-${randomUUID()}`;
  readonly #tokens = new ReceiverTokenCache();
  readonly #inFlight = new Map<string, number>();
  readonly #attempts = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #filling: Promise<Promise<void>[]> | undefined;
  #wakeQueued = false;
  /** Only a started dispatcher wakes itself; tests drive a stopped one with runOnce. */
  #started = false;

  constructor(store: Store, webhooks: WebhookService, options: DispatcherOptions) {
    this.#store = store;
    this.#webhooks = webhooks;
    const onError = options.onError ?? (() => {});
    this.#options = {
      perWebhookLimit: Math.max(1, Math.floor(options.concurrency / 4)),
      pollIntervalMs: 1000,
      claimTtlMs: options.attemptTimeoutMs * 2 + 30_000,
      fetchToken: createHttpTokenFetcher({ allowPrivate: options.allowPrivate, timeoutMs: options.attemptTimeoutMs, resolveHost: options.resolveHost }),
      retryDelay: nextAttemptDelay,
      ...options,
      onError,
    };
  }

  get claimant(): string {
    return this.#claimant;
  }

  start() {
    this.#started = true;
    this.#timer = setInterval(() => this.wake(), this.#options.pollIntervalMs);
    this.#timer.unref();
    this.wake();
  }

  /** Something may be due now (an event was committed, an attempt finished). */
  wake() {
    if (!this.#started || this.#wakeQueued) return;
    this.#wakeQueued = true;
    setImmediate(() => {
      this.#wakeQueued = false;
      if (this.#started) void this.#fill().catch((error) => this.#options.onError(error, 'webhook dispatch pass failed'));
    });
  }

  /**
   * One pass: claims what is due (up to the free slots) and waits for those attempts. Tests
   * call it to dispatch without waiting for the loop; the count says how many were attempted.
   */
  async runOnce(): Promise<number> {
    const started = await this.#fill();
    await Promise.all(started);
    return started.length;
  }

  /** Stops claiming and waits for the attempts in flight (each is bounded by its timeout). */
  async stop() {
    this.#started = false;
    clearInterval(this.#timer);
    await this.#filling?.catch(() => undefined);
    await Promise.allSettled([...this.#attempts]);
  }

  /** Claims run one at a time per process; a second caller shares the running one. */
  #fill(): Promise<Promise<void>[]> {
    this.#filling ??= this.#claimAndStart().finally(() => (this.#filling = undefined));
    return this.#filling;
  }

  async #claimAndStart(): Promise<Promise<void>[]> {
    const busy = [...this.#inFlight.values()].reduce((a, b) => a + b, 0);
    const free = this.#options.concurrency - busy;
    if (free <= 0) return [];
    const now = Date.now();
    const claimed = await this.#store.transaction(async (repos) => {
      const deliveries = await repos.deliveries.claimDueDeliveries({
        now,
        claimant: this.#claimant,
        lockedUntil: now + this.#options.claimTtlMs,
        limit: free,
        perWebhookLimit: this.#options.perWebhookLimit,
        inFlight: this.#inFlight,
      });
      const ready: Delivery[] = [];
      for (const { lapsedClaim, ...delivery } of deliveries) {
        ready.push(lapsedClaim ? await this.#recordInterrupted(repos, delivery, lapsedClaim, now) : delivery);
      }
      return ready;
    });
    return claimed.map((delivery) => this.#launch(delivery));
  }

  /**
   * A dispatcher that took this delivery died or stalled past its claim before recording how the
   * attempt went. The receiver may have had it, so the attempt counts (the schedule moves on and
   * the next send says so in retryCount) and the history shows it; this claim sends it again now.
   */
  async #recordInterrupted(repos: Repos, delivery: Delivery, lapsed: { claimTime: number; lockedUntil: number }, now: number): Promise<Delivery> {
    const message = 'the process sending this attempt stopped before recording how it ended; sent again';
    const attempts = delivery.attempts + 1;
    await repos.deliveries.recordDeliveryAttempt(delivery.id, this.#claimant, {
      status: 'pending',
      attempts,
      nextAttemptTime: delivery.nextAttemptTime,
      lastStatusCode: null,
      lastError: message,
      // Now, not the lapsed claim's time: the update time is this claim's time from here on.
      time: now,
      keepClaim: true,
      history: {
        attempt: {
          id: newId('deliveryAttempt'),
          orgId: delivery.orgId,
          startTime: lapsed.claimTime,
          durationMs: Math.max(0, lapsed.lockedUntil - lapsed.claimTime),
          statusCode: null,
          outcome: 'interrupted',
          message,
        },
        keep: MAX_DELIVERY_ATTEMPTS,
      },
    });
    return { ...delivery, attempts, lastAttemptTime: now, lastStatusCode: null, lastError: message };
  }

  #launch(delivery: Delivery): Promise<void> {
    this.#inFlight.set(delivery.webhookId, (this.#inFlight.get(delivery.webhookId) ?? 0) + 1);
    const attempt = this.#attempt(delivery)
      .catch((error) => this.#options.onError(error, 'webhook attempt could not be recorded'))
      .finally(() => {
        const left = (this.#inFlight.get(delivery.webhookId) ?? 1) - 1;
        if (left > 0) this.#inFlight.set(delivery.webhookId, left);
        else this.#inFlight.delete(delivery.webhookId);
        this.#attempts.delete(attempt);
        this.wake();
      });
    this.#attempts.add(attempt);
    return attempt;
  }

  async #attempt(delivery: Delivery): Promise<void> {
    const sealed = await this.#store.read.webhooks.findSealedWebhookById(delivery.orgId, delivery.webhookId);
    // Deleted meanwhile: its deliveries went with it.
    if (!sealed) return;
    const webhook = sealed.webhook;
    const attempts = delivery.attempts + 1;
    const now = Date.now();
    if (!webhook.enabled) {
      await this.#record(delivery, { status: 'disabled', attempts: delivery.attempts, nextAttemptTime: null, lastStatusCode: delivery.lastStatusCode, lastError: 'the webhook is disabled', time: now });
      return;
    }

    const started = performance.now();
    const outcome = await this.#send(webhook, this.#webhooks.openSecrets(sealed), delivery, now);
    const time = Date.now();
    const sent: Sent = { startTime: now, durationMs: Math.round(performance.now() - started), kind: outcome.kind };
    if (outcome.verdict === 'delivered') {
      await this.#record(delivery, { status: 'delivered', attempts, nextAttemptTime: null, lastStatusCode: outcome.status, lastError: null, time }, sent);
      await this.#store.read.webhooks.markWebhookSucceeded(webhook.orgId, webhook.id, time);
      return;
    }
    if (outcome.verdict === 'disable_endpoint') {
      await this.#record(
        delivery,
        { status: 'failed', attempts, nextAttemptTime: null, lastStatusCode: outcome.status, lastError: 'the receiver answered 410 Gone; the webhook is disabled', time },
        sent,
      );
      await this.#webhooks.disableBySystem(webhook.orgId, webhook.id, 'gone');
      return;
    }
    const delay = this.#options.retryDelay(attempts);
    if (delay === null) {
      await this.#record(delivery, { status: 'failed', attempts, nextAttemptTime: null, lastStatusCode: outcome.status, lastError: outcome.error, time }, sent);
      // Exhausted with nothing delivered since this event was queued: the endpoint is dead, not flaky.
      const fresh = await this.#store.read.webhooks.findWebhookById(webhook.orgId, webhook.id);
      if (fresh && (fresh.lastSuccessTime === null || fresh.lastSuccessTime < delivery.createTime)) {
        await this.#webhooks.disableBySystem(webhook.orgId, webhook.id, 'failing');
      }
      return;
    }
    await this.#record(
      delivery,
      {
        status: 'pending',
        attempts,
        nextAttemptTime: time + honorRetryAfter(delay, outcome.retryAfterMs),
        lastStatusCode: outcome.status,
        lastError: outcome.error,
        time,
      },
      sent,
    );
  }

  async #send(webhook: Webhook, secrets: WebhookSecrets, delivery: Delivery, now: number): Promise<SendOutcome> {
    // retryCount is the number of earlier attempts, as Docpier defines it; a fresh timestamp and
    // signature on every attempt keep receivers' replay windows short (Standard Webhooks).
    const body = payloadForAttempt(delivery.payload, delivery.attempts);
    const headers: Record<string, string> = { ...webhook.headers };
    try {
      const authorization = await authorizationHeaderFor(
        { id: webhook.id, auth_type: webhook.authType, auth_url: webhook.authUrl, token_request_config: webhook.tokenRequestConfig, secrets: secrets.receiver },
        { fetchToken: this.#options.fetchToken, cache: this.#tokens },
      );
      if (authorization) headers.authorization = authorization;
    } catch (error) {
      if (error instanceof ReceiverAuthError) return { verdict: 'retry', kind: 'receiver_auth', status: null, error: error.message.slice(0, 500), retryAfterMs: null };
      throw error;
    }
    const signing = secrets.signing.filter((s) => s.expireTime === null || s.expireTime > now).map((s) => s.secret);
    Object.assign(headers, signPayload({ id: delivery.id, timestamp: Math.floor(now / 1000), body, secrets: signing }));

    const result = await sendWebhook({
      url: webhook.url,
      headers,
      body,
      timeoutMs: this.#options.attemptTimeoutMs,
      allowPrivate: this.#options.allowPrivate,
      resolveHost: this.#options.resolveHost,
    });
    const verdict = classifyOutcome(result);
    if (result.ok) {
      if (result.status === 401) this.#tokens.invalidate(webhook.id);
      // The receiver's body is not kept: it could be anything, including what an SSRF probe wants to read.
      return {
        verdict,
        kind: verdict === 'delivered' ? 'delivered' : 'http_error',
        status: result.status,
        error: verdict === 'delivered' ? null : `the receiver answered ${result.status}`,
        retryAfterMs: result.retryAfterMs,
      };
    }
    const error =
      result.kind === 'ssrf_refused'
        ? 'the host resolves to an address that is not public; delivery refused'
        : result.kind === 'redirect_not_followed'
          ? `the receiver answered ${result.status} (a redirect); redirects are not followed`
          : `${result.kind}: ${result.message}`.slice(0, 500);
    return { verdict, kind: result.kind, status: result.status ?? null, error, retryAfterMs: null };
  }

  /**
   * `sent`: the attempt's history entry, with the status and message the delivery records, so it
   * shows nothing the delivery log would not. The history keeps one schedule's worth of attempts.
   */
  async #record(delivery: Delivery, record: AttemptRecord, sent?: Sent) {
    const history: AttemptRecord['history'] = sent && {
      attempt: {
        id: newId('deliveryAttempt'),
        orgId: delivery.orgId,
        startTime: sent.startTime,
        durationMs: sent.durationMs,
        statusCode: record.lastStatusCode,
        outcome: sent.kind,
        message: record.lastError,
      },
      keep: MAX_DELIVERY_ATTEMPTS,
    };
    const kept = await this.#store.transaction((repos) => repos.deliveries.recordDeliveryAttempt(delivery.id, this.#claimant, { ...record, history }));
    if (!kept) this.#options.onError(new Error(`claim on ${delivery.id} expired before its attempt was recorded`), 'webhook claim lost');
  }
}
