/** Shared helpers for the emulator tests: a controllable clock and the two calls over `fetch`. */
import { createEmulator } from '../../src/server/emulator/create-emulator.js';
import type { Emulator, EmulatorOptions } from '../../src/server/emulator/types.js';

/** Identifiers of the freeform profile most tests deploy. */
export const IDS = {
  ApplicationIdentifier: 'DemoApp',
  EnvironmentIdentifier: 'Development',
  ConfigurationProfileIdentifier: 'Settings',
} as const;

export const ORIGIN = 'http://emulator.test';

/** A deterministic random source (mulberry32) so IDs are stable across runs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An emulator on a mutable clock (ms), with `Settings` deployed as JSON `{"theme":"light"}` v1. */
export function setup(options: EmulatorOptions = {}) {
  const clock = { now: 0 };
  const emulator = createEmulator({ now: () => clock.now, random: seededRandom(42), ...options });
  const deployed = emulator.deploy({
    application: IDS.ApplicationIdentifier,
    environment: IDS.EnvironmentIdentifier,
    profile: IDS.ConfigurationProfileIdentifier,
    content: { theme: 'light' },
    versionLabel: 'v1',
  });
  return { emulator, clock, deployed, ...calls(emulator) };
}

/** The two operations against `emulator.fetch`. */
export function calls(emulator: Pick<Emulator, 'fetch'>, base = ORIGIN) {
  const start = (body: unknown = IDS, init: RequestInit = {}) =>
    emulator.fetch(`${base}/configurationsessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
  const startToken = async (body: unknown = IDS): Promise<string> => {
    const response = await start(body);
    if (response.status !== 201)
      throw new Error(`start failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { InitialConfigurationToken: string })
      .InitialConfigurationToken;
  };
  const poll = (token: string) =>
    emulator.fetch(`${base}/configuration?configuration_token=${encodeURIComponent(token)}`);
  return { start, startToken, poll };
}

/** The parts of an error response the tests check. */
export async function errorOf(response: Response) {
  const body = (await response.json()) as {
    Message: string;
    Reason?: string;
    Details?: { InvalidParameters?: Record<string, { Problem?: string }> };
    ResourceType?: string;
    ReferencedBy?: Record<string, string>;
  };
  return {
    status: response.status,
    type: response.headers.get('x-amzn-errortype'),
    message: body.Message,
    problem: body.Details?.InvalidParameters?.ConfigurationToken?.Problem,
    body,
  };
}

/** Body of a response as text. */
export const text = (response: Response) => response.text();
