/**
 * Shared setup of the OpenFeature tests: the in-process emulator (requests counted at the
 * emulator), virtual time, and a fresh OpenFeature domain per provider so tests never share the
 * SDK's global state. Call `vi.useFakeTimers({ now: START })` first.
 */
import { vi } from 'vitest';
import type { AppConfigClientOptions, ConfigurationStorage } from '../../src/core/index.js';
import { createTestEmulator, type TestEmulator, type TestFlags } from '../../src/testing/index.js';

export const START = Date.parse('2026-01-01T00:00:00Z');

/** Feature flags most tests serve (`legacy` is disabled, so its attribute is not served). */
export const FLAGS: TestFlags = {
  darkMode: true,
  betaBanner: false,
  checkout: {
    enabled: true,
    maxItems: 25,
    currency: 'EUR',
    express: true,
    tiers: ['gold', 'silver'],
  },
  legacy: { enabled: false, limit: 3 },
};

/** A free-form YAML profile (`settings`), deployed beside the flags. */
export const SETTINGS_YAML =
  'theme: dark\nlimits:\n  maxItems: 12\n  ratio: 0.5\nbanner.text: Spring sale\nbeta: true\n';

export function createEmulator(flags: TestFlags = FLAGS): TestEmulator {
  const emulator = createTestEmulator();
  emulator.deployFlags(flags, { versionLabel: 'v1' });
  return emulator;
}

/** Client options for the emulator's profile (`flags`, or another one of the same app). */
export function clientOptions(
  emulator: TestEmulator,
  overrides: Partial<AppConfigClientOptions<unknown>> = {},
): AppConfigClientOptions<unknown> {
  return {
    endpoint: 'http://emulator.test',
    fetch: emulator.fetch as typeof fetch,
    ...emulator.ids,
    ...overrides,
  };
}

/** Requests the emulator answered, by operation. */
export const counts = (emulator: TestEmulator) => ({
  starts: emulator.requests.filter((entry) => entry.operation === 'StartConfigurationSession')
    .length,
  // Polls: GetLatestConfiguration, and session starts answered with the first configuration.
  gets: emulator.requests.filter(
    (entry) => entry.operation === 'GetLatestConfiguration' || entry.combined === true,
  ).length,
});

export function memoryStorage(): ConfigurationStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

let domains = 0;
/** A domain name no other test uses. */
export const freshDomain = (name: string) => `${name}-${(domains += 1)}`;

/** Settles `promise` (under fake timers, while virtual time runs the first poll); returns its error, if any. */
export async function settle(promise: Promise<unknown>, ms = 0): Promise<unknown> {
  const outcome = promise.then(
    () => undefined,
    (error: unknown) => error ?? new Error('rejected without a reason'),
  );
  // Real time (the socket tests) needs no advancing: the outcome comes by itself.
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(ms);
  return outcome;
}

/** One recorded OpenFeature event. */
export interface RecordedEvent {
  type: string;
  flagsChanged?: string[];
  message?: string;
}

interface EventDetails {
  flagsChanged?: string[];
  message?: string;
}

/** Records what an SDK client's handlers see (a web or a server client). */
export function recordEvents(client: object, types: readonly string[]): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  const target = client as {
    addHandler(type: string, handler: (details?: EventDetails) => void): void;
  };
  for (const type of types) {
    target.addHandler(type, (details) => {
      const event: RecordedEvent = { type };
      if (details?.flagsChanged) event.flagsChanged = details.flagsChanged;
      if (details?.message) event.message = details.message;
      events.push(event);
    });
  }
  return events;
}
