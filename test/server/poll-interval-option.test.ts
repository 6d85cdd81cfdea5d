/**
 * `pollIntervalSeconds`, the development shortcut: every session is told (and, where "too early"
 * applies, held to) the shorter interval, and the real client follows it, so a deployment reaches
 * it within that many seconds. Off by default; bad values are refused naming the option and its
 * limits.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidOptionsError } from '../../src/core/index.js';
import { createEmulator } from '../../src/server/emulator/create-emulator.js';
import { setup as clientSetup } from '../support/client-harness.js';
import { IDS, setup } from './emulator-harness.js';

const interval = (response: Response) => response.headers.get('next-poll-interval-in-seconds');

describe('createEmulator({ pollIntervalSeconds })', () => {
  it('announces the interval to every session, whatever it asked for', async () => {
    const h = setup({ pollIntervalSeconds: 1 });
    expect(interval(await h.poll(await h.startToken()))).toBe('1');
    const asked = await h.startToken({ ...IDS, RequiredMinimumPollIntervalInSeconds: 60 });
    expect(interval(await h.poll(asked))).toBe('1');
  });

  it('holds sessions that asked for an interval to the announced one, not to theirs', async () => {
    const h = setup({ pollIntervalSeconds: 2 });
    const first = await h.poll(
      await h.startToken({ ...IDS, RequiredMinimumPollIntervalInSeconds: 15 }),
    );
    const next = first.headers.get('next-poll-configuration-token')!;
    h.clock.now += 1_999;
    expect((await h.poll(next)).status).toBe(400); // too early
    h.clock.now += 1;
    expect((await h.poll(next)).status).toBe(200);
  });

  it('is off by default: the requested interval, else 60 s', async () => {
    const h = setup();
    expect(interval(await h.poll(await h.startToken()))).toBe('60');
    const asked = await h.startToken({ ...IDS, RequiredMinimumPollIntervalInSeconds: 15 });
    expect(interval(await h.poll(asked))).toBe('15');
  });

  it.each([0, 16, 1.5, -1, Number.NaN, '2'])('refuses %j naming the option and 1 to 15', (bad) => {
    let error: unknown;
    try {
      createEmulator({ pollIntervalSeconds: bad as number });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidOptionsError);
    expect((error as InvalidOptionsError).field).toBe('pollIntervalSeconds');
    expect((error as Error).message).toMatch(
      /^createEmulator: pollIntervalSeconds must be a whole number of seconds from 1 to 15; got /,
    );
  });
});

describe('the client follows the announced interval', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls again after 1 s and sees a new deployment then', async () => {
    const { client, deploy, gets } = clientSetup(
      { requiredMinimumPollIntervalInSeconds: 15 },
      { pollIntervalSeconds: 1 },
    );
    deploy({ darkMode: false });
    await client.poll();
    expect(client.getPollState().intervalSeconds).toBe(1);
    expect(client.msUntilNextPoll()).toBe(1000);
    deploy({ darkMode: true });
    await vi.advanceTimersByTimeAsync(1000);
    expect((await client.poll()).configuration).toEqual({ darkMode: { enabled: true } });
    expect(gets().map((g) => g.status)).toEqual([200, 200]);
  });
});
