/**
 * Rules AppConfig would refuse at deploy, each with the exact position and reason we give.
 * Positions are 0-based character offsets into the rule.
 */
import { describe, expect, it } from 'vitest';
import { RuleSyntaxError, parseRule } from '../../../src/server/index.js';

const OPERATORS =
  'eq, gt, gte, lt, lte, and, or, not, begins_with, ends_with, contains, in, matches, exists, split';
const NOT_A_RULE = '(write an expression such as (eq $plan "pro"))';

const cases: Array<[rule: string, position: number, reason: string]> = [
  ['', 0, 'the rule is empty; write an expression such as (eq $plan "pro")'],
  ['   ', 0, 'the rule is empty; write an expression such as (eq $plan "pro")'],
  [
    '$plan',
    0,
    `a rule must produce true or false; a context value ($plan) is not a rule ${NOT_A_RULE}`,
  ],
  ['"pro"', 0, `a rule must produce true or false; a string ("pro") is not a rule ${NOT_A_RULE}`],
  ['42', 0, `a rule must produce true or false; an integer (42) is not a rule ${NOT_A_RULE}`],
  ['[1, 2]', 0, `a rule must produce true or false; a list is not a rule ${NOT_A_RULE}`],
  ['(', 1, 'the rule ends too early; expected an operator'],
  ['()', 1, `unexpected ")"; expected an operator after "(" (one of ${OPERATORS})`],
  ['(eq $a 1', 8, 'expected ")" to close the "(" at position 0'],
  ['(eq $a 1))', 9, 'unexpected ")" after the end of the rule'],
  ['(eq $a 1) (eq $b 2)', 10, 'unexpected "(" after the end of the rule'],
  ['(equals $a 1)', 1, `unknown operator "equals"; expected one of ${OPERATORS}`],
  [
    '("eq" $a 1)',
    1,
    `unexpected string "eq"; expected an operator after "(" (one of ${OPERATORS})`,
  ],
  ['(eq eq 1)', 4, 'operator "eq" must come right after "(", as in (eq …)'],
  ['(eq $a)', 6, 'eq takes 2 operands; got 1'],
  ['(eq $a 1 2)', 9, 'eq takes 2 operands; got 3'],
  ['(eq $a [1])', 7, 'eq compares single values; a list goes only in (in $key [...])'],
  ['(eq pct::1 $a)', 4, 'eq takes no named arguments; got "pct::"'],
  ['(and (eq $a 1))', 14, 'and takes at least 2 operands; got 1'],
  ['(or)', 3, 'or takes at least 2 operands; got 0'],
  ['(not)', 4, 'not takes 1 operand; got 0'],
  ['(not (eq $a 1) (eq $b 2))', 15, 'not takes 1 operand; got 2'],
  [
    '(and "yes" (eq $a 1))',
    5,
    'and takes expressions that produce true or false; got a string ("yes")',
  ],
  ['(not 1)', 5, 'not takes expressions that produce true or false; got an integer (1)'],
  ['(begins_with $a 1)', 16, 'begins_with works on strings; got an integer (1)'],
  [
    '(contains $a (eq $b 1))',
    13,
    'contains takes a context value or a constant; got an expression (eq …)',
  ],
  [
    '(in $a "x")',
    7,
    'in takes a list of constants as its second operand, e.g. (in $userId ["123", "456"]); got a string ("x")',
  ],
  ['(in $a [$b])', 8, 'a list holds only constants; a context value ($b) is not allowed in it'],
  ['(in $a ["x" "y"])', 12, 'unexpected string "y"; list items are separated by ","'],
  ['(in $a ["x",])', 12, 'unexpected "]"; expected an operand'],
  ['(in [1] [1])', 4, 'in takes a context value or a constant; got a list'],
  [
    '(matches $a "x")',
    9,
    'matches takes only named arguments (in::, pattern::), e.g. (matches in::$greeting pattern::"h.*y")',
  ],
  ['(matches in::$a)', 15, 'matches needs pattern::, e.g. (matches in::$greeting pattern::"h.*y")'],
  [
    '(matches in::$a pattern::"(")',
    25,
    'pattern is not a valid regular expression: Invalid regular expression: /(/u: Unterminated group',
  ],
  ['(matches in::$a pattern::1)', 25, 'matches pattern:: takes a string; got an integer (1)'],
  [
    '(matches in::$a pattern::"x" flags::"i")',
    29,
    'matches takes in::, pattern::; "flags::" is not one of them',
  ],
  [
    '(exists "country")',
    8,
    'exists takes only named arguments (key::), e.g. (exists key::"country")',
  ],
  [
    '(exists key::$country)',
    13,
    'exists key:: takes a string, e.g. key::"country"; got a context value ($country)',
  ],
  ['(exists key::"a" key::"b")', 17, '"key::" is given twice'],
  ['(split pct::10)', 14, 'split needs by::, e.g. (split pct::10 by::$userId seed::"abc")'],
  ['(split by::$u)', 13, 'split needs pct::, e.g. (split pct::10 by::$userId seed::"abc")'],
  ['(split pct::101 by::$u)', 12, 'split pct:: must be from 0 to 100; got 101'],
  ['(split pct::-1 by::$u)', 12, 'split pct:: must be from 0 to 100; got -1'],
  ['(split pct::"10" by::$u)', 12, 'split pct:: takes a number from 0 to 100; got a string ("10")'],
  [
    '(split pct::10 by::"u")',
    19,
    'split by:: takes a context reference such as $userId; got a string ("u")',
  ],
  [
    '(split pct::10 by::$u seed::1)',
    28,
    'split seed:: takes a string, e.g. seed::"abc"; got an integer (1)',
  ],
  ["(eq $a 'x')", 7, 'strings take double quotes ("…"); single quotes make an Ion symbol'],
  ['(eq $a "x)', 7, 'the string is not closed (a string ends with " on the same line)'],
  ['(eq $a "\\q")', 8, 'unknown escape \\q in a string (use \\", \\\\, \\n, \\t, \\uXXXX…)'],
  ['(eq $a "\\u12")', 8, 'a \\u escape takes four hex digits'],
  ['(eq $ 1)', 4, 'a context reference is "$" and a key of letters, digits and "_" (e.g. $userId)'],
  [
    '(eq $a 9223372036854775808)',
    7,
    'integer 9223372036854775808 does not fit in 64 bits (-9223372036854775808 to 9223372036854775807)',
  ],
  ['(eq $a 007)', 7, 'integer 007 has a leading zero'],
  ['(eq $a 12abc)', 7, '"12abc" is neither a number nor a W3C timestamp'],
  ['(eq $a 1e999)', 7, 'float 1e999 is out of range'],
  ['(eq $a 2024-13)', 7, 'month 13 is not 01 to 12'],
  ['(eq $a 2023-02-29)', 7, 'day 29 is not in 2023-02 (1 to 28)'],
  ['(eq $a 2024-01-01T25:00Z)', 7, 'hour 25 is not 00 to 23'],
  [
    '(eq $a 2024-01-01T10:00)',
    7,
    'the time of 2024-01-01T10:00 needs a zone designator: Z or ±hh:mm',
  ],
  ['(eq $a @)', 7, 'unexpected character "@"'],
  [
    '(eq $a null)',
    7,
    'unexpected symbol "null"; strings take double quotes and context values a "$" ($null)',
  ],
  ['(x:: 1)', 1, `unexpected "x::"; expected an operator after "(" (one of ${OPERATORS})`],
  ['(and ', 5, 'expected ")" to close the "(" at position 0'],
  [`${'(not '.repeat(40)}true${')'.repeat(40)}`, 160, 'the rule nests deeper than 32 levels'],
  [`(eq $a "${'x'.repeat(5000)}")`, 4096, 'a rule may have at most 4096 characters; it has 5010'],
];

describe('bad rules are refused with the position and the reason', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('%j → at %i: %s', (rule, position, reason) => {
    let thrown: unknown;
    try {
      parseRule(rule);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleSyntaxError);
    const error = thrown as RuleSyntaxError;
    expect(error.name).toBe('RuleSyntaxError');
    expect({ position: error.position, reason: error.reason, rule: error.rule }).toEqual({
      position,
      reason,
      rule,
    });
    expect(error.message).toBe(`Invalid rule at position ${position}: ${reason}`);
  });

  it('accepts the nesting limit exactly', () => {
    expect(() => parseRule(`${'(not '.repeat(32)}true${')'.repeat(32)}`)).not.toThrow();
  });
});
