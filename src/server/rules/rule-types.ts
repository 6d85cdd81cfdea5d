/**
 * The parsed form of an AppConfig multi-variant rule (an Ion s-expression) and the context it is
 * evaluated against. Source: AWS AppConfig User Guide, "Defining rules for multi-variant feature flags".
 */

/** A value a caller passes in the context: header values arrive as strings. */
export type RuleContextValue = string | number | boolean;

/** The caller's context: `{ userId: "u1", plan: "pro", age: 42 }`. Referenced as `$userId`. */
export type RuleContext = Readonly<Record<string, RuleContextValue>>;

/** A constant written in a rule. Integers are 64-bit, kept as `bigint`; timestamps in ms since the epoch. */
export type RuleLiteral =
  | { kind: 'string'; value: string; position: number }
  | { kind: 'integer'; value: bigint; position: number }
  | { kind: 'float'; value: number; position: number }
  | { kind: 'timestamp'; value: number; text: string; position: number }
  | { kind: 'boolean'; value: boolean; position: number };

/** `$key`: a value looked up in the context at evaluation time. */
export interface RuleContextRef {
  kind: 'context';
  key: string;
  position: number;
}

/** `["a", "b"]`: a list of constants (the right side of `in`). */
export interface RuleList {
  kind: 'list';
  items: RuleLiteral[];
  position: number;
}

/** Operators that compare two operands. */
export type ComparisonOperator = 'eq' | 'gt' | 'gte' | 'lt' | 'lte';
/** Operators on strings. */
export type StringOperator = 'begins_with' | 'ends_with' | 'contains';

/** `(operator …)`: every form produces a boolean. */
export type RuleCall =
  | {
      kind: 'call';
      op: ComparisonOperator;
      left: RuleOperand;
      right: RuleOperand;
      position: number;
    }
  | { kind: 'call'; op: StringOperator; left: RuleOperand; right: RuleOperand; position: number }
  | { kind: 'call'; op: 'and' | 'or'; operands: RuleOperand[]; position: number }
  | { kind: 'call'; op: 'not'; operand: RuleOperand; position: number }
  | { kind: 'call'; op: 'in'; value: RuleOperand; list: RuleList; position: number }
  | { kind: 'call'; op: 'matches'; value: RuleOperand; pattern: RegExp; position: number }
  | { kind: 'call'; op: 'exists'; key: string; position: number }
  | {
      kind: 'call';
      op: 'split';
      pct: number;
      by: RuleContextRef;
      seed: string | undefined;
      position: number;
    };

/** Anything that can stand as an operand. */
export type RuleOperand = RuleLiteral | RuleContextRef | RuleCall;

/** A parsed rule: a boolean form, or the constant `true` / `false`. */
export type RuleExpression = RuleCall | Extract<RuleLiteral, { kind: 'boolean' }>;

/** Every operator, in the order the user guide lists them. */
export const RULE_OPERATORS = [
  'eq',
  'gt',
  'gte',
  'lt',
  'lte',
  'and',
  'or',
  'not',
  'begins_with',
  'ends_with',
  'contains',
  'in',
  'matches',
  'exists',
  'split',
] as const;

/** One of `RULE_OPERATORS`. */
export type RuleOperator = (typeof RULE_OPERATORS)[number];
