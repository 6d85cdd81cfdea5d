/**
 * The `AWS.AppConfig.FeatureFlags` JSON schema (draft-07, current user guide) as zod schemas, with
 * messages that name the field and the limit. Attribute constraints are checked against the values
 * separately (check-attribute-constraints.ts), as AppConfig does after the schema passes.
 */
import { z } from 'zod';

/** Flag and attribute keys: a lowercase letter, then up to 63 letters, digits, `_` or `-`. */
export const FLAG_KEY_PATTERN = /^[a-z][a-zA-Z\d_-]{0,63}$/;
/** A flag's display `name`: 1 to 64 characters, no line break. */
export const FLAG_NAME_PATTERN = /^[^\n]{1,64}$/;
/** Attributes a flag may define (`maxProperties` of `attributeDefinitions`). */
export const MAX_ATTRIBUTES_PER_FLAG = 25;
/** Characters in a description, a string attribute value, or a string constraint's pattern. */
export const MAX_TEXT_LENGTH = 1024;
/** Items in a string constraint's `enum`. */
export const MAX_ENUM_ITEMS = 100;

// The schema's draft-07 `maxProperties: 100` on `flags` was in the 2023 guide; the current guide
// dropped it, so the number of flags is not limited here.

const keyRule = `must match ${FLAG_KEY_PATTERN.source} (a lowercase letter, then at most 63 letters, digits, '_' or '-')`;

/** A record whose keys follow the flag-key rule. */
function keyedRecord<T extends z.ZodType>(what: string, value: T) {
  return z.record(z.string().regex(FLAG_KEY_PATTERN, { error: `${what} key ${keyRule}` }), value);
}

const description = z
  .string({ error: 'description must be a string' })
  .max(MAX_TEXT_LENGTH, { error: `description must be at most ${MAX_TEXT_LENGTH} characters` });

const timestamp = z.string({ error: 'must be a string (a timestamp)' });
const required = z.boolean({ error: 'required must be true or false' });
const integer = (field: string) =>
  z.number({ error: `${field} must be an integer` }).int({ error: `${field} must be an integer` });

const numberConstraints = z.strictObject({
  type: z.literal('number'),
  required: required.optional(),
  minimum: integer('minimum').optional(),
  maximum: integer('maximum').optional(),
});

const stringConstraints = z
  .strictObject({
    type: z.literal('string'),
    required: required.optional(),
    pattern: z
      .string({ error: 'pattern must be a string' })
      .max(MAX_TEXT_LENGTH, { error: `pattern must be at most ${MAX_TEXT_LENGTH} characters` })
      .optional(),
    enum: z
      .array(
        z.union([z.string().max(MAX_TEXT_LENGTH), z.number().int()], {
          error: `enum items must be strings of at most ${MAX_TEXT_LENGTH} characters or integers`,
        }),
        { error: 'enum must be an array' },
      )
      .max(MAX_ENUM_ITEMS, { error: `enum must have at most ${MAX_ENUM_ITEMS} items` })
      .optional(),
  })
  .refine((c) => c.pattern === undefined || c.enum === undefined, {
    error: 'string constraints take either pattern or enum, not both',
    path: ['enum'],
  });

const elementConstraints = z.discriminatedUnion('type', [numberConstraints, stringConstraints], {
  error: 'type of array elements must be "number" or "string"',
});

const constraints = z.discriminatedUnion(
  'type',
  [
    numberConstraints,
    stringConstraints,
    z.strictObject({
      type: z.literal('array'),
      required: required.optional(),
      elements: elementConstraints.optional(),
    }),
    z.strictObject({ type: z.literal('boolean'), required: required.optional() }),
  ],
  { error: 'type must be one of "number", "string", "array" or "boolean"' },
);

const attributeDefinition = z.strictObject(
  { description: description.optional(), constraints: constraints.optional() },
  { error: 'an attribute definition must be an object' },
);

