/**
 * Several "tabs" of one origin on virtual time, each with what a page has under React: a shared
 * session client (createSharedSessionClient) scheduled by its own QueryClient and one polling
 * QueryObserver with the provider's options (`appConfigQueryOptions`), woken the way the React
 * registry wakes it. The tabs share one in-process emulator; each has its own recording fetch, so
 * every request is attributed to the tab that sent it. Only the browser APIs are fakes
 * (fake-tabs.ts). Call `vi.useFakeTimers()` first.
 */
import {
  QueryClient,
  QueryObserver,
  notifyManager,
  type QueryObserverResult,
} from '@tanstack/react-query';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { createSharedSessionClient } from '../../src/core/cross-tab/create-shared-session-client.js';
import type { AppConfigError } from '../../src/core/errors.js';
import type { AppConfigSessionClient, ConfigurationData } from '../../src/core/types.js';
import type { AppConfigQueryKey } from '../../src/query/app-config-query-key.js';
import { appConfigQueryOptions } from '../../src/query/app-config-query-options.js';
import { createTestEmulator, type TestFlags } from '../../src/testing/index.js';
import { chainViolations } from './chain-invariants.js';
import { createFakeOrigin, type FakeTab } from './fake-tabs.js';
import { recordingFetch, type RecordedRequest } from './recording-fetch.js';

// As in test/react/harness.tsx: notifications at the instant that caused them.
notifyManager.setScheduler(queueMicrotask);

export const INTERVAL_S = 15;
export const INTERVAL_MS = INTERVAL_S * 1000;

export interface Snapshot {
  at: number;
  status: QueryObserverResult['status'];
  fetchStatus: QueryObserverResult['fetchStatus'];
  data: ConfigurationData | undefined;
  error: AppConfigError | null;
}

export interface HarnessTab {
  readonly label: string;
  readonly fake: FakeTab;
  readonly client: AppConfigSessionClient;
  readonly queryClient: QueryClient;
  readonly requests: (RecordedRequest & { tab: string })[];
  /** Every result the polling observer published. */
  readonly results: Snapshot[];
  /** Cache writes that changed the query's data (React Query `success` with new data). */
  writes(): number;
  current(): Snapshot;
  /** The app lets go: the observer stops and the client is disposed (its code runs). */
  dispose(): void;
  /** The tab closes or its renderer dies: no code of it runs any more; the browser frees its lock. */
  crash(): void;
  /** The tab goes to the background or comes back: its polling observer stops or resumes. */
  setVisible(visible: boolean): void;
}

export interface TabsOptions {
  flags?: TestFlags;
  schema?: StandardSchemaV1;
  /** `createSharedSessionClient`'s `requestTimeoutMs`. */
  requestTimeoutMs?: number;
  /** Read another profile than the one deployed (a 404). */
  profile?: string;
}

