/**
 * Random schedules of callers, faults, deployments, sleeps and clock jumps against the emulator,
 * on virtual time, with hostile listeners and odd gateways. Every schedule must keep the
 * token-chain invariants and end on the last deployment (or, when a listener disposed the client,
 * send nothing more and leave no timer).
 *
 * `npm test` runs 1,000 schedules (PROPERTY_RUNS); `npm run test:soak` (in CI) runs 10,000.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chainViolations } from '../support/chain-invariants.js';
import { setup } from '../support/client-harness.js';

type EmulatorFault =
  'throttle' | 'internal' | 'network' | 'delay' | 'expire-token' | 'corrupt-token' | 'too-early';

type Action =
  | { type: 'advance'; ms: number }
  | { type: 'poll'; callers: number }
  | {
      type: 'fault';
      kind: EmulatorFault;
      count: number;
      delayMs: number;
      operation: 'any' | 'StartConfigurationSession' | 'GetLatestConfiguration';
    }
  /** A gateway's own 429 with an unhelpful Retry-After, before the emulator sees the request. */
  | { type: 'retry-after'; value: '0' | '-5' | 'past' | 'garbage'; count: number }
  /** Fetches that never settle and ignore their abort signal. */
  | { type: 'hang'; count: number }
  /** Error bodies lose their `Details` (a gateway keeping only the message). */
  | { type: 'strip-details'; on: boolean }
  /** The `headers` function takes this long from now on (0: answers at once). */
  | { type: 'slow-headers'; ms: number }
  /** A listener that calls back into the client from inside notifications. */
  | { type: 'listener'; does: 'poll' | 'resubscribe' | 'unsubscribe-others' | 'dispose' }
  | { type: 'deploy'; on: boolean }
  | { type: 'sleep'; hours: number }
  /** The system clock is set forward or back; timers and the monotonic clock do not move. */
  | { type: 'jump'; minutes: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('advance' as const),
      ms: fc.integer({ min: 0, max: 180_000 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('poll' as const),
      callers: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        type: fc.constant('fault' as const),
        kind: fc.constantFrom<EmulatorFault>(
          'throttle',
          'internal',
          'network',
          'delay',
          'expire-token',
          'corrupt-token',
          'too-early',
        ),
        count: fc.integer({ min: 1, max: 4 }),
        delayMs: fc.integer({ min: 0, max: 20_000 }),
        operation: fc.constantFrom('any', 'StartConfigurationSession', 'GetLatestConfiguration'),
      })
      .map((fault) =>
        fault.kind === 'expire-token' ||
        fault.kind === 'corrupt-token' ||
        fault.kind === 'too-early'
          ? { ...fault, operation: 'GetLatestConfiguration' as const }
          : fault,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('retry-after' as const),
      value: fc.constantFrom('0' as const, '-5' as const, 'past' as const, 'garbage' as const),
      count: fc.integer({ min: 1, max: 6 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('hang' as const),
      count: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('strip-details' as const), on: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('slow-headers' as const),
      ms: fc.constantFrom(0, 0, 5_000, 3_600_000, 25 * 3_600_000),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('listener' as const),
      does: fc.constantFrom(
        'poll' as const,
        'resubscribe' as const,
        'unsubscribe-others' as const,
        'dispose' as const,
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('deploy' as const), on: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('sleep' as const),
      hours: fc.integer({ min: 1, max: 30 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('jump' as const),
      minutes: fc.integer({ min: -120, max: 120 }),
    }),
  },
);

const START = Date.parse('2026-01-01T00:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

async function withoutDetails(response: Response): Promise<Response> {
  if (response.status !== 400) return response;
  const body = (await response.json()) as Record<string, unknown>;
  delete body.Details;
  return new Response(JSON.stringify(body), { status: 400, headers: response.headers });
}

describe('client: invariants under random schedules', () => {
  it('never breaks the token chain and ends on the last deployment', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        async (actions, withInterval) => {
          vi.setSystemTime(START);
          let throttles: { value: string; left: number } | undefined;
          let hangs = 0;
          let stripDetails = false;
          let headersMs = 0;
          const h = setup(
            {
              ...(withInterval ? { requiredMinimumPollIntervalInSeconds: 30 } : {}),
              headers: () =>
                headersMs
                  ? new Promise<HeadersInit>((resolve) => setTimeout(() => resolve({}), headersMs))
                  : {},
            },
            {},
            {
              // The invariants are about elapsed time, which a changed wall clock does not change.
              clock: () => performance.now(),
              intercept: () => {
                if (!throttles?.left) return undefined;
                throttles.left -= 1;
                const value =
                  throttles.value === 'past'
                    ? new Date(Date.now() - 3_600_000).toUTCString()
                    : throttles.value;
                return new Response('{"Message":"Rate exceeded"}', {
                  status: 429,
                  headers: { 'x-amzn-ErrorType': 'ThrottlingException', 'Retry-After': value },
                });
              },
              transformResponse: (response) => (stripDetails ? withoutDetails(response) : response),
              outerFetch: (next) => (input, init) => {
                if (hangs > 0) {
                  hangs -= 1;
                  return new Promise<Response>(() => {});
                }
                return next(input, init);
              },
            },
          );
          let lastLabel = h.deploy({ on: true }).versionLabel;
          let everGood = false;
          let disposedAfter: number | undefined;
          const problems: string[] = [];
          const unsubscribers: (() => void)[] = [];
          unsubscribers.push(
            h.client.subscribe(() => {
              const { configuration, versionLabel } = h.client.getSnapshot();
              if (configuration !== undefined) everGood = true;
              else if (everGood) problems.push('a good configuration was replaced by nothing');
              if (versionLabel !== undefined && !/^v\d+$/.test(versionLabel))
                problems.push(`unknown version ${versionLabel}`);
            }),
          );
          // Every event once, to hold each hostile listener's calls against.
          let events = 0;
          h.client.subscribeEvents(() => (events += 1));
          const addListener = (does: Extract<Action, { type: 'listener' }>['does']) => {
            let calls = 0;
            const eventsBefore = events;
            let off = () => {};
            const listener = () => {
              calls += 1;
              // A listener is called once per event; more means a notification loop.
              if (calls > events - eventsBefore + 1) {
                problems.push(`a "${does}" listener was called more often than there were events`);
                return;
              }
              if (does === 'poll') void h.client.poll();
              else if (does === 'resubscribe') {
                off();
                off = h.client.subscribeEvents(listener);
              } else if (does === 'unsubscribe-others') {
                for (const unsubscribe of unsubscribers.splice(1)) unsubscribe();
              } else if (calls === 3) {
                disposedAfter = h.requests.length;
                h.client.dispose();
              }
            };
            off = h.client.subscribeEvents(listener);
            unsubscribers.push(() => off());
          };
          const pending: Promise<unknown>[] = [];
          let stop = h.client.startPolling();
          for (const step of actions) {
            if (step.type === 'advance') await vi.advanceTimersByTimeAsync(step.ms);
            else if (step.type === 'poll') {
              // Callers do not wait on each other: a poll may be stuck behind a delayed answer that
              // only advancing virtual time releases.
              for (let i = 0; i < step.callers; i++) pending.push(h.client.poll());
              await vi.advanceTimersByTimeAsync(0);
            } else if (step.type === 'fault') h.emulator.faults.inject(step);
            else if (step.type === 'retry-after')
              throttles = { value: step.value, left: step.count };
            else if (step.type === 'hang') hangs += step.count;
            else if (step.type === 'strip-details') stripDetails = step.on;
            else if (step.type === 'slow-headers') headersMs = step.ms;
            else if (step.type === 'listener') addListener(step.does);
            else if (step.type === 'deploy') lastLabel = h.deploy({ on: step.on }).versionLabel;
            else if (step.type === 'jump') vi.setSystemTime(Date.now() + step.minutes * 60_000);
            else {
              // A laptop asleep: no timers run, then everything resumes.
              stop();
              await vi.advanceTimersByTimeAsync(0);
              vi.setSystemTime(Date.now() + step.hours * 3_600_000);
              stop = h.client.startPolling();
            }
          }
          h.emulator.faults.clear();
          throttles = undefined;
          hangs = 0;
          headersMs = 0;
          // Headers asked for before may take up to 25 h to answer: let them, with nobody polling
          // meanwhile (a day of polls would only slow the test down), then poll again. The longest
          // wait once faults stop: a capped backoff (5 min), a timeout (10 s), an interval.
          stop();
          await vi.advanceTimersByTimeAsync(25 * 3_600_000);
          stop = h.client.startPolling();
          await vi.advanceTimersByTimeAsync(7 * 60_000);
          const snapshot = h.client.getSnapshot();
          stop();
          h.client.dispose();
          await Promise.all(pending); // poll() never rejects, and every caller got an answer
          const violations = chainViolations(h.requests, { minBackoffMs: 500 });
          expect(violations).toEqual([]);
          expect(problems).toEqual([]);
          if (disposedAfter === undefined) {
            expect(snapshot.stopped).toBe(false);
            expect(snapshot.versionLabel).toBe(lastLabel);
          } else {
            // Disposed from inside a notification: nothing was sent after that.
            expect(h.requests.slice(disposedAfter).filter((r) => r.operation !== 'Other')).toEqual(
              [],
            );
          }
          h.emulator.close();
          await vi.advanceTimersByTimeAsync(60_000);
          expect(vi.getTimerCount()).toBe(0);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 1000) },
    );
  }, 3_600_000);
});
