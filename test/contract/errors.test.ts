import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageUnavailable } from '../../src/store/errors.js';

describe('storage errors', () => {
  it('tells an unavailable store from a refused write', () => {
    for (const message of [
      'Connection terminated unexpectedly',
      // What the ROLLBACK after a connection lost mid-transaction fails with, hiding the first error.
      'Client has encountered a connection error and is not queryable',
      'timeout exceeded when trying to connect',
    ]) {
      assert.equal(isStorageUnavailable(new Error(message)), true, message);
    }
    assert.equal(isStorageUnavailable(Object.assign(new Error('down'), { code: '57P01' })), true);
    assert.equal(isStorageUnavailable(Object.assign(new Error('full'), { code: 'SQLITE_FULL' })), true);
    assert.equal(isStorageUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' })), false);
    assert.equal(isStorageUnavailable(new Error('something else broke')), false);
  });
});
