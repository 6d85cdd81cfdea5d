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

  it('uses the server Retry-After as it is', () => {
    expect(backoffDelay(0, policy, () => 0.5, 120_000)).toBe(120_000);
    expect(backoffDelay(8, policy, () => 0.5, 2000)).toBe(2000);
  });
});
