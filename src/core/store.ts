/**
 * A `subscribe` + `getSnapshot` store. A snapshot keeps its identity until one of its fields
 * really changed, so an empty poll notifies no one.
 */
import { createListeners } from './event-bus.js';

export interface Store<S extends object> {
  get(): S;
  /** Publishes `next` unless every field equals the current snapshot's. */
  set(next: S): void;
  subscribe(listener: () => void): () => void;
  clear(): void;
}

export function createStore<S extends object>(): Store<S> {
  let snapshot: S | undefined;
  const listeners = createListeners<void>();
  return {
    get: () => snapshot!,
    set(next) {
      const current = snapshot;
      if (
        current &&
        (Object.keys(next) as (keyof S)[]).every((k) => Object.is(next[k], current[k]))
      ) {
        return;
      }
      snapshot = next;
      if (current) listeners.notify();
    },
    subscribe: (listener) => listeners.add(listener),
    clear: () => listeners.clear(),
  };
}
