/**
 * Builds the client behind `<AppConfigProvider>`. The options object handed to the core stays
 * the entry's own: the provider writes the props that may change between renders into it
 * (`liveOptions`), and the core reads them at the time of use, so new `headers`, `fetch`,
 * `credentials`, `schema` or `persist` props take effect on the next request without a new
 * session.
 */
import { readErrorLater } from '../core/read-error-later.js';
import { createSessionClient } from '../core/create-session-client.js';
import { shareTabsLater } from '../core/cross-tab/share-tabs-later.js';
import { initialData } from '../core/initial-data.js';
import type { AppConfigClientOptions, ConfigurationData } from '../core/types.js';
import type { AppConfigProviderProps } from './app-config-provider-props.js';
import type { ClientEntry } from './client-registry.js';
import { defaultStorage } from './default-storage.js';

/** @internal */
export interface ProviderEntry extends ClientEntry {
  /** The options the client reads; `liveOptions` of the latest props (last writer wins). */
  readonly options: AppConfigClientOptions;
  /**
   * What a server rendering this provider had without prefetched data: the initial
   * configuration, never a persisted one (a server cannot see the browser's storage).
   */
  readonly serverData: ConfigurationData | undefined;
}

/** What names a provider's session beyond its query: a change of one is a new client. @internal */
export const sessionOf = ({
  endpoint,
  requiredMinimumPollIntervalInSeconds,
}: AppConfigProviderProps): string =>
  JSON.stringify([endpoint, requiredMinimumPollIntervalInSeconds ?? null]);

/** The options a provider's props may change on any render. @internal */
export const liveOptions = ({
  headers,
  fetch,
  credentials,
  schema,
  persist,
}: AppConfigProviderProps): Partial<AppConfigClientOptions> => ({
  headers,
  fetch,
  credentials,
  schema,
  storage: persist === false ? undefined : (persist ?? defaultStorage()),
});

/** @internal */
export function createClientEntry(props: AppConfigProviderProps): ProviderEntry {
  // The session, `initialConfiguration`, `requestTimeoutMs`, `backoff`, `timers`, `now`,
  // `random` and `live` are read once, here. The provider forwards events itself (`onEvent`).
  // The client outlives this render: it keeps none of `children` or `queryClient`.
  const {
    children: _children,
    queryClient: _queryClient,
    onEvent: _onEvent,
    name: _name,
    live,
    crossTab,
    ...rest
  } = props;
  const options = { ...rest, ...liveOptions(props) };
  const entry: ProviderEntry = {
    client: createSessionClient(options, readErrorLater),
    session: sessionOf(props),
    live: live ?? true,
    options,
    serverData: initialData({ ...options, storage: undefined }, ''),
    refs: 0,
    disposed: false,
    generation: 0,
  };
  // Once its first request (the registry's, shared) is answered, the tab joins the other tabs of
  // its session, in a chunk of its own. A provider that stops after one configuration never does.
  if (crossTab !== false && live !== false) shareTabsLater(entry);
  return entry;
}
