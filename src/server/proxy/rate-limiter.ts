/**
 * A token bucket per client key, in memory, bounded: the least recently seen clients are forgotten
 * first (a forgotten client starts again with a full bucket, which only ever errs on the side of
 * serving). Per instance: N instances allow N times the rate, which is what a limit meant to stop
 * floods (rather than to meter) needs.
 */

/** Resolved settings. */
export interface RateLimitSettings {
  requestsPerSecond: number;
  burst: number;
  maxClients: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Outcome of `take`: allowed, or refused with the wait until a token is back. */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

export function createRateLimiter(settings: RateLimitSettings, now: () => number) {
  const buckets = new Map<string, Bucket>();
  const ratePerMs = settings.requestsPerSecond / 1000;

  return {
    take(key: string): RateDecision {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: settings.burst, updatedAt: time };
      buckets.delete(key); // re-inserted below: Map order is least recently seen first
      const elapsed = Math.max(0, time - bucket.updatedAt);
      bucket.tokens = Math.min(settings.burst, bucket.tokens + elapsed * ratePerMs);
      bucket.updatedAt = time;
      buckets.set(key, bucket);
      if (buckets.size > settings.maxClients) {
        buckets.delete(buckets.keys().next().value!);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / ratePerMs) };
    },
  };
}
