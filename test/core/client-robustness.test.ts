/**
 * Hostile callers and odd servers the core client must survive (issue 14, items 1–9). Each case
 * was found against an earlier client; each test fails on it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfigEvent } from '../../src/core/types.js';
import { chainViolations } from '../support/chain-invariants.js';
import { IDS, setup } from '../support/client-harness.js';
import { createAppConfigClient } from '../../src/core/create-app-config-client.js';

const START = Date.parse('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Rewrites error bodies without `Details`, as a gateway that keeps only the message would. */
async function withoutDetails(response: Response): Promise<Response> {
  if (response.status !== 400) return response;
  const body = (await response.json()) as Record<string, unknown>;
  delete body.Details;
  return new Response(JSON.stringify(body), { status: 400, headers: response.headers });
}

describe('client: listeners that call back in', () => {
  it('shares one step with a listener that polls from inside an event', async () => {
    const { client, deploy, starts, gets, requests } = setup();
    deploy({ a: true });
    let reentries = 0;
    client.subscribeEvents(() => {
      if (reentries++ < 50) void client.poll();
    });
    await client.poll();
    await vi.advanceTimersByTimeAsync(0);
    expect(starts()).toHaveLength(1);
    expect(gets()).toHaveLength(1);
    expect(chainViolations(requests, { minBackoffMs: 500 })).toEqual([]);
  });

  it('calls a listener that unsubscribes and subscribes itself again once per event', async () => {
    const { client, deploy } = setup();
    deploy({ a: true });
    const seen: string[] = [];
    let unsubscribe = () => {};
    const listener = (event: AppConfigEvent) => {
      seen.push(event.type);
      // Without a copy of the listeners, the re-added listener is visited again, forever.
      if (seen.length > 20) return;
      unsubscribe();
      unsubscribe = client.subscribeEvents(listener);
    };
    unsubscribe = client.subscribeEvents(listener);
    await client.poll();
    expect(seen).toEqual(['session-start', 'session-started', 'poll']);
  });

  it('calls a snapshot listener that re-subscribes itself once per change', async () => {
    const { client, deploy } = setup();
    deploy({ a: true });
    let calls = 0;
    let unsubscribe = () => {};
    const listener = () => {
      calls += 1;
      if (calls > 20) return;
      unsubscribe();
      unsubscribe = client.subscribe(listener);
    };
    unsubscribe = client.subscribe(listener);
    await client.poll();
    expect(calls).toBe(1);
  });
});

describe('client: Retry-After never undercuts the backoff', () => {
  const throttled = (retryAfter: string) =>
    setup({
      random: () => 0,
      fetch: async () =>
        new Response('{"Message":"Rate exceeded"}', {
          status: 429,
          headers: { 'x-amzn-ErrorType': 'ThrottlingException', 'Retry-After': retryAfter },
        }),
    });

  it.each([
    ['0', '0'],
    ['a date in the past', new Date(START - HOUR).toUTCString()],
  ])('waits at least the backoff floor after Retry-After: %s', async (_name, value) => {
    const { client } = throttled(value);
    const stop = client.startPolling();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getSnapshot().error?.name).toBe('ThrottlingException');
    expect(client.msUntilNextPoll()).toBe(500);
    let requests = 0;
    client.subscribeEvents((event) => {
      if (event.type === 'error') requests += 1;
    });
    await vi.advanceTimersByTimeAsync(2000);
    // 0.5 s, then 1 s: two retries in two seconds, not hundreds.
    expect(requests).toBe(2);
    stop();
  });
});

describe('client: a fetch that ignores its abort signal', () => {
  it('times the request out anyway and retries with backoff', async () => {
    let calls = 0;
    const hung: typeof fetch = () => {
      calls += 1;
      return new Promise<Response>(() => {}); // never settles, whatever the signal says
    };
    const client = createAppConfigClient({
      endpoint: 'http://emulator.test',
      ...IDS,
      fetch: hung,
      requestTimeoutMs: 5000,
      random: () => 0,
    });
    const polled = client.poll();
    await vi.advanceTimersByTimeAsync(5000);
    const snapshot = await polled;
    expect(snapshot.status).toBe('error');
    expect(snapshot.error?.name).toBe('NetworkError');
    expect((snapshot.error as { timedOut?: boolean }).timedOut).toBe(true);
    expect(client.getPollState().inFlight).toBe(false);
    expect(client.msUntilNextPoll()).toBe(500);
    await vi.advanceTimersByTimeAsync(500);
    void client.poll();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
  });
});

describe('client: token age', () => {
  it('does not send a token that reached 24 hours while its request headers were pending', async () => {
    let slowHeaders = false;
    const { client, deploy, starts, gets } = setup({
      headers: () =>
        slowHeaders
          ? new Promise<HeadersInit>((resolve) => setTimeout(() => resolve({}), 25 * HOUR))
          : {},
    });
    deploy({ a: true });
    await client.poll();
    const firstToken = gets()[0]!.nextToken;
    await vi.advanceTimersByTimeAsync(60_000);
    slowHeaders = true;
    const polled = client.poll();
    await vi.advanceTimersByTimeAsync(25 * HOUR);
    await polled;
    expect(gets().some((r) => r.token === firstToken)).toBe(false);
    expect(starts()).toHaveLength(2);
    expect(client.getSnapshot().error).toBeUndefined();
  });
});

