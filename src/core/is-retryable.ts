/** Which failures are worth retrying after a backoff, and which stop the client. */
import {
  AppConfigServiceError,
  BadRequestException,
  NetworkError,
  type AppConfigError,
} from './errors.js';
import { isRetryableStatus } from './wire.js';

/**
 * Retried with backoff: network failures and timeouts, throttling, server faults, a response we
 * could not use or whose body broke off, a token refused again right after a new session, and 401 (a proxy's bearer token
 * may have expired; the `headers` function gets to supply a fresh one). Everything else that a
 * server refused (404, 403, validation errors) would fail the same way again: the client stops.
 */
export function isRetryable(error: AppConfigError): boolean {
  if (error instanceof BadRequestException) {
    return error.problem === 'Expired' || error.problem === 'Corrupted';
  }
  if (error instanceof AppConfigServiceError) {
    return /Response$/.test(error.code) || error.status === 401 || isRetryableStatus(error.status);
  }
  return error instanceof NetworkError;
}
