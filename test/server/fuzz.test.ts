/**
 * No client input may make the emulator fail: every answer is a well-formed AWS error or success,
 * never a 5xx, never a rejected handler.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDS, ORIGIN, setup } from './emulator-harness.js';

async function checkWellFormed(response: Response): Promise<void> {
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
  if (response.status >= 400) {
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^[A-Za-z]+Exception$/);
    if (response.status !== 405 || response.headers.get('content-length') !== '0') {
      const text = await response.text();
      if (text !== '')
        expect(typeof (JSON.parse(text) as { Message: unknown }).Message).toBe('string');
    }
  }
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue(),
  fc.constant(undefined),
);

describe('fuzzing the handler', () => {
  it('answers arbitrary requests without a server error', async () => {
    const { emulator } = setup();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.oneof(fc.constantFrom('/configurationsessions', '/configuration', '/'), fc.webPath()),
        fc.oneof(
          fc.constant(''),
          fc.webQueryParameters().map((q) => `?${q}`),
          fc.string().map((s) => `?configuration_token=${encodeURIComponent(s)}`),
        ),
        fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 64 })),
        fc.dictionary(
          fc.constantFrom(
            'content-type',
            'content-encoding',
            'origin',
            'access-control-request-headers',
          ),
          fc.string().filter((s) => /^[\x20-\x7e]*$/.test(s)),
        ),
        async (method, path, query, body, headers) => {
          const hasBody = method !== 'GET' && method !== 'HEAD';
          const request = new Request(`${ORIGIN}${path}${query}`, {
            method,
            headers,
            body: hasBody ? body : undefined,
          });
          await checkWellFormed(await emulator.handle(request));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('answers arbitrary StartConfigurationSession members with 201, 400 or 404', async () => {
    const { emulator, start } = setup();
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            ApplicationIdentifier: fc.oneof(fc.constant(IDS.ApplicationIdentifier), anyValue),
            EnvironmentIdentifier: fc.oneof(fc.constant(IDS.EnvironmentIdentifier), anyValue),
            ConfigurationProfileIdentifier: fc.oneof(
              fc.constant(IDS.ConfigurationProfileIdentifier),
              anyValue,
            ),
            RequiredMinimumPollIntervalInSeconds: anyValue,
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const response = await start(body);
          expect([201, 400, 404]).toContain(response.status);
          await checkWellFormed(response);
        },
      ),
      { numRuns: 400 },
    );
    expect(emulator.requests.every((entry) => entry.status < 500)).toBe(true);
  });

  it('answers arbitrary tokens with 400, never 200 or 5xx', async () => {
    const { poll } = setup();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.base64String({ minLength: 40, maxLength: 48 }),
        ),
        async (token) => {
          const response = await poll(token);
          expect(response.status).toBe(400);
          await checkWellFormed(response);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('resolves any deployable name (1-64 UTF-16 units) as an identifier', async () => {
    const { emulator, start } = setup();
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ minLength: 1, maxLength: 64, unit: 'grapheme' })
          .filter((name) => name.length <= 64),
        async (name) => {
          emulator.deploy({ application: name, environment: name, profile: name, content: '{}' });
          const response = await start({
            ApplicationIdentifier: name,
            EnvironmentIdentifier: name,
            ConfigurationProfileIdentifier: name,
          });
          // A name of 1-64 characters may exceed 128 UTF-16 units? No: 64 graphemes can; then 400.
          expect([201, 400]).toContain(response.status);
          if (name.length <= 128) expect(response.status).toBe(201);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// The callers that exposed issue 14's defects: sessions with and without a minimum polling early
// and late, tokens reused, idle gaps past 24 hours, session starts as text/plain.
describe('fuzzing callers on virtual time', () => {
  const action = fc.oneof(
    fc.record({
      kind: fc.constant('start' as const),
      minimum: fc.option(fc.constantFrom(15, 60, 300), { nil: undefined }),
      plainText: fc.boolean(),
      combined: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('poll' as const), session: fc.nat(7), reuse: fc.boolean() }),
    fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.constantFrom(0, 1000, 14_000, 60_000, 3_600_000, 25 * 3_600_000),
    }),
    fc.record({ kind: fc.constant('deploy' as const) }),
  );

  it('answers as the model says: early polls only refused where a minimum was asked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), async (actions) => {
        const { emulator, clock, poll } = setup();
        type Chain = {
          token: string;
          previous?: string;
          minimum?: number;
          at: number;
          seen: number;
        };
        const chains: Chain[] = [];
        let version = 1;
        for (const step of actions) {
          if (step.kind === 'wait') clock.now += step.ms;
          else if (step.kind === 'deploy') {
            version = emulator.deploy({
              application: IDS.ApplicationIdentifier,
              environment: IDS.EnvironmentIdentifier,
              profile: IDS.ConfigurationProfileIdentifier,
              content: { n: version + 1 },
            }).versionNumber;
          } else if (step.kind === 'start') {
            const body = { ...IDS, RequiredMinimumPollIntervalInSeconds: step.minimum };
            const query = step.combined ? '?include=configuration' : '';
            const response = await emulator.fetch(`${ORIGIN}/configurationsessions${query}`, {
              method: 'POST',
              headers: {
                'content-type': step.plainText ? 'text/plain;charset=UTF-8' : 'application/json',
              },
              body: JSON.stringify(body),
            });
            if (step.combined) {
              // The first poll's answer: the session holds the deployed version from here on.
              expect(response.status).toBe(200);
              expect(await response.text()).not.toBe('');
              const token = response.headers.get('next-poll-configuration-token')!;
              expect(token).toMatch(/^AYAD[A-Za-z0-9+/]+={0,2}$/);
              chains.push({ token, minimum: step.minimum, at: clock.now, seen: version });
            } else {
              expect(response.status).toBe(201);
              const { InitialConfigurationToken: token } = (await response.json()) as {
                InitialConfigurationToken: string;
              };
              expect(token).toMatch(/^AYAD[A-Za-z0-9+/]+={0,2}$/);
              chains.push({ token, minimum: step.minimum, at: clock.now, seen: 0 });
            }
          } else if (chains.length > 0) {
            const chain = chains[step.session % chains.length]!;
            const reused = step.reuse && chain.previous !== undefined;
            const response = await poll(reused ? chain.previous! : chain.token);
            await checkWellFormed(response.clone());
            const body = await response.text();
            const problem =
              response.status === 400
                ? (
                    JSON.parse(body) as {
                      Details?: { InvalidParameters?: Record<string, { Problem?: string }> };
                    }
                  ).Details?.InvalidParameters?.ConfigurationToken?.Problem
                : undefined;
            const age = clock.now - chain.at;
            if (age > 24 * 3_600_000) {
              expect(problem).toBe('Expired');
              continue;
            }
            if (reused) {
              expect(problem).toBe('Corrupted');
              continue;
            }
            if (problem === 'PollIntervalNotSatisfied') {
              // Only sessions that asked for a minimum are ever told "too early".
              expect(chain.minimum).toBeDefined();
              continue;
            }
            expect(response.status).toBe(200);
            if (body !== '') chain.seen = version;
            expect(chain.seen).toBe(version); // a 200 always leaves the caller up to date
            chain.previous = chain.token;
            chain.token = response.headers.get('next-poll-configuration-token')!;
            chain.at = clock.now;
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
