/**
 * AppConfig feature flags in their retrieval format, the shape GetLatestConfiguration returns for
 * an `AWS.AppConfig.FeatureFlags` profile: `{ "<key>": { "enabled": bool, "<attribute>": value } }`.
 */

/** An attribute value: AppConfig allows strings, numbers, booleans and arrays of strings or numbers. */
export type FlagAttributeValue = string | number | boolean | string[] | number[];

/**
 * One flag as served: `enabled` plus its attribute values (only present while enabled), and for a
 * multi-variant flag evaluated with a context, `_variant`: the name of the variant it took.
 */
export interface FeatureFlag {
  enabled: boolean;
  _variant?: string;
  [attribute: string]: FlagAttributeValue | undefined;
}

/** A feature-flag profile as served. */
export type FeatureFlags = Record<string, FeatureFlag>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the value has the retrieval format: every member is an object with a boolean `enabled`. */
export function isFeatureFlags(value: unknown): value is FeatureFlags {
  if (!isRecord(value)) return false;
  return Object.values(value).every((flag) => isRecord(flag) && typeof flag.enabled === 'boolean');
}

/** The flag named `key`, or undefined when the configuration has no such flag (or is not flags). */
export function readFlag(configuration: unknown, key: string): FeatureFlag | undefined {
  if (!isRecord(configuration) || !Object.hasOwn(configuration, key)) return undefined;
  const flag = configuration[key];
  return isRecord(flag) && typeof flag.enabled === 'boolean' ? (flag as FeatureFlag) : undefined;
}

/** Whether flag `key` is enabled; `defaultValue` when the flag is missing. */
export function isFlagEnabled(configuration: unknown, key: string, defaultValue = false): boolean {
  return readFlag(configuration, key)?.enabled ?? defaultValue;
}
