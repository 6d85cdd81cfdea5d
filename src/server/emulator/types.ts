/** Public types of the emulator. */
import type { CorsOptions } from './cors.js';
import type { FaultController } from './faults.js';
import type { RequestLogEntry } from './request-log.js';
import type { Timers } from './effects.js';
import type { SignatureRequirement } from './verify-signature.js';

/** AppConfig configuration profile types the emulator hosts. */
export type ProfileType = 'AWS.Freeform' | 'AWS.AppConfig.FeatureFlags';

/** One deployment: a new hosted version of a profile, deployed to an environment at once. */
export interface DeployInput {
  /** Application name or ID; created (with a new ID) when no application has that name or ID. */
  application: string;
  /** Environment name or ID within the application; created when missing. */
  environment: string;
  /** Configuration profile name or ID within the application; created when missing. */
  profile: string;
  /**
   * The configuration. A string or bytes is stored as given; an object is serialised as JSON.
   * For a feature-flag profile it is the STORED document `{ "version": "1", "flags", "values" }`.
   */
  content: string | Uint8Array | object;
  /** MIME type served as `Content-Type`. Default `application/json`. */
  contentType?: string;
  /** Optional label, served as `Version-Label`: 1–64 visible ASCII characters, not all digits. */
  versionLabel?: string;
  /** Profile type, fixed when the profile is created. Default: the existing profile's type, else `AWS.Freeform`. */
  type?: ProfileType;
}

/** Initial deployments, applied in order when the emulator is created. */
export type EmulatorData = readonly DeployInput[];

/** What `deploy` created or used. */
export interface DeployResult {
  applicationId: string;
  environmentId: string;
  profileId: string;
  /** Hosted version number, 1, 2, 3… per profile. */
  versionNumber: number;
  versionLabel: string | undefined;
}

/** A deployed configuration, as `describe()` lists it. */
export interface DeploymentSummary {
  application: { id: string; name: string };
  environment: { id: string; name: string };
  profile: { id: string; name: string; type: ProfileType };
  versionNumber: number;
  versionLabel: string | undefined;
  contentType: string;
}

/** A deployed configuration with its stored content (for feature flags, the stored document). */
export interface DeployedConfiguration extends DeploymentSummary {
  /** The bytes as deployed (a copy). */
  content: Uint8Array;
}

/** Names or IDs of an application, environment and profile. */
export interface ConfigurationRef {
  application: string;
  environment: string;
  profile: string;
}

/** Options of `createEmulator`. Every effect has a lazy default read at call time. */
export interface EmulatorOptions {
  /** Clock in milliseconds since the epoch. Default `() => Date.now()`, read at each call (fake timers work). */
  now?: () => number;
  /** Timers used for injected delays. Default: the global `setTimeout`/`clearTimeout`, read at each call. */
  timers?: Timers;
  /** Source of randomness in [0, 1) for resource IDs (not for tokens). Default `Math.random`. */
  random?: () => number;
  /**
   * Refuse a token that already got a response, as `Corrupted` (the documented single use).
   * `false` answers a reused token as if it were fresh, which the live service may do (NOTES §9.4).
   * Default `true`.
   */
  strictTokenReuse?: boolean;
  /**
   * When "Request too early" applies. `'requested'` (default): only in sessions that set
   * `RequiredMinimumPollIntervalInSeconds`, as the model documents. `'always'`: also enforce the
   * 60-second default.
   */
  enforcePollInterval?: 'requested' | 'always';
  /**
   * Development only, a deviation from the live service: the `Next-Poll-Interval-In-Seconds`
   * every session is told (and, where "too early" applies, held to), instead of the interval it
   * asked for or 60 s. Whole seconds, 1 to 15 (AppConfig's own shortest interval is 15 s), so an
   * edit reaches the page within a second or two. Default: off.
   */
  pollIntervalSeconds?: number;
  /** CORS for browsers. `false` sends no CORS headers. Default `{ origins: '*' }`. */
  cors?: false | CorsOptions;
  /** Path prefix the handler is mounted under, e.g. `/appconfig`. Default `''`. */
  basePath?: string;
  /** Deployments to make at creation. A refused one throws from `createEmulator`. */
  data?: EmulatorData;
  /** Called with each request's log entry. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Entries kept in `requests` (oldest dropped first). Default 1000. */
  requestLogSize?: number;
  /**
   * Require AWS SigV4 signatures (service `appconfig`), verified with `@smithy/signature-v4`
   * (an optional peer dependency, loaded on the first request). Unsigned or badly signed requests
   * get 403 like AWS: `MissingAuthenticationTokenException`, `IncompleteSignatureException`,
   * `UnrecognizedClientException` or `InvalidSignatureException`. CORS preflights stay unsigned.
   * Default: signatures are ignored.
   */
  requireSignature?: SignatureRequirement;
}

/** An in-process AWS AppConfig Data service. */
export interface Emulator {
  /** A `fetch`-compatible function that calls the handler in process; the URL's origin is ignored. */
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** The web-standard handler. Rejects with `TypeError('fetch failed')` for a `network` fault. */
  handle: (request: Request) => Promise<Response>;
  /**
   * Stores a new hosted version and deploys it, creating the application, environment and profile
   * when missing.
   * @throws FeatureFlagValidationError for a refused feature-flag document (nothing changes).
   * @throws InvalidOptionsError for a bad name, label, content type or content.
   */
  deploy: (input: DeployInput) => DeployResult;
  /** Every deployed configuration, in creation order. */
  describe: () => DeploymentSummary[];
  /** The configuration deployed for a reference (names or IDs), or undefined. */
  deployed: (ref: ConfigurationRef) => DeployedConfiguration | undefined;
  /** Fault injection for tests. */
  readonly faults: FaultController;
  /** Recent requests, oldest first (a copy). */
  readonly requests: RequestLogEntry[];
  /** Empties `requests`. */
  clearRequests: () => void;
  /** Registers a callback run by `close()` (e.g. a folder watcher). Returns an unregister function. */
  onClose: (callback: () => void) => () => void;
  /** Cancels pending injected delays and runs the `onClose` callbacks. */
  close: () => void;
}
