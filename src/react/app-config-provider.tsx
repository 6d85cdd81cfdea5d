'use client';
/**
 * `<AppConfigProvider>`: one AppConfig session for the components inside it.
 */
import { useCallback, useState, useSyncExternalStore, hashKey } from './externals.js';
import type { AppConfigProviderProps } from './app-config-provider-props.js';
import { AppConfigClientProvider } from './app-config-client-provider.js';
import { checkProviderProps } from './check-provider-props.js';
import { getOrCreateEntry, subscribeEntry } from './client-registry.js';
import {
  createClientEntry,
  liveOptions,
  sessionOf,
  type ProviderEntry,
} from './create-client-entry.js';
import { appConfigQueryKey } from '../query/app-config-query-key.js';
import { useIsomorphicLayoutEffect } from './use-isomorphic-layout-effect.js';
import { useResolvedQueryClient } from './use-resolved-query-client.js';
import { warnIfPreloadDiffers } from './warn-if-preload-differs.js';

/**
 * Provides feature flags and configuration of one AppConfig profile to the hooks inside it.
 *
 * Polling is React Query's: one query per profile (`appConfigQueryKey`), one polling observer
 * however many components read it, paused while the tab is hidden or offline, and never a request
 * earlier than AppConfig allows (not on mount, focus, reconnect, `refetch`, `invalidateQueries`
 * or under StrictMode). The query's state is AppConfig's: its data the configuration with its
 * version label, content type, source and time; its error what AppConfig answered.
 *
 * The first render already shows a server-prefetched (`prefetchAppConfig` + `HydrationBoundary`),
 * persisted (`persist`) or initial (`initialConfiguration`) configuration, the newest first.
 * Providers of the same profile within one QueryClient share one client; several providers for
 * several profiles can be nested or side by side, and hooks pick one with `{ provider: name }`.
 *
 * Unmounted, a provider stops polling, but its client and session are kept as long as React Query
 * keeps the query (`gcTime`): a provider mounted again meanwhile, say on a route that comes back,
 * carries on without a new session or an early request.
 *
 * Throws `InvalidOptionsError` during render for a bad prop, naming it.
 *
 * @example
 * <AppConfigProvider endpoint="/appconfig" application="shop" environment="prod" profile="flags">
 *   <App />
 * </AppConfigProvider>
 */
export function AppConfigProvider(props: AppConfigProviderProps) {
  if (process.env.NODE_ENV !== 'production') checkProviderProps(props);
  const queryClient = useResolvedQueryClient(props.queryClient);
  const hash = hashKey(appConfigQueryKey(props));
  const session = sessionOf(props);
  const subscribe = useCallback(
    (onChange: () => void) => subscribeEntry(queryClient, hash, onChange),
    [queryClient, hash],
  );
  // This provider's identity: it may replace a client it created, not another provider's.
  const [owner] = useState({});
  const getEntry = () =>
    getOrCreateEntry(queryClient, hash, session, owner, () => createClientEntry(props));
  const entry: ProviderEntry = useSyncExternalStore(subscribe, getEntry, getEntry);
  if (process.env.NODE_ENV !== 'production') warnIfPreloadDiffers(entry, props, hash);

  useIsomorphicLayoutEffect(() => {
    // Read by the client at the time of use (see create-client-entry.ts); last writer wins.
    Object.assign(entry.options, liveOptions(props));
  });

  return (
    <AppConfigClientProvider
      entry={entry}
      hash={hash}
      queryClient={queryClient}
      serverData={entry.serverData}
      name={props.name}
      onEvent={props.onEvent}
    >
      {props.children}
    </AppConfigClientProvider>
  );
}
