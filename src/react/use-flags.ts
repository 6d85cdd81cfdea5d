'use client';
import { isFeatureFlags, type FeatureFlags } from '../core/flags.js';
import type { ConfigurationData } from '../core/types.js';
import { useAppConfigContext } from './app-config-context.js';
import type { ReadOption } from './types.js';
import { useAppConfigQuery } from './use-app-config-query.js';

const NO_FLAGS: FeatureFlags = Object.freeze({});
// Once per configuration object, not once per reader and poll: the check walks every flag.
const checked = new WeakMap<object, boolean>();

function selectFlags(data: ConfigurationData | undefined): FeatureFlags {
  const configuration = data?.configuration;
  if (typeof configuration !== 'object' || configuration === null) return NO_FLAGS;
  let flags = checked.get(configuration);
  if (flags === undefined) checked.set(configuration, (flags = isFeatureFlags(configuration)));
  return flags ? (configuration as FeatureFlags) : NO_FLAGS;
}

/**
 * All feature flags: `{ [key]: { enabled, ...attributes } }`. An empty object while no
 * configuration is available, or when the profile's configuration is not in the feature-flag
 * format. The object keeps its identity until a flag really changes (the client shares
 * structure once per configuration, so a thousand readers cost a thousand identity checks).
 */
export function useFlags(options?: ReadOption): FeatureFlags {
  const context = useAppConfigContext('useFlags', options?.provider);
  return useAppConfigQuery(context, selectFlags, { live: options?.live }).selected;
}
