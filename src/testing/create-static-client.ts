/**
 * A client that never talks to a network: its snapshot is whatever the test provider says. It
 * implements the whole client interface, so every hook runs through the same code as in the app.
 */
import type { AppConfigClient, AppConfigSnapshot } from '../core/types.js';

/** @internal */
export interface StaticClient extends AppConfigClient<unknown> {
  /** Replaces the snapshot and notifies subscribers (when it differs). */
  setSnapshot(snapshot: AppConfigSnapshot<unknown>): void;
}

/** `id` keeps each test provider's query apart from every other one. @internal */
export function createStaticClient(snapshot: AppConfigSnapshot<unknown>, id: string): StaticClient {
  let current = snapshot;
  const listeners = new Set<() => void>();
  return {
    options: {
      endpoint: `appconfig-test:${id}`,
      application: 'test',
      environment: 'test',
      profile: 'test',
      requiredMinimumPollIntervalInSeconds: undefined,
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => current,
    getPollState: () => ({
      nextPollAt: Number.POSITIVE_INFINITY,
      lastResponseAt: undefined,
      intervalSeconds: 0,
      consecutiveFailures: 0,
      inFlight: false,
    }),
    // Nothing is ever due, so React Query never asks.
    msUntilNextPoll: () => Number.POSITIVE_INFINITY,
    poll: () => Promise.resolve(current),
    getData: () => current,
    fetchLatest: () => Promise.resolve(current),
    startPolling: () => () => {},
    reset: () => {},
    dispose: () => listeners.clear(),
    subscribeEvents: () => () => {},
    setSnapshot(next) {
      if (next === current) return;
      current = next;
      for (const listener of [...listeners]) listener();
    },
  };
}
