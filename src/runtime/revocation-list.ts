import type { AuditEvent } from '../domain/model.js';
import type { Store } from '../store/index.js';

/**
 * Revoked access tokens by `jti`, denied until they would have expired anyway. The set lives in
 * memory (tokens are short-lived, so it stays small), is loaded at start, and learns of
 * revocations in other processes from the `token.revoked` events.
 */
export class RevocationList {
  #revoked = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: Store) {}

  async load() {
    const now = Date.now();
    for (const { jti, expireTime } of await this.store.read.revokedTokens.listRevokedTokens(now)) this.#revoked.set(jti, expireTime);
    this.#timer = setInterval(() => this.#sweep(), 60_000);
    this.#timer.unref();
  }

  isRevoked(jti: unknown): boolean {
    return typeof jti === 'string' && this.#revoked.has(jti);
  }

  /** A revocation this process just stored (TokenRevocationService), denied without waiting for its event. */
  remember(jti: string, expireTime: number) {
    this.#revoked.set(jti, expireTime);
  }

  handleEvent(event: AuditEvent) {
    if (event.type !== 'token.revoked') return;
    const { jti, expireTime } = event.data as { jti?: string; expireTime?: number };
    if (typeof jti === 'string' && typeof expireTime === 'number') this.#revoked.set(jti, expireTime);
  }

  #sweep() {
    const now = Date.now();
    for (const [jti, exp] of this.#revoked) if (exp <= now) this.#revoked.delete(jti);
  }

  stop() {
    clearInterval(this.#timer);
  }
}
