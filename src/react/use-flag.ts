'use client';
import { useCallback } from './externals.js';
import { readFlag } from '../core/flags.js';
import type { ConfigurationData } from '../core/types.js';
import { useAppConfigContext } from './app-config-context.js';
import type { UseFlagOptions } from './types.js';
import { useAppConfigQuery } from './use-app-config-query.js';
import { checkFlagKey } from './check-flag-key.js';

/**
 * Whether feature flag `key` is enabled. While no configuration is available (and when it has no
 * such flag) the answer is `options.defaultValue` (default `false`). A prefetched, persisted or
 * initial configuration answers on the first render. Re-renders only when this flag's value
 * changes; with `live: false`, not after the first configuration of this page's session.
 *
 * @example
 * const showBanner = useFlag('summer-banner');
 */
export function useFlag(key: string, options?: UseFlagOptions): boolean {
  const context = useAppConfigContext('useFlag', options?.provider);
  const defaultValue = options?.defaultValue ?? false;
  const select = useCallback(
    (data: ConfigurationData | undefined) =>
      readFlag(data?.configuration, key)?.enabled ?? defaultValue,
    [key, defaultValue],
  );
  const { selected } = useAppConfigQuery(context, select, { live: options?.live });
  if (process.env.NODE_ENV !== 'production') checkFlagKey('useFlag', context, key);
  return selected;
}
