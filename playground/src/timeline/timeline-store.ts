/** The events of every provider's client, newest last, as a tiny external store for React. */
import type { AppConfigEvent } from '../../../src/react/index.js';
import type { ProviderName } from '../profiles.js';

export interface TimelineEntry {
  id: number;
  provider: ProviderName;
  event: AppConfigEvent;
}

export interface TimelineStore {
  push(provider: ProviderName, event: AppConfigEvent): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly TimelineEntry[];
}

/** Keeps the last `limit` entries; the snapshot is a new array only when something was added. */
export function createTimelineStore(limit = 300): TimelineStore {
  let entries: readonly TimelineEntry[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  return {
    push(provider, event) {
      entries = [...entries.slice(-(limit - 1)), { id: nextId++, provider, event }];
      notify();
    },
    clear() {
      entries = [];
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => entries,
  };
}
