/**
 * The emulator's `pollIntervalSeconds` option: a development shortcut that announces a shorter
 * `Next-Poll-Interval-In-Seconds` than AWS AppConfig ever does (its shortest is 15 s), so an edit
 * reaches the page in a second or two. Off by default; a deviation from the live service.
 */
import { InvalidOptionsError } from '../../core/errors.js';

/** Whole seconds `pollIntervalSeconds` may take: 1 up to AppConfig's own minimum, 15. */
export const POLL_INTERVAL_OPTION_SECONDS = { min: 1, max: 15 } as const;

/**
 * Returns `value` when it is a whole number of seconds within `POLL_INTERVAL_OPTION_SECONDS`.
 * @param who prefix of the message, e.g. `createEmulator` or `appConfigEmulator`.
 * @throws InvalidOptionsError (field `pollIntervalSeconds`) naming the limits.
 */
export function checkPollIntervalOption(value: unknown, who: string): number {
  const { min, max } = POLL_INTERVAL_OPTION_SECONDS;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
    return value;
  }
  throw new InvalidOptionsError(
    'pollIntervalSeconds',
    `${who}: pollIntervalSeconds must be a whole number of seconds from ${min} to ${max}; got ` +
      `${typeof value === 'string' ? JSON.stringify(value) : String(value)}. It is a development ` +
      `setting (AWS AppConfig never answers less than 15 s); omit it to answer what the session ` +
      'asked for, else 60 s.',
  );
}
