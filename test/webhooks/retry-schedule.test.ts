import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classifyOutcome,
  classifyResponse,
  honorRetryAfter,
  MAX_DELIVERY_ATTEMPTS,
  nextAttemptDelay,
  RETRY_SCHEDULE_MS,
} from '../../src/webhooks/retry-schedule.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('nextAttemptDelay', () => {
  it('follows the Standard Webhooks schedule when the jitter is neutral', () => {
    const middle = () => 0.5;
    const delays = Array.from({ length: MAX_DELIVERY_ATTEMPTS }, (_, attempts) => nextAttemptDelay(attempts, middle));
    assert.deepEqual(delays, [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR]);
    assert.equal(MAX_DELIVERY_ATTEMPTS, 8);
  });

  it('spreads each delay by ±20 %', () => {
    assert.equal(nextAttemptDelay(1, () => 0), 4 * SECOND);
    assert.equal(nextAttemptDelay(1, () => 0.999999), 6 * SECOND);
    assert.equal(nextAttemptDelay(4, () => 0), 96 * MINUTE);
    assert.equal(nextAttemptDelay(4, () => 0.25), 108 * MINUTE);
    assert.equal(nextAttemptDelay(7, () => 0), 11.2 * HOUR);
    assert.equal(nextAttemptDelay(7, () => 0.999999), 60_479_980);
  });

  it('sends the first attempt at once whatever the jitter', () => {
    assert.equal(nextAttemptDelay(0, () => 0.9), 0);
  });

  it('returns null once every attempt has been made', () => {
    assert.equal(nextAttemptDelay(8, () => 0.5), null);
    assert.equal(nextAttemptDelay(100, () => 0.5), null);
  });

  it('covers about a day in total', () => {
    const total = RETRY_SCHEDULE_MS.reduce((sum, delay) => sum + delay, 0);
    assert.equal(total, 31 * HOUR + 35 * MINUTE + 5 * SECOND);
  });

  it('refuses negative and fractional attempt numbers', () => {
    assert.throws(() => nextAttemptDelay(-1), RangeError);
    assert.throws(() => nextAttemptDelay(1.5), RangeError);
  });
});

describe('honorRetryAfter', () => {
  it('waits longer when asked, never shorter, and at most a day', () => {
    assert.equal(honorRetryAfter(5 * SECOND, null), 5 * SECOND);
    assert.equal(honorRetryAfter(5 * SECOND, 120 * SECOND), 120 * SECOND);
    assert.equal(honorRetryAfter(5 * MINUTE, 1 * SECOND), 5 * MINUTE);
    assert.equal(honorRetryAfter(5 * SECOND, 30 * 24 * HOUR), 24 * HOUR);
  });
});

describe('classifyResponse', () => {
  const cases: Array<[number, string]> = [
    [200, 'delivered'],
    [201, 'delivered'],
    [204, 'delivered'],
    [299, 'delivered'],
    [410, 'disable_endpoint'],
    [301, 'retry'],
    [302, 'retry'],
    [400, 'retry'],
    [401, 'retry'],
    [404, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [100, 'retry'],
  ];
  for (const [status, verdict] of cases) {
    it(`${status} → ${verdict}`, () => assert.equal(classifyResponse(status), verdict));
  }
});

describe('classifyOutcome', () => {
  it('judges answered requests by status and retries every transport failure', () => {
    assert.equal(classifyOutcome({ ok: true, status: 202, bodySnippet: '', durationMs: 3, retryAfterMs: null }), 'delivered');
    assert.equal(classifyOutcome({ ok: true, status: 410, bodySnippet: '', durationMs: 3, retryAfterMs: null }), 'disable_endpoint');
    for (const kind of ['timeout', 'connection', 'ssrf_refused', 'redirect_not_followed', 'invalid_request'] as const) {
      assert.equal(classifyOutcome({ ok: false, kind, message: 'x', durationMs: 1 }), 'retry');
    }
  });
});
