/**
 * The emulator's Node fast path (src/server/emulator/create-handler.ts `fastPoll`) against its
 * portable path: two identical emulators (one clock, one seeded random source, one token key),
 * one served with `fastPath` on and one with it off, get the same requests over raw sockets, in
 * the same order, and must send the same bytes (status line, every header line in order, body),
 * the Date and the random request ID apart; their request logs must agree too. The corpus covers
 * the hot GET (first polls, next tokens, unchanged empty bodies, new deployments, YAML and text,
 * feature flags with and without a context) and everything the fast path must leave to the
 * handler or get exactly right: replays, bad, corrupted and expired tokens, early polls, odd
 * URLs, headers and methods, base paths, CORS, faults, signatures, the Agent API, close().
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmulator } from '../../src/server/emulator/create-emulator.js';
import type { RequestLogEntry } from '../../src/server/emulator/request-log.js';
import type { DeployInput, Emulator, EmulatorOptions } from '../../src/server/emulator/types.js';
import type { FaultSpec } from '../../src/server/emulator/faults.js';
import type { ServedHandler } from '../../src/server/node/serve.js';
import { fastPathOf } from '../../src/server/shared/fast-path.js';
import { seededRandom } from './emulator-harness.js';
import { goodDoc } from './feature-flag-fixture.js';
import { UI_REFRESH, uiRefreshDoc } from './multi-variant-fixture.js';
import {
  HOST,
  ODD_HOSTS,
  ODD_TARGETS,
  bodyOf,
  closePair,
  exchange,
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
} from '../support/raw-http.js';

const SETTINGS = { application: 'DemoApp', environment: 'Development', profile: 'Settings' };
const YAML = { ...SETTINGS, profile: 'Yaml' };
const TEXT = { ...SETTINGS, profile: 'Text' };
const FLAGS = { ...SETTINGS, profile: 'Flags' };
/** A profile deployed elsewhere, never to this environment: empty answers. */
const NEVER = { ...SETTINGS, environment: 'Staging' };
const APP_ORIGIN = 'http://app.test';

const DATA: DeployInput[] = [
  { ...SETTINGS, content: { theme: 'light' }, versionLabel: 'v1' },
  { ...YAML, content: 'theme: light\n', contentType: 'application/x-yaml' },
  { ...YAML, environment: NEVER.environment, content: 'a: 1\n', contentType: 'application/x-yaml' },
  { ...TEXT, content: 'plain text', contentType: 'text/plain; charset=utf-8', versionLabel: 't' },
  { ...FLAGS, type: 'AWS.AppConfig.FeatureFlags', content: goodDoc() },
  { ...UI_REFRESH, type: 'AWS.AppConfig.FeatureFlags', content: uiRefreshDoc() },
];

interface Side {
  emulator: Emulator;
  served: ServedHandler;
  heard: RequestLogEntry[];
}
interface Pair extends ServedPair<Side> {
  clock: { now: number };
  /** Runs `change` on both emulators. */
  both: (change: (emulator: Emulator) => void) => void;
}

/** An emulator whose token key is fixed, so both sides issue the very same tokens. */
function fixedKeyEmulator(options: EmulatorOptions): Emulator {
  const spy = vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T>(array: T) => {
    if (array instanceof Uint8Array) array.fill(7);
    return array;
  });
  try {
    return createEmulator(options);
  } finally {
    spy.mockRestore();
  }
}

async function pair(options: EmulatorOptions = {}): Promise<Pair> {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const p = await servePair<Side>(async (fastPath, counter) => {
    const heard: RequestLogEntry[] = [];
    const emulator = fixedKeyEmulator({
      now: () => clock.now,
      random: seededRandom(7),
      data: DATA,
      onRequest: (entry) => heard.push(entry),
      ...options,
    });
    const served = await serveCounted(emulator.handle, fastPath, counter);
    return { emulator, served, heard };
  });
  return { ...p, clock, both: (change) => [p.fast, p.slow].forEach((s) => change(s.emulator)) };
}

const close = (p: Pair) => closePair(p, (side) => side.emulator.close());

