import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/server/emulator/create-emulator.js';
import { FeatureFlagValidationError } from '../../src/server/feature-flags/feature-flag-validation-error.js';
import { toRetrievalFormat } from '../../src/server/feature-flags/to-retrieval-format.js';
import type { StoredFeatureFlags } from '../../src/server/feature-flags/feature-flag-types.js';
import { calls } from './emulator-harness.js';
import { goodDoc } from './feature-flag-fixture.js';

describe('retrieval format', () => {
  it('drops definitions and metadata; a disabled flag is only { enabled: false }', () => {
    expect(toRetrievalFormat(goodDoc() as StoredFeatureFlags)).toEqual({
      checkoutV2: {
        enabled: true,
        maxItems: 25,
        color: 'blue',
        tier: '3',
        users: ['u1', 'u2'],
        scores: [1, 9.5],
        express: false,
        empty: [],
      },
      darkMode: { enabled: false },
    });
  });

  it('serves a defined flag without a value as disabled', () => {
    expect(toRetrievalFormat({ version: '1', flags: { a: {} } })).toEqual({
      a: { enabled: false },
    });
  });
});

describe('deploying feature flags', () => {
  const ref = {
    application: 'App',
    environment: 'Dev',
    profile: 'Flags',
    type: 'AWS.AppConfig.FeatureFlags' as const,
  };

  it('serves the retrieval format as application/json', async () => {
    const emulator = createEmulator({ data: [{ ...ref, content: goodDoc() }] });
    const { startToken, poll } = calls(emulator);
    const response = await poll(
      await startToken({
        ApplicationIdentifier: 'App',
        EnvironmentIdentifier: 'Dev',
        ConfigurationProfileIdentifier: 'Flags',
      }),
    );
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(toRetrievalFormat(goodDoc() as StoredFeatureFlags));
  });

  it('keeps the previous version served when a document is refused', async () => {
    const emulator = createEmulator();
    emulator.deploy({ ...ref, content: goodDoc() });
    const bad = goodDoc();
    bad.values.checkoutV2.maxItems = 1000;
    expect(() => emulator.deploy({ ...ref, content: bad })).toThrow(FeatureFlagValidationError);
    expect(() => emulator.deploy({ ...ref, content: '{"version": "1",' })).toThrow(
      /\(root\): it is not valid JSON/,
    );
    expect(emulator.deployed(ref)?.versionNumber).toBe(1);
    const { startToken, poll } = calls(emulator);
    const body = await (
      await poll(
        await startToken({
          ApplicationIdentifier: 'App',
          EnvironmentIdentifier: 'Dev',
          ConfigurationProfileIdentifier: 'Flags',
        }),
      )
    ).json();
    expect(body).toMatchObject({ checkoutV2: { maxItems: 25 } });
  });

  it('creates nothing when the first document is refused', () => {
    const emulator = createEmulator();
    expect(() => emulator.deploy({ ...ref, content: { version: '2' } })).toThrow(
      FeatureFlagValidationError,
    );
    expect(emulator.describe()).toEqual([]);
  });

  it('keeps the type of an existing profile when type is omitted, and refuses a change', () => {
    const emulator = createEmulator();
    emulator.deploy({ ...ref, content: goodDoc() });
    const { type: _type, ...untyped } = ref;
    expect(() =>
      emulator.deploy({ ...untyped, content: { version: '1', flags: { x: {} }, extra: 1 } }),
    ).toThrow(FeatureFlagValidationError);
    expect(() => emulator.deploy({ ...untyped, content: '{}', type: 'AWS.Freeform' })).toThrow(
      /type cannot change/,
    );
    expect(() =>
      emulator.deploy({ ...ref, content: goodDoc(), contentType: 'application/x-yaml' }),
    ).toThrow(/must be "application\/json"/);
  });
});
