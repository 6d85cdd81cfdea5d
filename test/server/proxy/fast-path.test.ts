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
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServedHandler } from '../../../src/server/node/serve.js';
import { attachFastPath, fastPathOf } from '../../../src/server/shared/fast-path.js';
import type {
  AppConfigProxy,
  ProxyLogEvent,
  ProxyOptions,
} from '../../../src/server/proxy/types.js';
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

const HOST = 'proxy.test:8080';

/** One raw HTTP/1.1 exchange; the whole answer as sent (the server closes after it). */
function exchange(port: number, head: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

/** The answer with its Date and request ID (random in both) made equal. */
const comparable = (raw: Buffer) =>
  raw
    .toString('latin1')
    .replace(/^Date: .*$/im, 'Date: -')
    .replace(/^x-amzn-RequestId: .*$/im, 'x-amzn-RequestId: -');

interface Pair {
  fast: { proxy: AppConfigProxy; served: ServedHandler; events: ProxyLogEvent[] };
  slow: { proxy: AppConfigProxy; served: ServedHandler; events: ProxyLogEvent[] };
  /** Requests the fast path answered itself. */
  answeredFast: () => number;
}

async function pair(options: Partial<ProxyOptions>): Promise<Pair> {
  let answered = 0;
  const side = async (fastPath: boolean) => {
    const events: ProxyLogEvent[] = [];
    const proxy = proxyFor(upstream, { ...options, logger: (event) => events.push(event) });
    let handler = proxy.handle;
    const fast = fastPathOf(proxy.handle);
    if (fastPath && fast) {
      // The same fast path, counted: the test must see it answer the hot requests.
      handler = (request, info) => proxy.handle(request, info);
      attachFastPath(handler, (request) => {
        const result = fast(request);
        if (result) answered++;
        return result;
      });
    }
    const served = await serve(handler, { port: 0, host: '127.0.0.1', fastPath });
    return { proxy, served, events };
  };
  return { fast: await side(true), slow: await side(false), answeredFast: () => answered };
}

async function close(p: Pair) {
  for (const side of [p.fast, p.slow]) {
    side.proxy.close();
    await side.served.close();
  }
}

/** Sends `head` to both; expects the same bytes; returns the answer (as text). */
async function same(p: Pair, head: string): Promise<string> {
  const fast = comparable(await exchange(p.fast.served.port, head));
  const slow = comparable(await exchange(p.slow.served.port, head));
  expect(fast).toBe(slow);
  return fast;
}

const get = (target: string, headers: string[] = []) =>
  [`GET ${target} HTTP/1.1`, `Host: ${HOST}`, ...headers, 'Connection: close', '', ''].join('\r\n');

const startBody = (triple: typeof FLAGS, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    ApplicationIdentifier: triple.application,
    EnvironmentIdentifier: triple.environment,
    ConfigurationProfileIdentifier: triple.profile,
    ...extra,
  });

const post = (target: string, body: string, headers: string[] = []) =>
  [
    `POST ${target} HTTP/1.1`,
    `Host: ${HOST}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...headers,
    'Connection: close',
    '',
    body,
  ].join('\r\n');

const tokenOf = (answer: string, name = 'InitialConfigurationToken') =>
  (JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, string>)[name]!;
const nextOf = (answer: string) => /^next-poll-configuration-token: (.*)$/im.exec(answer)![1]!;
const statusOf = (answer: string) => Number(answer.split(' ')[1]);
const poll = (token: string, base = '') =>
  `${base}/configuration?configuration_token=${encodeURIComponent(token)}`;

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

  it.each([
    ['a corrupted token', () => poll(`${token.slice(0, -4)}AAAA`)],
    ['a token that is not ours', () => poll('AYADnot-a-proxy-token')],
    ['no token', () => '/configuration'],
    ['an empty token', () => '/configuration?configuration_token='],
    ['a token with a space', () => '/configuration?configuration_token=a%20b'],
    [
      'an unencoded token (+ reads as a space)',
      () => `/configuration?configuration_token=${token}`,
    ],
    [
      'a malformed escape',
      () => `/configuration?configuration_token=%zz${encodeURIComponent(token)}`,
    ],
    ['an escaped name', () => `/configuration?configuration%5Ftoken=${encodeURIComponent(token)}`],
    ['a repeated parameter (the first counts)', () => `${poll(token)}&configuration_token=x`],
    [
      'a repeated parameter, bad first',
      () => `/configuration?configuration_token=x&${poll(token).split('?')[1]}`,
    ],
    ['another parameter first', () => `/configuration?a=1&b&${poll(token).split('?')[1]}`],
    ['a fragment', () => `${poll(token)}#x`],
    ['a dot segment', () => `/x/..${poll(token)}`],
    ['a trailing slash', () => poll(token).replace('/configuration', '/configuration/')],
    ['another case', () => poll(token).replace('/configuration', '/Configuration')],
    ['an escaped path', () => poll(token).replace('/configuration', '/configur%61tion')],
    ['an absolute-form target', () => `http://${HOST}${poll(token)}`],
    ['an unknown path', () => '/nothing'],
    ['a quote in the query (encoded by new URL)', () => `${poll(token)}&x='y'`],
    ['a bar and braces in the query', () => `${poll(token)}&x=|{}`],
    [
      'escapes in the path',
      () => `/%63onfiguration?configuration_token=${encodeURIComponent(token)}`,
    ],
  ])('%s', async (_name, target) => {
    await same(p, get(target()));
    expectSameRecords(p);
  });

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
    for (const host of [
      'proxy.test',
      'PROXY.test:8080',
      '127.0.0.1:9',
      '127.0.0.1:8080',
      '2130706433:8080',
      '0x7f.1:8080',
      '127.1:8080',
      '127.0.0.1.:8080',
      '010.0.0.1:8080',
      'xn--nxasmq6b.example:8080',
      'xn--a:8080',
    ]) {
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
