/**
 * Input validation of both operations, with the model's constraints (from core/limits.ts) and
 * messages in the style of AWS validation errors:
 * `1 validation error detected: Value at 'applicationIdentifier' failed to satisfy constraint: …`.
 * The value itself is not echoed (it may be long); `Value null at …` marks a missing member.
 */
import { z } from 'zod';
import { BadRequestException } from '../../core/errors.js';
import {
  IDENTIFIER_FIELDS,
  IDENTIFIER_LENGTH,
  POLL_INTERVAL_SECONDS,
  TOKEN_PATTERN,
  type IdentifierField,
} from '../../core/limits.js';

/** A validated StartConfigurationSession request. */
export type StartSessionInput = Record<IdentifierField, string> & {
  RequiredMinimumPollIntervalInSeconds: number | undefined;
};

const NOT_NULL = 'Member must not be null';

const identifier = z
  .string({ error: (issue) => (issue.input == null ? NOT_NULL : 'Member must be a string') })
  .min(IDENTIFIER_LENGTH.min, {
    error: `Member must have length greater than or equal to ${IDENTIFIER_LENGTH.min}`,
  })
  .max(IDENTIFIER_LENGTH.max, {
    error: `Member must have length less than or equal to ${IDENTIFIER_LENGTH.max}`,
  });

/** The StartConfigurationSession body. Unknown members are ignored, as AWS does. */
export const startSessionSchema = z.object({
  ApplicationIdentifier: identifier,
  EnvironmentIdentifier: identifier,
  ConfigurationProfileIdentifier: identifier,
  // JSON null for an optional member means "not set" in restJson1.
  RequiredMinimumPollIntervalInSeconds: z
    .number({ error: 'Member must be an integer' })
    .refine(Number.isInteger, { error: 'Member must be an integer', abort: true })
    .min(POLL_INTERVAL_SECONDS.min, {
      error: `Member must have value greater than or equal to ${POLL_INTERVAL_SECONDS.min}`,
    })
    .max(POLL_INTERVAL_SECONDS.max, {
      error: `Member must have value less than or equal to ${POLL_INTERVAL_SECONDS.max}`,
    })
    .nullish(),
});

/** GetLatestConfiguration's `configuration_token` query parameter. */
export const tokenSchema = z.string({ error: NOT_NULL }).regex(TOKEN_PATTERN, {
  error: `Member must satisfy regular expression pattern: ${TOKEN_PATTERN.source}`,
});

interface Violation {
  member: string;
  message: string;
}

/** The AWS-style 400 for a list of violations (one per member). */
export function validationError(violations: readonly Violation[]): BadRequestException {
  const count = violations.length;
  const parts = violations.map(({ member, message }) => {
    const value = message === NOT_NULL ? 'Value null' : 'Value';
    return `${value} at '${member.charAt(0).toLowerCase()}${member.slice(1)}' failed to satisfy constraint: ${message}`;
  });
  return new BadRequestException(
    `${count} validation error${count === 1 ? '' : 's'} detected: ${parts.join('; ')}`,
  );
}

// zod may report several problems for one member; AWS reports one per member, in model order.
function firstPerMember(
  issues: readonly z.core.$ZodIssue[],
  order: readonly string[],
): Violation[] {
  const byMember = new Map<string, string>();
  for (const issue of issues) {
    const member = String(issue.path[0] ?? '');
    if (!byMember.has(member)) byMember.set(member, issue.message);
  }
  return order
    .filter((m) => byMember.has(m))
    .map((member) => ({ member, message: byMember.get(member)! }));
}

const MEMBER_ORDER = [...IDENTIFIER_FIELDS, 'RequiredMinimumPollIntervalInSeconds'];

/** Validates a parsed StartConfigurationSession body. @throws BadRequestException */
export function parseStartSessionInput(body: Record<string, unknown>): StartSessionInput {
  const parsed = startSessionSchema.safeParse(body);
  if (!parsed.success) throw validationError(firstPerMember(parsed.error.issues, MEMBER_ORDER));
  return {
    ...parsed.data,
    RequiredMinimumPollIntervalInSeconds:
      parsed.data.RequiredMinimumPollIntervalInSeconds ?? undefined,
  };
}

/** `configuration_token` (the first one if repeated) when valid, else undefined: no error built. */
export function validTokenOf(params: URLSearchParams): string | undefined {
  const value = params.get('configuration_token');
  // The schema's one rule, tested directly: zod runs only to word the error.
  return value !== null && TOKEN_PATTERN.test(value) ? value : undefined;
}

/**
 * `validTokenOf(new URLSearchParams(query))`, without building the params for the usual query
 * (names without escapes, a value `decodeURIComponent` reads): the same answer, else the same
 * call. `query` is the part after `?`.
 */
export function validTokenOfQuery(query: string): string | undefined {
  const value = firstParam(query, 'configuration_token');
  if (value === null) return validTokenOf(new URLSearchParams(query));
  return value !== undefined && TOKEN_PATTERN.test(value) ? value : undefined;
}

/** The first value of `name` (undefined: none); null when only URLSearchParams can tell. */
function firstParam(query: string, name: string): string | undefined | null {
  for (let start = 0; start < query.length;) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    let equals = query.indexOf('=', start);
    if (equals === -1 || equals > end) equals = end;
    const key = query.slice(start, equals);
    if (key.includes('%') || key.includes('+')) return null;
    if (key === name) {
      try {
        // The form decoding: `+` is a space, then percent-decoding (strict here, lenient there).
        return decodeURIComponent(query.slice(equals + 1, end).replaceAll('+', ' '));
      } catch {
        return null;
      }
    }
    start = end + 1;
  }
  return undefined;
}

/** Reads and validates `configuration_token` (the first one if repeated). @throws BadRequestException */
export function parseTokenQuery(params: URLSearchParams): string {
  const valid = validTokenOf(params);
  if (valid !== undefined) return valid;
  const parsed = tokenSchema.safeParse(params.get('configuration_token') ?? undefined);
  if (!parsed.success) {
    throw validationError([
      { member: 'ConfigurationToken', message: parsed.error.issues[0]?.message ?? NOT_NULL },
    ]);
  }
  return parsed.data;
}
