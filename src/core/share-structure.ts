/**
 * Structural sharing, done once per configuration in the client rather than once per reader: the
 * parts of a new configuration that equal the last one keep the last one's objects, so a reader of
 * one flag (or of the whole object) can tell "unchanged" by identity, at no cost per reader. The
 * same idea as TanStack Query's `replaceEqualDeep`, kept here because the core depends on nothing.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** `next`, with every part deeply equal to the same part of `previous` replaced by that part. */
export function shareStructure<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return previous as T;
  const array = Array.isArray(next);
  if (array ? !Array.isArray(previous) : !(isPlainObject(previous) && isPlainObject(next))) {
    return next;
  }
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = Object.keys(after);
  const out: Record<string, unknown> = array ? ([] as unknown as Record<string, unknown>) : {};
  let same = keys.length === Object.keys(before).length;
  for (const key of keys) {
    const value = shareStructure(before[key], after[key]);
    out[key] = value;
    if (!Object.is(value, before[key]) || !Object.hasOwn(before, key)) same = false;
  }
  return (same ? previous : out) as T;
}
