// @vitest-environment happy-dom
// (React Query sets no refetch timer where there is no `window`.)
/**
 * Tabs of one origin on different app versions: the same library (so the same channel), but each
 * with its own `schema`. A long-lived tab of an older version may lead. What travels between tabs
 * is the configuration as decoded, before any schema, and each tab runs its own schema on it, as
 * on an answer of its own poll: a value a tab's schema refuses never reaches its data (the last
 * good one stays, and the refusal is its error), and a transforming schema gets its input, never
 * the leading tab's output.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigurationDecodeError } from '../../../src/core/errors.js';
import { createTabs, INTERVAL_MS, type HarnessTab } from '../../support/tab-harness.js';

const START = Date.parse('2026-01-01T00:00:00Z');
let harness: ReturnType<typeof createTabs> | undefined;

beforeEach(() => vi.useFakeTimers({ now: START }));
afterEach(() => {
  harness?.dispose();
  harness = undefined;
  vi.useRealTimers();
});

const configurationOf = (tab: HarnessTab) => tab.current().data?.configuration;

/** The same schema, answering asynchronously (Standard Schema allows it). */
const answeringLater = (schema: StandardSchemaV1): StandardSchemaV1 => ({
  '~standard': {
    ...schema['~standard'],
    validate: async (value) => {
      await Promise.resolve();
      return schema['~standard'].validate(value);
    },
  },
});

// The old app version's schema: any flag with `enabled`.
const loose = z.record(z.string(), z.looseObject({ enabled: z.boolean() }));
// The new version's: a flag may carry a percentage, at most 100.
const strict = z.record(
  z.string(),
  z.object({ enabled: z.boolean(), percent: z.number().max(100).optional() }),
);

/** An "old" tab that leads, then a "new" one that follows. */
async function oldAndNew(schemas: { old: StandardSchemaV1; new: StandardSchemaV1 }) {
  harness = createTabs({ flags: { banner: { enabled: false } } });
  const old = harness.open('old', { schema: schemas.old });
  await vi.advanceTimersByTimeAsync(100);
  const young = harness.open('new', { schema: schemas.new });
  await vi.advanceTimersByTimeAsync(100);
  expect(harness.origin.holders()).toEqual(['old']);
  return { old, young };
}

describe.each([
  ['synchronous', (schema: StandardSchemaV1) => schema],
  ['asynchronous', answeringLater],
])('a follower runs its own schema (%s)', (_, as) => {
  it('a deployment the follower refuses stays out of its data and is its error', async () => {
    const { old, young } = await oldAndNew({ old: as(loose), new: as(strict) });
    expect(configurationOf(young)).toEqual({ banner: { enabled: false } });

    harness!.emulator.deployFlags({ banner: { enabled: true, percent: 150 } });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    // The old tab's schema accepts it: it shows it.
    expect(configurationOf(old)).toEqual({ banner: { enabled: true, percent: 150 } });
    expect(old.current().error).toBeNull();
    // The new tab keeps its last good value, and shows the refusal as its own poll would.
    const state = young.current();
    expect(state.data?.configuration).toEqual({ banner: { enabled: false } });
    expect(state.status).toBe('error');
    expect(state.error).toBeInstanceOf(ConfigurationDecodeError);
    expect((state.error as ConfigurationDecodeError).issues?.[0]?.path).toEqual([
      'banner',
      'percent',
    ]);
    expect(young.client.refusal()).toBe(state.error);
    // Still one tab polling for both.
    expect(new Set(harness!.requests().map((r) => r.tab))).toEqual(new Set(['old']));

    // The leader's repeats of the refused value change nothing; the next good one is taken.
    await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS);
    expect(configurationOf(young)).toEqual({ banner: { enabled: false } });
    expect(young.current().error).toBeInstanceOf(ConfigurationDecodeError);
    harness!.emulator.deployFlags({ banner: { enabled: true, percent: 50 } });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(young.current()).toMatchObject({ status: 'success', error: null });
    expect(configurationOf(young)).toEqual({ banner: { enabled: true, percent: 50 } });
    expect(young.client.refusal()).toBeUndefined();
  });

  it('the refusing tab, leading once the old one closed, still refuses it on its own polls', async () => {
    const { old, young } = await oldAndNew({ old: as(loose), new: as(strict) });
    harness!.emulator.deployFlags({ banner: { enabled: true, percent: 150 } });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(young.current().error).toBeInstanceOf(ConfigurationDecodeError);
    const crashedAt = Date.now();
    old.crash();
    await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS);
    expect(harness!.origin.holders()).toEqual(['new']);
    expect(harness!.pollersBetween(crashedAt, Date.now())).toEqual(['new']);
    expect(configurationOf(young)).toEqual({ banner: { enabled: false } });
    expect(young.current().error).toBeInstanceOf(ConfigurationDecodeError);
    expect(harness!.tokensSentTwice()).toEqual([]);
    expect(harness!.tooEarly()).toEqual([]);
  });

  it('a deployment the leader refuses and the follower accepts reaches the follower', async () => {
    const { old, young } = await oldAndNew({ old: as(strict), new: as(loose) });
    harness!.emulator.deployFlags({ banner: { enabled: true, percent: 150 } });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(configurationOf(old)).toEqual({ banner: { enabled: false } });
    expect(old.current().error).toBeInstanceOf(ConfigurationDecodeError);
    expect(young.current()).toMatchObject({ status: 'success', error: null });
    expect(configurationOf(young)).toEqual({ banner: { enabled: true, percent: 150 } });
  });

  it("a transforming leader: the follower's schema gets the decoded input, not its output", async () => {
    // The old version turned the flags into the list of those enabled.
    const enabledKeys = loose.transform((flags) =>
      Object.keys(flags).filter((key) => flags[key]!.enabled),
    );
    // The new one keeps the record (the leader's list would fail it), and marks what it built.
    const marked = strict.transform((flags) => ({ built: 'new', flags }));
    const { old, young } = await oldAndNew({ old: as(enabledKeys), new: as(marked) });
    expect(configurationOf(young)).toEqual({ built: 'new', flags: { banner: { enabled: false } } });

    harness!.emulator.deployFlags({ banner: { enabled: true }, checkout: { enabled: false } });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(configurationOf(old)).toEqual(['banner']);
    expect(configurationOf(young)).toEqual({
      built: 'new',
      flags: { banner: { enabled: true }, checkout: { enabled: false } },
    });
    expect(young.current().error).toBeNull();

    // Structural sharing as for a poll of its own: an unchanged flag keeps its identity.
    const checkout = (configurationOf(young) as { flags: Record<string, unknown> }).flags.checkout;
    harness!.emulator.deployFlags({ banner: { enabled: false }, checkout: { enabled: false } });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    const flags = (configurationOf(young) as { flags: Record<string, unknown> }).flags;
    expect(flags.banner).toEqual({ enabled: false });
    expect(flags.checkout).toBe(checkout);
    expect(configurationOf(old)).toEqual([]);
  });
});
