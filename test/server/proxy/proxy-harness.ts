/**
 * The proxy's test bench: an emulator that REQUIRES SigV4 (verified with the AWS signing library)
 * served on 127.0.0.1:0 as the fake AWS, and proxies pointed at it through the official SDK with
 * fake static credentials. Proxy and emulator share one mutable clock; signatures use the wall
 * clock, as real signers do.
 */
import { createEmulator } from '../../../src/server/emulator/create-emulator.js';
import type { Emulator, EmulatorOptions } from '../../../src/server/emulator/types.js';
import { serve, type ServedHandler } from '../../../src/server/node/serve.js';
import { createProxy } from '../../../src/server/proxy/create-proxy.js';
import type { AppConfigProxy, ProxyOptions } from '../../../src/server/proxy/types.js';
import { seededRandom } from '../emulator-harness.js';

/** Fake credentials: the emulator accepts exactly these, and nothing here is a real AWS key. */
export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret' };
export const REGION = 'us-east-1';
export const SECRET = 'proxy-test-secret-0123456789abcdefghij';
export const OTHER_SECRET = 'another-proxy-secret-0123456789abcdefgh';

/** Allowed and served by the emulator. */
export const FLAGS = { application: 'DemoApp', environment: 'Production', profile: 'Flags' };
export const SETTINGS = { application: 'DemoApp', environment: 'Development', profile: 'Settings' };
/** Deployed upstream but NOT on the allow-list. */
export const INTERNAL = { application: 'DemoApp', environment: 'Development', profile: 'Internal' };
/** On the allow-list but never created upstream. */
export const GHOST = { application: 'DemoApp', environment: 'Production', profile: 'Ghost' };

export const ORIGIN = 'http://proxy.test';
export const APP_ORIGIN = 'https://app.example.com';

const body = (t: { application: string; environment: string; profile: string }, extra = {}) =>
  JSON.stringify({
    ApplicationIdentifier: t.application,
    EnvironmentIdentifier: t.environment,
    ConfigurationProfileIdentifier: t.profile,
    ...extra,
  });

/**
 * Rewrites a 400 the way an AWS answer without `Details` would look: no `Reason`, no `Details`,
 * and a message that names nothing, so only the status and the error type are left to go by.
 */
async function withoutDetails(response: Response): Promise<Response> {
  if (response.status !== 400) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  await response.arrayBuffer();
  return new Response(JSON.stringify({ Message: 'Bad Request' }), { status: 400, headers });
}

/** Options of the fake AWS besides the emulator's. */
export interface UpstreamOptions extends EmulatorOptions {
  /** Answer every 400 without `Reason`, `Details` or a telling message. */
  stripErrorDetails?: boolean;
}

/** The fake AWS: a signature-checking emulator on a real socket. */
export async function startUpstream(upstreamOptions: UpstreamOptions = {}) {
  const { stripErrorDetails = false, ...options } = upstreamOptions;
  const clock = { now: Date.UTC(2030, 0, 1) };
  const emulator: Emulator = createEmulator({
    now: () => clock.now,
    random: seededRandom(7),
    requireSignature: { credentials: CREDENTIALS, region: REGION },
    ...options,
  });
  emulator.deploy({ ...FLAGS, content: { darkMode: { enabled: true } }, versionLabel: 'f1' });
  emulator.deploy({ ...SETTINGS, content: { theme: 'light' }, versionLabel: 'v1' });
  emulator.deploy({ ...INTERNAL, content: { adminPassword: 'hunter2' } });
  /** Host header of every request that reached the fake AWS. */
  const hosts: string[] = [];
  const server: ServedHandler = await serve(
    (request) => {
      hosts.push(request.headers.get('host') ?? '');
      const response = emulator.handle(request);
      return stripErrorDetails ? response.then(withoutDetails) : response;
    },
    { port: 0, host: '127.0.0.1' },
  );
  return {
    emulator,
    clock,
    server,
    hosts,
    /** Requests the fake AWS received, by operation. */
    count(operation?: 'StartConfigurationSession' | 'GetLatestConfiguration') {
      return emulator.requests.filter((r) => !operation || r.operation === operation).length;
    },
    close: async () => {
      emulator.close();
      await server.close();
    },
  };
}

export type Upstream = Awaited<ReturnType<typeof startUpstream>>;

/** A proxy in front of `upstream`, with FLAGS, SETTINGS and GHOST allowed; no rate limit. */
export function proxyFor(upstream: Upstream, options: Partial<ProxyOptions> = {}): AppConfigProxy {
  return createProxy({
    allow: [FLAGS, SETTINGS, GHOST],
    secret: SECRET,
    region: REGION,
    endpoint: upstream.server.url,
    credentials: CREDENTIALS,
    clientConfig: { maxAttempts: 1 },
    now: () => upstream.clock.now,
    rateLimit: false,
    ...options,
  });
}

/** The two operations against a proxy's (or emulator's) in-process fetch, like a browser. */
export function browser(target: Pick<AppConfigProxy, 'fetch'>, base = ORIGIN) {
  const start = (
    triple: { application: string; environment: string; profile: string } = FLAGS,
    extra: Record<string, unknown> = {},
    init: RequestInit = {},
  ) =>
    target.fetch(`${base}/configurationsessions`, {
      method: 'POST',
      body: body(triple, extra),
      ...init,
      headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    });
  const startToken = async (
    triple: { application: string; environment: string; profile: string } = FLAGS,
    extra: Record<string, unknown> = {},
    init: RequestInit = {},
  ): Promise<string> => {
    const response = await start(triple, extra, init);
    if (response.status !== 201)
      throw new Error(`start failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { InitialConfigurationToken: string })
      .InitialConfigurationToken;
  };
  const poll = (token: string, init: RequestInit = {}) =>
    target.fetch(`${base}/configuration?configuration_token=${encodeURIComponent(token)}`, init);
  return { start, startToken, poll };
}

/** The parts of a response the tests compare. */
export async function answer(response: Response) {
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    type: response.headers.get('x-amzn-errortype'),
    message: json?.Message as string | undefined,
    problem: (json?.Details as { InvalidParameters?: Record<string, { Problem?: string }> })
      ?.InvalidParameters?.ConfigurationToken?.Problem,
    json,
    text,
    headers: response.headers,
  };
}

export const nextToken = (response: Response) =>
  response.headers.get('next-poll-configuration-token')!;
