/**
 * The extractor behind test/fixtures/appconfigdata-constraints.json, on a small Smithy model
 * written here: what it keeps (bindings, constraints, trait names) and what it leaves out
 * (documentation text).
 */
import { describe, expect, it } from 'vitest';
import { extractModelConstraints } from '../../scripts/extract-model-constraints.js';

const SOURCE = {
  repository: 'https://example.test/models',
  path: 'm.json',
  commit: '0'.repeat(40),
  sha256: 'f'.repeat(64),
};

const MODEL = {
  smithy: '2.0',
  shapes: {
    'ns#Get': {
      type: 'operation',
      input: { target: 'ns#GetInput' },
      traits: { 'smithy.api#http': { method: 'GET', uri: '/thing', code: 200 } },
    },
    'ns#GetInput': {
      type: 'structure',
      members: {
        Token: {
          target: 'ns#Token',
          traits: {
            'smithy.api#httpQuery': 'token',
            'smithy.api#required': {},
            'smithy.api#documentation': '<p>Long prose that must not be copied.</p>',
          },
        },
        Name: { target: 'ns#Name', traits: { 'smithy.api#length': { max: 8 } } },
      },
    },
    'ns#Token': { type: 'string', traits: { 'smithy.api#pattern': '^\\S+$' } },
    'ns#Name': { type: 'string', traits: { 'smithy.api#length': { min: 1, max: 64 } } },
    'ns#Seconds': { type: 'integer', traits: { 'smithy.api#range': { min: 15 } } },
    'ns#Plain': { type: 'string' },
  },
};

describe('extractModelConstraints', () => {
  const extract = extractModelConstraints(MODEL, SOURCE);

  it('keeps the source, the HTTP bindings and the constrained shapes', () => {
    expect(extract.source).toEqual(SOURCE);
    expect(extract.operations).toEqual({ Get: { method: 'GET', uri: '/thing', code: 200 } });
    expect(extract.shapes).toEqual({
      Name: { type: 'string', length: { min: 1, max: 64 } },
      Seconds: { type: 'integer', range: { min: 15 } },
      Token: { type: 'string', pattern: '^\\S+$' },
    });
  });

  it('merges target and member traits (the member wins) and records trait names only', () => {
    expect(extract.members).toEqual([
      {
        operation: 'Get',
        member: 'Token',
        target: 'Token',
        required: true,
        location: { in: 'query', name: 'token' },
        pattern: '^\\S+$',
        traits: [
          'smithy.api#documentation',
          'smithy.api#httpQuery',
          'smithy.api#pattern',
          'smithy.api#required',
        ],
      },
      {
        operation: 'Get',
        member: 'Name',
        target: 'Name',
        required: false,
        location: { in: 'body' },
        length: { max: 8 },
        traits: ['smithy.api#length'],
      },
    ]);
    expect(JSON.stringify(extract)).not.toContain('prose');
  });

  it('refuses a file that is not a Smithy JSON AST', () => {
    expect(() => extractModelConstraints({ metadata: {} }, SOURCE)).toThrow(/no "shapes" object/);
  });
});
