/**
 * The token path's one cache design: values read from the store on a miss and then kept in
 * memory, so a hit reads no database. Found values stay until an invalidation drops them;
 * "not found" is remembered only for `negativeTtlMs`, so a flood of made-up keys does not become
 * a flood of queries, yet a key created meanwhile is seen soon. Bounded: past `maxEntries` the
 * oldest entry goes first, so a million clients cannot grow the heap without limit. Concurrent
 * misses of one key share one read, and a read that started before an invalidation neither
 * stores its (possibly stale) result nor answers a caller who came after it.
 *
 * A hit answers synchronously (no promise), which the token path measures.
 */
export interface ReadThroughCacheOptions {
  maxEntries: number;
  negativeTtlMs: number;
}

interface Slot<V> {
  value: V | null;
  /** A null value is remembered only until then. */
  expires: number;
}

export class ReadThroughCache<V> {
  readonly #read: (key: string) => Promise<V | null>;
  readonly #maxEntries: number;
  readonly #negativeTtlMs: number;
  readonly #slots = new Map<string, Slot<V>>();
  readonly #loading = new Map<string, { promise: Promise<V | null>; epoch: number }>();
  /** Bumped by every invalidation; a read that started before one must not cache its result. */
  #epoch = 0;

  constructor(read: (key: string) => Promise<V | null>, options: ReadThroughCacheOptions) {
    this.#read = read;
    this.#maxEntries = options.maxEntries;
    this.#negativeTtlMs = options.negativeTtlMs;
  }

  get size() {
    return this.#slots.size;
  }

  /** The value of `key`, null when the store has none. */
  get(key: string): V | null | Promise<V | null> {
    const slot = this.#slots.get(key);
    if (slot && (slot.value !== null || slot.expires > Date.now())) return slot.value;
    return this.#load(key);
  }

  #load(key: string): Promise<V | null> {
    const pending = this.#loading.get(key);
    // A read begun before the latest invalidation may have seen the row as it was: a caller who
    // comes after the change (a client re-enabled, a secret rotated) starts a read of its own.
    if (pending && pending.epoch === this.#epoch) return pending.promise;
    const epoch = this.#epoch;
    const promise: Promise<V | null> = this.#read(key)
      .then((value) => {
        if (epoch === this.#epoch) this.#remember(key, value);
        return value;
      })
      .finally(() => {
        if (this.#loading.get(key)?.promise === promise) this.#loading.delete(key);
      });
    this.#loading.set(key, { promise, epoch });
    return promise;
  }

  #remember(key: string, value: V | null) {
    if (this.#slots.size >= this.#maxEntries) {
      const oldest = this.#slots.keys().next().value;
      if (oldest !== undefined) this.#slots.delete(oldest);
    }
    this.#slots.set(key, { value, expires: Date.now() + this.#negativeTtlMs });
  }

  delete(key: string) {
    this.#epoch++;
    this.#slots.delete(key);
  }

  /** Drops every entry the predicate picks (null: a remembered "not found"). */
  deleteWhere(stale: (value: V | null) => boolean) {
    this.#epoch++;
    for (const [key, slot] of this.#slots) if (stale(slot.value)) this.#slots.delete(key);
  }

  clear() {
    this.#epoch++;
    this.#slots.clear();
  }
}
