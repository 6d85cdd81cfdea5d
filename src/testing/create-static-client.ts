/**
 * A client that never talks to a network: its data is whatever the test provider says. It
 * implements the whole client interface, so every hook runs through the same React Query code
 * as in the app: the query function answers with the data (or rejects with the error) it holds.
 */
import type { AppConfigError } from '../core/errors.js';
import type {
  AppConfigSessionClient,
  AppConfigSnapshot,
  ConfigurationData,
} from '../core/types.js';

/** @internal */
export interface StaticClient extends AppConfigSessionClient<unknown> {
  /** The snapshot the test provider set. */
  getSnapshot(): AppConfigSnapshot<unknown>;
  /** Replaces the snapshot; the next query fetch answers with it. */
  setSnapshot(snapshot: AppConfigSnapshot<unknown>): void;
}

const dataOf = (snapshot: AppConfigSnapshot<unknown>): ConfigurationData | undefined =>
  snapshot.configuration === undefined
    ? undefined
    : {
        configuration: snapshot.configuration,
        versionLabel: snapshot.versionLabel,
        contentType: snapshot.contentType,
        source: snapshot.source,
        fetchedAt: snapshot.fetchedAt,
      };

/** `id` keeps each test provider's query apart from every other one. @internal */
export function createStaticClient(snapshot: AppConfigSnapshot<unknown>, id: string): StaticClient {
  let current = snapshot;
  // Each snapshot is fetched once (on mount, or after a change), then nothing is ever due.
  let fetched = false;
  // A fetch while loading waits for the next snapshot, as a real first poll would.
  let waiting: { resolve: () => void } | undefined;
  const answer = async (): Promise<ConfigurationData> => {
    fetched = true;
    // A failure is React Query's error state; a configuration given with it stays the data.
    if (current.error) throw current.error as AppConfigError;
    const data = dataOf(current);
    if (data) return data;
    await new Promise<void>((resolve) => (waiting = { resolve }));
    return answer();
  };
  return {
    options: {
      endpoint: undefined,
      application: 'test',
      environment: 'test',
      profile: `test-${id}`,
      requiredMinimumPollIntervalInSeconds: undefined,
      context: undefined,
    },
    getSnapshot: () => current,
    getData: () => dataOf(current),
    getPollState: () => ({
      nextPollAt: Number.POSITIVE_INFINITY,
      lastResponseAt: undefined,
      intervalSeconds: 0,
      consecutiveFailures: 0,
      inFlight: false,
    }),
    msUntilNextPoll: () => (fetched ? Number.POSITIVE_INFINITY : 0),
    fetchLatest: answer,
    refusal: () => undefined,
    stoppedBy: () => (current.stopped ? current.error : undefined),
    reset: () => {},
    dispose: () => {},
    subscribeEvents: () => () => {},
    setSnapshot(next) {
      if (next === current) return;
      current = next;
      fetched = false;
      waiting?.resolve();
      waiting = undefined;
    },
  };
}