/** Both request logs (and what onRequest heard), the random request ID made equal. */
function expectSameRecords(p: Pair) {
  const entries = (list: RequestLogEntry[]) => list.map((e) => ({ ...e, requestId: '-' }));
  expect(entries(p.fast.emulator.requests)).toEqual(entries(p.slow.emulator.requests));
  expect(entries(p.fast.heard)).toEqual(entries(p.slow.heard));
  expect(p.fast.heard.length).toBe(p.slow.heard.length);
}

/** A session's initial token, from both (the same token). */
const start = async (p: Pair, triple = SETTINGS, extra: Record<string, unknown> = {}, base = '') =>
  tokenOf(await same(p, post(`${base}/configurationsessions`, startBody(triple, extra))));

describe('defaults', () => {
  let p: Pair;
  beforeAll(async () => {
    p = await pair();
  });
  afterAll(() => close(p));
  afterEach(() => expectSameRecords(p));

  it('answers the hot GET itself, with the same bytes: first poll, next tokens, unchanged', async () => {
    const token = await start(p);
    const before = p.answeredFast();
    const first = await same(p, get(poll(token)));
    expect(statusOf(first)).toBe(200);
    expect(bodyOf(first)).toBe('{"theme":"light"}');
    expect(first).toMatch(/\r\nVersion-Label: v1\r\n/i);
    const next = await same(p, get(poll(nextOf(first))));
    expect(statusOf(next)).toBe(200);
    expect(next).toMatch(/\r\nContent-Length: 0\r\n/);
    expect(next).not.toMatch(/\r\nVersion-Label:/i);
    await same(p, get(poll(nextOf(next))));
    expect(p.answeredFast() - before).toBe(3);
  });

  it('a replay (the token spent) is the handler’s: 400, and the chain goes on', async () => {
    const token = await start(p);
    const first = await same(p, get(poll(token)));
    const before = p.answeredFast();
    const replay = await same(p, get(poll(token)));
    expect(statusOf(replay)).toBe(400);
    expect(p.answeredFast()).toBe(before);
    expect(statusOf(await same(p, get(poll(nextOf(first)))))).toBe(200);
    expect(p.answeredFast()).toBe(before + 1);
  });

  it('a new deployment: the next poll carries it, then empty again', async () => {
    const token = await start(p);
    const first = await same(p, get(poll(token)));
    p.both((e) => e.deploy({ ...SETTINGS, content: { theme: 'dark' }, versionLabel: 'v2' }));
    const before = p.answeredFast();
    const changed = await same(p, get(poll(nextOf(first))));
    expect(bodyOf(changed)).toBe('{"theme":"dark"}');
    expect(changed).toMatch(/\r\nVersion-Label: v2\r\n/i);
    const unchanged = await same(p, get(poll(nextOf(changed))));
    expect(bodyOf(unchanged)).toBe('');
    expect(p.answeredFast() - before).toBe(2);
  });

  it.each([
    ['YAML', YAML, 'application/x-yaml'],
    ['text', TEXT, 'text/plain; charset=utf-8'],
    ['feature flags', FLAGS, 'application/json'],
    ['a profile never deployed (empty)', NEVER, 'application/octet-stream'],
  ])('%s', async (_name, triple, contentType) => {
    const token = await start(p, triple);
    const before = p.answeredFast();
    const first = await same(p, get(poll(token)));
    expect(first.toLowerCase()).toContain(`\r\ncontent-type: ${contentType}\r\n`);
    await same(p, get(poll(nextOf(first))));
    expect(p.answeredFast() - before).toBe(2);
  });

  it('feature flags evaluated for a session context (variants)', async () => {
    const plain = await start(p, UI_REFRESH);
    const beta = await start(p, UI_REFRESH, { Context: { opted_in_to_beta: true } });
    const before = p.answeredFast();
    const a = await same(p, get(poll(plain)));
    const b = await same(p, get(poll(beta)));
    expect(bodyOf(b)).toContain('Beta Testers');
    expect(bodyOf(a)).not.toContain('Beta Testers');
    expect(p.answeredFast() - before).toBe(2);
  });

  it('the combined first call (POST ?include=configuration) is the handler’s', async () => {
    const before = p.answeredFast();
    const answer = await same(
      p,
      post('/configurationsessions?include=configuration', startBody(SETTINGS)),
    );
    expect(statusOf(answer)).toBe(200);
    await same(p, get(poll(nextOf(answer))));
    expect(p.answeredFast()).toBe(before + 1);
  });

  it.each([
    ...ODD_TARGETS,
    ['a token of another layout', () => poll('AYADnot-an-emulator-token')],
    [
      'the Agent API',
      () =>
        `/applications/${SETTINGS.application}/environments/${SETTINGS.environment}/configurations/${SETTINGS.profile}`,
    ],
  ])('%s', async (_name, target) => {
    const token = await start(p);
    await same(p, get(target(token)));
    // Whatever it was, the token then answers as it should.
    await same(p, get(poll(token)));
  });

  it.each([
    ['an Origin', [`Origin: ${APP_ORIGIN}`]],
    ['two Origin lines', [`Origin: ${APP_ORIGIN}`, 'Origin: https://evil.example']],
    ['odd header spacing and case', [`oRiGiN:   ${APP_ORIGIN}  `, 'X-Thing: a', 'x-thing: b']],
    ['Context headers (Agent only)', ['Context: a=1']],
  ])('a poll with %s', async (_name, headers) => {
    const token = await start(p);
    const before = p.answeredFast();
    await same(p, get(poll(token), headers));
    expect(p.answeredFast()).toBe(before + 1);
  });

  it('an odd Host: no port, an upper-case name, IP addresses', async () => {
    for (const host of ODD_HOSTS) {
      const token = await start(p);
      await same(p, get(poll(token)).replace(`Host: ${HOST}`, `Host: ${host}`));
    }
  });

  it('leaves other methods to the handler (a HEAD spends nothing)', async () => {
    const token = await start(p);
    const before = p.answeredFast();
    for (const method of ['HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE']) {
      await same(p, get(poll(token)).replace(/^GET/, method));
    }
    expect(p.answeredFast()).toBe(before);
    expect(statusOf(await same(p, get(poll(token))))).toBe(200);
  });

  it('a CORS preflight is the handler’s', async () => {
    const preflight = [
      'OPTIONS /configuration HTTP/1.1',
      `Host: ${HOST}`,
      `Origin: ${APP_ORIGIN}`,
      'Access-Control-Request-Method: GET',
      'Access-Control-Request-Headers: x-custom',
      'Connection: close',
      '',
      '',
    ].join('\r\n');
    expect(statusOf(await same(p, preflight))).toBe(204);
  });

  it('an expired token (24 h and 1 ms), and one at exactly 24 h', async () => {
    const a = await start(p);
    const b = await start(p);
    p.clock.now += 24 * 60 * 60 * 1000;
    const before = p.answeredFast();
    expect(statusOf(await same(p, get(poll(a))))).toBe(200);
    p.clock.now += 1;
    expect(statusOf(await same(p, get(poll(b))))).toBe(400);
    expect(p.answeredFast()).toBe(before + 1);
  });

  it('too early with a minimum interval: the handler’s 400, the token unspent', async () => {
    const token = await start(p, SETTINGS, { RequiredMinimumPollIntervalInSeconds: 30 });
    const first = await same(p, get(poll(token)));
    expect(first).toMatch(/\r\nNext-Poll-Interval-In-Seconds: 30\r\n/i);
    const before = p.answeredFast();
    expect(statusOf(await same(p, get(poll(nextOf(first)))))).toBe(400);
    expect(p.answeredFast()).toBe(before);
    p.clock.now += 29_999;
    expect(statusOf(await same(p, get(poll(nextOf(first)))))).toBe(400);
    p.clock.now += 1;
    expect(statusOf(await same(p, get(poll(nextOf(first)))))).toBe(200);
    expect(p.answeredFast()).toBe(before + 1);
  });

  it('after close(): the same answers', async () => {
    const q = await pair();
    const token = await start(q);
    q.both((e) => e.close());
    const first = await same(q, get(poll(token)));
    await same(q, get(poll(nextOf(first))));
    expectSameRecords(q);
    await Promise.all([q.fast.served.close(), q.slow.served.close()]);
  });
});

