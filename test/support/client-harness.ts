/**
 * A client wired to an in-process emulator on virtual time, with every request recorded.
 * Call `vi.useFakeTimers()` first: both sides read `Date.now()` and the global timers.
 */
import { createAppConfigClient } from '../../src/core/create-app-config-client.js';
import type { AppConfigClientOptions } from '../../src/core/types.js';
import { createEmulator } from '../../src/server/index.js';
import type { EmulatorOptions } from '../../src/server/index.js';
import { recordingFetch } from './recording-fetch.js';

export const IDS = {
  application: 'DemoApp',
  environment: 'Development',
  profile: 'Flags',
} as const;

export function flagsDocument(values: Record<string, boolean>): object {
  return {
    version: '1',
    flags: Object.fromEntries(Object.keys(values).map((key) => [key, { name: key }])),
    values: Object.fromEntries(Object.entries(values).map(([key, enabled]) => [key, { enabled }])),
  };
}

export interface HarnessOptions {
  /** Rewrites a response on its way to the client (a proxy that mangles bodies, say). */
  transformResponse?: (response: Response) => Response | Promise<Response>;
}

export function setup<T = unknown>(
  clientOptions: Partial<AppConfigClientOptions<T>> = {},
  emulatorOptions: EmulatorOptions = {},
  harnessOptions: HarnessOptions = {},
) {
  const emulator = createEmulator({ enforcePollInterval: 'always', ...emulatorOptions });
  let version = 0;
  const deploy = (values: Record<string, boolean>) => {
    version += 1;
    return emulator.deploy({
      ...IDS,
      type: 'AWS.AppConfig.FeatureFlags',
      content: flagsDocument(values),
      versionLabel: `v${version}`,
    });
  };
  const { transformResponse } = harnessOptions;
  const upstream: typeof fetch = transformResponse
    ? async (input, init) => transformResponse(await emulator.fetch(input, init))
    : (emulator.fetch as typeof fetch);
  const recorder = recordingFetch(upstream);
  const client = createAppConfigClient<T>({
    endpoint: 'http://emulator.test',
    ...IDS,
    fetch: recorder.fetch,
    ...clientOptions,
  });
  const gets = () => recorder.requests.filter((r) => r.operation === 'GetLatestConfiguration');
  const starts = () => recorder.requests.filter((r) => r.operation === 'StartConfigurationSession');
  return { emulator, client, deploy, requests: recorder.requests, gets, starts };
}
