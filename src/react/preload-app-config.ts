'use client';
/**
 * `preloadAppConfig`: a provider's session started before React renders, the way a router loader
 * or a module-level `prefetchQuery` starts a query (render-as-you-fetch). The provider's own client
 * is created and registered in the QueryClient now, so its first request leaves while the rest of
 * the page still loads and renders; the `<AppConfigProvider>` that renders later with the same
 * props and QueryClient finds it and carries on with it: one session, no second request.
 */
import type { QueryClient } from '@tanstack/react-query';
import { hashKey } from './externals.js';
import type { AppConfigProviderProps } from './app-config-provider-props.js';
import { checkProviderProps } from './check-provider-props.js';
import { getOrCreateEntry } from './client-registry.js';
import { createClientEntry, sessionOf, type ProviderEntry } from './create-client-entry.js';
import { appConfigQueryKey } from '../query/app-config-query-key.js';
import type { PreloadedEntry } from './warn-if-preload-differs.js';

/** The provider's props, without what only a rendered provider has. */
export type PreloadAppConfigOptions = Omit<
  AppConfigProviderProps,
  'children' | 'name' | 'onEvent' | 'queryClient'
>;

/**
 * Starts the session of the `<AppConfigProvider>` that will render with the same `options` and
 * `queryClient` (its `queryClient` prop, or your `<QueryClientProvider>`'s): call it at module
 * level, or where navigation starts. Does nothing on a server. A preloaded session that no
 * provider takes up is let go after the QueryClient's `gcTime`, as an unmounted provider's is.
 *
 * Throws `InvalidOptionsError` for a bad option (in development), as the provider does.
 *
 * @example
 * const queryClient = new QueryClient();
 * const flags = { endpoint: '/appconfig', application: 'shop', environment: 'prod', profile: 'flags' };
 * preloadAppConfig(queryClient, flags);
 * createRoot(root).render(<AppConfigProvider {...flags} queryClient={queryClient}><App /></AppConfigProvider>);
 */
export function preloadAppConfig(queryClient: QueryClient, options: PreloadAppConfigOptions): void {
  if (typeof window === 'undefined') return;
  if (process.env.NODE_ENV !== 'production') checkProviderProps(options);
  const hash = hashKey(appConfigQueryKey(options));
  // No provider owns it: the first one to render takes it up (or, with another session,
  // replaces it, since it was never retained).
  getOrCreateEntry(queryClient, hash, sessionOf(options), {}, () => {
    const entry: ProviderEntry & PreloadedEntry = createClientEntry(options);
    if (process.env.NODE_ENV !== 'production') entry.preloadedWith = options;
    return entry;
  });
}
