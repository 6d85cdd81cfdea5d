import { describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../src/core/errors.js';
import { createEmulator } from '../../src/server/emulator/create-emulator.js';
import { seededRandom } from './emulator-harness.js';

const ref = { application: 'App', environment: 'Dev', profile: 'Settings' };

function cyclic(): object {
  const value: Record<string, unknown> = {};
  value.self = value;
  return value;
}

describe('deploy', () => {
  it('creates resources with 7-character IDs, deterministic for a seeded random', () => {
    const make = () => createEmulator({ random: seededRandom(7) });
    const a = make().deploy({ ...ref, content: '{}' });
    const b = make().deploy({ ...ref, content: '{}' });
    expect(a).toEqual(b);
    for (const id of [a.applicationId, a.environmentId, a.profileId])
      expect(id).toMatch(/^[a-z0-9]{7}$/);
    expect(new Set([a.applicationId, a.environmentId, a.profileId]).size).toBe(3);
  });

  it('never repeats an ID, even with a constant random source', () => {
    const emulator = createEmulator({ random: () => 0 });
    const ids = [1, 2, 3].flatMap((n) => {
      const r = emulator.deploy({
        application: `A${n}`,
        environment: 'E',
        profile: 'P',
        content: '{}',
      });
      return [r.applicationId, r.environmentId, r.profileId];
    });
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{7}$/);
  });

  it('numbers versions 1, 2, 3 per profile and reuses existing resources by name or ID', () => {
    const emulator = createEmulator();
    const first = emulator.deploy({ ...ref, content: '{"v":1}', versionLabel: 'v1.0.0' });
    const second = emulator.deploy({
      application: first.applicationId,
      environment: 'Dev',
      profile: first.profileId,
      content: '{"v":2}',
    });
    const third = emulator.deploy({ ...ref, environment: 'Prod', content: '{"v":3}' });
    expect([first.versionNumber, second.versionNumber, third.versionNumber]).toEqual([1, 2, 3]);
    expect(second).toMatchObject({
      applicationId: first.applicationId,
      environmentId: first.environmentId,
      profileId: first.profileId,
      versionLabel: undefined,
    });
    expect(first.versionLabel).toBe('v1.0.0');
    expect(third.environmentId).not.toBe(first.environmentId);
  });

  it('describes every deployment with names, IDs and current version', () => {
    const emulator = createEmulator();
    const r = emulator.deploy({
      ...ref,
      content: 'a: 1',
      contentType: 'application/x-yaml',
      versionLabel: 'first',
    });
    emulator.deploy({ ...ref, content: 'a: 2', contentType: 'application/x-yaml' });
    expect(emulator.describe()).toEqual([
      {
        application: { id: r.applicationId, name: 'App' },
        environment: { id: r.environmentId, name: 'Dev' },
        profile: { id: r.profileId, name: 'Settings', type: 'AWS.Freeform' },
        versionNumber: 2,
        versionLabel: undefined,
        contentType: 'application/x-yaml',
      },
    ]);
    expect(new TextDecoder().decode(emulator.deployed(ref)?.content)).toBe('a: 2');
    expect(emulator.deployed({ ...ref, environment: 'Nope' })).toBeUndefined();
  });

  it('stores bytes as given and copies them', () => {
    const emulator = createEmulator();
    const bytes = new Uint8Array([1, 2, 3]);
    emulator.deploy({ ...ref, content: bytes, contentType: 'application/octet-stream' });
    bytes[0] = 9;
    expect([...emulator.deployed(ref)!.content]).toEqual([1, 2, 3]);
  });

  const refusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      'invalid JSON',
      { content: '{"a":' },
      'content',
      /declared application\/json but it is not valid JSON/,
    ],
    [
      'invalid JSON in +json type',
      { content: 'nope', contentType: 'application/vnd.demo+json' },
      'content',
      /not valid JSON/,
    ],
    [
      'invalid YAML',
      { content: 'a: [1', contentType: 'application/x-yaml' },
      'content',
      /not valid YAML \(Flow sequence/,
    ],
    [
      'multi-document YAML (the client and the data-folder loader read one document)',
      { content: 'a: 1\n---\nb: 2\n', contentType: 'application/x-yaml' },
      'content',
      /holds 2 YAML documents \(---\); a configuration is one document/,
    ],
    [
      'YAML with duplicate keys',
      { content: 'a: 1\na: 2', contentType: 'text/yaml' },
      'content',
      /Map keys must be unique/,
    ],
    ['bad UTF-8 for JSON', { content: new Uint8Array([0xff]) }, 'content', /not valid UTF-8/],
    [
      'object with a non-JSON type',
      { content: { a: 1 }, contentType: 'text/plain' },
      'content',
      /its contentType must be JSON/,
    ],
    ['content of the wrong kind', { content: 42 }, 'content', /string, a Uint8Array or an object/],
    ['content with a cycle', { content: cyclic() }, 'content', /cannot be serialised as JSON/],
    ['empty application name', { application: '' }, 'application', /1 to 64 characters/],
    [
      '65-character environment name',
      { environment: 'e'.repeat(65) },
      'environment',
      /1 to 64 characters/,
    ],
    ['all-digit version label', { versionLabel: '123' }, 'versionLabel', /not all digits/],
    ['65-character version label', { versionLabel: 'v'.repeat(65) }, 'versionLabel', /1 to 64/],
    [
      'version label with a line break',
      { versionLabel: 'v1\nX-Evil: 1' },
      'versionLabel',
      /visible ASCII/,
    ],
    ['non-ASCII version label', { versionLabel: 'versión' }, 'versionLabel', /visible ASCII/],
    ['content type that is not a MIME type', { contentType: 'json' }, 'contentType', /MIME type/],
    [
      'content type with a line break',
      { contentType: 'text/plain\r\nX: 1' },
      'contentType',
      /MIME type/,
    ],
    [
      'unknown profile type',
      { type: 'AWS.Other' },
      'type',
      /"AWS.Freeform" or "AWS.AppConfig.FeatureFlags"/,
    ],
  ];

  it.each(refusals)(
    'refuses %s with InvalidOptionsError naming the field',
    (_name, change, field, message) => {
      const emulator = createEmulator();
      let error: unknown;
      try {
        emulator.deploy({ ...ref, content: '{}', ...change } as never);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidOptionsError);
      expect((error as InvalidOptionsError).field).toBe(field);
      expect((error as Error).message).toMatch(message);
      expect(emulator.describe()).toEqual([]);
    },
  );

  it('accepts text and other types without parsing them', () => {
    const emulator = createEmulator();
    expect(
      emulator.deploy({ ...ref, content: 'not json {', contentType: 'text/plain; charset=utf-8' })
        .versionNumber,
    ).toBe(1);
  });

  it('refuses a bad data entry at creation', () => {
    expect(() => createEmulator({ data: [{ ...ref, content: '{' }] })).toThrow(InvalidOptionsError);
  });

  it('validates its options', () => {
    expect(() => createEmulator({ requestLogSize: 0 })).toThrow(
      /requestLogSize must be a positive integer/,
    );
  });
});
