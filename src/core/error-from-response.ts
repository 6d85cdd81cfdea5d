/**
 * `errorFromResponse`: an error response as the typed service error, for custom transports. The
 * clients read errors with `readErrorResponse` itself, handing it the classes.
 */
import type { AppConfigServiceError } from './errors.js';
import { readErrorResponse } from './read-error-response.js';
import { SERVICE_ERRORS } from './service-errors.js';

/**
 * Reads an error response the way the AWS SDK for JavaScript does (see `readErrorResponse`): the
 * error type from `x-amzn-ErrorType` or the body, the message, the modelled fields and
 * `Retry-After`; a response with no error type is classified by its status.
 */
export function errorFromResponse(
  status: number,
  headers: Headers,
  bodyText: string,
  now: number = Date.now(),
): AppConfigServiceError {
  return readErrorResponse(SERVICE_ERRORS, status, headers, bodyText, now);
}
