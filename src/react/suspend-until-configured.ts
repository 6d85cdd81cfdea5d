/**
 * What a Suspense hook does when React Query's Suspense gave it data without a configuration in
 * it: the profile answered but has nothing deployed (or nothing this hook's schema accepts yet).
 * In a browser it stays suspended until a configuration lands in the query; on a server, where
 * nothing waits for it, it throws, so React renders the nearest Suspense fallback there.
 */
import type { QueryClient } from '@tanstack/react-query';
import { hashKey } from './externals.js';
import { appConfigQueryKey } from '../query/app-config-query-key.js';
import type { AppConfigContextValue } from './app-config-context.js';

const waits = new WeakMap<QueryClient, Map<string, Promise<void>>>();

/** A promise that resolves when the query's data next changes. One per query at a time. */
function nextData(queryClient: QueryClient, hash: string): Promise<void> {
  let byHash = waits.get(queryClient);
  if (!byHash) waits.set(queryClient, (byHash = new Map()));
  let wait = byHash.get(hash);
  if (!wait) {
    wait = new Promise<void>((resolve) => {
      const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
        if (event.query.queryHash !== hash) return;
        if (
          event.type !== 'removed' &&
          !(event.type === 'updated' && event.action.type === 'success')
        )
          return;
        unsubscribe();
        byHash!.delete(hash);
        resolve();
      });
    });
    byHash.set(hash, wait);
  }
  return wait;
}

/** Throws what a Suspense hook without a configuration must throw. @internal */
export function suspendUntilConfigured(
  hook: string,
  { queryClient, client }: Pick<AppConfigContextValue, 'queryClient' | 'client'>,
): never {
  if (typeof window === 'undefined') {
    throw new Error(
      process.env.NODE_ENV === 'production'
        ? `${hook}: no configuration on the server`
        : `${hook} has no configuration to render on the server. Prefetch it with prefetchAppConfig() and ` +
            '<HydrationBoundary> (or pass initialConfiguration to <AppConfigProvider>); without one React ' +
            'shows the nearest <Suspense> fallback and renders this component in the browser.',
    );
  }
  throw nextData(queryClient, hashKey(appConfigQueryKey(client.options)));
}
