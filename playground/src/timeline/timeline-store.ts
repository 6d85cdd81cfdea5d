/**
 * What happened, newest last, as a tiny external store for React: every provider's client events
 * and every deployment (from the editor or a saved file).
 */
import type { AppConfigEvent } from '../../../src/react/index.js';
import type { ProviderName } from '../profiles.js';

/** A client event of one provider. */
export interface ClientEntry {
  id: number;
  kind: 'client';
  provider: ProviderName;
  event: AppConfigEvent;
}

/** A new version deployed to the emulator. */
export interface DeployEntry {
  id: number;
  kind: 'deploy';
  at: number;
  profile: string;
  versionNumber: number;
  versionLabel: string | undefined;
  /** When the demo's client of that profile polls next, in ms from `at` (undefined: stopped). */
  nextPollInMs: number | undefined;
}

export type TimelineEntry = ClientEntry | DeployEntry;

export interface TimelineStore {
  push(provider: ProviderName, event: AppConfigEvent): void;
  pushDeploy(deploy: Omit<DeployEntry, 'id' | 'kind'>): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly TimelineEntry[];
}

type Draft = Omit<ClientEntry, 'id'> | Omit<DeployEntry, 'id'>;

/** Keeps the last `limit` entries; the snapshot is a new array only when something was added. */
export function createTimelineStore(limit = 300): TimelineStore {
  let entries: readonly TimelineEntry[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const add = (entry: Draft) => {
    entries = [...entries.slice(-(limit - 1)), { ...entry, id: nextId++ } as TimelineEntry];
    notify();
  };
  return {
    push: (provider, event) => add({ kind: 'client', provider, event }),
    pushDeploy: (deploy) => add({ kind: 'deploy', ...deploy }),
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
