import { describe, expect, it } from 'vitest';
import { FeatureFlagValidationError } from '../../src/server/feature-flags/feature-flag-validation-error.js';
import {
  isFeatureFlagDocument,
  parseFeatureFlags,
  validateFeatureFlags,
} from '../../src/server/feature-flags/parse-feature-flags.js';
import { goodDoc, type Doc } from './feature-flag-fixture.js';

const PATTERN = '^[a-z][a-zA-Z\\d_-]{0,63}$';

interface Case {
  rule: string;
  mutate: (doc: Doc) => void;
  path: string;
  message: RegExp;
}

const cases: Case[] = [
  {
    rule: 'version required',
    mutate: (d) => delete d.version,
    path: 'version',
    message: /required and must be the string "1"/,
  },
  {
    rule: 'version is "1"',
    mutate: (d) => (d.version = '2'),
    path: 'version',
    message: /must be the string "1"/,
  },
  {
    rule: 'version is a string',
    mutate: (d) => (d.version = 1),
    path: 'version',
    message: /must be the string "1"/,
  },
  {
    rule: 'no extra top-level key',
    mutate: (d) => (d.extra = true),
    path: 'extra',
    message: /additionalProperties: false/,
  },
  {
    rule: 'flag key starts lowercase',
    mutate: (d) => (d.flags.MyAccessListFlag = {}),
    path: 'flags.MyAccessListFlag',
    message: new RegExp(`flag key must match ${PATTERN.replace(/[\\^$[\]{}]/g, '\\$&')}`),
  },
  {
    rule: 'flag key at most 64 characters',
    mutate: (d) => (d.flags[`a${'b'.repeat(64)}`] = {}),
    path: `flags.a${'b'.repeat(64)}`,
    message: /flag key must match/,
  },
  {
    rule: 'values key follows the key rule',
    mutate: (d) => (d.values['dark mode'] = { enabled: true }),
    path: 'values.dark mode',
    message: /flag key must match/,
  },
  {
    rule: 'attribute key follows the key rule',
    mutate: (d) => (d.flags.darkMode.attributes = { Shade: {} }),
    path: 'flags.darkMode.attributes.Shade',
    message: /attribute key must match/,
  },
  {
    rule: 'attribute value key follows the key rule',
    mutate: (d) => (d.values.darkMode['9lives'] = 1),
    path: 'values.darkMode.9lives',
    message: /attribute key must match/,
  },
  {
    rule: 'at most 25 attributes per flag',
    mutate: (d) =>
      (d.flags.darkMode.attributes = Object.fromEntries(
        Array.from({ length: 26 }, (_, i) => [`a${i}`, {}]),
      )),
    path: 'flags.darkMode.attributes',
    message: /at most 25 attributes/,
  },
  {
    rule: 'at most 25 attribute values per flag',
    mutate: (d) =>
      Object.assign(
        d.values.darkMode,
        Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`a${i}`, i])),
      ),
    path: 'values.darkMode',
    message: /at most 25 attribute values/,
  },
  {
    rule: 'name has no line break',
    mutate: (d) => (d.flags.darkMode.name = 'a\nb'),
    path: 'flags.darkMode.name',
    message: /1 to 64 characters with no line break/,
  },
  {
    rule: 'name at most 64 characters',
    mutate: (d) => (d.flags.darkMode.name = 'n'.repeat(65)),
    path: 'flags.darkMode.name',
    message: /1 to 64 characters/,
  },
  {
    rule: 'name not empty',
    mutate: (d) => (d.flags.darkMode.name = ''),
    path: 'flags.darkMode.name',
    message: /1 to 64 characters/,
  },
  {
    rule: 'description at most 1024',
    mutate: (d) => (d.flags.darkMode.description = 'd'.repeat(1025)),
    path: 'flags.darkMode.description',
    message: /at most 1024 characters/,
  },
  {
    rule: 'attribute description at most 1024',
    mutate: (d) => (d.flags.checkoutV2.attributes.color.description = 'd'.repeat(1025)),
    path: 'flags.checkoutV2.attributes.color.description',
    message: /at most 1024/,
  },
  {
    rule: 'no extra key in a flag definition',
    mutate: (d) => (d.flags.darkMode.enabled = true),
    path: 'flags.darkMode.enabled',
    message: /additionalProperties: false/,
  },
  {
    rule: '_deprecation.status is "planned"',
    mutate: (d) => (d.flags.checkoutV2._deprecation.status = 'now'),
    path: 'flags.checkoutV2._deprecation.status',
    message: /must be "planned"/,
  },
  {
    rule: '_deprecation.date is a date',
    mutate: (d) => (d.flags.checkoutV2._deprecation.date = 'soon'),
    path: 'flags.checkoutV2._deprecation.date',
    message: /YYYY-MM-DD/,
  },
  {
    rule: 'enabled is required',
    mutate: (d) => delete d.values.darkMode.enabled,
    path: 'values.darkMode.enabled',
    message: /enabled is required/,
  },
  {
    rule: 'enabled is a boolean',
    mutate: (d) => (d.values.darkMode.enabled = 'yes'),
    path: 'values.darkMode.enabled',
    message: /true or false/,
  },
  {
    rule: 'attribute value not an object',
    mutate: (d) => (d.values.darkMode.shade = { a: 1 }),
    path: 'values.darkMode.shade',
    message: /a string \(at most 1024 characters\), a number, a boolean, or an array/,
  },
  {
    rule: 'attribute value not null',
    mutate: (d) => (d.values.darkMode.shade = null),
    path: 'values.darkMode.shade',
    message: /an attribute value must be/,
  },
  {
    rule: 'string value at most 1024',
    mutate: (d) => (d.values.darkMode.shade = 's'.repeat(1025)),
    path: 'values.darkMode.shade',
    message: /at most 1024 characters; it has 1025/,
  },
  {
    rule: 'array not mixed',
    mutate: (d) => (d.values.darkMode.shade = ['a', 1]),
    path: 'values.darkMode.shade',
    message: /only strings or only numbers/,
  },
  {
    rule: 'array of strings each at most 1024',
    mutate: (d) => (d.values.darkMode.shade = ['ok', 's'.repeat(1025)]),
    path: 'values.darkMode.shade',
    message: /^\[1\]: .*at most 1024/,
  },
  {
    rule: 'number minimum is an integer',
    mutate: (d) => (d.flags.checkoutV2.attributes.maxItems.constraints.minimum = 1.5),
    path: 'flags.checkoutV2.attributes.maxItems.constraints.minimum',
    message: /minimum must be an integer/,
  },
  {
    rule: 'pattern XOR enum',
    mutate: (d) => (d.flags.checkoutV2.attributes.color.constraints.enum = ['blue']),
    path: 'flags.checkoutV2.attributes.color.constraints.enum',
    message: /either pattern or enum, not both/,
  },
  {
    rule: 'enum at most 100 items',
    mutate: (d) =>
      (d.flags.checkoutV2.attributes.tier.constraints.enum = Array.from(
        { length: 101 },
        (_, i) => `t${i}`,
      )),
    path: 'flags.checkoutV2.attributes.tier.constraints.enum',
    message: /at most 100 items/,
  },
  {
    rule: 'pattern at most 1024',
    mutate: (d) => (d.flags.checkoutV2.attributes.color.constraints.pattern = 'p'.repeat(1025)),
    path: 'flags.checkoutV2.attributes.color.constraints.pattern',
    message: /at most 1024/,
  },
  {
    rule: 'constraint type known',
    mutate: (d) => (d.flags.checkoutV2.attributes.color.constraints = { type: 'date' }),
    path: 'flags.checkoutV2.attributes.color.constraints.type',
    message: /"number", "string", "array" or "boolean"/,
  },
  {
    rule: 'no extra key in constraints',
    mutate: (d) => (d.flags.checkoutV2.attributes.express.constraints.default = true),
    path: 'flags.checkoutV2.attributes.express.constraints.default',
    message: /additionalProperties: false/,
  },
  {
    rule: 'array elements are number or string',
    mutate: (d) => (d.flags.checkoutV2.attributes.users.constraints.elements = { type: 'boolean' }),
    path: 'flags.checkoutV2.attributes.users.constraints.elements.type',
    message: /"number" or "string"/,
  },
  {
    rule: 'value at or above minimum',
    mutate: (d) => (d.values.checkoutV2.maxItems = 0),
    path: 'values.checkoutV2.maxItems',
    message:
      /0 is below the minimum 1 \(flags\.checkoutV2\.attributes\.maxItems\.constraints\.minimum\)/,
  },
  {
    rule: 'value at or below maximum',
    mutate: (d) => (d.values.checkoutV2.maxItems = 101),
    path: 'values.checkoutV2.maxItems',
    message: /101 is above the maximum 100/,
  },
  {
    rule: 'required value present',
    mutate: (d) => delete d.values.checkoutV2.maxItems,
    path: 'values.checkoutV2.maxItems',
    message: /is required by flags\.checkoutV2\.attributes\.maxItems\.constraints\.required/,
  },
  {
    rule: 'number constraint wants a number',
    mutate: (d) => (d.values.checkoutV2.maxItems = '25'),
    path: 'values.checkoutV2.maxItems',
    message: /must be a number/,
  },
  {
    rule: 'string matches pattern',
    mutate: (d) => (d.values.checkoutV2.color = 'Blue'),
    path: 'values.checkoutV2.color',
    message: /"Blue" does not match .*pattern \^\[a-z\]\+\$/,
  },
  {
    rule: 'string in enum',
    mutate: (d) => (d.values.checkoutV2.tier = 'bronze'),
    path: 'values.checkoutV2.tier',
    message: /"bronze" is not one of .*enum/,
  },
  {
    rule: 'array elements match',
    mutate: (d) => (d.values.checkoutV2.users = ['u1', 'x2']),
    path: 'values.checkoutV2.users',
    message: /^\[1\] "x2" does not match/,
  },
  {
    rule: 'array number elements bounded',
    mutate: (d) => (d.values.checkoutV2.scores = [11]),
    path: 'values.checkoutV2.scores',
    message: /^\[0\] 11 is above the maximum 10/,
  },
  {
    rule: 'array constraint wants an array',
    mutate: (d) => (d.values.checkoutV2.users = 'u1'),
    path: 'values.checkoutV2.users',
    message: /must be an array/,
  },
  {
    rule: 'boolean constraint wants a boolean',
    mutate: (d) => (d.values.checkoutV2.express = 'no'),
    path: 'values.checkoutV2.express',
    message: /must be a boolean/,
  },
  {
    rule: 'pattern is a valid regular expression',
    mutate: (d) => (d.flags.checkoutV2.attributes.color.constraints.pattern = '(['),
    path: 'flags.checkoutV2.attributes.color.constraints.pattern',
    message: /not a valid regular expression/,
  },
];

