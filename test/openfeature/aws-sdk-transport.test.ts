/**
 * The AWS SDK transport against the emulator over a real socket: the official SDK signs with fake
 * static credentials, and every SDK exception comes out as the core's typed error.
 */
import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AppConfigServiceError,
  BadRequestException,
  InternalServerException,
  InvalidOptionsError,
  NetworkError,
  ResourceNotFoundException,
  ThrottlingException,
} from '../../src/core/errors.js';
import { createAppConfigClient } from '../../src/core/index.js';
import { TOKEN_LIFETIME_MS } from '../../src/core/limits.js';
import type { SessionRequest } from '../../src/core/transport.js';
import {
  createAwsSdkTransport,
  type AwsSdkTransport,
} from '../../src/openfeature/aws-sdk-transport.js';
import { createEmulator } from '../../src/server/index.js';
import type { Emulator } from '../../src/server/index.js';
import { serve, type ServedHandler } from '../../src/server/node/serve.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'fake-secret' };
const REQUEST: SessionRequest = { application: 'shop', environment: 'prod', profile: 'settings' };

let server: ServedHandler;
let handle: (request: Request) => Promise<Response>;
let emulator: Emulator;
let clock: { now: number };
let transport: AwsSdkTransport;
const signal = (controller = new AbortController()) => ({
  signal: controller.signal,
  headers: new Headers(),
});

beforeAll(async () => {
  server = await serve((request) => handle(request), { port: 0, host: '127.0.0.1' });
});
afterAll(() => server.close());

