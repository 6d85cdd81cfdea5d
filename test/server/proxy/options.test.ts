/**
 * createProxy's options, its injected-client path (no network at all), timeouts, close(), logs
 * and metrics.
 */
import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { describe, expect, it, vi } from 'vitest';
import { InvalidOptionsError } from '../../../src/core/errors.js';
import { createProxy } from '../../../src/server/proxy/create-proxy.js';
import type {
  ProxyLogEvent,
  ProxyOptions,
  UpstreamClient,
} from '../../../src/server/proxy/types.js';
import { FLAGS, SECRET, answer, browser, nextToken } from './proxy-harness.js';

const base: ProxyOptions = {
  allow: [FLAGS],
  secret: SECRET,
  region: 'us-east-1',
  rateLimit: false,
};

/** A fake AppConfigDataClient: records commands, answers from a script. */
function fakeClient(answerFor: (name: string, input: Record<string, unknown>) => unknown) {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const client: UpstreamClient = {
    async send(command: object) {
      const name = command.constructor.name;
      const input = (command as { input: Record<string, unknown> }).input;
      sent.push({ name, input });
      const result = answerFor(name, input);
      if (result instanceof Error) throw result;
      return result;
    },
  };
  return { client, sent };
}

const encoder = new TextEncoder();

describe('createProxy options', () => {
  it.each<[string, Partial<ProxyOptions>, string]>([
    ['no allow-list', { allow: [] }, 'createProxy: allow must list at least one'],
    [
      'a long name',
      { allow: [{ ...FLAGS, profile: 'p'.repeat(129) }] },
      'allow[0].profile must be a name or ID of 1 to 128 characters',
    ],
    [
      'a long upstream name',
      { allow: [{ ...FLAGS, upstream: { application: '' } }] },
      'allow[0].upstream.application must be a name or ID',
    ],
    ['a duplicate', { allow: [FLAGS, { ...FLAGS }] }, 'allow[1] repeats an earlier entry'],
    ['no secret in fan-out', { secret: undefined }, 'secret is required in fan-out mode'],
    ['a short secret', { secret: 'short' }, 'secret must be at least 32 characters'],
    ['a bad mode', { mode: 'cache' as never }, "mode must be 'fan-out' or 'pass-through'"],
    [
      'a fast browser interval',
      { pollIntervalSeconds: 5 },
      'pollIntervalSeconds must be a whole number of seconds from 15 to 86400',
    ],
    [
      'an upstream interval above the browser one',
      { pollIntervalSeconds: 30, upstreamPollIntervalSeconds: 45 },
      'upstreamPollIntervalSeconds must be a whole number of seconds from 15 to pollIntervalSeconds (30)',
    ],
    ['a wildcard origin', { cors: { origins: ['*'] } }, 'cors.origins[0] must be an exact origin'],
    [
      'an origin with a path',
      { cors: { origins: ['https://a.example/app'] } },
      'cors.origins[0] must be an exact origin',
    ],
    [
      'a bad header name',
      { cors: { origins: ['https://a.example'], allowHeaders: ['x y'] } },
      'cors.allowHeaders holds "x y"',
    ],
    [
      'a zero rate',
      { rateLimit: { requestsPerSecond: 0 } },
      'rateLimit.requestsPerSecond must be a positive number',
    ],
    ['a tiny body limit', { maxBodyBytes: 10 }, 'maxBodyBytes must be a whole number from 1024'],
    ['a relative endpoint', { endpoint: '/aws' }, 'endpoint must be an absolute http(s) URL'],
    [
      'a bad trustProxy',
      { trustProxy: 0 },
      'trustProxy must be true, false or the number of proxies',
    ],
  ])('refuses %s with InvalidOptionsError', (_name, patch, message) => {
    let error: unknown;
    try {
      createProxy({ ...base, ...patch });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidOptionsError);
    expect((error as Error).message).toContain(message);
  });

  it('accepts a real AppConfigDataClient as `client` (types and value)', async () => {
    const sdk = new AppConfigDataClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret' },
    });
    const client: UpstreamClient = sdk;
    const proxy = createProxy({ ...base, client });
    await expect(proxy.ready()).resolves.toBeUndefined();
    proxy.close(); // the proxy does not destroy a client it was given
    sdk.destroy();
  });

  it('allows pass-through without a secret', () => {
    expect(createProxy({ ...base, mode: 'pass-through', secret: undefined }).mode).toBe(
      'pass-through',
    );
  });
});

