/**
 * Fan-out mode against the signature-checking emulator over a real socket: any number of browsers
 * cost one upstream session and one upstream poll per interval, tokens are self-contained (any
 * instance with the secret serves any browser), and AWS failures never leak to browsers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS } from '../../../src/core/limits.js';
import type { ProxyLogEvent } from '../../../src/server/proxy/types.js';
import {
  CREDENTIALS,
  FLAGS,
  GHOST,
  OTHER_SECRET,
  SETTINGS,
  answer,
  browser,
  nextToken,
  proxyFor,
  startUpstream,
  type Upstream,
} from './proxy-harness.js';

let upstream: Upstream;
beforeEach(async () => {
  upstream = await startUpstream();
});
afterEach(() => upstream.close());

const SESSIONS = 1000;

describe('fan-out: one upstream session for any number of browsers', () => {
  it(
    'serves 1,000 browser sessions with one upstream session and one upstream poll per interval',
    { timeout: 60_000 },
    async () => {
      const proxy = proxyFor(upstream);
      const b = browser(proxy);
      const tokens = await Promise.all(Array.from({ length: SESSIONS }, () => b.startToken()));
      // Browsers' sessions are the proxy's own: starting them costs AWS nothing.
      expect(upstream.count()).toBe(0);

      // Round 0, all at once: one upstream call in flight, shared by all 1,000 polls.
      let responses = await Promise.all(tokens.map((token) => b.poll(token)));
      for (const response of responses) {
        expect(response.status).toBe(200);
        expect(response.headers.get('version-label')).toBe('f1');
        expect(await response.text()).toBe('{"darkMode":{"enabled":true}}');
      }
      tokens.splice(0, SESSIONS, ...responses.map(nextToken));
      expect(upstream.count('StartConfigurationSession')).toBe(1);
      expect(upstream.count('GetLatestConfiguration')).toBe(1);

      for (let round = 1; round <= 3; round++) {
        upstream.clock.now += 60_000; // the browsers' interval
        if (round === 2) {
          upstream.emulator.deploy({
            ...FLAGS,
            content: { darkMode: { enabled: false } },
            versionLabel: 'f2',
          });
        }
        responses = [];
        for (const token of tokens) responses.push(await b.poll(token)); // one after another: cache hits
        for (const response of responses) {
          expect(response.status).toBe(200);
          const text = await response.text();
          if (round === 2) {
            expect(text).toBe('{"darkMode":{"enabled":false}}');
            expect(response.headers.get('version-label')).toBe('f2');
          } else {
            expect(text).toBe('');
            expect(response.headers.get('version-label')).toBeNull();
          }
        }
        tokens.splice(0, SESSIONS, ...responses.map(nextToken));
        expect(upstream.count('StartConfigurationSession')).toBe(1);
        expect(upstream.count('GetLatestConfiguration')).toBe(1 + round);
      }

      const metrics = proxy.metrics();
      expect(metrics.requests).toBe(SESSIONS * 5);
      expect(metrics.upstreamCalls).toEqual({
        StartConfigurationSession: 1,
        GetLatestConfiguration: 4,
      });
      expect(metrics.cacheMisses).toBe(SESSIONS + 3);
      expect(metrics.cacheHits).toBe(3 * (SESSIONS - 1));
      expect(upstream.emulator.requests.every((r) => r.status < 300)).toBe(true);
    },
  );

  it('polls AWS at most once per upstream interval however often browsers come', async () => {
    const proxy = proxyFor(upstream, { pollIntervalSeconds: 60, upstreamPollIntervalSeconds: 30 });
    const b = browser(proxy);
    const tokens = await Promise.all(Array.from({ length: 50 }, () => b.startToken()));
    await Promise.all(tokens.map((t) => b.poll(t))); // upstream poll 1 at t=0
    upstream.clock.now += 29_000;
    await Promise.all(tokens.map(() => b.startToken().then(b.poll))); // new sessions: cache hits
    expect(upstream.count('GetLatestConfiguration')).toBe(1);
    upstream.clock.now += 1_000; // t=30 s: the cached copy is due
    await Promise.all(tokens.map(() => b.startToken().then(b.poll)));
    expect(upstream.count('GetLatestConfiguration')).toBe(2);
    // The emulator enforced the 30 s minimum the proxy asked for: never a "Request too early".
    expect(upstream.emulator.requests.map((r) => r.status)).toEqual([201, 200, 200]);
  });

  it('answers "Request too early" in a session that asked for a minimum, and the token stays valid', async () => {
    const proxy = proxyFor(upstream);
    const b = browser(proxy);
    const first = await b.poll(
      await b.startToken(FLAGS, { RequiredMinimumPollIntervalInSeconds: 60 }),
    );
    const token = nextToken(first);
    upstream.clock.now += 30_000;
    const early = await answer(await b.poll(token));
    expect(early).toMatchObject({
      status: 400,
      type: 'BadRequestException',
      message: 'Request too early',
      problem: 'PollIntervalNotSatisfied',
      json: {
        Message: 'Request too early',
        Reason: 'InvalidParameters',
        Details: {
          InvalidParameters: { ConfigurationToken: { Problem: 'PollIntervalNotSatisfied' } },
        },
      },
    });
    upstream.clock.now += 30_000;
    const later = await b.poll(token);
    expect(later.status).toBe(200);
    expect(await later.text()).toBe(''); // this browser already has the version
  });

  it('expires tokens 24 hours after they were issued', async () => {
    const proxy = proxyFor(upstream);
    const b = browser(proxy);
    const token = await b.startToken();
    upstream.clock.now += TOKEN_LIFETIME_MS;
    const atLimit = await b.poll(token);
    expect(atLimit.status).toBe(200);
    upstream.clock.now += TOKEN_LIFETIME_MS + 1;
    expect(await answer(await b.poll(nextToken(atLimit)))).toMatchObject({
      status: 400,
      type: 'BadRequestException',
      problem: 'Expired',
    });
  });

  it('gives each browser max(its requested interval, pollIntervalSeconds)', async () => {
    const b = browser(proxyFor(upstream));
    const interval = async (extra: Record<string, unknown>) =>
      (await b.poll(await b.startToken(FLAGS, extra))).headers.get('next-poll-interval-in-seconds');
    expect(await interval({})).toBe('60');
    expect(await interval({ RequiredMinimumPollIntervalInSeconds: 15 })).toBe('60');
    expect(await interval({ RequiredMinimumPollIntervalInSeconds: 300 })).toBe('300');
    const fast = browser(proxyFor(upstream, { pollIntervalSeconds: 20 }));
    expect(
      (await fast.poll(await fast.startToken())).headers.get('next-poll-interval-in-seconds'),
    ).toBe('20');
  });

  it('replaying a token gets the same answer again (stateless; documented)', async () => {
    const b = browser(proxyFor(upstream));
    const token = await b.startToken();
    const one = await b.poll(token);
    const two = await b.poll(token);
    expect(await one.text()).toBe(await two.text());
    expect(two.status).toBe(200);
  });
});

describe('fan-out: many instances, no shared state', () => {
  it('accepts tokens from another instance with the same secret, agreeing on versions', async () => {
    const a = browser(proxyFor(upstream));
    const b = browser(proxyFor(upstream));
    const first = await a.poll(await a.startToken());
    expect(await first.text()).toBe('{"darkMode":{"enabled":true}}');
    upstream.clock.now += 60_000;
    // Instance B never saw this browser: its token says which version it holds, so B sends nothing.
    const second = await b.poll(nextToken(first));
    expect(second.status).toBe(200);
    expect(await second.text()).toBe('');
    expect(upstream.count('StartConfigurationSession')).toBe(2); // one per instance
    upstream.emulator.deploy({ ...FLAGS, content: { darkMode: { enabled: false } } });
    upstream.clock.now += 60_000;
    const third = await a.poll(nextToken(second));
    expect(await third.text()).toBe('{"darkMode":{"enabled":false}}');
  });

  it('refuses, as Corrupted, tokens signed with a different secret, without calling AWS', async () => {
    const a = browser(proxyFor(upstream));
    const c = browser(proxyFor(upstream, { secret: OTHER_SECRET }));
    const token = await a.startToken();
    expect(await answer(await c.poll(token))).toMatchObject({
      status: 400,
      type: 'BadRequestException',
      problem: 'Corrupted',
    });
    expect(upstream.count()).toBe(0);
  });

  it('rotates secrets: a list signs with the first and accepts each', async () => {
    const old = browser(proxyFor(upstream, { secret: OTHER_SECRET }));
    const rotated = browser(
      proxyFor(upstream, { secret: ['rotated-proxy-secret-9876543210zyxwvutsrq', OTHER_SECRET] }),
    );
    const response = await rotated.poll(await old.startToken());
    expect(response.status).toBe(200);
    expect(await old.poll(nextToken(response)).then((r) => r.status)).toBe(400);
  });
});

describe('fan-out: AWS failures', () => {
  it('answers a clean 500 when the proxy holds the wrong AWS secret key, leaking nothing', async () => {
    const events: ProxyLogEvent[] = [];
    const proxy = proxyFor(upstream, {
      credentials: { accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: 'wrong-secret-key' },
      logger: (event) => events.push(event),
    });
    const b = browser(proxy);
    const response = await b.poll(await b.startToken());
    const result = await answer(response);
    expect(result).toMatchObject({
      status: 500,
      type: 'InternalServerException',
      json: { Message: 'Upstream AppConfig request failed' },
    });
    expect(Object.keys(result.json!)).toEqual(['Message']);
    for (const secret of [
      'Signature',
      'AKID',
      'wrong-secret-key',
      'test-secret',
      '    at ',
      upstream.server.url,
    ]) {
      expect(result.text).not.toContain(secret);
      expect([...response.headers.values()].join('\n')).not.toContain(secret);
    }
    // AWS (the emulator) refused the signature; the proxy logged why, for its operators only.
    expect(upstream.emulator.requests).toMatchObject([
      { status: 403, errorType: 'InvalidSignatureException' },
    ]);
    expect(proxy.metrics().upstreamErrors).toEqual({ InvalidSignatureException: 1 });
    expect(events.find((e) => e.type === 'upstream')).toMatchObject({
      ok: false,
      error: 'InvalidSignatureException',
      configuration: 'DemoApp/Production/Flags',
    });
    expect(JSON.stringify(events)).not.toContain('wrong-secret-key');

    // For 5 s AWS is left alone: the same error without another upstream call.
    expect((await b.poll(await b.startToken())).status).toBe(500);
    expect(upstream.count()).toBe(1);
    upstream.clock.now += 5_000;
    await b.poll(await b.startToken());
    expect(upstream.count()).toBe(2);
  });

  it('maps an AWS 404 to a 404 naming only the browser-side identifier', async () => {
    const b = browser(
      proxyFor(upstream, {
        allow: [
          GHOST,
          {
            application: 'Shop',
            environment: 'Live',
            profile: 'Flags',
            upstream: { application: 'InternalShopName' },
          },
        ],
      }),
    );
    expect(await answer(await b.poll(await b.startToken(GHOST)))).toMatchObject({
      status: 404,
      type: 'ResourceNotFoundException',
      json: {
        Message: 'The requested configuration was not found.',
        ResourceType: 'ConfigurationProfile',
        ReferencedBy: { ConfigurationProfileIdentifier: 'Ghost' },
      },
    });
    const mapped = await answer(
      await b.poll(
        await b.startToken({ application: 'Shop', environment: 'Live', profile: 'Flags' }),
      ),
    );
    expect(mapped.json).toEqual({
      Message: 'The requested configuration was not found.',
      ResourceType: 'Application',
      ReferencedBy: { ApplicationIdentifier: 'Shop' },
    });
    expect(mapped.text).not.toContain('InternalShopName');
  });

  it('maps AWS throttling to 429 with Retry-After', async () => {
    upstream.emulator.faults.inject({ kind: 'throttle', operation: 'StartConfigurationSession' });
    const b = browser(proxyFor(upstream));
    const response = await b.poll(await b.startToken());
    expect(await answer(response)).toMatchObject({
      status: 429,
      type: 'ThrottlingException',
      json: { Message: 'Rate exceeded; retry later.' },
    });
    expect(response.headers.get('retry-after')).toBe('5');
  });

  it('keeps serving the cached copy while AWS fails, then catches up', async () => {
    const proxy = proxyFor(upstream);
    const b = browser(proxy);
    const first = await b.poll(await b.startToken());
    upstream.emulator.deploy({ ...FLAGS, content: { darkMode: { enabled: false } } });
    upstream.emulator.faults.inject({ kind: 'internal', operation: 'GetLatestConfiguration' });
    upstream.clock.now += 60_000;
    const stale = await b.poll(nextToken(first));
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(''); // still the version this browser has
    expect(proxy.metrics().staleServed).toBe(1);
    upstream.clock.now += 60_000;
    const fresh = await b.poll(nextToken(stale));
    expect(await fresh.text()).toBe('{"darkMode":{"enabled":false}}');
  });

  it("never passes the proxy's own AWS token problems on to browsers", async () => {
    upstream.emulator.faults.inject({ kind: 'corrupt-token', count: 2 });
    const b = browser(proxyFor(upstream));
    expect(await answer(await b.poll(await b.startToken()))).toMatchObject({
      status: 500,
      type: 'InternalServerException',
      json: { Message: 'Upstream AppConfig request failed' },
    });
    // One retry with a new session, then the 5 s pause.
    expect(upstream.count('StartConfigurationSession')).toBe(2);
  });

  it('starts a new upstream session when AWS says its token expired', async () => {
    const b = browser(proxyFor(upstream));
    const first = await b.poll(await b.startToken(SETTINGS));
    upstream.emulator.faults.inject({ kind: 'expire-token' });
    upstream.clock.now += 60_000;
    const second = await b.poll(nextToken(first));
    expect(second.status).toBe(200);
    expect(upstream.count('StartConfigurationSession')).toBe(2);
  });
});
