import type { EventType } from '../domain/events.js';
import { newId } from '../domain/ids.js';
import type { AuditEvent, Context } from '../domain/model.js';
import type { EventBus } from '../runtime/event-bus.js';
import type { Repos, Store } from '../store/index.js';

/**
 * Every mutation is one unit of work: `UnitsOfWork.run` opens one transaction, as the only
 * writer of its organization unless it only adds (UnitScope; an organization itself is written
 * under its own id), hands the
 * use case its transactional repositories (`uow.tx`) and `uow.record`, which appends an audit
 * event (a sequence that increases with commit order among the organization's modifying units) and lets the outbox hooks (webhook deliveries) add their
 * rows in the same transaction. After commit the recorded events go to this process's caches
 * at once (EventBus); other processes learn of them from the ChangeFeed.
 *
 * A use case that composes others passes its `uow` on, so that everything commits together
 * (a Docpier agent client and its access row; a Zitadel app relabelled and its secrets removed).
 */
export interface EventDraft {
  /** From the catalogue (domain/events.ts), so a new or misspelt type is a compile error. */
  type: EventType;
  resource: string;
  data: Record<string, unknown>;
}

/** Runs inside the unit's transaction for every event, e.g. to enqueue webhook deliveries. */
export type OutboxHook = (tx: Repos, event: AuditEvent) => Promise<void>;

export interface UnitOfWork {
  /** The repositories of this unit's transaction. */
  readonly tx: Repos;
  /** Appends an audit event (and its outbox rows) in this unit's transaction. */
  record(draft: EventDraft): Promise<AuditEvent>;
}

/**
 * What a unit may do to its organization, which says whom it must exclude while it runs:
 * - `modifies` (the default): it reads what exists and may change or delete it; it runs alone
 *   in its organization, so no read-modify-write loses an update;
 * - `adds`: it only inserts new resources, after reading what they refer to, and changes nothing
 *   that exists except by single statements that check their own condition (spending a
 *   registration token). Adding units run side by side; a modifying unit waits for them, and
 *   they for it, so what they read cannot change before they commit. Their events may commit out
 *   of sequence order, which every reader of the log allows for (store/events openFeed).
 */
export type UnitScope = 'modifies' | 'adds';

/** Who a unit acts as: `orgId` and `actor` stamp every event; system jobs pass the actor `system`. */
export interface Acting {
  orgId: string;
  actor: string;
}

export class UnitsOfWork {
  readonly #store: Store;
  readonly #bus: EventBus;
  readonly #hooks: OutboxHook[] = [];

  constructor(store: Store, bus: EventBus) {
    this.#store = store;
    this.#bus = bus;
  }

  addOutboxHook(hook: OutboxHook) {
    this.#hooks.push(hook);
  }

  /** The common case: an admin request acting in its organization. */
  run<T>(ctx: Context, fn: (uow: UnitOfWork) => Promise<T>, scope: UnitScope = 'modifies'): Promise<T> {
    return this.runAs({ orgId: ctx.orgId, actor: ctx.actor.name }, fn, scope);
  }

  async runAs<T>(who: Acting, fn: (uow: UnitOfWork) => Promise<T>, scope: UnitScope = 'modifies'): Promise<T> {
    const recorded: AuditEvent[] = [];
    const result = await this.#store.transaction(async (tx) => {
      await tx.events.serializeWriters(who.orgId, scope === 'adds' ? 'shared' : 'exclusive');
      const uow: UnitOfWork = {
        tx,
        record: async (draft) => {
          const event = await tx.events.appendEvent({
            id: newId('event'),
            orgId: who.orgId,
            actor: who.actor,
            time: Date.now(),
            ...draft,
          });
          for (const hook of this.#hooks) await hook(tx, event);
          recorded.push(event);
          return event;
        },
      };
      return fn(uow);
    });
    for (const event of recorded) this.#bus.publish(event);
    return result;
  }
}
