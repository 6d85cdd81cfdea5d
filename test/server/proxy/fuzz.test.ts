/**
 * No client input may make the proxy fail or reach AWS for something it does not serve: every
 * answer is a well-formed AppConfig error or success, never a 5xx, and AWS (a fake client here)
 * is only ever asked about the allow-listed configuration.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProxy } from '../../../src/server/proxy/create-proxy.js';
import type { ProxyLogEvent, UpstreamClient } from '../../../src/server/proxy/types.js';
import { APP_ORIGIN, FLAGS, ORIGIN, SECRET } from './proxy-harness.js';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

describe.each(['fan-out', 'pass-through'] as const)('fuzzing the %s proxy', (mode) => {
  it('answers arbitrary requests without a server error, asking AWS about FLAGS only', async () => {
    const asked: Record<string, unknown>[] = [];
    const client: UpstreamClient = {
      async send(command: object) {
        const input = (command as { input: Record<string, unknown> }).input;
        asked.push(input);
        return command.constructor.name === 'StartConfigurationSessionCommand'
          ? { InitialConfigurationToken: 'upstream-token' }
          : {
              NextPollConfigurationToken: 'upstream-next',
              NextPollIntervalInSeconds: 60,
              ContentType: 'application/json',
              Configuration: new TextEncoder().encode('{}'),
            };
      },
    };
    const errors: ProxyLogEvent[] = [];
    const proxy = createProxy({
      mode,
      allow: [FLAGS],
      secret: SECRET,
      client,
      cors: { origins: [APP_ORIGIN] },
      rateLimit: false,
      logger: (event) => event.type === 'error' && errors.push(event),
    });
    const start = await proxy.fetch(`${ORIGIN}/configurationsessions`, {
      method: 'POST',
      body: JSON.stringify({
        ApplicationIdentifier: FLAGS.application,
        EnvironmentIdentifier: FLAGS.environment,
        ConfigurationProfileIdentifier: FLAGS.profile,
      }),
    });
    const valid = ((await start.json()) as { InitialConfigurationToken: string })
      .InitialConfigurationToken;

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.oneof(fc.constantFrom('/configurationsessions', '/configuration', '/'), fc.webPath()),
        fc.oneof(
          fc.constant(''),
          fc.webQueryParameters().map((q) => `?${q}`),
          fc.string().map((s) => `?configuration_token=${encodeURIComponent(s)}`),
          // A real token with one character changed or appended.
          fc
            .tuple(fc.nat(valid.length - 1), fc.string({ minLength: 1, maxLength: 1 }))
            .map(
              ([i, c]) =>
                `?configuration_token=${encodeURIComponent(valid.slice(0, i) + c + valid.slice(i + 1))}`,
            ),
        ),
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.uint8Array({ maxLength: 64 }),
          fc
            .record({
              ApplicationIdentifier: fc.oneof(fc.string(), fc.constant(FLAGS.application)),
              EnvironmentIdentifier: fc.oneof(fc.string(), fc.constant(FLAGS.environment)),
              ConfigurationProfileIdentifier: fc.oneof(fc.string(), fc.constant('Internal')),
              RequiredMinimumPollIntervalInSeconds: fc.oneof(fc.integer(), fc.double()),
            })
            .map((r) => JSON.stringify(r)),
        ),
        fc.dictionary(
          fc.constantFrom('content-type', 'origin', 'x-forwarded-for', 'host', 'authorization'),
          fc.string().filter((s) => /^[\x20-\x7e]*$/.test(s)),
        ),
        async (method, path, query, body, headers) => {
          const hasBody = method !== 'GET' && method !== 'HEAD';
          const response = await proxy.handle(
            new Request(`${ORIGIN}${path}${query}`, {
              method,
              headers,
              body: hasBody ? body : undefined,
            }),
          );
          expect(response.status).toBeLessThan(500);
          expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
          if (response.status >= 400) {
            expect(response.headers.get('x-amzn-errortype')).toMatch(/^[A-Za-z]+Exception$/);
            const text = await response.text();
            // HEAD answers carry no body (Hono drops it, as HTTP requires).
            if (method !== 'HEAD') {
              expect(typeof (JSON.parse(text) as { Message: unknown }).Message).toBe('string');
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(errors).toEqual([]);
    for (const input of asked) {
      if ('ApplicationIdentifier' in input) {
        expect(input).toMatchObject({
          ApplicationIdentifier: FLAGS.application,
          EnvironmentIdentifier: FLAGS.environment,
          ConfigurationProfileIdentifier: FLAGS.profile,
        });
      } else {
        expect(['upstream-token', 'upstream-next']).toContain(input.ConfigurationToken);
      }
    }
  });
});
