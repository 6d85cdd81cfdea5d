import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { AppConfigEvent } from '../../src/core/types.js';
import { chainViolations } from '../support/chain-invariants.js';
import { setup } from '../support/client-harness.js';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

function memoryStorage(seed: Record<string, string> = {}) {
  const items = new Map(Object.entries(seed));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('client: schema', () => {
  const Flags = z.record(z.string(), z.object({ enabled: z.boolean() }).strict());

  it('keeps the last configuration that passed the schema and reports the issues', async () => {
    const { client, deploy, emulator } = setup({ schema: Flags });
    deploy({ a: true });
    await client.poll();
    const good = client.getSnapshot().configuration;
    emulator.deploy({
      application: 'DemoApp',
      environment: 'Development',
      profile: 'Flags',
      content: {
        version: '1',
        flags: { a: { name: 'a', attributes: { limit: {} } } },
        values: { a: { enabled: true, limit: 3 } },
      },
      versionLabel: 'with-attribute',
    });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    const snapshot = client.getSnapshot();
    expect(snapshot.configuration).toBe(good);
    expect(snapshot.error?.name).toBe('ConfigurationDecodeError');
    expect(snapshot.error?.message).toMatch(/does not match the schema: a: /);
  });
});

describe('client: lifecycle', () => {
  it('polls on its own schedule while started, and stops with the last stop', async () => {
    const { client, deploy, gets } = setup();
    deploy({ a: true });
    const stopA = client.startPolling();
    const stopB = client.startPolling();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(gets()).toHaveLength(11); // at 0 s, then every 60 s for 10 minutes
    stopA();
    stopA(); // a second call of the same stop changes nothing
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gets()).toHaveLength(12);
    stopB();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(gets()).toHaveLength(12);
  });

  it('leaves no timer or request after dispose, and ignores a late response', async () => {
    const { client, deploy, emulator, requests } = setup();
    deploy({ a: true });
    await client.poll();
    deploy({ a: false });
    emulator.faults.inject({ kind: 'delay', delayMs: 5000 });
    client.startPolling();
    await vi.advanceTimersByTimeAsync(61_000); // the poll is now waiting on the delayed answer
    const before = client.getSnapshot();
    const listener = vi.fn();
    client.subscribe(listener);
    client.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(client.getSnapshot()).toBe(before);
    expect(listener).not.toHaveBeenCalled();
    const sent = requests.length;
    await vi.advanceTimersByTimeAsync(3_600_000);
    await client.poll();
    expect(requests.length).toBe(sent);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reset() leaves a stopped state and starts a new session', async () => {
    const { client, emulator, starts } = setup({ environment: 'Later' });
    await client.poll();
    expect(client.getSnapshot().stopped).toBe(true);
    emulator.deploy({
      application: 'DemoApp',
      environment: 'Later',
      profile: 'Flags',
      content: { x: 1 },
    });
    client.reset();
    expect(client.getSnapshot().stopped).toBe(false);
    await client.poll();
    expect(starts()).toHaveLength(2);
    expect(client.getSnapshot().configuration).toEqual({ x: 1 });
  });

  it('emits events for a timeline', async () => {
    const events: AppConfigEvent['type'][] = [];
    const { client, deploy, emulator } = setup({
      onEvent: (event) => events.push(event.type),
      random: () => 0,
    });
    deploy({ a: true });
    await client.poll();
    emulator.faults.inject({ kind: 'throttle' });
    await vi.advanceTimersByTimeAsync(60_000);
    await client.poll();
    await vi.advanceTimersByTimeAsync(500);
    await client.poll();
    expect(events).toEqual(['session-start', 'session-started', 'poll', 'error', 'poll']);
  });
});

