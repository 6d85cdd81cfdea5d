/**
 * The exact `flagsChanged` list of a `PROVIDER_CONFIGURATION_CHANGED` event. OpenFeature's React
 * hooks re-evaluate only the keys listed, so the list holds every key whose answer changed and no
 * other: each key evaluated so far is compared by what it reads for each type it was read as, and
 * by its reason (a persisted value confirmed by AppConfig goes from `CACHED` to `STATIC`); a
 * boolean hook on `checkout` is not listed when only `checkout.limit` changed. Every other
 * top-level member (a flag, in a feature-flag profile) is compared by its whole value. Metadata
 * (version label, fetch time) changes with every configuration and is not compared.
 */
import type { FlagValueType } from '@openfeature/core';
import type { AppConfigSnapshot } from '../core/types.js';
import { outcomeOf, reasonOf } from './resolve-flag.js';

/** Structural equality of decoded configuration values (JSON, YAML, bytes). */
export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array)) return false;
    return a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) &&
      isDeepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** Top-level members of a document (none for arrays, text and bytes). */
const membersOf = (value: unknown): Map<string, unknown> =>
  new Map(
    typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      !ArrayBuffer.isView(value)
      ? Object.entries(value)
      : [],
  );

/** What an evaluation of `key` as `type` answers, metadata aside. */
function answerOf(snapshot: AppConfigSnapshot<unknown>, key: string, type: FlagValueType) {
  const outcome = outcomeOf(snapshot.configuration, key, type);
  return outcome.kind === 'value' ? { ...outcome, reason: reasonOf(snapshot) } : outcome;
}

/**
 * Keys whose evaluation differs between two snapshots that both hold a configuration, sorted.
 * @param evaluated every key evaluated so far, with the types it was evaluated as
 */
export function changedFlags(
  beforeSnapshot: AppConfigSnapshot<unknown>,
  afterSnapshot: AppConfigSnapshot<unknown>,
  evaluated: ReadonlyMap<string, ReadonlySet<FlagValueType>>,
): string[] {
  const before = beforeSnapshot.configuration;
  const after = afterSnapshot.configuration;
  const changed = new Set<string>();
  for (const [key, types] of evaluated) {
    for (const type of types) {
      if (!isDeepEqual(answerOf(beforeSnapshot, key, type), answerOf(afterSnapshot, key, type))) {
        changed.add(key);
        break;
      }
    }
  }
  const beforeMembers = membersOf(before);
  const afterMembers = membersOf(after);
  for (const key of new Set([...beforeMembers.keys(), ...afterMembers.keys()])) {
    if (evaluated.has(key)) continue;
    if (
      beforeMembers.has(key) !== afterMembers.has(key) ||
      !isDeepEqual(beforeMembers.get(key), afterMembers.get(key))
    ) {
      changed.add(key);
    }
  }
  return [...changed].sort();
}
