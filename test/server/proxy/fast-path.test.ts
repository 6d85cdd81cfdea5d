/**
 * The Node fast path (src/server/shared/fast-path.ts) against the portable path: two identical
 * proxies on one clock, one served with `fastPath` on and one with it off, get the same requests
 * over raw sockets, in the same order, and must send the same bytes (status line, every header
 * line in order, body), the Date and the random request ID apart; their metrics and logs must
 * agree too. The corpus covers the hot GET (first poll, replays, the next token), and everything
 * the fast path must leave to the handler or get exactly right: bad, expired, foreign-kind and
 * missing tokens, repeated and oddly encoded parameters, early polls, the Origin check, CORS,
 * rate limits, a cached copy that is due, base paths, other methods and paths, hooks, shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedHandler } from '../../../src/server/node/serve.js';
import { fastPathOf } from '../../../src/server/shared/fast-path.js';
import type {
  AppConfigProxy,
  ProxyLogEvent,
  ProxyOptions,
} from '../../../src/server/proxy/types.js';
import {
  HOST,
  ODD_HOSTS,
  ODD_TARGETS,
  closePair,
  get,
  nextOf,
  poll,
  post,
  same,
  servePair,
  serveCounted,
  startBody,
  statusOf,
  tokenOf,
  type Pair as ServedPair,
} from '../../support/raw-http.js';
import {
  APP_ORIGIN,
  FLAGS,
  SETTINGS,
  proxyFor,
  startUpstream,
  type Upstream,
} from './proxy-harness.js';

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());

interface Side {
  proxy: AppConfigProxy;
  served: ServedHandler;
  events: ProxyLogEvent[];
}
type Pair = ServedPair<Side>;

const pair = (options: Partial<ProxyOptions>): Promise<Pair> =>
  servePair(async (fastPath, counter) => {
    const events: ProxyLogEvent[] = [];
    const proxy = proxyFor(upstream, { ...options, logger: (event) => events.push(event) });
    const served = await serveCounted(proxy.handle, fastPath, counter);
    return { proxy, served, events };
  });

const close = (p: Pair) => closePair(p, (side) => side.proxy.close());

/** Metrics and logs of both sides, with what is random or timed made equal. */
function expectSameRecords(p: Pair) {
  const events = (side: Pair['fast']) =>
    side.events.map((event) => ({ ...event, requestId: '-', durationMs: 0 }));
  expect(events(p.fast)).toEqual(events(p.slow));
  expect(p.fast.proxy.metrics()).toEqual(p.slow.proxy.metrics());
}

describe('fan-out, defaults', () => {
  let p: Pair;
  let token: string;
  beforeAll(async () => {
    p = await pair({});
    token = tokenOf(await same(p, post('/configurationsessions', startBody(FLAGS))));
  });
  afterAll(() => close(p));

  it('answers the hot GET itself, with the same bytes: first poll, replays, the next token', async () => {
    const first = await same(p, get(poll(token))); // a miss: the handler's
    expect(statusOf(first)).toBe(200);
    const before = p.answeredFast();
    const replay = await same(p, get(poll(token)));
    expect(replay).toBe(first); // a token is not single-use in fan-out
    const next = await same(p, get(poll(nextOf(first))));
    expect(statusOf(next)).toBe(200);
    expect(next).toMatch(/\r\nContent-Length: 0\r\n/);
    await same(p, get(poll(nextOf(next))));
    expect(p.answeredFast() - before).toBe(3);
    expectSameRecords(p);
  });

  it.each([...ODD_TARGETS, ['a token that is not ours', () => poll('AYADnot-a-proxy-token')]])(
    '%s',
    async (_name, target) => {
      await same(p, get(target(token)));
      expectSameRecords(p);
    },
  );

  it.each([
    ['its own origin', [`Origin: http://${HOST}`]],
    ['its own origin over https (TLS ended in front)', [`Origin: https://${HOST}`]],
    ['a foreign origin', ['Origin: https://evil.example']],
    ['Origin: null', ['Origin: null']],
    ['two Origin lines', [`Origin: http://${HOST}`, 'Origin: https://evil.example']],
    ['an Origin with spaces around it', [`Origin:   http://${HOST}  `]],
    [
      'X-Forwarded-Host without trustProxy',
      ['Origin: https://public.example', 'X-Forwarded-Host: public.example'],
    ],
    ['X-Forwarded-For without trustProxy', ['X-Forwarded-For: 203.0.113.9']],
  ])('a poll with %s', async (_name, headers) => {
    await same(p, get(poll(token), headers));
    expectSameRecords(p);
  });

  it('leaves other methods to the handler', async () => {
    for (const method of ['HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE']) {
      await same(p, get(poll(token)).replace(/^GET/, method));
    }
    expectSameRecords(p);
  });

  it('an odd Host: no port, an upper-case name, an IP address', async () => {
    for (const host of ODD_HOSTS) {
      await same(p, get(poll(token)).replace(`Host: ${HOST}`, `Host: ${host}`));
    }
    expectSameRecords(p);
  });

  it('a cached copy that is due: the handler refreshes it, then the fast path is back', async () => {
    upstream.emulator.deploy({
      ...FLAGS,
      content: { darkMode: { enabled: false } },
      versionLabel: 'f2',
    });
    upstream.clock.now += 5 * 60 * 1000;
    const before = p.answeredFast();
    const refreshed = await same(p, get(poll(token)));
    expect(refreshed).toContain('"enabled":false');
    expect(p.answeredFast()).toBe(before);
    await same(p, get(poll(token)));
    expect(p.answeredFast()).toBe(before + 1);
    expectSameRecords(p);
  });

  it('an expired token (24 h and 1 ms)', async () => {
    const fresh = tokenOf(await same(p, post('/configurationsessions', startBody(SETTINGS))));
    await same(p, get(poll(fresh)));
    upstream.clock.now += 24 * 60 * 60 * 1000 + 1;
    const expired = await same(p, get(poll(fresh)));
    expect(statusOf(expired)).toBe(400);
    expectSameRecords(p);
  });

  it('an early poll of a session with a minimum interval', async () => {
    const start = await same(
      p,
      post(
        '/configurationsessions',
        startBody(FLAGS, { RequiredMinimumPollIntervalInSeconds: 30 }),
      ),
    );
    const first = await same(p, get(poll(tokenOf(start))));
    expect(statusOf(await same(p, get(poll(nextOf(first)))))).toBe(400);
    upstream.clock.now += 120_000; // past the interval (the proxy's floor is above 30 s)
    expect(statusOf(await same(p, get(poll(nextOf(first)))))).toBe(200);
    expectSameRecords(p);
  });

  it('is not offered in pass-through (its envelopes hold AWS tokens: nothing to answer alone)', () => {
    const passThrough = proxyFor(upstream, { mode: 'pass-through' });
    expect(fastPathOf(passThrough.handle)).toBeUndefined();
    expect(fastPathOf(p.fast.proxy.handle)).toBeDefined();
    passThrough.close();
  });

  it('after close(): 503 from the handler', async () => {
    const q = await pair({});
    const own = tokenOf(await same(q, post('/configurationsessions', startBody(FLAGS))));
    await same(q, get(poll(own)));
    q.fast.proxy.close();
    q.slow.proxy.close();
    expect(statusOf(await same(q, get(poll(own))))).toBe(503);
    expectSameRecords(q);
    await Promise.all([q.fast.served.close(), q.slow.served.close()]);
  });
});

