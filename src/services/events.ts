import type { EventType } from '../domain/events.js';
import { newId } from '../domain/ids.js';
import type { AuditEvent, Context } from '../domain/model.js';
import type { Repos, Store } from '../store/index.js';

/**
 * Every mutation goes through `Mutations.run`: it opens one transaction, as the only writer on
 * either engine (so a read-modify-write cannot lose a concurrent update), appends the audit
 * events the mutation records (strictly increasing sequence), lets the outbox hooks (webhook
 * deliveries) add their rows in the same transaction, and after commit tells this process's
 * listeners (caches) at once. Other processes learn of the same events from the ChangeFeed.
 */
export interface EventDraft {
  /** From the catalogue (domain/events.ts), so a new or misspelt type is a compile error. */
  type: EventType;
  resource: string;
  data: Record<string, unknown>;
}

/** Runs inside the mutation's transaction for every event, e.g. to enqueue webhook deliveries. */
export type OutboxHook = (repos: Repos, event: AuditEvent) => Promise<void>;
export type EventListener = (event: AuditEvent) => void;

export interface Recorder {
  record(draft: EventDraft): Promise<AuditEvent>;
}

export class Mutations {
  readonly #store: Store;
  readonly #hooks: OutboxHook[] = [];
  readonly #listeners: EventListener[] = [];

  constructor(store: Store) {
    this.#store = store;
  }

  addOutboxHook(hook: OutboxHook) {
    this.#hooks.push(hook);
  }

  addListener(listener: EventListener) {
    this.#listeners.push(listener);
  }

  /** Delivers events that another process committed (from the ChangeFeed). */
  notify(event: AuditEvent) {
    for (const listener of this.#listeners) listener(event);
  }

  /**
   * `orgId` and `actor` stamp every event; system jobs (expiry notices) pass the actor `system`.
   */
  async run<T>(who: { orgId: string; actor: string }, fn: (repos: Repos, recorder: Recorder) => Promise<T>): Promise<T> {
    const recorded: AuditEvent[] = [];
    const result = await this.#store.transaction(async (repos) => {
      await repos.events.serializeWriters();
      const recorder: Recorder = {
        record: async (draft) => {
          const event = await repos.events.appendEvent({
            id: newId('event'),
            orgId: who.orgId,
            actor: who.actor,
            time: Date.now(),
            ...draft,
          });
          for (const hook of this.#hooks) await hook(repos, event);
          recorded.push(event);
          return event;
        },
      };
      return fn(repos, recorder);
    });
    for (const event of recorded) this.notify(event);
    return result;
  }

  /** The common case: an admin request acting in its organization. */
  runAs<T>(ctx: Context, fn: (repos: Repos, recorder: Recorder) => Promise<T>): Promise<T> {
    return this.run({ orgId: ctx.orgId, actor: ctx.actor.name }, fn);
  }
}
