/**
 * The server provider through the real `@openfeature/server-sdk`: against the in-process emulator
 * on virtual time (evaluations, error codes, reasons, events, one poll per interval), then over a
 * real HTTP server with the global fetch.
 */
import { OpenFeature, ProviderEvents, ProviderStatus, type Client } from '@openfeature/server-sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createAppConfigClient, type AppConfigClientOptions } from '../../src/core/index.js';
import { AppConfigServerProvider } from '../../src/openfeature/server/index.js';
import { serve, type ServedHandler } from '../../src/server/node/serve.js';
import { createTestEmulator, type TestEmulator } from '../../src/testing/index.js';
import {
  FLAGS,
  SETTINGS_YAML,
  START,
  clientOptions,
  counts,
  createEmulator,
  freshDomain,
  memoryStorage,
  recordEvents,
  settle,
  type RecordedEvent,
} from './harness.js';

const EVENT_TYPES = [
  ProviderEvents.Ready,
  ProviderEvents.Error,
  ProviderEvents.Stale,
  ProviderEvents.ConfigurationChanged,
];

let emulator: TestEmulator;
afterEach(async () => {
  await OpenFeature.clearProviders();
  emulator.close();
  vi.useRealTimers();
});

interface Setup {
  provider: AppConfigServerProvider;
  client: Client;
  events: RecordedEvent[];
  initError: unknown;
}

async function setUp(
  overrides: Partial<AppConfigClientOptions<unknown>> = {},
  provider = new AppConfigServerProvider(clientOptions(emulator, overrides)),
): Promise<Setup> {
  const domain = freshDomain('server');
  const client = OpenFeature.getClient(domain);
  const events = recordEvents(client, EVENT_TYPES);
  const initError = await settle(OpenFeature.setProviderAndWait(domain, provider));
  return { provider, client, events, initError };
}

const deploySettings = (content = SETTINGS_YAML) =>
  emulator.deploy({
    ...emulator.ids,
    profile: 'settings',
    type: 'AWS.Freeform',
    content,
    contentType: 'application/x-yaml',
    versionLabel: 's1',
  });

describe('on the in-process emulator', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
    emulator = createEmulator();
  });

  it('evaluates every type, from flags and from a free-form configuration', async () => {
    const { client, initError } = await setUp();
    expect(initError).toBeUndefined();
    expect(await client.getBooleanDetails('darkMode', false)).toMatchObject({
      value: true,
      reason: 'STATIC',
      flagMetadata: { versionLabel: 'v1', contentType: 'application/json', fetchedAt: START },
    });
    expect(await client.getBooleanDetails('betaBanner', true)).toMatchObject({
      value: false,
      reason: 'DISABLED',
    });
    expect(await client.getStringValue('checkout.currency', '')).toBe('EUR');
    expect(await client.getNumberValue('checkout.maxItems', 0)).toBe(25);
    expect(await client.getObjectValue('/checkout/tiers', [])).toEqual(['gold', 'silver']);
    expect(await client.getNumberDetails('legacy.limit', 9)).toMatchObject({
      value: 9,
      reason: 'DISABLED',
    });

    deploySettings();
    const settings = await setUp({ profile: 'settings' });
    expect(await settings.client.getStringValue('theme', '')).toBe('dark');
    expect(await settings.client.getNumberValue('/limits/maxItems', 0)).toBe(12);
    expect(await settings.client.getObjectValue('limits', {})).toEqual({
      maxItems: 12,
      ratio: 0.5,
    });
    expect(await settings.client.getBooleanValue('beta', false)).toBe(true);
  });

  it('answers each error code', async () => {
    const { client } = await setUp();
    expect(await client.getStringDetails('nope', 'd')).toMatchObject({
      value: 'd',
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
    });
    expect((await client.getStringDetails('checkout.maxItems', 'd')).errorCode).toBe(
      'TYPE_MISMATCH',
    );
    expect((await client.getStringDetails('a..b', 'd')).errorCode).toBe('GENERAL');

    deploySettings();
    const refused = await setUp({
      profile: 'settings',
      schema: z.object({ theme: z.literal('light') }),
    });
    expect((await refused.client.getStringDetails('theme', 'd')).errorCode).toBe('PARSE_ERROR');

    emulator.faults.inject({ kind: 'network' });
    const offline = await setUp();
    expect(offline.client.providerStatus).toBe(ProviderStatus.ERROR);
    expect(await offline.client.getBooleanDetails('darkMode', false)).toMatchObject({
      errorCode: 'PROVIDER_NOT_READY',
      errorMessage: expect.stringMatching(/NetworkError/),
    });

    const missing = await setUp({ profile: 'nowhere' });
    expect(await missing.client.getBooleanDetails('darkMode', false)).toMatchObject({
      errorCode: 'GENERAL',
      errorMessage: expect.stringMatching(/^AppConfig stopped: ResourceNotFoundException/),
    });
  });

  it('answers CACHED from storage and DEFAULT from the initial configuration', async () => {
    const storage = memoryStorage();
    const earlier = createAppConfigClient({ ...clientOptions(emulator), storage });
    await settle(earlier.poll());
    earlier.dispose();
    emulator.faults.inject({ kind: 'delay', delayMs: 5_000, count: 2 });
    const cached = await setUp({ storage });
    expect((await cached.client.getBooleanDetails('darkMode', false)).reason).toBe('CACHED');
    const initial = await setUp({
      initialConfiguration: { configuration: { darkMode: { enabled: true } } },
    });
    expect((await initial.client.getBooleanDetails('darkMode', false)).reason).toBe('DEFAULT');
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await cached.client.getBooleanDetails('darkMode', false)).reason).toBe('STATIC');
    expect((await initial.client.getBooleanDetails('darkMode', false)).reason).toBe('STATIC');
  });

  it('emits READY, CONFIGURATION_CHANGED with the changed keys, STALE and READY again', async () => {
    const { client, events } = await setUp();
    await client.getNumberValue('checkout.maxItems', 0);
    await client.getBooleanValue('checkout', false);
    emulator.deployFlags(
      { ...FLAGS, checkout: { ...(FLAGS.checkout as object), enabled: true, maxItems: 30 } },
      { versionLabel: 'v2' },
    );
    await vi.advanceTimersByTimeAsync(60_000);
    emulator.faults.inject({ kind: 'internal' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await client.getNumberDetails('checkout.maxItems', 0)).reason).toBe('STALE');
    expect(client.providerStatus).toBe(ProviderStatus.STALE);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(events).toEqual([
      { type: 'PROVIDER_READY' },
      { type: 'PROVIDER_CONFIGURATION_CHANGED', flagsChanged: ['checkout.maxItems'] },
      { type: 'PROVIDER_STALE', message: expect.stringMatching(/^InternalServerException: /) },
      { type: 'PROVIDER_READY' },
    ]);
    expect(await client.getNumberDetails('checkout.maxItems', 0)).toMatchObject({
      value: 30,
      reason: 'STATIC',
      flagMetadata: { versionLabel: 'v2' },
    });
  });

  it('emits PROVIDER_ERROR when the first attempt fails, then READY', async () => {
    emulator.faults.inject({ kind: 'throttle' });
    const { client, events, initError } = await setUp();
    expect((initError as Error).name).toBe('ThrottlingException');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(events.map((event) => event.type)).toEqual(['PROVIDER_ERROR', 'PROVIDER_READY']);
    expect(await client.getBooleanValue('darkMode', false)).toBe(true);
  });

  it('makes one session and one poll per interval for any number of concurrent evaluations', async () => {
    const { client } = await setUp();
    for (let interval = 1; interval <= 5; interval += 1) {
      const values = await Promise.all(
        Array.from({ length: 500 }, () => client.getBooleanValue('darkMode', false)),
      );
      expect(values.every(Boolean)).toBe(true);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(counts(emulator)).toEqual({ starts: 1, gets: 1 + interval });
    }
  });
});

