/**
 * One client per session and QueryClient, shared by every provider that names the same session,
 * and kept while one of them is mounted, then for as long as React Query keeps its query.
 *
 * The client is created during render (the first render needs its persisted or initial snapshot)
 * and registered then, so siblings rendered in the same pass share it. Creating one sends
 * nothing: a client only talks to the network when polled, and polling starts with the
 * provider's effects. When the last provider lets go, nothing polls any more (its observer is
 * gone, and the client holds no timer of its own) but the client stays, with its unspent token
 * and its next allowed poll, until React Query removes its query: `gcTime` (5 minutes) after its
 * last observer left, or at once on `queryClient.clear()` or `removeQueries`. A provider mounted
 * again meanwhile (a route coming back, StrictMode, Fast Refresh) reuses it: no new session, no
 * early request. The removal disposes it; a provider after that starts a new session.
 *
 * Letting go also ends the session's Suspense wait (when-configured.ts), the one poller no
 * provider owns. A render React throws away never mounts, so never retains its entry: in a
 * browser an entry nobody retained within `gcTime` of its creation is let go the same way.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { AppConfigClient } from '../core/types.js';
import { GC_TIME_MS, appConfigQueryKey } from './app-config-query-options.js';
import { endWait } from './when-configured.js';

/** @internal */
export interface ClientEntry {
  readonly client: AppConfigClient<unknown>;
  refs: number;
  disposed: boolean;
  /** Stops waiting for the query's removal, while released. */
  unwatch?: () => void;
  /** Lets go of an entry never retained (a browser timer from its creation). */
  grace?: ReturnType<typeof setTimeout>;
}

interface Slot {
  entry: ClientEntry | undefined;
  listeners: Set<() => void>;
}

const registries = new WeakMap<QueryClient, Map<string, Slot>>();

function slotOf(queryClient: QueryClient, key: string): Slot {
  let registry = registries.get(queryClient);
  if (!registry) registries.set(queryClient, (registry = new Map()));
  let slot = registry.get(key);
  if (!slot) registry.set(key, (slot = { entry: undefined, listeners: new Set() }));
  return slot;
}

/** The live entry of a session, created with `create` when there is none. @internal */
export function getOrCreateEntry<Entry extends ClientEntry>(
  queryClient: QueryClient,
  key: string,
  create: () => Entry,
): Entry {
  const slot = slotOf(queryClient, key);
  if (!slot.entry || slot.entry.disposed) {
    const entry = (slot.entry = create());
    // No timer on a server: nothing there retains or polls, and the entry goes with its request.
    if (typeof window !== 'undefined') {
      entry.grace = setTimeout(() => release(queryClient, key, entry), GC_TIME_MS);
    }
  }
  return slot.entry as Entry;
}

/** Called when the session's entry was disposed, so a provider coming back gets a new one. @internal */
export function subscribeEntry(
  queryClient: QueryClient,
  key: string,
  listener: () => void,
): () => void {
  const slot = slotOf(queryClient, key);
  slot.listeners.add(listener);
  return () => slot.listeners.delete(listener);
}

/**
 * Keeps an entry alive until the returned function is called. After the last release (and a
 * microtask, for StrictMode's unmount and remount) the entry waits for its query's removal, and
 * is disposed then, unless retained again first; with no query left, it is disposed at once.
 * @internal
 */
export function retainEntry(queryClient: QueryClient, key: string, entry: ClientEntry): () => void {
  if (entry.disposed) return () => {};
  entry.refs += 1;
  clearTimeout(entry.grace);
  entry.unwatch?.();
  entry.unwatch = undefined;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--entry.refs) return;
    void Promise.resolve().then(() => release(queryClient, key, entry));
  };
}

/** Lets go of an entry nobody retains: its wait ends, and its query's removal disposes it. */
function release(queryClient: QueryClient, key: string, entry: ClientEntry): void {
  // Retained again, or already waiting (a disposed entry is waiting too: `unwatch` stays).
  if (entry.refs || entry.unwatch) return;
  endWait(entry.client);
  const cache = queryClient.getQueryCache();
  const query = cache.find({ queryKey: appConfigQueryKey(entry.client), exact: true });
  const dispose = () => {
    entry.unwatch!();
    entry.disposed = true;
    endWait(entry.client); // one begun since the release: whoever is still suspended starts anew
    entry.client.dispose();
    const slot = slotOf(queryClient, key);
    if (slot.entry === entry) slot.entry = undefined;
    for (const listener of [...slot.listeners]) listener();
  };
  entry.unwatch = cache.subscribe((event) => {
    if (event.type === 'removed' && event.query === query) dispose();
  });
  if (!query) dispose();
}
