/**
 * Every example of the user guide's rule pages, evaluated as the guide describes:
 * "Defining rules for multi-variant feature flags" (operand and operator tables),
 * "Understanding multi-variant feature flag rules" (BetaUsers, the split scenarios), and the
 * multi-variant samples of "Feature flag samples for AWS AppConfig Agent local development mode".
 */
import { describe, expect, it } from 'vitest';
import { evaluateRule, parseRule, type RuleContext } from '../../../src/server/index.js';

const matches = (rule: string, context: RuleContext, flagKey = 'flag') =>
  evaluateRule(parseRule(rule), context, { flagKey });

describe('operator table examples ("Defining rules for multi-variant feature flags")', () => {
  const cases: Array<[rule: string, yes: RuleContext, no: RuleContext]> = [
    ['(eq $state "Virginia")', { state: 'Virginia' }, { state: 'Texas' }],
    ['(gt $age 65)', { age: 66 }, { age: 65 }],
    ['(gte $age 65)', { age: 65 }, { age: 64 }],
    ['(lt $age 65)', { age: 64 }, { age: 65 }],
    ['(lte $age 65)', { age: 65 }, { age: 66 }],
    [
      '(and (eq $state "Virginia") (gt $age 65))',
      { state: 'Virginia', age: 70 },
      { state: 'Virginia', age: 60 },
    ],
    [
      '(or (eq $state "Virginia") (gt $age 65))',
      { state: 'Ohio', age: 70 },
      { state: 'Ohio', age: 60 },
    ],
    ['(not (eq $state "Virginia"))', { state: 'Ohio' }, { state: 'Virginia' }],
    ['(begins_with $state "A")', { state: 'Alaska' }, { state: 'Ohio' }],
    [
      '(ends_with $email "amazon.com")',
      { email: 'jane@amazon.com' },
      { email: 'jane@example.org' },
    ],
    ['(contains $promoCode "WIN")', { promoCode: 'BIGWIN24' }, { promoCode: 'LOSE' }],
    ['(in $userId ["123", "456"])', { userId: '456' }, { userId: '789' }],
    ['(matches in::$greeting pattern::"h.*y")', { greeting: 'hey' }, { greeting: 'hello' }],
    ['(exists key::"country")', { country: 'DE' }, { region: 'EU' }],
  ];
  it.each(cases)('%s', (rule, yes, no) => {
    expect(matches(rule, yes)).toBe(true);
    expect(matches(rule, no)).toBe(false);
  });

  it('reads the operand examples: strings, 64-bit integers, floats, timestamps, booleans', () => {
    expect(matches('(eq $word "Ḽơᶉëᶆ ȋṕšᶙṁ")', { word: 'Ḽơᶉëᶆ ȋṕšᶙṁ' })).toBe(true);
    expect(matches('(eq $n -7)', { n: -7 })).toBe(true);
    expect(matches('(eq $n 42)', { n: '42' })).toBe(true); // headers carry text
    expect(matches('(gt $big 9223372036854775806)', { big: '9223372036854775807' })).toBe(true);
    expect(matches('(lt $x 3.14)', { x: 3.1 })).toBe(true);
    expect(matches('(gt $x 1.234e-5)', { x: '0.001' })).toBe(true);
    expect(matches('(eq $at 2012-03-04T05:06:07-08:00)', { at: '2012-03-04T13:06:07Z' })).toBe(
      true,
    );
    expect(matches('(gte $at 2024-01)', { at: '2024-01-01' })).toBe(true);
    expect(matches('(lt $at 2024-01)', { at: '2023-12-31T23:59:59Z' })).toBe(true);
    expect(matches('(eq $beta true)', { beta: 'true' })).toBe(true);
    expect(matches('(eq $beta false)', { beta: false })).toBe(true);
    expect(matches('true', {})).toBe(true);
    expect(matches('false', {})).toBe(false);
  });
});

describe('BetaUsers ("Understanding multi-variant feature flag rules")', () => {
  // "If the context doesn't include an account ID or if the account ID ends in anything other
  // than 123, AWS AppConfig returns configuration data for the Default rule".
  const rule = '(ends_with $AccountID "123")';
  it('matches an account ending in 123 and nothing else', () => {
    expect(matches(rule, { AccountID: '000000000123' })).toBe(true);
    expect(matches(rule, { AccountID: '000000000124' })).toBe(false);
    expect(matches(rule, {})).toBe(false);
  });
});

