// @vitest-environment happy-dom
/**
 * Requests per simulated hour against the ideal (`npm run bench:requests`): the real provider and
 * client, on virtual time, against the in-process emulator with `enforcePollInterval: 'always'`,
 * so a poll sent before AppConfig allows it is refused and counted as early.
 */
import { cleanup } from '@testing-library/react';
import { focusManager } from '@tanstack/react-query';
import { afterAll, afterEach, beforeEach, describe, it, vi } from 'vitest';
import { useFlag } from '../src/react/index.js';
import { createBenchApp, type BenchApp } from './support/bench-app.js';
import { idealThrottledPolls, idealVisiblePolls } from './support/ideal-polls.js';
import { requestsReport, type Ideal, type ScenarioResult } from './support/requests-report.js';
import {
  HOUR,
  MINUTE,
  SECOND,
  START,
  advance,
  advanceTo,
  elapsed,
  setVisibility,
  useVirtualTime,
} from './support/virtual-time.js';
import { writeResults } from './support/write-results.js';

const STARTED = new Date().toISOString(); // wall clock, read before the fake timers
const INTERVAL = 60 * SECOND; // what the emulator answers when no minimum is requested
const STEP = MINUTE; // virtual time is advanced in steps of one minute unless a scenario needs less

function Reader() {
  return <li>{useFlag('a') ? 'on' : 'off'}</li>;
}
function Readers({ count }: { count: number }) {
  return (
    <ul>
      {Array.from({ length: count }, (_, index) => (
        <Reader key={index} />
      ))}
    </ul>
  );
}

/**
 * Runs virtual time up to `end` (ms after START), calling `each` every `step` ms on the way (at
 * 0, step, 2·step…); `each` may advance time itself, as long as it stays within its step.
 */
async function runUntil(end: number, step = STEP, each?: () => void | Promise<void>) {
  for (let at = elapsed(); at < end; at += step) {
    await advanceTo(at);
    await each?.();
  }
  await advanceTo(end);
}

const results: ScenarioResult[] = [];
const steadyIdeal: Ideal = {
  polls: HOUR / INTERVAL,
  starts: 1,
  combined: true,
  definition:
    'one session start that brings the first configuration (the combined first call), then one ' +
    'GET per 60 s interval: 60 polls in [0, 60 min), in 60 requests',
};
const twoCallIdeal: Ideal = {
  ...steadyIdeal,
  combined: false,
  definition:
    'one session start answered with a token only (the server ignores `?include`), then one ' +
    'GET per 60 s interval from the first at 0 s: 60 polls in 61 requests',
};

async function measure(
  scenario: string,
  components: number,
  app: BenchApp,
  ideal: Ideal,
  drive: () => Promise<void>,
  findings: () => string[] = () => [],
) {
  app.render(<Readers count={components} />);
  await advance(0);
  await drive();
  await advanceTo(HOUR);
  results.push({
    scenario,
    components,
    counts: app.counts(START, START + HOUR),
    ideal,
    queryFetches: app.queryFetches(),
    timersAtEnd: vi.getTimerCount(),
    findings: findings(),
  });
  app.unmount();
  app.queryClient.clear();
  app.emulator.close();
}

beforeEach(useVirtualTime);
afterEach(() => {
  cleanup();
  setVisibility('visible');
  focusManager.setFocused(undefined);
  vi.useRealTimers();
});

