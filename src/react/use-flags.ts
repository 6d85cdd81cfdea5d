'use client';
import { isFeatureFlags, type FeatureFlags } from '../core/flags.js';
import type { AppConfigSnapshot } from '../core/types.js';
import { useAppConfigContext } from './app-config-context.js';
import type { ProviderOption } from './types.js';
import { useSelectedSnapshot } from './use-selected-snapshot.js';

const NO_FLAGS: FeatureFlags = Object.freeze({});

function selectFlags(snapshot: AppConfigSnapshot<unknown>): FeatureFlags {
  return isFeatureFlags(snapshot.configuration) ? snapshot.configuration : NO_FLAGS;
}

/**
 * All feature flags: `{ [key]: { enabled, ...attributes } }`. An empty object while no
 * configuration is available, or when the profile's configuration is not in the feature-flag
 * format. The object keeps its identity until a flag really changes.
 */
export function useFlags(options?: ProviderOption): FeatureFlags {
  const context = useAppConfigContext('useFlags', options?.provider);
  return useSelectedSnapshot(context, selectFlags);
}
