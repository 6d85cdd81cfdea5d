/** What the first-flag pages and bench/first-flag.ts agree on: the profile and the timed flag. */
export const FIRST_FLAG_REF = { application: 'bench', environment: 'prod', profile: 'flags' };
/** Deployed enabled; both pages show "off" (the default) until they know it. */
export const FIRST_FLAG_KEY = 'newCheckout';
/** The deployed flags: the timed one and a few others, a small realistic configuration. */
export const FIRST_FLAG_FLAGS = {
  [FIRST_FLAG_KEY]: true,
  darkMode: false,
  searchV2: { enabled: true, variant: 'fast' },
  banner: { enabled: false, text: 'Winter sale' },
};
