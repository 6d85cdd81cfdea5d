/**
 * Issue 14 item 13: a session start from a foreign page is refused (403, no AWS call) whether or
 * not CORS is configured, and without relying on a preflight: a `text/plain` POST is a CORS
 * "simple" request any page can send. Requests without Origin (SDKs, the CLI) pass.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serve } from '../../../src/server/node/serve.js';
import { ORIGIN_REFUSED_MESSAGE } from '../../../src/server/proxy/create-proxy.js';
import type { ProxyOptions } from '../../../src/server/proxy/types.js';
import {
  APP_ORIGIN,
  FLAGS,
  ORIGIN,
  answer,
  proxyFor,
  startUpstream,
  type Upstream,
} from './proxy-harness.js';

let upstream: Upstream;
beforeEach(async () => {
  upstream = await startUpstream();
});
afterEach(() => upstream.close());

const START_BODY = JSON.stringify({
  ApplicationIdentifier: FLAGS.application,
  EnvironmentIdentifier: FLAGS.environment,
  ConfigurationProfileIdentifier: FLAGS.profile,
});

const CONFIGS: [string, Partial<ProxyOptions>][] = [
  ['fan-out without cors', {}],
  ['pass-through without cors', { mode: 'pass-through' }],
  ['pass-through with cors', { mode: 'pass-through', cors: { origins: [APP_ORIGIN] } }],
];

describe.each(CONFIGS)('%s', (_name, options) => {
  const start = (headers: Record<string, string>, query = '') =>
    proxyFor(upstream, options).fetch(`${ORIGIN}/configurationsessions${query}`, {
      method: 'POST',
      headers,
      body: START_BODY,
    });

  it.each([
    [
      'a foreign page, text/plain (no preflight)',
      { origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
    ],
    [
      'a foreign page, application/json',
      { origin: 'https://evil.example', 'content-type': 'application/json' },
    ],
    ['a sandboxed frame (Origin: null)', { origin: 'null', 'content-type': 'text/plain' }],
    ['a look-alike host', { origin: 'http://proxy.test.evil.example' }],
  ])('refuses %s with 403 and no AWS call', async (_case, headers) => {
    for (const query of ['', '?include=configuration']) {
      expect(await answer(await start(headers, query))).toMatchObject({
        status: 403,
        type: 'AccessDeniedException',
        json: { Message: ORIGIN_REFUSED_MESSAGE },
      });
    }
    expect(upstream.count()).toBe(0);
  });

  it('accepts no Origin (SDKs, the CLI) and the proxy’s own origin', async () => {
    expect((await start({})).status).toBe(201);
    expect(
      (await start({ origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8' })).status,
    ).toBe(201);
  });
});

describe('the Origin check over real HTTP', () => {
  it('compares the page’s host with the Host header (TLS may end at a load balancer)', async () => {
    const proxy = proxyFor(upstream, { cors: { origins: [APP_ORIGIN] } });
    const served = await serve((request, info) => proxy.handle(request, info), { port: 0 });
    try {
      const post = (origin: string) =>
        fetch(`${served.url}/configurationsessions`, {
          method: 'POST',
          headers: { origin, 'content-type': 'text/plain;charset=UTF-8' },
          body: START_BODY,
        });
      expect((await post(served.url)).status).toBe(201);
      expect((await post(served.url.replace('http:', 'https:'))).status).toBe(201);
      expect((await post(APP_ORIGIN)).status).toBe(201);
      expect((await post('http://127.0.0.2:1')).status).toBe(403);
    } finally {
      await served.close();
      proxy.close();
    }
  });

  it('trusts X-Forwarded-Host only with trustProxy', async () => {
    const headers = {
      origin: 'https://public.example',
      'x-forwarded-host': 'public.example',
    };
    const post = (options: Partial<ProxyOptions>) =>
      proxyFor(upstream, options).fetch(`${ORIGIN}/configurationsessions`, {
        method: 'POST',
        headers,
        body: START_BODY,
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ trustProxy: true })).status).toBe(201);
  });
});
