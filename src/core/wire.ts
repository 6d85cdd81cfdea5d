/**
 * The AppConfig Data wire format in both directions. The emulator and the proxy serialise errors
 * with `errorToResponse`; the client parses them with `errorFromResponse`. One module owns both so
 * a round-trip test can prove they agree.
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

/** Headers a browser may read only when CORS exposes them. */
export const EXPOSED_HEADERS = [
  'Next-Poll-Configuration-Token',
  'Next-Poll-Interval-In-Seconds',
  'Version-Label',
  'x-amzn-ErrorType',
  'x-amzn-RequestId',
  'Retry-After',
] as const;

/** Paths of the two operations, relative to the endpoint. */
export const START_SESSION_PATH = '/configurationsessions';
export const GET_LATEST_PATH = '/configuration';
export const PATH = { startSession: START_SESSION_PATH, getLatest: GET_LATEST_PATH } as const;

/** The JSON body of an error response, in the model's member names. */
export interface ErrorBody {
  Message: string;
  Reason?: BadRequestReason;
  Details?: BadRequestDetails;
  ResourceType?: ResourceType;
  ReferencedBy?: Record<string, string>;
}

/** The wire body of a service error: `Message` always, modelled fields when set. */
export function errorToBody(error: AppConfigServiceError): ErrorBody {
  const body: ErrorBody = { Message: error.message };
  if (error instanceof BadRequestException) {
    if (error.reason) body.Reason = error.reason;
    if (error.details) body.Details = error.details;
  } else if (error instanceof ResourceNotFoundException) {
    if (error.resourceType) body.ResourceType = error.resourceType;
    if (error.referencedBy) body.ReferencedBy = error.referencedBy;
  }
  return body;
}

/**
 * A service error as an HTTP response: status, `x-amzn-ErrorType` (read by every AWS SDK) and a
 * JSON body with `Message`. `Retry-After` is added when the error carries a delay.
 */
export function errorToResponse(error: AppConfigServiceError, headers?: HeadersInit): Response {
  const out = new Headers(headers);
  out.set('Content-Type', 'application/json');
  out.set('x-amzn-ErrorType', error.code);
  if (error.retryAfterMs !== undefined) {
    out.set('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
  }
  return new Response(JSON.stringify(errorToBody(error)), { status: error.status, headers: out });
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
