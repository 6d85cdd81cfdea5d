'use client';
/**
 * The adapter every hook is built on: one `useQuery` with the client's shared options, read-only
 * (the provider's observer polls; a hook holds no timer), and the hook's own `select`, so a
 * component re-renders only when its selected value changes.
 *
 * While hydrating server-rendered HTML, hooks answer from what the server had (the initial
 * configuration, never a persisted one: a server cannot see the browser's storage), so markup
 * matches; React re-renders them with the live value right after hydration.
 */
import { useSyncExternalStore } from './externals.js';
import { useQuery } from './externals.js';
import type { AppConfigSnapshot } from '../core/types.js';
import type { AppConfigContextValue } from './app-config-context.js';
import { appConfigQueryOptions, READ_ONLY } from './app-config-query-options.js';

const subscribeNothing = () => () => {};
const inBrowser = () => false;
const onServer = () => true;

/** True while rendering on a server or hydrating server-rendered HTML. @internal */
export function useIsHydrating(): boolean {
  return useSyncExternalStore(subscribeNothing, inBrowser, onServer);
}

/** The hook's selection of the client's snapshot. `select` should be memoised. @internal */
export function useSelectedSnapshot<T>(
  context: AppConfigContextValue,
  select: (snapshot: AppConfigSnapshot<unknown>) => T,
): T {
  const { data, error } = useQuery(
    { ...appConfigQueryOptions(context.client), ...READ_ONLY, select },
    context.queryClient,
  );
  const hydrating = useIsHydrating();
  // The query function never rejects, so an error is a select that threw (a hook given an
  // asynchronous schema, or your own select): React Query would hold it quietly; throw it.
  if (error) throw error;
  return hydrating ? select(context.serverSnapshot) : data;
}
