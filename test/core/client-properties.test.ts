/**
 * Random schedules of callers, faults, deployments and sleeps against the emulator, on virtual
 * time. Every schedule must keep the token-chain invariants and end on the last deployment.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chainViolations } from '../support/chain-invariants.js';
import { setup } from '../support/client-harness.js';

type Action =
  | { type: 'advance'; ms: number }
  | { type: 'poll'; callers: number }
  | {
      type: 'fault';
      kind:
        | 'throttle'
        | 'internal'
        | 'network'
        | 'delay'
        | 'expire-token'
        | 'corrupt-token'
        | 'too-early';
      count: number;
      delayMs: number;
      operation: 'any' | 'StartConfigurationSession' | 'GetLatestConfiguration';
    }
  | { type: 'deploy'; on: boolean }
  | { type: 'sleep'; hours: number };

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
        kind: fc.constantFrom(
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
  { weight: 2, arbitrary: fc.record({ type: fc.constant('deploy' as const), on: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('sleep' as const),
      hours: fc.integer({ min: 1, max: 30 }),
    }),
  },
);

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('client: invariants under random schedules', () => {
  it('never breaks the token chain and ends on the last deployment', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        async (actions, withInterval) => {
          vi.setSystemTime(Date.parse('2026-01-01T00:00:00Z'));
          const h = setup(withInterval ? { requiredMinimumPollIntervalInSeconds: 30 } : {}, {}, {});
          let lastLabel = h.deploy({ on: true }).versionLabel;
          let everGood = false;
          const problems: string[] = [];
          h.client.subscribe(() => {
            const { configuration, versionLabel } = h.client.getSnapshot();
            if (configuration !== undefined) everGood = true;
            else if (everGood) problems.push('a good configuration was replaced by nothing');
            if (versionLabel !== undefined && !/^v\d+$/.test(versionLabel))
              problems.push(`unknown version ${versionLabel}`);
          });
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
            else if (step.type === 'deploy') lastLabel = h.deploy({ on: step.on }).versionLabel;
            else {
              // A laptop asleep: no timers run, then everything resumes.
              stop();
              await vi.advanceTimersByTimeAsync(0);
              vi.setSystemTime(Date.now() + step.hours * 3_600_000);
              stop = h.client.startPolling();
            }
          }
          h.emulator.faults.clear();
          // Longest wait once faults stop: a capped backoff (5 min), a timeout (10 s), an interval.
          await vi.advanceTimersByTimeAsync(7 * 60_000);
          await Promise.all(pending); // poll() never rejects, and every caller got an answer
          const snapshot = h.client.getSnapshot();
          stop();
          h.client.dispose();
          const violations = chainViolations(h.requests, { minBackoffMs: 500 });
          expect(violations).toEqual([]);
          expect(problems).toEqual([]);
          expect(snapshot.stopped).toBe(false);
          expect(snapshot.versionLabel).toBe(lastLabel);
          h.emulator.close();
          await vi.advanceTimersByTimeAsync(60_000);
          expect(vi.getTimerCount()).toBe(0);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) },
    );
  }, 600_000);
});
