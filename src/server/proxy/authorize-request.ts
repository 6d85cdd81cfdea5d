/**
 * Runs the `authorize` hook and turns its answer into what the caller may see. It fails closed:
 * `false` is a 403, a returned or thrown Response is sent as is, and anything else thrown is
 * reported to the caller of this function (a 500 without detail, logged).
 */
import { AppConfigServiceError } from '../../core/errors.js';
import { errorToResponse } from '../shared/error-to-response.js';
import type { AllowList, Visible } from './allow-list.js';
import type { AuthorizeResult, ProxyOptions, ProxyRequestInfo } from './types.js';

/** The message of the 403 that `authorize` returning false produces. */
export const ACCESS_DENIED_MESSAGE = 'Access denied.';

export async function authorizeRequest(
  authorize: ProxyOptions['authorize'],
  request: Request,
  info: ProxyRequestInfo,
  allowList: AllowList,
): Promise<Response | { visible: Visible } | { error: unknown }> {
  if (!authorize) return { visible: allowList.all };
  let result: AuthorizeResult;
  try {
    result = await authorize(request, info);
  } catch (error) {
    if (error instanceof Response) return error;
    return { error };
  }
  if (result instanceof Response) return result;
  if (result === false) return accessDenied();
  if (result === true || result === undefined) return { visible: allowList.all };
  if (typeof result === 'object' && result !== null && Array.isArray(result.allow)) {
    return { visible: allowList.narrow(result.allow) };
  }
  // Anything else is a mistake in the hook: refuse rather than guess.
  return { error: new TypeError('authorize returned an unsupported value') };
}

/**
 * A 401 in the AppConfig error wire format (`x-amzn-ErrorType: UnauthorizedException`), for
 * `authorize` to return or throw when a caller is not signed in. The core client treats 401 as
 * retryable (its `headers` function may supply a fresh token next time).
 */
export function unauthorized(message = 'Authentication required.'): Response {
  return errorToResponse(
    new AppConfigServiceError('UnauthorizedException', message, { status: 401 }),
  );
}

/** A 403 in the AppConfig error wire format (`x-amzn-ErrorType: AccessDeniedException`). */
export function accessDenied(message = ACCESS_DENIED_MESSAGE): Response {
  return errorToResponse(
    new AppConfigServiceError('AccessDeniedException', message, { status: 403 }),
  );
}
