/**
 * One client per query (a profile, in one QueryClient), shared by every provider that reads it,
 * and its one polling observer, alive while a provider is mounted.
 *
 * The client is created during render (the first render needs its persisted or initial data) and
 * registered then, so siblings rendered in the same pass share it; in a browser its first request
 * leaves at that moment, and the query function joins it later. When the last provider lets go,
 * polling stops, but the client stays, with its unspent token and its next allowed poll, until
 * React Query removes its query (`gcTime` after its last observer left, or `removeQueries`): a
 * provider mounted again meanwhile (a route coming back, StrictMode, Fast Refresh) carries on with
 * no new session and no early request. A query removed while providers are mounted (`clear()` on
 * logout, Devtools' "Remove") is rebuilt from the client's latest data: the polling observer and
 * every hook move to the new query, and the session goes on.
 *
 * A provider whose session changes (another endpoint or interval) replaces its client: the query,
 * and what it shows, stay. Another provider of the same query with another session joins the
 * mounted one's client instead (and is warned about in development): two clients writing one
 * query would replace each other on every render, each with a session of its own.
 *
 * On a server nothing is retained, no timer is set, and everything goes with the request's
 * QueryClient.
 */
import type { QueryClient } from '@tanstack/react-query';
import { QueryObserver, hashKey } from './externals.js';
import type { AppConfigSessionClient } from '../core/types.js';
import { appConfigQueryKey } from '../query/app-config-query-key.js';
import { appConfigQueryOptions } from '../query/app-config-query-options.js';
import { warnOnce } from '../core/warn-once.js';
import { serverViews } from './server-view.js';

/** @internal */
export interface ClientEntry {
  readonly client: AppConfigSessionClient;
  /** Names the session (endpoint, interval): a provider with another one needs a new client. */
  readonly session: string;
  /** The provider that created it: only that one replaces it while it is retained. */
  owner?: object;
  /** Polls once the first configuration came, or never stops (`live`). */
  readonly live: boolean;
  refs: number;
  disposed: boolean;
  /** Bumped when the query was rebuilt, so every hook moves to the new one. */
  generation: number;
  stopPolling?: () => void;
  /** Set while the polling observer runs: refetches now (another tab's poll, shared). */
  wake?: () => unknown;
  /** Lets go of an entry never retained (a browser timer from its creation). */
  grace?: ReturnType<typeof setTimeout>;
}

interface Slot {
  entry: ClientEntry | undefined;
  listeners: Set<() => void>;
  unwatch?: () => void;
}

const registries = new WeakMap<QueryClient, Map<string, Slot>>();
const inBrowser = typeof window !== 'undefined';

const hashOf = (client: AppConfigSessionClient) => hashKey(appConfigQueryKey(client.options));

function slotOf(queryClient: QueryClient, hash: string): Slot {
  let registry = registries.get(queryClient);
  if (!registry) registries.set(queryClient, (registry = new Map()));
  let slot = registry.get(hash);
  if (!slot) registry.set(hash, (slot = { entry: undefined, listeners: new Set() }));
  return slot;
}

const gcTimeOf = (queryClient: QueryClient) => {
  const gcTime = queryClient.getDefaultOptions().queries?.gcTime;
  return typeof gcTime === 'number' && Number.isFinite(gcTime) ? gcTime : 5 * 60 * 1000;
};

function notify(slot: Slot) {
  for (const listener of [...slot.listeners]) listener();
}

/**
 * The live entry of a query, created with `create` when there is none or when its session is not
 * `session` and `owner` (the asking provider) may replace it. @internal
 */
export function getOrCreateEntry<Entry extends ClientEntry>(
  queryClient: QueryClient,
  hash: string,
  session: string,
  owner: object,
  create: () => Entry,
): Entry {
  const slot = slotOf(queryClient, hash);
  const current = slot.entry;
  if (current && !current.disposed) {
    // Nobody holds it (a preload's, or an unmounted provider's): the provider asking owns it,
    // so it may take it up and change its session later.
    if (!current.refs) current.owner = owner;
    if (current.session === session) return current as Entry;
    if (current.owner !== owner) {
      if (process.env.NODE_ENV !== 'production') {
        warnOnce(
          `session:${hash}`,
          `Two <AppConfigProvider>s read the query ${hash} with a different endpoint or ` +
            'requiredMinimumPollIntervalInSeconds; both use the session of the one mounted ' +
            'first. Give them the same props (or a different queryClient).',
        );
      }
      return current as Entry;
    }
  }
  const entry = (slot.entry = create());
  entry.owner = owner;
  if (current && !current.refs) dispose(queryClient, current);
  if (inBrowser) {
    // The first request leaves now, not after the first paint; the query function joins it.
    void entry.client.fetchLatest().catch(() => {});
    entry.grace = setTimeout(() => release(queryClient, entry), gcTimeOf(queryClient));
  }
  return entry;
}

