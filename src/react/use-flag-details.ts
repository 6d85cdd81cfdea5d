'use client';
import { useMemo } from './externals.js';
import { readFlag, type FeatureFlag } from '../core/flags.js';
import type { ConfigurationData, ConfigurationSource } from '../core/types.js';
import { useAppConfigContext } from './app-config-context.js';
import { queryStatus } from './query-status.js';
import type { FlagDetails, UseFlagOptions } from './types.js';
import { useAppConfigQuery } from './use-app-config-query.js';
import { checkFlagKey } from './check-flag-key.js';

type Selected = Omit<FlagDetails, 'status' | 'error'> & { ready: boolean };

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
  const select = useMemo(() => {
    // The client shares structure, so an unchanged flag keeps its object: so does this selection.
    let last:
      | [
          FeatureFlag | undefined,
          string | undefined,
          ConfigurationSource | undefined,
          boolean,
          Selected,
        ]
      | undefined;
    return (data: ConfigurationData | undefined): Selected => {
      const flag = readFlag(data?.configuration, key);
      const ready = data?.configuration !== undefined;
      if (
        last &&
        last[0] === flag &&
        last[1] === data?.versionLabel &&
        last[2] === data?.source &&
        last[3] === ready
      ) {
        return last[4];
      }
      const { enabled, _variant, ...attributes } = flag ?? { enabled: defaultValue };
      const selected = {
        enabled,
        variant: typeof _variant === 'string' ? _variant : undefined,
        attributes,
        versionLabel: data?.versionLabel,
        source: data?.source,
        isDefault: flag === undefined,
        ready,
      };
      last = [flag, data?.versionLabel, data?.source, ready, selected];
      return selected;
    };
  }, [key, defaultValue]);
  const { selected, result } = useAppConfigQuery(context, select, { live: options?.live });
  const { status, error } = queryStatus(result, selected.ready);
  if (process.env.NODE_ENV !== 'production') checkFlagKey('useFlagDetails', context, key);
  return useMemo(() => {
    const { ready: _ready, ...details } = selected;
    return { ...details, status, error };
  }, [selected, status, error]);
}
