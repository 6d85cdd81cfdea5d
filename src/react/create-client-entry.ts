/**
 * Builds the client behind `<AppConfigProvider>`. The options object handed to the core stays
 * the entry's own: the provider writes the props that may change between renders into it
 * (`liveOptions`), and the core reads them at the time of use, so new `headers`, `fetch`,
 * `credentials`, `schema` or `persist` props take effect on the next request without a new
 * session.
 */
import { createAppConfigClient } from '../core/create-app-config-client.js';
import { initialData } from '../core/initial-data.js';
import type { AppConfigClientOptions, AppConfigSnapshot } from '../core/types.js';
import type { AppConfigProviderProps } from './app-config-provider-props.js';
import { queryKeyOf } from './app-config-query-options.js';
import type { ClientEntry } from './client-registry.js';
import { defaultStorage } from './default-storage.js';

/** @internal */
export interface ProviderEntry extends ClientEntry {
  /** The options the client reads; `liveOptions` of the latest props (last writer wins). */
  readonly options: AppConfigClientOptions<unknown>;
  /** What the server rendered: the initial configuration, never a persisted one. */
  readonly serverSnapshot: AppConfigSnapshot<unknown>;
}

/** The session a provider names, as a registry key. @internal */
export const sessionKey = (props: AppConfigProviderProps): string =>
  JSON.stringify(queryKeyOf(props));

/** The options a provider's props may change on any render. @internal */
export const liveOptions = ({
  headers,
  fetch,
  credentials,
  schema,
  persist,
}: AppConfigProviderProps): Partial<AppConfigClientOptions<unknown>> => ({
  headers,
  fetch,
  credentials,
  schema,
  storage: persist === false ? undefined : (persist ?? defaultStorage()),
});

/** @internal */
export function createClientEntry(props: AppConfigProviderProps): ProviderEntry {
  // The session, `initialConfiguration`, `requestTimeoutMs`, `backoff`, `timers`, `now` and
  // `random` are read once, here. The provider forwards events itself (`onEvent`). The client
  // outlives this render: it keeps none of its `children` or its `queryClient`.
  const { children: _children, queryClient: _queryClient, onEvent: _onEvent, ...rest } = props;
  const options = { ...rest, ...liveOptions(props) };
  const client = createAppConfigClient(options);
  const first = client.getSnapshot();
  const serverSnapshot =
    first.source === 'persisted'
      ? serverView(initialData({ ...options, storage: undefined }, ''))
      : first;
  return { client, options, serverSnapshot, refs: 0, disposed: false };
}

function serverView(data: ReturnType<typeof initialData>): AppConfigSnapshot<unknown> {
  return {
    status: data ? 'ready' : 'loading',
    configuration: data?.configuration,
    versionLabel: data?.versionLabel,
    contentType: data?.contentType,
    source: data?.source,
    fetchedAt: data?.fetchedAt,
    error: undefined,
    stopped: false,
  };
}
