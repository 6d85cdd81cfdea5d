/**
 * Checks that run after the schema passed: the shape of each attribute value, and each value
 * against its attribute's constraints (AppConfig checks both when a version is created).
 */
import type { FeatureFlagIssue } from './feature-flag-validation-error.js';
import type {
  AttributeConstraints,
  FeatureFlagValue,
  MultiVariantFlagValue,
  NumberConstraints,
  StoredFeatureFlags,
  StringConstraints,
} from './feature-flag-types.js';
import {
  FLAG_KEY_PATTERN,
  FLAG_VALUE_MEMBERS,
  MAX_ATTRIBUTES_PER_FLAG,
  MAX_TEXT_LENGTH,
} from './feature-flag-schema.js';

const members: ReadonlySet<string> = new Set(FLAG_VALUE_MEMBERS);
const valueKinds =
  `a string (at most ${MAX_TEXT_LENGTH} characters), a number, a boolean, ` +
  'or an array of only strings or only numbers';

/** Problems with the attribute values in `values`, ignoring constraints. */
export function checkFlagValueShapes(doc: StoredFeatureFlags): FeatureFlagIssue[] {
  const issues: FeatureFlagIssue[] = [];
  for (const [flag, value] of Object.entries(doc.values ?? {})) {
    if (isMultiVariant(value)) continue; // check-variants.ts checks those
    const attributes = Object.keys(value).filter((key) => !members.has(key));
    if (attributes.length > MAX_ATTRIBUTES_PER_FLAG) {
      issues.push({
        path: `values.${flag}`,
        message: `a flag value may hold at most ${MAX_ATTRIBUTES_PER_FLAG} attribute values; it has ${attributes.length}`,
      });
    }
    for (const attribute of attributes) {
      const path = `values.${flag}.${attribute}`;
      if (!FLAG_KEY_PATTERN.test(attribute)) {
        issues.push({ path, message: `attribute key must match ${FLAG_KEY_PATTERN.source}` });
        continue;
      }
      const problem = attributeValueProblem(value[attribute]);
      if (problem) issues.push({ path, message: problem });
    }
  }
  return issues;
}

/** Whether a stored flag value is a multi-variant one. */
export function isMultiVariant(
  value: FeatureFlagValue | MultiVariantFlagValue | undefined,
): value is MultiVariantFlagValue {
  return value !== undefined && Array.isArray((value as MultiVariantFlagValue)._variants);
}

/** Why `value` cannot be an attribute value, or undefined when it can. */
export function attributeValueProblem(value: unknown): string | undefined {
  if (typeof value === 'string') return stringLengthProblem(value);
  if (typeof value === 'number' || typeof value === 'boolean') return undefined;
  if (!Array.isArray(value)) return `an attribute value must be ${valueKinds}`;
  // An empty array is accepted: it holds neither a string nor a number, so neither kind is mixed.
  if (value.every((item) => typeof item === 'number')) return undefined;
  if (!value.every((item) => typeof item === 'string')) {
    return 'an array attribute value must hold only strings or only numbers';
  }
  const index = value.findIndex((item: string) => item.length > MAX_TEXT_LENGTH);
  return index < 0 ? undefined : `[${index}]: ${stringLengthProblem(value[index] as string)}`;
}

function stringLengthProblem(value: string): string | undefined {
  return value.length > MAX_TEXT_LENGTH
    ? `a string value may have at most ${MAX_TEXT_LENGTH} characters; it has ${value.length}`
    : undefined;
}

/** Problems with values that break their attribute's constraints (and invalid patterns). */
export function checkAttributeConstraints(doc: StoredFeatureFlags): FeatureFlagIssue[] {
  const issues: FeatureFlagIssue[] = [];
  for (const [flag, definition] of Object.entries(doc.flags ?? {})) {
    for (const [attribute, { constraints }] of Object.entries(definition.attributes ?? {})) {
      if (!constraints) continue;
      const where = `flags.${flag}.attributes.${attribute}.constraints`;
      const pattern = compilePatterns(constraints, where, issues);
      for (const { values, path } of valueTargets(doc, flag)) {
        const value = values?.[attribute];
        if (value === undefined) {
          if (constraints.required) {
            issues.push({
              path: `${path}.${attribute}`,
              message: `is required by ${where}.required`,
            });
          }
          continue;
        }
        const problem = constraintProblem(constraints, value, where, pattern);
        if (problem) issues.push({ path: `${path}.${attribute}`, message: problem });
      }
    }
  }
  return issues;
}

/**
 * Where a flag's attribute values live: the flag value itself, or each variant's
 * `attributeValues` (a `required` attribute is required in every variant).
 */
function valueTargets(
  doc: StoredFeatureFlags,
  flag: string,
): Array<{ values: Record<string, unknown> | undefined; path: string }> {
  const value = doc.values?.[flag];
  if (!isMultiVariant(value)) return [{ values: value, path: `values.${flag}` }];
  return value._variants.map((variant, index) => ({
    values: variant.attributeValues ?? {},
    path: `values.${flag}._variants[${index}].attributeValues`,
  }));
}

type Patterns = { own?: RegExp; elements?: RegExp };

function compilePatterns(c: AttributeConstraints, where: string, issues: FeatureFlagIssue[]) {
  const patterns: Patterns = {};
  const compile = (source: string | undefined, path: string) => {
    if (source === undefined) return undefined;
    try {
      return new RegExp(source);
    } catch (error) {
      issues.push({
        path,
        message: `is not a valid regular expression: ${(error as Error).message}`,
      });
      return undefined;
    }
  };
  if (c.type === 'string') patterns.own = compile(c.pattern, `${where}.pattern`);
  if (c.type === 'array' && c.elements?.type === 'string') {
    patterns.elements = compile(c.elements.pattern, `${where}.elements.pattern`);
  }
  return patterns;
}

function constraintProblem(
  c: AttributeConstraints,
  value: unknown,
  where: string,
  patterns: Patterns,
): string | undefined {
  switch (c.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be a boolean (${where}.type)`;
    case 'number':
      return numberProblem(c, value, where);
    case 'string':
      return stringProblem(c, value, where, patterns.own);
    case 'array': {
      if (!Array.isArray(value)) return `must be an array (${where}.type)`;
      const elements = c.elements;
      if (!elements) return undefined;
      for (const [index, item] of value.entries()) {
        const problem =
          elements.type === 'number'
            ? numberProblem(elements, item, `${where}.elements`)
            : stringProblem(elements, item, `${where}.elements`, patterns.elements);
        if (problem) return `[${index}] ${problem}`;
      }
      return undefined;
    }
  }
}

function numberProblem(c: NumberConstraints, value: unknown, where: string): string | undefined {
  if (typeof value !== 'number') return `must be a number (${where}.type)`;
  if (c.minimum !== undefined && value < c.minimum) {
    return `${value} is below the minimum ${c.minimum} (${where}.minimum)`;
  }
  if (c.maximum !== undefined && value > c.maximum) {
    return `${value} is above the maximum ${c.maximum} (${where}.maximum)`;
  }
  return undefined;
}

function stringProblem(
  c: StringConstraints,
  value: unknown,
  where: string,
  pattern: RegExp | undefined,
): string | undefined {
  if (typeof value !== 'string') return `must be a string (${where}.type)`;
  if (pattern && !pattern.test(value)) {
    return `${JSON.stringify(value)} does not match ${where}.pattern ${c.pattern}`;
  }
  if (c.enum && !c.enum.some((item) => String(item) === value)) {
    return `${JSON.stringify(value)} is not one of ${where}.enum ${JSON.stringify(c.enum)}`;
  }
  return undefined;
}
