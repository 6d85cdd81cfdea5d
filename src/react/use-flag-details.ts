'use client';
import { useCallback } from './externals.js';
import { readFlag } from '../core/flags.js';
import type { AppConfigSnapshot } from '../core/types.js';
import { useAppConfigContext } from './app-config-context.js';
import type { FlagDetails, UseFlagOptions } from './types.js';
import { useSelectedSnapshot } from './use-selected-snapshot.js';

/**
 * Feature flag `key` with its attributes and where its value came from. Re-renders when the flag,
 * the version label, the status, the error or the source change.
 *
 * @example
 * const { enabled, attributes, isDefault } = useFlagDetails('checkout-v2');
 * const limit = enabled ? attributes.limit : undefined;
 */
export function useFlagDetails(key: string, options?: UseFlagOptions): FlagDetails {
  const context = useAppConfigContext('useFlagDetails', options?.provider);
  const defaultValue = options?.defaultValue ?? false;
  const select = useCallback(
    (snapshot: AppConfigSnapshot<unknown>): FlagDetails => {
      const flag = readFlag(snapshot.configuration, key);
      const { enabled, ...attributes } = flag ?? { enabled: defaultValue };
      return {
        enabled,
        attributes,
        versionLabel: snapshot.versionLabel,
        status: snapshot.status,
        error: snapshot.error,
        source: snapshot.source,
        isDefault: flag === undefined,
      };
    },
    [key, defaultValue],
  );
  return useSelectedSnapshot(context, select);
}
