/**
 * `appconfig-react/openfeature/server`: AWS AppConfig for OpenFeature's server SDK (Node), through
 * our proxy or emulator, or straight to AWS through the official SDK (`createAwsSdkTransport`).
 */
export { AppConfigServerProvider } from './app-config-server-provider.js';
export type {
  AppConfigServerProviderAwsOptions,
  AppConfigServerProviderOptions,
} from './app-config-server-provider.js';
export { createAwsSdkTransport } from '../aws-sdk-transport.js';
export type { AwsSdkTransport, AwsSdkTransportOptions } from '../aws-sdk-transport.js';
export type { AppConfigProviderSource } from '../provider-core.js';
export { InvalidFlagKeyError, parseFlagKey } from '../flag-path.js';
export type { FlagPath } from '../flag-path.js';