const flagDefinition = z.strictObject(
  {
    name: z
      .string({ error: 'name must be a string' })
      .regex(FLAG_NAME_PATTERN, { error: 'name must be 1 to 64 characters with no line break' })
      .optional(),
    description: description.optional(),
    _createdAt: timestamp.optional(),
    _updatedAt: timestamp.optional(),
    _deprecation: z
      .strictObject({
        status: z.literal('planned', { error: '_deprecation.status must be "planned"' }).optional(),
        date: z.iso.date({ error: '_deprecation.date must be a date (YYYY-MM-DD)' }).optional(),
      })
      .optional(),
    attributes: keyedRecord('attribute', attributeDefinition)
      .refine((attributes) => Object.keys(attributes).length <= MAX_ATTRIBUTES_PER_FLAG, {
        error: `a flag may define at most ${MAX_ATTRIBUTES_PER_FLAG} attributes`,
      })
      .optional(),
  },
  { error: 'a flag definition must be an object' },
);

/** Known members of a flag value; every other key is an attribute value. */
export const FLAG_VALUE_MEMBERS = ['enabled', '_createdAt', '_updatedAt', '_variants'] as const;

const members: ReadonlySet<string> = new Set(FLAG_VALUE_MEMBERS);

/** One variant; rules, names and attribute values are checked by check-variants.ts. */
const variant = z.strictObject(
  {
    name: z
      .string({
        error: (issue) =>
          issue.input === undefined ? 'name is required' : 'name must be a string',
      })
      .regex(FLAG_NAME_PATTERN, {
        error: 'a variant name must be 1 to 64 characters with no line break',
      }),
    enabled: z.boolean({
      error: (issue) =>
        issue.input === undefined
          ? 'enabled is required: every variant needs "enabled": true or false'
          : 'enabled must be true or false',
    }),
    rule: z
      .string({ error: 'rule must be a string (an expression such as (eq $plan "pro"))' })
      .optional(),
    attributeValues: keyedRecord('attribute', z.unknown())
      .refine((values) => Object.keys(values).length <= MAX_ATTRIBUTES_PER_FLAG, {
        error: `a variant may hold at most ${MAX_ATTRIBUTES_PER_FLAG} attribute values`,
      })
      .optional(),
    _createdAt: timestamp.optional(),
    _updatedAt: timestamp.optional(),
  },
  { error: 'a variant must be an object {name, enabled, rule, attributeValues}' },
);

const variants = z
  .array(variant, { error: '_variants must be an array of variants, the default last' })
  .min(1, {
    error: '_variants must hold at least the default variant (the last one, with no rule)',
  });

const flagValue = z
  .looseObject(
    {
      enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
      _createdAt: timestamp.optional(),
      _updatedAt: timestamp.optional(),
      _variants: variants.optional(),
    },
    { error: 'a flag value must be an object' },
  )
  .superRefine((value, ctx) => {
    if (value._variants === undefined) {
      if (value.enabled === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['enabled'],
          message:
            'enabled is required: every flag value needs "enabled": true or false (or "_variants" for a multi-variant flag)',
        });
      }
      return;
    }
    for (const key of Object.keys(value)) {
      if (members.has(key)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message:
          "is not allowed next to _variants: a multi-variant flag keeps attribute values in each variant's attributeValues",
      });
    }
  });

/** The stored document. Attribute VALUES are checked by checkFlagValueShapes and constraints. */
export const storedFeatureFlagsSchema = z.strictObject(
  {
    version: z.literal('1', {
      error: (issue) =>
        issue.input === undefined
          ? 'version is required and must be the string "1"'
          : 'version must be the string "1" (the only AWS.AppConfig.FeatureFlags schema version)',
    }),
    flags: keyedRecord('flag', flagDefinition).optional(),
    values: keyedRecord('flag', flagValue).optional(),
  },
  { error: 'a feature flag document must be a JSON object' },
);
