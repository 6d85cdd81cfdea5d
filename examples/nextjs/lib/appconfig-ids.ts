/**
 * What names this app's AppConfig profiles, shared by the server (prefetch, Flags SDK) and the
 * browser (the providers). The query key is made of these alone, so a configuration the server
 * prefetched is found by the browser's provider under the same key.
 */
export const FLAGS = {
  application: 'NextShop',
  environment: 'Development',
  profile: 'Flags',
} as const;

export const SETTINGS = {
  application: 'NextShop',
  environment: 'Development',
  profile: 'Settings',
} as const;

/** Where the browser reaches the AppConfig Data API: this app's own origin (see app/appconfig). */
export const BROWSER_ENDPOINT = '/appconfig';
