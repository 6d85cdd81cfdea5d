// @vitest-environment happy-dom
// (React Query sets no refetch timer where there is no `window`.)
/**
 * Handover: the leader closing, crashing or going to the background hands the polling to a
 * visible tab within one interval, and no rule of the token chain breaks. The decision these tests
 * pin down: tokens never leave their tab. A new leader carries on with its own session client
 * (its own session, or one new session when it has none) and sends nothing before the time the
 * previous leader announced. So no token is ever sent twice, and no poll comes early, in any
 * session; the emulator enforces the interval (`enforcePollInterval: 'always'`) and refuses a
 * reused token (`strictTokenReuse`), and both would show in the request log.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTabs, INTERVAL_MS, type HarnessTab } from '../../support/tab-harness.js';

const START = Date.parse('2026-01-01T00:00:00Z');
let harness: ReturnType<typeof createTabs> | undefined;

beforeEach(() => vi.useFakeTimers({ now: START }));
afterEach(() => {
  harness?.dispose();
  harness = undefined;
  vi.useRealTimers();
});

const open = (count: number) => {
  harness = createTabs();
  return Array.from({ length: count }, (_, i) => harness!.open(`tab${i + 1}`));
};
const at = (ms: number) => vi.advanceTimersByTimeAsync(START + ms - Date.now());
const leaderOf = () => harness!.origin.holders()[0];
const tab = (tabs: HarnessTab[], label: string | undefined) => tabs.find((t) => t.label === label)!;
const noRuleBroken = () => {
  expect(harness!.tooEarly()).toEqual([]);
  expect(harness!.violations()).toEqual([]);
  expect(harness!.tokensSentTwice()).toEqual([]);
  expect(harness!.requests().every((r) => (r.status ?? 0) < 400)).toBe(true);
};

describe('the leader closes', () => {
  it('a visible tab leads at once and polls at the announced time, with one new session', async () => {
    const tabs = open(3);
    await at(20_000);
    const first = leaderOf()!;
    tab(tabs, first).crash();
    await at(20_010);
    const second = leaderOf();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);

    await at(60_100);
    // 0, 15 and 30 s from the first leader's chain, then the second leader's from 30 s: not
    // earlier, and not later than the next due time.
    expect(harness!.gets().map((r) => [r.sentAt - START, r.tab])).toEqual([
      [0, first],
      [15_000, first],
      [30_000, second],
      [45_000, second],
      [60_000, second],
    ]);
    expect(harness!.starts().map((r) => [r.sentAt - START, r.tab])).toEqual([
      [0, first],
      [30_000, second],
    ]);
    noRuleBroken();

    harness!.emulator.deployFlags({ banner: { enabled: true } });
    await at(75_100);
    for (const t of tabs.filter((t) => t.label !== first)) {
      expect(t.current().data?.configuration).toEqual({ banner: { enabled: true } });
    }
  });

  it('disposed by the app (its code runs), the next leader keeps the schedule too', async () => {
    const tabs = open(2);
    await at(20_000);
    const first = leaderOf()!;
    tab(tabs, first).dispose();
    await at(45_100);
    expect(harness!.gets().map((r) => r.sentAt - START)).toEqual([0, 15_000, 30_000, 45_000]);
    expect(
      harness!
        .gets()
        .slice(2)
        .every((r) => r.tab !== first),
    ).toBe(true);
    noRuleBroken();
  });

  it('dying with a request in flight: the next leader polls at once, and no token is sent twice', async () => {
    const tabs = open(3);
    await at(100);
    const first = leaderOf()!;
    harness!.emulator.faults.inject({
      kind: 'delay',
      delayMs: 5000,
      operation: 'GetLatestConfiguration',
    });
    harness!.emulator.deployFlags({ banner: { enabled: true } });
    await at(16_000);
    const waiting = tabs.filter((t) => t.label !== first);
    for (const t of waiting) expect(t.current().fetchStatus).toBe('fetching');
    tab(tabs, first).crash();
    await at(16_100);
    const second = leaderOf()!;
    // Nobody knows whether the dead tab's request was answered: the next leader asks at once
    // (its own session, whose start brings the configuration; the dead tab's token went with it).
    const after = harness!.requests().filter((r) => r.sentAt >= START + 15_000);
    expect(after.map((r) => [r.operation, r.tab, r.combined])).toEqual([
      ['GetLatestConfiguration', first, false],
      ['StartConfigurationSession', second, true],
    ]);
    for (const t of waiting) {
      expect(t.current()).toMatchObject({ fetchStatus: 'idle', error: null });
      expect(t.current().data?.configuration).toEqual({ banner: { enabled: true } });
    }
    await at(60_000);
    noRuleBroken();
  });
});

describe('the leader goes to the background', () => {
  it('lets go once its request is answered; a visible tab leads; hidden tabs never do', async () => {
    const tabs = open(3);
    await at(100);
    const first = tab(tabs, leaderOf());
    harness!.emulator.faults.inject({
      kind: 'delay',
      delayMs: 3000,
      operation: 'GetLatestConfiguration',
    });
    await at(16_000);
    first.setVisible(false);
    await at(17_000);
    // Its request (sent at 15 s) is still in flight: it still leads, and nobody else polls.
    expect(leaderOf()).toBe(first.label);
    await at(18_100);
    const second = leaderOf();
    expect(second).toBeDefined();
    expect(second).not.toBe(first.label);

    harness!.emulator.deployFlags({ banner: { enabled: true } });
    // The answer at 18 s set the next poll at 33 s.
    await at(33_100);
    // The hidden tab follows too: it shows the deployment without a request of its own.
    for (const t of tabs)
      expect(t.current().data?.configuration).toEqual({ banner: { enabled: true } });
    expect(harness!.gets().map((r) => [r.sentAt - START, r.tab])).toEqual([
      [0, first.label],
      [15_000, first.label],
      [33_000, second],
    ]);

    // Every tab hidden: nobody leads and nobody polls.
    for (const t of tabs) t.setVisible(false);
    await at(100_000);
    expect(harness!.origin.holders()).toEqual([]);
    expect(harness!.gets().filter((r) => r.sentAt > START + 33_100)).toEqual([]);

    // One comes back: it leads and polls at once (the last poll is long past due).
    first.setVisible(true);
    await at(100_100);
    expect(leaderOf()).toBe(first.label);
    expect(
      harness!
        .gets()
        .filter((r) => r.sentAt > START + 33_100)
        .map((r) => r.tab),
    ).toEqual([first.label]);
    noRuleBroken();
  });

  it('a tab opened in the background follows and never leads until it is shown', async () => {
    harness = createTabs();
    const hidden = harness.open('hidden', { visible: false });
    const shown = harness.open('shown');
    await at(3 * INTERVAL_MS + 100);
    expect(new Set(harness.requests().map((r) => r.tab))).toEqual(new Set(['shown']));
    expect(hidden.current().data?.configuration).toEqual({ banner: { enabled: false } });
    // Shown, while the other goes to the background: it leads, on the same schedule.
    shown.setVisible(false);
    hidden.setVisible(true);
    await at(4 * INTERVAL_MS + 100);
    expect(harness.origin.holders()).toEqual(['hidden']);
    expect(harness.gets().map((r) => [r.sentAt - START, r.tab])).toEqual([
      [0, 'shown'],
      [15_000, 'shown'],
      [30_000, 'shown'],
      [45_000, 'shown'],
      [60_000, 'hidden'],
    ]);
    noRuleBroken();
  });
});

describe('whatever happens, no rule of the chain breaks', () => {
  // `PROPERTY_RUNS=2000 npx vitest run test/core/cross-tab/handover.test.ts` for a soak.
  const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

  type Action =
    | { kind: 'open'; visible: boolean }
    | { kind: 'crash' | 'dispose' | 'hide' | 'show'; which: number }
    | { kind: 'deploy' }
    | { kind: 'fault'; fault: 'delay' | 'throttle' | 'internal' | 'network' }
    | { kind: 'wait'; ms: number };

  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constant('open' as const), visible: fc.boolean() }),
    fc.record({
      kind: fc.constantFrom('crash' as const, 'dispose' as const, 'hide' as const, 'show' as const),
      which: fc.nat(9),
    }),
    fc.record({ kind: fc.constant('deploy' as const) }),
    fc.record({
      kind: fc.constant('fault' as const),
      fault: fc.constantFrom(
        'delay' as const,
        'throttle' as const,
        'internal' as const,
        'network' as const,
      ),
    }),
    fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 40_000 }) }),
  );

  it(
    'tokens, intervals, and every tab showing the last deployment, through closes, crashes, hiding and faults',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
          vi.setSystemTime(START);
          harness = createTabs();
          let label = 0;
          let version = 0;
          const alive = () => harness!.tabs.filter((t) => !t.fake.crashed && !disposed.has(t));
          const disposed = new Set<HarnessTab>();
          harness.open(`tab${++label}`);
          for (const step of actions) {
            const live = alive();
            const target = live.length
              ? live[('which' in step ? step.which : 0) % live.length]
              : undefined;
            if (step.kind === 'open') harness.open(`tab${++label}`, { visible: step.visible });
            else if (step.kind === 'deploy')
              harness.emulator.deployFlags({
                banner: { enabled: true },
                v: { enabled: ++version % 2 === 0 },
              });
            else if (step.kind === 'wait') await vi.advanceTimersByTimeAsync(step.ms);
            else if (step.kind === 'fault') {
              harness.emulator.faults.inject({
                kind: step.fault,
                delayMs: 4000,
                operation: 'GetLatestConfiguration',
              });
            } else if (!target) continue;
            else if (step.kind === 'crash') target.crash();
            else if (step.kind === 'dispose') {
              disposed.add(target);
              target.dispose();
            } else target.setVisible(step.kind === 'show');
          }
          // Then one visible tab at least, no more faults, and time for the longest backoff.
          const live = alive();
          if (!live.some((t) => t.fake.environment.document.visibilityState === 'visible')) {
            (live[0] ?? harness.open(`tab${label + 1}`)).setVisible(true);
          }
          harness.emulator.faults.clear();
          await vi.advanceTimersByTimeAsync(400_000);
          const quietFrom = Date.now();
          // Three intervals, less a millisecond: a poll at the very start is not counted twice.
          await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS - 1);

          expect(harness.tooEarly()).toEqual([]);
          expect(harness.violations()).toEqual([]);
          expect(harness.tokensSentTwice()).toEqual([]);
          // Settled: one GetLatestConfiguration per interval for the whole origin, from one tab.
          const settled = harness.gets().filter((r) => r.sentAt >= quietFrom);
          expect(settled.map((r) => r.status)).toEqual([200, 200, 200]);
          expect(new Set(settled.map((r) => r.tab)).size).toBe(1);
          const deployed =
            version === 0
              ? { banner: { enabled: false } }
              : { banner: { enabled: true }, v: { enabled: version % 2 === 0 } };
          // Hidden tabs too: they follow without polling.
          for (const t of alive()) expect(t.current().data?.configuration).toEqual(deployed);
          harness.dispose();
          harness = undefined;
        }),
        { numRuns: RUNS },
      );
    },
    RUNS * 500,
  );
});
