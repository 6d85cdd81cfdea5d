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
