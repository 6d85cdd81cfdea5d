'use client';
import { useCallback } from './externals.js';
import { readFlag } from '../core/flags.js';
import type { ConfigurationData } from '../core/types.js';
import { useAppConfigContext } from './app-config-context.js';
import type { UseFlagOptions } from './types.js';
import { useAppConfigQuery } from './use-app-config-query.js';
import { suspendUntilConfigured } from './suspend-until-configured.js';
import { checkFlagKey } from './check-flag-key.js';

/**
 * `useFlag` for Suspense, on React Query's Suspense: suspends until a configuration (prefetched,
 * persisted, initial or from the network) is available, then answers like `useFlag` (a flag
 * missing from it is `defaultValue`). Throws to the nearest error boundary when the query fails
 * with no configuration to show: the client stopped (e.g. unknown profile; the error it stopped
 * on), the configuration AppConfig serves cannot be decoded or is refused by the provider's
 * `schema`, or failures outlasted React Query's retries. On a server without prefetched or
 * initial data it throws so that React renders the Suspense fallback there (see
 * `useSuspenseConfiguration`). Put the error boundary inside the provider: the provider keeps
 * polling, so resetting the boundary once a good configuration has arrived renders the component.
 */
export function useSuspenseFlag(key: string, options?: UseFlagOptions): boolean {
  const context = useAppConfigContext('useSuspenseFlag', options?.provider);
  const defaultValue = options?.defaultValue ?? false;
  const select = useCallback(
    (data: ConfigurationData | undefined) =>
      data?.configuration === undefined
        ? undefined
        : (readFlag(data.configuration, key)?.enabled ?? defaultValue),
    [key, defaultValue],
  );
  const enabled = useAppConfigQuery(context, select, {
    suspense: true,
    live: options?.live,
  }).selected;
  if (enabled === undefined) suspendUntilConfigured('useSuspenseFlag', context);
  if (process.env.NODE_ENV !== 'production') checkFlagKey('useSuspenseFlag', context, key);
  return enabled;
}
