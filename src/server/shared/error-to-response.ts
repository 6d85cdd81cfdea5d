/**
 * The server half of the AppConfig Data wire format: a typed service error as an HTTP response.
 * The client half (`errorFromResponse`) lives in `src/core/wire.ts`; the round-trip test in
 * test/core/wire.test.ts proves the two agree. It lives here so that browser bundles of
 * `appconfig-react/core` never carry it.
 */
import type { AppConfigServiceError } from '../../core/errors.js';
import { BadRequestException, ResourceNotFoundException } from '../../core/errors.js';
import type { ErrorBody } from '../../core/wire.js';

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
 * JSON body with `Message`. `Retry-After` (whole seconds, rounded up) is added when the error
 * carries a delay.
 */
export function errorToResponse(
  error: AppConfigServiceError,
  headers?: Record<string, string>,
): Response {
  const out: Record<string, string> = {
    ...headers,
    'Content-Type': 'application/json',
    'x-amzn-ErrorType': error.code,
  };
  if (error.retryAfterMs !== undefined) {
    out['Retry-After'] = String(Math.ceil(error.retryAfterMs / 1000));
  }
  return new Response(JSON.stringify(errorToBody(error)), { status: error.status, headers: out });
}
