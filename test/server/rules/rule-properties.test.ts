/** Properties of rule evaluation, over random contexts and ids (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRule, parseRule } from '../../../src/server/index.js';

const IDS = 100_000;

/** `count` distinct pseudo-random ids from a 32-bit seed (xorshift32), cheap to make. */
function randomIds(seed: number, count: number): string[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state.toString(36);
  };
  return Array.from({ length: count }, (_, i) => `${next()}-${i}`);
}

const contextValue = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean());
const context = fc.dictionary(
  fc.constantFrom('userId', 'plan', 'age', 'email', 'beta'),
  contextValue,
);
const rules = fc.constantFrom(
  '(split pct::37 by::$userId)',
  '(and (eq $plan "pro") (split pct::50 by::$userId seed::"x"))',
  '(or (gt $age 30) (contains $email "@example"))',
  '(not (exists key::"beta"))',
  '(in $plan ["pro", "team"])',
  '(matches in::$email pattern::"^[a-z]+@")',
);

describe('rule properties', () => {
  it('the same context always gets the same answer', () => {
    fc.assert(
      fc.property(rules, context, fc.string({ maxLength: 10 }), (source, ctx, flagKey) => {
        const first = evaluateRule(parseRule(source), ctx, { flagKey });
        const again = evaluateRule(parseRule(source), { ...ctx }, { flagKey });
        expect(again).toBe(first);
      }),
      { numRuns: 500 },
    );
  });

  it(`a split of N% matches N% ± 1% of ${IDS} random ids`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: undefined }),
        fc.integer(),
        (pct, seed, idSeed) => {
          const rule = parseRule(
            `(split pct::${pct} by::$userId${seed === undefined ? '' : ` seed::${JSON.stringify(seed)}`})`,
          );
          let hits = 0;
          for (const userId of randomIds(idSeed, IDS)) {
            if (evaluateRule(rule, { userId }, { flagKey: 'flag' })) hits++;
          }
          expect(Math.abs((hits / IDS) * 100 - pct)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a seeded split puts each id in the same bucket in every flag', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.string({ maxLength: 8 }),
        fc.string({ maxLength: 8 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer(),
        (seed, flagA, flagB, pct, idSeed) => {
          const rule = parseRule(`(split pct::${pct} by::$userId seed::${JSON.stringify(seed)})`);
          for (const userId of randomIds(idSeed, 2000)) {
            expect(evaluateRule(rule, { userId }, { flagKey: flagA })).toBe(
              evaluateRule(rule, { userId }, { flagKey: flagB }),
            );
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('unseeded splits of two flags are independent: 50% and 50% overlap on 25% ± 1%', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
          .filter(([a, b]) => a !== b),
        fc.integer(),
        ([flagA, flagB], idSeed) => {
          const rule = parseRule('(split pct::50 by::$userId)');
          let both = 0;
          for (const userId of randomIds(idSeed, IDS)) {
            if (
              evaluateRule(rule, { userId }, { flagKey: flagA }) &&
              evaluateRule(rule, { userId }, { flagKey: flagB })
            ) {
              both++;
            }
          }
          expect(Math.abs((both / IDS) * 100 - 25)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('any string either parses or throws RuleSyntaxError with a position inside it', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[()[\]$a-z0-9" :.,_-]{0,40}$/)),
        (source) => {
          try {
            parseRule(source);
          } catch (error) {
            expect((error as Error).name).toBe('RuleSyntaxError');
            const { position } = error as { position: number };
            expect(position).toBeGreaterThanOrEqual(0);
            expect(position).toBeLessThanOrEqual(source.length);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
