import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chainViolations } from '../support/chain-invariants.js';
import { setup } from '../support/client-harness.js';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('client: the token chain', () => {
  it('gets the first configuration with the session start where the server combines them', async () => {
    const { client, deploy, requests } = setup();
    deploy({ darkMode: true });
    const snapshot = await client.poll();
    expect(snapshot.configuration).toEqual({ darkMode: { enabled: true } });
    expect(snapshot.versionLabel).toBe('v1');
    expect(requests.map((r) => [r.operation, r.status, r.combined])).toEqual([
      ['StartConfigurationSession', 200, true],
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(requests[1]!.token).toBe(requests[0]!.nextToken);
    expect(chainViolations(requests, { minBackoffMs: 500 })).toEqual([]);
  });

  it('starts a session, reads the configuration, then answers from memory until the interval ends', async () => {
    // Any other AppConfig Data server: it ignores ?include and answers the standard token.
    const { client, deploy, requests, gets } = setup({}, {}, { standardServer: true });
    deploy({ darkMode: true });
    const snapshot = await client.poll();
    expect(snapshot.status).toBe('ready');
    expect(snapshot.configuration).toEqual({ darkMode: { enabled: true } });
    expect(snapshot.versionLabel).toBe('v1');
    expect(snapshot.contentType).toBe('application/json');
    expect(snapshot.source).toBe('network');
    expect(requests.map((r) => [r.operation, r.status])).toEqual([
      ['StartConfigurationSession', 201],
      ['GetLatestConfiguration', 200],
    ]);

    await vi.advanceTimersByTimeAsync(59_000);
    for (let i = 0; i < 20; i++) expect(await client.poll()).toBe(snapshot);
    expect(gets()).toHaveLength(1);
    expect(client.msUntilNextPoll()).toBe(1000);

    await vi.advanceTimersByTimeAsync(1000);
    expect(await client.poll()).toBe(snapshot); // empty body: same snapshot object
    expect(gets()).toHaveLength(2);
    expect(gets()[1]!.bodyLength).toBe(0);
    expect(chainViolations(requests, { minBackoffMs: 500 })).toEqual([]);
  });

  it('follows a new deployment on the next poll and notifies subscribers once', async () => {
    const { client, deploy } = setup();
    deploy({ darkMode: false });
    await client.poll();
    const listener = vi.fn();
    client.subscribe(listener);
    deploy({ darkMode: true });
    await client.poll();
    expect(listener).not.toHaveBeenCalled(); // too early: nothing sent, nothing changed
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(client.getSnapshot().configuration).toEqual({ darkMode: { enabled: true } });
    expect(client.getSnapshot().versionLabel).toBe('v2');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('shares one request between concurrent callers', async () => {
    const { client, deploy, requests } = setup();
    deploy({ a: true });
    const results = await Promise.all(Array.from({ length: 50 }, () => client.poll()));
    expect(new Set(results).size).toBe(1);
    expect(requests).toHaveLength(1); // the session start, with the first configuration
  });

  it('sends RequiredMinimumPollIntervalInSeconds and follows the interval the server answers', async () => {
    const { client, deploy, gets, requests } = setup({ requiredMinimumPollIntervalInSeconds: 300 });
    deploy({ a: true });
    await client.poll();
    expect(gets()[0]!.intervalSeconds).toBe(300);
    await vi.advanceTimersByTimeAsync(299_999);
    await client.poll();
    expect(gets()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await client.poll();
    expect(gets()).toHaveLength(2);
    expect(chainViolations(requests, { minBackoffMs: 500 })).toEqual([]);
  });
});

describe('client: failures', () => {
  it('backs off on throttling with the same unspent token, then recovers', async () => {
    const { client, deploy, emulator, gets, requests } = setup({ random: () => 0 });
    deploy({ a: true });
    await client.poll();
    emulator.faults.inject({ kind: 'throttle', count: 3, operation: 'GetLatestConfiguration' });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(client.getSnapshot().error?.name).toBe('ThrottlingException');
    expect(client.getSnapshot().configuration).toEqual({ a: { enabled: true } });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      delays.push(client.msUntilNextPoll());
      await vi.advanceTimersByTimeAsync(client.msUntilNextPoll());
      await client.poll();
    }
    expect(delays).toEqual([500, 1000, 2000]); // equal jitter with random() = 0: half of 1 s, 2 s, 4 s
    expect(client.getSnapshot().error).toBeUndefined();
    const tokens = gets()
      .slice(1)
      .map((r) => r.token);
    expect(new Set(tokens).size).toBe(1); // the throttled token was sent again until it got a 200
    expect(chainViolations(requests, { minBackoffMs: 500 })).toEqual([]);
  });

  it('waits one interval after "Request too early" and sends the same token again', async () => {
    const { client, deploy, emulator, gets, requests } = setup();
    deploy({ a: true });
    await client.poll();
    emulator.faults.inject({ kind: 'too-early' });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(gets()[1]!.problem).toBe('PollIntervalNotSatisfied');
    expect(client.getSnapshot().error).toBeUndefined(); // nothing failed: the server said "wait"
    expect(client.msUntilNextPoll()).toBe(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(gets()[2]!.token).toBe(gets()[1]!.token);
    expect(gets()[2]!.status).toBe(200);
    expect(chainViolations(requests, { minBackoffMs: 500 })).toEqual([]);
  });

  it('treats a backoff option given as undefined as the default', async () => {
    const { client, deploy, emulator } = setup({
      backoff: { initialDelayMs: undefined, maxDelayMs: undefined },
      random: () => 0,
    });
    deploy({ a: true });
    emulator.faults.inject({ kind: 'throttle' });
    await client.poll();
    expect(client.msUntilNextPoll()).toBe(500);
  });

  it('honours Retry-After', async () => {
    const { client, deploy } = setup({
      fetch: async () =>
        new Response('{"Message":"slow"}', {
          status: 429,
          headers: { 'x-amzn-ErrorType': 'ThrottlingException', 'Retry-After': '42' },
        }),
    });
    deploy({ a: true });
    await client.poll();
    expect(client.getSnapshot().error?.name).toBe('ThrottlingException');
    expect(client.msUntilNextPoll()).toBe(42_000);
  });

  it('starts one new session when the token expired, and keeps the configuration', async () => {
    const { client, deploy, emulator, starts, requests } = setup();
    deploy({ a: true });
    await client.poll();
    emulator.faults.inject({ kind: 'expire-token' });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(starts()).toHaveLength(2);
    expect(client.getSnapshot().error).toBeUndefined();
    expect(client.getSnapshot().configuration).toEqual({ a: { enabled: true } });
    expect(chainViolations(requests, { minBackoffMs: 500 })).toEqual([]);
  });

  it('treats a new session repeating the same configuration as no change', async () => {
    const events: { type: string; changed?: boolean }[] = [];
    const { client, deploy, emulator, starts } = setup({ onEvent: (event) => events.push(event) });
    deploy({ a: true });
    const before = await client.poll();
    const listener = vi.fn();
    client.subscribe(listener);
    emulator.faults.inject({ kind: 'expire-token' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await client.poll()).toBe(before); // same snapshot object: nobody re-renders
    expect(starts()).toHaveLength(2);
    expect(listener).not.toHaveBeenCalled();
    expect(events.filter((e) => e.type === 'poll').map((e) => e.changed)).toEqual([true, false]);

    // A deployment that lands while the session renews is still seen as a change.
    deploy({ a: false });
    emulator.faults.inject({ kind: 'corrupt-token' });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(client.getSnapshot().configuration).toEqual({ a: { enabled: false } });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('backs off instead of looping when the new session token is refused too', async () => {
    // A server that answers the session start with a token, so the new token can be refused.
    const { client, deploy, emulator, starts } = setup({}, {}, { standardServer: true });
    deploy({ a: true });
    await client.poll();
    emulator.faults.inject({ kind: 'corrupt-token', count: 2 });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(starts()).toHaveLength(2);
    expect(client.getSnapshot().error?.name).toBe('BadRequestException');
    expect(client.msUntilNextPoll()).toBeGreaterThanOrEqual(500);
    await vi.advanceTimersByTimeAsync(client.msUntilNextPoll());
    await client.poll();
    expect(starts()).toHaveLength(3);
    expect(client.getSnapshot().error).toBeUndefined();
  });

  it('renews a session itself when its token is older than 24 hours, without sending it', async () => {
    const { client, deploy, starts, gets } = setup({
      requiredMinimumPollIntervalInSeconds: 86_400,
    });
    deploy({ a: true });
    await client.poll();
    await vi.advanceTimersByTimeAsync(86_400_000);
    await client.poll();
    expect(starts()).toHaveLength(2);
    expect(gets().every((r) => r.status === 200)).toBe(true);
  });

  it('stops on an unknown profile: a terminal error and no retry loop', async () => {
    const { client, deploy, requests } = setup({ profile: 'Missing' });
    deploy({ a: true });
    await client.poll();
    const snapshot = client.getSnapshot();
    expect(snapshot.status).toBe('error');
    expect(snapshot.stopped).toBe(true);
    expect(snapshot.error?.name).toBe('ResourceNotFoundException');
    expect(client.msUntilNextPoll()).toBe(Number.POSITIVE_INFINITY);
    const stop = client.startPolling();
    await vi.advanceTimersByTimeAsync(3_600_000);
    for (let i = 0; i < 5; i++) await client.poll();
    expect(requests).toHaveLength(1);
    stop();
  });

  it('reports an undecodable configuration and keeps the last good one', async () => {
    let corruptNext = false;
    const { client, deploy, emulator } = setup(
      {},
      {},
      {
        transformResponse: async (response) => {
          if (!corruptNext || response.status !== 200) return response;
          corruptNext = false;
          return new Response('{"a": {"enabled": tr', { status: 200, headers: response.headers });
        },
      },
    );
    deploy({ a: true });
    const good = (await client.poll()).configuration;
    deploy({ a: false });
    corruptNext = true;
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    const snapshot = client.getSnapshot();
    expect(snapshot.configuration).toBe(good);
    expect(snapshot.versionLabel).toBe('v1');
    expect(snapshot.status).toBe('ready');
    expect(snapshot.error?.name).toBe('ConfigurationDecodeError');
    expect(snapshot.error?.message).toMatch(
      /"v2" is not valid JSON.*The last good configuration is kept/,
    );
    // The chain itself is healthy: the next poll waits the normal interval.
    expect(client.msUntilNextPoll()).toBe(60_000);
    // The refused version is still the deployed one: an empty poll does not hide the error.
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(client.getSnapshot().error?.name).toBe('ConfigurationDecodeError');
    // A passing network failure does not make the refusal go away once the chain works again.
    emulator.faults.inject({ kind: 'network' });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(client.getSnapshot().error?.name).toBe('NetworkError');
    await vi.advanceTimersByTimeAsync(client.msUntilNextPoll());
    await client.poll();
    expect(client.getSnapshot().error?.name).toBe('ConfigurationDecodeError');
    deploy({ a: false });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(client.getSnapshot().error).toBeUndefined();
    expect(client.getSnapshot().versionLabel).toBe('v3');
  });
});
