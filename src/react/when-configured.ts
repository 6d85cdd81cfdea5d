/**
 * What a suspended component waits for: the client has a configuration, has stopped, or reports a
 * configuration it could not decode (or that the provider's schema refused) with none before it,
 * which waiting cannot fix either: the component renders again and throws it. A suspended
 * component never mounted, and its provider may not have either, so nothing else would poll for
 * it: the wait runs the core's own poller (which keeps every rule of the token chain) until it is
 * settled, or until its session is let go (client-registry.ts): React gives no word of a suspended
 * render it threw away, so a wait must not outlive the providers of its session.
 */
import type { QueryClient } from '@tanstack/react-query';
import { ConfigurationDecodeError } from '../core/errors.js';
import type { AppConfigError } from '../core/errors.js';
import type { AppConfigClient } from '../core/types.js';
import { appConfigQueryKey } from './app-config-query-options.js';

/** The pending wait of each client, and what ends it. */
const waits = new WeakMap<AppConfigClient<unknown>, [Promise<void>, () => void]>();

function settled(client: AppConfigClient<unknown>): boolean {
  const { configuration, stopped, error } = client.getSnapshot();
  return configuration !== undefined || stopped || error instanceof ConfigurationDecodeError;
}

/**
 * One promise per client and wait; a later wait (after a reset, say) gets a new one. When it
 * settles, the snapshot is written to the query: a provider that suspended with its children
 * (no boundary in between) never mounted, so nothing else would.
 * @internal
 */
export function whenConfigured(
  client: AppConfigClient<unknown>,
  queryClient: QueryClient,
): Promise<void> {
  const pending = waits.get(client);
  if (pending) return pending[0];
  let resolve!: () => void;
  const wait = new Promise<void>((done) => (resolve = done));
  const stopPolling = client.startPolling();
  const unsubscribe = client.subscribe(() => {
    if (settled(client)) settle();
  });
  function end() {
    unsubscribe();
    stopPolling();
    if (waits.get(client)?.[0] === wait) waits.delete(client);
    resolve();
  }
  function settle() {
    end();
    queryClient.setQueryData(appConfigQueryKey(client), client.getSnapshot());
  }
  waits.set(client, [wait, end]);
  if (settled(client)) settle();
  return wait;
}

/**
 * Ends the client's wait, if any, unsettled: its poller stops, and its promise resolves, so a
 * component still suspended on it renders again (and waits afresh); one that is gone costs
 * nothing. Called when the client's session is let go. @internal
 */
export const endWait = (client: AppConfigClient<unknown>): void => waits.get(client)?.[1]();

/** What a Suspense hook knows about its data. @internal */
export interface SuspenseState {
  ready: boolean;
  stopped: boolean;
  error: AppConfigError | undefined;
}

/**
 * Returns when the data is ready; otherwise throws: the error when waiting cannot help (the client
 * stopped, or the only configuration there is does not decode or validate: `state.error` is a
 * `ConfigurationDecodeError` and nothing is ready), an Error on the server (so React renders the
 * Suspense fallback there and this component in the browser), or the wait.
 * @internal
 */
export function suspendUntilReady(
  hook: string,
  { client, queryClient }: { client: AppConfigClient<unknown>; queryClient: QueryClient },
  state: SuspenseState,
  hydrating: boolean,
): void {
  if (state.ready) return;
  if (state.stopped || state.error instanceof ConfigurationDecodeError) {
    throw (
      state.error ??
      new Error(`${hook}: the AppConfig client stopped before any configuration arrived.`)
    );
  }
  if (hydrating) {
    // The server had no configuration either, and threw the same way; suspending here would
    // only re-read the server's snapshot on every retry.
    throw new Error(
      `${hook} has no configuration to render on the server. Pass initialConfiguration to <AppConfigProvider> ` +
        'to render it there; without it React shows the nearest <Suspense> fallback and renders this component in the browser.',
    );
  }
  throw whenConfigured(client, queryClient);
}
