'use client';
/**
 * What a provider hands to the hooks below it, and how a hook finds its provider: the nearest one,
 * or the nearest one with a given `name`. Each value links to its parent, so nested providers (for
 * several profiles) stay reachable by name from anywhere inside them.
 */
import { createContext, useContext } from './externals.js';
import type { QueryClient } from '@tanstack/react-query';
import type { AppConfigSessionClient, ConfigurationData } from '../core/types.js';

/** @internal */
export interface AppConfigContextValue {
  client: AppConfigSessionClient;
  queryClient: QueryClient;
  name: string | undefined;
  /** What a server rendered without prefetched data: the initial configuration (no persisted one). */
  serverData: ConfigurationData | undefined;
  /** Changes when the query was rebuilt (`clear()`), so every hook moves to the new one. */
  generation: number;
  parent: AppConfigContextValue | null;
}

/** @internal */
export const AppConfigContext = createContext<AppConfigContextValue | null>(null);

/** The provider a hook reads: the nearest, or the nearest named `provider`. Throws with the fix. */
export function useAppConfigContext(
  hook: string,
  provider: string | undefined,
): AppConfigContextValue {
  const nearest = useContext(AppConfigContext);
  if (!nearest) {
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? `${hook} must be used inside <AppConfigProvider>. Wrap the part of your app that reads ` +
            'flags in one (in tests, <AppConfigTestProvider> from "appconfig-react/testing").'
        : `${hook}: no <AppConfigProvider>`,
    );
  }
  const names: string[] = [];
  for (let value: AppConfigContextValue | null = nearest; value; value = value.parent) {
    if (provider === undefined || value.name === provider) return value;
    names.push(value.name === undefined ? '(unnamed)' : `"${value.name}"`);
  }
  throw new Error(
    process.env.NODE_ENV !== 'production'
      ? `${hook}: no <AppConfigProvider name="${provider}"> above this component, only ${names.join(', ')}. ` +
          'Check the name, or move the component inside that provider.'
      : `${hook}: no <AppConfigProvider name="${provider}">`,
  );
}
