/**
 * Which context a caller's variants are evaluated with (`agent` upstream). The session start's
 * `Context` is a browser's claim: the proxy keeps only the keys this caller may claim
 * (`contextAttributes`, or what `authorize` decided), refuses the others, and `authorize`'s
 * verified attributes win over a claim of the same key. Only the kept claims travel in the
 * browser's token; the verified ones come from `authorize` again on every request, so a token
 * carries no identity of its own.
 */
import { AppConfigServiceError, BadRequestException } from '../../core/errors.js';
import {
  checkRuleContext,
  InvalidRuleContextError,
  MAX_CONTEXT_KEYS,
} from '../rules/check-rule-context.js';
import type { RuleContext, RuleContextValue } from '../rules/rule-types.js';

/**
 * Largest claimed context a token carries, in bytes of JSON: tokens must fit the model's 8192
 * characters (`^\S{1,8192}$`) after base64, with room for the other claims.
 */
export const MAX_TOKEN_CONTEXT_BYTES = 4096;

/** What one caller may claim, and what the server knows for sure. */
export interface ContextPolicy {
  /** Keys the caller may set itself. */
  claimable: ReadonlySet<string> | 'any';
  /** Verified attributes from `authorize`; they win over claims. */
  verified: RuleContext;
}

/** No claims allowed, nothing verified: the default without `authorize`. */
export const NO_CONTEXT: ContextPolicy = { claimable: new Set(), verified: {} };

// A header value without CR, LF or other controls, and without the leading or trailing spaces
// HTTP would strip: anything else would reach the Agent changed, or not at all.
const HEADER_SAFE = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;

/** Why `value` cannot travel in a `Context: key=value` header, or undefined when it can. */
export function headerProblem(path: string, value: RuleContextValue): string | undefined {
  if (HEADER_SAFE.test(String(value))) return undefined;
  return `${path} must be printable ASCII without leading or trailing spaces: it reaches the AppConfig Agent in a "Context" header, which cannot carry it unchanged.`;
}

/** Checks a context and that each value fits a header. @throws InvalidRuleContextError */
export function checkAgentContext(input: unknown, field: string): RuleContext {
  const context = checkRuleContext(input, field);
  for (const [key, value] of Object.entries(context)) {
    const problem = headerProblem(`${field}.${key}`, value);
    if (problem) throw new InvalidRuleContextError(`${field}.${key}`, problem);
  }
  return context;
}

const encoder = new TextEncoder();

/**
 * The claims a session keeps from a StartConfigurationSession body's `Context` member, or
 * undefined for none. `null` or an absent member claims nothing.
 * @throws BadRequestException for a context over the limits; AppConfigServiceError 403
 *   `AccessDeniedException` for a key this caller may not claim.
 */
export function claimedContext(input: unknown, policy: ContextPolicy): RuleContext | undefined {
  if (input === undefined || input === null) return undefined;
  let claims: RuleContext;
  try {
    claims = checkAgentContext(input, 'Context');
  } catch (error) {
    if (error instanceof InvalidRuleContextError) throw new BadRequestException(error.message);
    throw error;
  }
  const kept: Record<string, RuleContextValue> = {};
  const refused: string[] = [];
  for (const [key, value] of Object.entries(claims)) {
    if (Object.hasOwn(policy.verified, key)) continue; // the verified value wins
    if (policy.claimable === 'any' || policy.claimable.has(key)) kept[key] = value;
    else refused.push(key);
  }
  if (refused.length > 0) throw forbidden(refused, policy.claimable as ReadonlySet<string>);
  const keys = new Set([...Object.keys(kept), ...Object.keys(policy.verified)]).size;
  if (keys > MAX_CONTEXT_KEYS) {
    throw new BadRequestException(
      `Context and the proxy's verified attributes may have at most ${MAX_CONTEXT_KEYS} keys together; they have ${keys}.`,
    );
  }
  if (Object.keys(kept).length === 0) return undefined;
  const bytes = encoder.encode(JSON.stringify(kept)).byteLength;
  if (bytes > MAX_TOKEN_CONTEXT_BYTES) {
    throw new BadRequestException(
      `Context is too large for the proxy's session token: at most ${MAX_TOKEN_CONTEXT_BYTES} bytes as JSON; got ${bytes}.`,
    );
  }
  return kept;
}

function forbidden(keys: readonly string[], claimable: ReadonlySet<string>): AppConfigServiceError {
  const named = keys.map((key) => `Context.${key}`);
  const list =
    named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  const allowed = claimable.size === 0 ? 'none' : [...claimable].join(', ');
  return new AppConfigServiceError(
    'AccessDeniedException',
    `${list} may not be set by the caller. Keys a caller may set: ${allowed} (contextAttributes); the proxy sets verified ones itself in authorize.`,
    { status: 403 },
  );
}

/** The context a request is evaluated with: the session's claims under the verified attributes. */
export function effectiveContext(
  claims: RuleContext | undefined,
  verified: RuleContext,
): RuleContext {
  if (!claims) return verified;
  return { ...claims, ...verified };
}

/** The Agent's `Context` headers for `context`, one per pair, in key order. */
export function contextHeaders(context: RuleContext): [string, string][] {
  return Object.keys(context)
    .sort()
    .map((key) => ['Context', `${key}=${String(context[key])}`]);
}

/**
 * A cache key for `context` as the Agent sees it: every value is a header string, so `1` and
 * `"1"` are one context. Keys never hold `=` and values never hold a line break.
 */
export function contextKey(context: RuleContext): string {
  return contextHeaders(context)
    .map(([, pair]) => pair)
    .join('\n');
}
