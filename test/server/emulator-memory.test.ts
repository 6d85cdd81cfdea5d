/**
 * Issue 12 item 4: the emulator's memory is bounded by the sessions active in the last 24 hours.
 * Nothing is stored per token (tokens are self-contained under a MAC), so spent and expired
 * tokens take no memory; a session is forgotten 24 hours after its last token, and its tokens
 * are then answered `Expired` from what they carry. Both HMAC paths (Node's synchronous one and
 * the portable Web Crypto one) are checked.
 */
import { describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS } from '../../src/core/limits.js';
import { createSessions } from '../../src/server/emulator/sessions.js';
import type { Target } from '../../src/server/emulator/store.js';
import { TOKEN_MESSAGES } from '../../src/server/shared/token-errors.js';
import { seededRandom } from './emulator-harness.js';

const target = {} as Target; // the session table never looks inside

describe.each(['auto', 'web'] as const)('the session table (%s HMAC)', (hmac) => {
  const make = () => {
    const clock = { now: Date.UTC(2030, 0, 1) };
    const sessions = createSessions({
      now: () => clock.now,
      random: seededRandom(3),
      strictTokenReuse: true,
      enforcePollInterval: 'requested',
      hmac,
    });
    return { clock, sessions };
  };

  it('holds one entry per session however many tokens it spent', async () => {
    const { clock, sessions } = make();
    const SESSIONS = 500;
    const POLLS = 20;
    const firstTokens: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      let { token } = await sessions.start(target, undefined);
      firstTokens.push(token);
      for (let poll = 0; poll < POLLS; poll++) {
        clock.now += 1;
        const result = await sessions.poll(token, () => 1);
        if (!result.ok) throw result.error;
        token = result.nextToken;
      }
    }
    // 10,500 tokens issued, 10,000 spent: the table holds the 500 sessions, nothing per token.
    expect(sessions.size()).toBe(SESSIONS);
    // A spent token is still recognised as spent, from its place in the chain.
    const reused = await sessions.poll(firstTokens[0]!, () => 1);
    expect(reused).toMatchObject({ ok: false, error: { message: TOKEN_MESSAGES.reused } });
  });

  it('forgets sessions 24 hours after their last token, and still answers their tokens Expired', async () => {
    const { clock, sessions } = make();
    const tokens: string[] = [];
    for (let i = 0; i < 300; i++) tokens.push((await sessions.start(target, undefined)).token);
    const kept = await sessions.start(target, undefined);
    clock.now += TOKEN_LIFETIME_MS; // usable at exactly 24 h
    const renewed = await sessions.poll(kept.token, () => 1);
    expect(renewed.ok).toBe(true);
    expect(sessions.size()).toBe(301);
    clock.now += 1; // the other 300 are one millisecond past 24 h
    const fresh = await sessions.start(target, undefined);
    expect(sessions.size()).toBe(2); // the renewed session and the new one
    const old = await sessions.poll(tokens[0]!, () => 1);
    expect(old).toMatchObject({ ok: false, error: { message: TOKEN_MESSAGES.expired } });
    expect((await sessions.poll(fresh.token, () => 1)).ok).toBe(true);
  });

  it('refuses a token changed in any byte, or signed by another emulator', async () => {
    const { sessions } = make();
    const { token } = await sessions.start(target, undefined);
    const bytes = Buffer.from(token, 'base64');
    for (let i = 0; i < bytes.byteLength; i++) {
      const changed = Buffer.from(bytes);
      changed[i]! ^= 0x01;
      const result = await sessions.poll(changed.toString('base64'), () => 1);
      expect(result).toMatchObject({ ok: false, error: { message: TOKEN_MESSAGES.unknown } });
    }
    const other = make().sessions;
    expect(await other.poll(token, () => 1)).toMatchObject({
      ok: false,
      error: { message: TOKEN_MESSAGES.unknown },
    });
  });
});
