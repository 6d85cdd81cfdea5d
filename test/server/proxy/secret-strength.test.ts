/** Issue 14 item 14: low-entropy token secrets are refused with a message saying how to make one. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../../src/core/errors.js';
import { createProxy } from '../../../src/server/proxy/create-proxy.js';
import { FLAGS } from './proxy-harness.js';

const make = (secret: string | string[]) => () => createProxy({ allow: [FLAGS], secret });

describe('the token secret', () => {
  it.each([
    ['32 × "a"', 'a'.repeat(32)],
    ['a word repeated', 'changeme'.repeat(4)],
    ['hex digits twice', '0123456789abcdef'.repeat(2)],
    ['two characters', `${'a'.repeat(20)}${'b'.repeat(20)}`],
    ['a handful of characters', 'aabbccddaabbccddaabbccddaabbccdX'],
  ])('refuses %s, saying how to make a good one', (_name, secret) => {
    let error: unknown;
    try {
      make(secret)();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidOptionsError);
    expect((error as InvalidOptionsError).field).toBe('secret');
    expect((error as Error).message).toContain('openssl rand -base64 32');
    expect((error as Error).message).toContain('randomBytes(32)');
  });

  it('names the weak entry of a rotation list', () => {
    expect(make([randomBytes(32).toString('base64'), 'a'.repeat(40)])).toThrow(
      /secret\[1\] is a string of 1 character repeated/,
    );
  });

  it('accepts what the advice produces, and hex of 16 random bytes', () => {
    for (let i = 0; i < 200; i++) {
      expect(make(randomBytes(32).toString('base64'))).not.toThrow();
      expect(make(randomBytes(16).toString('hex'))).not.toThrow();
    }
  });
});
