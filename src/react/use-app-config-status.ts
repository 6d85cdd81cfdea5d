'use client';
import { useCallback, useMemo } from './externals.js';
import type { AppConfigSnapshot } from '../core/types.js';
import { useAppConfigContext } from './app-config-context.js';
import { appConfigQueryOptions } from './app-config-query-options.js';
import type { AppConfigStatusResult, ProviderOption } from './types.js';
import { useSelectedSnapshot } from './use-selected-snapshot.js';

function selectStatus(snapshot: AppConfigSnapshot<unknown>) {
  return {
    status: snapshot.status,
    error: snapshot.error,
    stopped: snapshot.stopped,
    versionLabel: snapshot.versionLabel,
    source: snapshot.source,
    fetchedAt: snapshot.fetchedAt,
  };
}

/**
 * The client's state, for loading indicators, error banners and debugging, plus `refetch` (poll
 * now, if AppConfig allows it) and `reset` (start a new session after the client stopped).
 * Re-renders when any of the fields change; the functions keep their identity.
 */
export function useAppConfigStatus(options?: ProviderOption): AppConfigStatusResult {
  const context = useAppConfigContext('useAppConfigStatus', options?.provider);
  const state = useSelectedSnapshot(context, selectStatus);
  const { client, queryClient } = context;
  const refetch = useCallback(
    // Through React Query, so the shared query (and its timers) see the answer; the core still
    // decides whether a request may be sent.
    () => queryClient.fetchQuery({ ...appConfigQueryOptions(client), staleTime: 0 }),
    [client, queryClient],
  );
  const reset = useCallback(() => {
    client.reset();
    return refetch();
  }, [client, refetch]);
  return useMemo(() => ({ ...state, refetch, reset }), [state, refetch, reset]);
}
