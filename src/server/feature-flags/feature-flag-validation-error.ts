/** One refused part of a feature-flag document. */
export interface FeatureFlagIssue {
  /** Dotted path of the field at fault, e.g. `values.darkMode.enabled`; `(root)` for the document. */
  path: string;
  /** What is wrong, naming the limit that was broken. */
  message: string;
}

// A long list helps nobody in an exception message; `issues` keeps them all.
const MAX_LISTED_ISSUES = 5;

/**
 * Thrown when a feature-flag document breaks AppConfig's `AWS.AppConfig.FeatureFlags` rules, as
 * `CreateHostedConfigurationVersion` would refuse it. The previously deployed version stays served.
 */
export class FeatureFlagValidationError extends Error {
  override readonly name = 'FeatureFlagValidationError' as const;
  /** Every problem found, in document order. Never empty. */
  readonly issues: readonly FeatureFlagIssue[];

  constructor(issues: readonly FeatureFlagIssue[]) {
    super(formatIssues(issues));
    this.issues = issues;
  }
}

function formatIssues(issues: readonly FeatureFlagIssue[]): string {
  const listed = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((issue) => `${issue.path}: ${issue.message}`);
  const more = issues.length - listed.length;
  const tail = more > 0 ? `; and ${more} more issue${more === 1 ? '' : 's'}` : '';
  return `Feature flag document refused: ${listed.join('; ')}${tail}`;
}

/** Formats a path of keys as `a.b.c` (array indexes as `[0]`). */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(root)' : out;
}
