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

/** Response headers of GetLatestConfiguration (lower case: `Headers` is case-insensitive). */
export const HEADER = {
  nextToken: 'next-poll-configuration-token',
  nextInterval: 'next-poll-interval-in-seconds',
  contentType: 'content-type',
  versionLabel: 'version-label',
  errorType: 'x-amzn-errortype',
  requestId: 'x-amzn-requestid',
  retryAfter: 'retry-after',
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
export const PATH = {
  startSession: '/configurationsessions',
  getLatest: '/configuration',
} as const;

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
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// The AWS SDKs accept `Name`, `Name:uri` and `namespace#Name`; keep only `Name`.
function sanitizeErrorCode(raw: string): string {
  let code = raw.split(',')[0] ?? raw;
  code = code.split(':')[0] ?? code;
  const hash = code.lastIndexOf('#');
  return (hash >= 0 ? code.slice(hash + 1) : code).trim();
}

function readJsonObject(text: string): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function stringField(body: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = body[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function objectField<T>(body: Record<string, unknown>, key: string): T | undefined {
  const value = body[key];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as T) : undefined;
}

/**
 * Reads an error response the way the AWS SDK for JavaScript does: the error type from
 * `x-amzn-ErrorType`, else the body's `code`/`Code`, else `__type`; the message from `message` or
 * `Message`. A response with no error type is classified by status (a bare 429 from a gateway is
 * still throttling), so retry decisions work behind proxies that do not speak AWS errors.
 */
export function errorFromResponse(
  status: number,
  headers: Headers,
  bodyText: string,
  now: number = Date.now(),
): AppConfigServiceError {
  const body = readJsonObject(bodyText);
  const rawCode =
    headers.get(HEADER.errorType) ?? stringField(body, 'code', 'Code', '__type') ?? undefined;
  const code = rawCode ? sanitizeErrorCode(rawCode) : undefined;
  const message = stringField(body, 'message', 'Message') ?? `HTTP ${status}`;
  const options = { status, retryAfterMs: parseRetryAfter(headers.get(HEADER.retryAfter), now) };

  switch (code ?? statusToCode(status)) {
    case 'BadRequestException':
      return new BadRequestException(
        message,
        {
          reason: stringField(body, 'Reason') as BadRequestReason | undefined,
          details: objectField<BadRequestDetails>(body, 'Details'),
        },
        options,
      );
    case 'ResourceNotFoundException':
      return new ResourceNotFoundException(
        message,
        {
          resourceType: stringField(body, 'ResourceType') as ResourceType | undefined,
          referencedBy: objectField<Record<string, string>>(body, 'ReferencedBy'),
        },
        options,
      );
    case 'ThrottlingException':
      return new ThrottlingException(message, options);
    case 'InternalServerException':
      return new InternalServerException(message, options);
    default:
      return new AppConfigServiceError(code ?? 'Unknown', message, options);
  }
}

function statusToCode(status: number): string | undefined {
  if (status === 429) return 'ThrottlingException';
  if (status >= 500) return 'InternalServerException';
  return undefined;
}

/** True when the same request may succeed later: throttling, server faults, timeouts at a gateway. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
