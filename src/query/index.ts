/**
 * `appconfig-react/query`: the React Query side of appconfig-react without React, safe to import
 * on a server (React Server Components, loaders, `getServerSideProps`): the query key, the query
 * options and `prefetchAppConfig` for server rendering.
 */
export { appConfigQueryKey } from './app-config-query-key.js';
export type { AppConfigQueryKey, AppConfigQueryKeyOptions } from './app-config-query-key.js';
export { APPCONFIG_QUERY_META, appConfigQueryOptions } from './app-config-query-options.js';
export type { AppConfigQueryOptions } from './app-config-query-options.js';
export { prefetchAppConfig } from './prefetch-app-config.js';
export type { PrefetchAppConfigOptions } from './prefetch-app-config.js';
