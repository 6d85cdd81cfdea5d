'use client';
/**
 * The adapter every hook is built on: an ordinary React Query observer of the provider's query,
 * with the hook's own `select`, so a component re-renders only when what it selected changed (or
 * a query state it read, such as `error`). It holds no timer: the provider's observer polls.
 *
 * While hydrating server-rendered HTML a hook answers from what the server had (prefetched data,
 * or the initial configuration, never a persisted one: a server cannot see the browser's
 * storage), so markup matches; React re-renders it with the live value right after hydration.
 *
 * `live: false` keeps the first value from this page's session (the network's, or the
 * server-rendered one) for the component's life, as OpenFeature's
 * `updateOnConfigurationChanged: false` does; until it arrives (a persisted or initial
 * configuration is showing), the hook follows the configuration as usual.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import {
  useMemo,
  useQuery,
  useState,
  useSuspenseQuery,
  useSyncExternalStore,
} from './externals.js';
import { InvalidOptionsError, type AppConfigError } from '../core/errors.js';
import { serverViews } from './server-view.js';
import type { AppConfigSessionClient, ConfigurationData } from '../core/types.js';
import {
  readerQueryOptions,
  type AppConfigQueryOptions,
} from '../query/app-config-query-options.js';
import type { AppConfigContextValue } from './app-config-context.js';

const subscribeNothing = () => () => {};
const inBrowser = () => false;
const onServer = () => true;

/** True while rendering on a server or hydrating server-rendered HTML. @internal */
export function useIsHydrating(): boolean {
  return useSyncExternalStore(subscribeNothing, inBrowser, onServer);
}

const readers = new WeakMap<AppConfigSessionClient, AppConfigQueryOptions>();
const readerOptionsOf = (client: AppConfigSessionClient) => {
  let options = readers.get(client);
  if (!options) readers.set(client, (options = readerQueryOptions(client)));
  return options;
};

const isSettled = (data: ConfigurationData | undefined) =>
  data?.source === 'network' || data?.source === 'server';

/** A selection with whether its data was settled, keeping its identity while both are equal. */
type Selection<T> = readonly [value: T, settled: boolean];

/** What a hook gets: its selection (of the data, or of nothing yet) and the query's state. @internal */
export interface AppConfigQueryState<T> {
  selected: T;
  result: UseQueryResult<Selection<T>, AppConfigError>;
}

/** How a hook reads. @internal */
export interface ReadOptions {
  /** Suspend until the query has data (React Query's Suspense). Browsers only. */
  suspense?: boolean;
  live?: boolean;
}

/**
 * The hook's selection. `select` must be memoised and accept `undefined` (no data yet). @internal
 */
export function useAppConfigQuery<T>(
  context: AppConfigContextValue,
  select: (data: ConfigurationData | undefined) => T,
  { suspense = false, live }: ReadOptions = {},
): AppConfigQueryState<T> {
  const pair = useMemo(() => {
    let last: Selection<T> | undefined;
    return (data: ConfigurationData | undefined): Selection<T> => {
      const value = select(data);
      const settled = isSettled(data);
      if (last && Object.is(last[0], value) && (live !== false || last[1] === settled)) return last;
      return (last = [value, settled]);
    };
  }, [select, live]);
  const options = { ...readerOptionsOf(context.client), select: pair };
  // Which hook runs depends only on the hook and on being in a browser, never on state, so the
  // order of hooks is stable. On a server a Suspense read never fetches: the caller decides.
  const useRead = (
    suspense && typeof window !== 'undefined' ? useSuspenseQuery : useQuery
  ) as typeof useQuery;
  const result = useRead(options, context.queryClient) as UseQueryResult<
    Selection<T>,
    AppConfigError
  >;
  // A select that threw (a hook given an asynchronous schema): React Query would hold the error
  // quietly as the query's; it is a programming error, so it is thrown.
  if (result.error instanceof InvalidOptionsError) throw result.error;
  const hydrating = useIsHydrating();
  let [value, settled] = result.data ?? pair(undefined);
  if (hydrating) {
    const data = context.queryClient.getQueryData<ConfigurationData>(options.queryKey);
    if (data?.source !== 'server' && data?.source !== 'initial') {
      value = select(serverViews.get(context.client) ?? context.serverData);
    }
    settled = false;
  }
  // Set during render, React's pattern for state derived from earlier renders: once, at the
  // first settled value.
  const [frozen, setFrozen] = useState<{ value: T }>();
  if (live === false && !frozen && settled) setFrozen({ value });
  return { selected: live === false && frozen ? frozen.value : value, result };
}
