/**
 * An exception of `@aws-sdk/client-appconfigdata` as the core's typed error, so the token chain
 * treats a call through the SDK exactly like one over HTTP: the modelled fields keep their
 * meaning (`reason`, `details` and so `problem`; `resourceType`, `referencedBy`), the status and
 * `Retry-After` steer the backoff, and a failure without any response is a `NetworkError`.
 */
import {
  AppConfigServiceError,
  BadRequestException,
  InternalServerException,
  NetworkError,
  ResourceNotFoundException,
  ThrottlingException,
  type AppConfigError,
  type BadRequestDetails,
  type BadRequestReason,
  type ResourceType,
} from '../core/errors.js';
import { parseRetryAfter } from '../core/read-error-response.js';

/** The members of an SDK exception this mapping reads (all optional: anything may be thrown). */
interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { headers?: Record<string, string | undefined> };
  Reason?: unknown;
  Details?: unknown;
  ResourceType?: unknown;
  ReferencedBy?: unknown;
}

const objectOrUndefined = <T>(value: unknown): T | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as T) : undefined;

/**
 * Maps what `client.send` threw. `signal` tells a timeout (the token chain aborts with a timed-out
 * `NetworkError`; other callers may use a `TimeoutError`) from another cause of a missing response.
 */
export function fromSdkError(error: unknown, signal: AbortSignal, now: number): AppConfigError {
  const shape = (objectOrUndefined<SdkErrorShape>(error) ?? {}) as SdkErrorShape;
  const name = typeof shape.name === 'string' && shape.name ? shape.name : 'Error';
  const text = typeof shape.message === 'string' && shape.message ? shape.message : String(error);
  const status = shape.$metadata?.httpStatusCode;
  if (typeof status !== 'number') {
    // No HTTP response: a refused connection, a reset, DNS, or our signal (reset, dispose, timeout).
    const reason = signal.aborted ? (signal.reason as { name?: unknown; timedOut?: unknown }) : {};
    const timedOut = reason?.timedOut === true || reason?.name === 'TimeoutError';
    return new NetworkError(`AWS SDK request failed without a response: ${name}: ${text}`, {
      cause: error,
      timedOut,
    });
  }
  const options = {
    status,
    retryAfterMs: parseRetryAfter(shape.$response?.headers?.['retry-after'] ?? null, now),
    cause: error,
  };
  if (status < 300) {
    // A success the SDK could not read spent the token: the chain must not send it again.
    return new AppConfigServiceError('InvalidResponse', `${name}: ${text}`, options);
  }
  switch (name) {
    case 'BadRequestException':
      return new BadRequestException(
        text,
        {
          reason: shape.Reason as BadRequestReason | undefined,
          details: objectOrUndefined<BadRequestDetails>(shape.Details),
        },
        options,
      );
    case 'ResourceNotFoundException':
      return new ResourceNotFoundException(
        text,
        {
          resourceType: shape.ResourceType as ResourceType | undefined,
          referencedBy: objectOrUndefined<Record<string, string>>(shape.ReferencedBy),
        },
        options,
      );
    case 'ThrottlingException':
      return new ThrottlingException(text, options);
    case 'InternalServerException':
      return new InternalServerException(text, options);
    default:
      // AccessDenied, a bad signature, an expired session token…: the status decides on retrying.
      return new AppConfigServiceError(name, text, options);
  }
}
