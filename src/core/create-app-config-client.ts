/**
 * The client for apps without React Query: the session client plus a store that publishes
 * snapshots (`subscribe` + `getSnapshot`) and a scheduler of its own (`startPolling`).
 */
import { readErrorResponse } from './read-error-response.js';
import type { AppConfigError } from './errors.js';
import { createPoller } from './poller.js';
import { createSessionClient } from './create-session-client.js';
import { createStore } from './store.js';
import { defaultTimers } from './effects.js';
import type { AppConfigClient, AppConfigClientOptions, AppConfigSnapshot } from './types.js';

/** Creates a client. Throws `InvalidOptionsError` for a bad option; sends nothing until polled. */
export function createAppConfigClient<T = unknown>(
  options: AppConfigClientOptions<T>,
): AppConfigClient<T> {
  const session = createSessionClient(options, readErrorResponse);
  const store = createStore<AppConfigSnapshot<T>>();
  let disposed = false;
  const publish = (error: AppConfigError | undefined) => {
    if (disposed) return;
    const data = session.getData();
    const configuration = data?.configuration;
    store.set({
      status: configuration !== undefined ? 'ready' : error ? 'error' : 'loading',
      configuration,
      versionLabel: data?.versionLabel,
      contentType: data?.contentType,
      source: data?.source,
      fetchedAt: data?.fetchedAt,
      error,
      stopped: session.stoppedBy() !== undefined,
    });
  };
  publish(undefined);
  const fetchLatest: AppConfigClient<T>['fetchLatest'] = (current) =>
    session.fetchLatest(current).then(
      (data) => {
        publish(undefined);
        return data;
      },
      (error: AppConfigError) => {
        publish(error);
        throw error;
      },
    );
  const client: AppConfigClient<T> = {
    ...session,
    fetchLatest,
    subscribe: (listener) => store.subscribe(listener),
    getSnapshot: () => store.get(),
    poll: () =>
      fetchLatest().then(
        () => store.get(),
        () => store.get(),
      ),
    startPolling: () => poller.start(),
    reset() {
      if (disposed) return;
      session.reset();
      // A refused configuration is still the deployed one: its error stays.
      publish(session.refusal());
      poller.reschedule();
    },
    dispose() {
      if (disposed) return;
      poller.dispose();
      session.dispose();
      disposed = true;
      store.clear();
    },
  };
  const poller = createPoller(client, options.timers ?? defaultTimers);
  return client;
}
