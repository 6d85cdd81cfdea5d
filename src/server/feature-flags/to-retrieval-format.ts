import type {
  FeatureFlagAttributeValue,
  RetrievedFeatureFlag,
  RetrievedFeatureFlags,
  StoredFeatureFlags,
} from './feature-flag-types.js';
import { FLAG_VALUE_MEMBERS } from './feature-flag-schema.js';
import { isMultiVariant } from './check-flag-values.js';

const members: ReadonlySet<string> = new Set(FLAG_VALUE_MEMBERS);

/**
 * The map GetLatestConfiguration serves for a feature-flag profile: `{ key: { enabled, ...attrs } }`.
 * `version`, definitions and `_`-prefixed metadata are dropped.
 *
 * Assumptions (the user guide is terse):
 * - A disabled flag is served as only `{ "enabled": false }`: the guide says attributes are present
 *   "if a flag sets enabled to true", and its sample shows a disabled flag with nothing else.
 * - Every key of `flags` or `values` is served; a defined flag without a value is disabled.
 * - A multi-variant flag is served as its default (last) variant, without `_variant`: AWS says SDK
 *   and CLI callers "don't retrieve variant data" (what the live service sends them instead is
 *   UNVERIFIED; see docs/variants.md). `evaluateFlags` picks variants for a context.
 */
export function toRetrievalFormat(doc: StoredFeatureFlags): RetrievedFeatureFlags {
  const keys = new Set([...Object.keys(doc.flags ?? {}), ...Object.keys(doc.values ?? {})]);
  const out: RetrievedFeatureFlags = {};
  for (const key of keys) {
    const value = doc.values?.[key];
    if (isMultiVariant(value)) {
      const fallback = value._variants[value._variants.length - 1]!;
      out[key] = servedFlag(fallback.enabled, fallback.attributeValues ?? {});
    } else {
      out[key] = servedFlag(value?.enabled === true, value ?? {});
    }
  }
  return out;
}

/**
 * One served flag: `{ enabled }`, plus the attribute values when enabled, plus `_variant` first
 * when given. Members of a flag value (`enabled`, `_createdAt`…) are never copied as attributes.
 */
export function servedFlag(
  enabled: boolean,
  values: Readonly<Record<string, unknown>>,
  variant?: string,
): RetrievedFeatureFlag {
  const flag: Record<string, FeatureFlagAttributeValue | boolean | string> = {};
  if (variant !== undefined) flag._variant = variant;
  flag.enabled = enabled;
  if (!enabled) return flag as RetrievedFeatureFlag;
  for (const [name, attribute] of Object.entries(values)) {
    if (!members.has(name) && attribute !== undefined) {
      flag[name] = attribute as FeatureFlagAttributeValue;
    }
  }
  return flag as RetrievedFeatureFlag;
}
