/** Public types of the core client. */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Timers } from './effects.js';
import type { AppConfigError } from './errors.js';
import type { ConfigurationStorage } from './storage.js';
import type { AppConfigTransport, EvaluationContext } from './transport.js';

/**
 * - `loading`: no configuration yet, nothing has failed yet.
 * - `ready`: a configuration is available (it may be an initial or persisted one; see `source`).
 * - `error`: no configuration is available and the last attempt failed (see `error`).
 */
export type AppConfigStatus = 'loading' | 'ready' | 'error';

/**
 * Where the current configuration came from: `initial` (the `initialConfiguration` option),
 * `persisted` (kept from an earlier visit), `server` (fetched on the server for this page, e.g. by
 * `prefetchAppConfig`) or `network` (this client's own session).
 */
export type ConfigurationSource = 'initial' | 'persisted' | 'server' | 'network';

/**
 * A configuration with what is known of it: the value of a React Query query, and the part of a
 * snapshot that a poll changes. Keeps its identity until something in it really changed.
 */
export interface ConfigurationData<T = unknown> {
  /** The last good configuration, decoded (and checked by `schema`); undefined when none is deployed yet. */
  configuration: T | undefined;
  /** `Version-Label` of the configuration, when the server sent one. */
  versionLabel: string | undefined;
  /** `Content-Type` of the configuration. */
  contentType: string | undefined;
  source: ConfigurationSource | undefined;
  /** When this configuration was received (ms since the epoch), or saved, for persisted ones. */
  fetchedAt: number | undefined;
}

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

/**
 * Why a session starts: the first one; the last token `expired` or was refused as `corrupted`; a
 * response came `interrupted` (its body broke off, so its token is spent and no next one came);
 * the token reached its 24 hours (`token-age`); `reset()`.
 */
export type SessionReason =
  'first' | 'expired' | 'corrupted' | 'interrupted' | 'token-age' | 'reset';

/** What the client did, for timelines, logs and debugging. */
export type AppConfigEvent =
  | { type: 'session-start'; at: number; reason: SessionReason }
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
  /**
   * When it was fetched (ms since the epoch), for a value fetched on a server. With it, the newer
   * of this and a persisted configuration is shown first; without it, a persisted one wins.
   */
  fetchedAt?: number;
}

/** Options of `createAppConfigClient`. */
export interface AppConfigClientOptions<T = unknown> {
  /**
   * Where the AppConfig Data API is served: our proxy or emulator (or anything compatible). An
   * absolute URL (`https://flags.example.com/appconfig`) or, in a browser, a path (`/appconfig`)
   * resolved against the page's origin. Required unless a `transport` is given.
   */
  endpoint?: string;
  /**
   * Carries the two AppConfig Data calls instead of HTTP to `endpoint`, e.g. over the official AWS
   * SDK on a server. The token chain's rules apply to any transport.
   */
  transport?: AppConfigTransport;
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
  /**
   * Caller context for multi-variant flags (`{ userId, plan }`), sent with the session start to
   * servers that evaluate variants (the appconfig-react proxy and emulator). Fixed for the
   * client's life: a new context is a new client.
   */
  context?: EvaluationContext;
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
  /**
   * Clock in milliseconds since the epoch, for tests. Default: `Date.now` at call time, with the
   * schedule on `performance.now` (so a wall-clock jump neither stops nor hurries polling); a
   * clock given here times the schedule too.
   */
  now?: () => number;
  /** Random numbers in [0, 1) for jitter. Default: `Math.random`. */
  random?: () => number;
}

/** @internal A configuration body as received, and its decoded value (see `seen`). */
export interface ReceivedConfiguration {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly versionLabel: string | undefined;
  /** The decoded configuration, before any schema; undefined when the body did not decode. */
  value?: unknown;
}

/**
 * One AppConfig session and its token chain, with no store and no scheduler of its own: what the
 * React bindings give React Query (which schedules and holds the state), and the base of
 * `AppConfigClient`.
 */
export interface AppConfigSessionClient<T = unknown> {
  /** Identifiers and endpoint this client reads, after validation. */
  readonly options: Readonly<
    Pick<
      AppConfigClientOptions<T>,
      | 'endpoint'
      | 'application'
      | 'environment'
      | 'profile'
      | 'requiredMinimumPollIntervalInSeconds'
      | 'context'
    >
  >;
  /** The current configuration and what is known of it; undefined before any. */
  getData(): ConfigurationData<T> | undefined;
  /**
   * One step of the chain for a scheduler (the React bindings give it to React Query as the query
   * function): sends a request only when one is due, and resolves with the configuration data
   * after it (unchanged when nothing was due or nothing changed). Concurrent callers share one
   * step. Rejects with the error that stopped the client, the last failure while backing off after
   * it, or the `ConfigurationDecodeError` of a deployed configuration that was refused (the last
   * good data stays). `current` is data the caller already shows (a server-rendered value); it is
   * adopted first when it is newer.
   */
  fetchLatest(current?: ConfigurationData<T>): Promise<ConfigurationData<T>>;
  getPollState(): PollState;
  /** Milliseconds until the next request is allowed (0 when it is now, or one is in flight); Infinity when stopped. */
  msUntilNextPoll(): number;
  /** The error of the deployed configuration when it was refused (undecodable, or refused by `schema`). */
  refusal(): AppConfigError | undefined;
  /** The error that stopped the client (unknown profile, refused request), until `reset()`. */
  stoppedBy(): AppConfigError | undefined;
  /**
   * @internal The last configuration body received, with its decoded value before the schema
   * (none when it did not decode): what a tab leading the others shares, each running its own
   * schema on it. Not part of the public API.
   */
  seen?(): ReceivedConfiguration | undefined;
  /** Forgets the session and any stop, keeping the configuration; the next poll starts afresh. */
  reset(): void;
  /** Stops everything: no timer or request remains, and late responses are ignored. */
  dispose(): void;
  subscribeEvents(listener: (event: AppConfigEvent) => void): () => void;
}

/** A store over the AppConfig token chain, with a scheduler of its own. */
export interface AppConfigClient<T = unknown> extends AppConfigSessionClient<T> {
  /** Called whenever the snapshot changes. Returns the unsubscribe function. Does not start polling. */
  subscribe(listener: () => void): () => void;
  getSnapshot(): AppConfigSnapshot<T>;
  /**
   * One step of the chain: starts a session when needed and polls, unless the last response or
   * backoff says it is too early, a request is already in flight (callers share it), or the client
   * is stopped or disposed. Never rejects: failures land in the snapshot.
   */
  poll(): Promise<AppConfigSnapshot<T>>;
  /** Polls on the client's own schedule until every returned stop function was called. */
  startPolling(): () => void;
}
