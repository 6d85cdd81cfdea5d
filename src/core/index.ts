/**
 * `appconfig-react/core`: the framework-agnostic, browser-safe AppConfig client.
 */
export { createAppConfigClient } from './create-app-config-client.js';
export { createSharedSessionClient } from './cross-tab/create-shared-session-client.js';
export type { SharedSessionClientOptions } from './cross-tab/create-shared-session-client.js';
export type {
  CrossTabEnvironment,
  TabChannel,
  TabDocument,
  TabLocks,
} from './cross-tab/cross-tab-environment.js';
export type {
  AppConfigClient,
  AppConfigClientOptions,
  AppConfigEvent,
  AppConfigSessionClient,
  AppConfigSnapshot,
  AppConfigStatus,
  ConfigurationData,
  ConfigurationSource,
  InitialConfiguration,
  PollState,
  SessionReason,
} from './types.js';
export { createHttpTransport } from './create-http-transport.js';
export type { HttpTransportOptions } from './http-transport.js';
export type {
  AppConfigTransport,
  CallOptions,
  EvaluationContext,
  LatestConfiguration,
  SessionRequest,
  SessionStart,
} from './transport.js';
export type { Timers } from './effects.js';
export type { ConfigurationStorage, PersistedConfiguration } from './storage.js';
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
} from './errors.js';
export type {
  BadRequestDetails,
  BadRequestReason,
  InvalidParameterProblem,
  ResourceType,
  ServiceErrorOptions,
} from './errors.js';
export { decodeConfiguration, decodingOf, mediaType } from './decode.js';
export { isFeatureFlags, isFlagEnabled, readFlag } from './flags.js';
export type { FeatureFlag, FeatureFlags, FlagAttributeValue } from './flags.js';
export {
  DEFAULT_POLL_INTERVAL_SECONDS,
  IDENTIFIER_LENGTH,
  POLL_INTERVAL_SECONDS,
  TOKEN_LIFETIME_MS,
  TOKEN_PATTERN,
} from './limits.js';
export { errorFromResponse } from './error-from-response.js';
export { HEADER } from './wire.js';
export type { ErrorBody } from './wire.js';
