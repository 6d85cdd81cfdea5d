/**
 * `appconfig-react/openfeature`: AWS AppConfig for OpenFeature's web SDK (and its React SDK).
 * The server provider is `appconfig-react/openfeature/server`, so browser bundles never resolve
 * `@openfeature/server-sdk` or the AWS SDK.
 */
export { AppConfigWebProvider } from './app-config-web-provider.js';
export type { AppConfigWebProviderOptions } from './app-config-web-provider.js';
export type { AppConfigProviderSource } from './provider-core.js';
export { InvalidFlagKeyError, parseFlagKey } from './flag-path.js';
export type { FlagPath } from './flag-path.js';
