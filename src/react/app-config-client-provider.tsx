'use client';
/**
 * The part every provider shares, given a client: keeps the client's query in step with the
 * client's store, polls it with one React Query observer (the hooks only read it), forwards the
 * client's events, and hands both to the hooks below. Used by
 * `<AppConfigProvider>` and by `<AppConfigTestProvider>` (with a client of fixed flags).
 */
import type { ReactNode } from 'react';
import { QueryObserver, useContext, useEffect, useMemo } from './externals.js';
import type { QueryClient } from '@tanstack/react-query';
import type { AppConfigClient, AppConfigEvent, AppConfigSnapshot } from '../core/types.js';
import { AppConfigContext } from './app-config-context.js';
import { appConfigQueryKey, appConfigQueryOptions } from './app-config-query-options.js';
import { useIsomorphicLayoutEffect } from './use-isomorphic-layout-effect.js';

/** @internal */
export interface AppConfigClientProviderProps {
  client: AppConfigClient<unknown>;
  queryClient: QueryClient;
  serverSnapshot: AppConfigSnapshot<unknown>;
  name: string | undefined;
  onEvent: ((event: AppConfigEvent) => void) | undefined;
  children?: ReactNode;
}

/** @internal */
export function AppConfigClientProvider(props: AppConfigClientProviderProps) {
  const { client, queryClient, serverSnapshot, name, onEvent, children } = props;
  const parent = useContext(AppConfigContext);

  // Snapshot changes that happen outside the query function (reset(), a Suspense wait, your own
  // poll()) reach the query too. Layout effects run before the children's first poll.
  useIsomorphicLayoutEffect(() => {
    const queryKey = appConfigQueryKey(client);
    const push = () => {
      queryClient.setQueryData(queryKey, client.getSnapshot());
    };
    const current = queryClient.getQueryData(queryKey);
    if (current !== undefined && current !== client.getSnapshot()) push();
    return client.subscribe(push);
  }, [client, queryClient]);

  // The one observer that polls: interval, focus, reconnect and mount, with the shared options.
  // The hooks observe the same query read-only, so the timers do not grow with the readers. An
  // observer rather than a useQuery: the provider never re-renders for it. Unmounted, it stops.
  useEffect(
    () => new QueryObserver(queryClient, appConfigQueryOptions(client)).subscribe(() => {}),
    [client, queryClient],
  );

  // A new `onEvent` (an inline function is new on every render) subscribes afresh: cheap, and
  // events only ever come between renders, never during this effect.
  useIsomorphicLayoutEffect(
    () => client.subscribeEvents((event) => onEvent?.(event)),
    [client, onEvent],
  );

  const value = useMemo(
    () => ({ client, queryClient, name, serverSnapshot, parent }),
    [client, queryClient, name, serverSnapshot, parent],
  );
  return <AppConfigContext.Provider value={value}>{children}</AppConfigContext.Provider>;
}
