import { createHash } from 'node:crypto';
import type { Store } from '../store/index.js';

/**
 * Client assertions already used, shared by every instance through the database: RFC 7523
 * lets the server refuse a `jti` seen before, and DESIGN promises it does so across
 * instances. Recording one is the token endpoint's only write, a single INSERT on a primary
 * key that shares its commit with the writes beside it (Store.write); rows leave once their
 * assertion has expired, swept off the request path.
 */
export class AssertionLedger {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly sweepIntervalMs = 60_000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** True the first time; false for a replay. `scope` keeps one client's jti apart from another's. */
  use(scope: string, jti: string, expireTime: number): Promise<boolean> {
    const id = createHash('sha256').update(scope).update('\u0000').update(jti).digest('base64url');
    return this.store.write((repos) => repos.usedAssertions.insertUsedAssertion(id, expireTime));
  }

  start() {
    this.#timer = setInterval(() => void this.sweep(), this.sweepIntervalMs);
    this.#timer.unref();
  }

  async sweep() {
    try {
      await this.store.read.usedAssertions.deleteExpiredUsedAssertions(Date.now());
    } catch (error) {
      this.onError(error);
    }
  }

  stop() {
    clearInterval(this.#timer);
  }
}
