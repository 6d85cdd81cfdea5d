/**
 * Splits a rule into tokens: parentheses, brackets, commas, strings, numbers and timestamps,
 * `$context` references, symbols (operators, `true`, `false`) and `name::` annotations (the named
 * arguments of `matches`, `exists` and `split`). The rule text is Ion, so the lexical forms follow
 * Ion text where the user guide is silent.
 */
import { RuleSyntaxError } from './rule-syntax-error.js';

/** One token, with its 0-based start offset. */
export type RuleToken =
  | { type: '(' | ')' | '[' | ']' | ','; position: number }
  | { type: 'string'; value: string; position: number }
  | { type: 'atom'; text: string; position: number }
  | { type: 'context'; key: string; position: number }
  | { type: 'symbol'; name: string; position: number }
  | { type: 'annotation'; name: string; position: number };

/** Characters of a context key or symbol: an Ion identifier. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;
// A number or timestamp runs until whitespace or punctuation.
const ATOM_PART = /[0-9A-Za-z.:+\-_]/;
const WHITESPACE = /[ \t\r\n]/;

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
};

/** The tokens of `rule`. @throws RuleSyntaxError at the first character that starts no token. */
export function tokenizeRule(rule: string): RuleToken[] {
  const tokens: RuleToken[] = [];
  let i = 0;
  const fail = (position: number, reason: string): never => {
    throw new RuleSyntaxError(rule, position, reason);
  };
  while (i < rule.length) {
    const char = rule[i]!;
    if (WHITESPACE.test(char)) {
      i++;
    } else if (char === '(' || char === ')' || char === '[' || char === ']' || char === ',') {
      tokens.push({ type: char, position: i });
      i++;
    } else if (char === '"') {
      const { value, end } = readString(rule, i, fail);
      tokens.push({ type: 'string', value, position: i });
      i = end;
    } else if (char === '$') {
      let end = i + 1;
      while (end < rule.length && IDENTIFIER_PART.test(rule[end]!)) end++;
      const key = rule.slice(i + 1, end);
      if (!IDENTIFIER.test(key)) {
        fail(i, 'a context reference is "$" and a key of letters, digits and "_" (e.g. $userId)');
      }
      tokens.push({ type: 'context', key, position: i });
      i = end;
    } else if (/[0-9]/.test(char) || (char === '-' && /[0-9]/.test(rule[i + 1] ?? ''))) {
      let end = i + 1;
      while (end < rule.length && ATOM_PART.test(rule[end]!)) end++;
      tokens.push({ type: 'atom', text: rule.slice(i, end), position: i });
      i = end;
    } else if (IDENTIFIER_START.test(char)) {
      let end = i + 1;
      while (end < rule.length && IDENTIFIER_PART.test(rule[end]!)) end++;
      const name = rule.slice(i, end);
      if (rule.startsWith('::', end)) {
        tokens.push({ type: 'annotation', name, position: i });
        end += 2;
      } else {
        tokens.push({ type: 'symbol', name, position: i });
      }
      i = end;
    } else if (char === "'") {
      fail(i, 'strings take double quotes ("…"); single quotes make an Ion symbol');
    } else {
      fail(i, `unexpected character ${JSON.stringify(char)}`);
    }
  }
  return tokens;
}

function readString(
  rule: string,
  start: number,
  fail: (position: number, reason: string) => never,
): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < rule.length) {
    const char = rule[i]!;
    if (char === '"') return { value, end: i + 1 };
    if (char === '\n' || char === '\r') break;
    if (char !== '\\') {
      value += char;
      i++;
      continue;
    }
    const next = rule[i + 1];
    if (next === 'u') {
      const hex = rule.slice(i + 2, i + 6);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) fail(i, 'a \\u escape takes four hex digits');
      value += String.fromCharCode(parseInt(hex, 16));
      i += 6;
      continue;
    }
    const escaped = next === undefined ? undefined : ESCAPES[next];
    if (escaped === undefined) {
      fail(i, `unknown escape \\${next ?? ''} in a string (use \\", \\\\, \\n, \\t, \\uXXXX…)`);
    }
    value += escaped;
    i += 2;
  }
  return fail(start, 'the string is not closed (a string ends with " on the same line)');
}
