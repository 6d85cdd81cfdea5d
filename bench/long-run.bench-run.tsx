// @vitest-environment happy-dom
/**
 * A simulated week of polling (`npm run bench:long-run`): heap, timers and requests each virtual
 * day, for the core client polling on its own schedule and for the React provider with 10
 * readers, next to a control (the emulator polled by a bare loop). Runs under `--expose-gc`
 * (vitest.bench.config.ts); each heap sample follows a full `gc()`. Heap snapshots on day 2 and
 * day 7 split the growth between the program's objects and V8's compiled code.
 */
import { cleanup, render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { afterAll, afterEach, beforeEach, describe, it, vi } from 'vitest';
import { createAppConfigClient } from '../src/core/index.js';
import { AppConfigProvider, useFlag } from '../src/react/index.js';
import { createTestEmulator, type TestEmulator } from '../src/testing/index.js';
import { startBarePoller } from './support/bare-poller.js';
import { heapBreakdown, type HeapBreakdown } from './support/heap-breakdown.js';
import {
  DAYS,
  SETTLED_DAY,
  longRunReport,
  type RunResult,
  type Sample,
} from './support/long-run-report.js';
import { requestCounter, type RequestTally } from './support/request-counter.js';
import { DAY, HOUR, START, advance, useVirtualTime } from './support/virtual-time.js';
import { writeResults } from './support/write-results.js';

const STARTED = new Date().toISOString(); // wall clock, read before the fake timers
const INTERVAL = 60_000;
const runs: RunResult[] = [];

function heapUsed(): number {
  if (!globalThis.gc) throw new Error('Run with node --expose-gc (see vitest.bench.config.ts).');
  // Twice: the first pass can leave objects with finalizers for the second.
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

function Reader({ flag }: { flag: string }) {
  return <li>{useFlag(flag) ? 'on' : 'off'}</li>;
}

/** Drives a week, deploying a change every day at noon, and samples at the start and each day. */
async function week(
  run: string,
  short: string,
  emulator: TestEmulator,
  tally: RequestTally,
  step: (ms: number) => Promise<void>,
  stop: () => Promise<void>,
) {
  const samples: Sample[] = [];
  const sample = (label: string, day: number) =>
    samples.push({
      label,
      day,
      heapUsed: heapUsed(),
      timers: vi.getTimerCount(),
      gets: tally.gets,
      starts: tally.starts,
    });
  const breakdowns: HeapBreakdown[] = [];
  await step(0);
  sample('start (first poll answered)', 0);
  for (let day = 1; day <= DAYS; day += 1) {
    for (let hour = 0; hour < 24; hour += 1) {
      if (hour === 12) emulator.deployFlags({ a: day % 2 === 0, b: true });
      await step(HOUR);
    }
    sample(`day ${day}`, day);
    if (day === SETTLED_DAY || day === DAYS) breakdowns.push(heapBreakdown());
  }
  await stop();
  sample('end (stopped)', DAYS);
  // Requests of the half-open week [0, 7 days): the poll due at exactly 7 days is not counted.
  const inWeek = tally.byDay.slice(0, DAYS);
  runs.push({
    run,
    short,
    samples,
    settled: breakdowns[0]!,
    last: breakdowns[1]!,
    tally: {
      ...tally,
      gets: inWeek.reduce((sum, d) => sum + (d?.gets ?? 0), 0),
      starts: inWeek.reduce((sum, d) => sum + (d?.starts ?? 0), 0),
      combined: inWeek.reduce((sum, d) => sum + (d?.combined ?? 0), 0),
      byDay: inWeek,
    },
    idealPolls: (DAYS * DAY) / INTERVAL,
  });
}

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('a simulated week of polling', () => {
  it('control: the emulator polled by a bare loop', async () => {
    const emulator = createTestEmulator({ flags: { a: false, b: true } });
    const counter = requestCounter(emulator.fetch as typeof fetch, START, DAY);
    const stop = startBarePoller(counter.fetch, emulator.providerProps.endpoint, emulator.ids);
    await week(
      'control: emulator + bare polling loop',
      'control',
      emulator,
      counter.tally,
      (ms) => vi.advanceTimersByTimeAsync(ms).then(() => undefined),
      async () => {
        stop();
        emulator.close();
      },
    );
  });

  it('core client, startPolling()', async () => {
    const emulator = createTestEmulator({ flags: { a: false, b: true } });
    const counter = requestCounter(emulator.fetch as typeof fetch, START, DAY);
    const client = createAppConfigClient({
      endpoint: emulator.providerProps.endpoint,
      ...emulator.ids,
      fetch: counter.fetch,
    });
    const stop = client.startPolling();
    await week(
      'core client, startPolling()',
      'core client',
      emulator,
      counter.tally,
      (ms) => vi.advanceTimersByTimeAsync(ms).then(() => undefined),
      async () => {
        stop();
        client.dispose();
        emulator.close();
      },
    );
  });

  it('React provider, 10 readers', async () => {
    const emulator = createTestEmulator({ flags: { a: false, b: true } });
    const counter = requestCounter(emulator.fetch as typeof fetch, START, DAY);
    const queryClient = new QueryClient();
    const view = render(
      <AppConfigProvider
        {...emulator.providerProps}
        fetch={counter.fetch}
        queryClient={queryClient}
      >
        <ul>
          {Array.from({ length: 10 }, (_, index) => (
            <Reader key={index} flag={index % 2 ? 'a' : 'b'} />
          ))}
        </ul>
      </AppConfigProvider>,
    );
    await week(
      'React provider, 10 readers',
      'React',
      emulator,
      counter.tally,
      advance,
      async () => {
        view.unmount();
        await advance(0); // the client is disposed a microtask after its last provider unmounts
        queryClient.clear();
        emulator.close();
      },
    );
  });
});

afterAll(() => {
  writeResults('long-run', 'npm run bench:long-run', longRunReport(runs), runs, STARTED);
});
