import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidOptionsError } from '../../src/core/errors.js';
import { ORIGIN, errorOf, setup } from './emulator-harness.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('fault injection', () => {
  it('throttles the next `count` requests with 429 ThrottlingException, then recovers', async () => {
    const { emulator, start } = setup();
    emulator.faults.inject({ kind: 'throttle', count: 2 });
    for (let i = 0; i < 2; i++) {
      const error = await errorOf(await start());
      expect(error).toMatchObject({ status: 429, type: 'ThrottlingException' });
      expect(error.message).toMatch(/Rate exceeded/);
    }
    expect((await start()).status).toBe(201);
    expect(emulator.requests.map((e) => e.fault)).toEqual(['throttle', 'throttle', undefined]);
  });

  it('answers 500 InternalServerException for an internal fault', async () => {
    const { emulator, startToken, poll } = setup();
    const token = await startToken();
    emulator.faults.inject({ kind: 'internal', operation: 'GetLatestConfiguration' });
    expect(await errorOf(await poll(token))).toMatchObject({
      status: 500,
      type: 'InternalServerException',
    });
    // The failed call did not spend the token: a retry with it works.
    expect((await poll(token)).status).toBe(200);
  });

  it('applies a fault only to its operation', async () => {
    const { emulator, startToken, poll } = setup();
    emulator.faults.inject({ kind: 'throttle', operation: 'StartConfigurationSession' });
    const token = await startToken().catch(() => undefined);
    expect(token).toBeUndefined();
    const next = await startToken();
    expect((await poll(next)).status).toBe(200);
    expect(emulator.faults.pending()).toEqual([]);
  });

  it('does not apply faults to unknown routes or preflights', async () => {
    const { emulator } = setup();
    emulator.faults.inject({ kind: 'throttle' });
    expect((await emulator.fetch(`${ORIGIN}/x`)).status).toBe(404);
    expect((await emulator.fetch(`${ORIGIN}/configuration`, { method: 'OPTIONS' })).status).toBe(
      204,
    );
    expect(emulator.faults.pending()).toHaveLength(1);
  });

  it('does not apply faults to operation paths outside the base path', async () => {
    const { emulator, start } = setup({ basePath: '/x' });
    emulator.faults.inject({ kind: 'throttle' });
    const outside = await start(); // POST /configurationsessions, not under /x
    expect(await errorOf(outside)).toMatchObject({
      status: 404,
      type: 'UnknownOperationException',
    });
    // Outside the base path, OPTIONS is no preflight either.
    const options = await emulator.fetch(`${ORIGIN}/configuration`, { method: 'OPTIONS' });
    expect(await errorOf(options)).toMatchObject({
      status: 404,
      type: 'UnknownOperationException',
    });
    expect(emulator.faults.pending()).toEqual([
      expect.objectContaining({ kind: 'throttle', remaining: 1 }),
    ]);
    expect(emulator.requests.map((e) => [e.operation, e.path, e.fault])).toEqual([
      ['Unknown', '/configurationsessions', undefined],
      ['Unknown', '/configuration', undefined],
    ]);
  });

  it('delays on the global timers, read lazily so fake timers control them', async () => {
    const { emulator, start } = setup();
    vi.useFakeTimers(); // after the emulator was created
    emulator.faults.inject({ kind: 'delay', delayMs: 5_000 });
    let settled = false;
    const pending = start().then((response) => {
      settled = true;
      return response;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(201);
  });

  it('takes the global timer functions as injected timers', async () => {
    const { emulator, start } = setup({ timers: { setTimeout, clearTimeout } });
    vi.useFakeTimers(); // the functions captured above are the real ones
    emulator.faults.inject({ kind: 'delay', delayMs: 10 });
    expect((await start()).status).toBe(201);
  });

  it('delays on injected timers', async () => {
    const calls: number[] = [];
    const { emulator, start } = setup({
      timers: {
        setTimeout: (callback, ms) => {
          calls.push(ms);
          callback();
          return 0;
        },
        clearTimeout: () => undefined,
      },
    });
    emulator.faults.inject({ kind: 'delay', delayMs: 250 });
    expect((await start()).status).toBe(201);
    expect(calls).toEqual([250]);
  });

  it('rejects a delayed request when its signal aborts, or when the emulator closes', async () => {
    const { emulator, start } = setup();
    vi.useFakeTimers();
    emulator.faults.inject({ kind: 'delay', delayMs: 60_000, count: 2 });
    const controller = new AbortController();
    const aborted = start(undefined, { signal: controller.signal });
    controller.abort(new DOMException('timed out', 'TimeoutError'));
    await expect(aborted).rejects.toThrow('timed out');
    const closing = start();
    emulator.close();
    await expect(closing).rejects.toThrow(TypeError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('makes the handler reject with TypeError("fetch failed") for a network fault', async () => {
    const { emulator, start } = setup();
    emulator.faults.inject({ kind: 'network' });
    await expect(start()).rejects.toThrow(new TypeError('fetch failed'));
    expect(emulator.requests.at(-1)).toMatchObject({
      status: 0,
      fault: 'network',
      operation: 'StartConfigurationSession',
    });
    expect((await start()).status).toBe(201);
  });

  it.each([
    ['expire-token', 'Expired'],
    ['corrupt-token', 'Corrupted'],
    ['too-early', 'PollIntervalNotSatisfied'],
  ] as const)(
    '%s answers 400 with Problem %s without spending the token',
    async (kind, problem) => {
      const { emulator, startToken, poll } = setup();
      const token = await startToken();
      emulator.faults.inject({ kind });
      const error = await errorOf(await poll(token));
      expect(error).toMatchObject({ status: 400, type: 'BadRequestException', problem });
      expect(error.body.Reason).toBe('InvalidParameters');
      expect((await poll(token)).status).toBe(200);
    },
  );

  it('shapes a request with at most one fault, in injection order', async () => {
    const { emulator, start } = setup();
    emulator.faults.inject({ kind: 'internal' });
    emulator.faults.inject({ kind: 'throttle' });
    expect((await start()).status).toBe(500);
    expect((await start()).status).toBe(429);
    expect((await start()).status).toBe(201);
  });

  it('clears pending faults', async () => {
    const { emulator, start } = setup();
    emulator.faults.inject({ kind: 'throttle', count: Infinity });
    expect(emulator.faults.pending()).toEqual([
      { kind: 'throttle', remaining: Infinity, delayMs: 1000, operation: 'any' },
    ]);
    emulator.faults.clear();
    expect((await start()).status).toBe(201);
  });

  it('refuses bad fault specs with InvalidOptionsError', () => {
    const { emulator } = setup();
    expect(() => emulator.faults.inject({ kind: 'explode' as never })).toThrow(InvalidOptionsError);
    expect(() => emulator.faults.inject({ kind: 'throttle', count: 0 })).toThrow(
      /positive integer/,
    );
    expect(() => emulator.faults.inject({ kind: 'delay', delayMs: -1 })).toThrow(/delayMs/);
    expect(() =>
      emulator.faults.inject({ kind: 'expire-token', operation: 'StartConfigurationSession' }),
    ).toThrow(/GetLatestConfiguration only/);
  });
});
