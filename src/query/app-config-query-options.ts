/**
 * The React Query options of a client's query: React Query schedules, the core keeps the token
 * chain's rules. The query function is one step of the chain (`client.fetchLatest`): it sends a
 * request only when one is due, resolves with the configuration data, and rejects with what
 * AppConfig said (a 404 is an error state; throttling shows as retries). Interval, retry delay
 * and staleness come from the core's schedule (the server's interval, backoff with jitter,
 * `Retry-After`), with no floor of their own.
 *
 * One observer per session polls with `appConfigQueryOptions` (the provider's); every hook reads
 * the same query with `readerQueryOptions`, which set no timer and never ask on their own (an
 * ordinary observer otherwise), so a page's timers are the same for one reader or a thousand.
 */
import type { QueryObserverOptions } from '@tanstack/react-query';
import { ConfigurationDecodeError, type AppConfigError } from '../core/errors.js';
import { isRetryable } from '../core/is-retryable.js';
import type { AppConfigSessionClient, ConfigurationData } from '../core/types.js';
import { appConfigQueryKey, type AppConfigQueryKey } from './app-config-query-key.js';
import { warnOnce } from '../core/warn-once.js';

/** `meta` of every appconfig-react query, so app-wide loading indicators can leave polls out. */
export const APPCONFIG_QUERY_META = { appconfig: true } as const;

/** The options of a client's query, as React Query takes them. */
export type AppConfigQueryOptions = QueryObserverOptions<
  ConfigurationData,
  AppConfigError,
  ConfigurationData,
  ConfigurationData,
  AppConfigQueryKey
> & { queryKey: AppConfigQueryKey; initialData: () => ConfigurationData | undefined };

/** Retries React Query makes of a failing poll before the query shows the error. */
const RETRIES = 3;

/** True when a failure stops the client until `reset()` (a 404, a refused request). @internal */
export const stopsTheClient = (error: unknown): boolean =>
  !!error && !isRetryable(error as AppConfigError) && !(error instanceof ConfigurationDecodeError);

/** In development: says once, with the AWS error, that the client stopped polling. */
const warnIfStopped =
  (client: AppConfigSessionClient) =>
  (error: AppConfigError): never => {
    if (stopsTheClient(error)) {
      const { application, environment, profile } = client.options;
      const where = `${application}/${environment}/${profile}`;
      warnOnce(
        `stopped:${where}`,
        `The AppConfig client for ${where} stopped: ${error.name}: ${error.message} ` +
          'Nothing more is polled until reset() (useAppConfigStatus().reset) or a new session.',
      );
    }
    throw error;
  };

/** The options every observer of the query shares. @internal */
export function sharedQueryOptions(client: AppConfigSessionClient) {
  return {
    queryKey: appConfigQueryKey(client.options),
    // One step of the chain. `current` is what the query holds (a server-rendered value, say):
    // the client adopts it when it is newer than its own.
    queryFn: ({ client: queryClient, queryKey }) => {
      const step = client.fetchLatest(queryClient.getQueryData(queryKey));
      return process.env.NODE_ENV !== 'production' ? step.catch(warnIfStopped(client)) : step;
    },
    // The client's own data: persisted or initial before the first poll, its latest after. A
    // query rebuilt after `clear()` or `removeQueries` starts from it, not from nothing.
    initialData: () => client.getData(),
    initialDataUpdatedAt: () => client.getData()?.fetchedAt,
    retry: (failures, error) => failures < RETRIES && isRetryable(error),
    // The client set its backoff when the poll failed: React Query waits exactly that long.
    retryDelay: () => client.msUntilNextPoll(),
    // Offline, React Query holds the poll until the browser is back online.
    networkMode: 'online',
    // The client shares structure once per configuration; doing it again per observer would
    // walk the whole configuration once per reader.
    structuralSharing: false,
    meta: APPCONFIG_QUERY_META,
  } satisfies Partial<AppConfigQueryOptions>;
}

/**
 * The React Query options of a client's query. An observer with these options polls on
 * AppConfig's schedule (interval, focus and reconnect only when a request is due, never in a
 * hidden tab), as the provider's own does; with `live: false` it stops after the first
 * configuration from the network or the server. Your own
 * `useQuery({ ...appConfigQueryOptions(client), select })` adds one more observer, and still no
 * early request: the client sends none, however many observers ask.
 */
export function appConfigQueryOptions(
  client: AppConfigSessionClient,
  { live = true }: { live?: boolean } = {},
): AppConfigQueryOptions {
  const settled = (data: ConfigurationData | undefined) =>
    !live && (data?.source === 'network' || data?.source === 'server');
  return {
    ...sharedQueryOptions(client),
    // Fresh until the client allows the next request, so focus, reconnect and mount only ask
    // when a request may be sent.
    staleTime: (query) => {
      const wait = client.msUntilNextPoll();
      return wait === Infinity || settled(query.state.data)
        ? Infinity
        : Date.now() - query.state.dataUpdatedAt + wait;
    },
    // Re-armed by React Query after every change of the query. While the query fetches, its
    // end re-arms it; a step the query is not waiting for (one it cancelled) is joined at once.
    refetchInterval: (query) => {
      const wait = client.msUntilNextPoll();
      if (query.state.fetchStatus !== 'idle' || wait === Infinity || settled(query.state.data)) {
        return false;
      }
      return Math.max(1, Math.ceil(wait));
    },
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    refetchOnReconnect: true,
    // Always: the first request left when the client was created, outside React Query; mounting
    // runs the query function once so the query shows what it brought (no request is sent for it).
    refetchOnMount: 'always',
  };
}

/**
 * What each hook observes: the shared options with no timer of their own and no fetch on mount,
 * focus or reconnect (the polling observer does those). A reader still fetches when the query has
 * no data at all, as any observer would, and the query function still sends nothing early.
 * @internal
 */
export function readerQueryOptions(client: AppConfigSessionClient): AppConfigQueryOptions {
  const [, application, environment, profile] = appConfigQueryKey(client.options);
  return {
    ...sharedQueryOptions(client),
    staleTime: Infinity,
    // A new context is a new query: until its first answer, show the last context's value (and
    // re-render only the flags whose value then changes) instead of defaults. Another profile's
    // (or application's, or environment's) configuration is another document: never shown.
    placeholderData: (previous, previousQuery) => {
      const key = previousQuery?.queryKey;
      return key?.[1] === application && key[2] === environment && key[3] === profile
        ? previous
        : undefined;
    },
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    refetchOnMount: false,
    retryOnMount: false,
  };
}
