// @vitest-environment happy-dom
// (React Query sets no refetch timer where there is no `window`.)
/**
 * Tabs of one origin sharing a session: one leader polls, the others follow with the leader's
 * data, error and fetch status, through their own React Query. Real session clients, React
 * Query and emulator; fakes of Web Locks, BroadcastChannel and visibility only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  ConfigurationDecodeError,
  ResourceNotFoundException,
  ThrottlingException,
} from '../../../src/core/errors.js';
import { createSessionClient } from '../../../src/core/create-session-client.js';
import { readErrorResponse } from '../../../src/core/read-error-response.js';
import { shareSession } from '../../../src/core/cross-tab/share-session.js';
import { sharingKit } from '../../../src/core/cross-tab/sharing-kit.js';
import { sharingOptions } from '../../../src/core/cross-tab/sharing-options.js';
import { createTabs, INTERVAL_MS, INTERVAL_S, type HarnessTab } from '../../support/tab-harness.js';

const START = Date.parse('2026-01-01T00:00:00Z');
let harness: ReturnType<typeof createTabs> | undefined;

beforeEach(() => vi.useFakeTimers({ now: START }));
afterEach(() => {
  harness?.dispose();
  harness = undefined;
  vi.useRealTimers();
});

const tabs = (count: number, options?: Parameters<typeof createTabs>[0]) => {
  harness = createTabs(options);
  return Array.from({ length: count }, (_, i) => harness!.open(`tab${i + 1}`));
};
const configurationOf = (tab: HarnessTab) => tab.current().data?.configuration;

describe('one leader polls for every tab', () => {
  it('three tabs: one session and one GetLatestConfiguration per interval, all from one tab', async () => {
    const all = tabs(3);
    await vi.advanceTimersByTimeAsync(100);
    for (const tab of all) expect(configurationOf(tab)).toEqual({ banner: { enabled: false } });

    await vi.advanceTimersByTimeAsync(5 * INTERVAL_MS);
    expect(harness!.starts()).toHaveLength(1);
    // The first poll at 0 s, then one per interval: 15, 30, 45, 60 and 75 s.
    expect(harness!.gets().map((r) => r.sentAt - START)).toEqual([
      0, 15_000, 30_000, 45_000, 60_000, 75_000,
    ]);
    expect(new Set(harness!.requests().map((r) => r.tab)).size).toBe(1);
    expect(harness!.origin.holders()).toEqual([harness!.requests()[0]!.tab]);
    expect(harness!.tooEarly()).toEqual([]);
    expect(harness!.violations()).toEqual([]);
  });

  it('a deployment shows in every tab, with one cache write per change in each', async () => {
    const all = tabs(3);
    await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS + 100);
    // The first configuration: one write each; two unchanged polls since wrote nothing new.
    expect(all.map((tab) => tab.writes())).toEqual([1, 1, 1]);
    const before = all.map((tab) => tab.current().data);

    harness!.emulator.deployFlags({ banner: { enabled: true }, other: { enabled: false } });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    for (const tab of all) {
      expect(configurationOf(tab)).toEqual({
        banner: { enabled: true },
        other: { enabled: false },
      });
    }
    expect(all.map((tab) => tab.writes())).toEqual([2, 2, 2]);

    // Per-key identity, as for a tab's own poll: an unchanged flag keeps its object.
    harness!.emulator.deployFlags({ banner: { enabled: false }, other: { enabled: false } });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    const after = all.map((tab) => tab.current().data?.configuration as Record<string, object>);
    all.forEach((tab, i) => {
      const previous = tab.results.at(-1)!.data!.configuration as Record<string, object>;
      expect(after[i]!.other).toBe(previous.other);
      expect(before[i]).not.toBe(tab.current().data);
    });
    expect(all.map((tab) => tab.writes())).toEqual([3, 3, 3]);
    expect(harness!.gets()).toHaveLength(5);
  });

  it("a follower's query fetches while the leader's request is in flight, then shows its answer", async () => {
    const [leader, ...followers] = tabs(3);
    await vi.advanceTimersByTimeAsync(100);
    expect(harness!.requests()[0]!.tab).toBe(leader!.label);
    harness!.emulator.faults.inject({
      kind: 'delay',
      delayMs: 3000,
      operation: 'GetLatestConfiguration',
    });
    harness!.emulator.deployFlags({ banner: { enabled: true } });

    await vi.advanceTimersByTimeAsync(INTERVAL_MS - 100 + 10);
    for (const tab of [leader!, ...followers]) {
      expect(tab.current().fetchStatus).toBe('fetching');
      expect(configurationOf(tab)).toEqual({ banner: { enabled: false } });
    }
    await vi.advanceTimersByTimeAsync(3000);
    for (const tab of [leader!, ...followers]) {
      expect(tab.current().fetchStatus).toBe('idle');
      expect(configurationOf(tab)).toEqual({ banner: { enabled: true } });
    }
    // Each follower fetched exactly while the leader did: from the poll to its answer.
    for (const tab of followers) {
      const fetching = tab.results.filter((r) => r.at >= START + INTERVAL_MS - 1);
      expect(fetching[0]).toMatchObject({ fetchStatus: 'fetching' });
      expect(fetching[0]!.at - START).toBeLessThan(INTERVAL_MS + 10);
      expect(fetching.find((r) => r.fetchStatus === 'idle')!.at - START).toBeGreaterThanOrEqual(
        INTERVAL_MS + 3000,
      );
    }
    expect(harness!.gets()).toHaveLength(2);
  });
});

describe("a follower's query state is the leader's", () => {
  it("throttling: the same class and fields, retried on the leader's backoff", async () => {
    const [leader, follower] = tabs(2);
    await vi.advanceTimersByTimeAsync(100);
    harness!.emulator.faults.inject({ kind: 'throttle', operation: 'GetLatestConfiguration' });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    const reasons = (tab: HarnessTab) =>
      tab.queryClient.getQueryCache().getAll()[0]!.state.fetchFailureReason;
    expect(reasons(follower!)).toBeInstanceOf(ThrottlingException);
    expect(reasons(follower!)).toMatchObject({
      name: 'ThrottlingException',
      status: 429,
      message: (reasons(leader!) as Error).message,
    });
    // Both recover on the leader's retry, with no request from the follower.
    await vi.advanceTimersByTimeAsync(5000);
    for (const tab of [leader!, follower!]) {
      expect(tab.current()).toMatchObject({ status: 'success', fetchStatus: 'idle', error: null });
    }
    expect(new Set(harness!.requests().map((r) => r.tab))).toEqual(new Set([leader!.label]));
  });

  it('an unknown profile: every tab shows ResourceNotFoundException and stops', async () => {
    const all = tabs(3, { profile: 'missing' });
    await vi.advanceTimersByTimeAsync(100);
    for (const tab of all) {
      expect(tab.current().status).toBe('error');
      expect(tab.current().error).toBeInstanceOf(ResourceNotFoundException);
      expect(tab.current().error).toMatchObject({
        status: 404,
        resourceType: 'ConfigurationProfile',
      });
      expect(tab.client.stoppedBy()).toBeInstanceOf(ResourceNotFoundException);
      expect(tab.client.msUntilNextPoll()).toBe(Infinity);
    }
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    expect(harness!.requests()).toHaveLength(1);

    // reset() in a follower starts afresh in every tab: the leader tries once more.
    const follower = all.find((tab) => tab.label !== harness!.requests()[0]!.tab)!;
    follower.client.reset();
    void follower.queryClient.refetchQueries();
    await vi.advanceTimersByTimeAsync(100);
    expect(harness!.requests()).toHaveLength(2);
    expect(new Set(harness!.requests().map((r) => r.tab)).size).toBe(1);
  });

  it("a refused configuration is the leader's refusal in every tab, and the last good one stays", async () => {
    // Only switched-off flags pass: switching one on is refused.
    const schema = z.record(z.string(), z.object({ enabled: z.literal(false) }));
    const all = tabs(3, { schema });
    await vi.advanceTimersByTimeAsync(100);
    harness!.emulator.deployFlags({ banner: { enabled: true } });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    for (const tab of all) {
      const { error } = tab.current();
      expect(error).toBeInstanceOf(ConfigurationDecodeError);
      expect(error).toMatchObject({ contentType: 'application/json' });
      expect((error as ConfigurationDecodeError).issues?.[0]?.path).toEqual(['banner', 'enabled']);
      expect(tab.client.refusal()).toBeInstanceOf(ConfigurationDecodeError);
      expect(configurationOf(tab)).toEqual({ banner: { enabled: false } });
    }
    expect(new Set(harness!.requests().map((r) => r.tab)).size).toBe(1);
  });
});

describe('edges', () => {
  it('a transforming schema whose output no channel could carry: each tab builds its own', async () => {
    const schema = z.record(z.string(), z.object({ enabled: z.boolean() })).transform((flags) => ({
      ...flags,
      isOn: (key: string) => flags[key]?.enabled === true,
    }));
    const all = tabs(2, { schema });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS + 100);
    harness!.emulator.deployFlags({ banner: { enabled: true } });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    for (const tab of all) {
      const value = configurationOf(tab) as { isOn: (key: string) => boolean };
      expect(value.isOn('banner')).toBe(true);
    }
    // The configuration travels as decoded: one session still serves both tabs.
    expect(new Set(harness!.requests().map((r) => r.tab)).size).toBe(1);
  });

  it('a configuration no channel can carry: every tab polls on its own and still shows it', async () => {
    // A decoded configuration (JSON, text, bytes) always clones; a browser refusing to is what
    // remains of the DataCloneError path.
    const clone = globalThis.structuredClone;
    const spy = vi.spyOn(globalThis, 'structuredClone').mockImplementation((value, options) => {
      const message = value as { type?: string; data?: unknown };
      if (message?.type === 'state' && message.data) {
        throw new DOMException('Cannot clone.', 'DataCloneError');
      }
      return clone(value, options);
    });
    try {
      const all = tabs(2);
      await vi.advanceTimersByTimeAsync(INTERVAL_MS + 100);
      for (const tab of all) expect(configurationOf(tab)).toEqual({ banner: { enabled: false } });
      // Each tab has a session of its own now, and keeps the interval.
      expect(new Set(harness!.starts().map((r) => r.tab)).size).toBe(2);
      await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS);
      expect(harness!.tooEarly()).toEqual([]);
      expect(harness!.violations()).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('a tab that joins with a session of its own follows, and never sends its token again', async () => {
    const [leader] = tabs(1);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS + 100);
    // What the React bindings do: a session client polls once, then is shared (join-tabs.ts).
    const fake = harness!.origin.tab('late');
    const requests: string[] = [];
    const inner = createSessionClient(
      {
        ...harness!.emulator.providerProps,
        requiredMinimumPollIntervalInSeconds: INTERVAL_S,
        fetch: (input, init) => {
          requests.push(String(input));
          return harness!.emulator.fetch(input, init);
        },
      },
      readErrorResponse,
    );
    await inner.fetchLatest();
    expect(requests).toHaveLength(1); // its session start, with the first configuration
    const shared = shareSession(
      { ...inner },
      sharingOptions(inner.options as never, fake.environment, undefined, sharingKit),
    );
    harness!.emulator.deployFlags({ banner: { enabled: true } });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(configurationOf(leader!)).toEqual({ banner: { enabled: true } });
    expect(await shared.fetchLatest()).toMatchObject({
      configuration: { banner: { enabled: true } },
    });
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    await shared.fetchLatest();
    expect(requests).toHaveLength(1);
    shared.dispose();
  });
});
