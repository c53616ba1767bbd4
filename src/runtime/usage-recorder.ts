import type { Store } from '../store/index.js';

/**
 * Last-use times of credentials, gathered in memory and written in batches, so that the token
 * endpoint never writes to the database. A crash loses at most one interval of "last used"
 * precision, never a credential.
 */
export class UsageRecorder {
  #pending = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly intervalMs = 5000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  touch(credentialId: string, time = Date.now()) {
    this.#pending.set(credentialId, time);
  }

  start() {
    this.#timer = setInterval(() => void this.flush(), this.intervalMs);
    this.#timer.unref();
  }

  async flush() {
    if (this.#pending.size === 0) return;
    const batch = this.#pending;
    this.#pending = new Map();
    try {
      await this.store.transaction((repos) => repos.credentials.updateLastUseTimes(batch));
    } catch (error) {
      // Keep the times for the next attempt unless newer ones arrived meanwhile.
      for (const [id, time] of batch) if (!this.#pending.has(id)) this.#pending.set(id, time);
      this.onError(error);
    }
  }

  async stop() {
    clearInterval(this.#timer);
    await this.flush();
  }
}
