/**
 * Up-front checks of the client's options, against the API's own limits (limits.ts), so a bad
 * option fails at once with the field, the limit and the fix, before any request is sent. Plain
 * code rather than a schema library: five checks do not justify kilobytes in every browser bundle.
 */
import { InvalidOptionsError } from './errors.js';
import { IDENTIFIER_LENGTH, POLL_INTERVAL_SECONDS } from './limits.js';
import type { AppConfigClientOptions } from './types.js';

const IDENTIFIERS = [
  ['application', 'ApplicationIdentifier'],
  ['environment', 'EnvironmentIdentifier'],
  ['profile', 'ConfigurationProfileIdentifier'],
] as const;

function describe(value: unknown): string {
  if (typeof value === 'string')
    return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}" (${value.length} characters)`;
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function checkEndpoint(endpoint: unknown): void {
  const fix =
    'Pass the URL of an appconfig-react proxy or emulator, e.g. "https://example.com/appconfig" or, in a browser, "/appconfig".';
  if (typeof endpoint !== 'string' || endpoint.trim() === '') {
    throw new InvalidOptionsError(
      'endpoint',
      `endpoint is required; got ${describe(endpoint)}. ${fix}`,
    );
  }
  if (endpoint.startsWith('/')) return;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidOptionsError(
      'endpoint',
      `endpoint must be an absolute http(s) URL or a path starting with "/"; got ${describe(endpoint)}. ${fix}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidOptionsError(
      'endpoint',
      `endpoint must use http or https; got ${url.protocol}. ${fix}`,
    );
  }
  if (url.search || url.hash) {
    throw new InvalidOptionsError(
      'endpoint',
      `endpoint must not have a query or fragment; got ${describe(endpoint)}.`,
    );
  }
}

function checkPositive(field: string, value: unknown, unit: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionsError(
      field,
      `${field} must be a positive number of ${unit}; got ${describe(value)}.`,
    );
  }
}

/** Throws `InvalidOptionsError` for the first option that is missing or out of range. */
export function validateOptions(options: AppConfigClientOptions<unknown>): void {
  if (!options || typeof options !== 'object') {
    throw new InvalidOptionsError(
      'options',
      'createAppConfigClient needs an options object with endpoint, application, environment and profile.',
    );
  }
  checkEndpoint(options.endpoint);
  for (const [field, wireName] of IDENTIFIERS) {
    const value: unknown = options[field];
    if (
      typeof value !== 'string' ||
      value.length < IDENTIFIER_LENGTH.min ||
      value.length > IDENTIFIER_LENGTH.max
    ) {
      throw new InvalidOptionsError(
        field,
        `${field} must be a name or ID of ${IDENTIFIER_LENGTH.min} to ${IDENTIFIER_LENGTH.max} characters (AppConfig's ${wireName}); got ${describe(value)}.`,
      );
    }
  }
  const interval: unknown = options.requiredMinimumPollIntervalInSeconds;
  if (
    interval !== undefined &&
    (typeof interval !== 'number' ||
      !Number.isInteger(interval) ||
      interval < POLL_INTERVAL_SECONDS.min ||
      interval > POLL_INTERVAL_SECONDS.max)
  ) {
    throw new InvalidOptionsError(
      'requiredMinimumPollIntervalInSeconds',
      `requiredMinimumPollIntervalInSeconds must be a whole number of seconds from ${POLL_INTERVAL_SECONDS.min} to ${POLL_INTERVAL_SECONDS.max} (AppConfig's limit); got ${describe(interval)}. Omit it to let the service choose (60 s).`,
    );
  }
  checkPositive('requestTimeoutMs', options.requestTimeoutMs, 'milliseconds');
  checkPositive('backoff.initialDelayMs', options.backoff?.initialDelayMs, 'milliseconds');
  checkPositive('backoff.maxDelayMs', options.backoff?.maxDelayMs, 'milliseconds');
  const { initialDelayMs, maxDelayMs } = options.backoff ?? {};
  if (initialDelayMs !== undefined && maxDelayMs !== undefined && maxDelayMs < initialDelayMs) {
    throw new InvalidOptionsError(
      'backoff.maxDelayMs',
      `backoff.maxDelayMs (${maxDelayMs}) must not be less than backoff.initialDelayMs (${initialDelayMs}).`,
    );
  }
  if (
    options.headers !== undefined &&
    typeof options.headers !== 'function' &&
    typeof options.headers !== 'object'
  ) {
    throw new InvalidOptionsError(
      'headers',
      `headers must be a Headers object, a record, an array of pairs or a function; got ${describe(options.headers)}.`,
    );
  }
  for (const field of ['fetch', 'now', 'random', 'onEvent'] as const) {
    const value: unknown = options[field];
    if (value !== undefined && typeof value !== 'function') {
      throw new InvalidOptionsError(field, `${field} must be a function; got ${describe(value)}.`);
    }
  }
}