describe('an injected client', () => {
  it('receives the SDK commands with the upstream identifiers and intervals', async () => {
    let version = 1;
    const { client, sent } = fakeClient((name) =>
      name === 'StartConfigurationSessionCommand'
        ? { InitialConfigurationToken: 'up-1' }
        : {
            NextPollConfigurationToken: `up-${sent.length}`,
            NextPollIntervalInSeconds: 45,
            ContentType: 'application/json',
            VersionLabel: `v${version}`,
            Configuration: version === 1 ? encoder.encode('{"a":1}') : new Uint8Array(0),
          },
    );
    const clock = { now: 0 };
    const proxy = createProxy({
      ...base,
      client,
      now: () => clock.now,
      allow: [
        {
          ...FLAGS,
          upstream: { application: 'app-id', environment: 'env-id', profile: 'prof-id' },
        },
      ],
    });
    const b = browser(proxy);
    const first = await b.poll(await b.startToken());
    expect(await first.text()).toBe('{"a":1}');
    expect(sent).toEqual([
      {
        name: 'StartConfigurationSessionCommand',
        input: {
          ApplicationIdentifier: 'app-id',
          EnvironmentIdentifier: 'env-id',
          ConfigurationProfileIdentifier: 'prof-id',
          RequiredMinimumPollIntervalInSeconds: 45,
        },
      },
      { name: 'GetLatestConfigurationCommand', input: { ConfigurationToken: 'up-1' } },
    ]);
    version = 2; // AWS answers empty bodies from now on: the cached copy stays
    clock.now += 60_000;
    const second = await b.poll(nextToken(first));
    expect(await second.text()).toBe('');
    expect(sent[2]).toEqual({
      name: 'GetLatestConfigurationCommand',
      input: { ConfigurationToken: 'up-2' },
    });
  });

  it('gives up on a hanging AWS call after upstreamTimeoutMs: a clean 500', async () => {
    const client: UpstreamClient = {
      send: (_command, options) =>
        new Promise((_resolve, reject) => {
          options?.abortSignal?.addEventListener('abort', () =>
            reject(options.abortSignal!.reason),
          );
        }),
    };
    const proxy = createProxy({ ...base, client, upstreamTimeoutMs: 50 });
    const b = browser(proxy);
    expect(await answer(await b.poll(await b.startToken()))).toMatchObject({
      status: 500,
      json: { Message: 'Upstream AppConfig request failed' },
    });
    expect(proxy.metrics().upstreamErrors).toEqual({ TimeoutError: 1 });
  });
});

describe('logs, metrics and close', () => {
  it('logs one request event per request, with no token, and counts', async () => {
    const events: ProxyLogEvent[] = [];
    const { client } = fakeClient((name) =>
      name === 'StartConfigurationSessionCommand'
        ? { InitialConfigurationToken: 'up' }
        : {
            NextPollConfigurationToken: 'up2',
            ContentType: 'text/plain',
            Configuration: encoder.encode('x'),
          },
    );
    const proxy = createProxy({ ...base, client, logger: (e) => events.push(e) });
    const b = browser(proxy);
    const token = await b.startToken();
    await b.poll(token);
    await b.poll('bad');
    const requests = events.filter((e) => e.type === 'request');
    expect(requests).toMatchObject([
      {
        operation: 'StartConfigurationSession',
        status: 201,
        path: '/configurationsessions',
        client: 'unknown',
      },
      { operation: 'GetLatestConfiguration', status: 200, cache: 'miss' },
      { operation: 'GetLatestConfiguration', status: 400, errorType: 'BadRequestException' },
    ]);
    expect(JSON.stringify(events)).not.toContain(token);
    expect(proxy.metrics()).toEqual({
      requests: 3,
      responses: { '200': 1, '201': 1, '400': 1 },
      errors: { BadRequestException: 1 },
      upstreamCalls: {
        StartConfigurationSession: 1,
        GetLatestConfiguration: 1,
        AgentGetConfiguration: 0,
      },
      upstreamErrors: {},
      cacheHits: 0,
      cacheMisses: 1,
      staleServed: 0,
      throttled: 0,
    });
  });

  it('a throwing logger does not fail requests', async () => {
    const proxy = createProxy({
      ...base,
      client: fakeClient(() => ({})).client,
      logger: () => {
        throw new Error('disk full');
      },
    });
    expect((await browser(proxy).start()).status).toBe(201);
  });

  it('answers 503 after close()', async () => {
    const proxy = createProxy({ ...base, client: fakeClient(() => ({})).client });
    proxy.close();
    expect(await answer(await browser(proxy).start())).toMatchObject({
      status: 503,
      type: 'ServiceUnavailableException',
    });
  });

  it('says what to install when the AWS SDK is missing', async () => {
    vi.resetModules();
    vi.doMock('@aws-sdk/client-appconfigdata', () => {
      throw new Error('Cannot find package');
    });
    try {
      const { createProxy: fresh } = await import('../../../src/server/proxy/create-proxy.js');
      const proxy = fresh(base);
      await expect(proxy.ready()).rejects.toThrow(
        'createProxy needs the AWS SDK package @aws-sdk/client-appconfigdata (an optional peer dependency of appconfig-react): npm i @aws-sdk/client-appconfigdata',
      );
      const b = browser(proxy);
      expect(await answer(await b.poll(await b.startToken()))).toMatchObject({
        status: 500,
        json: { Message: 'Upstream AppConfig request failed' },
      });
    } finally {
      vi.doUnmock('@aws-sdk/client-appconfigdata');
      vi.resetModules();
    }
  });
});
