'use client';
/**
 * `appconfig-react`: AWS AppConfig feature flags and configuration for React, on TanStack Query.
 * Re-exports the core's public types and error classes, so one import covers an app.
 */
export { AppConfigProvider } from './app-config-provider.js';
export type { AppConfigProviderProps } from './app-config-provider-props.js';
export { preloadAppConfig } from './preload-app-config.js';
export type { PreloadAppConfigOptions } from './preload-app-config.js';
export { useFlag } from './use-flag.js';
export { useFlagDetails } from './use-flag-details.js';
export { useFlags } from './use-flags.js';
export { useConfiguration } from './use-configuration.js';
export { useSuspenseConfiguration } from './use-suspense-configuration.js';
export { useSuspenseFlag } from './use-suspense-flag.js';
export { useAppConfigStatus } from './use-app-config-status.js';
export { useAppConfigClient } from './use-app-config-client.js';
export { createAppConfigHooks } from './create-app-config-hooks.js';
export type {
  AppConfigHooks,
  ConfigurationOf,
  FlagAttributesOf,
  FlagKey,
} from './create-app-config-hooks.js';
// prefetchAppConfig is not re-exported: this entry is 'use client', and a server function taken
// from one fails on every request in React Server Components. It lives in appconfig-react/query.
export { APPCONFIG_QUERY_META, appConfigQueryKey, appConfigQueryOptions } from '../query/index.js';
export type {
  AppConfigQueryKey,
  AppConfigQueryKeyOptions,
  AppConfigQueryOptions,
} from '../query/index.js';
export type {
  AppConfigStatusResult,
  ConfigurationResult,
  FlagDetails,
  ProviderOption,
  ReadOption,
  SchemaOutput,
  SuspenseConfigurationResult,
  UseConfigurationOptions,
  UseFlagOptions,
} from './types.js';

export {
  AppConfigError,
  AppConfigServiceError,
  BadRequestException,
  ConfigurationDecodeError,
  InternalServerException,
  InvalidOptionsError,
  NetworkError,
  ResourceNotFoundException,
  ThrottlingException,
} from '../core/errors.js';
export type {
  BadRequestDetails,
  BadRequestReason,
  InvalidParameterProblem,
  ResourceType,
  ServiceErrorOptions,
} from '../core/errors.js';
export type {
  AppConfigClient,
  AppConfigSessionClient,
  AppConfigClientOptions,
  AppConfigEvent,
  AppConfigSnapshot,
  AppConfigStatus,
  ConfigurationData,
  ConfigurationSource,
  InitialConfiguration,
  PollState,
  SessionReason,
} from '../core/types.js';
export type { AppConfigTransport, EvaluationContext } from '../core/transport.js';
export type { Timers } from '../core/effects.js';
export type { ConfigurationStorage, PersistedConfiguration } from '../core/storage.js';
export type { FeatureFlag, FeatureFlags, FlagAttributeValue } from '../core/flags.js';
