/**
 * The official AWS SDK for JavaScript v3, pointed at the emulator over a real socket, is the judge of
 * wire conformance: if it parses our answers into its typed results and exceptions, we speak the
 * protocol right. The credentials are fake; the emulator ignores signatures.
 */
import {
  AppConfigDataClient,
  BadRequestException,
  GetLatestConfigurationCommand,
  InternalServerException,
  ResourceNotFoundException,
  StartConfigurationSessionCommand,
  ThrottlingException,
} from '@aws-sdk/client-appconfigdata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS } from '../../src/core/limits.js';
import { serve, type ServedHandler } from '../../src/server/node/serve.js';
import { IDS, setup } from './emulator-harness.js';

let harness: ReturnType<typeof setup>;
let server: ServedHandler;
let client: AppConfigDataClient;

// One server for the file; each test gets a fresh emulator behind it.
let current: (request: Request) => Promise<Response>;
beforeAll(async () => {
  server = await serve((request) => current(request), { port: 0, host: '127.0.0.1' });
  client = new AppConfigDataClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});
beforeEach(() => {
  harness = setup();
  current = harness.emulator.handle;
});

const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const startSession = (
  input: Partial<Record<keyof typeof IDS, string>> & {
    RequiredMinimumPollIntervalInSeconds?: number;
  } = {},
) => client.send(new StartConfigurationSessionCommand({ ...IDS, ...input }));
const getLatest = (token: string) =>
  client.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('AWS SDK conformance', () => {
  it('starts a session, reads the data, then an empty body, then a new deployment', async () => {
    const session = await startSession({ RequiredMinimumPollIntervalInSeconds: 15 });
    expect(session.$metadata.httpStatusCode).toBe(201);
    expect(session.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const first = await getLatest(session.InitialConfigurationToken!);
    expect(decode(first.Configuration)).toBe('{"theme":"light"}');
    expect(first.ContentType).toBe('application/json');
    expect(first.VersionLabel).toBe('v1');
    expect(first.NextPollIntervalInSeconds).toBe(15);

    harness.clock.now += 15_000;
    const second = await getLatest(first.NextPollConfigurationToken!);
    // NOTES §5 says a zero-length array; SDK 3.1169's schema-based deserializer leaves the member
    // unset (null) for an empty payload. Either way: no configuration bytes.
    expect(second.Configuration?.byteLength ?? 0).toBe(0);
    expect(second.NextPollConfigurationToken).toBeTruthy();
    expect(second.VersionLabel).toBeUndefined();

    harness.emulator.deploy({
      application: 'DemoApp',
      environment: 'Development',
      profile: 'Settings',
      content: 'theme: dark',
      contentType: 'application/x-yaml',
      versionLabel: 'v2-dark',
    });
    harness.clock.now += 15_000;
    const third = await getLatest(second.NextPollConfigurationToken!);
    expect(decode(third.Configuration)).toBe('theme: dark');
    expect(third.ContentType).toBe('application/x-yaml');
    expect(third.VersionLabel).toBe('v2-dark');
  });

  it('surfaces validation errors as BadRequestException', async () => {
    const error = await rejection(startSession({ ApplicationIdentifier: 'a'.repeat(129) }));
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).$metadata.httpStatusCode).toBe(400);
    expect((error as BadRequestException).message).toMatch(
      /^1 validation error detected: Value at 'applicationIdentifier'/,
    );
  });

  it('surfaces token problems with Reason and Details', async () => {
    const expired = await startSession();
    harness.clock.now += TOKEN_LIFETIME_MS + 1;
    const error = (await rejection(
      getLatest(expired.InitialConfigurationToken!),
    )) as BadRequestException;
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error.Reason).toBe('InvalidParameters');
    expect(error.Details).toEqual({
      InvalidParameters: { ConfigurationToken: { Problem: 'Expired' } },
    });

    const corrupted = (await rejection(getLatest('bogus-token'))) as BadRequestException;
    expect(corrupted.Details?.InvalidParameters?.ConfigurationToken?.Problem).toBe('Corrupted');
  });

  it('surfaces "Request too early" with PollIntervalNotSatisfied', async () => {
    const session = await startSession({ RequiredMinimumPollIntervalInSeconds: 60 });
    const first = await getLatest(session.InitialConfigurationToken!);
    const error = (await rejection(
      getLatest(first.NextPollConfigurationToken!),
    )) as BadRequestException;
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error.message).toBe('Request too early');
    expect(error.Details?.InvalidParameters?.ConfigurationToken?.Problem).toBe(
      'PollIntervalNotSatisfied',
    );
  });

  it('surfaces ResourceNotFoundException with ResourceType and ReferencedBy', async () => {
    const error = (await rejection(
      startSession({ EnvironmentIdentifier: 'Nowhere' }),
    )) as ResourceNotFoundException;
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.ResourceType).toBe('Environment');
    expect(error.ReferencedBy).toEqual({ EnvironmentIdentifier: 'Nowhere' });
  });

  it('surfaces ThrottlingException and InternalServerException', async () => {
    harness.emulator.faults.inject({ kind: 'throttle' });
    const throttled = await rejection(startSession());
    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect((throttled as ThrottlingException).$metadata.httpStatusCode).toBe(429);
    harness.emulator.faults.inject({ kind: 'internal' });
    const internal = await rejection(startSession());
    expect(internal).toBeInstanceOf(InternalServerException);
    expect((internal as InternalServerException).$fault).toBe('server');
  });

  it('serves feature flags in the retrieval format', async () => {
    harness.emulator.deploy({
      application: 'DemoApp',
      environment: 'Development',
      profile: 'Flags',
      type: 'AWS.AppConfig.FeatureFlags',
      content: {
        version: '1',
        flags: { beta: {}, off: {} },
        values: { beta: { enabled: true, pct: 5 }, off: { enabled: false, pct: 1 } },
      },
    });
    const session = await startSession({ ConfigurationProfileIdentifier: 'Flags' });
    const flags = await getLatest(session.InitialConfigurationToken!);
    expect(JSON.parse(decode(flags.Configuration))).toEqual({
      beta: { enabled: true, pct: 5 },
      off: { enabled: false },
    });
  });
});
