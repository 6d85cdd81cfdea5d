/**
 * The real clients through the proxy, in both modes: the library's own core client (with the
 * proxy's fetch), and the official AWS SDK pointed at the proxy over a real socket, which must
 * parse every answer exactly as it parses the service's. Behind the proxy, the signature-checking
 * emulator plays AWS.
 */
import {
  AppConfigDataClient,
  BadRequestException as SdkBadRequest,
  GetLatestConfigurationCommand,
  ResourceNotFoundException as SdkNotFound,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppConfigClient } from '../../../src/core/create-app-config-client.js';
import { ResourceNotFoundException } from '../../../src/core/errors.js';
import { serve } from '../../../src/server/node/serve.js';
import type { ProxyMode } from '../../../src/server/proxy/types.js';
import {
  FLAGS,
  GHOST,
  INTERNAL,
  ORIGIN,
  proxyFor,
  startUpstream,
  type Upstream,
} from './proxy-harness.js';

let upstream: Upstream;
beforeEach(async () => {
  upstream = await startUpstream();
});
afterEach(() => upstream.close());

describe.each<ProxyMode>(['fan-out', 'pass-through'])('%s', (mode) => {
  it('the core client reads the configuration through the proxy and sees a new deployment', async () => {
    const proxy = proxyFor(upstream, { mode });
    const client = createAppConfigClient({
      endpoint: ORIGIN,
      ...FLAGS,
      fetch: proxy.fetch,
      now: () => upstream.clock.now,
    });
    let snapshot = await client.poll();
    expect(snapshot).toMatchObject({
      status: 'ready',
      configuration: { darkMode: { enabled: true } },
      versionLabel: 'f1',
      error: undefined,
    });
    expect(client.getPollState().intervalSeconds).toBe(60);

    upstream.clock.now += 60_000;
    snapshot = await client.poll();
    expect(snapshot.configuration).toEqual({ darkMode: { enabled: true } });

    upstream.emulator.deploy({
      ...FLAGS,
      content: { darkMode: { enabled: false } },
      versionLabel: 'f2',
    });
    upstream.clock.now += 60_000;
    snapshot = await client.poll();
    expect(snapshot).toMatchObject({
      configuration: { darkMode: { enabled: false } },
      versionLabel: 'f2',
      error: undefined,
    });
    client.dispose();
  });

  it('the core client stops on a configuration that is not allowed, and AWS never hears of it', async () => {
    const proxy = proxyFor(upstream, { mode });
    const client = createAppConfigClient({ endpoint: ORIGIN, ...INTERNAL, fetch: proxy.fetch });
    const snapshot = await client.poll();
    expect(snapshot.stopped).toBe(true);
    expect(snapshot.error).toBeInstanceOf(ResourceNotFoundException);
    expect(snapshot.error).toMatchObject({
      resourceType: 'ConfigurationProfile',
      referencedBy: { ConfigurationProfileIdentifier: 'Internal' },
    });
    expect(upstream.count()).toBe(0);
    client.dispose();
  });

  // Over a socket, with and without the Node fast path (fan-out polls answered by it).
  it.each([true, false])(
    'the official AWS SDK pointed at the proxy parses its answers (fastPath: %s)',
    async (fastPath) => {
      const proxy = proxyFor(upstream, { mode });
      const served = await serve(proxy.handle, { port: 0, host: '127.0.0.1', fastPath });
      const sdk = new AppConfigDataClient({
        endpoint: served.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'ignored-by-the-proxy' },
        maxAttempts: 1,
      });
      try {
        const session = await sdk.send(
          new StartConfigurationSessionCommand({
            ApplicationIdentifier: FLAGS.application,
            EnvironmentIdentifier: FLAGS.environment,
            ConfigurationProfileIdentifier: FLAGS.profile,
            RequiredMinimumPollIntervalInSeconds: 60,
          }),
        );
        expect(session.$metadata.httpStatusCode).toBe(201);
        const first = await sdk.send(
          new GetLatestConfigurationCommand({
            ConfigurationToken: session.InitialConfigurationToken,
          }),
        );
        expect(new TextDecoder().decode(first.Configuration)).toBe('{"darkMode":{"enabled":true}}');
        expect(first).toMatchObject({
          ContentType: 'application/json',
          VersionLabel: 'f1',
          NextPollIntervalInSeconds: 60,
        });
        expect(first.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

        const early = await sdk
          .send(
            new GetLatestConfigurationCommand({
              ConfigurationToken: first.NextPollConfigurationToken,
            }),
          )
          .catch((error: unknown) => error);
        expect(early).toBeInstanceOf(SdkBadRequest);
        expect(early).toMatchObject({
          message: 'Request too early',
          Reason: 'InvalidParameters',
          Details: {
            InvalidParameters: { ConfigurationToken: { Problem: 'PollIntervalNotSatisfied' } },
          },
        });

        upstream.clock.now += 60_000;
        const second = await sdk.send(
          new GetLatestConfigurationCommand({
            ConfigurationToken: first.NextPollConfigurationToken,
          }),
        );
        expect(second.Configuration?.byteLength ?? 0).toBe(0);
        expect(second.NextPollConfigurationToken).toBeTruthy();

        const missing = await sdk
          .send(
            new StartConfigurationSessionCommand({
              ApplicationIdentifier: INTERNAL.application,
              EnvironmentIdentifier: INTERNAL.environment,
              ConfigurationProfileIdentifier: INTERNAL.profile,
            }),
          )
          .catch((error: unknown) => error);
        expect(missing).toBeInstanceOf(SdkNotFound);
        expect(missing).toMatchObject({
          ResourceType: 'ConfigurationProfile',
          ReferencedBy: { ConfigurationProfileIdentifier: 'Internal' },
        });
        // An allowed profile that AWS does not have: 404 in both modes (fan-out learns it at the poll).
        const ghost = await sdk
          .send(
            new StartConfigurationSessionCommand({
              ApplicationIdentifier: GHOST.application,
              EnvironmentIdentifier: GHOST.environment,
              ConfigurationProfileIdentifier: GHOST.profile,
            }),
          )
          .then((s) =>
            sdk.send(
              new GetLatestConfigurationCommand({
                ConfigurationToken: s.InitialConfigurationToken,
              }),
            ),
          )
          .catch((error: unknown) => error);
        expect(ghost).toBeInstanceOf(SdkNotFound);
      } finally {
        sdk.destroy();
        await served.close();
      }
    },
  );
});