describe('requests per simulated hour', () => {
  it('1 component', async () => {
    const app = createBenchApp({ flags: { a: true } });
    await measure('1 component', 1, app, steadyIdeal, () => runUntil(HOUR));
  });

  it('200 components', async () => {
    const app = createBenchApp({ flags: { a: true } });
    await measure('200 components', 200, app, steadyIdeal, () => runUntil(HOUR));
  });

  it('StrictMode', async () => {
    const app = createBenchApp({ flags: { a: true }, strict: true });
    await measure('StrictMode, 200 components', 200, app, steadyIdeal, () => runUntil(HOUR));
  });

  it('StrictMode, two-call server', async () => {
    // The same emulator behind a wrapper that drops `?include`: what any other AppConfig Data
    // endpoint answers. The client must then send the GET itself, once, with no extra request.
    const app = createBenchApp({ flags: { a: true }, strict: true, twoCall: true });
    await measure('StrictMode, 200 components, two-call server', 200, app, twoCallIdeal, () =>
      runUntil(HOUR),
    );
  });

  it('focus storm', async () => {
    // 100 events a minute, for the whole hour: every 600 ms a `visibilitychange` with the tab
    // visible, the event React Query refetches stale queries on (v5 ignores window `focus`).
    const app = createBenchApp({ flags: { a: true } });
    let events = 0;
    await measure(
      'focus storm (100 events/min)',
      20,
      app,
      steadyIdeal,
      () =>
        runUntil(HOUR, 600, () => {
          setVisibility('visible');
          events += 1;
        }),
      () => [`focus storm: ${events.toLocaleString('en-US')} visibilitychange events in the hour.`],
    );
  });

  it('tab switching storm', async () => {
    // The user flips tabs: hidden and visible in turn every 600 ms (100 events a minute), so a
    // poll that falls due while hidden waits for the next visible moment.
    const flip = 600;
    const visible = Array.from({ length: HOUR / (2 * flip) }, (_, index) => ({
      from: index * 2 * flip,
      to: index * 2 * flip + flip,
    }));
    const ideal: Ideal = {
      ...steadyIdeal,
      polls: idealVisiblePolls(visible, INTERVAL).length,
      definition:
        'one poll (the first with the session start) as soon as the tab is visible once 60 s have ' +
        'passed since the last one, ' +
        'never while hidden (computed over the same 600 ms visible/hidden spans)',
    };
    const app = createBenchApp({ flags: { a: true } });
    let hiddenPolls = 0;
    await measure(
      'tab switching storm (100 events/min)',
      20,
      app,
      ideal,
      async () => {
        await runUntil(HOUR, flip, () =>
          setVisibility(elapsed() % (2 * flip) === 0 ? 'visible' : 'hidden'),
        );
        hiddenPolls = app.requests.filter(
          (r) => Math.floor((r.sentAt - START) / flip) % 2 === 1,
        ).length;
      },
      () => [`tab switching storm: ${hiddenPolls} requests sent while the tab was hidden.`],
    );
  });

  it('remount the readers every 10 s', async () => {
    // The provider stays (at the app's root); its readers unmount every 10 s and come back 1 s
    // later, like a route change.
    const app = createBenchApp({ flags: { a: true } });
    let remounts = 0;
    await measure(
      'remount readers every 10 s',
      20,
      app,
      steadyIdeal,
      () =>
        runUntil(HOUR, 10 * SECOND, async () => {
          app.render(null);
          await advance(SECOND);
          app.render(<Readers count={20} />);
          remounts += 1;
        }),
      () => [`remount readers: ${remounts} unmount/remount cycles.`],
    );
  });

  it('remount the provider every 10 s', async () => {
    // The whole subtree, provider included, unmounts every 10 s and comes back 1 s later: a
    // provider placed inside a route rather than at the root.
    const app = createBenchApp({ flags: { a: true } });
    let remounts = 0;
    await measure(
      'remount provider every 10 s',
      20,
      app,
      steadyIdeal,
      () =>
        runUntil(HOUR, 10 * SECOND, async () => {
          app.unmount();
          await advance(SECOND);
          app.render(<Readers count={20} />);
          remounts += 1;
        }),
      () => [`remount provider: ${remounts} unmount/remount cycles.`],
    );
  });

  it('hidden tab', async () => {
    // Visible, hidden for 30 min, visible again. The switches fall between two polls (at 14.5 and
    // 44.5 min), so no poll is due at the very instant the tab changes.
    const hiddenFrom = 14.5 * MINUTE;
    const hiddenTo = 44.5 * MINUTE;
    const polls = idealVisiblePolls(
      [
        { from: 0, to: hiddenFrom },
        { from: hiddenTo, to: HOUR },
      ],
      INTERVAL,
    );
    const ideal: Ideal = {
      ...steadyIdeal,
      polls: polls.length,
      definition:
        'one poll per 60 s while visible (0–14.5 min and 44.5–60 min), none while hidden, and one ' +
        'catch-up GET the moment the tab is visible again (the interval has long passed)',
    };
    const app = createBenchApp({ flags: { a: true } });
    await measure(
      'hidden 30 min, then visible',
      20,
      app,
      ideal,
      async () => {
        await runUntil(hiddenFrom);
        setVisibility('hidden');
        await runUntil(hiddenTo);
        setVisibility('visible');
        await runUntil(HOUR);
      },
      () => {
        const gets = app.requests.filter((r) => r.operation === 'GetLatestConfiguration');
        const whileHidden = gets.filter(
          (r) => r.sentAt >= START + hiddenFrom && r.sentAt < START + hiddenTo,
        ).length;
        const catchUp = gets.find((r) => r.sentAt >= START + hiddenTo);
        return [
          `hidden tab: ${whileHidden} requests while hidden; the catch-up GET was sent ` +
            `${catchUp ? `${catchUp.sentAt - START - hiddenTo} ms` : 'never'} after the tab became visible.`,
        ];
      },
    );
  });

  it('10 minutes of throttling', async () => {
    // Every GET is answered 429 from 20 min to 30 min (the faults go in 1 ms before the 20-min
    // poll and are cleared 1 ms before 30 min). Randomness is fixed so the backoff is exact.
    const from = 20 * MINUTE - 1;
    const to = 30 * MINUTE - 1;
    const random = 0.5;
    const perfect = idealThrottledPolls(
      HOUR,
      INTERVAL,
      { from, to },
      {
        initialDelayMs: 1000,
        maxDelayMs: 300_000,
        random,
      },
    );
    const ideal: Ideal = {
      ...steadyIdeal,
      polls: perfect.polls.length,
      definition:
        'one poll per 60 s outside the throttled window, plus the retries the documented backoff ' +
        `schedules inside it (1 s doubling to 300 s, equal jitter, random ${random}: ` +
        `${perfect.backoffMs.map((ms) => ms / 1000).join(', ')} s), then one per 60 s from the ` +
        'first success',
    };
    const app = createBenchApp({ flags: { a: true }, provider: { random: () => random } });
    await measure(
      '10 min of throttling',
      20,
      app,
      ideal,
      async () => {
        await runUntil(from);
        app.emulator.faults.inject({
          kind: 'throttle',
          count: Infinity,
          operation: 'GetLatestConfiguration',
        });
        await runUntil(to);
        app.emulator.faults.clear();
        await runUntil(HOUR);
      },
      () => {
        const backoff = app.events.flatMap((event) =>
          event.type === 'error' && event.retryInMs !== undefined ? [event.retryInMs] : [],
        );
        // How long the client really waited after each 429 before its next request.
        const waited = app.requests.flatMap((request, index) => {
          const next = app.requests[index + 1];
          return request.status === 429 && next && request.answeredAt !== undefined
            ? [next.sentAt - request.answeredAt]
            : [];
        });
        const shortest = Math.min(...waited.map((ms, index) => ms / backoff[index]!));
        const recovered = app.requests.find((r) => r.status === 200 && r.sentAt >= START + to);
        return [
          `throttling: ${waited.length} requests answered 429 (ideal ${perfect.backoffMs.length}); ` +
            `backoff used: ${backoff.length > 0 ? 'yes' : 'no'}, delays ${backoff.map((ms) => ms / 1000).join(', ')} s; ` +
            `waited ${waited.map((ms) => ms / 1000).join(', ')} s ` +
            `(shortest wait / prescribed delay = ${shortest.toFixed(2)}); first success ` +
            `${recovered ? `${(recovered.sentAt - START - to) / 1000} s` : 'never'} after the throttling ended.`,
        ];
      },
    );
  });
});

afterAll(() => {
  const markdown = requestsReport(results, steadyIdeal);
  writeResults('requests', 'npm run bench:requests', markdown, results, STARTED);
});
