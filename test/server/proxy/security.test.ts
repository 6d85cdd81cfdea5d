/**
 * Hostile input against the proxy. Each case pins its exact response, and none reaches AWS: the
 * signature-checking emulator's request count must not move. Pass-through mode is used where it
 * matters most (there, a StartConfigurationSession would otherwise go straight to AWS).
 */
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServedHandler } from '../../../src/server/node/serve.js';
import { unauthorized } from '../../../src/server/proxy/authorize-request.js';
import { ORIGIN_REFUSED_MESSAGE } from '../../../src/server/proxy/create-proxy.js';
import type { AppConfigProxy, ProxyOptions } from '../../../src/server/proxy/types.js';
import {
  APP_ORIGIN,
  FLAGS,
  INTERNAL,
  ORIGIN,
  SETTINGS,
  answer,
  browser,
  nextToken,
  proxyFor,
  startUpstream,
  type Upstream,
} from './proxy-harness.js';

let upstream: Upstream;
let proxy: AppConfigProxy;
let served: ServedHandler;
beforeAll(async () => {
  upstream = await startUpstream();
  proxy = proxyFor(upstream, { mode: 'pass-through', cors: { origins: [APP_ORIGIN] } });
  served = await serve(proxy.handle, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await served.close();
  await upstream.close();
});

/** Asserts that nothing in the test reached the fake AWS. */
let before = 0;
const noUpstream = () => {
  before = upstream.count();
  return () => expect(upstream.count()).toBe(before);
};
let check: (() => void) | undefined;
afterEach(() => {
  check?.();
  check = undefined;
});

const b = () => browser(proxy);
const json = (value: unknown) => JSON.stringify(value);
const ids = (t: { application: string; environment: string; profile: string }) => ({
  ApplicationIdentifier: t.application,
  EnvironmentIdentifier: t.environment,
  ConfigurationProfileIdentifier: t.profile,
});
const post = (
  body: BodyInit | null,
  headers: Record<string, string> = {},
  path = '/configurationsessions',
) =>
  proxy.fetch(`${ORIGIN}${path}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

/** Sends raw bytes over a socket and returns status, headers and body of the reply. */
function raw(
  request: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(served.port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(request);
  });
}
const rawRequest = (
  method: string,
  target: string,
  body = '',
  headers: Record<string, string> = {},
) =>
  raw(
    `${method} ${target} HTTP/1.1\r\n` +
      Object.entries({ host: `127.0.0.1:${served.port}`, connection: 'close', ...headers })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('') +
      (body ? `content-length: ${Buffer.byteLength(body)}\r\n` : '') +
      `\r\n${body}`,
  );
const bodyOf = (text: string) =>
  JSON.parse(text.replace(/^[0-9a-f]+\r\n|\r\n0\r\n$/g, '')) as Record<string, unknown>;

describe('exposure: only allow-listed configurations, never reaching AWS otherwise', () => {
  it.each([
    [
      'deployed upstream but not allowed',
      INTERNAL,
      'ConfigurationProfile',
      { ConfigurationProfileIdentifier: 'Internal' },
      'Configuration profile "Internal" was not found.',
    ],
    [
      'unknown application',
      { ...FLAGS, application: 'OtherApp' },
      'Application',
      { ApplicationIdentifier: 'OtherApp' },
      'Application "OtherApp" was not found.',
    ],
    [
      'unknown environment',
      { ...FLAGS, environment: 'Staging' },
      'Environment',
      { EnvironmentIdentifier: 'Staging' },
      'Environment "Staging" was not found.',
    ],
    [
      'a case variant (names match exactly)',
      { ...FLAGS, application: 'demoapp' },
      'Application',
      { ApplicationIdentifier: 'demoapp' },
      'Application "demoapp" was not found.',
    ],
    [
      'a trailing space',
      { ...FLAGS, profile: 'Flags ' },
      'ConfigurationProfile',
      { ConfigurationProfileIdentifier: 'Flags ' },
      'Configuration profile "Flags " was not found.',
    ],
    [
      'CRLF in an identifier (header injection attempt)',
      { ...FLAGS, profile: 'Flags\r\nX-Injected: 1' },
      'ConfigurationProfile',
      { ConfigurationProfileIdentifier: 'Flags\r\nX-Injected: 1' },
      'Configuration profile "Flags\\r\\nX-Injected: 1" was not found.',
    ],
  ])(
    '%s → 404 ResourceNotFoundException',
    async (_name, triple, resourceType, referencedBy, message) => {
      check = noUpstream();
      const response = await b().start(triple);
      expect(response.headers.get('x-injected')).toBeNull();
      expect(await answer(response)).toMatchObject({
        status: 404,
        type: 'ResourceNotFoundException',
        json: { Message: message, ResourceType: resourceType, ReferencedBy: referencedBy },
      });
    },
  );

  it('does not accept the upstream IDs of an allowed configuration', async () => {
    const deployed = upstream.emulator.deployed(FLAGS)!;
    check = noUpstream();
    const response = await b().start({
      application: deployed.application.id,
      environment: deployed.environment.id,
      profile: deployed.profile.id,
    });
    expect(response.status).toBe(404);
  });
});

describe('path tricks over a real socket', () => {
  const allowed = json(ids(FLAGS));
  const internal = json(ids(INTERNAL));

  it.each([
    [
      'GET /configuration/../configurationsessions',
      'GET',
      '/configuration/../configurationsessions',
      '',
      405,
      'MethodNotAllowedException',
      'GET is not allowed on /configurationsessions; use POST.',
    ],
    [
      'POST /configuration/../configurationsessions (still allow-listed)',
      'POST',
      '/configuration/../configurationsessions',
      internal,
      404,
      'ResourceNotFoundException',
      'Configuration profile "Internal" was not found.',
    ],
    [
      'POST /configuration/%2e%2e/configurationsessions',
      'POST',
      '/configuration/%2e%2e/configurationsessions',
      internal,
      404,
      'ResourceNotFoundException',
      'Configuration profile "Internal" was not found.',
    ],
    [
      'encoded slashes',
      'POST',
      '/configuration%2F..%2Fconfigurationsessions',
      allowed,
      404,
      'UnknownOperationException',
      'No operation at POST /configuration%2F..%2Fconfigurationsessions. This endpoint serves POST /configurationsessions and GET /configuration.',
    ],
    [
      'a double slash',
      'POST',
      '//configurationsessions',
      allowed,
      404,
      'UnknownOperationException',
      'No operation at POST //configurationsessions. This endpoint serves POST /configurationsessions and GET /configuration.',
    ],
    [
      'a trailing slash',
      'POST',
      '/configurationsessions/',
      allowed,
      404,
      'UnknownOperationException',
      'No operation at POST /configurationsessions/. This endpoint serves POST /configurationsessions and GET /configuration.',
    ],
    [
      'upper case',
      'POST',
      '/CONFIGURATIONSESSIONS',
      allowed,
      404,
      'UnknownOperationException',
      'No operation at POST /CONFIGURATIONSESSIONS. This endpoint serves POST /configurationsessions and GET /configuration.',
    ],
    [
      'PUT',
      'PUT',
      '/configurationsessions',
      allowed,
      405,
      'MethodNotAllowedException',
      'PUT is not allowed on /configurationsessions; use POST.',
    ],
    [
      'DELETE',
      'DELETE',
      '/configuration?configuration_token=x',
      '',
      405,
      'MethodNotAllowedException',
      'DELETE is not allowed on /configuration; use GET.',
    ],
  ])('%s', async (_name, method, target, body, status, type, message) => {
    check = noUpstream();
    const response = await rawRequest(
      method,
      target,
      body,
      body ? { 'content-type': 'application/json' } : {},
    );
    expect(response.status).toBe(status);
    expect(response.headers['x-amzn-errortype']).toBe(type);
    expect(bodyOf(response.body)).toEqual(expect.objectContaining({ Message: message }));
  });

  it('a backslash in the path is refused by the adapter before the proxy sees it', async () => {
    check = noUpstream();
    expect(
      (await rawRequest('POST', '/configuration\\..\\configurationsessions', allowed)).status,
    ).toBe(400);
  });

  it('a raw CR/LF in a header is refused by the HTTP parser', async () => {
    check = noUpstream();
    const reply = await raw(
      `GET /configuration?configuration_token=x HTTP/1.1\r\nhost: x\r\nx-a: a\rb\r\nconnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(400);
  });

  it('Host, X-Forwarded-Host and an absolute request target cannot change the upstream', async () => {
    const expectedHost = new URL(upstream.server.url).host;
    for (const [target, headers] of [
      [
        '/configurationsessions',
        {
          host: 'evil.example',
          'x-forwarded-host': 'evil.example',
          'x-forwarded-proto': 'https',
          forwarded: 'host=evil.example',
        },
      ],
      ['http://evil.example:8080/configurationsessions', {}],
    ] as const) {
      const hosts = upstream.hosts.length;
      const response = await rawRequest('POST', target, allowed, {
        'content-type': 'application/json',
        ...headers,
      });
      expect(response.status).toBe(201);
      // Exactly one call reached AWS, at the configured endpoint, signed for that host.
      expect(upstream.hosts.slice(hosts)).toEqual([expectedHost]);
    }
    expect(upstream.emulator.requests.every((r) => r.status === 201)).toBe(true);
  });
});

