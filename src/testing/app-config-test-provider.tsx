'use client';
/**
 * `<AppConfigTestProvider>`: fixed flags or configuration for your components' tests and stories.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { AppConfigError } from '../core/errors.js';
import type { FeatureFlag, FeatureFlags } from '../core/flags.js';
import type { AppConfigSnapshot, ConfigurationSource } from '../core/types.js';
import { AppConfigClientProvider } from '../react/app-config-client-provider.js';
import { useIsomorphicLayoutEffect } from '../react/use-isomorphic-layout-effect.js';
import { useResolvedQueryClient } from '../react/use-resolved-query-client.js';
import { createStaticClient, type StaticClient } from './create-static-client.js';
import { getOrCreateEntry } from '../react/client-registry.js';
import { hashKey } from '../react/externals.js';
import { appConfigQueryKey } from '../query/app-config-query-key.js';

/** Props of `<AppConfigTestProvider>`. Every prop may change between renders; hooks follow. */
export interface AppConfigTestProviderProps {
  /** Feature flags: `true`/`false`, or `{ enabled, ...attributes }`. Default `{}`. */
  flags?: Record<string, boolean | FeatureFlag>;
  /** A free-form configuration instead of `flags` (for `useConfiguration`). */
  configuration?: unknown;
  /** `Version-Label` the hooks report. */
  versionLabel?: string;
  /** Where the hooks say the configuration came from. Default `'network'`. */
  source?: ConfigurationSource;
  /** No configuration yet: hooks give their defaults, Suspense hooks suspend. Default `false`. */
  loading?: boolean;
  /** A failure the hooks report (with the configuration, unless `loading`). */
  error?: AppConfigError;
  /** The client stopped (with `error`): Suspense hooks without a configuration throw. */
  stopped?: boolean;
  /** Same as `AppConfigProvider`'s `name`. */
  name?: string;
  /** The React Query client to use. Default: the app's own if any, else a private one. */
  queryClient?: QueryClient;
  children?: ReactNode;
}

function toFlags(flags: Record<string, boolean | FeatureFlag>): FeatureFlags {
  return Object.fromEntries(
    Object.entries(flags).map(([key, flag]) => [
      key,
      typeof flag === 'boolean' ? { enabled: flag } : flag,
    ]),
  );
}

let providers = 0;

/**
 * Provides fixed flags or configuration to every appconfig-react hook inside it: no network,
 * nothing persisted, status `ready` unless told otherwise. Change the props to change what the
 * hooks see.
 *
 * @example
 * render(
 *   <AppConfigTestProvider flags={{ darkMode: true, checkout: { enabled: true, limit: 3 } }}>
 *     <Header />
 *   </AppConfigTestProvider>,
 * );
 */
export function AppConfigTestProvider(props: AppConfigTestProviderProps) {
  const { flags, configuration, versionLabel, source = 'network', loading, error, stopped } = props;
  const snapshot = useMemo((): AppConfigSnapshot<unknown> => {
    const value = loading ? undefined : (configuration ?? toFlags(flags ?? {}));
    return {
      status: value !== undefined ? 'ready' : error ? 'error' : 'loading',
      configuration: value,
      versionLabel,
      contentType: value === undefined ? undefined : 'application/json',
      source: value === undefined ? undefined : source,
      fetchedAt: undefined,
      error,
      stopped: stopped ?? false,
    };
  }, [flags, configuration, versionLabel, source, loading, error, stopped]);
  const queryClient = useResolvedQueryClient(props.queryClient);
  const [id] = useState(() => String((providers += 1)));
  const [serverData] = useState(() => createStaticClient(snapshot, id).getData());
  const hash = hashKey(
    appConfigQueryKey({ application: 'test', environment: 'test', profile: `test-${id}` }),
  );
  const [owner] = useState({});
  const entry = getOrCreateEntry(queryClient, hash, 'test', owner, () => ({
    client: createStaticClient(snapshot, id),
    session: 'test',
    live: true,
    refs: 0,
    disposed: false,
    generation: 0,
  }));
  const client = entry.client as StaticClient;
  useIsomorphicLayoutEffect(() => {
    if (client.getSnapshot() === snapshot) return;
    client.setSnapshot(snapshot);
    // The query function answers with the new snapshot: one write, through React Query.
    void queryClient.refetchQueries({ queryKey: appConfigQueryKey(client.options), exact: true });
  }, [client, snapshot, queryClient]);
  return (
    <AppConfigClientProvider
      entry={entry}
      hash={hash}
      queryClient={queryClient}
      serverData={serverData}
      name={props.name}
      onEvent={undefined}
    >
      {props.children}
    </AppConfigClientProvider>
  );
}
