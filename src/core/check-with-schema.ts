/** Runs a Standard Schema validator over a decoded configuration. */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { ConfigurationDecodeError } from './errors.js';

function formatPath(
  path: ReadonlyArray<PropertyKey | StandardSchemaV1.PathSegment> | undefined,
): PropertyKey[] {
  return (path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment));
}

/** Issues of a failed validation, with plain paths. */
export function toIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>) {
  return issues.map((issue) => ({ message: issue.message, path: formatPath(issue.path) }));
}

/** One line per issue: `flags.darkMode.enabled: Expected boolean`. */
export function describeIssues(
  issues: ReadonlyArray<{ message: string; path?: ReadonlyArray<PropertyKey> }>,
): string {
  return issues
    .map((issue) =>
      issue.path?.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message,
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
  const result = await schema['~standard'].validate(value);
  if (!result.issues) return result.value;
  const issues = toIssues(result.issues);
  throw new ConfigurationDecodeError(
    `The configuration${versionLabel ? ` "${versionLabel}"` : ''} does not match the schema: ${describeIssues(issues)}. The last good configuration is kept.`,
    { contentType, issues, ...(versionLabel === undefined ? {} : { versionLabel }) },
  );
}

/** Like `checkWithSchema`, but only for validators that answer synchronously; undefined otherwise. */
export function checkWithSchemaSync<T>(
  schema: StandardSchemaV1<unknown, T>,
  value: unknown,
): { ok: true; value: T } | { ok: false } | undefined {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) return undefined;
  return result.issues ? { ok: false } : { ok: true, value: result.value };
}