describe('client: reset() after a refused configuration', () => {
  it('keeps the refusal when the new session repeats the refused configuration', async () => {
    const schema = {
      '~standard': {
        version: 1 as const,
        vendor: 'test',
        validate: (value: unknown) =>
          (value as { a?: { enabled?: boolean } }).a?.enabled === false
            ? { issues: [{ message: 'a must stay on' }] }
            : { value },
      },
    };
    const { client, deploy } = setup({ schema });
    deploy({ a: true });
    const good = (await client.poll()).configuration;
    deploy({ a: false });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(client.getSnapshot().error?.name).toBe('ConfigurationDecodeError');
    client.reset();
    await client.poll();
    expect(client.getSnapshot().configuration).toBe(good);
    expect(client.getSnapshot().error?.name).toBe('ConfigurationDecodeError');
    expect(client.getSnapshot().error?.message).toMatch(/a must stay on/);
  });
});

describe('client: errors without Details', () => {
  it('waits an interval on "Request too early" without Details, instead of stopping', async () => {
    const { client, deploy, emulator, gets } = setup({}, {}, { transformResponse: withoutDetails });
    deploy({ a: true });
    await client.poll();
    emulator.faults.inject({ kind: 'too-early' });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(client.getSnapshot().stopped).toBe(false);
    expect(client.msUntilNextPoll()).toBe(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(gets()[2]!.token).toBe(gets()[1]!.token);
    expect(gets()[2]!.status).toBe(200);
  });

  it('starts a new session on an expired token without Details, instead of stopping', async () => {
    const { client, deploy, emulator, starts } = setup(
      {},
      {},
      { transformResponse: withoutDetails },
    );
    deploy({ a: true });
    await client.poll();
    emulator.faults.inject({ kind: 'expire-token' });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(client.getSnapshot().stopped).toBe(false);
    expect(starts()).toHaveLength(2);
    expect(client.getSnapshot().error).toBeUndefined();
  });
});

describe('client: the schedule runs on a monotonic clock', () => {
  it.each([
    ['back', -HOUR],
    ['forward', HOUR],
  ])('polls on time when the system clock jumps %s an hour', async (_name, jump) => {
    const { client, deploy, gets } = setup();
    deploy({ a: true });
    const stop = client.startPolling();
    await vi.advanceTimersByTimeAsync(0);
    expect(gets()).toHaveLength(1);
    vi.setSystemTime(Date.now() + jump); // the wall clock moves; timers and performance.now do not
    await vi.advanceTimersByTimeAsync(59_000);
    expect(gets()).toHaveLength(1); // not early when the clock jumped forward
    await vi.advanceTimersByTimeAsync(1000);
    expect(gets()).toHaveLength(2); // not an hour late when it jumped back
    stop();
  });
});

describe('client: a body that broke off', () => {
  it('starts its new session for reason "interrupted", not "corrupted"', async () => {
    let breakNext = false;
    const reasons: string[] = [];
    const { client, deploy } = setup(
      {
        onEvent: (event) => {
          if (event.type === 'session-start') reasons.push(event.reason);
        },
      },
      {},
      {
        transformResponse: (response) => {
          if (!breakNext || response.status !== 200) return response;
          breakNext = false;
          const broken = new ReadableStream({
            start: (controller) => controller.error(new Error('connection reset')),
          });
          return new Response(broken, { status: 200, headers: response.headers });
        },
      },
    );
    deploy({ a: true });
    await client.poll();
    breakNext = true;
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    expect(client.getSnapshot().error).toMatchObject({ code: 'IncompleteResponse' });
    await vi.advanceTimersByTimeAsync(client.msUntilNextPoll());
    await client.poll();
    expect(reasons).toEqual(['first', 'interrupted']);
  });
});

describe('client: a body slower than requestTimeoutMs', () => {
  it('drops the token its 200 spent instead of sending it again', async () => {
    let slowNext = false;
    const reasons: string[] = [];
    // Outside the recorder (which reads each body before handing the response on): the headers
    // come at once, so the server has spent the token, and the body takes 30 s more.
    const slowBody =
      (inner: typeof fetch): typeof fetch =>
      async (input, init) => {
        const response = await inner(input, init);
        if (!slowNext || response.status !== 200) return response;
        slowNext = false;
        const bytes = new Uint8Array(await response.arrayBuffer());
        const slow = new ReadableStream<Uint8Array>({
          start: (controller) => {
            setTimeout(() => {
              controller.enqueue(bytes);
              controller.close();
            }, 30_000);
          },
        });
        return new Response(slow, { status: 200, headers: response.headers });
      };
    const { client, deploy, requests } = setup(
      {
        requestTimeoutMs: 5000,
        onEvent: (event) => {
          if (event.type === 'session-start') reasons.push(event.reason);
        },
      },
      {},
      { outerFetch: slowBody },
    );
    deploy({ a: true });
    await client.poll();
    slowNext = true;
    await vi.advanceTimersByTimeAsync(60_000);
    const polled = client.poll();
    await vi.advanceTimersByTimeAsync(5000);
    await polled;
    expect(client.getSnapshot().error).toMatchObject({ code: 'IncompleteResponse', status: 200 });
    await vi.advanceTimersByTimeAsync(client.msUntilNextPoll());
    await client.poll();
    expect(reasons).toEqual(['first', 'interrupted']);
    expect(chainViolations(requests, { minBackoffMs: 500 })).toEqual([]);
  });
});
