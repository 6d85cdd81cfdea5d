// @vitest-environment happy-dom
/**
 * React Query's state is AppConfig's (issue 10, defects 2–6): what the query says, who writes it,
 * and what cache operations do to the readers and to the token chain.
 */
import { cleanup, screen } from '@testing-library/react';
import {
  QueryCache,
  QueryClient,
  focusManager,
  onlineManager,
  useIsFetching,
} from '@tanstack/react-query';
import { Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APPCONFIG_QUERY_META,
  appConfigQueryKey,
  useAppConfigStatus,
  useFlag,
  useSuspenseFlag,
} from '../../src/react/index.js';
import { advance, Catch, createApp, useVirtualTime } from './harness.js';

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  focusManager.setFocused(undefined);
  onlineManager.setOnline(true);
  vi.useRealTimers();
});

function Flag({ name = 'dark' }: { name?: string }) {
  return <p>{`${name} ${useFlag(name) ? 'on' : 'off'}`}</p>;
}

const KEY = appConfigQueryKey({ application: 'app', environment: 'test', profile: 'flags' });

describe('readers follow every cache operation, and the chain keeps its rules', () => {
  const operations: [string, (queryClient: QueryClient) => unknown][] = [
    ['clear()', (qc) => qc.clear()],
    ['removeQueries()', (qc) => qc.removeQueries({ queryKey: KEY })],
    [
      "Devtools' Remove",
      (qc) => qc.getQueryCache().remove(qc.getQueryCache().find({ queryKey: KEY })!),
    ],
    ['resetQueries()', (qc) => qc.resetQueries({ queryKey: KEY })],
    ['invalidateQueries()', (qc) => qc.invalidateQueries({ queryKey: KEY })],
    ['refetchQueries()', (qc) => qc.refetchQueries({ queryKey: KEY })],
    ['cancelQueries()', (qc) => qc.cancelQueries({ queryKey: KEY })],
  ];

  it.each(operations)('%s on a mounted provider', async (_name, operate) => {
    const app = createApp({ flags: { dark: true } });
    const shown: string[] = [];
    function Logged() {
      const text = `dark ${useFlag('dark') ? 'on' : 'off'}`;
      shown.push(text);
      return <p>{text}</p>;
    }
    function SuspenseLogged() {
      const text = `dark ${useSuspenseFlag('dark') ? 'on' : 'off'}`;
      shown.push(text);
      return <p>{text}</p>;
    }
    function Fallback() {
      shown.push('fallback');
      return <p>fallback</p>;
    }
    app.render(
      <>
        <Logged />
        <Logged />
        <Suspense fallback={<Fallback />}>
          <SuspenseLogged />
        </Suspense>
      </>,
    );
    await advance(0);
    expect(screen.getAllByText('dark on')).toHaveLength(3);
    await advance(30_000);
    shown.length = 0;
    await operate(app.queryClient);
    await advance(0);
    // Nothing lost, nothing flashed: no default value and no Suspense fallback for a render.
    // (resetQueries() showed the defaults and the fallback until its refetch came back.)
    expect(shown.filter((text) => text !== 'dark on')).toEqual([]);
    expect(screen.getAllByText('dark on')).toHaveLength(3);
    app.emulator.deployFlags({ dark: false });
    await advance(30_000); // the next poll is due one interval after the first
    expect(screen.getAllByText('dark off')).toHaveLength(3);
    await advance(60_000);
    expect(app.gets()).toHaveLength(3);
    expect(app.starts()).toHaveLength(1);
    expect(app.tooEarly()).toEqual([]);
    expect(app.violations()).toEqual([]);
  });

  it('cancelQueries() during a request: the answer still reaches the readers', async () => {
    const app = createApp({ flags: { dark: false } });
    app.render(<Flag />);
    await advance(0);
    app.emulator.deployFlags({ dark: true });
    app.emulator.faults.inject({ kind: 'delay', delayMs: 2_000 });
    await advance(60_000); // the poll is on its way
    await app.queryClient.cancelQueries({ queryKey: KEY });
    await advance(2_000);
    expect(screen.getByText('dark on')).toBeTruthy();
    expect(app.gets()).toHaveLength(2);
    expect(app.violations()).toEqual([]);
  });
});

