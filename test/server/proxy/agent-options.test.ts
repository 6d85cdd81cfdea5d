/** createProxy's `agent` and `contextAttributes` options: each refusal names the field and what to do. */
import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../../src/core/errors.js';
import { createProxy } from '../../../src/server/proxy/create-proxy.js';
import type { ProxyOptions } from '../../../src/server/proxy/types.js';
import { FLAGS, SECRET } from './proxy-harness.js';

const base: ProxyOptions = { allow: [FLAGS], secret: SECRET, agent: 'http://localhost:2772' };

function refusal(options: Partial<ProxyOptions>): { field: string; message: string } {
  try {
    createProxy({ ...base, ...options } as ProxyOptions);
  } catch (error) {
    if (error instanceof InvalidOptionsError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

const SDK_REFUSAL =
  "has no effect with agent: the Agent holds the AWS session with its own role and region (AWS_REGION, ROLE_ARN… in the Agent's environment); remove it.";

describe('createProxy: the agent options', () => {
  it.each([
    [
      'agent',
      { agent: 'localhost:2772' },
      "agent must be the Agent's absolute http(s) URL without query or credentials, e.g. 'http://localhost:2772' (the Agent's and the Lambda extension's default); got \"localhost:2772\".",
    ],
    [
      'agent.url',
      { agent: { url: 'http://user:pw@localhost:2772' } },
      "agent.url must be the Agent's absolute http(s) URL without query or credentials, e.g. 'http://localhost:2772' (the Agent's and the Lambda extension's default); got \"http://user:pw@localhost:2772\".",
    ],
    ['region', { region: 'eu-west-1' }, `region ${SDK_REFUSAL}`],
    ['endpoint', { endpoint: 'http://127.0.0.1:1' }, `endpoint ${SDK_REFUSAL}`],
    ['clientConfig', { clientConfig: {} }, `clientConfig ${SDK_REFUSAL}`],
    [
      'agent.accessToken',
      { agent: { url: 'http://localhost:2772', accessToken: 'has space' } },
      "agent.accessToken must be the Agent's ACCESS_TOKEN: 1 to 4096 characters, no spaces.",
    ],
    [
      'agent.cacheEntries',
      { agent: { url: 'http://localhost:2772', cacheEntries: 0 } },
      'agent.cacheEntries must be a whole number from 1 to 1000000; got 0.',
    ],
    [
      'contextAttributes',
      { contextAttributes: ['ok', 'not-ok'] },
      'contextAttributes must be \'any\' or a list of context keys matching ^[A-Za-z_][A-Za-z0-9_]*$, e.g. [\'country\']; got ["ok","not-ok"].',
    ],
  ] as [string, Partial<ProxyOptions>, string][])('refuses a bad %s', (field, options, message) => {
    expect(refusal(options)).toEqual({ field, message: `createProxy: ${message}` });
  });

  it('needs no AWS SDK or region: ready() resolves, and the secret is still required in fan-out', async () => {
    await expect(createProxy(base).ready()).resolves.toBeUndefined();
    expect(refusal({ secret: undefined }).field).toBe('secret');
    // Pass-through to the Agent may go without one (a random key for this instance).
    expect(() => createProxy({ ...base, secret: undefined, mode: 'pass-through' })).not.toThrow();
  });
});
