import type { CredentialNotice, NoticeCandidate } from '../store/credential-notices.js';
import type { Store } from '../store/index.js';
import type { UnitsOfWork } from './unit-of-work.js';
import { credentialSnapshot } from './snapshots.js';

/**
 * Announces credential lifecycle ahead of time: `credential.expiring` once, `noticeMs` before a
 * credential expires, and `credential.expired` once when it has. Each notice is taken in the
 * transaction that records its event, so several instances announce it once between them.
 */
export interface CredentialExpiryOptions {
  /** How far ahead `credential.expiring` goes out (KEYWARD_CREDENTIAL_EXPIRY_NOTICE). */
  noticeMs: number;
  intervalMs?: number;
  /**
   * `credential.expired` is announced for credentials that expired at most this long ago: on
   * first start, or after a long outage, years-old expiries are history, not news.
   */
  lookbackMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

export class CredentialExpiryNotifier {
  readonly #options: Required<CredentialExpiryOptions>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(
    private readonly store: Store,
    private readonly units: UnitsOfWork,
    options: CredentialExpiryOptions,
  ) {
    this.#options = {
      intervalMs: 60_000,
      lookbackMs: 7 * 86_400_000,
      batchSize: 200,
      onError: () => {},
      ...options,
    };
  }

  start() {
    this.#timer = setInterval(() => void this.runOnce().catch(this.#options.onError), this.#options.intervalMs);
    this.#timer.unref();
  }

  async stop() {
    clearInterval(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  /** One pass; returns how many notices it sent. Concurrent calls share one pass. */
  runOnce(now = Date.now()): Promise<number> {
    this.#running ??= this.#pass(now).finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #pass(now: number): Promise<number> {
    const { noticeMs, lookbackMs, batchSize } = this.#options;
    let sent = 0;
    sent += await this.#announce('expired', now - lookbackMs, now, batchSize, now);
    sent += await this.#announce('expiring', now, now + noticeMs, batchSize, now);
    return sent;
  }

  async #announce(notice: CredentialNotice, from: number, to: number, batchSize: number, now: number): Promise<number> {
    let sent = 0;
    for (;;) {
      const candidates = await this.store.read.credentialNotices.listCredentialsAwaitingNotice(notice, from, to, batchSize);
      for (const candidate of candidates) if (await this.#send(notice, candidate, now)) sent++;
      if (candidates.length < batchSize) return sent;
    }
  }

  #send(notice: CredentialNotice, { credential, clientId, workspaceId }: NoticeCandidate, now: number): Promise<boolean> {
    return this.units.runAs({ orgId: credential.orgId, actor: 'system' }, async ({ tx, record }) => {
      const taken = await tx.credentialNotices.insertCredentialNotice({
        credentialId: credential.id,
        notice,
        orgId: credential.orgId,
        expireTime: credential.expireTime!,
        time: now,
      });
      if (!taken) return false;
      await record({
        type: `credential.${notice}`,
        resource: `apiClients/${credential.apiClientId}/credentials/${credential.id}`,
        data: { after: credentialSnapshot(credential), clientId, workspaceId, expireTime: credential.expireTime },
      });
      return true;
    });
  }
}
