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
  /**
   * Answers a request instead of the emulator when it returns a response (a gateway's own 429,
   * say); recorded like any other. Undefined lets the request through.
   */
  intercept?: (url: URL) => Response | undefined;
  /**
   * Sits between the client and the recorder: a fetch that never settles, whatever its signal
   * says, never reaches the recorder (or any server). Undefined lets the request through.
   */
  outerFetch?: (next: typeof fetch) => typeof fetch;
  /** The recorder's clock (request times). Default `Date.now`. */
  clock?: () => number;
  /**
   * A server that does not combine the first two calls (any AppConfig Data endpoint but ours): the
   * session start's `?include=configuration` is dropped on its way, so it answers the standard 201.
   */
  standardServer?: boolean;
}

/** The request without `?include=configuration`, as a server that ignores it would read it. */
export function withoutInclude(input: RequestInfo | URL): string {
  const url = new URL(input instanceof Request ? input.url : String(input));
  url.searchParams.delete('include');
  return url.href;
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
  const { transformResponse, intercept, outerFetch, clock, standardServer } = harnessOptions;
  const upstream: typeof fetch = async (input, init) => {
    const answer = intercept?.(new URL(String(input)));
    if (answer) return answer;
    const response = await emulator.fetch(standardServer ? withoutInclude(input) : input, init);
    return transformResponse ? transformResponse(response) : response;
  };
  const recorder = recordingFetch(upstream, clock);
  const client = createAppConfigClient<T>({
    endpoint: 'http://emulator.test',
    ...IDS,
    fetch: outerFetch ? outerFetch(recorder.fetch) : recorder.fetch,
    ...clientOptions,
  });
  // Polls: GetLatestConfiguration, and a session start that answered with the first configuration.
  const gets = () =>
    recorder.requests.filter((r) => r.operation === 'GetLatestConfiguration' || r.combined);
  const starts = () => recorder.requests.filter((r) => r.operation === 'StartConfigurationSession');
  return { emulator, client, deploy, requests: recorder.requests, gets, starts };
}
