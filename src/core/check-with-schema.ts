/** Runs a Standard Schema validator over a decoded configuration. */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { type SchemaIssue } from './errors.js';
import { refusedConfiguration } from './refused-configuration.js';

/** A schema's answer: its output, or the issues (with plain paths) when it refused the value. */
export type SchemaVerdict<T> = { value: T; issues?: undefined } | { issues: SchemaIssue[] };

function verdict<T>(result: StandardSchemaV1.Result<T>): SchemaVerdict<T> {
  if (!result.issues) return { value: result.value };
  return {
    issues: result.issues.map(({ message, path }) => ({
      message,
      path: (path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment)),
    })),
  };
}

/** One line per issue: `flags.darkMode.enabled: Expected boolean`. */
export function describeIssues(issues: ReadonlyArray<SchemaIssue>): string {
  return issues
    .map(({ message, path }) =>
      path?.length ? `${path.map(String).join('.')}: ${message}` : message,
    )
    .join('; ');
}

/**
 * The schema's output for `value`, or a `ConfigurationDecodeError` listing the issues. Without a
 * schema the value passes as it is.
 */
export async function checkWithSchema<T>(
  schema: StandardSchemaV1<unknown, T> | undefined,
  value: unknown,
  contentType: string,
  versionLabel: string | undefined,
): Promise<T> {
  if (!schema) return value as T;
  const checked = verdict(await schema['~standard'].validate(value));
  if (!checked.issues) return checked.value;
  throw refusedConfiguration(`does not match the schema: ${describeIssues(checked.issues)}`, {
    contentType,
    versionLabel,
    issues: checked.issues,
  });
}

/** Like `checkWithSchema`, for validators that answer synchronously; undefined for a Promise. */
export function checkWithSchemaSync<T>(
  schema: StandardSchemaV1<unknown, T>,
  value: unknown,
): SchemaVerdict<T> | undefined {
  const result = schema['~standard'].validate(value);
  return result instanceof Promise ? undefined : verdict(result);
}
