'use client';
/**
 * The part every provider shares, given a registry entry: keeps the entry (and so its one polling
 * observer) alive while mounted, moves the hooks to a rebuilt query, forwards the client's events,
 * and hands the client to the hooks below. Used by `<AppConfigProvider>` and by
 * `<AppConfigTestProvider>` (with a client of fixed flags).
 */
import type { ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { useCallback, useContext, useMemo, useSyncExternalStore } from './externals.js';
import type { AppConfigEvent, ConfigurationData } from '../core/types.js';
import { AppConfigContext } from './app-config-context.js';
import { retainEntry, subscribeEntry, type ClientEntry } from './client-registry.js';
import { useIsomorphicLayoutEffect } from './use-isomorphic-layout-effect.js';

/** @internal */
export interface AppConfigClientProviderProps {
  entry: ClientEntry;
  hash: string;
  queryClient: QueryClient;
  serverData: ConfigurationData | undefined;
  name: string | undefined;
  onEvent: ((event: AppConfigEvent) => void) | undefined;
  children?: ReactNode;
}

/** @internal */
export function AppConfigClientProvider(props: AppConfigClientProviderProps) {
  const { entry, hash, queryClient, serverData, name, onEvent, children } = props;
  const { client } = entry;
  const parent = useContext(AppConfigContext);

  useIsomorphicLayoutEffect(() => retainEntry(queryClient, entry), [queryClient, entry]);

  const subscribe = useCallback(
    (onChange: () => void) => subscribeEntry(queryClient, hash, onChange),
    [queryClient, hash],
  );
  const generation = useSyncExternalStore(
    subscribe,
    () => entry.generation,
    () => entry.generation,
  );

  // A new `onEvent` (an inline function is new on every render) subscribes afresh: cheap, and
  // events only ever come between renders, never during this effect.
  useIsomorphicLayoutEffect(
    () => client.subscribeEvents((event) => onEvent?.(event)),
    [client, onEvent],
  );

  const value = useMemo(
    () => ({ client, queryClient, name, serverData, generation, parent }),
    [client, queryClient, name, serverData, generation, parent],
  );
  return <AppConfigContext.Provider value={value}>{children}</AppConfigContext.Provider>;
}
