/** Public types of the core client. */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Timers } from './effects.js';
import type { AppConfigError } from './errors.js';
import type { ConfigurationStorage } from './storage.js';

/**
 * - `loading`: no configuration yet, nothing has failed yet.
 * - `ready`: a configuration is available (it may be an initial or persisted one; see `source`).
 * - `error`: no configuration is available and the last attempt failed (see `error`).
 */
export type AppConfigStatus = 'loading' | 'ready' | 'error';

/** Where the current configuration came from. */
export type ConfigurationSource = 'initial' | 'persisted' | 'network';

/**
 * What the client knows. A snapshot keeps its identity until one of its fields changes: a poll
 * that finds the configuration unchanged notifies no one.
 */
export interface AppConfigSnapshot<T = unknown> {
  status: AppConfigStatus;
  /** The last good configuration, decoded (and checked by `schema` when one is given). */
  configuration: T | undefined;
  /** `Version-Label` of the configuration, when the server sent one. */
  versionLabel: string | undefined;
  /** `Content-Type` of the configuration. */
  contentType: string | undefined;
  source: ConfigurationSource | undefined;
  /** When this configuration was received (ms since the epoch), or saved, for persisted ones. */
  fetchedAt: number | undefined;
  /** The last failure; cleared by the next successful poll. The configuration is kept regardless. */
  error: AppConfigError | undefined;
  /**
   * True when the client stopped after an error that retrying cannot fix (unknown application,
   * environment or profile; a refused request). Call `reset()` or create a new client.
   */
  stopped: boolean;
}

/** Timing of the token chain; changes on every poll, so it is kept out of the snapshot. */
export interface PollState {
  /** Earliest time (ms since the epoch) at which the next request may be sent. */
  nextPollAt: number;
  /** When the last response arrived, if any. */
  lastResponseAt: number | undefined;
  /** Interval the server asked for in its last response, in seconds. */
  intervalSeconds: number;
  /** Failures in a row; 0 after a success. */
  consecutiveFailures: number;
  /** True while a request is in flight. */
  inFlight: boolean;
}

/** What the client did, for timelines, logs and debugging. */
export type AppConfigEvent =
  | {
      type: 'session-start';
      at: number;
      reason: 'first' | 'expired' | 'corrupted' | 'token-age' | 'reset';
    }
  | { type: 'session-started'; at: number }
  | {
      type: 'poll';
      at: number;
      changed: boolean;
      versionLabel: string | undefined;
      intervalSeconds: number;
    }
  | { type: 'too-early'; at: number; retryInMs: number }
  | { type: 'error'; at: number; error: AppConfigError; retryInMs: number | undefined }
  | { type: 'rejected'; at: number; error: AppConfigError };

/** A configuration to show before the first response. */
export interface InitialConfiguration<T> {
  configuration: T;
  versionLabel?: string;
  contentType?: string;
}

/** Options of `createAppConfigClient`. */
export interface AppConfigClientOptions<T = unknown> {
  /**
   * Where the AppConfig Data API is served: our proxy or emulator (or anything compatible). An
   * absolute URL (`https://flags.example.com/appconfig`) or, in a browser, a path (`/appconfig`)
   * resolved against the page's origin.
   */
  endpoint: string;
  /** Application name or ID (1–128 characters). */
  application: string;
  /** Environment name or ID (1–128 characters). */
  environment: string;
  /** Configuration profile name or ID (1–128 characters). */
  profile: string;
  /**
   * Sent as `RequiredMinimumPollIntervalInSeconds`: whole seconds from 15 to 86400. Omitted, the
   * service chooses (60 s). The client always follows the interval the server answers with.
   */
  requiredMinimumPollIntervalInSeconds?: number;
  /** Extra request headers, or a function called before every request (e.g. a fresh bearer token). */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** `credentials` mode of each fetch, e.g. `'include'` for a cookie-authenticated proxy. Default: fetch's own (`same-origin`). */
  credentials?: RequestCredentials;
  /** The fetch to use; e.g. one that signs requests. Default: the global `fetch` at call time. */
  fetch?: typeof fetch;
  /** Give up on a request after this long, in milliseconds. Default 10000. */
  requestTimeoutMs?: number;
  /** Retry delays after throttling, server errors and network failures. */
  backoff?: {
    /** First delay in milliseconds (doubled each time, with jitter). Default 1000. */
    initialDelayMs?: number;
    /** Largest delay in milliseconds. Default 300000 (5 minutes). */
    maxDelayMs?: number;
  };
  /**
   * Any Standard Schema validator (zod, valibot, arktype…). A configuration it refuses is
   * reported as `ConfigurationDecodeError` and does not replace the last good one.
   */
  schema?: StandardSchemaV1<unknown, T>;
  /** Shown until the first response; a persisted configuration takes precedence. */
  initialConfiguration?: InitialConfiguration<T>;
  /**
   * Where to keep the last good configuration between visits (a Web Storage such as
   * `localStorage`). Default: none. Only JSON-serialisable configurations are kept, as decoded
   * (before `schema`); on the next visit `schema` runs on it again, and a kept value it refuses,
   * or one that only an asynchronous schema could check, is not used.
   */
  storage?: ConfigurationStorage;
  /** Called for every event; see also `subscribeEvents`. */
  onEvent?: (event: AppConfigEvent) => void;
  /** Timer functions. Default: the globals at call time (so fake timers work). */
  timers?: Timers;
  /** Clock in milliseconds since the epoch. Default: `Date.now` at call time. */
  now?: () => number;
  /** Random numbers in [0, 1) for jitter. Default: `Math.random`. */
  random?: () => number;
}

/** A store over the AppConfig token chain. */
export interface AppConfigClient<T = unknown> {
  /** Identifiers and endpoint this client reads, after validation. */
  readonly options: Readonly<
    Pick<
      AppConfigClientOptions<T>,
      | 'endpoint'
      | 'application'
      | 'environment'
      | 'profile'
      | 'requiredMinimumPollIntervalInSeconds'
    >
  >;
  /** Called whenever the snapshot changes. Returns the unsubscribe function. Does not start polling. */
  subscribe(listener: () => void): () => void;
  getSnapshot(): AppConfigSnapshot<T>;
  getPollState(): PollState;
  /** Milliseconds until the next request is allowed (0 when it is now); Infinity when stopped. */
  msUntilNextPoll(): number;
  /**
   * One step of the chain: starts a session when needed and polls, unless the last response or
   * backoff says it is too early, a request is already in flight (callers share it), or the client
   * is stopped or disposed. Never rejects: failures land in the snapshot.
   */
  poll(): Promise<AppConfigSnapshot<T>>;
  /** Polls on the client's own schedule until every returned stop function was called. */
  startPolling(): () => void;
  /** Forgets the session and any stop, keeping the configuration; the next poll starts afresh. */
  reset(): void;
  /** Stops everything: no timer or request remains, and late responses are ignored. */
  dispose(): void;
  subscribeEvents(listener: (event: AppConfigEvent) => void): () => void;
}
