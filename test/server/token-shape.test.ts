/**
 * Issue 14 item 15: emulator and proxy tokens look like live ones (standard base64 starting
 * `AYAD`, with `+`, `/` and `=`), so they never start with `-` (which the AWS CLI parses as an
 * option) and a client that forgets to URL-encode the token fails here as it would live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/server/shared/tokens.js';
import { setup } from './emulator-harness.js';
import { browser, proxyFor, startUpstream, type Upstream } from './proxy/proxy-harness.js';

const LIVE_SHAPE = /^AYAD[A-Za-z0-9+/]+={0,2}$/;

function checkShapes(tokens: readonly string[]) {
  for (const token of tokens) {
    expect(token).toMatch(LIVE_SHAPE);
    expect(token.length % 4).toBe(0);
  }
  // Over many tokens every base64 character class shows up, as in live tokens.
  const all = tokens.join('');
  expect(all).toContain('+');
  expect(all).toContain('/');
}

describe('emulator tokens', () => {
  it('look like live tokens and never start with "-"', () => {
    const tokens = Array.from({ length: 500 }, createToken);
    checkShapes(tokens);
    expect(tokens.every((token) => token.endsWith('='))).toBe(true);
  });

  it('refuse a token sent without URL-encoding, as AWS would', async () => {
    const { startToken, emulator } = setup();
    let token = await startToken();
    for (let tries = 0; tries < 500 && !token.includes('+'); tries++) token = await startToken();
    expect(token).toContain('+');
    const raw = await emulator.fetch(
      `http://emulator.test/configuration?configuration_token=${token}`,
    );
    expect(raw.status).toBe(400);
    expect(raw.headers.get('x-amzn-errortype')).toBe('BadRequestException');
  });
});

describe.each(['fan-out', 'pass-through'] as const)('%s proxy tokens', (mode) => {
  let upstream: Upstream;
  beforeAll(async () => {
    upstream = await startUpstream();
  });
  afterAll(() => upstream.close());

  it('look like live tokens (initial and next), and an unencoded one is refused', async () => {
    const b = browser(proxyFor(upstream, { mode }));
    const tokens: string[] = [];
    for (let i = 0; i < 60; i++) {
      upstream.clock.now += 1000; // fan-out tokens are deterministic: same claims, same token
      const token = await b.startToken();
      const response = await b.poll(token);
      tokens.push(token, response.headers.get('next-poll-configuration-token')!);
    }
    checkShapes(tokens);
    const plus = tokens.find((token) => token.includes('+'));
    expect(plus).toBeDefined();
    const proxy = proxyFor(upstream, { mode });
    const raw = await proxy.fetch(`http://proxy.test/configuration?configuration_token=${plus}`);
    expect(raw.status).toBe(400);
  });
});
