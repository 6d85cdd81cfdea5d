/**
 * Who decides the context (agent upstream): a browser's `Context` is a claim; `authorize` decides
 * which keys a caller may claim and sets verified ones itself (here from a JWT checked with
 * `jose`), so a browser cannot claim a segment it is not in. Over real HTTP to the emulator's
 * Agent API.
 */
import { jwtVerify, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unauthorized } from '../../../src/server/proxy/authorize-request.js';
import type { ProxyLogEvent } from '../../../src/server/proxy/types.js';
import { agentProxy, startAgent, startWith, variantOf, type Agent } from './agent-harness.js';
import { answer, browser, nextToken, proxyFor, startUpstream } from './proxy-harness.js';

const JWT_KEY = new TextEncoder().encode('jwt-test-key-0123456789abcdefghijklmnop');

/** A signed session JWT, as an identity provider would issue it. */
const jwtFor = (email: string) =>
  new SignJWT({ email })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(email)
    .setAudience('flags')
    .sign(JWT_KEY);

/** The documented pattern: the email comes from the verified JWT, `opted_in_to_beta` from the browser. */
async function authorizeFromJwt(request: Request) {
  const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
  if (!token) return unauthorized();
  try {
    const { payload } = await jwtVerify(token, JWT_KEY, { audience: 'flags' });
    return {
      context: { email: String(payload.email) },
      contextAttributes: ['opted_in_to_beta'],
    };
  } catch {
    return unauthorized('Session expired.');
  }
}

let agent: Agent;
beforeEach(async () => {
  agent = await startAgent();
});
afterEach(() => agent.close());

const bearer = async (email: string) => ({ authorization: `Bearer ${await jwtFor(email)}` });

