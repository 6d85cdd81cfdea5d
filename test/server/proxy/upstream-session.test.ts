/**
 * Issue 14 item 11: the fan-out proxy's own upstream session. Its token is renewed before it is
 * 24 hours old, and any non-throttling 4xx from GetLatestConfiguration starts a new session, so an
 * AWS whose expiry errors carry no `Details` cannot leave the proxy serving an old configuration
 * for good. Includes the virtual 72-hour run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS } from '../../../src/core/limits.js';
import { seededRandom } from '../emulator-harness.js';
import { FLAGS, answer, browser, proxyFor, startUpstream, type Upstream } from './proxy-harness.js';

const HOUR = 60 * 60 * 1000;
let upstream: Upstream;
afterEach(() => upstream.close());

const refused = () =>
  upstream.emulator.requests.filter(
    (r) => r.operation === 'GetLatestConfiguration' && r.status >= 400,
  ).length;

describe('fan-out: the upstream session', () => {
  it('starts a new upstream session after a day idle instead of sending an expired token', async () => {
    upstream = await startUpstream({ stripErrorDetails: true });
    const b = browser(proxyFor(upstream));
    expect((await b.poll(await b.startToken())).status).toBe(200);
    upstream.clock.now += 25 * HOUR;
    upstream.emulator.deploy({ ...FLAGS, content: { darkMode: { enabled: false } } });
    const response = await b.poll(await b.startToken());
    expect(await response.text()).toBe('{"darkMode":{"enabled":false}}');
    expect(upstream.count('StartConfigurationSession')).toBe(2);
    expect(refused()).toBe(0); // renewed before use: AWS never saw the old token
  });

  it('renews a token that is nearly 24 hours old (23 h 30 min) before using it', async () => {
    upstream = await startUpstream();
    const b = browser(proxyFor(upstream));
    await b.poll(await b.startToken());
    upstream.clock.now += 23.5 * HOUR;
    expect((await b.poll(await b.startToken())).status).toBe(200);
    expect(upstream.count('StartConfigurationSession')).toBe(2);
    expect(refused()).toBe(0);
  });

  it('starts a new session on a 4xx without Details (an expiry AWS did not explain)', async () => {
    upstream = await startUpstream({ stripErrorDetails: true });
    const b = browser(proxyFor(upstream));
    await b.poll(await b.startToken());
    upstream.emulator.deploy({ ...FLAGS, content: { darkMode: { enabled: false } } });
    upstream.emulator.faults.inject({ kind: 'expire-token', operation: 'GetLatestConfiguration' });
    upstream.clock.now += 60_000;
    const response = await b.poll(await b.startToken());
    expect(await response.text()).toBe('{"darkMode":{"enabled":false}}');
    expect(refused()).toBe(1);
    expect(upstream.count('StartConfigurationSession')).toBe(2);
  });

  it('keeps its session through throttling (a 429 is no reason for a new one)', async () => {
    upstream = await startUpstream({ stripErrorDetails: true });
    const b = browser(proxyFor(upstream));
    await b.poll(await b.startToken());
    upstream.emulator.faults.inject({ kind: 'throttle', operation: 'GetLatestConfiguration' });
    upstream.clock.now += 60_000;
    expect((await b.poll(await b.startToken())).status).toBe(200); // the cached copy, stale
    expect(upstream.count('StartConfigurationSession')).toBe(1);
  });

  it(
    'virtual 72 h against an AWS whose errors carry no Details: every deployment reaches the browsers within one interval',
    { timeout: 60_000 },
    async () => {
      upstream = await startUpstream({ stripErrorDetails: true });
      const proxy = proxyFor(upstream);
      const b = browser(proxy);
      const random = seededRandom(72);
      const end = upstream.clock.now + 72 * HOUR;
      const BROWSERS = 4;
      const INTERVAL_MS = 60_000;
      // Each browser: its current token and the content it holds, restarting on Expired as the
      // client does.
      const browsers = await Promise.all(
        Array.from({ length: BROWSERS }, async () => ({ token: await b.startToken(), seen: '' })),
      );
      async function pollAll() {
        for (const one of browsers) {
          let result = await answer(await b.poll(one.token));
          if (result.status === 400 && result.problem === 'Expired') {
            result = await answer(await b.poll(await b.startToken()));
          }
          expect(result.status).toBe(200);
          if (result.text !== '') one.seen = result.text;
          one.token = result.headers.get('next-poll-configuration-token')!;
        }
      }
      await pollAll();
      // Idle gaps: a minute, an hour, half a day, more than a day (twice, so tokens expire).
      const GAPS = [INTERVAL_MS, HOUR, 12 * HOUR, 25 * HOUR];
      let deployments = 0;
      let longGaps = 0;
      while (upstream.clock.now < end) {
        const gap = GAPS[Math.floor(random() * GAPS.length)]!;
        if (gap > TOKEN_LIFETIME_MS) longGaps++;
        upstream.clock.now += gap;
        await pollAll();
        const content = JSON.stringify({ darkMode: { enabled: random() < 0.5 }, n: ++deployments });
        upstream.emulator.deploy({ ...FLAGS, content });
        upstream.clock.now += INTERVAL_MS; // one interval later every browser has it
        await pollAll();
        for (const one of browsers) expect(one.seen).toBe(content);
      }
      expect(longGaps).toBeGreaterThanOrEqual(1);
      expect(deployments).toBeGreaterThanOrEqual(10);
      // Upstream economy: one session per renewal, never one per browser.
      expect(upstream.count('StartConfigurationSession')).toBeLessThanOrEqual(longGaps * 2 + 4);
      expect(proxy.metrics().staleServed).toBe(0);
    },
  );
});