describe('feature-flag validation', () => {
  it('accepts a good stored document', () => {
    expect(validateFeatureFlags(goodDoc())).toEqual([]);
  });

  it.each(cases)('$rule', ({ mutate, path, message }) => {
    const doc = goodDoc();
    mutate(doc);
    let error: unknown;
    try {
      parseFeatureFlags(doc);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FeatureFlagValidationError);
    const refused = error as FeatureFlagValidationError;
    expect(refused.name).toBe('FeatureFlagValidationError');
    const issue = refused.issues.find((i) => i.path === path);
    expect(issue, `issues: ${JSON.stringify(refused.issues)}`).toBeDefined();
    expect(issue!.message).toMatch(message);
    expect(refused.message).toContain(`${path}: `);
  });

  it('does not cap the number of flags (the current schema dropped maxProperties 100)', () => {
    const doc = {
      version: '1',
      flags: Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, {}])),
    };
    expect(validateFeatureFlags(doc)).toEqual([]);
  });

  it('accepts only version (the one required member)', () => {
    expect(validateFeatureFlags({ version: '1' })).toEqual([]);
  });

  it('refuses a document that is not an object', () => {
    expect(validateFeatureFlags([])[0]).toMatchObject({ path: '(root)' });
    expect(validateFeatureFlags('x')[0]?.message).toMatch(/JSON object/);
  });

  it('recognises stored documents', () => {
    expect(isFeatureFlagDocument(goodDoc())).toBe(true);
    expect(isFeatureFlagDocument({ version: '1' })).toBe(false);
    expect(isFeatureFlagDocument({ version: 1, flags: {} })).toBe(false);
    expect(isFeatureFlagDocument([])).toBe(false);
  });
});
