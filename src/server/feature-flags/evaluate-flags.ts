/**
 * `evaluateFlags(document, context)`: the retrieval-format map a caller with `context` gets, as the
 * AppConfig Agent serves it: each multi-variant flag is the first variant whose rule matches (else
 * the default, the last one) with its name in `_variant`; basic flags are served as usual.
 * Runtime-neutral, so a proxy or a Worker can call it per request.
 */
import { evaluateRule } from '../rules/evaluate-rule.js';
import { parseRule } from '../rules/parse-rule.js';
import type { RuleContext, RuleExpression } from '../rules/rule-types.js';
import { isMultiVariant } from './check-flag-values.js';
import { parseFeatureFlags } from './parse-feature-flags.js';
import { servedFlag, toRetrievalFormat } from './to-retrieval-format.js';
import type {
  RetrievedFeatureFlag,
  RetrievedFeatureFlags,
  StoredFeatureFlags,
} from './feature-flag-types.js';

interface CompiledVariant {
  rule: RuleExpression | undefined;
  flag: RetrievedFeatureFlag;
}

type CompiledFlag =
  { kind: 'basic'; flag: RetrievedFeatureFlag } | { kind: 'variants'; variants: CompiledVariant[] };

// Parsing is the expensive part; a document is compiled once however often it is evaluated.
const compiled = new WeakMap<object, ReadonlyMap<string, CompiledFlag>>();

/**
 * Evaluates a STORED feature-flag document for one caller. An empty context selects every
 * multi-variant flag's default variant (still with `_variant`, as the Agent answers a request
 * without `Context` headers).
 * @param document - The stored document `{ version: "1", flags, values }`, validated on first use.
 * @param context - The caller's context (see `checkRuleContext` for the limits a server should apply).
 * @returns A fresh map `{ key: { _variant?, enabled, ...attributes } }`.
 * The document is compiled once and cached by identity: treat it as immutable (deploy a new object).
 * @throws FeatureFlagValidationError when `document` is not a valid feature-flag document.
 */
export function evaluateFlags(
  document: StoredFeatureFlags,
  context: RuleContext = {},
): RetrievedFeatureFlags {
  const flags = compile(document);
  const out: RetrievedFeatureFlags = {};
  for (const [key, entry] of flags) {
    if (entry.kind === 'basic') {
      out[key] = { ...entry.flag };
      continue;
    }
    const chosen =
      entry.variants.find(
        ({ rule }) => rule === undefined || evaluateRule(rule, context, { flagKey: key }),
      ) ?? entry.variants[entry.variants.length - 1]!;
    out[key] = { ...chosen.flag };
  }
  return out;
}

/** Whether a stored document has at least one multi-variant flag. */
export function hasVariants(document: StoredFeatureFlags): boolean {
  return Object.values(document.values ?? {}).some(isMultiVariant);
}

function compile(document: StoredFeatureFlags): ReadonlyMap<string, CompiledFlag> {
  const cached = compiled.get(document);
  if (cached) return cached;
  parseFeatureFlags(document);
  const basic = toRetrievalFormat(document);
  const flags = new Map<string, CompiledFlag>();
  for (const [key, flag] of Object.entries(basic)) {
    const value = document.values?.[key];
    if (!isMultiVariant(value)) {
      flags.set(key, { kind: 'basic', flag });
      continue;
    }
    flags.set(key, {
      kind: 'variants',
      variants: value._variants.map((variant) => ({
        rule: variant.rule === undefined ? undefined : parseRule(variant.rule),
        flag: servedFlag(variant.enabled, variant.attributeValues ?? {}, variant.name),
      })),
    });
  }
  compiled.set(document, flags);
  return flags;
}