describe('tokens', () => {
  const base = async () => b().startToken();

  it.each([
    [
      'CR/LF (header injection attempt)',
      'abc\r\nSet-Cookie: x=1',
      400,
      undefined,
      "1 validation error detected: Value at 'configurationToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\S{1,8192}$",
    ],
    [
      'over 8192 characters',
      'a'.repeat(8193),
      400,
      undefined,
      "1 validation error detected: Value at 'configurationToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\S{1,8192}$",
    ],
    [
      'an arbitrary string',
      'not-a-token',
      400,
      'Corrupted',
      'The configuration token is corrupted: it was not issued by this service or was changed. Start a new session with StartConfigurationSession.',
    ],
    ['dots only', '..', 400, 'Corrupted', undefined],
  ])('%s → exact 400', async (_name, token, status, problem, message) => {
    check = noUpstream();
    const response = await b().poll(token);
    expect(response.headers.get('set-cookie')).toBeNull();
    const result = await answer(response);
    expect(result.status).toBe(status);
    expect(result.type).toBe('BadRequestException');
    expect(result.problem).toBe(problem);
    if (message) expect(result.message).toBe(message);
  });

  it('refuses a one-character change at every position of a real token envelope (claims and MAC), and a truncation, as Corrupted', async () => {
    const token = await base();
    check = noUpstream();
    const envelope = token.slice(0, token.indexOf('.', token.indexOf('.') + 1));
    for (let i = 0; i < envelope.length; i++) {
      const c = envelope[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + c + token.slice(i + 1);
      expect((await answer(await b().poll(tampered))).problem).toBe('Corrupted');
    }
    expect(
      (
        await answer(
          await b().poll(token.slice(0, envelope.length - 1) + token.slice(envelope.length)),
        )
      ).problem,
    ).toBe('Corrupted');
  });

  it('a HEAD does not spend a token', async () => {
    const token = await base();
    check = noUpstream();
    const head = await proxy.fetch(
      `${ORIGIN}/configuration?configuration_token=${encodeURIComponent(token)}`,
      { method: 'HEAD' },
    );
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('GET, OPTIONS');
  });
});

describe('request bodies', () => {
  it('over 16 KiB, declared in Content-Length → 400 before reading it', async () => {
    check = noUpstream();
    const big = json({ ...ids(FLAGS), padding: 'x'.repeat(17 * 1024) });
    const response = await rawRequest('POST', '/configurationsessions', big);
    expect(response.status).toBe(400);
    expect(bodyOf(response.body)).toEqual({
      Message: `The request body is too large: the limit is 16384 bytes (16 KiB); got ${big.length} bytes.`,
    });
  });

  it.each([
    [
      'over 16 KiB (streamed)',
      'stream',
      'The request body is too large: the limit is 16384 bytes (16 KiB); got more than that.',
    ],
    [
      'not JSON',
      '{"ApplicationIdentifier":',
      /^The request body is not valid JSON \(.*\); send a JSON object\.$/,
    ],
    ['an array', '[1,2]', 'The request body must be a JSON object; got an array.'],
    ['null', 'null', 'The request body must be a JSON object; got null.'],
    [
      'invalid UTF-8',
      new Uint8Array([0x7b, 0xff, 0x7d]),
      'The request body is not valid UTF-8; send a JSON object.',
    ],
    [
      'missing members',
      '{}',
      "3 validation errors detected: Value null at 'applicationIdentifier' failed to satisfy constraint: Member must not be null; Value null at 'environmentIdentifier' failed to satisfy constraint: Member must not be null; Value null at 'configurationProfileIdentifier' failed to satisfy constraint: Member must not be null",
    ],
    [
      'an identifier over 128 characters',
      json({ ...ids(FLAGS), ApplicationIdentifier: 'a'.repeat(129) }),
      "1 validation error detected: Value at 'applicationIdentifier' failed to satisfy constraint: Member must have length less than or equal to 128",
    ],
    [
      'an interval under 15',
      json({ ...ids(FLAGS), RequiredMinimumPollIntervalInSeconds: 14 }),
      "1 validation error detected: Value at 'requiredMinimumPollIntervalInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 15",
    ],
    [
      'a fractional interval',
      json({ ...ids(FLAGS), RequiredMinimumPollIntervalInSeconds: 15.5 }),
      "1 validation error detected: Value at 'requiredMinimumPollIntervalInSeconds' failed to satisfy constraint: Member must be an integer",
    ],
    [
      'a string interval',
      json({ ...ids(FLAGS), RequiredMinimumPollIntervalInSeconds: '60' }),
      "1 validation error detected: Value at 'requiredMinimumPollIntervalInSeconds' failed to satisfy constraint: Member must be an integer",
    ],
  ] as const)('%s → 400 BadRequestException', async (_name, body, message) => {
    check = noUpstream();
    const payload =
      body === 'stream'
        ? new ReadableStream({
            start(controller) {
              for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(1024).fill(32));
              controller.close();
            },
          })
        : body;
    const result = await answer(await post(payload as BodyInit));
    expect(result.status).toBe(400);
    expect(result.type).toBe('BadRequestException');
    if (typeof message === 'string') expect(result.message).toBe(message);
    else expect(result.message).toMatch(message);
  });
});