/** Called when the query's entry changed or its query was rebuilt. @internal */
export function subscribeEntry(
  queryClient: QueryClient,
  hash: string,
  listener: () => void,
): () => void {
  const slot = slotOf(queryClient, hash);
  slot.listeners.add(listener);
  return () => slot.listeners.delete(listener);
}

/**
 * Keeps an entry alive and polling until the returned function is called. After the last release
 * (and a microtask, for StrictMode's unmount and remount) polling stops and the entry waits for its
 * query's removal. @internal
 */
export function retainEntry(queryClient: QueryClient, entry: ClientEntry): () => void {
  if (entry.disposed) return () => {};
  entry.refs += 1;
  clearTimeout(entry.grace);
  if (entry.refs === 1) startPolling(queryClient, entry);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--entry.refs) return;
    void Promise.resolve().then(() => release(queryClient, entry));
  };
}

function startPolling(queryClient: QueryClient, entry: ClientEntry) {
  if (entry.stopPolling) return;
  const observer = new QueryObserver(
    queryClient,
    appConfigQueryOptions(entry.client, { live: entry.live }),
  );
  // Mounted while the server's prefetched data is still in the query: later boundaries hydrate
  // with it (server-view.ts).
  const held = observer.getCurrentQuery().state.data;
  if (held?.source === 'server') serverViews.set(entry.client, held);
  const unsubscribe = observer.subscribe(() => {});
  const slot = slotOf(queryClient, hashOf(entry.client));
  // A removed query: the polling observer moves to a new one at once (built from the client's
  // latest data), and the hooks follow on the re-render the generation change asks for.
  const unwatch = queryClient.getQueryCache().subscribe((event) => {
    if (event.query !== observer.getCurrentQuery() || slot.entry !== entry) return;
    if (event.type === 'updated' && event.action.type === 'setState') {
      // `resetQueries` puts back the state the query was created with: nothing on a first visit,
      // an older persisted value on a return. The client's latest goes back before any reader
      // renders, so flag-gated subtrees do not unmount and Suspense readers do not suspend.
      const latest = entry.client.getData();
      if (!event.query.state.dataUpdateCount && latest) {
        event.query.setData(latest, { manual: true });
      }
      return;
    }
    if (event.type !== 'removed') return;
    queueMicrotask(() => {
      if (entry.disposed || !entry.stopPolling) return;
      observer.setOptions(observer.options);
      entry.generation += 1;
      notify(slot);
    });
  });
  entry.wake = () => observer.refetch({ cancelRefetch: false });
  entry.stopPolling = () => {
    unwatch();
    unsubscribe();
    entry.stopPolling = entry.wake = undefined;
  };
}

/** Lets go of an entry nobody retains: polling stops, and its query's removal disposes it. */
function release(queryClient: QueryClient, entry: ClientEntry): void {
  if (entry.refs || entry.disposed) return;
  entry.stopPolling?.();
  const hash = hashOf(entry.client);
  const slot = slotOf(queryClient, hash);
  // Replaced by a provider with another session: nothing else will ever use it.
  if (slot.entry !== entry) return dispose(queryClient, entry);
  const cache = queryClient.getQueryCache();
  if (!cache.get(hash)) return dispose(queryClient, entry);
  slot.unwatch?.();
  slot.unwatch = cache.subscribe((event) => {
    if (event.type === 'removed' && event.query.queryHash === hash && !entry.refs) {
      dispose(queryClient, entry);
    }
  });
}

function dispose(queryClient: QueryClient, entry: ClientEntry): void {
  if (entry.disposed) return;
  entry.disposed = true;
  clearTimeout(entry.grace);
  entry.stopPolling?.();
  entry.client.dispose();
  const slot = slotOf(queryClient, hashOf(entry.client));
  if (slot.entry === entry) {
    slot.unwatch?.();
    slot.unwatch = undefined;
    slot.entry = undefined;
    notify(slot);
  }
}
