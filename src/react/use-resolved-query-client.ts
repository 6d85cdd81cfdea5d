'use client';
import { useContext, useEffect, useMemo } from './externals.js';
import { QueryClient, QueryClientContext } from './externals.js';

let browserQueryClient: QueryClient | undefined;

/**
 * The QueryClient a provider uses: the one passed in, else the app's own (from
 * `<QueryClientProvider>`), else a private one that is not exposed to the app.
 *
 * In a browser the private one is a single module-level client: state held by a component is
 * thrown away when its first render suspends, and a provider whose subtree suspends without a
 * boundary in between would otherwise get a new QueryClient, so a new session, on every retry.
 * On a server each provider gets its own, so no request's data can reach another's render.
 *
 * The client is mounted while the provider is, which is what makes React Query listen to focus
 * and network changes (mounting is counted, so the app's own client is unaffected).
 * @internal
 */
export function useResolvedQueryClient(explicit: QueryClient | undefined): QueryClient {
  const ambient = useContext(QueryClientContext);
  const queryClient = useMemo(
    () =>
      explicit ??
      ambient ??
      (typeof window === 'undefined'
        ? new QueryClient()
        : (browserQueryClient ??= new QueryClient())),
    [explicit, ambient],
  );
  useEffect(() => {
    queryClient.mount();
    return () => queryClient.unmount();
  }, [queryClient]);
  return queryClient;
}
