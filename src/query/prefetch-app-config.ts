/**
 * Server-side prefetch, the TanStack way: fetch a profile's configuration into a per-request
 * QueryClient, then `dehydrate` it into the page and wrap the client part in `HydrationBoundary`.
 * The browser's `<AppConfigProvider>` finds the data under the same query key, renders it during
 * hydration (no flicker, no mismatch, no Suspense fallback) and starts its own session.
 */
import { readErrorResponse } from '../core/read-error-response.js';
import type { QueryClient } from '@tanstack/react-query';
import { createSessionClient } from '../core/create-session-client.js';
import type { AppConfigClientOptions, ConfigurationData } from '../core/types.js';
import { appConfigQueryKey } from './app-config-query-key.js';
import { APPCONFIG_QUERY_META } from './app-config-query-options.js';

/** Options of `prefetchAppConfig`: the client's, minus what only a long-lived client uses. */
export type PrefetchAppConfigOptions<T = unknown> = Omit<
  AppConfigClientOptions<T>,
  'storage' | 'initialConfiguration' | 'timers' | 'onEvent'
>;

/**
 * Fetches the configuration once (a session of its own: one round trip through an appconfig-react
 * proxy or emulator, two elsewhere) into `queryClient`, as data with `source: 'server'`. Never
 * rejects: when AppConfig fails, nothing is prefetched and the browser fetches as usual (the
 * query's error is not dehydrated). Leaves no timer and no client behind. `endpoint` is the URL
 * the server reaches (an absolute URL); the browser's provider may use another (`/appconfig`).
 *
 * @example
 * const queryClient = new QueryClient();
 * await prefetchAppConfig(queryClient, { endpoint: process.env.APPCONFIG_URL!, application: 'shop', environment: 'prod', profile: 'flags' });
 * return <HydrationBoundary state={dehydrate(queryClient)}><Page /></HydrationBoundary>;
 */
export async function prefetchAppConfig<T = unknown>(
  queryClient: QueryClient,
  options: PrefetchAppConfigOptions<T>,
): Promise<void> {
  const client = createSessionClient<T>(options, readErrorResponse);
  try {
    await queryClient.prefetchQuery({
      queryKey: appConfigQueryKey(client.options),
      queryFn: async (): Promise<ConfigurationData<T>> => ({
        ...(await client.fetchLatest()),
        source: 'server',
      }),
      retry: false,
      meta: APPCONFIG_QUERY_META,
    });
  } finally {
    client.dispose();
  }
}
