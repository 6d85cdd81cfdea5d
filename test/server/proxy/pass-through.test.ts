/**
 * Pass-through mode against the signature-checking emulator over a real socket: each browser
 * session is an AWS session, the upstream token travels in a signed envelope bound to its allowed
 * configuration, and AWS's answers are forwarded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_MESSAGES } from '../../../src/server/shared/token-errors.js';
import type { ConfigurationTriple } from '../../../src/server/proxy/types.js';
import {
  CREDENTIALS,
  FLAGS,
  GHOST,
  SECRET,
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

const passThrough = (options = {}) => proxyFor(upstream, { mode: 'pass-through', ...options });

describe('pass-through', () => {
  it('forwards each browser session to AWS and AWS answers to the browser', async () => {
    const proxy = passThrough();
    const b = browser(proxy);
    const token = await b.startToken(SETTINGS, { RequiredMinimumPollIntervalInSeconds: 90 });
    expect(upstream.emulator.requests).toMatchObject([
      { operation: 'StartConfigurationSession', status: 201 },
    ]);
    const first = await b.poll(token);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.headers.get('version-label')).toBe('v1');
    expect(first.headers.get('next-poll-interval-in-seconds')).toBe('90');
    expect(await first.text()).toBe('{"theme":"light"}');

    // AWS enforces the interval the proxy requested for this browser (max of 90 and the floor).
    upstream.clock.now += 30_000;
    expect(await answer(await b.poll(nextToken(first)))).toMatchObject({
      status: 400,
      problem: 'PollIntervalNotSatisfied',
      message: 'Request too early',
    });
    upstream.emulator.deploy({ ...SETTINGS, content: { theme: 'dark' }, versionLabel: 'v2' });
    upstream.clock.now += 60_000;
    const second = await b.poll(nextToken(first));
    expect(second.headers.get('version-label')).toBe('v2');
    expect(await second.text()).toBe('{"theme":"dark"}');
    upstream.clock.now += 90_000;
    const third = await b.poll(nextToken(second));
    expect(await third.text()).toBe('');
    expect(proxy.metrics().upstreamCalls).toEqual({
      StartConfigurationSession: 1,
      GetLatestConfiguration: 4,
    });
  });

  it('asks AWS for at least pollIntervalSeconds, whatever the browser requests', async () => {
    const b = browser(passThrough({ pollIntervalSeconds: 120 }));
    const first = await b.poll(
      await b.startToken(FLAGS, { RequiredMinimumPollIntervalInSeconds: 15 }),
    );
    expect(first.headers.get('next-poll-interval-in-seconds')).toBe('120');
  });

  it('forwards AWS token problems with their Problem (a reused upstream token is Corrupted)', async () => {
    const b = browser(passThrough());
    const token = await b.startToken();
    expect((await b.poll(token)).status).toBe(200);
    expect(await answer(await b.poll(token))).toMatchObject({
      status: 400,
      type: 'BadRequestException',
      problem: 'Corrupted',
    });
    // The message is the proxy's own, not AWS's.
    upstream.emulator.faults.inject({ kind: 'expire-token' });
    expect(await answer(await b.poll(await b.startToken()))).toMatchObject({
      status: 400,
      problem: 'Expired',
      message:
        'The configuration token has expired: tokens are valid for 24 hours after they are issued. Start a new session with StartConfigurationSession.',
    });
  });

  it('refuses a tampered envelope as Corrupted without calling AWS', async () => {
    const b = browser(passThrough());
    const token = await b.startToken();
    const calls = upstream.count();
    // The envelope: header (4 bytes) · MAC (32) · claims length (2) · claims · upstream token.
    const bytes = Buffer.from(token, 'base64');
    const length = bytes.readUInt16BE(36);
    const claims = JSON.parse(bytes.subarray(38, 38 + length).toString()) as object;
    const inner = bytes.subarray(38 + length).toString();
    const rebuilt = (claimsJson: string, upstreamToken: string) => {
      const json = Buffer.from(claimsJson);
      const size = Buffer.alloc(2);
      size.writeUInt16BE(json.byteLength);
      return Buffer.concat([
        bytes.subarray(0, 36),
        size,
        json,
        Buffer.from(upstreamToken),
      ]).toString('base64');
    };
    const claimsText = JSON.stringify(claims);
    expect(rebuilt(claimsText, inner)).toBe(token); // the layout read right
    for (const tampered of [
      rebuilt(JSON.stringify({ ...claims, p: 'Settings' }), inner), // another allowed configuration
      rebuilt(claimsText, `${inner}x`), // another upstream token
      rebuilt(claimsText, ''), // the envelope without its upstream token
      inner, // the bare upstream token
      // Not the canonical spelling: padding dropped, or padding where none belongs.
      token.endsWith('=') ? token.replace(/=+$/, '') : `${token}==`,
    ]) {
      expect(await answer(await b.poll(tampered))).toMatchObject({
        status: 400,
        problem: 'Corrupted',
      });
    }
    expect(upstream.count()).toBe(calls);
  });

  it('says a reused token was used (issue 14 item 16), not that it was never issued', async () => {
    const b = browser(passThrough());
    const token = await b.startToken();
    expect((await b.poll(token)).status).toBe(200);
    expect(await answer(await b.poll(token))).toMatchObject({
      status: 400,
      problem: 'Corrupted',
      message: TOKEN_MESSAGES.reused,
    });
  });

  it('applies authorize narrowing on every poll, not only at the start', async () => {
    let allow: ConfigurationTriple[] = [FLAGS, SETTINGS];
    const b = browser(passThrough({ authorize: () => ({ allow }) }));
    const first = await b.poll(await b.startToken());
    expect(first.status).toBe(200);
    allow = [SETTINGS];
    const calls = upstream.count();
    upstream.clock.now += 60_000;
    expect(await answer(await b.poll(nextToken(first)))).toMatchObject({
      status: 404,
      type: 'ResourceNotFoundException',
      // This caller now sees DemoApp/Development/Settings only: Production does not exist for it.
      json: { ResourceType: 'Environment', ReferencedBy: { EnvironmentIdentifier: 'Production' } },
    });
    expect(upstream.count()).toBe(calls);
  });

  it('maps AWS errors: 404 names the browser identifier, a wrong key is a clean 500', async () => {
    const b = browser(passThrough());
    expect(await answer(await b.start(GHOST))).toMatchObject({
      status: 404,
      json: {
        Message: 'The requested configuration was not found.',
        ResourceType: 'ConfigurationProfile',
        ReferencedBy: { ConfigurationProfileIdentifier: 'Ghost' },
      },
    });
    const wrong = browser(
      passThrough({ credentials: { ...CREDENTIALS, secretAccessKey: 'wrong-secret-key' } }),
    );
    const result = await answer(await wrong.start());
    expect(result).toMatchObject({
      status: 500,
      json: { Message: 'Upstream AppConfig request failed' },
    });
    expect(result.text).not.toMatch(/signature|AKID|wrong-secret/i);
  });

  it('does not accept fan-out tokens, and works without a secret on a single instance', async () => {
    const fanOut = browser(proxyFor(upstream, { secret: SECRET }));
    const b = browser(passThrough({ secret: SECRET }));
    expect(await answer(await b.poll(await fanOut.startToken()))).toMatchObject({
      problem: 'Corrupted',
    });

    const single = browser(passThrough({ secret: undefined }));
    const token = await single.startToken();
    expect((await single.poll(token)).status).toBe(200);
    // Another secret-less instance has its own random key.
    const other = browser(passThrough({ secret: undefined }));
    expect(await answer(await other.poll(token))).toMatchObject({ problem: 'Corrupted' });
  });
});
