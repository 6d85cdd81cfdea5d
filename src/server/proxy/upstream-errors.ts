/**
 * What an AWS failure means for a browser. Browsers get the error type and a fixed message only:
 * never the SDK's message, an AWS request ID, an upstream identifier, credentials or a stack.
 * - 404 from AWS → 404 `ResourceNotFoundException` naming the browser's own identifier;
 * - throttling → 429 `ThrottlingException` with `Retry-After`;
 * - a token problem (pass-through) → the same 400 `Problem`, so the client restarts or waits;
 * - anything else (signature, credentials, network, timeout, 5xx) → 500
 *   `InternalServerException: Upstream AppConfig request failed`.
 */
import {
  InternalServerException,
  ResourceNotFoundException,
  ThrottlingException,
  type AppConfigServiceError,
  type InvalidParameterProblem,
  type ResourceType,
} from '../../core/errors.js';
import { IDENTIFIER_FIELDS, type IdentifierField } from '../../core/limits.js';
import { tokenProblem, TOKEN_MESSAGES, TOO_EARLY_MESSAGE } from '../shared/token-errors.js';
import type { ConfigurationTriple } from './types.js';

export const UPSTREAM_FAILED_MESSAGE = 'Upstream AppConfig request failed';
/** Retry-After sent when AWS throttles the proxy. */
export const UPSTREAM_THROTTLED_RETRY_MS = 5000;

const RESOURCE_TYPES: readonly ResourceType[] = [
  'Application',
  'ConfigurationProfile',
  'Deployment',
  'Environment',
  'Configuration',
];

/** An AWS failure, classified. */
export type UpstreamFailure =
  | { kind: 'not-found'; name: string; resourceType?: ResourceType; field?: IdentifierField }
  | { kind: 'throttled'; name: string }
  | { kind: 'token'; name: string; problem: InvalidParameterProblem }
  | { kind: 'failed'; name: string; status?: number };

interface SdkError {
  name?: unknown;
  message?: unknown;
  ResourceType?: unknown;
  ReferencedBy?: unknown;
  Details?: { InvalidParameters?: Record<string, { Problem?: unknown } | undefined> };
  $metadata?: { httpStatusCode?: number };
}

export function classifyUpstreamError(error: unknown): UpstreamFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkError;
  const name = typeof e.name === 'string' && e.name ? e.name : 'Error';
  const status = e.$metadata?.httpStatusCode;
  if (name === 'ResourceNotFoundException') {
    const resourceType = RESOURCE_TYPES.find((t) => t === e.ResourceType);
    const referenced =
      typeof e.ReferencedBy === 'object' && e.ReferencedBy !== null
        ? Object.keys(e.ReferencedBy)
        : [];
    const field = IDENTIFIER_FIELDS.find((f) => referenced.includes(f));
    return { kind: 'not-found', name, resourceType, field };
  }
  if (name === 'ThrottlingException' || status === 429) return { kind: 'throttled', name };
  if (name === 'BadRequestException') {
    const problems = Object.values(e.Details?.InvalidParameters ?? {}).map((d) => d?.Problem);
    const problem =
      problems.find(
        (p): p is InvalidParameterProblem =>
          p === 'Expired' || p === 'Corrupted' || p === 'PollIntervalNotSatisfied',
      ) ?? (e.message === TOO_EARLY_MESSAGE ? 'PollIntervalNotSatisfied' : undefined);
    if (problem) return { kind: 'token', name, problem };
  }
  return status === undefined ? { kind: 'failed', name } : { kind: 'failed', name, status };
}

/**
 * Whether a failed GetLatestConfiguration calls for a new upstream session: a token problem other
 * than "too early", or any other 4xx that is not throttling. AWS's answer to an expired token may
 * carry no `Details` (unverified either way), so the status decides, not the message.
 */
export function needsNewSession(failure: UpstreamFailure): boolean {
  if (failure.kind === 'token') return failure.problem !== 'PollIntervalNotSatisfied';
  if (failure.kind === 'not-found') return true;
  return (
    failure.kind === 'failed' &&
    failure.status !== undefined &&
    failure.status >= 400 &&
    failure.status < 500
  );
}

const FIELD_OF: Record<IdentifierField, keyof ConfigurationTriple> = {
  ApplicationIdentifier: 'application',
  EnvironmentIdentifier: 'environment',
  ConfigurationProfileIdentifier: 'profile',
};

const PROBLEM_MESSAGES: Record<InvalidParameterProblem, string> = {
  Expired: TOKEN_MESSAGES.expired,
  Corrupted: TOKEN_MESSAGES.unknown,
  PollIntervalNotSatisfied: TOO_EARLY_MESSAGE,
};

/** The browser's error for an AWS failure on `triple`. */
export function toBrowserError(
  failure: UpstreamFailure,
  triple: ConfigurationTriple,
): AppConfigServiceError {
  switch (failure.kind) {
    case 'not-found': {
      const fields: { resourceType?: ResourceType; referencedBy?: Record<string, string> } = {};
      if (failure.resourceType) fields.resourceType = failure.resourceType;
      // Name the browser's identifier, never the upstream one it maps to.
      if (failure.field) fields.referencedBy = { [failure.field]: triple[FIELD_OF[failure.field]] };
      return new ResourceNotFoundException('The requested configuration was not found.', fields);
    }
    case 'throttled':
      return new ThrottlingException('Rate exceeded; retry later.', {
        retryAfterMs: UPSTREAM_THROTTLED_RETRY_MS,
      });
    case 'token':
      return tokenProblem(failure.problem, PROBLEM_MESSAGES[failure.problem]);
    case 'failed':
      return new InternalServerException(UPSTREAM_FAILED_MESSAGE);
  }
}