describe('faults', () => {
  let p: Pair;
  beforeAll(async () => {
    p = await pair();
  });
  afterAll(() => close(p));
  afterEach(() => expectSameRecords(p));

  it.each<FaultSpec>([
    { kind: 'throttle' },
    { kind: 'internal', operation: 'GetLatestConfiguration' },
    { kind: 'expire-token' },
    { kind: 'corrupt-token', count: 2 },
    { kind: 'too-early' },
    { kind: 'delay', delayMs: 0 },
  ])('a pending $kind fault: declined, then the fast path is back', async (spec) => {
    let token = await start(p);
    p.both((e) => e.faults.inject(spec));
    const before = p.answeredFast();
    for (let i = 0; i < (spec.count ?? 1); i++) {
      const answer = await same(p, get(poll(token)));
      if (statusOf(answer) === 200) token = nextOf(answer); // a delay answers, late
    }
    expect(p.answeredFast()).toBe(before);
    expect(statusOf(await same(p, get(poll(token))))).toBe(200);
    expect(p.answeredFast()).toBe(before + 1);
  });

  it('a network fault: both drop the connection', async () => {
    const token = await start(p);
    p.both((e) => e.faults.inject({ kind: 'network' }));
    const head = get(poll(token));
    const outcome = (port: number) =>
      exchange(port, head).then(
        (raw) => raw.length,
        (error: NodeJS.ErrnoException) => error.code,
      );
    expect(await outcome(p.fast.served.port)).toEqual(await outcome(p.slow.served.port));
    await same(p, get(poll(token)));
  });

  it('a fault of the other operation does not stop it', async () => {
    const token = await start(p);
    p.both((e) => e.faults.inject({ kind: 'throttle', operation: 'StartConfigurationSession' }));
    const before = p.answeredFast();
    await same(p, get(poll(token)));
    expect(p.answeredFast()).toBe(before + 1);
    p.both((e) => e.faults.clear());
  });
});

