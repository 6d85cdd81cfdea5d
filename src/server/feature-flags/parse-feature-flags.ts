import type { z } from 'zod';
import type { StoredFeatureFlags } from './feature-flag-types.js';
import { storedFeatureFlagsSchema } from './feature-flag-schema.js';
import { checkAttributeConstraints, checkFlagValueShapes } from './check-flag-values.js';
import { checkVariants } from './check-variants.js';
import {
  FeatureFlagValidationError,
  formatIssuePath,
  type FeatureFlagIssue,
} from './feature-flag-validation-error.js';

/**
 * Every reason AppConfig would refuse `input` as an `AWS.AppConfig.FeatureFlags` stored document;
 * empty when it is valid. Schema problems are reported first; then value shapes and multi-variant
 * rules (default last, rules that parse, unique names); constraints only on a document that
 * passed both.
 */
export function validateFeatureFlags(input: unknown): FeatureFlagIssue[] {
  const parsed = storedFeatureFlagsSchema.safeParse(input);
  if (!parsed.success) return parsed.error.issues.flatMap(toIssues);
  const doc = parsed.data as StoredFeatureFlags;
  const shapes = [...checkFlagValueShapes(doc), ...checkVariants(doc)];
  return shapes.length > 0 ? shapes : checkAttributeConstraints(doc);
}

/**
 * Validates a stored feature-flag document and returns it typed.
 * @throws FeatureFlagValidationError naming each field at fault and the limit it broke.
 */
export function parseFeatureFlags(input: unknown): StoredFeatureFlags {
  const issues = validateFeatureFlags(input);
  if (issues.length > 0) throw new FeatureFlagValidationError(issues);
  return input as StoredFeatureFlags;
}

/**
 * True when `value` looks like a stored feature-flag document: an object whose `version` is "1"
 * and whose `flags` is an object. Used to recognise feature-flag files in a data folder.
 */
export function isFeatureFlagDocument(value: unknown): boolean {
  if (!isObject(value)) return false;
  return value.version === '1' && isObject(value.flags);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// zod nests a bad record key inside an `invalid_key` issue and lists unknown keys together;
// flatten both so that each issue names one field.
function toIssues(issue: z.core.$ZodIssue): FeatureFlagIssue[] {
  const path = formatIssuePath(issue.path);
  if (issue.code === 'invalid_key') {
    return [{ path, message: issue.issues[0]?.message ?? issue.message }];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatIssuePath([...issue.path, key]),
      message: 'is not allowed here (the schema sets additionalProperties: false)',
    }));
  }
  return [{ path, message: issue.message }];
}
