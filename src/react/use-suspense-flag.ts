'use client';
import { useCallback } from './externals.js';
import { readFlag } from '../core/flags.js';
import type { AppConfigSnapshot } from '../core/types.js';
import { useAppConfigContext } from './app-config-context.js';
import type { UseFlagOptions } from './types.js';
import { useIsHydrating, useSelectedSnapshot } from './use-selected-snapshot.js';
import { suspendUntilReady } from './when-configured.js';

/**
 * `useFlag` for Suspense: suspends until a configuration (network, persisted or initial) is
 * available, then answers like `useFlag` (a flag missing from it is `defaultValue`). Throws to
 * the nearest error boundary when there is no configuration and waiting cannot bring one: the
 * client stopped (e.g. unknown profile; the error it stopped on), or the configuration AppConfig
 * serves cannot be decoded or is refused by the provider's `schema` (the
 * `ConfigurationDecodeError`, until a good configuration is deployed and polled). Transient
 * failures (network, throttling) keep it suspended while the client retries with backoff.
 * Put that error boundary inside the provider: the provider keeps polling, so resetting the
 * boundary once a good configuration has arrived renders the component.
 */
export function useSuspenseFlag(key: string, options?: UseFlagOptions): boolean {
  const context = useAppConfigContext('useSuspenseFlag', options?.provider);
  const defaultValue = options?.defaultValue ?? false;
  const select = useCallback(
    (snapshot: AppConfigSnapshot<unknown>) => ({
      enabled: readFlag(snapshot.configuration, key)?.enabled ?? defaultValue,
      ready: snapshot.configuration !== undefined,
      stopped: snapshot.stopped,
      error: snapshot.configuration === undefined ? snapshot.error : undefined,
    }),
    [key, defaultValue],
  );
  const state = useSelectedSnapshot(context, select);
  const hydrating = useIsHydrating();
  suspendUntilReady('useSuspenseFlag', context, state, hydrating);
  return state.enabled;
}
