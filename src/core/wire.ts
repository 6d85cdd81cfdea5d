/**
 * The AppConfig Data wire format as the client reads it: header names and paths (an error response
 * is read by read-error-response.ts). The servers' half (`errorToResponse`, CORS header lists) lives in
 * src/server/shared, so browser bundles never carry it; a round-trip test proves the two agree.
 */
import type { BadRequestDetails, BadRequestReason, ResourceType } from './errors.js';

// Header names the client reads, one constant each so a bundle keeps only the names it uses.
export const NEXT_TOKEN = 'next-poll-configuration-token';
export const NEXT_INTERVAL = 'next-poll-interval-in-seconds';
export const CONTENT_TYPE = 'content-type';
export const VERSION_LABEL = 'version-label';
const ERROR_TYPE = 'x-amzn-errortype';
const RETRY_AFTER = 'retry-after';

/** Response headers of GetLatestConfiguration (lower case: `Headers` is case-insensitive). */
export const HEADER = {
  nextToken: NEXT_TOKEN,
  nextInterval: NEXT_INTERVAL,
  contentType: CONTENT_TYPE,
  versionLabel: VERSION_LABEL,
  errorType: ERROR_TYPE,
  requestId: 'x-amzn-requestid',
  retryAfter: RETRY_AFTER,
} as const;

/** Paths of the two operations, relative to the endpoint. */
export const START_SESSION_PATH = '/configurationsessions';
export const GET_LATEST_PATH = '/configuration';

/** The JSON body of an error response, in the model's member names. */
export interface ErrorBody {
  Message: string;
  Reason?: BadRequestReason;
  Details?: BadRequestDetails;
  ResourceType?: ResourceType;
  ReferencedBy?: Record<string, string>;
}

/** True when the same request may succeed later: throttling, server faults, timeouts at a gateway. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
