/**
 * The React Query options of a client's query. React Query decides *when* to ask (interval,
 * focus, reconnect, mount); the core decides whether asking sends a request. The options below
 * keep React Query from asking early in the first place, so a focus storm or a thousand mounting
 * components cost nothing, and the core's invariants catch anything left.
 *
 * One observer per provider polls with these options (app-config-client-provider.tsx); every hook
 * observes the same query with `READ_ONLY` on top, so it holds no timer and never asks: the timers
 * of a page are the same for one reader or a thousand.
 */
import { queryOptions } from './externals.js';
import type { AppConfigClient, AppConfigSnapshot } from '../core/types.js';

/** Shortest timer React Query is given, in milliseconds, when a poll is due now or nearly so. */
const MIN_TIMER_MS = 1000;
/** How long React Query keeps a query nobody observes (its default, made explicit). @internal */
export const GC_TIME_MS = 5 * 60 * 1000;
/** Longest delay a browser timer can hold (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

/** The query key of a session's options (a client's, or a provider's props). @internal */
export function queryKeyOf(
  options: Pick<
    AppConfigClient<unknown>['options'],
    'endpoint' | 'application' | 'environment' | 'profile' | 'requiredMinimumPollIntervalInSeconds'
  >,
) {
  const { endpoint, application, environment, profile, requiredMinimumPollIntervalInSeconds } =
    options;
  return [
    'appconfig',
    endpoint,
    application,
    environment,
    profile,
    requiredMinimumPollIntervalInSeconds ?? null,
  ] as const;
}

/** The query key of a client's session: `['appconfig', endpoint, application, environment, profile, interval]`. */
export const appConfigQueryKey = (client: AppConfigClient<unknown>) => queryKeyOf(client.options);

function build(client: AppConfigClient<unknown>) {
  return queryOptions<AppConfigSnapshot<unknown>>({
    queryKey: appConfigQueryKey(client),
    // Never rejects; answers from its cache when it is too early, in backoff or stopped.
    queryFn: () => client.poll(),
    // The first render already shows the persisted or initial configuration.
    initialData: () => client.getSnapshot(),
    // Fresh until the core allows the next request, so focus, reconnect and mount only ask when
    // a request may be sent. (Infinity when the client stopped: only reset() helps then.)
    staleTime: (query) => {
      const wait = client.msUntilNextPoll();
      return Number.isFinite(wait) ? Date.now() + wait - query.state.dataUpdatedAt : Infinity;
    },
    // Re-armed by React Query after every update of the query, from the core's own schedule;
    // when stopped, nothing is due. Never off while a request is in flight: that request may be
    // another poller's (a Suspense wait's), whose answer need not reach this observer. A timer
    // that fires then, or early, costs nothing: the core shares the request or sends none.
    refetchInterval: () => {
      const wait = client.msUntilNextPoll();
      if (!Number.isFinite(wait)) return false;
      return Math.min(Math.max(wait, MIN_TIMER_MS), MAX_TIMER_MS);
    },
    // A hidden tab does not poll; coming back refetches only when the interval has passed.
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    refetchOnReconnect: true,
    refetchOnMount: true,
    // The core retries with its own backoff, with the same unspent token; a React Query retry
    // could only duplicate it. (The queryFn never rejects anyway.)
    retry: false,
    // Offline, React Query holds the poll until the browser is back online instead of letting
    // the core fail and grow its backoff meanwhile.
    networkMode: 'online',
    structuralSharing: true,
    // Each hook selects its own slice: only a change of that slice re-renders it. (`error` can
    // only come from a select that threw: the query function never rejects.)
    notifyOnChangeProps: ['data', 'error'],
    throwOnError: false,
    enabled: true,
    gcTime: GC_TIME_MS,
  });
}

/**
 * What each hook puts over the shared options: it only reads the query. A disabled observer never
 * fetches (not on mount, focus, reconnect or an interval) and sets no refetch-interval timer; it
 * still sees every update. `staleTime: Infinity` spares it a stale timer, in every React Query 5
 * release. The provider's observer does the polling. @internal
 */
export const READ_ONLY = { enabled: false, staleTime: Infinity } as const;

/** The options `appConfigQueryOptions` returns. */
export type AppConfigQueryOptions = ReturnType<typeof build>;

const cache = new WeakMap<AppConfigClient<unknown>, AppConfigQueryOptions>();

/**
 * The React Query options of a client's query, one object per client; the data is the client's
 * `AppConfigSnapshot`. An observer with these options polls on AppConfig's schedule, as the
 * provider's own does; your own `useQuery({ ...appConfigQueryOptions(client), select })` adds one
 * more, and still no early request: the core sends none, however many observers ask.
 */
export function appConfigQueryOptions(client: AppConfigClient<unknown>): AppConfigQueryOptions {
  let options = cache.get(client);
  if (!options) {
    options = build(client);
    cache.set(client, options);
  }
  return options;
}
