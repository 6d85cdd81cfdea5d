/**
 * Errors as they cross from the polling tab to the others. A `BroadcastChannel` clones an Error
 * into a plain `Error`: the class, `code`, `status`, `reason`, `details`, `retryAfterMs` and the
 * rest would be lost, and a follower's React Query state would no longer say what AppConfig said.
 * So an error travels as its name, message and modelled fields, and is rebuilt as the same class
 * on the other side. `cause` stays behind (it may be anything, and cannot always be cloned).
 */
import type * as errors from '../errors.js';
import type { AppConfigError, ConfigurationDecodeError } from '../errors.js';

/**
 * The classes errors are rebuilt with, given by the caller in this order: the module that loads
 * lazily must not import the core's own modules (sharing-kit.ts says why).
 */
export type ErrorClasses = readonly [
  typeof errors.AppConfigServiceError,
  typeof errors.BadRequestException,
  typeof errors.ResourceNotFoundException,
  typeof errors.ThrottlingException,
  typeof errors.InternalServerException,
  typeof errors.NetworkError,
  typeof errors.ConfigurationDecodeError,
];

/**
 * What the error did to the polling tab's chain: a `failure` it backs off from, the `refusal`
 * of the deployed configuration, or the `stop` of the chain until `reset()`.
 */
export type TabErrorKind = 'failure' | 'refusal' | 'stop';

/** An AppConfigError as plain, cloneable data. */
export interface TabError {
  name: string;
  message: string;
  kind: TabErrorKind;
  /** The class's own fields (`code`, `status`, `details`…), each as structured-clone data. */
  fields: Record<string, unknown>;
}

const FIELDS = [
  'code',
  'status',
  'retryAfterMs',
  'reason',
  'details',
  'resourceType',
  'referencedBy',
  'timedOut',
  'contentType',
  'versionLabel',
] as const;

/** `error` as data a channel can carry. */
export function toTabError(error: AppConfigError, kind: TabErrorKind): TabError {
  const source = error as unknown as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const field of FIELDS) {
    if (source[field] !== undefined) fields[field] = source[field];
  }
  const issues = (error as ConfigurationDecodeError).issues;
  if (issues) {
    // A path may hold symbols, which cannot be cloned: they travel as their description.
    fields.issues = issues.map(({ message, path }) => ({
      message,
      path: path?.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    }));
  }
  return { name: error.name, message: error.message, kind, fields };
}

/** The error `toTabError` described, as its own class again. */
export function fromTabError(
  { name, message, fields: f }: TabError,
  [
    AppConfigServiceError,
    BadRequestException,
    ResourceNotFoundException,
    ThrottlingException,
    InternalServerException,
    NetworkError,
    ConfigurationDecodeError,
  ]: ErrorClasses,
): AppConfigError {
  const service = { status: f.status as number, retryAfterMs: f.retryAfterMs as number };
  switch (name) {
    case 'BadRequestException':
      return new BadRequestException(
        message,
        { reason: f.reason as never, details: f.details as never },
        service,
      );
    case 'ResourceNotFoundException':
      return new ResourceNotFoundException(
        message,
        { resourceType: f.resourceType as never, referencedBy: f.referencedBy as never },
        service,
      );
    case 'ThrottlingException':
      return new ThrottlingException(message, service);
    case 'InternalServerException':
      return new InternalServerException(message, service);
    case 'AppConfigServiceError':
      return new AppConfigServiceError(String(f.code), message, service);
    case 'ConfigurationDecodeError':
      return new ConfigurationDecodeError(message, {
        contentType: f.contentType as string,
        versionLabel: f.versionLabel as string | undefined,
        issues: f.issues as never,
      });
    default:
      // NetworkError, and any error a newer version of this library may name. (Option errors
      // are thrown before any request: a leader never has one to tell.)
      return new NetworkError(message, { timedOut: f.timedOut === true });
  }
}
