/**
 * The AppConfig Data wire format as the client reads it: header names, paths and
 * `errorFromResponse`. The servers' half (`errorToResponse`, CORS header lists) lives in
 * src/server/shared, so browser bundles never carry it; a round-trip test proves the two agree.
 */
import {
  AppConfigServiceError,
  BadRequestException,
  InternalServerException,
  ResourceNotFoundException,
  ThrottlingException,
  type BadRequestDetails,
  type BadRequestReason,
  type ResourceType,
} from './errors.js';

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

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Reads an error response the way the AWS SDK for JavaScript does: the error type from
 * `x-amzn-ErrorType`, else the body's `code`/`Code`, else `__type`, keeping only `Name` of
 * `Name:uri` and `namespace#Name`; the message from `message` or `Message`. A response with no
 * error type is classified by status (a bare 429 from a gateway is still throttling), so retry
 * decisions work behind proxies that do not speak AWS errors.
 */
export function errorFromResponse(
  status: number,
  headers: Headers,
  bodyText: string,
  now: number = Date.now(),
): AppConfigServiceError {
  let body: Record<string, unknown> = {};
  try {
    // Object(): a body of `null`, a number or an array has no fields, like an empty object.
    body = Object(JSON.parse(bodyText)) as Record<string, unknown>;
  } catch {
    // Not JSON (an HTML error page, an empty body): only the status and headers count.
  }
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  const object = <T>(key: string) => {
    const value = body[key];
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as T) : undefined;
  };
  const raw = headers.get(ERROR_TYPE) ?? text('code') ?? text('Code') ?? text('__type');
  const code = raw && raw.split(/[,:]/)[0]!.split('#').pop()!.trim();
  const message = text('message') ?? text('Message') ?? `HTTP ${status}`;
  const options = { status, retryAfterMs: parseRetryAfter(headers.get(RETRY_AFTER), now) };

  switch (
    code ||
    (status === 429 ? 'ThrottlingException' : status >= 500 ? 'InternalServerException' : '')
  ) {
    case 'BadRequestException':
      return new BadRequestException(
        message,
        {
          reason: text('Reason') as BadRequestReason | undefined,
          details: object<BadRequestDetails>('Details'),
        },
        options,
      );
    case 'ResourceNotFoundException':
      return new ResourceNotFoundException(
        message,
        {
          resourceType: text('ResourceType') as ResourceType | undefined,
          referencedBy: object<Record<string, string>>('ReferencedBy'),
        },
        options,
      );
    case 'ThrottlingException':
      return new ThrottlingException(message, options);
    case 'InternalServerException':
      return new InternalServerException(message, options);
    default:
      return new AppConfigServiceError(code || 'Unknown', message, options);
  }
}

/** True when the same request may succeed later: throttling, server faults, timeouts at a gateway. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
