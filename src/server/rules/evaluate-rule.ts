/**
 * Evaluates a parsed rule against a caller's context. The user guide defines what each operator
 * tests; where it is silent (missing keys, types that differ) the choices below are ours and are
 * listed in docs/variants.md:
 * - a comparison or string test on a context key that is absent is false (so `not` of it is true);
 * - a context value is read as the type of the constant it meets: "42" equals 42, "false" equals
 *   false, "2024-06-01" compares as a timestamp; values that cannot be read so make the test false;
 * - two context values compare only when they have the same type.
 */
import { parseTimestamp } from './parse-timestamp.js';
import { seededScope, splitBucket, unseededScope } from './split-bucket.js';
import type {
  RuleContext,
  RuleContextValue,
  RuleExpression,
  RuleLiteral,
  RuleOperand,
} from './rule-types.js';

/** Options of `evaluateRule`. */
export interface EvaluateRuleOptions {
  /** Key of the flag whose variant is chosen: the scope of a `split` without a seed. Default `''`. */
  flagKey?: string;
}

/** A value during evaluation. */
type Typed =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number | bigint }
  | { type: 'boolean'; value: boolean }
  | { type: 'timestamp'; value: number };

/** An operand once looked up: a constant keeps its type, a context value waits to be read. */
type Resolved =
  { from: 'literal'; typed: Typed } | { from: 'context'; raw: RuleContextValue } | undefined;

/** Whether `rule` matches `context`. Never throws for any context. */
export function evaluateRule(
  rule: RuleExpression,
  context: RuleContext,
  options: EvaluateRuleOptions = {},
): boolean {
  return test(rule, context, options.flagKey ?? '');
}

function test(node: RuleOperand, context: RuleContext, flagKey: string): boolean {
  if (node.kind === 'boolean') return node.value;
  if (node.kind === 'context') {
    const raw = lookup(context, node.key);
    return raw === true || raw === 'true';
  }
  if (node.kind !== 'call') return false;
  switch (node.op) {
    case 'and':
      return node.operands.every((operand) => test(operand, context, flagKey));
    case 'or':
      return node.operands.some((operand) => test(operand, context, flagKey));
    case 'not':
      return !test(node.operand, context, flagKey);
    case 'eq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const order = compare(
        resolve(node.left, context, flagKey),
        resolve(node.right, context, flagKey),
      );
      if (order === undefined) return false;
      if (node.op === 'eq') return order === 0;
      if (Number.isNaN(order)) return false; // equal-or-not only (booleans)
      return node.op === 'gt'
        ? order > 0
        : node.op === 'gte'
          ? order >= 0
          : node.op === 'lt'
            ? order < 0
            : order <= 0;
    }
    case 'begins_with':
    case 'ends_with':
    case 'contains': {
      const left = text(resolve(node.left, context, flagKey));
      const right = text(resolve(node.right, context, flagKey));
      if (left === undefined || right === undefined) return false;
      if (node.op === 'begins_with') return left.startsWith(right);
      if (node.op === 'ends_with') return left.endsWith(right);
      return left.includes(right);
    }
    case 'in': {
      const value = resolve(node.value, context, flagKey);
      return node.list.items.some((item) => compare(value, resolve(item, context, flagKey)) === 0);
    }
    case 'matches': {
      const value = text(resolve(node.value, context, flagKey));
      if (value === undefined) return false;
      return node.pattern.test(value);
    }
    case 'exists':
      return lookup(context, node.key) !== undefined;
    case 'split': {
      const value = text(resolve(node.by, context, flagKey));
      if (value === undefined) return false;
      const scope = node.seed === undefined ? unseededScope(flagKey) : seededScope(node.seed);
      return splitBucket(scope, value) < node.pct;
    }
  }
}

function lookup(context: RuleContext, key: string): RuleContextValue | undefined {
  return Object.hasOwn(context, key) ? context[key] : undefined;
}

function resolve(node: RuleOperand, context: RuleContext, flagKey: string): Resolved {
  switch (node.kind) {
    case 'context': {
      const raw = lookup(context, node.key);
      return raw === undefined ? undefined : { from: 'context', raw };
    }
    case 'call':
      return { from: 'literal', typed: { type: 'boolean', value: test(node, context, flagKey) } };
    default:
      return { from: 'literal', typed: literal(node) };
  }
}

function literal(node: RuleLiteral): Typed {
  switch (node.kind) {
    case 'integer':
    case 'float':
      return { type: 'number', value: node.value };
    case 'timestamp':
      return { type: 'timestamp', value: node.value };
    case 'string':
      return { type: 'string', value: node.value };
    case 'boolean':
      return { type: 'boolean', value: node.value };
  }
}

function fromRaw(raw: RuleContextValue): Typed {
  if (typeof raw === 'string') return { type: 'string', value: raw };
  if (typeof raw === 'number') return { type: 'number', value: raw };
  return { type: 'boolean', value: raw };
}

/** Reads a context value as `type`, or undefined when it cannot be read so. */
function readAs(raw: RuleContextValue, type: Typed['type']): Typed | undefined {
  switch (type) {
    case 'string':
      return { type, value: String(raw) };
    case 'boolean':
      if (typeof raw === 'boolean') return { type, value: raw };
      return raw === 'true' || raw === 'false' ? { type, value: raw === 'true' } : undefined;
    case 'number': {
      if (typeof raw === 'number') return Number.isFinite(raw) ? { type, value: raw } : undefined;
      if (typeof raw !== 'string') return undefined;
      const trimmed = raw.trim();
      if (/^-?\d+$/.test(trimmed)) return { type, value: BigInt(trimmed) };
      if (/^-?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(trimmed)) return { type, value: Number(trimmed) };
      return undefined;
    }
    case 'timestamp': {
      if (typeof raw !== 'string') return undefined;
      const parsed = parseTimestamp(raw.trim(), { bareYear: true });
      return parsed.ok ? { type, value: parsed.ms } : undefined;
    }
  }
}

/**
 * Orders two operands: negative, 0 or positive; NaN when they are comparable only for equality
 * (booleans that differ); undefined when they cannot be compared at all.
 */
function compare(a: Resolved, b: Resolved): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  let left: Typed | undefined;
  let right: Typed | undefined;
  if (a.from === 'literal' && b.from === 'literal') [left, right] = [a.typed, b.typed];
  else if (a.from === 'literal' && b.from === 'context')
    [left, right] = [a.typed, readAs(b.raw, a.typed.type)];
  else if (a.from === 'context' && b.from === 'literal')
    [left, right] = [readAs(a.raw, b.typed.type), b.typed];
  else if (a.from === 'context' && b.from === 'context')
    [left, right] = [fromRaw(a.raw), fromRaw(b.raw)];
  if (!left || !right || left.type !== right.type) return undefined;
  if (left.type === 'boolean') return left.value === right.value ? 0 : NaN;
  // Numbers may mix bigint and number: JS compares those exactly.
  const x = left.value;
  const y = right.value as typeof x;
  return x < y ? -1 : x > y ? 1 : x == y ? 0 : undefined;
}

/** The text of an operand for string tests; numbers and booleans in their usual spelling. */
function text(value: Resolved): string | undefined {
  if (value === undefined) return undefined;
  if (value.from === 'context') return String(value.raw);
  const { typed } = value;
  return typed.type === 'string' ? typed.value : undefined;
}
