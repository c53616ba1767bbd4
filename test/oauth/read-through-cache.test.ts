import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReadThroughCache } from '../../src/runtime/cache.js';

// The token path's cache (client directory, federation issuers). A stale answer here is a
// re-enabled client refused, or a rotated secret accepted: these pin the ordering rules.

/** A store whose reads finish only when the test says so, and see the row as it is when they start. */
function slowStore(initial: string) {
  let row = initial;
  const pending: Array<() => void> = [];
  return {
    set: (value: string) => (row = value),
    read: (): Promise<string> => {
      const seen = row;
      return new Promise((resolve) => pending.push(() => resolve(seen)));
    },
    finishAll: () => pending.splice(0).forEach((finish) => finish()),
    finishOldest: () => pending.shift()?.(),
    get waiting() {
      return pending.length;
    },
  };
}

const bounds = { maxEntries: 10, negativeTtlMs: 1000 };

describe('ReadThroughCache', () => {
  it('shares one read among concurrent misses', async () => {
    const store = slowStore('disabled');
    const cache = new ReadThroughCache(() => store.read(), bounds);
    const a = cache.get('client');
    const b = cache.get('client');
    assert.equal(store.waiting, 1);
    store.finishAll();
    assert.deepEqual(await Promise.all([a, b]), ['disabled', 'disabled']);
    assert.equal(cache.get('client'), 'disabled', 'a finished read is kept and answers synchronously');
  });

  it('does not hand a read begun before an invalidation to a caller who came after it', async () => {
    const store = slowStore('disabled');
    const cache = new ReadThroughCache(() => store.read(), bounds);
    const early = cache.get('client'); // e.g. a failure being counted, still reading the old row
    store.set('enabled');
    cache.delete('client'); // the change commits and its event arrives
    const late = cache.get('client');
    assert.equal(store.waiting, 2, 'the caller after the change starts a read of its own');
    store.finishAll();
    assert.equal(await early, 'disabled');
    assert.equal(await late, 'enabled');
    assert.equal(cache.get('client'), 'enabled');
  });

  it('keeps the newer read shared when an older one for the same key finishes', async () => {
    const store = slowStore('v1');
    const cache = new ReadThroughCache(() => store.read(), bounds);
    const first = cache.get('k');
    store.set('v2');
    cache.deleteWhere(() => true);
    const second = cache.get('k');
    store.finishOldest();
    assert.equal(await first, 'v1');
    const third = cache.get('k');
    assert.equal(store.waiting, 1, 'the third caller shares the read begun after the invalidation');
    store.finishAll();
    assert.equal(await second, 'v2');
    assert.equal(await third, 'v2');
    assert.equal(cache.get('k'), 'v2');
  });
});
