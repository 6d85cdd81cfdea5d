'use client';
import { useCallback } from './externals.js';
import { readFlag } from '../core/flags.js';
import type { AppConfigSnapshot } from '../core/types.js';
import { useAppConfigContext } from './app-config-context.js';
import type { UseFlagOptions } from './types.js';
import { useSelectedSnapshot } from './use-selected-snapshot.js';

/**
 * Whether feature flag `key` is enabled. While no configuration is available (and when it has no
 * such flag) the answer is `options.defaultValue` (default `false`). A persisted or initial
 * configuration answers on the first render. Re-renders only when this flag's value changes.
 *
 * @example
 * const showBanner = useFlag('summer-banner');
 */
export function useFlag(key: string, options?: UseFlagOptions): boolean {
  const context = useAppConfigContext('useFlag', options?.provider);
  const defaultValue = options?.defaultValue ?? false;
  const select = useCallback(
    (snapshot: AppConfigSnapshot<unknown>) =>
      readFlag(snapshot.configuration, key)?.enabled ?? defaultValue,
    [key, defaultValue],
  );
  return useSelectedSnapshot(context, select);
}
