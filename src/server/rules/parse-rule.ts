/**
 * Parses an AppConfig multi-variant rule into a `RuleExpression`, checking each operator's operands
 * the way the user guide defines them, so a bad rule is refused at deploy with the position and
 * the reason rather than failing later for one caller.
 */
import { RuleSyntaxError } from './rule-syntax-error.js';
import { parseTimestamp } from './parse-timestamp.js';
import { tokenizeRule, type RuleToken } from './tokenize-rule.js';
import {
  RULE_OPERATORS,
  type RuleCall,
  type RuleContextRef,
  type RuleExpression,
  type RuleList,
  type RuleLiteral,
  type RuleOperand,
  type RuleOperator,
} from './rule-types.js';

/** Characters a rule may have. AppConfig documents no limit; ours keeps parsing cheap. */
export const MAX_RULE_LENGTH = 4096;
/** Nesting of parentheses and brackets. Ours too: it keeps evaluation's recursion shallow. */
export const MAX_RULE_DEPTH = 32;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const operators: ReadonlySet<string> = new Set(RULE_OPERATORS);
const OPERATOR_LIST = RULE_OPERATORS.join(', ');

type Value = RuleOperand | RuleList;
interface Arguments {
  positional: Value[];
  named: Map<string, { value: Value; position: number }>;
  close: number;
}

/**
 * Parses `rule`. A rule is a form in parentheses, or the constant `true` or `false`.
 * @throws RuleSyntaxError with the 0-based `position` and the `reason`.
 */
export function parseRule(rule: string): RuleExpression {
  if (typeof rule !== 'string')
    throw new RuleSyntaxError(String(rule), 0, 'a rule must be a string');
  if (rule.length > MAX_RULE_LENGTH) {
    throw new RuleSyntaxError(
      rule,
      MAX_RULE_LENGTH,
      `a rule may have at most ${MAX_RULE_LENGTH} characters; it has ${rule.length}`,
    );
  }
  return new Parser(rule, tokenizeRule(rule)).parse();
}

class Parser {
  private index = 0;

  constructor(
    private readonly rule: string,
    private readonly tokens: readonly RuleToken[],
  ) {}

  parse(): RuleExpression {
    if (this.tokens.length === 0) {
      this.fail(0, 'the rule is empty; write an expression such as (eq $plan "pro")');
    }
    const value = this.value(0);
    const extra = this.tokens[this.index];
    if (extra) this.fail(extra.position, `${describe(extra)} after the end of the rule`);
    if (value.kind === 'call' || value.kind === 'boolean') return value;
    return this.fail(
      value.position,
      `a rule must produce true or false; ${article(value)} is not a rule (write an expression such as (eq $plan "pro"))`,
    );
  }

  private fail(position: number, reason: string): never {
    throw new RuleSyntaxError(this.rule, position, reason);
  }

  private next(expected: string): RuleToken {
    const token = this.tokens[this.index++];
    if (!token) this.fail(this.rule.length, `the rule ends too early; expected ${expected}`);
    return token;
  }

  private value(depth: number): Value {
    const token = this.next('an operand');
    switch (token.type) {
      case '(':
        return this.call(token.position, depth + 1);
      case '[':
        return this.list(token.position, depth + 1);
      case 'string':
        return { kind: 'string', value: token.value, position: token.position };
      case 'atom':
        return this.atom(token.text, token.position);
      case 'context':
        return { kind: 'context', key: token.key, position: token.position };
      case 'symbol':
        if (token.name === 'true' || token.name === 'false') {
          return { kind: 'boolean', value: token.name === 'true', position: token.position };
        }
        return this.fail(
          token.position,
          operators.has(token.name)
            ? `operator "${token.name}" must come right after "(", as in (${token.name} …)`
            : `unexpected symbol "${token.name}"; strings take double quotes and context values a "$" ($${token.name})`,
        );
      case 'annotation':
        return this.fail(
          token.position,
          `named argument "${token.name}::" is not expected here; only matches, exists and split take named arguments`,
        );
      default:
        return this.fail(token.position, `${describe(token)}; expected an operand`);
    }
  }

  private atom(text: string, position: number): RuleLiteral {
    if (/^\d{4}(-|T)/.test(text)) {
      const parsed = parseTimestamp(text);
      if (!parsed.ok) this.fail(position, parsed.reason);
      return { kind: 'timestamp', value: parsed.ms, text, position };
    }
    if (/^-?\d+$/.test(text)) {
      if (/^-?0\d/.test(text)) this.fail(position, `integer ${text} has a leading zero`);
      const value = BigInt(text);
      if (value < INT64_MIN || value > INT64_MAX) {
        this.fail(
          position,
          `integer ${text} does not fit in 64 bits (${INT64_MIN} to ${INT64_MAX})`,
        );
      }
      return { kind: 'integer', value, position };
    }
    if (/^-?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(text)) {
      const value = Number(text);
      if (!Number.isFinite(value)) this.fail(position, `float ${text} is out of range`);
      return { kind: 'float', value, position };
    }
    return this.fail(position, `${JSON.stringify(text)} is neither a number nor a W3C timestamp`);
  }

