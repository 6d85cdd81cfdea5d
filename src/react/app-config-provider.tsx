'use client';
/**
 * `<AppConfigProvider>`: one AppConfig session for the components inside it.
 */
import { useCallback, useSyncExternalStore } from './externals.js';
import type { AppConfigProviderProps } from './app-config-provider-props.js';
import { AppConfigClientProvider } from './app-config-client-provider.js';
import { checkProviderProps } from './check-provider-props.js';
import { getOrCreateEntry, retainEntry, subscribeEntry } from './client-registry.js';
import {
  createClientEntry,
  liveOptions,
  sessionKey,
  type ProviderEntry,
} from './create-client-entry.js';
import { useIsomorphicLayoutEffect } from './use-isomorphic-layout-effect.js';
import { useResolvedQueryClient } from './use-resolved-query-client.js';

/**
 * Provides feature flags and configuration of one AppConfig profile to the hooks inside it.
 *
 * The first render already shows a persisted (`persist`) or initial (`initialConfiguration`)
 * configuration. Polling is React Query's: one query per session, however many components read
 * it, paused while the tab is hidden, and never a request earlier than AppConfig allows (not on
 * mount, focus, reconnect or under StrictMode). Providers that name the same session within one
 * QueryClient share one client; several providers for several profiles can be nested or side by
 * side, and hooks pick one with `{ provider: name }`.
 *
 * Unmounted, a provider stops polling, but its client and session are kept as long as React Query
 * keeps the query (`gcTime`, 5 minutes; `queryClient.clear()` ends them at once): a provider
 * mounted again meanwhile, say on a route that comes back, carries on without a new session or an
 * early request. Tests that render providers without a `queryClient` share the private one, and
 * so these sessions: give each test its own QueryClient.
 *
 * Throws `InvalidOptionsError` during render for a bad prop, naming it.
 *
 * @example
 * <AppConfigProvider endpoint="/appconfig" application="shop" environment="prod" profile="flags">
 *   <App />
 * </AppConfigProvider>
 */
export function AppConfigProvider(props: AppConfigProviderProps) {
  checkProviderProps(props);
  const queryClient = useResolvedQueryClient(props.queryClient);
  const key = sessionKey(props);
  const subscribe = useCallback(
    (onChange: () => void) => subscribeEntry(queryClient, key, onChange),
    [queryClient, key],
  );
  const getEntry = () => getOrCreateEntry(queryClient, key, () => createClientEntry(props));
  const entry: ProviderEntry = useSyncExternalStore(subscribe, getEntry, getEntry);

  useIsomorphicLayoutEffect(() => {
    // Read by the client at the time of use (see create-client-entry.ts); last writer wins.
    Object.assign(entry.options, liveOptions(props));
  });
  useIsomorphicLayoutEffect(() => retainEntry(queryClient, key, entry), [queryClient, key, entry]);

  return (
    <AppConfigClientProvider
      client={entry.client}
      queryClient={queryClient}
      serverSnapshot={entry.serverSnapshot}
      name={props.name}
      onEvent={props.onEvent}
    >
      {props.children}
    </AppConfigClientProvider>
  );
}
