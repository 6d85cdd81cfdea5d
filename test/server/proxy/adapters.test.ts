/**
 * The handler is web-standard, so runtime adapters need no glue of ours. These run the examples
 * of docs/proxy.md: a Lambda function URL through `hono/aws-lambda`, and a framework route
 * handler (Next.js style: `export const GET = (request) => proxy.handle(request)`), with a base path.
 */
import { Hono } from 'hono';
import { getConnInfo, handle, type LambdaEvent } from 'hono/aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProxyLogEvent } from '../../../src/server/proxy/types.js';
import { FLAGS, proxyFor, startUpstream, type Upstream } from './proxy-harness.js';

let upstream: Upstream;
beforeEach(async () => {
  upstream = await startUpstream();
});
afterEach(() => upstream.close());

const startBody = JSON.stringify({
  ApplicationIdentifier: FLAGS.application,
  EnvironmentIdentifier: FLAGS.environment,
  ConfigurationProfileIdentifier: FLAGS.profile,
});

/** A Lambda function URL event (payload format 2.0). */
function functionUrlEvent(
  method: string,
  rawPath: string,
  rawQueryString = '',
  body: string | null = null,
) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'abc123.lambda-url.us-east-1.on.aws', 'content-type': 'application/json' },
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abc123',
      authentication: null,
      authorizer: {},
      domainName: 'abc123.lambda-url.us-east-1.on.aws',
      domainPrefix: 'abc123',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.9',
        userAgent: 'test',
      },
      requestId: 'r1',
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2030:00:00:00 +0000',
      timeEpoch: 0,
    },
  } as unknown as LambdaEvent;
}

describe('adapters', () => {
  it('runs on AWS Lambda behind a function URL (hono/aws-lambda)', async () => {
    const events: ProxyLogEvent[] = [];
    const proxy = proxyFor(upstream, { logger: (e) => events.push(e) });
    const app = new Hono();
    app.all('*', (c) => proxy.handle(c.req.raw, { remoteAddress: getConnInfo(c).remote.address }));
    const handler = handle(app);

    const started = await handler(
      functionUrlEvent('POST', '/configurationsessions', '', startBody),
    );
    expect(started.statusCode).toBe(201);
    const { InitialConfigurationToken } = JSON.parse(started.body) as {
      InitialConfigurationToken: string;
    };
    const polled = await handler(
      functionUrlEvent(
        'GET',
        '/configuration',
        `configuration_token=${encodeURIComponent(InitialConfigurationToken)}`,
      ),
    );
    expect(polled.statusCode).toBe(200);
    expect(polled.body).toBe('{"darkMode":{"enabled":true}}');
    expect(polled.headers?.['next-poll-interval-in-seconds']).toBe('60');
    // The rate limit keys on the function URL's source IP.
    expect(events.find((e) => e.type === 'request')).toMatchObject({ client: '203.0.113.9' });
  });

  it('runs as a route handler under a base path', async () => {
    const proxy = proxyFor(upstream, { basePath: '/api/appconfig' });
    const GET = (request: Request) => proxy.handle(request);
    const POST = GET;
    const started = await POST(
      new Request('https://shop.example/api/appconfig/configurationsessions', {
        method: 'POST',
        body: startBody,
      }),
    );
    expect(started.status).toBe(201);
    const { InitialConfigurationToken } = (await started.json()) as {
      InitialConfigurationToken: string;
    };
    const polled = await GET(
      new Request(
        `https://shop.example/api/appconfig/configuration?configuration_token=${encodeURIComponent(InitialConfigurationToken)}`,
      ),
    );
    expect(await polled.text()).toBe('{"darkMode":{"enabled":true}}');
    const outside = await GET(
      new Request('https://shop.example/configuration?configuration_token=x'),
    );
    expect(outside.status).toBe(404);
  });
});