describe.each<[string, EmulatorOptions, string]>([
  ['a base path', { basePath: '/appconfig/' }, '/appconfig'],
  ['CORS origins', { cors: { origins: [APP_ORIGIN] } }, ''],
  ['CORS off', { cors: false }, ''],
  ['relaxed token reuse', { strictTokenReuse: false }, ''],
  ['enforcePollInterval always', { enforcePollInterval: 'always' }, ''],
  ['pollIntervalSeconds', { pollIntervalSeconds: 5 }, ''],
  ['a small request log', { requestLogSize: 1 }, ''],
])('with %s', (_name, options, base) => {
  let p: Pair;
  beforeAll(async () => {
    p = await pair(options);
  });
  afterAll(() => close(p));
  afterEach(() => expectSameRecords(p));

  it('the same bytes for the same requests', async () => {
    const token = await start(p, SETTINGS, {}, base);
    const before = p.answeredFast();
    const first = await same(p, get(poll(token, base), [`Origin: ${APP_ORIGIN}`]));
    expect(statusOf(first)).toBe(200);
    const heads: ((t: string, spent: string) => string)[] = [
      (t) => get(poll(t, base)),
      (t) => get(poll(t, base), [`Origin: ${APP_ORIGIN}`]),
      (t) => get(poll(t, base), ['Origin: https://evil.example']),
      (t) => get(poll(t, '/appconfigX')),
      (t) => get(poll(t)),
      () => get(`${base}/configuration`, [`Origin: ${APP_ORIGIN}`]),
      (_t, spent) => get(poll(spent, base)), // a replay: 400, or 200 with relaxed reuse
    ];
    // Each head with the newest token (a refusal leaves it as it was), then again a minute later.
    let spent = token;
    let next = nextOf(first);
    const round = async () => {
      for (const head of heads) {
        const answer = await same(p, head(next, spent));
        if (statusOf(answer) === 200) [spent, next] = [next, nextOf(answer)];
      }
    };
    await round();
    p.clock.now += 60_000;
    await round();
    expect(p.answeredFast()).toBeGreaterThan(before);
  });
});

describe('not offered', () => {
  it('with requireSignature (the check needs the whole request)', () => {
    const signed = createEmulator({
      requireSignature: {
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        region: 'us-east-1',
      },
    });
    expect(fastPathOf(signed.handle)).toBeUndefined();
    expect(fastPathOf(createEmulator().handle)).toBeDefined();
  });
});
