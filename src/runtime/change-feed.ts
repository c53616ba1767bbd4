import type { AuditEvent } from '../domain/model.js';
import type { EventFeed } from '../store/events.js';
import type { Store } from '../store/index.js';
import type { EventBus } from './event-bus.js';

/**
 * Tells this process about events other processes committed (another worker on the same SQLite
 * file, another instance on the same PostgreSQL). It tails the event log (store/events openFeed,
 * which misses no event that commits late); on PostgreSQL a LISTEN wakes it as soon as a writer
 * commits, and the poll is the safety net.
 */
export const EVENTS_CHANNEL = 'keyward_events';

export class ChangeFeed {
  #feed: EventFeed | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  #listener: { release(): void } | undefined;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly intervalMs = 250,
    private readonly onError: (error: unknown) => void = () => {},
    /** Sees every event the feed delivers (a debug log). */
    private readonly onEvent: (event: AuditEvent) => void = () => {},
  ) {}

  async start() {
    this.#feed = await this.store.read.events.openFeed();
    this.#timer = setInterval(() => void this.poll(), this.intervalMs);
    this.#timer.unref();
    await this.#listen();
  }

  async #listen() {
    const pool = this.store.db.pool;
    if (!pool || this.#stopped) return;
    try {
      const client = await pool.connect();
      client.on('notification', () => void this.poll());
      client.on('error', () => {
        client.release(true);
        this.#listener = undefined;
        setTimeout(() => void this.#listen(), 1000).unref();
      });
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      this.#listener = client;
    } catch (error) {
      this.onError(error);
      setTimeout(() => void this.#listen(), 1000).unref();
    }
  }

  /** Reads what is new; concurrent calls share one read. */
  poll(): Promise<void> {
    this.#running ??= this.#drain().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #drain() {
    try {
      for (;;) {
        if (!this.#feed) return;
        const events = await this.#feed.next(500);
        for (const event of events) {
          this.onEvent(event);
          this.bus.publish(event);
        }
        if (events.length < 500) return;
      }
    } catch (error) {
      this.onError(error);
    }
  }

  stop() {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#listener?.release();
  }
}
