/** Public types of the proxy. */

/**
 * - `fan-out` (default): one upstream session per allowed configuration per proxy instance; any
 *   number of browsers are served from it with the proxy's own signed, self-contained tokens.
 * - `pass-through`: each browser session is an upstream session; the proxy signs and forwards.
 */
export type ProxyMode = 'fan-out' | 'pass-through';

/** Application, environment and configuration profile, as a browser names them. */
export interface ConfigurationTriple {
  application: string;
  environment: string;
  profile: string;
}

/** One configuration browsers may read. */
export interface AllowedConfiguration extends ConfigurationTriple {
  /**
   * The identifiers sent to AWS instead (IDs or other names), so browsers never learn them.
   * Each one defaults to the browser-side name above.
   */
  upstream?: Partial<ConfigurationTriple>;
}

/**
 * What `authorize` decides:
 * - `true` or nothing: the caller may read every allowed configuration;
 * - `false`: 403 `AccessDeniedException`;
 * - `{ allow: [...] }`: the caller sees only these (intersected with the proxy's allow-list);
 *   others answer 404 as if they did not exist;
 * - a `Response` (returned or thrown): sent as is, e.g. a 401 from `unauthorized()`.
 */
export type AuthorizeResult = boolean | void | Response | { allow: readonly ConfigurationTriple[] };

/** What the server adapter knows about the connection (Node's `serve` fills `remoteAddress`). */
export interface ProxyRequestInfo {
  /** The peer's IP address: the client's, or the load balancer's behind one. */
  remoteAddress?: string;
}

/** Cross-origin access for browsers. Origins are compared exactly (scheme, host and port). */
export interface ProxyCorsOptions {
  /** Origins allowed to call the proxy, e.g. `['https://app.example.com']`. No wildcards. */
  origins: readonly string[];
  /**
   * Send `Access-Control-Allow-Credentials: true`, for cookie-authenticated proxies (the client
   * then uses `credentials: 'include'`). Default false.
   */
  credentials?: boolean;
  /** Request headers browsers may send besides the standard ones (e.g. `x-api-key`). */
  allowHeaders?: readonly string[];
  /** How long browsers may cache a preflight answer, in seconds. Default 600. */
  maxAgeSeconds?: number;
}

/** A token bucket per client: `burst` requests at once, refilled at `requestsPerSecond`. */
export interface RateLimitOptions {
  /** Sustained rate per client, in requests per second. Default 20. */
  requestsPerSecond?: number;
  /** Bucket size: requests a client may make at once. Default 100. */
  burst?: number;
  /** Clients tracked at once; the least recently seen are forgotten first. Default 10000. */
  maxClients?: number;
}

/** AWS credentials (the default provider chain is used when none are given). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/**
 * Anything with the AppConfigDataClient's `send`. It receives the SDK's
 * `StartConfigurationSessionCommand` and `GetLatestConfigurationCommand`.
 */
export interface UpstreamClient {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy?(): void;
}

/** One structured log event. Tokens, credentials and request bodies are never logged. */
export type ProxyLogEvent =
  | {
      type: 'request';
      /** Arrival time (ms since the epoch, from the proxy's clock). */
      at: number;
      requestId: string;
      method: string;
      /** Path without the base path and without the query (tokens live in the query). */
      path: string;
      operation: ProxyOperation;
      status: number;
      errorType?: string;
      durationMs: number;
      /** The rate-limit key: client IP, or `unknown`. */
      client: string;
      /** Fan-out polls: `hit` (cached copy), `miss` (waited for AWS), `stale` (AWS failed, cached copy served). */
      cache?: 'hit' | 'miss' | 'stale';
    }
  | {
      type: 'upstream';
      at: number;
      operation: 'StartConfigurationSession' | 'GetLatestConfiguration';
      /** `application/environment/profile` as browsers name it. */
      configuration: string;
      ok: boolean;
      durationMs: number;
      /** The SDK's error name, e.g. `ThrottlingException`, `InvalidSignatureException`. */
      error?: string;
      /** The SDK's error message (server-side log only; browsers never see it). */
      message?: string;
    }
  | { type: 'error'; at: number; requestId?: string; message: string; error?: string };

/** What a request was, for logs and metrics. */
export type ProxyOperation =
  'StartConfigurationSession' | 'GetLatestConfiguration' | 'Preflight' | 'Unknown';

/** Counters since the proxy was created (a snapshot copy). */
export interface ProxyMetrics {
  /** Requests handled, whatever the outcome. */
  requests: number;
  /** Responses by HTTP status, e.g. `{ "200": 10, "429": 1 }`. */
  responses: Record<string, number>;
  /** Error responses by `x-amzn-ErrorType`. */
  errors: Record<string, number>;
  /** Calls made to AWS, per operation. */
  upstreamCalls: { StartConfigurationSession: number; GetLatestConfiguration: number };
  /** Failed AWS calls by the SDK's error name. */
  upstreamErrors: Record<string, number>;
  /** Fan-out polls answered from the cached copy without calling AWS. */
  cacheHits: number;
  /** Fan-out polls that waited for an AWS call (their own or one shared with others). */
  cacheMisses: number;
  /** Fan-out polls answered from a cached copy because AWS failed. */
  staleServed: number;
  /** Requests refused by the rate limit. */
  throttled: number;
}

