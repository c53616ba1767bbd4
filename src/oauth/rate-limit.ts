import { KeywardError } from '../domain/errors.js';

/**
 * Fixed-window counters in memory. Failed authentications count per address only, so a flood
 * of wrong secrets locks out the flooding address, never the legitimate client calling from
 * elsewhere: a per-client lock would hand any stranger a way to cut a client off. Spreading the
 * guesses over many addresses buys nothing against 256-bit generated secrets (the one secret an
 * operator may choose, the bootstrap client's, must have 32 characters at least). Successful
 * issuance counts per client.
 */
class Windows {
  #counts = new Map<string, number>();
  #windowStart = Date.now();

  constructor(private readonly windowMs: number) {}

  #roll() {
    const now = Date.now();
    if (now - this.#windowStart >= this.windowMs) {
      this.#counts.clear();
      this.#windowStart = now;
    }
  }

  count(key: string): number {
    this.#roll();
    return this.#counts.get(key) ?? 0;
  }

  add(key: string): number {
    this.#roll();
    const n = (this.#counts.get(key) ?? 0) + 1;
    // A flood of distinct keys cannot exhaust memory: past the bound, start the window over.
    if (this.#counts.size > 200_000) this.#counts.clear();
    this.#counts.set(key, n);
    return n;
  }

  retryAfter(): number {
    return Math.max(1, Math.ceil((this.#windowStart + this.windowMs - Date.now()) / 1000));
  }
}

export class TokenRateLimiter {
  readonly #failures = new Windows(60_000);
  readonly #issued = new Windows(60_000);

  constructor(private readonly limits: { failuresPerAddress: number; tokensPerClient: number }) {}

  /** Before authenticating: has this address failed too often? */
  checkAddress(address: string) {
    if (this.#failures.count(address) >= this.limits.failuresPerAddress) {
      throw new KeywardError('resource_exhausted', 'Too many failed client authentications from this address; wait and retry.', {
        retryAfter: this.#failures.retryAfter(),
      });
    }
  }

  recordFailure(address: string) {
    this.#failures.add(address);
  }

  /** After authenticating: one client's own issuance budget. */
  checkClient(clientId: string) {
    if (this.#issued.add(clientId) > this.limits.tokensPerClient) {
      throw new KeywardError('resource_exhausted', 'This client has requested too many tokens; reuse tokens until they expire.', {
        retryAfter: this.#issued.retryAfter(),
      });
    }
  }
}

/**
 * Registrations (RFC 7591) per address, each attempt counted whether it succeeds or not: an
 * accepted one creates a client, a refused one may be guessing initial access tokens. The
 * budget is smaller than the token endpoint's, since a workload registers once and then asks
 * for tokens.
 */
export class RegistrationRateLimiter {
  readonly #attempts = new Windows(60_000);

  constructor(private readonly perAddress: number) {}

  /** Counts one attempt from this address; refuses it past the budget. */
  admit(address: string) {
    if (this.#attempts.add(address) > this.perAddress) {
      throw new KeywardError(
        'resource_exhausted',
        `Too many client registrations from this address (at most ${this.perAddress} a minute); wait and retry, or ask an operator to raise KEYWARD_RATE_LIMIT_REGISTRATIONS.`,
        { retryAfter: this.#attempts.retryAfter() },
      );
    }
  }
}