describe("the query's state is AppConfig's", () => {
  it('a 404 is an error state that QueryCache.onError sees, with no retry and no poll after', async () => {
    const onError = vi.fn();
    const app = createApp({
      flags: { dark: true },
      provider: {
        profile: 'missing',
        queryClient: new QueryClient({ queryCache: new QueryCache({ onError }) }),
      },
    });
    app.render(<Flag />);
    await advance(0);
    const query = app.props.queryClient.getQueryCache().find({
      queryKey: appConfigQueryKey({ application: 'app', environment: 'test', profile: 'missing' }),
    })!;
    expect(query.state.status).toBe('error');
    expect(query.state.error?.name).toBe('ResourceNotFoundException');
    expect(query.state.fetchStatus).toBe('idle');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0].name).toBe('ResourceNotFoundException');
    await advance(60 * 60_000);
    expect(app.requests).toHaveLength(1);
  });

  it('throttling shows as retries: fetching, with failureCount and failureReason', async () => {
    const app = createApp({ flags: { dark: true }, provider: { random: () => 0 } });
    function Status() {
      const { fetchStatus, failureCount, error, status } = useAppConfigStatus();
      return <p>{`${status} ${fetchStatus} ${failureCount} ${error?.name}`}</p>;
    }
    app.render(<Status />);
    await advance(0);
    expect(screen.getByText('ready idle 0 undefined')).toBeTruthy();
    app.emulator.faults.inject({ kind: 'throttle', count: 2 });
    await advance(60_000);
    expect(screen.getByText('ready fetching 1 ThrottlingException')).toBeTruthy();
    await advance(500);
    expect(screen.getByText('ready fetching 2 ThrottlingException')).toBeTruthy();
    await advance(1_000);
    expect(screen.getByText('ready idle 0 undefined')).toBeTruthy();
    expect(app.violations()).toEqual([]);
  });

  it('marks its polls so app-wide loading indicators can leave them out', async () => {
    const app = createApp({ flags: { dark: true } });
    const seen: number[] = [];
    const all: number[] = [];
    function LoadingBar() {
      all.push(useIsFetching({}, app.queryClient));
      seen.push(
        useIsFetching({ predicate: (query) => query.meta?.appconfig !== true }, app.queryClient),
      );
      return null;
    }
    app.render(
      <>
        <LoadingBar />
        <Flag />
      </>,
    );
    for (let poll = 0; poll < 3; poll += 1) await advance(60_000);
    expect(app.gets()).toHaveLength(4);
    expect(all).toContain(1); // polls are real React Query fetches…
    expect(new Set(seen)).toEqual(new Set([0])); // …that the predicate leaves out
    expect(app.queryClient.getQueryCache().find({ queryKey: KEY })!.meta).toEqual(
      APPCONFIG_QUERY_META,
    );
  });

  it('writes each change to the cache once', async () => {
    const app = createApp({ flags: { dark: false } });
    app.render(<Flag />);
    await advance(0);
    const writes: string[] = [];
    app.queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'success') {
        writes.push(event.action.manual ? 'setQueryData' : 'queryFn');
      }
    });
    app.emulator.deployFlags({ dark: true });
    await advance(60_000);
    expect(screen.getByText('dark on')).toBeTruthy();
    expect(writes).toEqual(['queryFn']);
  });

  it('waits the backoff it documents, however short', async () => {
    const app = createApp({
      flags: { dark: true },
      provider: { random: () => 0.1, backoff: { initialDelayMs: 100 } },
    });
    app.render(<Flag />);
    await advance(0);
    app.emulator.faults.inject({ kind: 'internal', count: 3, operation: 'GetLatestConfiguration' });
    await advance(60_000);
    await advance(2_000);
    const gets = app.gets().slice(1);
    const waits = gets.slice(1).map((r, i) => r.sentAt - gets[i]!.answeredAt!);
    // Equal jitter with random() = 0.1: 55 % of 100, 200 and 400 ms.
    expect(waits).toEqual([55, 110, 220]);
    expect(gets.at(-1)!.status).toBe(200);
  });
});

describe('Suspense waits are React Query fetches', () => {
  it('sends nothing while the tab is hidden or offline during an outage', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = createApp({ flags: { dark: true }, provider: { random: () => 0 } });
    app.emulator.faults.inject({ kind: 'internal', count: Infinity });
    function Suspended() {
      return <p>{useSuspenseFlag('dark') ? 'dark on' : 'dark off'}</p>;
    }
    app.render(
      <Catch>
        <Suspense fallback={<p>waiting</p>}>
          <Suspended />
        </Suspense>
      </Catch>,
    );
    await advance(0);
    expect(app.requests).toHaveLength(1);
    focusManager.setFocused(false);
    await advance(10 * 60_000);
    onlineManager.setOnline(false);
    focusManager.setFocused(true);
    await advance(10 * 60_000);
    // The attempt in flight when the tab was hidden may finish; nothing more goes out.
    expect(app.requests.length).toBeLessThanOrEqual(2);
  });
});
