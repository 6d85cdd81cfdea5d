/**
 * Checks of multi-variant flag values that run after the schema passed, as AppConfig makes them
 * when a version is created: the default variant is last and has no rule, every other variant has
 * a rule that parses, names are unique within the flag, and attribute values have a valid shape
 * (their constraints are checked with the basic flags' in check-flag-values.ts).
 */
import { parseRule } from '../rules/parse-rule.js';
import { RuleSyntaxError } from '../rules/rule-syntax-error.js';
import { FLAG_KEY_PATTERN } from './feature-flag-schema.js';
import { attributeValueProblem, isMultiVariant } from './check-flag-values.js';
import type { FeatureFlagIssue } from './feature-flag-validation-error.js';
import type { StoredFeatureFlags } from './feature-flag-types.js';

/** Problems with the `_variants` of every multi-variant flag in `doc`. */
export function checkVariants(doc: StoredFeatureFlags): FeatureFlagIssue[] {
  const issues: FeatureFlagIssue[] = [];
  for (const [flag, value] of Object.entries(doc.values ?? {})) {
    if (!isMultiVariant(value)) continue;
    const seen = new Map<string, number>();
    const last = value._variants.length - 1;
    value._variants.forEach((variant, index) => {
      const path = `values.${flag}._variants[${index}]`;
      const earlier = seen.get(variant.name);
      if (earlier === undefined) seen.set(variant.name, index);
      else {
        issues.push({
          path: `${path}.name`,
          message: `variant name ${JSON.stringify(variant.name)} is already used by _variants[${earlier}]; names are unique within a flag`,
        });
      }
      if (index === last && variant.rule !== undefined) {
        issues.push({
          path: `${path}.rule`,
          message:
            'the last variant is the default and must not have a rule (put the default variant last, without a rule)',
        });
      } else if (index < last && variant.rule === undefined) {
        issues.push({
          path: `${path}.rule`,
          message: `is required: only the last variant (the default) has no rule; ${JSON.stringify(variant.name)} needs one or must move last`,
        });
      } else if (variant.rule !== undefined) {
        const problem = ruleProblem(variant.rule);
        if (problem) issues.push({ path: `${path}.rule`, message: problem });
      }
      for (const [attribute, attributeValue] of Object.entries(variant.attributeValues ?? {})) {
        const where = `${path}.attributeValues.${attribute}`;
        if (!FLAG_KEY_PATTERN.test(attribute)) {
          issues.push({
            path: where,
            message: `attribute key must match ${FLAG_KEY_PATTERN.source}`,
          });
          continue;
        }
        const problem = attributeValueProblem(attributeValue);
        if (problem) issues.push({ path: where, message: problem });
      }
    });
  }
  return issues;
}

function ruleProblem(rule: string): string | undefined {
  try {
    parseRule(rule);
    return undefined;
  } catch (error) {
    if (!(error instanceof RuleSyntaxError)) throw error;
    return `is not a valid rule: at position ${error.position}: ${error.reason}`;
  }
}
