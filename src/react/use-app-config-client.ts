'use client';
import type { AppConfigSessionClient } from '../core/types.js';
import { useAppConfigContext } from './app-config-context.js';
import type { ProviderOption } from './types.js';

/**
 * The provider's client, for what the hooks do not cover: `subscribeEvents` for a network
 * timeline, `getPollState()` for debugging. Polling stays React Query's job; calling `poll()`
 * yourself is safe (it never sends a request early) but rarely needed.
 */
export function useAppConfigClient(options?: ProviderOption): AppConfigSessionClient<unknown> {
  return useAppConfigContext('useAppConfigClient', options?.provider).client;
}