describe.each<[string, Partial<ProxyOptions>, boolean]>([
  ['a rate limit', { rateLimit: { requestsPerSecond: 1, burst: 3 } }, true],
  [
    'a rate limit behind a trusted proxy',
    { rateLimit: { requestsPerSecond: 1, burst: 2 }, trustProxy: true },
    true,
  ],
  ['CORS', { cors: { origins: [APP_ORIGIN], credentials: true } }, true],
  ['a base path', { basePath: '/appconfig/' }, true],
  ['trustProxy (X-Forwarded-Host)', { trustProxy: 2 }, true],
  ['authorize (no fast path)', { authorize: () => ({ allow: [FLAGS] }) }, false],
  [
    'clientId (no fast path)',
    { clientId: () => 'one', rateLimit: { requestsPerSecond: 1, burst: 2 } },
    false,
  ],
])('fan-out with %s', (_name, options, fastPath) => {
  let p: Pair;
  let token: string;
  const base = options.basePath ? '/appconfig' : '';
  beforeAll(async () => {
    p = await pair(options);
    token = tokenOf(await same(p, post(`${base}/configurationsessions`, startBody(FLAGS))));
    await same(p, get(poll(token, base)));
  });
  afterAll(() => close(p));

  it('the same bytes for the same requests', async () => {
    expect(fastPathOf(p.fast.proxy.handle) !== undefined).toBe(fastPath);
    const heads = [
      get(poll(token, base)),
      get(poll(token, base), [`Origin: ${APP_ORIGIN}`]),
      get(poll(token, base), ['Origin: https://evil.example']),
      get(poll(token, base), [
        'Origin: https://public.example',
        'X-Forwarded-Host: a.example, public.example',
      ]),
      get(poll(token, base), ['X-Forwarded-For: 203.0.113.9, 198.51.100.7']),
      get(poll(token, base), ['X-Forwarded-For: 203.0.113.10']),
      get(poll(token), []),
      get(poll(token, '/appconfigX'), []),
      get(`${base}/configuration`, [`Origin: ${APP_ORIGIN}`]),
      [
        `OPTIONS ${base}/configuration HTTP/1.1`,
        `Host: ${HOST}`,
        `Origin: ${APP_ORIGIN}`,
        'Access-Control-Request-Method: GET',
        'Connection: close',
        '',
        '',
      ].join('\r\n'),
    ];
    const before = p.answeredFast();
    const statuses: number[] = [];
    // Twice round, then again a second later: a rate limit refuses some, then refills.
    for (const head of [...heads, ...heads]) statuses.push(statusOf(await same(p, head)));
    upstream.clock.now += 1000;
    for (const head of heads) statuses.push(statusOf(await same(p, head)));
    if (options.rateLimit) expect(statuses).toContain(429);
    expect(p.answeredFast() > before).toBe(fastPath);
    expectSameRecords(p);
  });
});
