/**
 * Runs the `authorize` hook and turns its answer into what the caller may see and which context
 * it may claim. It fails closed: `false` is a 403, a returned or thrown Response is sent as is,
 * and anything else thrown or returned is reported to the caller of this function (a 500
 * without detail, logged with the reason).
 */
import { AppConfigServiceError } from '../../core/errors.js';
import { errorToResponse } from '../shared/error-to-response.js';
import { InvalidRuleContextError } from '../rules/check-rule-context.js';
import { IDENTIFIER } from '../rules/tokenize-rule.js';
import type { AllowList, Visible } from './allow-list.js';
import { checkAgentContext, type ContextPolicy } from './context-policy.js';
import type {
  AuthorizeDecision,
  AuthorizeResult,
  ProxyOptions,
  ProxyRequestInfo,
} from './types.js';

/** The message of the 403 that `authorize` returning false produces. */
export const ACCESS_DENIED_MESSAGE = 'Access denied.';

/** What a caller may do, or why it may not. */
export type Access =
  Response | { visible: Visible; context: ContextPolicy } | { error: unknown; reason: string };

const DECISION_MEMBERS = new Set(['allow', 'context', 'contextAttributes']);

/**
 * @param claimable - The proxy's `contextAttributes`, used unless the hook decides otherwise.
 */
export async function authorizeRequest(
  authorize: ProxyOptions['authorize'],
  request: Request,
  info: ProxyRequestInfo,
  allowList: AllowList,
  claimable: ContextPolicy['claimable'],
): Promise<Access> {
  const defaults: ContextPolicy = { claimable, verified: {} };
  if (!authorize) return { visible: allowList.all, context: defaults };
  let result: AuthorizeResult;
  try {
    result = await authorize(request, info);
  } catch (error) {
    if (error instanceof Response) return error;
    return { error, reason: 'authorize threw' };
  }
  if (result instanceof Response) return result;
  if (result === false) return accessDenied();
  if (result === true || result === undefined) return { visible: allowList.all, context: defaults };
  // Anything else is a mistake in the hook: refuse rather than guess.
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    return unsupported('authorize returned an unsupported value');
  }
  const unknown = Object.keys(result).filter((key) => !DECISION_MEMBERS.has(key));
  if (unknown.length > 0) {
    return unsupported(`authorize returned unknown members: ${unknown.join(', ')}`);
  }
  const decision = result as AuthorizeDecision;
  if (decision.allow !== undefined && !Array.isArray(decision.allow)) {
    return unsupported('authorize returned an allow that is not a list');
  }
  const context: ContextPolicy = { claimable, verified: {} };
  if (decision.contextAttributes !== undefined) {
    const attributes = readClaimable(decision.contextAttributes);
    if (!attributes) {
      return unsupported(
        "authorize returned a contextAttributes that is not 'any' or a list of keys",
      );
    }
    context.claimable = attributes;
  }
  if (decision.context !== undefined) {
    try {
      context.verified = checkAgentContext(decision.context, 'context');
    } catch (error) {
      if (!(error instanceof InvalidRuleContextError)) throw error;
      return unsupported(`authorize returned a bad context: ${error.message}`);
    }
  }
  const visible = decision.allow ? allowList.narrow(decision.allow) : allowList.all;
  return { visible, context };
}

/** `contextAttributes` as a set, or undefined when it is neither `'any'` nor a list of keys. */
export function readClaimable(value: unknown): ContextPolicy['claimable'] | undefined {
  if (value === 'any') return 'any';
  if (
    !Array.isArray(value) ||
    !value.every((key) => typeof key === 'string' && IDENTIFIER.test(key))
  ) {
    return undefined;
  }
  return new Set(value as string[]);
}

function unsupported(reason: string) {
  return { error: new TypeError(reason), reason };
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
