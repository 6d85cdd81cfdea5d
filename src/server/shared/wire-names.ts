/** Paths and header lists only servers need (the client has its own names in core/wire.ts). */
import { GET_LATEST_PATH, START_SESSION_PATH } from '../../core/wire.js';

/** Paths of the two operations, relative to the endpoint. */
export const PATH = { startSession: START_SESSION_PATH, getLatest: GET_LATEST_PATH } as const;

/**
 * `POST /configurationsessions?include=configuration`: the combined first call. The session start
 * answers 200 with exactly what its first GetLatestConfiguration would (headers and body), so
 * our client needs one round trip; without the parameter the answer is the standard 201.
 */
export const INCLUDE_CONFIGURATION = 'configuration';

/** Response headers a browser may read only when CORS exposes them. */
export const EXPOSED_HEADERS = [
  'Next-Poll-Configuration-Token',
  'Next-Poll-Interval-In-Seconds',
  'Version-Label',
  'x-amzn-ErrorType',
  'x-amzn-RequestId',
  'Retry-After',
] as const;

/** Request headers the AWS SDK and our client send (SigV4, retry and user-agent headers). */
export const ALLOWED_REQUEST_HEADERS = [
  'content-type',
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-user-agent',
  'x-amz-content-sha256',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
] as const;