beforeEach(() => {
  clock = { now: Date.parse('2026-01-01T00:00:00Z') };
  emulator = createEmulator({
    now: () => clock.now,
    requireSignature: { credentials: CREDENTIALS, region: 'us-east-1' },
  });
  emulator.deploy({ ...REQUEST, content: { theme: 'dark' }, versionLabel: 'v1' });
  handle = emulator.handle;
  transport = createAwsSdkTransport({
    clientConfig: { endpoint: server.url, region: 'us-east-1', credentials: CREDENTIALS },
    now: () => clock.now,
  });
});
afterEach(() => {
  transport.destroy();
  emulator.close();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const start = async (request: SessionRequest = REQUEST) => {
  const started = await transport.startSession(request, signal());
  if (!('token' in started)) throw new Error('expected a token');
  return started.token;
};

describe('createAwsSdkTransport', () => {
  it('carries the token chain: first configuration, empty body, new deployment', async () => {
    const token = await start({ ...REQUEST, requiredMinimumPollIntervalInSeconds: 15 });
    const first = await transport.getLatest(token, signal());
    expect(new TextDecoder().decode(first.body)).toBe('{"theme":"dark"}');
    expect(first).toMatchObject({
      contentType: 'application/json',
      versionLabel: 'v1',
      intervalSeconds: 15,
    });
    expect(first.nextToken).not.toBe(token);

    clock.now += 15_000;
    const second = await transport.getLatest(first.nextToken, signal());
    expect(second.body.byteLength).toBe(0);
    expect(second.versionLabel).toBeUndefined();

    emulator.deploy({ ...REQUEST, content: 'theme: light', contentType: 'application/x-yaml' });
    clock.now += 15_000;
    const third = await transport.getLatest(second.nextToken, signal());
    expect(new TextDecoder().decode(third.body)).toBe('theme: light');
    expect(third.contentType).toBe('application/x-yaml');
    // Every request was signed with the fake key: the emulator verified each signature.
    expect(emulator.requests.map((entry) => entry.status)).toEqual([201, 200, 200, 200]);
  });

  it('maps BadRequestException with reason, details and problem', async () => {
    const token = await start({ ...REQUEST, requiredMinimumPollIntervalInSeconds: 60 });
    const first = await transport.getLatest(token, signal());
    const early = await rejection(transport.getLatest(first.nextToken, signal()));
    expect(early).toBeInstanceOf(BadRequestException);
    expect(early).toMatchObject({
      message: 'Request too early',
      status: 400,
      reason: 'InvalidParameters',
      details: {
        InvalidParameters: { ConfigurationToken: { Problem: 'PollIntervalNotSatisfied' } },
      },
      problem: 'PollIntervalNotSatisfied',
    });

    clock.now += TOKEN_LIFETIME_MS + 1;
    const expired = await rejection(transport.getLatest(first.nextToken, signal()));
    expect((expired as BadRequestException).problem).toBe('Expired');
    const corrupted = await rejection(transport.getLatest('not-a-token', signal()));
    expect((corrupted as BadRequestException).problem).toBe('Corrupted');

    const invalid = await rejection(start({ ...REQUEST, application: 'a'.repeat(129) }));
    expect(invalid).toBeInstanceOf(BadRequestException);
    expect((invalid as Error).message).toMatch(/^1 validation error detected/);
  });

  it('maps ResourceNotFoundException with resourceType and referencedBy', async () => {
    const error = await rejection(start({ ...REQUEST, environment: 'nowhere' }));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({
      status: 404,
      resourceType: 'Environment',
      referencedBy: { EnvironmentIdentifier: 'nowhere' },
    });
  });

  it('maps throttling (with Retry-After) and server errors, with one attempt each', async () => {
    handle = async (request) => {
      const response = await emulator.handle(request);
      if (response.status !== 429) return response;
      const headers = new Headers(response.headers);
      headers.set('Retry-After', '7');
      return new Response(response.body, { status: 429, headers });
    };
    emulator.faults.inject({ kind: 'throttle' });
    const throttled = await rejection(start());
    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect(throttled).toMatchObject({ status: 429, retryAfterMs: 7000 });

    emulator.faults.inject({ kind: 'internal' });
    const internal = await rejection(start());
    expect(internal).toBeInstanceOf(InternalServerException);
    expect((internal as InternalServerException).status).toBe(500);
    // maxAttempts 1: the SDK retried neither (the core's chain does, with its own backoff).
    expect(emulator.requests.map((entry) => entry.status)).toEqual([429, 500]);
  });

  it('maps other refusals by name and status (a bad signature)', async () => {
    const wrongKey = createAwsSdkTransport({
      clientConfig: {
        endpoint: server.url,
        region: 'us-east-1',
        credentials: { ...CREDENTIALS, secretAccessKey: 'another-secret' },
      },
    });
    try {
      const error = await rejection(wrongKey.startSession(REQUEST, signal()));
      expect(error).toBeInstanceOf(AppConfigServiceError);
      expect(error).toMatchObject({ code: 'InvalidSignatureException', status: 403 });
      expect(error).not.toBeInstanceOf(BadRequestException);
    } finally {
      wrongKey.destroy();
    }
  });

  it('maps a reset connection, a closed port and an abort to NetworkError', async () => {
    emulator.faults.inject({ kind: 'network' });
    const reset = await rejection(start());
    expect(reset).toBeInstanceOf(NetworkError);
    expect((reset as NetworkError).timedOut).toBe(false);

    const closed = await serve(emulator.handle, { port: 0, host: '127.0.0.1' });
    await closed.close();
    const nowhere = createAwsSdkTransport({
      clientConfig: { endpoint: closed.url, region: 'us-east-1', credentials: CREDENTIALS },
    });
    try {
      expect(await rejection(nowhere.startSession(REQUEST, signal()))).toBeInstanceOf(NetworkError);
    } finally {
      nowhere.destroy();
    }

    emulator.faults.inject({ kind: 'delay', delayMs: 60_000 });
    const timeout = new AbortController();
    const pending = rejection(transport.startSession(REQUEST, signal(timeout)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // As the token chain aborts a call that ran out of time.
    timeout.abort(
      new NetworkError('No response within 10 ms (requestTimeoutMs).', { timedOut: true }),
    );
    const aborted = await pending;
    expect(aborted).toBeInstanceOf(NetworkError);
    expect((aborted as NetworkError).timedOut).toBe(true);
  });

  it('refuses to run without a region, as a typed error the client does not retry', async () => {
    const previous = process.env.AWS_REGION;
    delete process.env.AWS_REGION;
    const noRegion = createAwsSdkTransport({
      clientConfig: { endpoint: server.url, credentials: CREDENTIALS },
    });
    try {
      const error = await rejection(noRegion.startSession(REQUEST, signal()));
      expect(error).toBeInstanceOf(InvalidOptionsError);
      expect(error).toMatchObject({ field: 'clientConfig.region' });
      expect(emulator.requests).toEqual([]);
    } finally {
      noRegion.destroy();
      if (previous !== undefined) process.env.AWS_REGION = previous;
    }
  });

  it('uses a client passed in and leaves it open', async () => {
    const client = new AppConfigDataClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
    const shared = createAwsSdkTransport({ client });
    try {
      const started = await shared.startSession(REQUEST, signal());
      shared.destroy();
      expect('token' in started).toBe(true);
      // Still usable after the transport's destroy(): it never owned the client.
      const again = await shared.startSession(REQUEST, signal());
      expect('token' in again).toBe(true);
    } finally {
      client.destroy();
    }
  });
});

describe('createAppConfigClient({ transport })', () => {
  it('keeps the token chain over the SDK: polls, a deployment, throttling, an expired token', async () => {
    const client = createAppConfigClient({
      transport,
      ...REQUEST,
      requiredMinimumPollIntervalInSeconds: 15,
      // One clock for the client's schedule and the emulator's sessions; real timers.
      now: () => clock.now,
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    try {
      expect((await client.poll()).configuration).toEqual({ theme: 'dark' });
      expect(client.getSnapshot().versionLabel).toBe('v1');
      // Too early by the chain's own clock: nothing is sent.
      await client.poll();
      expect(emulator.requests).toHaveLength(2);

      emulator.deploy({ ...REQUEST, content: { theme: 'light' }, versionLabel: 'v2' });
      clock.now += 15_000;
      expect((await client.poll()).configuration).toEqual({ theme: 'light' });

      emulator.faults.inject({ kind: 'throttle' });
      clock.now += 15_000;
      const throttled = await client.poll();
      expect(throttled.error).toBeInstanceOf(ThrottlingException);
      expect(throttled.configuration).toEqual({ theme: 'light' });
      clock.now += 1_000;
      expect((await client.poll()).error).toBeUndefined();

      clock.now += TOKEN_LIFETIME_MS; // the token expires: one new session
      emulator.deploy({ ...REQUEST, content: { theme: 'blue' }, versionLabel: 'v3' });
      expect((await client.poll()).configuration).toEqual({ theme: 'blue' });
      const operations = emulator.requests.map((entry) => `${entry.operation} ${entry.status}`);
      expect(operations).toEqual([
        'StartConfigurationSession 201',
        'GetLatestConfiguration 200',
        'GetLatestConfiguration 200',
        'GetLatestConfiguration 429',
        'GetLatestConfiguration 200',
        'StartConfigurationSession 201',
        'GetLatestConfiguration 200',
      ]);
    } finally {
      client.dispose();
    }
  });

  it('drops the token a 200 spent when its body outlasts requestTimeoutMs, not sending it again', async () => {
    let slowNext = false;
    handle = async (request) => {
      const response = await emulator.handle(request);
      const poll = new URL(request.url).pathname === '/configuration';
      if (!slowNext || !poll || response.status !== 200) return response;
      slowNext = false;
      const bytes = new Uint8Array(await response.arrayBuffer());
      // The headers and one byte at once (the server has spent the token), the rest 1.5 s later.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.subarray(0, 1));
          setTimeout(() => {
            controller.enqueue(bytes.subarray(1));
            controller.close();
          }, 1500);
        },
      });
      return new Response(body, { status: 200, headers: response.headers });
    };
    const reasons: string[] = [];
    const client = createAppConfigClient({
      transport,
      ...REQUEST,
      requiredMinimumPollIntervalInSeconds: 15,
      now: () => clock.now,
      requestTimeoutMs: 300,
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
      onEvent: (event) => {
        if (event.type === 'session-start') reasons.push(event.reason);
      },
    });
    try {
      await client.poll();
      slowNext = true;
      clock.now += 15_000;
      expect((await client.poll()).error).toMatchObject({
        code: 'IncompleteResponse',
        status: 200,
      });
      clock.now += 1_000;
      expect((await client.poll()).configuration).toEqual({ theme: 'dark' });
      // A new session for the spent token; it never went out a second time (no 400 for reuse).
      expect(reasons).toEqual(['first', 'interrupted']);
      expect(emulator.requests.map((entry) => `${entry.operation} ${entry.status}`)).toEqual([
        'StartConfigurationSession 201',
        'GetLatestConfiguration 200',
        'GetLatestConfiguration 200',
        'StartConfigurationSession 201',
        'GetLatestConfiguration 200',
      ]);
    } finally {
      client.dispose();
    }
  });

  it('stops on an unknown profile (ResourceNotFoundException through the SDK)', async () => {
    const client = createAppConfigClient({ transport, ...REQUEST, profile: 'nowhere' });
    try {
      const snapshot = await client.poll();
      expect(snapshot.error).toBeInstanceOf(ResourceNotFoundException);
      expect(snapshot.stopped).toBe(true);
    } finally {
      client.dispose();
    }
  });
});
