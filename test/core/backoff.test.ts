import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/core/backoff.js';

const policy = { initialDelayMs: 1000, maxDelayMs: 60_000 };

describe('backoffDelay', () => {
  it('doubles its ceiling each attempt and never goes below half of it', () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const ceiling = 1000 * 2 ** attempt;
      expect(backoffDelay(attempt, policy, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, policy, () => 0.999999)).toBeCloseTo(ceiling, -1);
    }
  });

  it('is capped at maxDelayMs, even after very many attempts', () => {
    expect(backoffDelay(10, policy, () => 0.999999)).toBeLessThanOrEqual(60_000);
    expect(backoffDelay(5000, policy, () => 0.5)).toBe(45_000);
  });

  it('honours a server Retry-After longer than its own delay', () => {
    expect(backoffDelay(0, policy, () => 0.5, 120_000)).toBe(120_000);
  });

  it('never retries sooner than its own jittered delay, whatever Retry-After says', () => {
    // Retry-After: 0, or an HTTP date in the past (parsed as 0), must not become a retry loop.
    expect(backoffDelay(0, policy, () => 0.5, 0)).toBe(750);
    expect(backoffDelay(3, policy, () => 0, 0)).toBe(4000);
    expect(backoffDelay(8, policy, () => 0.5, 2000)).toBe(45_000);
    // Jitter is kept: two clients told the same short Retry-After do not retry in step.
    expect(backoffDelay(2, policy, () => 0, 100)).not.toBe(backoffDelay(2, policy, () => 0.9, 100));
  });
});
