/**
 * Up-front checks of the client's options, against the API's own limits (limits.ts), so a bad
 * option fails at once with the field, the limit and the fix, before any request is sent. Plain
 * code rather than a schema library: a handful of checks do not justify kilobytes in every
 * browser bundle. The provider checks its own props with the same `check`.
 *
 * Development builds only, as React's prop checks and React Query's option checks are: the
 * types catch most mistakes at compile time, and production bundles do not pay for the messages.
 */
import { invalidOption } from './invalid-option.js';
import { IDENTIFIER_LENGTH, MAX_TIMER_MS, POLL_INTERVAL_SECONDS } from './limits.js';
import type { AppConfigClientOptions } from './types.js';

/** Throws `InvalidOptionsError` for `field` unless `ok`; `value` defaults to the option itself. */
export type OptionCheck = (
  field: string,
  ok: unknown,
  rule: string,
  fix?: string,
  value?: unknown,
) => void;

function isEndpoint(endpoint: unknown): boolean {
  // A path is resolved against the page; `//host/…` would be another host, so it is no path.
  if (typeof endpoint === 'string' && /^\/(?!\/)/.test(endpoint)) return true;
  try {
    const url = new URL(endpoint as string);
    return /^https?:$/.test(url.protocol) && !url.search && !url.hash;
  } catch {
    return false;
  }
}

/**
 * Throws `InvalidOptionsError` for the first option that is missing or out of range. `where`
 * prefixes every message (the provider names itself); the returned `check` goes on with it.
 */
export const validateOptions: (
  options: AppConfigClientOptions<unknown>,
  where?: string,
) => OptionCheck =
  // The condition is written out in each module: bundlers drop `checkOptions` only when it is a
  // literal here (an imported constant is folded too late to remove the function).
  process.env.NODE_ENV !== 'production' ? checkOptions : () => () => {};

function checkOptions(options: AppConfigClientOptions<unknown>, where = ''): OptionCheck {
  const given = Object(options) as Record<string, unknown> & Partial<typeof options>;
  const check: OptionCheck = (field, ok, rule, fix, value = given[field]) => {
    if (!ok) invalidOption(field, rule, value, fix, where);
  };
  const limit = "(AppConfig's limit)";

  check('options', options && typeof options === 'object', 'must be an object', '', options);
  const transport = given.transport;
  check(
    'transport',
    transport === undefined ||
      (typeof transport?.startSession === 'function' && typeof transport.getLatest === 'function'),
    'must have startSession and getLatest functions',
  );
  check(
    'endpoint',
    (transport && given.endpoint === undefined) || isEndpoint(given.endpoint),
    'must be an absolute http(s) URL without query or fragment, or a path starting with "/"',
    'Use the URL of an appconfig-react proxy or emulator.',
  );
  for (const field of ['application', 'environment', 'profile']) {
    const value = given[field];
    check(
      field,
      typeof value === 'string' &&
        value.length >= IDENTIFIER_LENGTH.min &&
        value.length <= IDENTIFIER_LENGTH.max,
      `must be a name or ID of ${IDENTIFIER_LENGTH.min} to ${IDENTIFIER_LENGTH.max} characters ${limit}`,
    );
  }
  const interval = given.requiredMinimumPollIntervalInSeconds;
  check(
    'requiredMinimumPollIntervalInSeconds',
    interval === undefined ||
      (Number.isInteger(interval) &&
        interval >= POLL_INTERVAL_SECONDS.min &&
        interval <= POLL_INTERVAL_SECONDS.max),
    `must be a whole number of seconds from ${POLL_INTERVAL_SECONDS.min} to ${POLL_INTERVAL_SECONDS.max} ${limit}`,
    'Omit it to let the service choose (60 s).',
  );
  const { initialDelayMs, maxDelayMs } = given.backoff ?? {};
  for (const [field, value] of [
    ['requestTimeoutMs', given.requestTimeoutMs],
    ['backoff.initialDelayMs', initialDelayMs],
    ['backoff.maxDelayMs', maxDelayMs],
  ] as const) {
    check(
      field,
      value === undefined || (typeof value === 'number' && value > 0 && value <= MAX_TIMER_MS),
      `must be a positive number of milliseconds, at most ${MAX_TIMER_MS} (the timer limit)`,
      '',
      value,
    );
  }
  check(
    'backoff.maxDelayMs',
    !(maxDelayMs! < initialDelayMs!),
    `must not be less than backoff.initialDelayMs (${initialDelayMs})`,
    '',
    maxDelayMs,
  );
  for (const field of ['fetch', 'now', 'random', 'onEvent', 'headers']) {
    const value = given[field];
    check(
      field,
      value === undefined ||
        typeof value === 'function' ||
        (field === 'headers' && typeof value === 'object'),
      field === 'headers' ? 'must be HeadersInit or a function returning it' : 'must be a function',
    );
  }
  const context = given.context;
  check(
    'context',
    context === undefined ||
      (typeof context === 'object' &&
        context !== null &&
        !Array.isArray(context) &&
        Object.values(context).every((value) =>
          ['string', 'number', 'boolean'].includes(typeof value),
        )),
    'must be an object whose values are strings, numbers or booleans',
  );
  check(
    'credentials',
    given.credentials === undefined ||
      ['omit', 'same-origin', 'include'].includes(given.credentials),
    'must be "omit", "same-origin" or "include"',
  );
  check(
    'schema',
    given.schema === undefined || typeof given.schema?.['~standard']?.validate === 'function',
    'must be a Standard Schema validator (zod, valibot, arktype…)',
  );
  return check;
}