  private list(position: number, depth: number): RuleList {
    this.checkDepth(position, depth);
    const items: RuleLiteral[] = [];
    for (;;) {
      const token = this.next(items.length === 0 ? 'a list item or "]"' : '"," or "]"');
      if (token.type === ']') break;
      if (items.length > 0) {
        if (token.type !== ',') {
          this.fail(token.position, `${describe(token)}; list items are separated by ","`);
        }
      } else {
        this.index--; // the first item: read it again as a value
      }
      const item = this.value(depth);
      if (item.kind === 'list' || item.kind === 'call' || item.kind === 'context') {
        this.fail(
          item.position,
          `a list holds only constants; ${article(item)} is not allowed in it`,
        );
      }
      items.push(item);
    }
    return { kind: 'list', items, position };
  }

  private call(open: number, depth: number): RuleCall {
    this.checkDepth(open, depth);
    const head = this.next('an operator');
    if (head.type !== 'symbol') {
      this.fail(
        head.position,
        `${describe(head)}; expected an operator after "(" (one of ${OPERATOR_LIST})`,
      );
    }
    if (!operators.has(head.name)) {
      this.fail(head.position, `unknown operator "${head.name}"; expected one of ${OPERATOR_LIST}`);
    }
    const args = this.arguments(open, depth);
    return this.build(head.name as RuleOperator, open, args);
  }

  private arguments(open: number, depth: number): Arguments {
    const positional: Value[] = [];
    const named = new Map<string, { value: Value; position: number }>();
    for (;;) {
      const token = this.tokens[this.index];
      if (!token) this.fail(this.rule.length, `expected ")" to close the "(" at position ${open}`);
      if (token.type === ')') {
        this.index++;
        return { positional, named, close: token.position };
      }
      if (token.type === 'annotation') {
        this.index++;
        if (named.has(token.name)) this.fail(token.position, `"${token.name}::" is given twice`);
        named.set(token.name, { value: this.value(depth), position: token.position });
      } else {
        positional.push(this.value(depth));
      }
    }
  }

  private checkDepth(position: number, depth: number): void {
    if (depth > MAX_RULE_DEPTH) {
      this.fail(position, `the rule nests deeper than ${MAX_RULE_DEPTH} levels`);
    }
  }