describe('CORS: exact origins', () => {
  const preflight = (origin: string) =>
    proxy.fetch(`${ORIGIN}/configurationsessions`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-evil',
      },
    });
  const corsHeaders = (response: Response) =>
    Object.fromEntries(
      [...response.headers].filter(([name]) => name.startsWith('access-control-')),
    );

  it('answers a preflight from an allowed origin with a fixed header list (never echoed)', async () => {
    check = noUpstream();
    const response = await preflight(APP_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get('vary')).toBe('Origin');
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': APP_ORIGIN,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers':
        'content-type, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256, amz-sdk-invocation-id, amz-sdk-request',
      'access-control-expose-headers':
        'Next-Poll-Configuration-Token, Next-Poll-Interval-In-Seconds, Version-Label, x-amzn-ErrorType, x-amzn-RequestId, Retry-After',
      'access-control-max-age': '600',
    });
  });

  it.each([
    'https://evil.example',
    'https://app.example.com.evil.example',
    'https://APP.example.com',
    'http://app.example.com',
    'https://app.example.com:8443',
    'null',
  ])('preflight from %s: 204 without any CORS header (the browser blocks)', async (origin) => {
    check = noUpstream();
    const response = await preflight(origin);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('refuses a request from another origin with 403 before any work', async () => {
    check = noUpstream();
    const response = await b().start(FLAGS, {}, { headers: { origin: 'https://evil.example' } });
    expect(corsHeaders(response)).toEqual({});
    expect(await answer(response)).toMatchObject({
      status: 403,
      type: 'AccessDeniedException',
      json: { Message: ORIGIN_REFUSED_MESSAGE },
    });
  });

  it('lets the allowed origin read responses, and requests without Origin through', async () => {
    const response = await b().start(FLAGS, {}, { headers: { origin: APP_ORIGIN } });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    const plain = await b().start(FLAGS);
    expect(plain.status).toBe(201);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('authorize', () => {
  const guarded = (authorize: ProxyOptions['authorize']) =>
    browser(proxyFor(upstream, { mode: 'pass-through', authorize }));

  it.each([
    ['false', () => false, 403, 'AccessDeniedException', 'Access denied.'],
    [
      'unauthorized()',
      () => unauthorized(),
      401,
      'UnauthorizedException',
      'Authentication required.',
    ],
    [
      'a thrown Response',
      () => {
        throw unauthorized('Session expired.');
      },
      401,
      'UnauthorizedException',
      'Session expired.',
    ],
    [
      'a thrown Error (a bug: fail closed, no detail)',
      () => {
        throw new Error('db password is hunter2');
      },
      500,
      'InternalServerException',
      'The request could not be authorized.',
    ],
    [
      'an unsupported value',
      () => 'yes' as never,
      500,
      'InternalServerException',
      'The request could not be authorized.',
    ],
  ])('%s → %i', async (_name, authorize, status, type, message) => {
    check = noUpstream();
    const result = await answer(await guarded(authorize).start(FLAGS));
    expect(result).toMatchObject({ status, type, json: { Message: message } });
    expect(result.text).not.toContain('hunter2');
  });

  it('runs before the body is read: an oversized body from a refused caller gets 401', async () => {
    check = noUpstream();
    let seen = 0;
    const g = guarded(() => {
      seen++;
      return unauthorized();
    });
    const response = await g.start({ ...FLAGS, profile: 'x'.repeat(20_000) });
    expect(response.status).toBe(401);
    expect(seen).toBe(1);
  });

  it('narrows what a caller sees; the rest is 404 as if it did not exist', async () => {
    const g = guarded((request) =>
      request.headers.get('authorization') === 'Bearer admin' ? true : { allow: [SETTINGS] },
    );
    check = noUpstream();
    expect(await answer(await g.start(FLAGS))).toMatchObject({
      status: 404,
      json: { ResourceType: 'Environment', ReferencedBy: { EnvironmentIdentifier: 'Production' } },
    });
    check();
    expect((await g.start(SETTINGS)).status).toBe(201);
    expect((await g.start(FLAGS, {}, { headers: { authorization: 'Bearer admin' } })).status).toBe(
      201,
    );
    check = undefined;
  });
});

describe('rate limit', () => {
  it('refuses a client over its bucket with 429 and Retry-After, per client key', async () => {
    const limited = proxyFor(upstream, {
      rateLimit: { requestsPerSecond: 1, burst: 3 },
      trustProxy: true,
    });
    const from = (ip: string) =>
      browser(limited).start(INTERNAL, {}, { headers: { 'x-forwarded-for': `1.1.1.1, ${ip}` } });
    check = noUpstream();
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.1')).status).toBe(404);
    const refused = await from('10.0.0.1');
    expect(await answer(refused)).toMatchObject({
      status: 429,
      type: 'ThrottlingException',
      json: { Message: 'Rate exceeded.' },
    });
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await from('10.0.0.2')).status).toBe(404); // another client, another bucket
    upstream.clock.now += 1000;
    expect((await from('10.0.0.1')).status).toBe(404);
    expect(limited.metrics().throttled).toBe(1);
  });

  it('ignores X-Forwarded-For without trustProxy (one shared bucket), uses the socket peer', async () => {
    const limited = proxyFor(upstream, { rateLimit: { requestsPerSecond: 1, burst: 1 } });
    check = noUpstream();
    const start = (ip: string) =>
      limited.handle(
        new Request(`${ORIGIN}/configurationsessions`, {
          method: 'POST',
          headers: { 'x-forwarded-for': ip },
          body: json(ids(INTERNAL)),
        }),
      );
    expect((await start('10.0.0.1')).status).toBe(404);
    expect((await start('10.0.0.2')).status).toBe(429);
    const peer = (address: string) =>
      limited.handle(new Request(`${ORIGIN}/configuration?configuration_token=x`), {
        remoteAddress: address,
      });
    expect((await peer('192.0.2.1')).status).toBe(400);
    expect((await peer('192.0.2.2')).status).toBe(400);
    expect((await peer('192.0.2.1')).status).toBe(429);
  });
});

describe('the token of a served session keeps working after all of the above', () => {
  it('polls', async () => {
    const token = await b().startToken(SETTINGS);
    const response = await b().poll(token);
    expect(response.status).toBe(200);
    expect(nextToken(response)).toBeTruthy();
  });
});