/** Options of `createProxy`. */
export interface ProxyOptions {
  /**
   * The only configurations served. Anything else answers 404 `ResourceNotFoundException`
   * without contacting AWS.
   */
  allow: readonly AllowedConfiguration[];
  /** Default `fan-out`. */
  mode?: ProxyMode;
  /**
   * Key of the HMAC-SHA256 that signs browser tokens: at least 32 random characters (e.g. the
   * output of `openssl rand -base64 32`); a repeated or low-entropy string is refused. Required in fan-out mode; every instance behind one load balancer
   * needs the same one. A list verifies with each and signs with the first (key rotation). In
   * pass-through mode a random per-instance key is used when omitted (then a browser must stay on
   * the instance that started its session).
   */
  secret?: string | readonly string[];
  /** AWS region. Default: the SDK's (`AWS_REGION`, then the shared config file). */
  region?: string;
  /** AppConfig Data endpoint override (tests, VPC endpoints). Default: the SDK's for the region. */
  endpoint?: string;
  /** AWS credentials or a provider. Default: the SDK's default provider chain. */
  credentials?: AwsCredentials | (() => Promise<AwsCredentials>);
  /**
   * More `AppConfigDataClient` settings, merged last. The proxy sets `maxAttempts: 1` (its own
   * backoff and the browsers' retries sit above each call, so SDK retries would multiply load
   * under throttling); set `maxAttempts` here only to change that on purpose.
   */
  clientConfig?: Record<string, unknown>;
  /** A ready client instead of one built from the options above (anything with `send`). */
  client?: UpstreamClient;
  /**
   * Smallest poll interval browsers get, in seconds (15–86400). A browser's interval is
   * `max(its RequiredMinimumPollIntervalInSeconds, this)`. Default 60.
   */
  pollIntervalSeconds?: number;
  /**
   * Fan-out: how often the proxy itself polls AWS, in seconds (15 up to `pollIntervalSeconds`:
   * the proxy refreshes more often than browsers do, as AWS advises). Default
   * `min(45, pollIntervalSeconds)` (45 s is the AppConfig Agent's default).
   */
  upstreamPollIntervalSeconds?: number;
  /** Give up on an AWS call after this long, in ms. Default 5000. */
  upstreamTimeoutMs?: number;
  /**
   * Cross-origin access. Default `false`: no CORS headers (same-origin deployments). Whether or
   * not it is set, a request whose `Origin` is neither the proxy's own nor one of `cors.origins`
   * gets 403 before any work; requests without `Origin` pass.
   */
  cors?: ProxyCorsOptions | false;
  /**
   * Runs on every request before any parsing, allow-list check or AWS call (only the rate limit
   * and CORS preflights come first). See `AuthorizeResult`. A throw that is not a Response is a
   * bug: 500, logged.
   */
  authorize?: (
    request: Request,
    info: ProxyRequestInfo,
  ) => AuthorizeResult | Promise<AuthorizeResult>;
  /** Per-client rate limit; `false` turns it off. Default `{ requestsPerSecond: 20, burst: 100 }`. */
  rateLimit?: RateLimitOptions | false;
  /**
   * Trust `X-Forwarded-For` from this many proxies in front (`true` = 1): the client is the
   * entry that many places from the right. Default false: the header is ignored.
   */
  trustProxy?: boolean | number;
  /**
   * The rate-limit key of a request. Default: `X-Forwarded-For` per `trustProxy`, else
   * `info.remoteAddress`, else `unknown` (one bucket shared by everyone).
   */
  clientId?: (request: Request, info: ProxyRequestInfo) => string;
  /** Largest request body, in bytes; larger gets 400. Default 16384 (16 KiB). */
  maxBodyBytes?: number;
  /** Path prefix the handler is mounted under, e.g. `/appconfig`. Default `''`. */
  basePath?: string;
  /** Receives structured log events. Default: none. */
  logger?: (event: ProxyLogEvent) => void;
  /** Clock in ms since the epoch. Default `Date.now()` at each call. */
  now?: () => number;
}

/** A proxy: a web-standard handler plus its controls. */
export interface AppConfigProxy {
  readonly mode: ProxyMode;
  /** The web-standard handler. Never rejects: every failure is an AppConfig error response. */
  handle(request: Request, info?: ProxyRequestInfo): Promise<Response>;
  /** `fetch` over the handler, in process; the URL's origin is ignored. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Counters since creation. */
  metrics(): ProxyMetrics;
  /**
   * Loads the AWS SDK and checks that a region is configured. Rejects with a message that says
   * what to install or set. Optional: the first request does the same.
   */
  ready(): Promise<void>;
  /** Stops serving (later requests get 503) and destroys the SDK client it created. */
  close(): void;
}
