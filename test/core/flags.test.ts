import { describe, expect, it } from 'vitest';
import { isFeatureFlags, isFlagEnabled, readFlag } from '../../src/core/flags.js';

const flags = {
  MyAccessListFlag: { enabled: true, allowList: ['a@example.com'] },
  darkMode: { enabled: false },
};

describe('feature flags in the retrieval format', () => {
  it('recognises the format', () => {
    expect(isFeatureFlags(flags)).toBe(true);
    expect(isFeatureFlags({})).toBe(true);
    expect(isFeatureFlags({ a: { enabled: 'yes' } })).toBe(false);
    expect(isFeatureFlags({ version: '1', flags: {}, values: {} })).toBe(false);
    expect(isFeatureFlags([])).toBe(false);
    expect(isFeatureFlags('text')).toBe(false);
  });

  it('reads one flag with its attributes', () => {
    expect(readFlag(flags, 'MyAccessListFlag')).toEqual({
      enabled: true,
      allowList: ['a@example.com'],
    });
    expect(readFlag(flags, 'missing')).toBeUndefined();
    expect(readFlag(flags, 'toString')).toBeUndefined();
    expect(readFlag(undefined, 'darkMode')).toBeUndefined();
  });

  it('answers enabled with a default for missing flags', () => {
    expect(isFlagEnabled(flags, 'MyAccessListFlag')).toBe(true);
    expect(isFlagEnabled(flags, 'darkMode', true)).toBe(false);
    expect(isFlagEnabled(flags, 'missing', true)).toBe(true);
    expect(isFlagEnabled(flags, 'missing')).toBe(false);
  });
});
