import type {
  FeatureFlagAttributeValue,
  RetrievedFeatureFlags,
  StoredFeatureFlags,
} from './feature-flag-types.js';
import { FLAG_VALUE_MEMBERS } from './feature-flag-schema.js';

const members: ReadonlySet<string> = new Set(FLAG_VALUE_MEMBERS);

/**
 * The map GetLatestConfiguration serves for a feature-flag profile: `{ key: { enabled, ...attrs } }`.
 * `version`, definitions and `_`-prefixed metadata are dropped.
 *
 * Assumptions (the user guide is terse):
 * - A disabled flag is served as only `{ "enabled": false }`: the guide says attributes are present
 *   "if a flag sets enabled to true", and its sample shows a disabled flag with nothing else.
 * - Every key of `flags` or `values` is served; a defined flag without a value is disabled.
 */
export function toRetrievalFormat(doc: StoredFeatureFlags): RetrievedFeatureFlags {
  const keys = new Set([...Object.keys(doc.flags ?? {}), ...Object.keys(doc.values ?? {})]);
  const out: RetrievedFeatureFlags = {};
  for (const key of keys) {
    const value = doc.values?.[key];
    if (value?.enabled !== true) {
      out[key] = { enabled: false };
      continue;
    }
    const flag: Record<string, FeatureFlagAttributeValue> = { enabled: true };
    for (const [name, attribute] of Object.entries(value)) {
      if (!members.has(name) && attribute !== undefined) flag[name] = attribute;
    }
    out[key] = flag as RetrievedFeatureFlags[string];
  }
  return out;
}
