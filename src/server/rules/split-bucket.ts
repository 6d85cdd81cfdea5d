/**
 * The hash behind `split`: MurmurHash3 (x86, 32-bit) of the scope and the context value, read as a
 * point in [0, 100). `split pct::N` is true below N, so rules in one scope stack as the user guide
 * describes (A `pct::20` then B `pct::25` gives A 20%, B 5%). AppConfig does not document its hash,
 * so these buckets are consistent and uniform but not the ones AWS computes.
 */
import murmurhash from 'murmurhash';

// Separates scope and value so that ("ab", "c") and ("a", "bc") hash differently.
const SEPARATOR = '\u001f';

/**
 * Where `value` falls in `scope`, from 0 (inclusive) to 100 (exclusive). The scope is the `seed`
 * when the rule has one (the same bucket in every flag, profile and account) and otherwise the
 * flag's key (consistent within that flag only).
 */
export function splitBucket(scope: string, value: string): number {
  return (murmurhash.v3(`${scope}${SEPARATOR}${value}`) / 2 ** 32) * 100;
}

/** The scope of a `split` without a seed, evaluated for the flag `flagKey`. */
export function unseededScope(flagKey: string): string {
  return `flag${SEPARATOR}${flagKey}`;
}

/** The scope of a `split` with `seed::"…"`. */
export function seededScope(seed: string): string {
  return `seed${SEPARATOR}${seed}`;
}
