/** Flag-key parsing, reading and the change list, on plain values (no SDK, no network). */
import type { FlagValueType } from '@openfeature/core';
import { describe, expect, it } from 'vitest';
import type { AppConfigSnapshot } from '../../src/core/index.js';
import { changedFlags, isDeepEqual } from '../../src/openfeature/changed-flags.js';
import { InvalidFlagKeyError, parseFlagKey } from '../../src/openfeature/index.js';
import { outcomeOf } from '../../src/openfeature/resolve-flag.js';

const snapshot = (configuration: unknown, source: 'network' | 'persisted' = 'network') =>
  ({
    status: 'ready',
    configuration,
    versionLabel: undefined,
    contentType: 'application/json',
    source,
    fetchedAt: 0,
    error: undefined,
    stopped: false,
  }) as AppConfigSnapshot<unknown>;

describe('parseFlagKey', () => {
  it('splits dotted names and decodes JSON pointers (RFC 6901 escapes, in order)', () => {
    expect(parseFlagKey('checkout')).toEqual(['checkout']);
    expect(parseFlagKey('checkout.maxItems')).toEqual(['checkout', 'maxItems']);
    expect(parseFlagKey('/a~1b/c~0d/~01')).toEqual(['a/b', 'c~d', '~1']);
    expect(parseFlagKey('/banner.text')).toEqual(['banner.text']);
    expect(parseFlagKey('/')).toEqual(['']);
  });

  it('refuses empty names and bad escapes, naming the key', () => {
    for (const key of ['', 'a..b', '.a', 'a.']) {
      expect(() => parseFlagKey(key), key).toThrow(InvalidFlagKeyError);
    }
    expect(() => parseFlagKey('/a~2')).toThrow('Flag key "/a~2" is not a valid JSON pointer');
  });
});

describe('outcomeOf', () => {
  const flags = { on: { enabled: true, tiers: ['a', 'b'] }, off: { enabled: false } };

  it('reads flags, attributes and array items, and tells disabled from missing', () => {
    expect(outcomeOf(flags, 'on', 'boolean')).toEqual({ kind: 'value', value: true });
    expect(outcomeOf(flags, 'off', 'boolean')).toEqual({ kind: 'disabled', value: false });
    expect(outcomeOf(flags, 'off.limit', 'number')).toEqual({ kind: 'disabled', value: undefined });
    expect(outcomeOf(flags, '/on/tiers/1', 'string')).toEqual({ kind: 'value', value: 'b' });
    expect(outcomeOf(flags, '/on/tiers/01', 'string').kind).toBe('missing');
    expect(outcomeOf(flags, 'on.tiers.x', 'string').kind).toBe('missing');
    expect(outcomeOf(flags, 'on.tiers', 'object')).toEqual({ kind: 'value', value: ['a', 'b'] });
    expect(outcomeOf(flags, 'on.enabled.x', 'string')).toEqual({
      kind: 'missing',
      message: 'Flag key "on.enabled.x": "on.enabled" is a boolean, which has no members.',
    });
    expect(outcomeOf(flags, 'on', 'number').kind).toBe('mismatch');
    expect(outcomeOf({ n: Number.NaN }, 'n', 'number').kind).toBe('mismatch');
    expect(outcomeOf('plain text', 'a', 'string').kind).toBe('unreadable');
  });
});

describe('changedFlags', () => {
  it('lists evaluated keys by their answer, other top-level members by value', () => {
    const before = snapshot({
      a: { enabled: true, n: 1 },
      b: { enabled: true },
      c: { enabled: false },
    });
    const after = snapshot({
      a: { enabled: true, n: 2 },
      b: { enabled: true },
      d: { enabled: true },
    });
    const evaluated = new Map<string, Set<FlagValueType>>([
      ['a', new Set(['boolean' as const])],
      ['a.n', new Set(['number' as const])],
    ]);
    expect(changedFlags(before, after, evaluated)).toEqual(['a.n', 'c', 'd']);
  });

  it('lists an evaluated key whose reason changed, and nothing for equal snapshots', () => {
    const configuration = { a: { enabled: true } };
    const evaluated = new Map<string, Set<FlagValueType>>([['a', new Set(['boolean' as const])]]);
    expect(
      changedFlags(
        snapshot(configuration, 'persisted'),
        snapshot({ a: { enabled: true } }),
        evaluated,
      ),
    ).toEqual(['a']);
    expect(
      changedFlags(snapshot(configuration), snapshot({ a: { enabled: true } }), evaluated),
    ).toEqual([]);
  });
});

describe('isDeepEqual', () => {
  it('compares structure, arrays apart from objects, and bytes by content', () => {
    expect(isDeepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(isDeepEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(isDeepEqual([], {})).toBe(false);
    expect(isDeepEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(isDeepEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(isDeepEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(isDeepEqual(Number.NaN, Number.NaN)).toBe(true);
  });
});
