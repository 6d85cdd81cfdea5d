/**
 * Reading an error response of the AppConfig Data API. The browser client loads this module with
 * `import()` on the first response that is not a success (read-error-later.ts), so the first
 * configuration's bundle does not carry it; the core client imports it, and `errorFromResponse`
 * (error-from-response.ts) is the public form of it.
 *
 * It imports no runtime code of the core, and takes the error classes from its caller: a lazily
 * loaded module that imported a core module would make a bundler split that module out of the
 * first chunk into a shared one, and the first load would pay for the split (cross-tab's
 * sharing-kit.ts measured it).
 */
import type * as errors from './errors.js';
import type { BadRequestDetails, BadRequestReason, ResourceType } from './errors.js';

/** The service error classes, in this order (service-errors.ts holds them). */
export type ServiceErrorClasses = readonly [
  typeof errors.AppConfigServiceError,
  typeof errors.BadRequestException,
  typeof errors.ResourceNotFoundException,
  typeof errors.ThrottlingException,
  typeof errors.InternalServerException,
];

// Two names of wire.ts's HEADER, written out rather than imported (see above); the round-trip
// test of wire.test.ts proves they agree with what the servers send.
const ERROR_TYPE = 'x-amzn-errortype';
const RETRY_AFTER = 'retry-after';

/**
 * Reads an error response: `readErrorResponse`, or the same loaded lazily (read-error-later.ts).
 * The clients' transport hands it the classes.
 */
export type ErrorReader = (
  ...args: Parameters<typeof readErrorResponse>
) => errors.AppConfigServiceError | Promise<errors.AppConfigServiceError>;

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
 * decisions work behind proxies that do not speak AWS errors. The classes come from the caller
 * (service-errors.ts), in `ServiceErrorClasses` order.
 */
export function readErrorResponse(
  [
    AppConfigServiceError,
    BadRequestException,
    ResourceNotFoundException,
    ThrottlingException,
    InternalServerException,
  ]: ServiceErrorClasses,
  status: number,
  headers: Headers,
  bodyText: string,
  now: number,
): errors.AppConfigServiceError {
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
