import { describe, expect, it } from 'vitest';
import {
  InvalidRuleContextError,
  MAX_CONTEXT_KEYS,
  checkRuleContext,
} from '../../../src/server/index.js';

function refusal(input: unknown): { field: string; message: string } {
  try {
    checkRuleContext(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRuleContextError);
    const { field, message } = error as InvalidRuleContextError;
    return { field, message };
  }
  throw new Error('accepted');
}

describe('checkRuleContext', () => {
  it('accepts strings, numbers and booleans and returns a frozen copy', () => {
    const input = { userId: 'u1', age: 42, beta: true };
    const context = checkRuleContext(input);
    expect(context).toEqual(input);
    expect(context).not.toBe(input);
    expect(Object.isFrozen(context)).toBe(true);
  });

  it.each([
    [
      [],
      {
        field: 'Context',
        message:
          'Context must be an object of key/value pairs such as {"userId": "u1"}; got an array.',
      },
    ],
    [
      'u1',
      {
        field: 'Context',
        message:
          'Context must be an object of key/value pairs such as {"userId": "u1"}; got a string.',
      },
    ],
    [
      Object.fromEntries(Array.from({ length: MAX_CONTEXT_KEYS + 1 }, (_, i) => [`k${i}`, i])),
      { field: 'Context', message: 'Context may have at most 25 keys; it has 26.' },
    ],
    [
      { 'user-id': 'x' },
      {
        field: 'Context.user-id',
        message:
          'Context key "user-id" must match ^[A-Za-z_][A-Za-z0-9_]*$ (letters, digits and "_", so a rule can name it as $key).',
      },
    ],
    [
      { ['k'.repeat(65)]: 1 },
      {
        field: `Context.${'k'.repeat(65)}`,
        message: 'Context keys may have at most 64 characters; "kkkkkkkkkkkkkkkkkkkk"… has 65.',
      },
    ],
    [
      { email: 'x'.repeat(1025) },
      {
        field: 'Context.email',
        message: 'Context.email may have at most 1024 characters; it has 1025.',
      },
    ],
    [
      { plan: null },
      {
        field: 'Context.plan',
        message: 'Context.plan must be a string, a number or a boolean; got null.',
      },
    ],
    [
      { tags: ['a'] },
      {
        field: 'Context.tags',
        message: 'Context.tags must be a string, a number or a boolean; got an array.',
      },
    ],
    [
      { n: Infinity },
      { field: 'Context.n', message: 'Context.n must be a finite number; got Infinity.' },
    ],
  ])('refuses %j', (input, expected) => {
    expect(refusal(input)).toEqual(expected);
  });
});
