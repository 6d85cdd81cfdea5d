/**
 * A simulated week of self-scheduled polling on virtual time: the request count matches the ideal
 * for the interval, sessions renew only when a token expires, and nothing accumulates.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chainViolations } from '../support/chain-invariants.js';
import { setup } from '../support/client-harness.js';

const HOUR = 3_600_000;
const WEEK_HOURS = 7 * 24;

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('client: a week of polling', () => {
  it.each([60, 300])(
    'makes the ideal number of requests at a %i s interval, from one session',
    async (interval) => {
      const h = setup(interval === 60 ? {} : { requiredMinimumPollIntervalInSeconds: interval });
      h.deploy({ a: true });
      const stop = h.client.startPolling();
      const timerCounts = new Set<number>();
      for (let hour = 0; hour < WEEK_HOURS; hour++) {
        if (hour === 50) h.deploy({ a: false });
        await vi.advanceTimersByTimeAsync(HOUR);
        timerCounts.add(vi.getTimerCount());
      }
      stop();
      const ideal = (WEEK_HOURS * HOUR) / (interval * 1000) + 1; // one at the start, then one per interval
      expect(Math.abs(h.gets().length - ideal)).toBeLessThanOrEqual(1);
      expect(h.starts()).toHaveLength(1);
      expect(h.client.getSnapshot().configuration).toEqual({ a: { enabled: false } });
      expect([...timerCounts]).toEqual([1]); // exactly the next poll's timer, all week
      expect(chainViolations(h.requests, { minBackoffMs: 500 })).toEqual([]);
      expect(h.emulator.requests.length).toBeLessThanOrEqual(1000); // the emulator's log is bounded
    },
  );

  it('renews the session only when a token expires', async () => {
    const h = setup();
    h.deploy({ a: true });
    const stop = h.client.startPolling();
    for (let hour = 0; hour < WEEK_HOURS; hour++) {
      if (hour === 30 || hour === 100) h.emulator.faults.inject({ kind: 'expire-token' });
      await vi.advanceTimersByTimeAsync(HOUR);
    }
    stop();
    expect(h.starts()).toHaveLength(3);
    expect(h.gets().filter((r) => r.problem === 'Expired')).toHaveLength(2);
    // The two refused polls are retried at once on the new session, so the count stays ideal.
    expect(Math.abs(h.gets().length - 2 - (WEEK_HOURS * 60 + 1))).toBeLessThanOrEqual(1);
  });
});
