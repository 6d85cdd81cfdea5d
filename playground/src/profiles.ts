/** The profiles of the sample data folder (data/sample/DemoApp/Development/) the playground reads. */

export const APPLICATION = 'DemoApp';
export const ENVIRONMENT = 'Development';

/** Provider name → configuration profile. */
export const PROFILES = {
  flags: 'FeatureFlags',
  access: 'MyAccessListFlag',
  settings: 'Settings',
} as const;

export type ProviderName = keyof typeof PROFILES;

export const PROVIDER_NAMES = Object.keys(PROFILES) as ProviderName[];

/** AppConfig's minimum poll interval, in seconds: a change shows within 15 s. */
export const POLL_INTERVAL_SECONDS = 15;
