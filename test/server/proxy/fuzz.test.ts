/**
 * No client input may make the proxy fail or reach AWS for something it does not serve: every
 * answer is a well-formed AppConfig error or success, never a 5xx, and AWS (a fake client here)
 * is only ever asked about the allow-listed configuration.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProxy } from '../../../src/server/proxy/create-proxy.js';
import type { ProxyLogEvent, UpstreamClient } from '../../../src/server/proxy/types.js';
import {
  APP_ORIGIN,
  CREDENTIALS,
  FLAGS,
  ORIGIN,
  REGION,
  SECRET,
  answer,
  browser,
  startUpstream,
} from './proxy-harness.js';

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

// The callers and faults that exposed issue 14's defects, against the signature-checking
// emulator over a real socket through the official SDK (with the SDK's default retries): early
// polls without a minimum, idle gaps past 24 hours, upstream throttling and expiries whose errors
// carry no Details, foreign pages starting sessions with text/plain.
describe.each(['fan-out', 'pass-through'] as const)('fuzzing callers of the %s proxy', (mode) => {
  const action = fc.oneof(
    fc.record({
      kind: fc.constant('start' as const),
      minimum: fc.option(fc.constantFrom(15, 60), { nil: undefined }),
      origin: fc.constantFrom(undefined, 'own', 'https://evil.example', 'null'),
      plainText: fc.boolean(),
      combined: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('poll' as const), session: fc.nat(5) }),
    fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.constantFrom(1000, 15_000, 60_000, 3_600_000, 25 * 3_600_000),
    }),
    fc.record({ kind: fc.constant('deploy' as const) }),
    fc.record({
      kind: fc.constant('fault' as const),
      fault: fc.constantFrom(
        'throttle',
        'expire-token',
        'corrupt-token',
        'internal',
      ) as fc.Arbitrary<'throttle' | 'expire-token' | 'corrupt-token' | 'internal'>,
    }),
  );

  it(
    'keeps the AWS economy and the model, and brings the last deployment once faults stop',
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(action, { minLength: 1, maxLength: 25 }),
          fc.boolean(),
          async (actions, stripErrorDetails) => {
            const upstream = await startUpstream({ stripErrorDetails });
            try {
              const proxy = createProxy({
                mode,
                allow: [FLAGS],
                secret: SECRET,
                region: REGION,
                endpoint: upstream.server.url,
                credentials: CREDENTIALS,
                now: () => upstream.clock.now,
                rateLimit: false,
              });
              const b = browser(proxy);
              type Chain = { token: string; minimum?: number };
              const chains: Chain[] = [];
              let content = '{"darkMode":{"enabled":true}}';
              let n = 0;
              const poll = async (chain: Chain) => {
                const before = upstream.count();
                const result = await answer(await b.poll(chain.token));
                // One browser request costs AWS at most a session, a poll, a new session and a retry
                // (fan-out), or one call (pass-through): never the SDK's three attempts each.
                expect(upstream.count() - before).toBeLessThanOrEqual(mode === 'fan-out' ? 4 : 1);
                if (result.problem === 'PollIntervalNotSatisfied') {
                  expect(chain.minimum).toBeDefined();
                }
                if (result.status === 200) {
                  chain.token = result.headers.get('next-poll-configuration-token')!;
                }
                return result;
              };
              for (const step of actions) {
                if (step.kind === 'wait') upstream.clock.now += step.ms;
                else if (step.kind === 'deploy') {
                  content = JSON.stringify({ n: ++n });
                  upstream.emulator.deploy({ ...FLAGS, content });
                } else if (step.kind === 'fault') {
                  upstream.emulator.faults.inject({ kind: step.fault });
                } else if (step.kind === 'start') {
                  const headers: Record<string, string> = {
                    'content-type': step.plainText
                      ? 'text/plain;charset=UTF-8'
                      : 'application/json',
                  };
                  if (step.origin) headers.origin = step.origin === 'own' ? ORIGIN : step.origin;
                  const before = upstream.count();
                  const extra =
                    step.minimum === undefined
                      ? {}
                      : { RequiredMinimumPollIntervalInSeconds: step.minimum };
                  const result = await answer(
                    step.combined
                      ? await proxy.fetch(`${ORIGIN}/configurationsessions?include=configuration`, {
                          method: 'POST',
                          headers,
                          body: JSON.stringify({
                            ApplicationIdentifier: FLAGS.application,
                            EnvironmentIdentifier: FLAGS.environment,
                            ConfigurationProfileIdentifier: FLAGS.profile,
                            ...extra,
                          }),
                        })
                      : await b.start(FLAGS, extra, { headers }),
                  );
                  const foreign = step.origin !== undefined && step.origin !== 'own';
                  // The combined call costs a pass-through session and its poll, nothing more.
                  expect(upstream.count() - before).toBeLessThanOrEqual(4);
                  if (mode === 'pass-through') {
                    expect(upstream.count() - before).toBeLessThanOrEqual(step.combined ? 2 : 1);
                  }
                  if (foreign) {
                    expect(result.status).toBe(403);
                    expect(upstream.count()).toBe(before);
                  } else if (step.combined && result.status === 200) {
                    expect(result.headers.get('content-type')).toBeTruthy();
                    chains.push({
                      token: result.headers.get('next-poll-configuration-token')!,
                      minimum: step.minimum,
                    });
                  } else if (result.status === 201) {
                    const token = (result.json as { InitialConfigurationToken: string })
                      .InitialConfigurationToken;
                    chains.push({ token, minimum: step.minimum });
                  }
                } else if (chains.length > 0) {
                  await poll(chains[step.session % chains.length]!);
                }
              }
              // Faults stop; after the longest backoff and one interval, a new deployment reaches
              // every browser (a browser whose token expired starts again, as the client does).
              upstream.emulator.faults.clear();
              upstream.clock.now += 120_000;
              content = JSON.stringify({ n: 'last' });
              upstream.emulator.deploy({ ...FLAGS, content });
              upstream.clock.now += 60_000;
              for (const chain of [...chains, { token: await b.startToken() }]) {
                let result = await poll(chain);
                if (result.status === 400 && result.problem !== 'PollIntervalNotSatisfied') {
                  chain.token = await b.startToken();
                  result = await poll(chain);
                }
                if (result.problem === 'PollIntervalNotSatisfied') continue; // its own minimum
                expect(result.status).toBe(200);
                expect(result.text).toBe(content); // deployed after everything: nobody had it
              }
              proxy.close();
            } finally {
              await upstream.close();
            }
          },
        ),
        { numRuns: 25 },
      );
    },
  );
});
