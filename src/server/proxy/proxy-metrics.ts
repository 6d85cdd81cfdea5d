/** The proxy's counters. `snapshot()` returns a copy, so callers may keep or change it. */
import type { ProxyMetrics, UpstreamOperation } from './types.js';

export function createProxyMetrics() {
  const counts: ProxyMetrics = {
    requests: 0,
    responses: {},
    errors: {},
    upstreamCalls: {
      StartConfigurationSession: 0,
      GetLatestConfiguration: 0,
      AgentGetConfiguration: 0,
    },
    upstreamErrors: {},
    cacheHits: 0,
    cacheMisses: 0,
    staleServed: 0,
    throttled: 0,
  };
  const bump = (map: Record<string, number>, key: string) => {
    map[key] = (map[key] ?? 0) + 1;
  };

  return {
    response(status: number, errorType: string | undefined, cache?: 'hit' | 'miss' | 'stale') {
      counts.requests += 1;
      bump(counts.responses, String(status));
      if (errorType) bump(counts.errors, errorType);
      if (cache === 'hit') counts.cacheHits += 1;
      else if (cache === 'miss') counts.cacheMisses += 1;
      else if (cache === 'stale') counts.staleServed += 1;
    },
    upstreamCall(operation: UpstreamOperation, error: string | undefined) {
      counts.upstreamCalls[operation] += 1;
      if (error) bump(counts.upstreamErrors, error);
    },
    throttled() {
      counts.throttled += 1;
    },
    snapshot(): ProxyMetrics {
      return structuredClone(counts);
    },
  };
}