  private build(op: RuleOperator, position: number, args: Arguments): RuleCall {
    switch (op) {
      case 'eq':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        const [left, right] = this.operands(op, args, 2).map((v) => this.comparable(op, v));
        return { kind: 'call', op, left: left!, right: right!, position };
      }
      case 'begins_with':
      case 'ends_with':
      case 'contains': {
        const [left, right] = this.operands(op, args, 2).map((v) => this.stringy(op, v));
        return { kind: 'call', op, left: left!, right: right!, position };
      }
      case 'and':
      case 'or': {
        this.noNamed(op, args);
        if (args.positional.length < 2) {
          this.fail(args.close, `${op} takes at least 2 operands; got ${args.positional.length}`);
        }
        return {
          kind: 'call',
          op,
          operands: args.positional.map((v) => this.booleanish(op, v)),
          position,
        };
      }
      case 'not': {
        const [operand] = this.operands(op, args, 1);
        return { kind: 'call', op, operand: this.booleanish(op, operand!), position };
      }
      case 'in': {
        const [value, list] = this.operands(op, args, 2);
        if (list!.kind !== 'list') {
          this.fail(
            list!.position,
            `in takes a list of constants as its second operand, e.g. (in $userId ["123", "456"]); got ${article(list!)}`,
          );
        }
        return { kind: 'call', op, value: this.scalar(op, value!), list, position };
      }
      case 'matches':
        return this.matches(position, args);
      case 'exists': {
        const { key } = this.named(op, args, { key: 'required' }, '(exists key::"country")');
        if (key!.value.kind !== 'string') {
          this.fail(
            key!.value.position,
            `exists key:: takes a string, e.g. key::"country"; got ${article(key!.value)}`,
          );
        }
        return { kind: 'call', op, key: key!.value.value, position };
      }
      case 'split':
        return this.split(position, args);
    }
  }

  private matches(position: number, args: Arguments): RuleCall {
    const { in: input, pattern } = this.named(
      'matches',
      args,
      { in: 'required', pattern: 'required' },
      '(matches in::$greeting pattern::"h.*y")',
    );
    const value = this.scalar('matches in::', input!.value);
    if (pattern!.value.kind !== 'string') {
      this.fail(
        pattern!.value.position,
        `matches pattern:: takes a string; got ${article(pattern!.value)}`,
      );
    }
    let regex: RegExp;
    try {
      regex = new RegExp(pattern!.value.value, 'u');
    } catch (error) {
      this.fail(
        pattern!.value.position,
        `pattern is not a valid regular expression: ${(error as Error).message}`,
      );
    }
    return { kind: 'call', op: 'matches', value, pattern: regex, position };
  }

  private split(position: number, args: Arguments): RuleCall {
    const { pct, by, seed } = this.named(
      'split',
      args,
      { pct: 'required', by: 'required', seed: 'optional' },
      '(split pct::10 by::$userId seed::"abc")',
    );
    const percent = pct!.value;
    if (percent.kind !== 'integer' && percent.kind !== 'float') {
      this.fail(
        percent.position,
        `split pct:: takes a number from 0 to 100; got ${article(percent)}`,
      );
    }
    const value = Number(percent.value);
    if (value < 0 || value > 100) {
      this.fail(
        percent.position,
        `split pct:: must be from 0 to 100; got ${String(percent.value)}`,
      );
    }
    if (by!.value.kind !== 'context') {
      this.fail(
        by!.value.position,
        `split by:: takes a context reference such as $userId; got ${article(by!.value)}`,
      );
    }
    if (seed && seed.value.kind !== 'string') {
      this.fail(
        seed.value.position,
        `split seed:: takes a string, e.g. seed::"abc"; got ${article(seed.value)}`,
      );
    }
    const seedValue = seed?.value.kind === 'string' ? seed.value.value : undefined;
    return { kind: 'call', op: 'split', pct: value, by: by!.value, seed: seedValue, position };
  }

  private operands(op: string, args: Arguments, count: number): Value[] {
    this.noNamed(op, args);
    const { positional } = args;
    if (positional.length > count) {
      this.fail(
        positional[count]!.position,
        `${op} takes ${count === 1 ? '1 operand' : `${count} operands`}; got ${positional.length}`,
      );
    }
    if (positional.length < count) {
      this.fail(
        args.close,
        `${op} takes ${count === 1 ? '1 operand' : `${count} operands`}; got ${positional.length}`,
      );
    }
    return positional;
  }

  private noNamed(op: string, args: Arguments): void {
    const [first] = args.named;
    if (first) this.fail(first[1].position, `${op} takes no named arguments; got "${first[0]}::"`);
  }

  private named<K extends string>(
    op: string,
    args: Arguments,
    spec: Record<K, 'required' | 'optional'>,
    example: string,
  ): Partial<Record<K, { value: Value; position: number }>> {
    const names = Object.keys(spec) as K[];
    const list = names.map((n) => `${n}::`).join(', ');
    const [stray] = args.positional;
    if (stray)
      this.fail(stray.position, `${op} takes only named arguments (${list}), e.g. ${example}`);
    for (const [name, { position }] of args.named) {
      if (!names.includes(name as K)) {
        this.fail(position, `${op} takes ${list}; "${name}::" is not one of them`);
      }
    }
    const out: Partial<Record<K, { value: Value; position: number }>> = {};
    for (const name of names) {
      const entry = args.named.get(name);
      if (entry) out[name] = entry;
      else if (spec[name] === 'required') {
        this.fail(args.close, `${op} needs ${name}::, e.g. ${example}`);
      }
    }
    return out;
  }

  private comparable(op: string, value: Value): RuleOperand {
    if (value.kind === 'list')
      this.fail(
        value.position,
        `${op} compares single values; a list goes only in (in $key [...])`,
      );
    return value;
  }

  private scalar(op: string, value: Value): RuleLiteral | RuleContextRef {
    if (value.kind === 'list' || value.kind === 'call') {
      this.fail(value.position, `${op} takes a context value or a constant; got ${article(value)}`);
    }
    return value;
  }

  private stringy(op: string, value: Value): RuleLiteral | RuleContextRef {
    const scalar = this.scalar(op, value);
    if (scalar.kind !== 'context' && scalar.kind !== 'string') {
      this.fail(scalar.position, `${op} works on strings; got ${article(scalar)}`);
    }
    return scalar;
  }

  private booleanish(op: string, value: Value): RuleOperand {
    if (value.kind === 'call' || value.kind === 'boolean' || value.kind === 'context') return value;
    return this.fail(
      value.position,
      `${op} takes expressions that produce true or false; got ${article(value)}`,
    );
  }
}

function article(value: Value): string {
  switch (value.kind) {
    case 'call':
      return `an expression (${value.op} …)`;
    case 'list':
      return 'a list';
    case 'context':
      return `a context value ($${value.key})`;
    case 'integer':
      return `an integer (${value.value})`;
    case 'float':
      return `a float (${value.value})`;
    case 'timestamp':
      return `a timestamp (${value.text})`;
    case 'boolean':
      return `a boolean (${value.value})`;
    case 'string':
      return `a string (${JSON.stringify(value.value)})`;
  }
}

function describe(token: RuleToken): string {
  switch (token.type) {
    case 'string':
      return `unexpected string ${JSON.stringify(token.value)}`;
    case 'atom':
      return `unexpected ${JSON.stringify(token.text)}`;
    case 'context':
      return `unexpected context value $${token.key}`;
    case 'symbol':
      return `unexpected symbol "${token.name}"`;
    case 'annotation':
      return `unexpected "${token.name}::"`;
    default:
      return `unexpected "${token.type}"`;
  }
}
