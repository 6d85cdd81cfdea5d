/** Public option and result types of the hooks. */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { AppConfigError } from '../core/errors.js';
import type { FeatureFlag } from '../core/flags.js';
import type { FetchStatus } from '@tanstack/react-query';
import type { AppConfigStatus, ConfigurationSource } from '../core/types.js';

/** Picks the provider a hook reads. */
export interface ProviderOption {
  /**
   * Read from the nearest `<AppConfigProvider name={provider}>` above the component instead of
   * the nearest provider of any name. Default: the nearest provider.
   */
  provider?: string;
}

/** Picks the provider a hook reads, and whether it follows changes. */
export interface ReadOption extends ProviderOption {
  /**
   * `false` keeps the first value from this page's session (from the network, or rendered by the
   * server) for the component's life; until it arrives, a persisted or initial value shows as
   * usual. Default `true`: follow every change.
   */
  live?: boolean;
}

/** Options of `useFlag` and `useSuspenseFlag`. */
export interface UseFlagOptions extends ReadOption {
  /** The value while no configuration is available, or when it has no such flag. Default `false`. */
  defaultValue?: boolean;
}

/** What `useFlagDetails` returns. */
export interface FlagDetails<TAttributes = Omit<FeatureFlag, 'enabled' | '_variant'>> {
  /** Whether the flag is on; `defaultValue` when the configuration has no such flag (or none yet). */
  enabled: boolean;
  /**
   * The variant a multi-variant flag took for this provider's `context` (`_variant` in the
   * evaluated flag, e.g. `"Beta Testers"` or `"Default Variant"`); undefined for a basic flag.
   */
  variant: string | undefined;
  /** The flag's other fields (AppConfig serves them only while the flag is enabled); `{}` by default. */
  attributes: TAttributes;
  /** `Version-Label` of the configuration, when there is one. */
  versionLabel: string | undefined;
  /** The client's status: `loading`, `ready` or `error`. */
  status: AppConfigStatus;
  /** The client's last failure, if any; the last good configuration is kept regardless. */
  error: AppConfigError | undefined;
  /** Where the configuration came from: `network`, `persisted` or `initial`; undefined before any. */
  source: ConfigurationSource | undefined;
  /** True when `enabled` is the default value, because the flag (or any configuration) is missing. */
  isDefault: boolean;
}

/** The output type of a Standard Schema, or `TFallback` when there is no schema. */
export type SchemaOutput<TSchema, TFallback> = TSchema extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<TSchema>
  : TFallback;

/** Options of `useConfiguration` and `useSuspenseConfiguration`. */
export interface UseConfigurationOptions<
  TConfig = unknown,
  TSchema extends StandardSchemaV1 | undefined = undefined,
  TSelected = SchemaOutput<TSchema, TConfig>,
> extends ReadOption {
  /**
   * A synchronous Standard Schema validator (zod, valibot, arktype…) for this hook. A
   * configuration it refuses is reported as `error` (a `ConfigurationDecodeError` with `issues`)
   * and `data` keeps the last value it accepted. Define it once, outside the component: the last
   * good value is kept per client and schema object.
   */
  schema?: TSchema;
  /**
   * Picks the part of the (validated) configuration this component uses. The component
   * re-renders only when that part changes (compared structurally).
   */
  select?: (configuration: SchemaOutput<TSchema, TConfig>) => TSelected;
}

/** What `useConfiguration` returns. */
export interface ConfigurationResult<TData> {
  /** The (validated, selected) configuration; undefined while there is none. */
  data: TData | undefined;
  /**
   * `ready` when `data` is available; `error` when it is not and something failed (see `error`);
   * `loading` otherwise.
   */
  status: AppConfigStatus;
  /** This hook's schema failure, else the client's last failure. `data` is kept regardless. */
  error: AppConfigError | undefined;
  /** `Version-Label` of the configuration `data` comes from. */
  versionLabel: string | undefined;
  /** Where the configuration `data` comes from came from. */
  source: ConfigurationSource | undefined;
  /** When that configuration was received (ms since the epoch); undefined for an initial one. */
  fetchedAt: number | undefined;
  /** True when the client stopped after an error that retrying cannot fix; see `useAppConfigStatus().reset`. */
  stopped: boolean;
}

/** What `useSuspenseConfiguration` returns: the data is always there. */
export interface SuspenseConfigurationResult<TData> extends ConfigurationResult<TData> {
  data: TData;
  status: 'ready';
}

/** What `useAppConfigStatus` returns. */
export interface AppConfigStatusResult {
  /** `loading` (no configuration, no failure yet), `ready` (a configuration is available) or `error`. */
  status: AppConfigStatus;
  /** The last failure, cleared by the next successful poll. */
  error: AppConfigError | undefined;
  /** True when the client stopped after an error that retrying cannot fix (e.g. an unknown profile). */
  stopped: boolean;
  /** `Version-Label` of the current configuration. */
  versionLabel: string | undefined;
  /** Where the current configuration came from. */
  source: ConfigurationSource | undefined;
  /** When the current configuration was received (ms since the epoch). */
  fetchedAt: number | undefined;
  /** React Query's `fetchStatus` of the query: `fetching` while a poll (or its retry) runs, `paused` offline. */
  fetchStatus: FetchStatus;
  /** Failed attempts of the current poll (React Query's `failureCount`): throttling shows here. */
  failureCount: number;
  /**
   * Refetches the query through React Query; the client sends a request only if AppConfig allows
   * it (otherwise the query keeps what it has). Never rejects.
   */
  refetch: () => Promise<void>;
  /** Forgets the session and any stop, keeping the configuration, and polls again. Never rejects. */
  reset: () => Promise<void>;
}