export function createTabs(options: TabsOptions = {}) {
  const emulator = createTestEmulator({ flags: options.flags ?? { banner: { enabled: false } } });
  const origin = createFakeOrigin();
  const tabs: HarnessTab[] = [];

  /** `schema`: this tab's own (a tab of another app version), instead of the harness's. */
  function open(
    label: string,
    {
      visible = true,
      schema = options.schema,
    }: { visible?: boolean; schema?: StandardSchemaV1 } = {},
  ): HarnessTab {
    const fake = origin.tab(label, { visible });
    const recorder = recordingFetch(emulator.fetch as typeof fetch);
    // A dead tab's requests never come back (a real one's are cut with the renderer).
    const fetchOfTab: typeof fetch = async (input, init) => {
      if (fake.crashed) return new Promise<never>(() => {});
      const answer = await recorder.fetch(input, init);
      return fake.crashed ? new Promise<never>(() => {}) : answer;
    };
    let observer:
      | QueryObserver<
          ConfigurationData,
          AppConfigError,
          ConfigurationData,
          ConfigurationData,
          AppConfigQueryKey
        >
      | undefined;
    const client = createSharedSessionClient({
      ...emulator.providerProps,
      ...(options.profile ? { profile: options.profile } : {}),
      fetch: fetchOfTab,
      requiredMinimumPollIntervalInSeconds: INTERVAL_S,
      schema,
      requestTimeoutMs: options.requestTimeoutMs,
      crossTab: fake.environment,
      // What the React registry does: the polling observer refetches, joining a fetch under way.
      wake: () => observer?.refetch({ cancelRefetch: false }),
    });
    const queryClient = new QueryClient();
    const queryOptions = appConfigQueryOptions(client);
    const refetchInterval = queryOptions.refetchInterval as Exclude<
      typeof queryOptions.refetchInterval,
      number | false | undefined
    >;
    observer = new QueryObserver(queryClient, {
      ...queryOptions,
      // React Query's focus manager is one per page, so it cannot hide one fake tab: its rule
      // (no interval in a hidden tab, `refetchIntervalInBackground: false`) is applied here.
      refetchInterval: (query) =>
        fake.environment.document.visibilityState === 'visible' && refetchInterval(query),
    });
    const results: Snapshot[] = [];
    const snapshot = (result: QueryObserverResult<ConfigurationData, AppConfigError>) => ({
      at: Date.now(),
      status: result.status,
      fetchStatus: result.fetchStatus,
      data: result.data,
      error: result.error,
    });
    const unsubscribe = observer!.subscribe((result) => results.push(snapshot(result)));
    let writes = 0;
    let last: unknown;
    queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      if (event.query.state.data !== last) writes += 1;
      last = event.query.state.data;
    });
    const stop = () => {
      unsubscribe();
      observer = undefined;
    };
    const tab: HarnessTab = {
      label,
      fake,
      client,
      queryClient,
      get requests() {
        return recorder.requests.map((request) => ({ ...request, tab: label }));
      },
      results,
      writes: () => writes,
      current: () => {
        const query = queryClient.getQueryCache().getAll()[0]!;
        return {
          at: Date.now(),
          status: query.state.status,
          fetchStatus: query.state.fetchStatus,
          data: query.state.data as ConfigurationData | undefined,
          error: query.state.error as AppConfigError | null,
        };
      },
      dispose() {
        stop();
        client.dispose();
        queryClient.clear();
      },
      crash() {
        stop();
        fake.crash();
      },
      setVisible(visible) {
        fake.setVisible(visible);
        // Re-arms the interval, as React Query's focus event would.
        if (observer) observer.setOptions(observer.options);
      },
    };
    tabs.push(tab);
    return tab;
  }

  const requests = () => tabs.flatMap((tab) => tab.requests).sort((a, b) => a.sentAt - b.sentAt);
  // Polls: GetLatestConfiguration, and session starts answered with the first configuration.
  const gets = () =>
    requests().filter((r) => r.operation === 'GetLatestConfiguration' || r.combined);
  const starts = () => requests().filter((r) => r.operation === 'StartConfigurationSession');

  return {
    emulator,
    origin,
    tabs,
    open,
    requests,
    gets,
    starts,
    /** Responses AppConfig would have refused as early (the emulator enforces the interval). */
    tooEarly: () => requests().filter((r) => r.problem === 'PollIntervalNotSatisfied'),
    /** Token-chain rules broken within any tab's own chain. */
    violations: () =>
      tabs.flatMap((tab) =>
        chainViolations(tab.requests, { minBackoffMs: 500 }).map((v) => `${tab.label}: ${v}`),
      ),
    /**
     * Tokens sent again after they got an answer (a token that got none, after a network
     * failure, may be sent again), or sent by two tabs (a token never leaves its tab).
     */
    tokensSentTwice: () => {
      const answered = new Set<string>();
      const tabOf = new Map<string, string>();
      const twice: string[] = [];
      for (const r of gets()) {
        if (!r.token) continue;
        if (answered.has(r.token) || (tabOf.get(r.token) ?? r.tab) !== r.tab) twice.push(r.token);
        tabOf.set(r.token, r.tab);
        if (r.status === 200) answered.add(r.token);
      }
      return twice;
    },
    /** Labels of the tabs whose GetLatestConfiguration requests were sent in [from, to). */
    pollersBetween: (from: number, to: number) => [
      ...new Set(
        gets()
          .filter((r) => r.sentAt >= from && r.sentAt < to)
          .map((r) => r.tab),
      ),
    ],
    dispose() {
      for (const tab of tabs) if (!tab.fake.crashed) tab.dispose();
      emulator.close();
    },
  };
}