describe('agent upstream: what a browser may claim', () => {
  it('refuses every claimed key by default, with 403 naming the key, before calling the Agent', async () => {
    const proxy = agentProxy(agent);
    const refused = await answer(await startWith(proxy, { email: 'x@qa-testers.mycompany.com' }));
    expect(refused.status).toBe(403);
    expect(refused.type).toBe('AccessDeniedException');
    expect(refused.message).toBe(
      'Context.email may not be set by the caller. Keys a caller may set: none (contextAttributes); the proxy sets verified ones itself in authorize.',
    );
    expect(agent.agentCalls()).toBe(0);
    // No claim at all is fine: default variants.
    expect(await variantOf(await startWith(proxy, undefined))).toBe('Default Variant');
    expect(await variantOf(await startWith(proxy, {}))).toBe('Default Variant');
  });

  it('keeps the allowed keys and names every refused one', async () => {
    const proxy = agentProxy(agent, { contextAttributes: ['opted_in_to_beta', 'country'] });
    expect(await variantOf(await startWith(proxy, { opted_in_to_beta: 'no' }))).toBe(
      'Beta Testers',
    );
    const refused = await answer(
      await startWith(proxy, { opted_in_to_beta: 'no', email: 'e', plan: 'pro' }),
    );
    expect(refused.message).toBe(
      'Context.email and Context.plan may not be set by the caller. Keys a caller may set: opted_in_to_beta, country (contextAttributes); the proxy sets verified ones itself in authorize.',
    );
  });

  it('authorize sets the verified email from a JWT: it wins over the browser claim of the same key', async () => {
    const proxy = agentProxy(agent, { authorize: authorizeFromJwt });
    // Jane claims a QA address; her JWT says otherwise, and the JWT wins.
    const jane = await startWith(
      proxy,
      { email: 'jane@qa-testers.mycompany.com' },
      { headers: await bearer('jane@example.org') },
    );
    expect(await variantOf(jane)).not.toBe('QA');
    // A real QA tester gets QA without claiming anything.
    const tester = await startWith(proxy, undefined, {
      headers: await bearer('kim@qa-testers.mycompany.com'),
    });
    expect(await variantOf(tester)).toBe('QA');
    // Keys the JWT does not cover still need permission: opted_in_to_beta is allowed, plan is not.
    const beta = await startWith(
      proxy,
      { opted_in_to_beta: 'true' },
      { headers: await bearer('jane@example.org') },
    );
    expect(await variantOf(beta)).toBe('Beta Testers');
    const plan = await answer(
      await startWith(proxy, { plan: 'pro' }, { headers: await bearer('jane@example.org') }),
    );
    expect(plan.status).toBe(403);
    // No JWT: the hook's 401.
    expect((await startWith(proxy, undefined)).status).toBe(401);
  });

  it('applies the verified context on every poll: a token used with another JWT gets that identity', async () => {
    const proxy = agentProxy(agent, { authorize: authorizeFromJwt });
    const b = browser(proxy);
    const testerHeaders = await bearer('kim@qa-testers.mycompany.com');
    const first = await startWith(proxy, undefined, { headers: testerHeaders });
    expect(await variantOf(first)).toBe('QA');
    agent.clock.now += 60_000;
    // The tester's token holds no email (verified keys are never stored in tokens): used with
    // Jane's JWT it is evaluated for Jane, and since her flags differ the body comes whole.
    const stolen = await b.poll(nextToken(first), { headers: await bearer('jane@example.org') });
    expect(await variantOf(stolen)).not.toBe('QA');
    // With the tester's own JWT the same token answers as before: unchanged, empty.
    const own = await b.poll(nextToken(first), { headers: testerHeaders });
    expect(await own.text()).toBe('');
  });

  it('refuses a context AppConfig could not carry, with the field and the limit', async () => {
    const proxy = agentProxy(agent, { contextAttributes: 'any' });
    const cases: [unknown, number, string][] = [
      [
        [1],
        400,
        'Context must be an object of key/value pairs such as {"userId": "u1"}; got an array.',
      ],
      [
        { 'bad-key': 'x' },
        400,
        'Context key "bad-key" must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and "_", so a rule can name it as $key).',
      ],
      [
        { name: 'José' },
        400,
        'Context.name must be printable ASCII without leading or trailing spaces: it reaches the AppConfig Agent in a "Context" header, which cannot carry it unchanged.',
      ],
      [
        { name: ' padded' },
        400,
        'Context.name must be printable ASCII without leading or trailing spaces: it reaches the AppConfig Agent in a "Context" header, which cannot carry it unchanged.',
      ],
      [
        { name: 'a\r\nX-Injected: 1' },
        400,
        'Context.name must be printable ASCII without leading or trailing spaces: it reaches the AppConfig Agent in a "Context" header, which cannot carry it unchanged.',
      ],
      [
        { nested: { a: 1 } },
        400,
        'Context.nested must be a string, a number or a boolean; got a object.',
      ],
      [
        Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, 'v'])),
        400,
        'Context may have at most 25 keys; it has 26.',
      ],
      [
        Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, 'v'.repeat(1000)])),
        400,
        "Context is too large for the proxy's session token: at most 4096 bytes as JSON; got 5041.",
      ],
    ];
    for (const [context, status, message] of cases) {
      const refused = await answer(await startWith(proxy, context));
      expect({ status: refused.status, message: refused.message }).toEqual({ status, message });
    }
    expect(agent.agentCalls()).toBe(0);
  });

  it('verified and claimed keys together stay within 25', async () => {
    const verified = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`v${i}`, 'x']));
    const proxy = agentProxy(agent, {
      contextAttributes: 'any',
      authorize: () => ({ context: verified }),
    });
    const claims = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`c${i}`, 'x']));
    const refused = await answer(await startWith(proxy, claims));
    expect(refused.message).toBe(
      "Context and the proxy's verified attributes may have at most 25 keys together; they have 26.",
    );
  });

  it('a bad decision from authorize is a 500 for the browser and a reason in the log', async () => {
    const events: ProxyLogEvent[] = [];
    const decisions: unknown[] = [
      { context: { email: { not: 'a value' } } },
      { context: { email: 'two\nlines' } },
      { contextAttributes: 'all' },
      { contexts: { email: 'typo' } },
    ];
    for (const decision of decisions) {
      const proxy = agentProxy(agent, {
        authorize: () => decision as never,
        logger: (event) => events.push(event),
      });
      const failed = await answer(await startWith(proxy, undefined));
      expect(failed.status).toBe(500);
      expect(failed.message).toBe('The request could not be authorized.');
    }
    expect(events.filter((e) => e.type === 'error').map((e) => e.message)).toEqual([
      'authorize returned a bad context: context.email must be a string, a number or a boolean; got a object.',
      'authorize returned a bad context: context.email must be printable ASCII without leading or trailing spaces: it reaches the AppConfig Agent in a "Context" header, which cannot carry it unchanged.',
      "authorize returned a contextAttributes that is not 'any' or a list of keys",
      'authorize returned unknown members: contexts',
    ]);
    expect(agent.agentCalls()).toBe(0);
  });

  it('with the AWS SDK upstream a Context is ignored, as before (AWS does not evaluate variants for SDK callers)', async () => {
    const upstream = await startUpstream();
    try {
      const proxy = proxyFor(upstream);
      const response = await browser(proxy).start(undefined, { Context: { plan: 'x' } });
      expect(response.status).toBe(201);
    } finally {
      await upstream.close();
    }
  });

  it('a claim overridden by a verified key is not kept in the token', async () => {
    const strict = agentProxy(agent, {
      authorize: () => ({ context: { email: 'jane@example.org' }, contextAttributes: 'any' }),
    });
    const response = await startWith(strict, { email: 'kim@qa-testers.mycompany.com' });
    expect(await variantOf(response)).toBe('Default Variant'); // Jane's, not the claimed QA
    // Read by a proxy without that authorize, the token holds no email at all: still Jane's
    // default variant (an empty, unchanged answer), not the QA address the browser claimed.
    const lenient = agentProxy(agent, { contextAttributes: 'any' });
    agent.clock.now += 60_000;
    const later = await browser(lenient).poll(nextToken(response));
    expect(later.status).toBe(200);
    expect(await later.text()).toBe('');
  });
});
