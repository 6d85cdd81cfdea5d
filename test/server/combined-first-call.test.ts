/**
 * Issue 12 item 2, server side: `POST /configurationsessions?include=configuration` answers 200
 * with exactly what the session's first GetLatestConfiguration would, in the emulator and in both
 * proxy modes, over real HTTP with raw fetch. Session starts accept JSON or text/plain (a CORS
 * "simple" request, no preflight) and tolerate unknown members; without the parameter the answer
 * is the standard 201 (the SDK and CLI tests check that flow too).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/server/emulator/create-emulator.js';
import type { Emulator } from '../../src/server/emulator/types.js';
import { serve, type ServedHandler } from '../../src/server/node/serve.js';
import {
  APP_ORIGIN,
  FLAGS,
  proxyFor,
  startUpstream,
  type Upstream,
} from './proxy/proxy-harness.js';

const BODY = {
  ApplicationIdentifier: FLAGS.application,
  EnvironmentIdentifier: FLAGS.environment,
  ConfigurationProfileIdentifier: FLAGS.profile,
};
const PLAIN = 'text/plain;charset=UTF-8';

let upstream: Upstream;
let emulator: Emulator;
const clock = { now: Date.UTC(2030, 0, 1) };
const servers: Record<string, ServedHandler> = {};

beforeAll(async () => {
  upstream = await startUpstream();
  emulator = createEmulator({ now: () => clock.now });
  const cors = { origins: [APP_ORIGIN] };
  const handlers = {
    emulator: emulator.handle,
    'fan-out proxy': proxyFor(upstream, { cors }).handle,
    'pass-through proxy': proxyFor(upstream, { mode: 'pass-through', cors }).handle,
  };
  for (const [name, handle] of Object.entries(handlers)) {
    servers[name] = await serve((request, info) => handle(request, info), { port: 0 });
  }
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
  await upstream.close();
});
beforeEach(() => {
  emulator.deploy({ ...FLAGS, content: { darkMode: { enabled: true } }, versionLabel: 'f1' });
  upstream.emulator.deploy({
    ...FLAGS,
    content: { darkMode: { enabled: true } },
    versionLabel: 'f1',
  });
  upstream.clock.now += 60_000; // the fan-out proxy's copy is due: every test starts from f1
});

const TARGETS = ['emulator', 'fan-out proxy', 'pass-through proxy'] as const;
type Target = (typeof TARGETS)[number];

/** Moves the clock of whatever is behind `target`. */
const advance = (target: Target, ms: number) => {
  if (target === 'emulator') clock.now += ms;
  else upstream.clock.now += ms;
};
const deploy = (target: Target, content: object, versionLabel: string) =>
  (target === 'emulator' ? emulator : upstream.emulator).deploy({
    ...FLAGS,
    content,
    versionLabel,
  });

const start = (
  target: Target,
  options: { query?: string; contentType?: string; body?: object; origin?: string } = {},
) =>
  fetch(
    `${servers[target]!.url}/configurationsessions${options.query ?? '?include=configuration'}`,
    {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? PLAIN,
        ...(options.origin ? { origin: options.origin } : {}),
      },
      body: JSON.stringify(options.body ?? BODY),
    },
  );
const poll = (target: Target, token: string) =>
  fetch(`${servers[target]!.url}/configuration?configuration_token=${encodeURIComponent(token)}`);

describe.each(TARGETS)('the combined first call: %s', (target) => {
  it.each([PLAIN, 'application/json'])(
    'answers 200 with the first configuration (Content-Type %s), then polls on from its token',
    async (contentType) => {
      const response = await start(target, {
        contentType,
        // Unknown members are tolerated (a Context member comes later for multi-variant flags).
        body: { ...BODY, Context: { userId: 'u1', plan: 'pro' } },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('version-label')).toBe('f1');
      expect(response.headers.get('next-poll-interval-in-seconds')).toBe('60');
      const token = response.headers.get('next-poll-configuration-token')!;
      expect(token).toMatch(/^AYAD/);
      expect(await response.text()).toBe('{"darkMode":{"enabled":true}}');

      // The session counts as having received that version.
      advance(target, 60_000);
      const again = await poll(target, token);
      expect(again.status).toBe(200);
      expect(await again.text()).toBe('');
      deploy(target, { darkMode: { enabled: false } }, 'f2');
      advance(target, 60_000);
      const changed = await poll(target, again.headers.get('next-poll-configuration-token')!);
      expect(changed.headers.get('version-label')).toBe('f2');
      expect(await changed.text()).toBe('{"darkMode":{"enabled":false}}');
    },
  );

  it.each([PLAIN, 'application/json'])(
    'answers the standard 201 without the parameter (Content-Type %s)',
    async (contentType) => {
      const response = await start(target, { query: '', contentType });
      expect(response.status).toBe(201);
      expect(response.headers.get('next-poll-configuration-token')).toBeNull();
      const { InitialConfigurationToken } = (await response.json()) as {
        InitialConfigurationToken: string;
      };
      const first = await poll(target, InitialConfigurationToken);
      expect(await first.text()).toBe('{"darkMode":{"enabled":true}}');
    },
  );

  it('applies the interval from its answer when the session asked for a minimum', async () => {
    const response = await start(target, {
      body: { ...BODY, RequiredMinimumPollIntervalInSeconds: 60 },
    });
    expect(response.status).toBe(200);
    advance(target, 1000);
    const early = await poll(target, response.headers.get('next-poll-configuration-token')!);
    expect(early.status).toBe(400);
    expect(((await early.json()) as { Message: string }).Message).toBe('Request too early');
  });

  it('answers the errors StartConfigurationSession would give', async () => {
    const missing = await start(target, { body: { ...BODY, ApplicationIdentifier: 'NoSuchApp' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(((await missing.json()) as { ResourceType: string }).ResourceType).toBe('Application');
    const invalid = await start(target, {
      body: { ...BODY, RequiredMinimumPollIntervalInSeconds: 5 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-amzn-errortype')).toBe('BadRequestException');
  });

  it('exposes the poll headers to a cross-origin page, as for a GET', async () => {
    const response = await start(target, { origin: APP_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toMatch(/^(\*|https:\/\/app)/);
    const exposed = response.headers.get('access-control-expose-headers')!.toLowerCase();
    for (const name of [
      'next-poll-configuration-token',
      'next-poll-interval-in-seconds',
      'version-label',
    ]) {
      expect(exposed).toContain(name);
    }
  });
});

describe('what the combined call costs upstream', () => {
  it('pass-through: one StartConfigurationSession and one GetLatestConfiguration', async () => {
    const sessions = upstream.count('StartConfigurationSession');
    const polls = upstream.count('GetLatestConfiguration');
    expect((await start('pass-through proxy')).status).toBe(200);
    expect(upstream.count('StartConfigurationSession')).toBe(sessions + 1);
    expect(upstream.count('GetLatestConfiguration')).toBe(polls + 1);
  });

  it('fan-out: nothing while the proxy holds a fresh copy', async () => {
    expect((await start('fan-out proxy')).status).toBe(200); // warms the copy if needed
    const calls = upstream.count();
    for (let i = 0; i < 5; i++) expect((await start('fan-out proxy')).status).toBe(200);
    expect(upstream.count()).toBe(calls);
  });

  it('the emulator logs it as one StartConfigurationSession that served a version', async () => {
    emulator.clearRequests();
    await start('emulator');
    expect(emulator.requests).toMatchObject([
      { operation: 'StartConfigurationSession', status: 200, combined: true, empty: false },
    ]);
  });
});
