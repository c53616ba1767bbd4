import type { Store } from '../store/index.js';
import type { UsageHour } from '../store/usage-hours.js';

export const HOUR_MS = 3_600_000;
/** How long hourly counts are kept. */
export const USAGE_RETENTION_MS = 30 * 24 * HOUR_MS;

interface Counts {
  tokens: number;
  failures: number;
  lastFailure: number | null;
}

/**
 * Tokens issued and failed client authentications at the token endpoint, per client and hour,
 * counted in memory and added to the database in batches (like last-use times), so that the
 * token path never writes. A flush that fails keeps its counts for the next one; a crash loses
 * at most one interval of counts. Rows older than the retention are pruned by the flush, at
 * most once an hour.
 */
export class UsageHours {
  /** hour start → api client id → counts: the hot path adds to a map, no string is built. */
  #pending = new Map<number, Map<string, Counts>>();
  #timer: NodeJS.Timeout | undefined;
  #lastPrune = 0;
  #flushing: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: { enabled: boolean; intervalMs?: number; onError?: (error: unknown) => void; now?: () => number } = { enabled: true },
  ) {}

  get enabled() {
    return this.options.enabled;
  }

  #now() {
    return this.options.now?.() ?? Date.now();
  }

  #counts(apiClientId: string, time: number): Counts {
    const hour = time - (time % HOUR_MS);
    let clients = this.#pending.get(hour);
    if (!clients) this.#pending.set(hour, (clients = new Map()));
    let counts = clients.get(apiClientId);
    if (!counts) clients.set(apiClientId, (counts = { tokens: 0, failures: 0, lastFailure: null }));
    return counts;
  }

  tokenIssued(apiClientId: string) {
    if (!this.options.enabled) return;
    this.#counts(apiClientId, this.#now()).tokens++;
  }

  authenticationFailed(apiClientId: string) {
    if (!this.options.enabled) return;
    const now = this.#now();
    const counts = this.#counts(apiClientId, now);
    counts.failures++;
    if (counts.lastFailure === null || counts.lastFailure < now) counts.lastFailure = now;
  }

  /** This instance's counts not yet written, of one client in [from, to): added to stored ones when read. */
  pendingFor(apiClientId: string, from: number, to: number): UsageHour[] {
    const hours: UsageHour[] = [];
    for (const batch of this.#batches()) {
      for (const [hourStart, clients] of batch) {
        if (hourStart < from || hourStart >= to) continue;
        const counts = clients.get(apiClientId);
        if (counts) hours.push(toUsageHour(apiClientId, hourStart, counts));
      }
    }
    return hours;
  }

  /** This instance's unwritten counts of every client since `since` (for the failures list). */
  pendingSince(since: number): UsageHour[] {
    const hours: UsageHour[] = [];
    for (const batch of this.#batches()) {
      for (const [hourStart, clients] of batch) {
        if (hourStart + HOUR_MS <= since) continue;
        for (const [id, counts] of clients) hours.push(toUsageHour(id, hourStart, counts));
      }
    }
    return hours;
  }

  /** The pending map and, while a flush runs, the batch it is writing (not yet in the database). */
  #inFlight: Map<number, Map<string, Counts>> | undefined;
  #batches() {
    return this.#inFlight ? [this.#pending, this.#inFlight] : [this.#pending];
  }

  /** Runs with counting off too: rows written before it was turned off are still pruned. */
  start() {
    this.#timer = setInterval(() => void this.flush(), this.options.intervalMs ?? 5000);
    this.#timer.unref();
  }

  /** Writes the pending counts (one at a time: a flush waits for the one running). */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    this.#flushing = this.#write().finally(() => (this.#flushing = undefined));
    return this.#flushing;
  }

  async #write() {
    const now = this.#now();
    if (this.#pending.size > 0) {
      const batch = this.#pending;
      this.#pending = new Map();
      this.#inFlight = batch;
      const rows: UsageHour[] = [];
      for (const [hourStart, clients] of batch) for (const [id, counts] of clients) rows.push(toUsageHour(id, hourStart, counts));
      try {
        await this.store.transaction((repos) => repos.usageHours.addUsageHours(rows));
      } catch (error) {
        // Keep the counts for the next attempt, added to those that arrived meanwhile.
        for (const [hourStart, clients] of batch) {
          for (const [id, counts] of clients) {
            const into = this.#counts(id, hourStart);
            into.tokens += counts.tokens;
            into.failures += counts.failures;
            if (counts.lastFailure !== null && (into.lastFailure === null || into.lastFailure < counts.lastFailure)) into.lastFailure = counts.lastFailure;
          }
        }
        this.options.onError?.(error);
      } finally {
        this.#inFlight = undefined;
      }
    }
    if (now - this.#lastPrune >= HOUR_MS) {
      try {
        await this.prune(now);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  /** Deletes hours older than the retention; the flush calls it at most once an hour. */
  async prune(now = this.#now()): Promise<number> {
    this.#lastPrune = now;
    return this.store.write((repos) => repos.usageHours.deleteUsageHoursBefore(now - USAGE_RETENTION_MS));
  }

  async stop() {
    clearInterval(this.#timer);
    await this.flush();
  }
}

const toUsageHour = (apiClientId: string, hourStart: number, c: Counts): UsageHour => ({
  apiClientId,
  hourStart,
  tokensIssued: c.tokens,
  failedAuthentications: c.failures,
  lastFailureTime: c.lastFailure,
});
