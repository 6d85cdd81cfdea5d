import { describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS } from '../../src/core/limits.js';
import { IDS, errorOf, setup } from './emulator-harness.js';

const nextToken = (response: Response) => response.headers.get('next-poll-configuration-token')!;
const withInterval = (seconds: number) => ({
  ...IDS,
  RequiredMinimumPollIntervalInSeconds: seconds,
});

describe('token reuse', () => {
  it('refuses a token that already got a response as Corrupted (strict, the default)', async () => {
    const { startToken, poll } = setup();
    const token = await startToken();
    expect((await poll(token)).status).toBe(200);
    const again = await errorOf(await poll(token));
    expect(again).toMatchObject({ status: 400, type: 'BadRequestException', problem: 'Corrupted' });
    expect(again.message).toMatch(/already used/);
  });

  it('answers a reused token as if fresh when strictTokenReuse is false', async () => {
    const { startToken, poll } = setup({ strictTokenReuse: false });
    const token = await startToken();
    const first = await poll(token);
    expect(await first.text()).toBe('{"theme":"light"}');
    // The reused initial token was issued before the client saw v1, so v1 comes again.
    const again = await poll(token);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe('{"theme":"light"}');
    // The chain continues from the first answer's token as usual: nothing new.
    expect(await (await poll(nextToken(first))).text()).toBe('');
  });

  it('still applies the poll interval to a reused token in relaxed mode', async () => {
    const { clock, startToken, poll } = setup({ strictTokenReuse: false });
    const first = await poll(await startToken(withInterval(30)));
    const next = nextToken(first);
    clock.now += 30_000;
    expect((await poll(next)).status).toBe(200);
    clock.now += 1_000;
    // Reusing `next`: its earliest use is long past, so it is answered again.
    expect((await poll(next)).status).toBe(200);
  });
});

describe('token expiry', () => {
  it('accepts a token at exactly 24 hours and refuses it 1 ms later as Expired', async () => {
    const { clock, startToken, poll } = setup();
    const atBoundary = await startToken();
    const late = await startToken();
    clock.now = TOKEN_LIFETIME_MS;
    expect((await poll(atBoundary)).status).toBe(200);
    clock.now = TOKEN_LIFETIME_MS + 1;
    const error = await errorOf(await poll(late));
    expect(error).toMatchObject({ status: 400, type: 'BadRequestException', problem: 'Expired' });
    expect(error.body.Reason).toBe('InvalidParameters');
    expect(error.message).toMatch(/24 hours/);
  });

  it('counts the lifetime from when each token was issued', async () => {
    const { clock, startToken, poll } = setup();
    const first = await poll(await startToken());
    clock.now = TOKEN_LIFETIME_MS; // the next token was issued at 0 as well: still valid
    const second = await poll(nextToken(first));
    expect(second.status).toBe(200);
    clock.now = 2 * TOKEN_LIFETIME_MS; // the third token was issued at 24 h
    expect((await poll(nextToken(second))).status).toBe(200);
  });

  it('still says Expired (not Corrupted) for a token two days old', async () => {
    const { clock, startToken, poll } = setup();
    const token = await startToken();
    clock.now = 2 * TOKEN_LIFETIME_MS;
    expect((await errorOf(await poll(token))).problem).toBe('Expired');
  });
});

describe('poll interval', () => {
  it('answers "Request too early" before the interval and keeps the token valid', async () => {
    const { clock, startToken, poll } = setup();
    const first = await poll(await startToken(withInterval(15)));
    const token = nextToken(first);
    clock.now += 14_999;
    const early = await errorOf(await poll(token));
    expect(early).toMatchObject({
      status: 400,
      type: 'BadRequestException',
      problem: 'PollIntervalNotSatisfied',
    });
    expect(early.message).toBe('Request too early');
    expect(early.body.Reason).toBe('InvalidParameters');
    clock.now += 1;
    const onTime = await poll(token);
    expect(onTime.status).toBe(200);
  });

  it('allows the first poll at once, even with an interval', async () => {
    const { startToken, poll } = setup();
    expect((await poll(await startToken(withInterval(86_400)))).status).toBe(200);
  });

  it("does not enforce the 60 s default by default ('requested')", async () => {
    const { startToken, poll } = setup();
    const first = await poll(await startToken());
    expect((await poll(nextToken(first))).status).toBe(200);
  });

  it("enforces the 60 s default with enforcePollInterval: 'always'", async () => {
    const { clock, startToken, poll } = setup({ enforcePollInterval: 'always' });
    const first = await poll(await startToken());
    clock.now += 59_999;
    expect((await errorOf(await poll(nextToken(first)))).problem).toBe('PollIntervalNotSatisfied');
    clock.now += 1;
    expect((await poll(nextToken(first))).status).toBe(200);
  });

  it('measures the interval from the previous response, not from the last early poll', async () => {
    const { clock, startToken, poll } = setup();
    const first = await poll(await startToken(withInterval(20)));
    clock.now += 10_000;
    await poll(nextToken(first)); // too early
    clock.now += 10_000;
    expect((await poll(nextToken(first))).status).toBe(200);
  });
});

describe('token chain', () => {
  it('issues a distinct single-use token on each answer', async () => {
    const { startToken, poll } = setup();
    const tokens = [await startToken()];
    for (let i = 0; i < 5; i++) tokens.push(nextToken(await poll(tokens.at(-1)!)));
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('keeps sessions apart: a second session gets the data again', async () => {
    const { startToken, poll } = setup();
    const one = await poll(await startToken());
    await poll(nextToken(one));
    expect(await (await poll(await startToken())).text()).toBe('{"theme":"light"}');
  });
});