describe('client: first render data', () => {
  it('starts from a persisted configuration, then replaces it from the network and keeps it', async () => {
    const storage = memoryStorage();
    const first = setup({ storage });
    first.deploy({ a: true });
    await first.client.poll();
    expect([...storage.items.values()][0]).toContain('"versionLabel":"v1"');

    const second = setup({
      storage,
      initialConfiguration: { configuration: { a: { enabled: false } } },
    });
    const snapshot = second.client.getSnapshot();
    expect(snapshot.status).toBe('ready');
    expect(snapshot.source).toBe('persisted');
    expect(snapshot.configuration).toEqual({ a: { enabled: true } });
    expect(snapshot.versionLabel).toBe('v1');
    expect(second.requests).toHaveLength(0);

    second.deploy({ a: false });
    await second.client.poll();
    expect(second.client.getSnapshot().source).toBe('network');
    expect(second.client.getSnapshot().configuration).toEqual({ a: { enabled: false } });
    expect(storage.items.size).toBe(1);
    expect([...storage.items.values()][0]).toContain('"versionLabel":"v1"'); // its own emulator's v1
    expect([...storage.items.values()][0]).toContain('"enabled":false');
  });

  it('falls back to the initial configuration when nothing was kept, or the kept one fails the schema', async () => {
    const storage = memoryStorage();
    const schema = z.object({ banner: z.string() });
    const key = 'appconfig-react:1:http://emulator.test:DemoApp:Development:Flags';
    storage.setItem(key, JSON.stringify({ format: 1, configuration: { banner: 7 }, savedAt: 1 }));
    const { client } = setup({
      storage,
      schema,
      initialConfiguration: { configuration: { banner: 'hello' } },
    });
    expect(client.getSnapshot().source).toBe('initial');
    expect(client.getSnapshot().configuration).toEqual({ banner: 'hello' });
  });

  it('keeps the decoded value and runs a transforming schema on it again next visit', async () => {
    const storage = memoryStorage();
    const schema = z
      .record(z.string(), z.object({ enabled: z.boolean() }))
      .transform((flags) => Object.keys(flags).filter((key) => flags[key]!.enabled));
    const first = setup({ storage, schema });
    first.deploy({ a: true, b: false });
    await first.client.poll();
    expect(first.client.getSnapshot().configuration).toEqual(['a']);
    const second = setup({ storage, schema });
    expect(second.client.getSnapshot().source).toBe('persisted');
    expect(second.client.getSnapshot().configuration).toEqual(['a']);
    const asyncSchema = z
      .record(z.string(), z.object({ enabled: z.boolean() }))
      .refine(async () => true);
    const third = setup({ storage, schema: asyncSchema });
    expect(third.client.getSnapshot().source).toBeUndefined(); // cannot be checked before render
  });

  it("keeps each caller context's configuration under its own key", async () => {
    const storage = memoryStorage();
    const alice = setup({ storage, context: { userId: 'alice', plan: 'pro' } });
    alice.deploy({ a: true });
    await alice.client.poll();
    // Before: one key per profile, so the next user's first render showed alice's variants.
    const bob = setup({ storage, context: { userId: 'bob', plan: 'pro' } });
    expect(bob.client.getSnapshot().configuration).toBeUndefined();
    // The same context in another key order is the same key.
    const again = setup({ storage, context: { plan: 'pro', userId: 'alice' } });
    expect(again.client.getSnapshot()).toMatchObject({
      source: 'persisted',
      configuration: { a: { enabled: true } },
    });
    expect(storage.items.size).toBe(1);
  });

  it('ignores unreadable storage', () => {
    const storage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const { client } = setup({ storage });
    expect(client.getSnapshot().status).toBe('loading');
  });
});

describe('client: hardening', () => {
  it('keeps going when a listener throws, and reports the error instead', async () => {
    const reportError = vi.fn();
    vi.stubGlobal('reportError', reportError);
    const { client, deploy } = setup({
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    client.subscribe(() => {
      throw new Error('subscriber bug');
    });
    deploy({ a: true });
    const snapshot = await client.poll(); // resolves: poll() never rejects
    expect(snapshot.configuration).toEqual({ a: { enabled: true } });
    expect(snapshot.error).toBeUndefined();
    expect(reportError.mock.calls.map(([error]) => (error as Error).message)).toEqual([
      'listener bug', // session-start
      'listener bug', // session-started
      'listener bug', // poll
      'subscriber bug', // the configuration arrived
    ]);
    vi.unstubAllGlobals();
  });

  it('never sends a token again after a 200 whose body broke off', async () => {
    let breakNext = false;
    const { client, deploy, gets, starts, requests } = setup(
      {},
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
    expect(client.getSnapshot().error?.message).toMatch(/body broke off/);
    await vi.advanceTimersByTimeAsync(client.msUntilNextPoll());
    await client.poll();
    expect(starts()).toHaveLength(2); // a new session instead of the spent token
    expect(gets()[1]!.bodyBroken).toBe(true);
    expect(gets().filter((r) => r.token === gets()[1]!.token)).toHaveLength(1);
    expect(client.getSnapshot().error).toBeUndefined();
    expect(chainViolations(requests, { minBackoffMs: 500 })).toEqual([]);
  });

  it.each(['dispose', 'reset'] as const)(
    'sends nothing when %s() comes right after poll()',
    async (method) => {
      const { client, deploy, requests } = setup({ headers: async () => ({ 'x-test': '1' }) });
      deploy({ a: true });
      const pending = client.poll();
      client[method]();
      await pending;
      await vi.advanceTimersByTimeAsync(0);
      expect(requests).toHaveLength(0);
    },
  );

  it('caps a huge Retry-After at the timer limit instead of firing at once', async () => {
    const { client } = setup({
      fetch: async () =>
        new Response('{}', {
          status: 429,
          headers: { 'x-amzn-ErrorType': 'ThrottlingException', 'Retry-After': '3000000' },
        }),
    });
    await client.poll();
    expect(client.msUntilNextPoll()).toBe(2_147_483_647);
  });
});
