/**
 * Issue 14 item 10: a session that asked for no minimum interval may poll early (the model
 * enforces the interval only "if you specify a value"), as the AWS user guide's flow does (get,
 * get again at once → empty). Through the proxy that must work as it does against AWS directly,
 * without costing AWS anything extra in fan-out mode.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FLAGS,
  answer,
  browser,
  nextToken,
  proxyFor,
  startUpstream,
  type Upstream,
} from './proxy-harness.js';

let upstream: Upstream;
beforeEach(async () => {
  upstream = await startUpstream();
});
afterEach(() => upstream.close());

describe.each(['fan-out', 'pass-through'] as const)('%s: early polls', (mode) => {
  it('answers the user-guide flow (get, get again at once → 200 empty) in a session without a minimum', async () => {
    const b = browser(proxyFor(upstream, { mode }));
    const first = await b.poll(await b.startToken());
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('{"darkMode":{"enabled":true}}');
    let token = nextToken(first);
    for (let i = 0; i < 3; i++) {
      upstream.clock.now += 1000;
      const again = await answer(await b.poll(token));
      expect(again).toMatchObject({ status: 200, text: '' });
      expect(again.headers.get('version-label')).toBeNull();
      token = again.headers.get('next-poll-configuration-token')!;
    }
  });

  it('still answers "Request too early" in a session that asked for a minimum', async () => {
    const b = browser(proxyFor(upstream, { mode }));
    const first = await b.poll(
      await b.startToken(FLAGS, { RequiredMinimumPollIntervalInSeconds: 60 }),
    );
    upstream.clock.now += 1000;
    expect(await answer(await b.poll(nextToken(first)))).toMatchObject({
      status: 400,
      problem: 'PollIntervalNotSatisfied',
    });
  });
});

describe('fan-out: early polls cost AWS nothing', () => {
  it('brings new deployments to a client that always polls early (every 5 s, like Powertools)', async () => {
    const b = browser(proxyFor(upstream));
    let token = nextToken(await b.poll(await b.startToken()));
    upstream.emulator.deploy({ ...FLAGS, content: { darkMode: { enabled: false } } });
    let seenAfter: number | undefined;
    for (let waited = 5000; waited <= 120_000; waited += 5000) {
      upstream.clock.now += 5000;
      const response = await b.poll(token);
      expect(response.status).toBe(200);
      if ((await response.text()) !== '') seenAfter ??= waited;
      token = nextToken(response);
    }
    // The proxy refreshes once per upstream interval (45 s) whoever asks.
    expect(seenAfter).toBe(45_000);
    expect(upstream.count('GetLatestConfiguration')).toBe(3); // at 0, 45 s and 90 s
  });

  it('answers early polls from the cached copy, and new deployments still arrive on time', async () => {
    const b = browser(proxyFor(upstream));
    let token = nextToken(await b.poll(await b.startToken()));
    const calls = upstream.count('GetLatestConfiguration');
    for (let i = 0; i < 20; i++) {
      upstream.clock.now += 1000;
      const response = await b.poll(token);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
      token = nextToken(response);
    }
    expect(upstream.count('GetLatestConfiguration')).toBe(calls);

    upstream.emulator.deploy({ ...FLAGS, content: { darkMode: { enabled: false } } });
    upstream.clock.now += 60_000; // one browser interval later
    const response = await b.poll(token);
    expect(await response.text()).toBe('{"darkMode":{"enabled":false}}');
    expect(upstream.count('GetLatestConfiguration')).toBe(calls + 1);
  });
});