/** An emulator that refuses requests not signed with `credentials`, serving FLAGS as v1. */
function createEmulatorWithSignatures(credentials: {
  accessKeyId: string;
  secretAccessKey: string;
}) {
  const signed = createTestEmulator({ requireSignature: { credentials, region: 'us-east-1' } });
  signed.deployFlags(FLAGS, { versionLabel: 'v1' });
  return signed;
}

describe('over a real HTTP server', () => {
  let server: ServedHandler;
  beforeAll(async () => {
    server = await serve((request) => emulator.handle(request), { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    emulator = createEmulator();
  });

  it('reads flags with the global fetch, and a new deployment after reset()', async () => {
    const provider = new AppConfigServerProvider({ endpoint: server.url, ...emulator.ids });
    const { client, events, initError } = await setUp({}, provider);
    expect(initError).toBeUndefined();
    expect(await client.getBooleanValue('darkMode', false)).toBe(true);
    expect(await client.getNumberValue('checkout.maxItems', 0)).toBe(25);

    emulator.deployFlags({ ...FLAGS, darkMode: false }, { versionLabel: 'v2' });
    // A new session answers at once; the next poll would be a minute away.
    const changed = new Promise((resolve) =>
      client.addHandler(ProviderEvents.ConfigurationChanged, resolve),
    );
    provider.client.reset();
    await provider.client.poll();
    await changed;
    expect(await client.getBooleanDetails('darkMode', true)).toMatchObject({
      value: false,
      reason: 'DISABLED',
      flagMetadata: { versionLabel: 'v2' },
    });
    expect(events.at(-1)).toEqual({
      type: 'PROVIDER_CONFIGURATION_CHANGED',
      flagsChanged: ['darkMode'],
    });
    expect(counts(emulator)).toEqual({ starts: 2, gets: 2 });
  });

  it('reads flags straight through the AWS SDK (aws option, fake static credentials)', async () => {
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'fake-secret' };
    const signed = createEmulatorWithSignatures(credentials);
    const signedServer = await serve((request) => signed.handle(request), {
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const provider = new AppConfigServerProvider({
        ...signed.ids,
        aws: { clientConfig: { endpoint: signedServer.url, region: 'us-east-1', credentials } },
      });
      const { client, initError } = await setUp({}, provider);
      expect(initError).toBeUndefined();
      expect(await client.getBooleanDetails('darkMode', false)).toMatchObject({
        value: true,
        reason: 'STATIC',
        flagMetadata: { versionLabel: 'v1' },
      });
      expect(await client.getNumberValue('checkout.maxItems', 0)).toBe(25);
      // Every request was signed by the SDK and checked by the emulator.
      expect(signed.requests.map((entry) => entry.status)).toEqual([201, 200]);
    } finally {
      await OpenFeature.clearProviders();
      signed.close();
      await signedServer.close();
    }
  });

  it('reports an unknown profile as PROVIDER_ERROR and GENERAL', async () => {
    const provider = new AppConfigServerProvider({
      endpoint: server.url,
      ...emulator.ids,
      profile: 'nowhere',
    });
    const { client, events, initError } = await setUp({}, provider);
    expect((initError as Error).name).toBe('ResourceNotFoundException');
    expect(events.map((event) => event.type)).toEqual(['PROVIDER_ERROR']);
    expect((await client.getBooleanDetails('darkMode', false)).errorCode).toBe('GENERAL');
  });
});
