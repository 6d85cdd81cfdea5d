import { describe, expect, it } from 'vitest';
import { createAppConfigClient } from '../../src/core/create-app-config-client.js';
import { InvalidOptionsError } from '../../src/core/errors.js';
import type { AppConfigClientOptions } from '../../src/core/types.js';

const good: AppConfigClientOptions = {
  endpoint: 'http://127.0.0.1:1/appconfig',
  application: 'DemoApp',
  environment: 'Development',
  profile: 'FeatureFlags',
  fetch: () => Promise.reject(new Error('no request may be sent while validating options')),
};

const cases: [
  string,
  Partial<Record<keyof AppConfigClientOptions, unknown>> & Record<string, unknown>,
  string,
  RegExp,
][] = [
  [
    'missing endpoint',
    { endpoint: undefined },
    'endpoint',
    /endpoint must be an absolute http\(s\) URL.*got undefined\. Use the URL of an appconfig-react proxy or emulator/,
  ],
  ['empty endpoint', { endpoint: '  ' }, 'endpoint', /got " {2}" \(2 characters\)/],
  [
    'relative endpoint without slash',
    { endpoint: 'appconfig' },
    'endpoint',
    /absolute http\(s\) URL without query or fragment, or a path starting with "\/"/,
  ],
  [
    'ftp endpoint',
    { endpoint: 'ftp://example.com' },
    'endpoint',
    /absolute http\(s\) URL.*got "ftp:\/\/example.com"/,
  ],
  [
    'endpoint with query',
    { endpoint: 'http://example.com/?a=1' },
    'endpoint',
    /without query or fragment/,
  ],
  [
    'missing application',
    { application: undefined },
    'application',
    /application must be a name or ID of 1 to 128 characters \(AppConfig's limit\); got undefined/,
  ],
  [
    'empty environment',
    { environment: '' },
    'environment',
    /environment must be a name or ID of 1 to 128 characters.*got "" \(0 characters\)/,
  ],
  [
    '129-character profile',
    { profile: 'p'.repeat(129) },
    'profile',
    /1 to 128 characters.*129 characters/,
  ],
  ['numeric profile', { profile: 42 }, 'profile', /profile must be a name or ID.*got 42/],
  [
    'interval below 15',
    { requiredMinimumPollIntervalInSeconds: 14 },
    'requiredMinimumPollIntervalInSeconds',
    /from 15 to 86400.*got 14/,
  ],
  [
    'interval above 86400',
    { requiredMinimumPollIntervalInSeconds: 86_401 },
    'requiredMinimumPollIntervalInSeconds',
    /from 15 to 86400.*got 86401/,
  ],
  [
    'fractional interval',
    { requiredMinimumPollIntervalInSeconds: 30.5 },
    'requiredMinimumPollIntervalInSeconds',
    /whole number of seconds/,
  ],
  [
    'string interval',
    { requiredMinimumPollIntervalInSeconds: '60' },
    'requiredMinimumPollIntervalInSeconds',
    /got "60"/,
  ],
  [
    'zero timeout',
    { requestTimeoutMs: 0 },
    'requestTimeoutMs',
    /requestTimeoutMs must be a positive number of milliseconds/,
  ],
  [
    'NaN backoff',
    { backoff: { initialDelayMs: Number.NaN } },
    'backoff.initialDelayMs',
    /positive number/,
  ],
  [
    'max below initial',
    { backoff: { initialDelayMs: 5000, maxDelayMs: 1000 } },
    'backoff.maxDelayMs',
    /must not be less than/,
  ],
  ['string fetch', { fetch: 'fetch' }, 'fetch', /fetch must be a function; got "fetch"/],
  ['numeric headers', { headers: 7 }, 'headers', /headers must be/],
];

describe('createAppConfigClient option checks', () => {
  it.each(cases)('%s → InvalidOptionsError on %s', (_name, patch, field, message) => {
    let thrown: unknown;
    try {
      createAppConfigClient({ ...good, ...patch } as AppConfigClientOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOptionsError);
    expect((thrown as InvalidOptionsError).field).toBe(field);
    expect((thrown as InvalidOptionsError).message).toMatch(message);
  });

  it('accepts the limits themselves', () => {
    for (const requiredMinimumPollIntervalInSeconds of [15, 86_400]) {
      expect(() =>
        createAppConfigClient({
          ...good,
          requiredMinimumPollIntervalInSeconds,
          profile: 'p'.repeat(128),
        }),
      ).not.toThrow();
    }
    expect(() => createAppConfigClient({ ...good, endpoint: '/appconfig' })).not.toThrow();
  });
});
