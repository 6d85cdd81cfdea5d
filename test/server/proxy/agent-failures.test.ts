/**
 * Bad answers from the Agent, from a scripted Agent on 127.0.0.1: each one is a clean AppConfig
 * error for the browser (never the Agent's words), a bad answer never replaces the last good
 * copy, and fan-out leaves a failing Agent alone for a while instead of calling it per browser.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_MAX_BODY_BYTES } from '../../../src/server/proxy/agent-upstream.js';
import { createProxy } from '../../../src/server/proxy/create-proxy.js';
import type { ProxyLogEvent, ProxyOptions } from '../../../src/server/proxy/types.js';
import { nodeAgentRequest } from '../../../src/server/node/node-agent-request.js';
import { startWith, UI_REFRESH } from './agent-harness.js';
import { answer, browser, nextToken, SECRET } from './proxy-harness.js';

type Script = (request: IncomingMessage, response: ServerResponse) => void;

const GOOD = '{"ui_refresh":{"_variant":"QA","enabled":true}}';
const good: Script = (_, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'configuration-version': '1' });
  response.end(GOOD);
};

let script: Script;
let calls: IncomingMessage[];
let url: string;
let server: ReturnType<typeof createServer>;
let clock: { now: number };
let events: ProxyLogEvent[];

beforeEach(async () => {
  script = good;
  calls = [];
  clock = { now: Date.UTC(2030, 0, 1) };
  events = [];
  server = createServer((request, response) => {
    calls.push(request);
    script(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function proxy(options: Partial<ProxyOptions> = {}, accessToken?: string) {
  return createProxy({
    agent: { url, request: nodeAgentRequest, ...(accessToken ? { accessToken } : {}) },
    allow: [UI_REFRESH],
    secret: SECRET,
    now: () => clock.now,
    rateLimit: false,
    logger: (event) => events.push(event),
    ...options,
  });
}

const fail = (status: number, body = '{"Message":"the Agent says: secret detail"}'): Script => {
  return (_, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  };
};

const upstreamErrors = () =>
  events.flatMap((e) => (e.type === 'upstream' && !e.ok ? [`${e.error}: ${e.message}`] : []));

describe('agent upstream: bad answers', () => {
  it.each([
    [500, 'InternalServerException'],
    [502, 'BadGatewayException'],
    [504, 'GatewayTimeoutException'],
    [400, 'BadRequestException'],
    [418, 'Http418'],
  ])('an Agent %i is a 500 for the browser, logged as %s', async (status, name) => {
    script = fail(status);
    const failed = await answer(await startWith(proxy(), undefined));
    expect(failed.status).toBe(500);
    expect(failed.type).toBe('InternalServerException');
    expect(failed.message).toBe('Upstream AppConfig request failed');
    expect(failed.text).not.toContain('secret detail');
    expect(upstreamErrors()).toEqual([
      `${name}: The Agent answered ${status} ${name}: the Agent says: secret detail`,
    ]);
  });

  it('an Agent 404 is a 404 naming nothing of the upstream', async () => {
    script = fail(404, '{"Message":"nope","ResourceType":"Application"}');
    const failed = await answer(await startWith(proxy(), undefined));
    expect(failed.status).toBe(404);
    expect(failed.type).toBe('ResourceNotFoundException');
    expect(failed.json).toEqual({
      Message: 'The requested configuration was not found.',
      ResourceType: 'Application',
    });
  });

  it('an Agent 429 is a 429 with Retry-After', async () => {
    script = fail(429);
    const failed = await answer(await startWith(proxy(), undefined));
    expect(failed.status).toBe(429);
    expect(failed.headers.get('retry-after')).toBe('5');
  });

  it('no Agent listening, or one that never answers, is a 500 (NetworkError, TimeoutError)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const nobody = createProxy({
      agent: { url: `http://127.0.0.1:${port}`, request: nodeAgentRequest },
      allow: [UI_REFRESH],
      secret: SECRET,
      logger: (event) => events.push(event),
    });
    expect((await startWith(nobody, undefined)).status).toBe(500);

    script = () => {}; // holds the request open
    const slow = proxy({ upstreamTimeoutMs: 200 });
    expect((await answer(await startWith(slow, undefined))).message).toBe(
      'Upstream AppConfig request failed',
    );
    expect(upstreamErrors().map((line) => line.split(':')[0])).toEqual([
      'NetworkError',
      'TimeoutError',
    ]);
  });

  it('JSON that is not JSON, or an answer over the size limit, never replaces the last good copy', async () => {
    const p = proxy();
    const b = browser(p);
    const first = await startWith(p, undefined);
    expect(await first.text()).toBe(GOOD);
    for (const bad of [
      ((_, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"ui_refresh":');
      }) satisfies Script,
      ((_, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(`"${'x'.repeat(AGENT_MAX_BODY_BYTES)}"`);
      }) satisfies Script,
    ]) {
      script = bad;
      clock.now += 120_000; // the copy is due, and any backoff is over
      const poll = await b.poll(nextToken(first));
      // The cached copy, which the browser already holds: an empty 200, not the broken bytes.
      expect(poll.status).toBe(200);
      expect(await poll.text()).toBe('');
    }
    expect(upstreamErrors()).toEqual([
      'InvalidUpstreamResponse: The Agent answered application/json that is not JSON.',
      `InvalidUpstreamResponse: The Agent's answer is larger than ${AGENT_MAX_BODY_BYTES} bytes.`,
    ]);
    expect(p.metrics().staleServed).toBe(2);
  });

  it('fan-out leaves a failing Agent alone for 5 s (doubling) instead of calling it for every browser', async () => {
    const p = proxy();
    const first = await startWith(p, undefined);
    expect(first.status).toBe(200);
    script = fail(502);
    clock.now += 60_000;
    const b = browser(p);
    const token = nextToken(first);
    const polls = await Promise.all(Array.from({ length: 20 }, () => b.poll(token)));
    expect(polls.map((r) => r.status)).toEqual(Array(20).fill(200)); // the stale copy
    expect(calls).toHaveLength(2); // the first answer, then one failed refresh for all 20
    clock.now += 4_000;
    await b.poll(token);
    expect(calls).toHaveLength(2); // still inside the 5 s pause
    clock.now += 1_000;
    script = good;
    await b.poll(token);
    expect(calls).toHaveLength(3);
  });

  it('sends the access token as a bearer token, and follows no redirect', async () => {
    await startWith(proxy({}, 'agent-access-token'), undefined);
    expect(calls[0]!.headers.authorization).toBe('Bearer agent-access-token');
    expect(calls[0]!.url).toBe(
      '/applications/UIRefresh/environments/Production/configurations/Features',
    );

    script = (_, response) => {
      response.writeHead(302, { location: 'http://example.com/elsewhere' });
      response.end();
    };
    for (const request of [nodeAgentRequest, undefined]) {
      const p = createProxy({
        agent: request ? { url, request } : url,
        allow: [UI_REFRESH],
        secret: SECRET,
      });
      expect((await startWith(p, undefined)).status).toBe(500);
    }
  });
});
