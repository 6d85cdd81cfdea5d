/**
 * The AWS SDK client the proxy builds for itself (upstream.ts): its timeout without a per-call
 * `abortSignal` (the middleware stack is cached), the middleware it drops and keeps as
 * `clientConfig` asks, and its body collector and SHA-256 against the SDK's and Node's.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProxy } from '../../../src/server/proxy/create-proxy.js';
import type { ProxyOptions } from '../../../src/server/proxy/types.js';
import { collectStream, keyedSha256 } from '../../../src/server/proxy/upstream.js';
import { CREDENTIALS, FLAGS, REGION, SECRET, answer, browser } from './proxy-harness.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
  vi.unstubAllEnvs();
});

/**
 * A fake AWS that records each request's headers and answers a session start; or hangs before
 * its headers (`true`), or sends headers and a first byte of the body and then nothing (`'body'`).
 */
async function fakeAws(hang: boolean | 'body' = false) {
  const seen: IncomingHttpHeaders[] = [];
  let closed = 0;
  server = createServer((request, response) => {
    seen.push(request.headers);
    request.socket.once('close', () => closed++);
    if (hang === true) return;
    response.writeHead(201, { 'content-type': 'application/json' });
    const body = JSON.stringify({ InitialConfigurationToken: 'AYADupstream' });
    if (hang === 'body') response.write(body.slice(0, 1));
    else response.end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, closed: () => closed };
}

const passThrough = (endpoint: string, options: Partial<ProxyOptions> = {}) =>
  createProxy({
    mode: 'pass-through',
    allow: [FLAGS],
    secret: SECRET,
    region: REGION,
    endpoint,
    credentials: CREDENTIALS,
    rateLimit: false,
    ...options,
  });

describe("the proxy's own SDK client", () => {
  it('gives up on a hanging AWS after upstreamTimeoutMs, and closes the hung request', async () => {
    const aws = await fakeAws(true);
    const proxy = passThrough(aws.url, { upstreamTimeoutMs: 100 });
    const started = Date.now();
    expect(await answer(await browser(proxy).start())).toMatchObject({
      status: 500,
      json: { Message: 'Upstream AppConfig request failed' },
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(proxy.metrics().upstreamErrors).toEqual({ TimeoutError: 1 });
    await expect.poll(aws.closed).toBe(1);
    proxy.close();
  });

  it('closes the request of a body that stalls after its headers, so the pool never fills', async () => {
    const aws = await fakeAws('body');
    const proxy = passThrough(aws.url, { upstreamTimeoutMs: 100 });
    for (let i = 0; i < 3; i++) {
      expect((await answer(await browser(proxy).start())).status).toBe(500);
    }
    await expect.poll(aws.closed, { timeout: 1500 }).toBe(3);
    proxy.close();
  });

  it('still closes a hung request when clientConfig brings its own request handler', async () => {
    const aws = await fakeAws(true);
    // The user's handler settings replace the proxy's (and its requestTimeout): the call then
    // takes the abort signal, which closes the request at upstreamTimeoutMs.
    const proxy = passThrough(aws.url, {
      upstreamTimeoutMs: 100,
      clientConfig: { requestHandler: { connectionTimeout: 5000 } },
    });
    expect((await answer(await browser(proxy).start())).status).toBe(500);
    await expect.poll(aws.closed, { timeout: 1500 }).toBe(1);
    proxy.close();
  });

  it('sends no SDK user agent or retry headers by default, and signs', async () => {
    const aws = await fakeAws();
    const proxy = passThrough(aws.url);
    expect((await browser(proxy).start()).status).toBe(201);
    const [headers] = aws.seen;
    expect(headers!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(headers!['x-amz-user-agent']).toBeUndefined();
    expect(headers!['amz-sdk-request']).toBeUndefined();
    proxy.close();
  });

  it('keeps the user agent and the retry step when clientConfig asks for them', async () => {
    const aws = await fakeAws();
    const proxy = passThrough(aws.url, {
      clientConfig: { customUserAgent: 'my-app/1.2', maxAttempts: 2 },
    });
    expect((await browser(proxy).start()).status).toBe(201);
    const [headers] = aws.seen;
    expect(`${headers!['user-agent']} ${headers!['x-amz-user-agent']}`).toContain('my-app/1.2');
    expect(headers!['amz-sdk-request']).toBe('attempt=1; max=2');
    proxy.close();
  });

  it('forwards the X-Ray trace header in AWS Lambda (recursion detection kept there)', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'proxy');
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-5759e988-bd862e3fe1be46a994272793');
    const aws = await fakeAws();
    const proxy = passThrough(aws.url);
    expect((await browser(proxy).start()).status).toBe(201);
    expect(aws.seen[0]!['x-amzn-trace-id']).toBe('Root=1-5759e988-bd862e3fe1be46a994272793');
    proxy.close();
  });
});

describe('collectStream', () => {
  it("joins a Node stream's chunks into one new Uint8Array", async () => {
    const bytes = await collectStream(
      Readable.from([Buffer.from('{"a":'), Buffer.from('1'), Buffer.from('}')]),
    );
    expect(bytes.constructor).toBe(Uint8Array);
    expect(new TextDecoder().decode(bytes)).toBe('{"a":1}');
    expect(await collectStream(Readable.from([]))).toEqual(new Uint8Array(0));
  });

  it('destroys a body that has not ended within the time given, with a TimeoutError', async () => {
    const body = new Readable({ read() {} });
    body.push(Buffer.from('{"a":'));
    await expect(collectStream(body, 20)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(body.destroyed).toBe(true);
  });

  it('reads a web stream too, and rejects with the stream error', async () => {
    const web = new Blob(['ab', 'cd']).stream();
    expect(new TextDecoder().decode(await collectStream(web))).toBe('abcd');
    const failing = new Readable({
      read() {
        this.destroy(new Error('reset'));
      },
    });
    await expect(collectStream(failing)).rejects.toThrow('reset');
  });
});

describe('keyedSha256', () => {
  const Sha256 = keyedSha256()!;
  const digest = async (secret: string | Uint8Array | undefined, data: string) => {
    const hash = new Sha256(secret);
    hash.update(new TextEncoder().encode(data));
    return Buffer.from(await hash.digest()).toString('hex');
  };

  it("matches Node's SHA-256 and HMAC-SHA256, for string and byte keys, used again", async () => {
    const key = new Uint8Array([1, 2, 3, 250]);
    for (let i = 0; i < 2; i++) {
      expect(await digest(undefined, 'data')).toBe(
        createHash('sha256').update('data').digest('hex'),
      );
      expect(await digest('', 'data')).toBe(createHash('sha256').update('data').digest('hex'));
      expect(await digest('test-secret', `data${i}`)).toBe(
        createHmac('sha256', 'test-secret').update(`data${i}`).digest('hex'),
      );
      expect(await digest(key, `data${i}`)).toBe(
        createHmac('sha256', key).update(`data${i}`).digest('hex'),
      );
    }
  });

  it('keys by content: a byte key refilled in place gets its new HMAC', async () => {
    const key = new Uint8Array([1, 2, 3]);
    expect(await digest(key, 'data')).toBe(createHmac('sha256', key).update('data').digest('hex'));
    key.set([9, 9, 9]);
    expect(await digest(key, 'data')).toBe(createHmac('sha256', key).update('data').digest('hex'));
  });

  it('starts over after reset()', async () => {
    const hash = new Sha256('k');
    hash.update(new TextEncoder().encode('dropped'));
    hash.reset();
    hash.update(new TextEncoder().encode('kept'));
    expect(Buffer.from(await hash.digest()).toString('hex')).toBe(
      createHmac('sha256', 'k').update('kept').digest('hex'),
    );
  });
});
