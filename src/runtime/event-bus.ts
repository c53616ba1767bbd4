import type { AuditEvent } from '../domain/model.js';

export type EventListener = (event: AuditEvent) => void;

/**
 * Tells this process's caches about committed events: the unit of work publishes its own after
 * commit, the ChangeFeed those that other processes committed. Listeners run synchronously and
 * only drop or reload what an event makes stale.
 */
export class EventBus {
  readonly #listeners: EventListener[] = [];

  addListener(listener: EventListener) {
    this.#listeners.push(listener);
  }

  publish(event: AuditEvent) {
    for (const listener of this.#listeners) listener(event);
  }
}