describe('the split scenarios ("Understanding the split operator")', () => {
  const ids = Array.from({ length: 100_000 }, (_, i) => `user-${i}-${(i * 2654435761) % 1000003}`);
  /** Shares of the variants, first matching rule wins, the last one is the default. */
  function shares(rules: string[]): number[] {
    const parsed = rules.map(parseRule);
    const counts = Array.from({ length: rules.length + 1 }, () => 0);
    for (const uniqueId of ids) {
      const index = parsed.findIndex((rule) => evaluateRule(rule, { uniqueId }, { flagKey: 'f' }));
      counts[index < 0 ? rules.length : index]! += 1;
    }
    return counts.map((count) => (count / ids.length) * 100);
  }
  const near = (actual: number[], expected: number[]) =>
    actual.forEach((share, i) => expect(Math.abs(share - expected[i]!)).toBeLessThan(1));

  it('A 20 / C default gives 20 / 80', () => {
    near(shares(['(split by::$uniqueId pct::20)']), [20, 80]);
  });
  it('A 20 / B 20 / C gives 20 / 0 / 80: B only sees ids A already took', () => {
    const result = shares(['(split by::$uniqueId pct::20)', '(split by::$uniqueId pct::20)']);
    expect(result[1]).toBe(0);
    near(result, [20, 0, 80]);
  });
  it('A 20 / B 25 / C gives 20 / 5 / 75', () => {
    near(shares(['(split by::$uniqueId pct::20)', '(split by::$uniqueId pct::25)']), [20, 5, 75]);
  });
  it('different seeds: A 20 / B 25 / C gives 20 / 20 / 60', () => {
    near(
      shares([
        '(split by::$uniqueId pct::20 seed::"seed_one")',
        '(split by::$uniqueId pct::25 seed::"seed_two")',
      ]),
      [20, 20, 60],
    );
  });
  it('the same seed stacks like no seed: 20 / 5 / 75', () => {
    near(
      shares([
        '(split by::$uniqueId pct::20 seed::"s")',
        '(split by::$uniqueId pct::25 seed::"s")',
      ]),
      [20, 5, 75],
    );
  });
});

describe('local development samples (multi-variant)', () => {
  it('Sample 1 tiered_release: Tier1 gets about 1%, Tier2 about 7%, others none', () => {
    const rule = parseRule(
      '(or (and (eq $group "Tier1") (split by::$userId pct::1 seed::"2025.01.01")) (and (eq $group "Tier2") (split by::$userId pct::7 seed::"2025.01.01")))',
    );
    const share = (group: string) => {
      let hits = 0;
      for (let i = 0; i < 50_000; i++) {
        if (evaluateRule(rule, { group, userId: `u${i}` }, { flagKey: 'tiered_release' })) hits++;
      }
      return (hits / 50_000) * 100;
    };
    expect(Math.abs(share('Tier1') - 1)).toBeLessThan(0.5);
    expect(Math.abs(share('Tier2') - 7)).toBeLessThan(1);
    expect(share('Tier3')).toBe(0);
  });

  it('Sample 2 colorway: a "beta" user id picks BetaTesters; the split needs a user id', () => {
    const beta = parseRule('(contains $userId "beta")');
    expect(evaluateRule(beta, { userId: 'beta-42' })).toBe(true);
    expect(evaluateRule(beta, { userId: 'u-42' })).toBe(false);
    const split = parseRule('(split by::$userId pct::10)');
    expect(evaluateRule(split, {}, { flagKey: 'colorway' })).toBe(false);
  });
});

describe('choices where the guide is silent', () => {
  it('a missing key makes a comparison false and its negation true', () => {
    expect(matches('(eq $plan "pro")', {})).toBe(false);
    expect(matches('(not (eq $plan "pro"))', {})).toBe(true);
  });
  it("a value that cannot be read as the constant's type does not match", () => {
    expect(matches('(gt $age 65)', { age: 'old' })).toBe(false);
    expect(matches('(eq $beta true)', { beta: 'yes' })).toBe(false);
    expect(matches('(lt $at 2024-01)', { at: 'yesterday' })).toBe(false);
  });
  it('strings order by code unit; booleans only compare equal or not', () => {
    expect(matches('(lt $name "m")', { name: 'alice' })).toBe(true);
    expect(matches('(gt $beta false)', { beta: true })).toBe(false);
  });
  it('string tests read numbers and booleans in their usual spelling', () => {
    expect(matches('(begins_with $zip "90")', { zip: 90210 })).toBe(true);
    expect(matches('(in $n [1, 2, 3])', { n: '2' })).toBe(true);
  });
  it('exists sees an empty string but not a missing key', () => {
    expect(matches('(exists key::"coupon")', { coupon: '' })).toBe(true);
    expect(matches('(exists key::"toString")', {})).toBe(false);
  });
  it('matches searches anywhere in the value (not anchored)', () => {
    expect(matches('(matches in::$greeting pattern::"h.*y")', { greeting: 'oh hey there' })).toBe(
      true,
    );
  });
  it('split pct::0 never matches and pct::100 always does', () => {
    for (let i = 0; i < 1000; i++) {
      expect(matches('(split pct::0 by::$u)', { u: `id${i}` })).toBe(false);
      expect(matches('(split pct::100 by::$u)', { u: `id${i}` })).toBe(true);
    }
  });
});
