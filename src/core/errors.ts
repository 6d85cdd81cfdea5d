/**
 * Typed errors. The four service errors carry the AWS error names and modelled fields, so code
 * written against `@aws-sdk/client-appconfigdata` reads the same; our own errors cover what happens
 * on the client's side of the wire. Branch with `instanceof` or on the literal `name`.
 */

/** `BadRequestReason`: the model has a single value. */
export type BadRequestReason = 'InvalidParameters';

/** `InvalidParameterProblem`: why a parameter (usually the token) was refused. */
export type InvalidParameterProblem = 'Corrupted' | 'Expired' | 'PollIntervalNotSatisfied';

/** `BadRequestDetails`: a union whose only member maps a parameter name to its problem. */
export interface BadRequestDetails {
  InvalidParameters?: Record<string, { Problem?: InvalidParameterProblem }>;
}

/** `ResourceType` of a `ResourceNotFoundException`. */
export type ResourceType =
  'Application' | 'ConfigurationProfile' | 'Deployment' | 'Environment' | 'Configuration';

/** A schema's complaint about a configuration, with a plain path (`['flags', 'darkMode']`). */
export interface SchemaIssue {
  message: string;
  path?: ReadonlyArray<PropertyKey>;
}

/** Base class of every error this library throws or reports. */
export abstract class AppConfigError extends Error {
  abstract override readonly name: string;
}

/** Options for service errors: the HTTP status and, when a server sent `Retry-After`, its delay. */
export interface ServiceErrorOptions extends ErrorOptions {
  /** HTTP status of the response. */
  status?: number;
  /** Delay the server asked for (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
}

/**
 * An error response from an AppConfig Data endpoint. The four modelled errors are subclasses;
 * an error code the model does not know (for example a proxy's own 401) stays this class with its
 * `code`.
 */
export class AppConfigServiceError extends AppConfigError {
  override readonly name: string = 'AppConfigServiceError';
  /** The error type the server named (`x-amzn-ErrorType`), or `Unknown`. */
  declare readonly code: string;
  /** HTTP status of the response. */
  declare readonly status: number;
  /** Delay the server asked for with `Retry-After`, in milliseconds. */
  declare readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: ServiceErrorOptions = {}) {
    super(message, options);
    this.code = code;
    this.status = options.status ?? 400;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** 400: the request was refused. For tokens, `details.InvalidParameters` says why. */
export class BadRequestException extends AppConfigServiceError {
  override readonly name = 'BadRequestException' as const;
  declare readonly reason: BadRequestReason | undefined;
  declare readonly details: BadRequestDetails | undefined;

  constructor(
    message: string,
    fields: { reason?: BadRequestReason; details?: BadRequestDetails } = {},
    options: ServiceErrorOptions = {},
  ) {
    super('BadRequestException', message, { status: 400, ...options });
    this.reason = fields.reason;
    this.details = fields.details;
  }

  /**
   * The first `Problem` in `details`: `Corrupted`, `Expired` or `PollIntervalNotSatisfied`. An
   * answer without `Details` is read from its message ("Request too early", a token that
   * "expired", one "corrupted" or "already used"), so a gateway that drops the details does not
   * stop a client for good.
   */
  get problem(): InvalidParameterProblem | undefined {
    for (const detail of Object.values(this.details?.InvalidParameters ?? {})) {
      if (detail?.Problem) return detail.Problem;
    }
    if (/too early/i.test(this.message)) return 'PollIntervalNotSatisfied';
    if (/expired/i.test(this.message)) return 'Expired';
    if (/corrupt|already used/i.test(this.message)) return 'Corrupted';
    return undefined;
  }
}

/** 404: an application, environment or configuration profile does not exist. */
export class ResourceNotFoundException extends AppConfigServiceError {
  override readonly name = 'ResourceNotFoundException' as const;
  declare readonly resourceType: ResourceType | undefined;
  /** Maps the request parameter to the value that named the missing resource. */
  declare readonly referencedBy: Record<string, string> | undefined;

  constructor(
    message: string,
    fields: { resourceType?: ResourceType; referencedBy?: Record<string, string> } = {},
    options: ServiceErrorOptions = {},
  ) {
    super('ResourceNotFoundException', message, { status: 404, ...options });
    this.resourceType = fields.resourceType;
    this.referencedBy = fields.referencedBy;
  }
}

/** 429: too many requests; retry later with the same token. */
export class ThrottlingException extends AppConfigServiceError {
  override readonly name = 'ThrottlingException' as const;
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super('ThrottlingException', message, { status: 429, ...options });
  }
}

/** 500: the service failed; retry later with the same token. */
export class InternalServerException extends AppConfigServiceError {
  override readonly name = 'InternalServerException' as const;
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super('InternalServerException', message, { status: 500, ...options });
  }
}

/** The request never got an HTTP response: offline, DNS, CORS refusal, reset, or a timeout. */
export class NetworkError extends AppConfigError {
  override readonly name = 'NetworkError' as const;
  /** True when the client gave up waiting (see the client's `requestTimeoutMs`). */
  declare readonly timedOut: boolean;
  constructor(message: string, options: ErrorOptions & { timedOut?: boolean } = {}) {
    super(message, options);
    this.timedOut = options.timedOut ?? false;
  }
}

/**
 * A configuration arrived but could not be used: it failed to decode (bad JSON or YAML) or the
 * user's schema refused it. The last good configuration is kept.
 */
export class ConfigurationDecodeError extends AppConfigError {
  override readonly name = 'ConfigurationDecodeError' as const;
  /** `Content-Type` of the refused configuration. */
  declare readonly contentType: string;
  /** `Version-Label` of the refused configuration, when the server sent one. */
  declare readonly versionLabel: string | undefined;
  /** Schema issues, when a schema refused it. */
  declare readonly issues: ReadonlyArray<SchemaIssue> | undefined;

  constructor(
    message: string,
    fields: {
      contentType: string;
      versionLabel?: string;
      issues?: ReadonlyArray<SchemaIssue>;
    },
    options: ErrorOptions = {},
  ) {
    super(message, options);
    this.contentType = fields.contentType;
    this.versionLabel = fields.versionLabel;
    this.issues = fields.issues;
  }
}

/** An option passed to this library is missing or out of range. Thrown before any request. */
export class InvalidOptionsError extends AppConfigError {
  override readonly name = 'InvalidOptionsError' as const;
  /** The option at fault, e.g. `requiredMinimumPollIntervalInSeconds`. */
  declare readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** Any thrown value as an AppConfigError: a throwing fetch wrapper or headers function counts as the network failing. */
export function toAppConfigError(error: unknown): AppConfigError {
  if (error instanceof AppConfigError) return error;
  return new NetworkError(error instanceof Error ? error.message : String(error), { cause: error });
}
