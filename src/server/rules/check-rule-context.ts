/**
 * Validation of a caller's context before it reaches a rule: a bounded object of string, number
 * or boolean values whose keys a rule can name as `$key`. AppConfig documents no limits for the
 * Agent's `Context` headers; these bound what one session or request may make a server hold.
 */
import { IDENTIFIER } from './tokenize-rule.js';
import type { RuleContext, RuleContextValue } from './rule-types.js';

/** Keys in one context (the same cap AppConfig puts on attributes per flag). */
export const MAX_CONTEXT_KEYS = 25;
/** Characters in a context key. */
export const MAX_CONTEXT_KEY_LENGTH = 64;
/** Characters in a string context value (AppConfig's cap on a string attribute value). */
export const MAX_CONTEXT_VALUE_LENGTH = 1024;

/** Thrown for a context that breaks a limit; `field` names the member at fault. */
export class InvalidRuleContextError extends Error {
  override readonly name = 'InvalidRuleContextError' as const;
  /** The field at fault, e.g. `Context` or `Context.userId`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/**
 * Checks `input` as a context and returns it as a frozen copy.
 * @param field - How the caller names the context in messages. Default `Context`.
 * @throws InvalidRuleContextError naming the field and the limit.
 */
export function checkRuleContext(input: unknown, field = 'Context'): RuleContext {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const kind = input === null ? 'null' : Array.isArray(input) ? 'an array' : `a ${typeof input}`;
    throw new InvalidRuleContextError(
      field,
      `${field} must be an object of key/value pairs such as {"userId": "u1"}; got ${kind}.`,
    );
  }
  const entries = Object.entries(input);
  if (entries.length > MAX_CONTEXT_KEYS) {
    throw new InvalidRuleContextError(
      field,
      `${field} may have at most ${MAX_CONTEXT_KEYS} keys; it has ${entries.length}.`,
    );
  }
  const out: Record<string, RuleContextValue> = {};
  for (const [key, value] of entries) {
    const path = `${field}.${key}`;
    if (key.length > MAX_CONTEXT_KEY_LENGTH) {
      throw new InvalidRuleContextError(
        path,
        `${field} keys may have at most ${MAX_CONTEXT_KEY_LENGTH} characters; ${JSON.stringify(key.slice(0, 20))}… has ${key.length}.`,
      );
    }
    if (!IDENTIFIER.test(key)) {
      throw new InvalidRuleContextError(
        path,
        `${field} key ${JSON.stringify(key)} must match ${IDENTIFIER.source} (letters, digits and "_", so a rule can name it as $key).`,
      );
    }
    out[key] = checkValue(value, path);
  }
  return Object.freeze(out);
}

function checkValue(value: unknown, path: string): RuleContextValue {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new InvalidRuleContextError(path, `${path} must be a finite number; got ${value}.`);
  }
  if (typeof value === 'string') {
    if (value.length <= MAX_CONTEXT_VALUE_LENGTH) return value;
    throw new InvalidRuleContextError(
      path,
      `${path} may have at most ${MAX_CONTEXT_VALUE_LENGTH} characters; it has ${value.length}.`,
    );
  }
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  throw new InvalidRuleContextError(
    path,
    `${path} must be a string, a number or a boolean; got ${kind}.`,
  );
}
