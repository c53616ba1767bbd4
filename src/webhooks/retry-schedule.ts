import type { WebhookSendResult } from './http-sender.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Delay before each attempt, indexed by how many attempts have already been made: the first
 * goes out at once, the last about 31 hours after the event. The steps follow the schedule
 * Standard Webhooks and Svix publish, so a receiver that is down for a day still gets the event.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
];

export const MAX_DELIVERY_ATTEMPTS = RETRY_SCHEDULE_MS.length;

// ±20 % spreads the retries of many endpoints that failed together (one outage, one
// deploy) so they do not come back as a thundering herd.
const JITTER = 0.2;

// A receiver may ask for a pause, but not for one that outlives the whole schedule.
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * Milliseconds to wait before the next attempt, or null once the schedule is exhausted and the
 * endpoint should be disabled. `attemptsMade` is the number of attempts already made (0 before
 * the first one), which is also the 1-based number of the attempt that just failed.
 */
export function nextAttemptDelay(attemptsMade: number, random: () => number = Math.random): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 0) {
    throw new RangeError(`attempt number must be a non-negative integer, got ${attemptsMade}`);
  }
  if (attemptsMade >= RETRY_SCHEDULE_MS.length) return null;
  const factor = 1 - JITTER + 2 * JITTER * random();
  return Math.round(RETRY_SCHEDULE_MS[attemptsMade] * factor);
}

/** Never retries sooner than the schedule, but waits longer when the receiver asks to. */
export function honorRetryAfter(scheduledDelayMs: number, retryAfterMs: number | null): number {
  if (retryAfterMs === null) return scheduledDelayMs;
  return Math.max(scheduledDelayMs, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

export type DeliveryVerdict = 'delivered' | 'disable_endpoint' | 'retry';

/** Standard Webhooks semantics: only 2xx delivers; 410 Gone is the receiver saying "stop". */
export function classifyResponse(status: number): DeliveryVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'disable_endpoint';
  return 'retry';
}

/**
 * Transport failures are retried too, an SSRF refusal included: DNS answers and configuration
 * can change within the schedule, and exhausting it disables the endpoint anyway.
 */
export function classifyOutcome(result: WebhookSendResult): DeliveryVerdict {
  return result.ok ? classifyResponse(result.status) : 'retry';
}
