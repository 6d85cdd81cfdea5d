/**
 * The web provider through the real `@openfeature/web-sdk` against the in-process emulator, on
 * virtual time: every evaluation type, each error code and reason, and each event.
 */
import { OpenFeature, ProviderEvents, ProviderStatus, type Client } from '@openfeature/web-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createAppConfigClient, type AppConfigClientOptions } from '../../src/core/index.js';
import { AppConfigWebProvider } from '../../src/openfeature/index.js';
import type { TestEmulator } from '../../src/testing/index.js';
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
beforeEach(() => {
  vi.useFakeTimers({ now: START });
  emulator = createEmulator();
});
afterEach(async () => {
  await OpenFeature.clearProviders();
  emulator.close();
  vi.useRealTimers();
});

interface Setup {
  provider: AppConfigWebProvider;
  client: Client;
  events: RecordedEvent[];
  /** The error `setProviderAndWait` rejected with, if it did. */
  initError: unknown;
}

/** Sets a provider on a fresh domain, with its events recorded, and runs the first poll. */
async function setUp(
  overrides: Partial<AppConfigClientOptions<unknown>> = {},
  provider = new AppConfigWebProvider(clientOptions(emulator, overrides)),
): Promise<Setup> {
  const domain = freshDomain('web');
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

describe('evaluations', () => {
  it('reads a boolean from a flag’s enabled', async () => {
    const { client, initError } = await setUp();
    expect(initError).toBeUndefined();
    expect(client.getBooleanDetails('darkMode', false)).toMatchObject({
      value: true,
      reason: 'STATIC',
    });
    expect(client.getBooleanDetails('betaBanner', true)).toMatchObject({
      value: false,
      reason: 'DISABLED',
    });
    expect(client.getBooleanDetails('legacy', true)).toMatchObject({
      value: false,
      reason: 'DISABLED',
    });
    expect(client.getBooleanDetails('darkMode', false).errorCode).toBeUndefined();
  });

  it('reads strings, numbers, booleans and objects from attributes (dotted or JSON pointer)', async () => {
    const { client } = await setUp();
    expect(client.getStringDetails('checkout.currency', 'USD')).toMatchObject({
      value: 'EUR',
      reason: 'STATIC',
    });
    expect(client.getNumberValue('checkout.maxItems', 0)).toBe(25);
    expect(client.getBooleanValue('checkout.express', false)).toBe(true);
    expect(client.getObjectValue('checkout.tiers', [])).toEqual(['gold', 'silver']);
    expect(client.getObjectValue('checkout', {})).toEqual({ ...(FLAGS.checkout as object) });
    expect(client.getNumberValue('/checkout/maxItems', 0)).toBe(25);
    expect(client.getStringValue('/checkout/tiers/1', '')).toBe('silver');
  });

  it('gives a disabled flag’s attribute the default value, with reason DISABLED', async () => {
    const { client } = await setUp();
    const details = client.getNumberDetails('legacy.limit', 7);
    expect(details).toMatchObject({ value: 7, reason: 'DISABLED' });
    expect(details.errorCode).toBeUndefined();
  });

  it('reads a free-form YAML configuration by dotted path and JSON pointer', async () => {
    deploySettings();
    const { client } = await setUp({ profile: 'settings' });
    expect(client.getStringValue('theme', 'light')).toBe('dark');
    expect(client.getNumberValue('limits.maxItems', 0)).toBe(12);
    expect(client.getNumberValue('/limits/ratio', 0)).toBe(0.5);
    // A member name with a dot needs the pointer.
    expect(client.getStringValue('/banner.text', '')).toBe('Spring sale');
    expect(client.getBooleanValue('beta', false)).toBe(true);
    expect(client.getObjectValue('limits', {})).toEqual({ maxItems: 12, ratio: 0.5 });
  });

  it('reports the version label, content type, fetch time and source in flagMetadata', async () => {
    deploySettings();
    const { client } = await setUp({ profile: 'settings' });
    expect(client.getStringDetails('theme', '').flagMetadata).toEqual({
      versionLabel: 's1',
      contentType: 'application/x-yaml',
      fetchedAt: START,
      source: 'network',
    });
    // Errors keep the configuration's metadata too.
    expect(client.getStringDetails('nope', '').flagMetadata).toMatchObject({ versionLabel: 's1' });
  });
});

describe('error codes', () => {
  it('FLAG_NOT_FOUND for a missing flag, attribute, member or item', async () => {
    const { client } = await setUp();
    for (const key of ['newSearch', 'checkout.nope', 'darkMode.color', '/checkout/tiers/5']) {
      expect(client.getStringDetails(key, 'fallback'), key).toMatchObject({
        value: 'fallback',
        reason: 'ERROR',
        errorCode: 'FLAG_NOT_FOUND',
      });
    }
    expect(client.getStringDetails('checkout.nope', '').errorMessage).toBe(
      'Flag key "checkout.nope": "checkout" has no member "nope".',
    );
  });

  it('TYPE_MISMATCH for a value of another type', async () => {
    const { client } = await setUp();
    expect(client.getStringDetails('checkout.maxItems', 'x')).toMatchObject({
      value: 'x',
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
      errorMessage: 'Flag key "checkout.maxItems" holds a number, not a string.',
    });
    expect(client.getNumberDetails('checkout.currency', 1).errorCode).toBe('TYPE_MISMATCH');
    expect(client.getBooleanDetails('checkout.maxItems', false).errorCode).toBe('TYPE_MISMATCH');
    expect(client.getObjectDetails('checkout.currency', {}).errorCode).toBe('TYPE_MISMATCH');
    expect(client.getStringDetails('darkMode', '').errorMessage).toBe(
      'Flag key "darkMode" holds a flag, not a string.',
    );
  });

  it('PARSE_ERROR for a configuration that is not a document, or one that did not decode', async () => {
    emulator.deploy({
      ...emulator.ids,
      profile: 'text',
      type: 'AWS.Freeform',
      content: 'just text',
      contentType: 'text/plain',
    });
    const text = await setUp({ profile: 'text' });
    expect(text.client.getStringDetails('theme', 'x')).toMatchObject({
      value: 'x',
      errorCode: 'PARSE_ERROR',
    });

    // A configuration the app's schema refuses, with no good one before it.
    deploySettings();
    const refused = await setUp({
      profile: 'settings',
      schema: z.object({ theme: z.literal('light') }),
    });
    expect((refused.initError as Error).name).toBe('ConfigurationDecodeError');
    expect(refused.client.getStringDetails('theme', 'x')).toMatchObject({
      value: 'x',
      reason: 'ERROR',
      errorCode: 'PARSE_ERROR',
    });
    expect(refused.client.getStringDetails('theme', 'x').errorMessage).toMatch(
      /^ConfigurationDecodeError: /,
    );
  });

  it('PROVIDER_NOT_READY before the first configuration, and while the first attempts fail', async () => {
    emulator.faults.inject({
      kind: 'delay',
      delayMs: 5_000,
      operation: 'StartConfigurationSession',
    });
    const domain = freshDomain('web');
    const client = OpenFeature.getClient(domain);
    const ready = OpenFeature.setProviderAndWait(
      domain,
      new AppConfigWebProvider(clientOptions(emulator)),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    // The SDK answers this itself while initialize() is pending.
    expect(client.getBooleanDetails('darkMode', false)).toMatchObject({
      value: false,
      errorCode: 'PROVIDER_NOT_READY',
    });
    await settle(ready, 5_000);
    expect(client.getBooleanValue('darkMode', false)).toBe(true);

    emulator.faults.inject({ kind: 'throttle', count: 3 });
    const throttled = await setUp();
    expect(throttled.client.providerStatus).toBe(ProviderStatus.ERROR);
    // Now the provider answers: no configuration yet, and it keeps trying.
    expect(throttled.client.getBooleanDetails('darkMode', false)).toMatchObject({
      value: false,
      reason: 'ERROR',
      errorCode: 'PROVIDER_NOT_READY',
    });
    expect(throttled.client.getBooleanDetails('darkMode', false).errorMessage).toMatch(
      /ThrottlingException/,
    );
  });

  it('GENERAL when AppConfig stopped (unknown profile) and for a key neither syntax accepts', async () => {
    const missing = await setUp({ profile: 'nowhere' });
    expect((missing.initError as Error).name).toBe('ResourceNotFoundException');
    expect(missing.client.getBooleanDetails('darkMode', true)).toMatchObject({
      value: true,
      reason: 'ERROR',
      errorCode: 'GENERAL',
    });
    expect(missing.client.getBooleanDetails('darkMode', true).errorMessage).toMatch(
      /^AppConfig stopped: ResourceNotFoundException: /,
    );

    const { client } = await setUp();
    expect(client.getBooleanDetails('checkout..express', false)).toMatchObject({
      errorCode: 'GENERAL',
      errorMessage: expect.stringMatching(/has an empty name/),
    });
    expect(client.getBooleanDetails('/checkout~2', false).errorCode).toBe('GENERAL');
  });
});

describe('reasons', () => {
  it('CACHED for a persisted configuration, then STATIC once AppConfig answers', async () => {
    const storage = memoryStorage();
    const earlier = createAppConfigClient({ ...clientOptions(emulator), storage });
    await settle(earlier.poll());
    earlier.dispose();
    emulator.clearRequests();
    emulator.faults.inject({ kind: 'delay', delayMs: 5_000 });

    const domain = freshDomain('web');
    const client = OpenFeature.getClient(domain);
    const events = recordEvents(client, EVENT_TYPES);
    const provider = new AppConfigWebProvider({ ...clientOptions(emulator), storage });
    // Ready from storage before any answer: no virtual time has to pass.
    await OpenFeature.setProviderAndWait(domain, provider);
    expect(client.getBooleanDetails('darkMode', false)).toMatchObject({
      value: true,
      reason: 'CACHED',
      flagMetadata: { source: 'persisted', versionLabel: 'v1' },
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(client.getBooleanDetails('darkMode', false)).toMatchObject({
      value: true,
      reason: 'STATIC',
    });
    // The same values, now confirmed by AppConfig: only the key read before changed (its reason).
    expect(events).toEqual([
      { type: 'PROVIDER_READY' },
      { type: 'PROVIDER_CONFIGURATION_CHANGED', flagsChanged: ['darkMode'] },
    ]);
  });

  it('DEFAULT for the initial configuration, then STATIC', async () => {
    emulator.faults.inject({ kind: 'delay', delayMs: 5_000 });
    const domain = freshDomain('web');
    const client = OpenFeature.getClient(domain);
    const events = recordEvents(client, EVENT_TYPES);
    const provider = new AppConfigWebProvider({
      ...clientOptions(emulator),
      initialConfiguration: {
        configuration: { darkMode: { enabled: true }, betaBanner: { enabled: true } },
        versionLabel: 'built-in',
      },
    });
    await OpenFeature.setProviderAndWait(domain, provider);
    expect(client.getBooleanDetails('darkMode', false)).toMatchObject({
      value: true,
      reason: 'DEFAULT',
      flagMetadata: { source: 'initial', versionLabel: 'built-in' },
    });
    client.getBooleanValue('betaBanner', false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(client.getBooleanDetails('darkMode', false).reason).toBe('STATIC');
    expect(events.at(-1)).toEqual({
      type: 'PROVIDER_CONFIGURATION_CHANGED',
      flagsChanged: ['betaBanner', 'checkout', 'darkMode', 'legacy'],
    });
  });

  it('STALE while polls fail, with the last good values, and READY again after', async () => {
    const { client, events } = await setUp();
    emulator.faults.inject({ kind: 'throttle', count: 2 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.providerStatus).toBe(ProviderStatus.STALE);
    expect(client.getBooleanDetails('darkMode', false)).toMatchObject({
      value: true,
      reason: 'STALE',
    });
    expect(client.getNumberDetails('checkout.maxItems', 0)).toMatchObject({
      value: 25,
      reason: 'STALE',
    });
    // Backoff (1 s, then 2 s, with jitter) until the poll succeeds.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    expect(client.getBooleanDetails('darkMode', false).reason).toBe('STATIC');
    expect(events.map((event) => event.type)).toEqual([
      'PROVIDER_READY',
      'PROVIDER_STALE',
      'PROVIDER_READY',
    ]);
    expect(events[1]!.message).toMatch(/^ThrottlingException: /);
  });

  it('STALE when a deployment is refused: the last good configuration stays', async () => {
    deploySettings();
    const { client, events } = await setUp({
      profile: 'settings',
      schema: z.object({ theme: z.enum(['dark', 'light']) }).loose(),
    });
    deploySettings('theme: purple\n');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.getStringDetails('theme', '')).toMatchObject({ value: 'dark', reason: 'STALE' });
    expect(events.at(-1)).toMatchObject({
      type: 'PROVIDER_STALE',
      message: expect.stringMatching(/^ConfigurationDecodeError: /),
    });
  });
});

describe('events', () => {
  it('lists exactly the changed keys: evaluated ones by what they read, others by value', async () => {
    const { client, events } = await setUp();
    client.getBooleanValue('darkMode', false);
    client.getBooleanValue('checkout', false);
    client.getNumberValue('checkout.maxItems', 0);
    client.getStringValue('checkout.currency', '');
    emulator.deployFlags(
      {
        ...FLAGS,
        betaBanner: true,
        checkout: { ...(FLAGS.checkout as object), enabled: true, maxItems: 30 },
      },
      { versionLabel: 'v2' },
    );
    await vi.advanceTimersByTimeAsync(60_000);
    // `checkout` as a boolean and `checkout.currency` read the same as before: not listed.
    expect(events).toEqual([
      { type: 'PROVIDER_READY' },
      { type: 'PROVIDER_CONFIGURATION_CHANGED', flagsChanged: ['betaBanner', 'checkout.maxItems'] },
    ]);
    expect(client.getNumberDetails('checkout.maxItems', 0)).toMatchObject({
      value: 30,
      flagMetadata: { versionLabel: 'v2' },
    });

    // Disabling a flag changes both its boolean and its attributes.
    emulator.deployFlags(
      { ...FLAGS, betaBanner: true, checkout: { enabled: false, maxItems: 30 } },
      { versionLabel: 'v3' },
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(events.at(-1)).toEqual({
      type: 'PROVIDER_CONFIGURATION_CHANGED',
      flagsChanged: ['checkout', 'checkout.currency', 'checkout.maxItems'],
    });
    expect(client.getNumberDetails('checkout.maxItems', 5)).toMatchObject({
      value: 5,
      reason: 'DISABLED',
    });
  });

  it('announces nothing for a new version that answers every key as before', async () => {
    const { client, events } = await setUp();
    client.getBooleanValue('darkMode', false);
    emulator.deployFlags(FLAGS, { versionLabel: 'v1-again' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(events).toEqual([{ type: 'PROVIDER_READY' }]);
    // The new version is served all the same (its label is in the metadata).
    expect(client.getBooleanDetails('darkMode', false).flagMetadata.versionLabel).toBe('v1-again');
  });

  it('PROVIDER_ERROR when the first attempt fails, PROVIDER_READY when a configuration comes', async () => {
    emulator.faults.inject({ kind: 'internal', count: 2 });
    const { client, events, initError } = await setUp();
    expect((initError as Error).name).toBe('InternalServerException');
    expect(events).toEqual([
      // The SDK announces initialize()'s rejection with the error's message.
      {
        type: 'PROVIDER_ERROR',
        message: 'Internal failure (an internal fault injected into the emulator).',
      },
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events.map((event) => event.type)).toEqual(['PROVIDER_ERROR', 'PROVIDER_READY']);
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    expect(client.getBooleanDetails('darkMode', false)).toMatchObject({
      value: true,
      reason: 'STATIC',
    });
  });
});

describe('one client', () => {
  it('makes one session and one poll per interval for any number of clients and evaluations', async () => {
    const { provider } = await setUp();
    const clients = Array.from({ length: 5 }, () => OpenFeature.getClient(freshDomain('many')));
    const domain = freshDomain('shared');
    await OpenFeature.setProviderAndWait(domain, provider);
    const shared = OpenFeature.getClient(domain);
    for (let interval = 1; interval <= 5; interval += 1) {
      for (let i = 0; i < 200; i += 1) {
        shared.getBooleanValue('darkMode', false);
        shared.getNumberValue('checkout.maxItems', 0);
        for (const client of clients) client.getBooleanValue('darkMode', false);
      }
      await vi.advanceTimersByTimeAsync(60_000);
      expect(counts(emulator)).toEqual({ starts: 1, gets: 1 + interval });
    }
    expect(emulator.requests.every((entry) => entry.status < 400)).toBe(true);
  });

  it('stops polling and disposes its own client on close; a shared client stays', async () => {
    const { provider } = await setUp();
    await OpenFeature.clearProviders();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(counts(emulator)).toEqual({ starts: 1, gets: 1 });
    expect(provider.client.msUntilNextPoll()).toBe(Infinity);

    const appClient = createAppConfigClient(clientOptions(emulator));
    const sharing = await setUp({}, new AppConfigWebProvider({ client: appClient }));
    expect(sharing.provider.client).toBe(appClient);
    await OpenFeature.clearProviders();
    // Not disposed: the app can still poll it (the interval of its session has passed).
    await vi.advanceTimersByTimeAsync(60_000);
    const before = counts(emulator).gets;
    await appClient.poll();
    expect(counts(emulator).gets).toBe(before + 1);
    appClient.dispose();
  });
});
