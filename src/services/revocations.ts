import type { AuditEvent } from '../domain/model.js';
import type { Store } from '../store/index.js';
import type { Mutations } from './events.js';

/**
 * Revoked access tokens by `jti`, denied until they would have expired anyway. The set lives in
 * memory (tokens are short-lived, so it stays small), is loaded at start, and learns of
 * revocations in other processes from the `token.revoked` events.
 */
export class RevocationList {
  #revoked = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly mutations: Mutations,
  ) {}

  async load() {
    const now = Date.now();
    for (const { jti, expireTime } of await this.store.read.revokedTokens.listRevokedTokens(now)) this.#revoked.set(jti, expireTime);
    this.#timer = setInterval(() => this.#sweep(), 60_000);
    this.#timer.unref();
  }

  isRevoked(jti: unknown): boolean {
    return typeof jti === 'string' && this.#revoked.has(jti);
  }

  /** Durable before it answers: RFC 7009 clients must be able to trust a 200. */
  async revoke(who: { orgId: string; actor: string }, jti: string, expireTime: number, clientId: string) {
    await this.mutations.run(who, async (repos, recorder) => {
      await repos.revokedTokens.insertRevokedToken(jti, who.orgId, expireTime);
      await recorder.record({ type: 'token.revoked', resource: `apiClients/${clientId}/tokens/${jti}`, data: { jti, expireTime, clientId } });
    });
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
