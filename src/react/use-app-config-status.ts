'use client';
import { useCallback, useMemo } from './externals.js';
import type { ConfigurationData } from '../core/types.js';
import { useAppConfigContext } from './app-config-context.js';
import { queryStatus } from './query-status.js';
import type { AppConfigStatusResult, ProviderOption } from './types.js';
import { useAppConfigQuery } from './use-app-config-query.js';

type Meta = Pick<AppConfigStatusResult, 'versionLabel' | 'source' | 'fetchedAt'> & {
  ready: boolean;
};

function createSelect() {
  let last: Meta | undefined;
  return (data: ConfigurationData | undefined): Meta => {
    const next = {
      versionLabel: data?.versionLabel,
      source: data?.source,
      fetchedAt: data?.fetchedAt,
      ready: data?.configuration !== undefined,
    };
    if (last && (Object.keys(next) as (keyof Meta)[]).every((k) => Object.is(next[k], last![k]))) {
      return last;
    }
    return (last = next);
  };
}

/**
 * The state of the provider's query, for loading indicators, error banners and debugging:
 * `status`, `error` and `stopped` as AppConfig tells them, React Query's `fetchStatus` and
 * `failureCount` (throttling shows as retries), the configuration's metadata, plus `refetch`
 * (through React Query; the client sends a request only if AppConfig allows it) and `reset`
 * (start a new session after the client stopped). Re-renders when a field you read changes; the
 * functions keep their identity.
 */
export function useAppConfigStatus(options?: ProviderOption): AppConfigStatusResult {
  const context = useAppConfigContext('useAppConfigStatus', options?.provider);
  const select = useMemo(createSelect, []);
  const { selected, result } = useAppConfigQuery(context, select);
  const { status, error, stopped } = queryStatus(result, selected.ready);
  const { client } = context;
  const { refetch: query, fetchStatus, failureCount } = result;
  const refetch = useCallback(async () => {
    await query();
  }, [query]);
  const reset = useCallback(async () => {
    client.reset();
    await query();
  }, [client, query]);
  return useMemo(() => {
    const { ready: _ready, ...meta } = selected;
    return { ...meta, status, error, stopped, fetchStatus, failureCount, refetch, reset };
  }, [selected, status, error, stopped, fetchStatus, failureCount, refetch, reset]);
}
