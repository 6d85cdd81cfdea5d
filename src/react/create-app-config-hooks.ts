'use client';
/**
 * Typed hooks: flag keys, attributes and configuration types inferred from your schema (or a type),
 * with no global type augmentation, so several profiles can each have their own types.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type {
  AppConfigStatusResult,
  ConfigurationResult,
  FlagDetails,
  ProviderOption,
  SchemaOutput,
  SuspenseConfigurationResult,
  UseConfigurationOptions,
  UseFlagOptions,
} from './types.js';
import { useAppConfigStatus } from './use-app-config-status.js';
import { useConfiguration } from './use-configuration.js';
import { useFlag } from './use-flag.js';
import { useFlagDetails } from './use-flag-details.js';
import { useFlags } from './use-flags.js';
import { useSuspenseConfiguration } from './use-suspense-configuration.js';
import { useSuspenseFlag } from './use-suspense-flag.js';

/** The configuration type of `T`: a Standard Schema's output, or `T` itself. */
export type ConfigurationOf<T> = T extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<T> : T;

/** The flag keys of a configuration type (its string keys). */
export type FlagKey<TConfig> = Extract<keyof TConfig, string>;

/** The attributes of flag `K` (every field but `enabled` and `_variant`; each may be absent). */
export type FlagAttributesOf<TConfig, K extends keyof TConfig> = Partial<
  Omit<TConfig[K], 'enabled' | '_variant'>
>;

/** The hooks `createAppConfigHooks` returns, typed for configuration type `TConfig`. */
export interface AppConfigHooks<TConfig> {
  /** `useFlag`, with keys checked against the configuration type. */
  useFlag(key: FlagKey<TConfig>, options?: UseFlagOptions): boolean;
  /** `useFlagDetails`, with the attributes typed from the configuration type. */
  useFlagDetails<K extends FlagKey<TConfig>>(
    key: K,
    options?: UseFlagOptions,
  ): FlagDetails<FlagAttributesOf<TConfig, K>>;
  /** `useFlags`, typed; flags are missing until a configuration is available. */
  useFlags(options?: ProviderOption): Partial<TConfig>;
  /** `useConfiguration`, with `select` receiving the configuration type (or this hook's schema output). */
  useConfiguration<
    TSchema extends StandardSchemaV1 | undefined = undefined,
    TSelected = SchemaOutput<TSchema, TConfig>,
  >(
    options?: UseConfigurationOptions<TConfig, TSchema, TSelected>,
  ): ConfigurationResult<TSelected>;
  /** `useSuspenseConfiguration`, typed the same way. */
  useSuspenseConfiguration<
    TSchema extends StandardSchemaV1 | undefined = undefined,
    TSelected = SchemaOutput<TSchema, TConfig>,
  >(
    options?: UseConfigurationOptions<TConfig, TSchema, TSelected>,
  ): SuspenseConfigurationResult<TSelected>;
  /** `useSuspenseFlag`, with keys checked against the configuration type. */
  useSuspenseFlag(key: FlagKey<TConfig>, options?: UseFlagOptions): boolean;
  /** `useAppConfigStatus`. */
  useAppConfigStatus(options?: ProviderOption): AppConfigStatusResult;
}

/**
 * Returns the hooks typed for one profile. Pass the type of your schema (or of the configuration)
 * as the type argument; nothing is validated by this call (give the schema to the provider for
 * that). `defaults.provider` makes every hook read the provider of that name unless told otherwise.
 *
 * @example
 * const Flags = z.object({ darkMode: z.object({ enabled: z.boolean() }), checkout: z.object({ enabled: z.boolean(), limit: z.number().optional() }) });
 * export const { useFlag, useFlagDetails } = createAppConfigHooks<typeof Flags>();
 * useFlag('darkMode'); // ok
 * useFlag('darkmode'); // type error
 * useFlagDetails('checkout').attributes.limit; // number | undefined
 */
export function createAppConfigHooks<T>(
  defaults: ProviderOption = {},
): AppConfigHooks<ConfigurationOf<T>> {
  const pick = <O extends ProviderOption>(options: O | undefined): O =>
    ({ ...defaults, ...options }) as O;
  // The runtime hooks are the untyped ones: only the types differ.
  const hooks: AppConfigHooks<Record<string, unknown>> = {
    useFlag: (key, options) => useFlag(key, pick(options)),
    useFlagDetails: (key, options) => useFlagDetails(key, pick(options)) as never,
    useFlags: (options) => useFlags(pick(options)),
    useConfiguration: (options) => useConfiguration(pick(options) as never) as never,
    useSuspenseConfiguration: (options) =>
      useSuspenseConfiguration(pick(options) as never) as never,
    useSuspenseFlag: (key, options) => useSuspenseFlag(key, pick(options)),
    useAppConfigStatus: (options) => useAppConfigStatus(pick(options)),
  };
  return hooks as unknown as AppConfigHooks<ConfigurationOf<T>>;
}
