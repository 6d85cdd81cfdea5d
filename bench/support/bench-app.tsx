/**
 * One app under measurement: the real `<AppConfigProvider>` and client against the in-process
 * emulator (`createTestEmulator`, which refuses an early poll as AppConfig does), every request
 * recorded, and the React Query fetches and client events counted.
 */
import { render, type RenderResult } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import {
  AppConfigProvider,
  type AppConfigEvent,
  type AppConfigProviderProps,
} from '../../src/react/index.js';
import { createTestEmulator, type TestFlags } from '../../src/testing/index.js';
import { chainViolations } from '../../test/support/chain-invariants.js';
import { recordingFetch, type RecordedRequest } from '../../test/support/recording-fetch.js';
import { ignoreIncludeFetch } from './ignore-include.js';

export interface BenchAppOptions {
  flags: TestFlags;
  strict?: boolean;
  provider?: Partial<AppConfigProviderProps>;
  /**
   * Serve the two-call flow: the emulator behind a wrapper that drops `?include`, as any
   * AppConfig Data endpoint other than ours answers. Default: the combined first call.
   */
  twoCall?: boolean;
}

/** Requests of a window of virtual time, as the emulator answered them. */
export interface RequestCounts {
  gets: number;
  starts: number;
  /** Session starts answered with the first configuration (the combined first call): polls too. */
  combined: number;
  /** Answered "Request too early" (`PollIntervalNotSatisfied`): must stay 0. */
  early: number;
  /** Answered 429 by an injected throttle fault. */
  throttled: number;
  /** Token-chain rules broken (test/support/chain-invariants.ts): must stay empty. */
  violations: string[];
}

export function createBenchApp(options: BenchAppOptions) {
  const emulator = createTestEmulator({ flags: options.flags });
  const served = emulator.fetch as typeof fetch;
  const recorder = recordingFetch(options.twoCall ? ignoreIncludeFetch(served) : served);
  const queryClient = new QueryClient();
  const events: AppConfigEvent[] = [];
  // Every fetch React Query starts calls the query function, i.e. asks the core to poll; the
  // core sends a request only when AppConfig allows one.
  let queryFetches = 0;
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'fetch') queryFetches += 1;
  });
  const props: AppConfigProviderProps = {
    ...emulator.providerProps,
    fetch: recorder.fetch,
    queryClient,
    onEvent: (event) => events.push(event),
    ...options.provider,
  };
  const wrap = (children: ReactNode) => {
    const tree = <AppConfigProvider {...props}>{children}</AppConfigProvider>;
    return options.strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  let view: RenderResult | undefined;
  return {
    emulator,
    queryClient,
    events,
    requests: recorder.requests,
    queryFetches: () => queryFetches,
    /** Mounts (or re-renders) the provider with `children`. */
    render(children: ReactNode): void {
      if (view) view.rerender(wrap(children));
      else view = render(wrap(children));
    },
    /** Unmounts the provider and everything below it. */
    unmount(): void {
      view?.unmount();
      view = undefined;
    },
    /** Requests sent in `[from, to)` (absolute virtual times). */
    counts(from: number, to: number): RequestCounts {
      const inWindow = recorder.requests.filter((r) => r.sentAt >= from && r.sentAt < to);
      return countRequests(inWindow);
    },
  };
}

export type BenchApp = ReturnType<typeof createBenchApp>;

export function countRequests(requests: readonly RecordedRequest[]): RequestCounts {
  const of = (operation: RecordedRequest['operation']) =>
    requests.filter((r) => r.operation === operation).length;
  return {
    gets: of('GetLatestConfiguration'),
    starts: of('StartConfigurationSession'),
    combined: requests.filter((r) => r.combined).length,
    early: requests.filter((r) => r.problem === 'PollIntervalNotSatisfied').length,
    throttled: requests.filter((r) => r.status === 429).length,
    violations: chainViolations(requests, { minBackoffMs: 500 }),
  };
}
