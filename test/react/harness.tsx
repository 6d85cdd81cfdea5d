/**
 * The React side of a test: the real provider and client against the in-process emulator, on
 * virtual time, with every request recorded (test/support/recording-fetch.ts) and a fresh
 * QueryClient per app. Call `vi.useFakeTimers()` first; both sides read `Date.now()`.
 */
import { act, render, type RenderResult } from '@testing-library/react';
import { QueryClient, notifyManager } from '@tanstack/react-query';
import { Component, StrictMode, type ReactNode } from 'react';
import { afterEach, vi } from 'vitest';
import { AppConfigProvider, type AppConfigProviderProps } from '../../src/react/index.js';
import {
  createTestEmulator,
  type TestEmulatorOptions,
  type TestFlags,
} from '../../src/testing/index.js';
import { chainViolations } from '../support/chain-invariants.js';
import { recordingFetch } from '../support/recording-fetch.js';

export const START = Date.parse('2026-01-01T00:00:00Z');

/** Fake timers and clock (Date included), from a fixed start. */
export function useVirtualTime(): void {
  vi.useFakeTimers({ now: START });
}

// React Query batches notifications with a zero-delay timer; fake timers move a zero-delay timer
// set while a timer runs one millisecond later, past the window being advanced. A microtask keeps
// each notification at the instant that caused it.
notifyManager.setScheduler(queueMicrotask);

/** Advances virtual time inside act(), so React sees every update it causes. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

// An unmounted provider's client lives on with its query (React Query's gcTime), and a request it
// had in flight still lands. Clearing each app's QueryClient after the test disposes them, so no
// test reaches into the next one. (Registered here, this runs after the test file's own afterEach.)
const queryClients = new Set<QueryClient>();
afterEach(() => {
  for (const queryClient of queryClients) queryClient.clear();
  queryClients.clear();
});

export interface AppOptions {
  flags?: TestFlags;
  emulator?: TestEmulatorOptions;
  provider?: Partial<AppConfigProviderProps>;
  strict?: boolean;
}

/** An emulator with one flags profile, a recording fetch, and a provider wired to both. */
export function createApp(options: AppOptions = {}) {
  const emulator = createTestEmulator({ flags: options.flags, ...options.emulator });
  const recorder = recordingFetch(emulator.fetch as typeof fetch);
  const queryClient = new QueryClient();
  queryClients.add(queryClient);
  const props = {
    ...emulator.providerProps,
    fetch: recorder.fetch,
    queryClient,
    ...options.provider,
  };
  const wrap = (children: ReactNode) => {
    const tree = <AppConfigProvider {...props}>{children}</AppConfigProvider>;
    return options.strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  const requests = recorder.requests;
  return {
    emulator,
    queryClient,
    requests,
    props,
    /** Polls: GetLatestConfiguration, and session starts that answered with a configuration. */
    gets: () => requests.filter((r) => r.operation === 'GetLatestConfiguration' || r.combined),
    starts: () => requests.filter((r) => r.operation === 'StartConfigurationSession'),
    /** Responses AppConfig would have refused as early: must stay zero. */
    tooEarly: () => requests.filter((r) => r.problem === 'PollIntervalNotSatisfied'),
    violations: () => chainViolations(requests, { minBackoffMs: 500 }),
    render: (children: ReactNode): RenderResult => {
      const result = render(wrap(children));
      const rerender = result.rerender;
      result.rerender = (next) => rerender(wrap(next));
      return result;
    },
  };
}

/** Renders the error a child threw during render (React logs it; tests silence console.error). */
export class Catch extends Component<
  { children?: ReactNode; onReset?: () => void },
  { error: Error | undefined }
> {
  override state = { error: undefined as Error | undefined };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentWillUnmount() {
    // A boundary remounted with a new key lets React Query retry what it threw.
    if (this.state.error) this.props.onReset?.();
  }
  override render() {
    const { error } = this.state;
    return error ? <p role="alert">{`${error.name}: ${error.message}`}</p> : this.props.children;
  }
}
