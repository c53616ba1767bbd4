import type { ActClaim } from '../domain/model.js';
import type { UnitsOfWork } from './unit-of-work.js';

/** What a delegated exchange records: the subject acted for and the chain of actors. */
export interface DelegationRecord {
  orgId: string;
  /** The acting client: its resource id and OAuth client_id. */
  apiClientId: string;
  clientId: string;
  subject: { sub: string; iss: string; provider?: string; clientId?: string };
  act: ActClaim;
  scope: string[];
  audience: string[];
  jti: string;
  exp: number;
}

/**
 * Audit events of delegated token exchanges, queued in memory and appended in batches (one
 * unit of work per acting client), so that the token endpoint never writes to the database. A
 * failed flush keeps its events for the next one; a crash loses at most one interval of them,
 * as it does of last-use times and usage counts.
 */
export class DelegationAuditLog {
  #pending: DelegationRecord[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly units: UnitsOfWork,
    private readonly intervalMs = 2000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Bounded, so that a store that is down for long cannot grow the queue without end. */
  record(entry: DelegationRecord) {
    if (this.#pending.length >= MAX_PENDING) this.#pending.shift();
    this.#pending.push(entry);
  }

  start() {
    this.#timer = setInterval(() => void this.flush(), this.intervalMs);
    this.#timer.unref();
  }

  async flush() {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    // The acting client is the event's actor, as it is of every change it makes through /v1.
    const byActor = new Map<string, DelegationRecord[]>();
    for (const entry of batch) {
      const key = `${entry.orgId} ${entry.apiClientId}`;
      const entries = byActor.get(key);
      if (entries) entries.push(entry);
      else byActor.set(key, [entry]);
    }
    for (const entries of byActor.values()) {
      const { orgId, apiClientId } = entries[0];
      try {
        await this.units.runAs({ orgId, actor: `apiClients/${apiClientId}` }, async ({ record }) => {
          for (const entry of entries) {
            await record({
              type: 'token.delegated',
              resource: `apiClients/${entry.apiClientId}`,
              data: { actor: { clientId: entry.clientId }, subject: entry.subject, act: entry.act, scope: entry.scope, audience: entry.audience, jti: entry.jti, exp: entry.exp },
            });
          }
        });
      } catch (error) {
        this.#pending.unshift(...entries);
        this.onError(error);
      }
    }
  }

  async stop() {
    clearInterval(this.#timer);
    await this.flush();
  }
}

const MAX_PENDING = 10_000;
