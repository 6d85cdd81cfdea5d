/**
 * Issue 14 item 12: one SDK attempt per upstream call, the proxy's own policy above it. With the
 * SDK's default of 3 attempts inside the proxy's backoff, throttling multiplied the load on AWS.
 * These proxies are built WITHOUT the harness's `clientConfig: { maxAttempts: 1 }`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProxyConfig, proxyOptionsOf } from '../../../src/server/node/proxy-config.js';
import { createProxy } from '../../../src/server/proxy/create-proxy.js';
import {
  CREDENTIALS,
  FLAGS,
  REGION,
  SECRET,
  answer,
  browser,
  startUpstream,
  type Upstream,
} from './proxy-harness.js';

let upstream: Upstream;
beforeEach(async () => {
  upstream = await startUpstream();
});
afterEach(() => upstream.close());

const proxyWithSdkDefaults = (mode: 'fan-out' | 'pass-through') =>
  createProxy({
    mode,
    allow: [FLAGS],
    secret: SECRET,
    region: REGION,
    endpoint: upstream.server.url,
    credentials: CREDENTIALS,
    now: () => upstream.clock.now,
    rateLimit: false,
  });

describe('upstream retries', () => {
  it('pass-through: one AWS request per browser request while AWS throttles', async () => {
    const b = browser(proxyWithSdkDefaults('pass-through'));
    upstream.emulator.faults.inject({ kind: 'throttle', count: Infinity });
    for (let i = 1; i <= 3; i++) {
      expect(await answer(await b.start())).toMatchObject({ status: 429 });
      expect(upstream.count('StartConfigurationSession')).toBe(i);
    }
  });

  it('fan-out: throttled refreshes back off (5 s, doubling, at most 60 s), one attempt each', async () => {
    const b = browser(proxyWithSdkDefaults('fan-out'));
    await b.poll(await b.startToken());
    expect(upstream.count('GetLatestConfiguration')).toBe(1);
    upstream.emulator.faults.inject({
      kind: 'throttle',
      count: Infinity,
      operation: 'GetLatestConfiguration',
    });
    upstream.clock.now += 60_000;
    // A new browser every second for ten minutes while AWS throttles: the cached copy serves them.
    for (let second = 0; second < 600; second++) {
      expect((await b.poll(await b.startToken())).status).toBe(200);
      upstream.clock.now += 1000;
    }
    // Refreshes at 0, 5, 15, 35, 75, 135, 195 … s: 12 in ten minutes, not 600 (and not 3 × that).
    const refreshes = upstream.count('GetLatestConfiguration') - 1;
    expect(refreshes).toBeGreaterThanOrEqual(10);
    expect(refreshes).toBeLessThanOrEqual(13);
    expect(upstream.count('StartConfigurationSession')).toBe(1);
  });

  it('takes clientConfig from the CLI config file, refusing credentials there', () => {
    const config = parseProxyConfig(
      { allow: [FLAGS], clientConfig: { maxAttempts: 2, retryMode: 'adaptive' } },
      'proxy.json',
    );
    expect(proxyOptionsOf(config).clientConfig).toEqual({ maxAttempts: 2, retryMode: 'adaptive' });
    expect(() =>
      parseProxyConfig(
        { allow: [FLAGS], clientConfig: { credentials: { accessKeyId: 'x' } } },
        'proxy.json',
      ),
    ).toThrow(/clientConfig: must not hold credentials/);
    expect(() => parseProxyConfig({ allow: [FLAGS], clientConfig: 3 }, 'proxy.json')).toThrow(
      /clientConfig: must be an object of AppConfigDataClient settings/,
    );
  });
});
