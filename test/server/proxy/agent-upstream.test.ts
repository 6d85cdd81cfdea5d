/**
 * The proxy's `agent` upstream against the emulator's AppConfig Agent API over real HTTP on
 * 127.0.0.1: each caller's variants evaluated for its own context, the context kept in the
 * browser's token (fan-out) or envelope (pass-through to the Agent), and the economy: Agent calls
 * depend on the number of distinct contexts, never on the number of browsers.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeAgentRequest } from '../../../src/server/node/node-agent-request.js';
import { MAX_TOKEN_CONTEXT_BYTES } from '../../../src/server/proxy/context-policy.js';
import { createProxy } from '../../../src/server/proxy/create-proxy.js';
import { uiRefreshDoc } from '../multi-variant-fixture.js';
import {
  agentProxy,
  startAgent,
  startWith,
  UI_REFRESH,
  variantOf,
  type Agent,
} from './agent-harness.js';
import { answer, browser, nextToken, SECRET } from './proxy-harness.js';

const QA = { email: 'jane_doe@qa-testers.mycompany.com' };
const BETA = { email: 'sam@example.org', opted_in_to_beta: 'true' };

let agent: Agent;
beforeEach(async () => {
  agent = await startAgent();
});
afterEach(() => agent.close());

describe('agent upstream: variants for each caller', () => {
  it('gives two callers with different contexts their own variants, in the combined first call and in polls', async () => {
    const proxy = agentProxy(agent, { contextAttributes: ['email', 'opted_in_to_beta'] });
    const qa = await startWith(proxy, QA);
    const beta = await startWith(proxy, BETA);
    const anonymous = await startWith(proxy, undefined);
    expect(qa.headers.get('version-label')).toBe('v1');
    const qaToken = nextToken(qa);
    const betaToken = nextToken(beta);
    expect(await variantOf(qa)).toBe('QA');
    expect(await variantOf(beta)).toBe('Beta Testers');
    // No context: what the Agent answers without Context headers, `_variant` included.
    expect(await anonymous.json()).toEqual({
      ui_refresh: { _variant: 'Default Variant', enabled: false },
      banner: { enabled: true, text: 'Hello' },
    });

    // Each poll is evaluated for the context in that caller's token: unchanged, so empty.
    agent.clock.now += 60_000;
    const b = browser(proxy);
    const qaPoll = await b.poll(qaToken);
    expect(qaPoll.status).toBe(200);
    expect(await qaPoll.text()).toBe('');

    // A deployment that changes only the QA variant: QA's next poll brings it, Beta's stays empty.
    const doc = uiRefreshDoc();
    doc.values.ui_refresh!._variants![0]!.attributeValues = { dark_mode_support: false };
    agent.emulator.deploy({ ...UI_REFRESH, content: doc, versionLabel: 'v2' });
    agent.clock.now += 60_000;
    const qaNext = await b.poll(nextToken(qaPoll));
    expect(qaNext.headers.get('version-label')).toBe('v2');
    expect(JSON.parse(await qaNext.text()).ui_refresh).toEqual({
      _variant: 'QA',
      enabled: true,
      dark_mode_support: false,
    });
    // Beta's evaluated flags did not change with v2: its poll is empty, as AWS answers a session
    // whose configuration did not change.
    const betaNext = await b.poll(betaToken);
    expect(betaNext.status).toBe(200);
    expect(await betaNext.text()).toBe('');
    expect(betaNext.headers.get('version-label')).toBeNull();
  });

  it('keeps the context in the self-contained token: another instance with the secret evaluates it', async () => {
    const one = agentProxy(agent, { contextAttributes: 'any' });
    const two = agentProxy(agent, { contextAttributes: 'any' });
    const token = await browser(one).startToken(UI_REFRESH, { Context: QA });
    expect(await variantOf(await browser(two).poll(token))).toBe('QA');
  });

  it('sends the Agent one Context line per pair (node:http), or one joined line (fetch)', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const lines: string[][] = [];
    const fake = createServer((request, response) => {
      seen.push(request.headers);
      const raw = request.rawHeaders;
      lines.push(raw.filter((_, i) => i % 2 === 1 && raw[i - 1]!.toLowerCase() === 'context'));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ui_refresh":{"_variant":"QA","enabled":true}}');
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    try {
      for (const request of [nodeAgentRequest, undefined]) {
        const proxy = createProxy({
          agent: request ? { url, request } : url,
          allow: [UI_REFRESH],
          secret: SECRET,
          contextAttributes: 'any',
        });
        expect((await startWith(proxy, { plan: 'pro', email: 'a@b.c' })).status).toBe(200);
      }
      expect(lines).toEqual([['email=a@b.c', 'plan=pro'], ['email=a@b.c, plan=pro']]);
      // The path names the configuration, URL-encoded; nothing else from the browser is sent.
      expect(seen[0]!.authorization).toBeUndefined();
    } finally {
      await new Promise((resolve) => fake.close(resolve));
    }
  });

  it('pass-through to the Agent: the context rides in the envelope, every poll asks the Agent', async () => {
    const proxy = agentProxy(agent, { mode: 'pass-through', contextAttributes: 'any' });
    const b = browser(proxy);
    const token = await b.startToken(UI_REFRESH, { Context: QA });
    expect(agent.agentCalls()).toBe(0); // a session start asks nobody
    const first = await b.poll(token);
    expect(await variantOf(first)).toBe('QA');
    const again = await b.poll(token); // the same token, as fast as it likes: no proxy cache
    expect(await variantOf(again)).toBe('QA');
    expect(agent.agentCalls()).toBe(2);
    agent.clock.now += 60_000;
    expect(await (await b.poll(nextToken(first))).text()).toBe(''); // unchanged for QA
    expect(agent.agentCalls()).toBe(3);
    // Envelopes and fan-out tokens never pass for each other, whatever the shared secret.
    const fanOut = agentProxy(agent, { contextAttributes: 'any' });
    expect((await answer(await browser(fanOut).poll(token))).problem).toBe('Corrupted');
    const fanOutToken = await browser(fanOut).startToken(UI_REFRESH, { Context: QA });
    expect((await answer(await b.poll(fanOutToken))).problem).toBe('Corrupted');
    expect(proxy.metrics().cacheHits + proxy.metrics().cacheMisses).toBe(0);
  });

  it('a context at the size limit still makes tokens the model accepts (≤ 8192 characters)', async () => {
    const context = Object.fromEntries(
      Array.from({ length: 4 }, (_, i) => [`k${i}`, 'x'.repeat(1010)]),
    );
    const bytes = JSON.stringify(context).length;
    expect(bytes).toBeGreaterThan(4000);
    expect(bytes).toBeLessThanOrEqual(MAX_TOKEN_CONTEXT_BYTES);
    const proxy = agentProxy(agent, { contextAttributes: 'any' });
    const b = browser(proxy);
    const token = await b.startToken(UI_REFRESH, { Context: context });
    const polled = await b.poll(token);
    expect(polled.status).toBe(200);
    for (const t of [token, nextToken(polled)]) expect(t).toMatch(/^\S{1,8192}$/);
  });

  it('a standard 201 start works too, and the AWS SDK way of polling stays the same', async () => {
    const proxy = agentProxy(agent, { contextAttributes: ['opted_in_to_beta'] });
    const b = browser(proxy);
    const token = await b.startToken(UI_REFRESH, { Context: { opted_in_to_beta: 'false' } });
    const first = await b.poll(token);
    expect(first.headers.get('next-poll-interval-in-seconds')).toBe('60');
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(await variantOf(first)).toBe('Beta Testers'); // exists key::"opted_in_to_beta"
  });
});

describe('agent upstream: the economy', () => {
  /** Agent calls for `browsers` browsers of one context over three browser intervals. */
  async function callsFor(browsers: number, context: Record<string, string>): Promise<number> {
    const local = await startAgent();
    try {
      const proxy = agentProxy(local, { contextAttributes: 'any' });
      const b = browser(proxy);
      let tokens = await Promise.all(
        Array.from({ length: browsers }, () => b.startToken(UI_REFRESH, { Context: context })),
      );
      for (let round = 0; round < 3; round++) {
        const responses = await Promise.all(tokens.map((token) => b.poll(token)));
        for (const response of responses) expect(response.status).toBe(200);
        tokens = responses.map(nextToken);
        local.clock.now += 60_000;
      }
      return local.agentCalls();
    } finally {
      await local.close();
    }
  }

  it('Agent calls do not grow with the number of browsers that share a context', async () => {
    const one = await callsFor(1, QA);
    const many = await callsFor(200, QA);
    expect(one).toBe(3); // one per upstream interval (45 s, browsers every 60 s)
    expect(many).toBe(one);
  });

  it('each distinct context costs its own Agent call per interval; `1` and `"1"` are one context', async () => {
    const proxy = agentProxy(agent, { contextAttributes: 'any' });
    const contexts = [QA, BETA, { tier: 1 }, { tier: '1' }, QA, BETA];
    const answers = await Promise.all(contexts.map((context) => startWith(proxy, context)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(agent.agentCalls()).toBe(3);
    expect(proxy.metrics().upstreamCalls.AgentGetConfiguration).toBe(3);
  });

  it('keeps at most cacheEntries answers, dropping the least recently used', async () => {
    const proxy = agentProxy(agent, { contextAttributes: 'any' }, { cacheEntries: 2 });
    const ask = (n: number) => startWith(proxy, { n: String(n) }).then((r) => r.status);
    await ask(1);
    await ask(2);
    await ask(1); // a hit, and now the most recent
    await ask(3); // drops 2
    expect(agent.agentCalls()).toBe(3);
    await ask(1); // still cached
    expect(agent.agentCalls()).toBe(3);
    await ask(2); // was dropped: asked again
    expect(agent.agentCalls()).toBe(4);
  });
});
