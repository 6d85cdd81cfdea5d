/** Retry delays: exponential, capped, with jitter so many browsers do not retry in step. */

import { MAX_TIMER_MS } from './limits.js';

export interface BackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 1000, maxDelayMs: 300_000 };

/**
 * Delay before retry number `attempt` (0 for the first retry): a ceiling of
 * `initialDelayMs · 2^attempt`, capped at `maxDelayMs`, of which a random half is taken away
 * ("equal jitter": never less than half the ceiling, so retries still slow down).
 * When the server said `Retry-After`, that delay is honoured, but never below the backoff's own:
 * a `Retry-After: 0` (or a date in the past) from a struggling server must not become a retry loop.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt, 52));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  // Capped at the timer limit: a longer delay would make setTimeout fire at once, in a loop.
  return Math.min(Math.max(retryAfterMs ?? 0, jittered), MAX_TIMER_MS);
}
