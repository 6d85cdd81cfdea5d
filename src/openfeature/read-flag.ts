/**
 * Reads one flag key from a decoded configuration, for one evaluation type. The outcome is plain
 * data, so the provider can both answer an evaluation from it and compare two configurations'
 * outcomes to list the flags a deployment changed.
 */
import type { FlagValueType } from '@openfeature/core';
import type { FlagPath } from './flag-path.js';

/** What a key gives for one evaluation type. */
export type FlagOutcome =
  /** The value, of the evaluation's type. */
  | { kind: 'value'; value: unknown }
  /** A disabled AppConfig flag: `false` for booleans, the caller's default for its attributes. */
  | { kind: 'disabled'; value: boolean | undefined }
  /** Nothing at that path. */
  | { kind: 'missing'; message: string }
  /** Something of another type at that path. */
  | { kind: 'mismatch'; message: string }
  /** The configuration is not a document that keys can address (plain text, bytes). */
  | { kind: 'unreadable'; message: string };

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !ArrayBuffer.isView(value);

/** An AppConfig flag as served: an object with a boolean `enabled`. */
const isFlag = (value: unknown): value is Json & { enabled: boolean } =>
  isRecord(value) && typeof value.enabled === 'boolean';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return 'binary data';
  if (isFlag(value)) return 'a flag';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/** Reads `path` from `configuration` as a `type` value. */
export function readFlag(
  configuration: unknown,
  key: string,
  path: FlagPath,
  type: FlagValueType,
): FlagOutcome {
  if (!isRecord(configuration) && !Array.isArray(configuration)) {
    return {
      kind: 'unreadable',
      message:
        `The configuration is ${describe(configuration)}, not a JSON or YAML document, so flag ` +
        `key "${key}" cannot address it.`,
    };
  }
  let value: unknown = configuration;
  for (const [index, name] of path.entries()) {
    const where = index === 0 ? 'the configuration' : `"${path.slice(0, index).join('.')}"`;
    if (Array.isArray(value)) {
      if (!ARRAY_INDEX.test(name) || Number(name) >= value.length) {
        return { kind: 'missing', message: `Flag key "${key}": ${where} has no item ${name}.` };
      }
      value = value[Number(name)];
    } else if (isRecord(value)) {
      if (!Object.hasOwn(value, name)) {
        // AppConfig serves a disabled flag as `{ "enabled": false }`, without its attributes.
        if (isFlag(value) && !value.enabled) return { kind: 'disabled', value: undefined };
        return {
          kind: 'missing',
          message: `Flag key "${key}": ${index === 0 ? 'no flag or member' : `${where} has no member`} "${name}".`,
        };
      }
      value = value[name];
    } else {
      return {
        kind: 'missing',
        message: `Flag key "${key}": ${where} is ${describe(value)}, which has no members.`,
      };
    }
  }
  return typed(key, value, type);
}

function typed(key: string, value: unknown, type: FlagValueType): FlagOutcome {
  if (type === 'boolean' && isFlag(value)) {
    return value.enabled ? { kind: 'value', value: true } : { kind: 'disabled', value: false };
  }
  const matches =
    type === 'object'
      ? isRecord(value) || Array.isArray(value)
      : type === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
        : typeof value === type;
  if (matches) return { kind: 'value', value };
  return {
    kind: 'mismatch',
    message: `Flag key "${key}" holds ${describe(value)}, not ${type === 'object' ? 'an object' : `a ${type}`}.`,
  };
}
