/**
 * Limits of the AppConfig Data API (model `appconfigdata` 2021-11-11). The client's option checks
 * and the emulator's request validation both read them from here, so the two cannot disagree.
 */

/** `ApplicationIdentifier`, `EnvironmentIdentifier`, `ConfigurationProfileIdentifier`: an ID or a name. */
export const IDENTIFIER_LENGTH = { min: 1, max: 128 } as const;

/** `RequiredMinimumPollIntervalInSeconds` (shape `OptionalPollSeconds`), whole seconds. */
export const POLL_INTERVAL_SECONDS = { min: 15, max: 86_400 } as const;

/** `Token`: 1 to 8192 characters, none of them whitespace. */
export const TOKEN_PATTERN = /^\S{1,8192}$/;
export const TOKEN_MAX_LENGTH = 8192;

/**
 * `Next-Poll-Interval-In-Seconds` the service answers when the session asked for no minimum
 * (the user guide's CLI example shows 60).
 */
export const DEFAULT_POLL_INTERVAL_SECONDS = 60;

/** Every configuration token is valid for up to 24 hours after it was issued. */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The three identifiers of a StartConfigurationSession request, in wire spelling. */
export const IDENTIFIER_FIELDS = [
  'ApplicationIdentifier',
  'EnvironmentIdentifier',
  'ConfigurationProfileIdentifier',
] as const;
export type IdentifierField = (typeof IDENTIFIER_FIELDS)[number];

/** The longest delay `setTimeout` honours (2^31 − 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;
