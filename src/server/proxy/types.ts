/** Public types of the proxy. */
import type { RuleContext } from '../rules/rule-types.js';

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
 * - an `AuthorizeDecision` object: what the caller may read and, with the `agent` upstream, the
 *   context its variants are evaluated with;
 * - a `Response` (returned or thrown): sent as is, e.g. a 401 from `unauthorized()`.
 */
export type AuthorizeResult = boolean | void | Response | AuthorizeDecision;

/** The object form of `authorize`'s answer. Every member is optional; unknown members are refused. */
export interface AuthorizeDecision {
  /**
   * The caller sees only these (intersected with the proxy's allow-list); others answer 404 as if
   * they did not exist. Default: every allowed configuration.
   */
  allow?: readonly ConfigurationTriple[];
  /**
   * Verified context attributes (from a session cookie, a JWT…), `agent` upstream only. They are
   * applied on every request, session start and poll alike, and win over anything the browser
   * claimed for the same key, so a browser cannot claim a segment it is not in. Checked like a
   * browser's context (at most 25 keys, keys matching `^[A-Za-z_][A-Za-z0-9_]*$`, values sendable
   * in a header); a bad one is a bug in the hook: 500, logged.
   */
  context?: RuleContext;
  /**
   * The context keys THIS caller may claim itself in the session start's `Context`, instead of
   * the proxy's `contextAttributes` option. `'any'` trusts every key.
   */
  contextAttributes?: readonly string[] | 'any';
}

/**
 * How the proxy calls the Agent: a GET of `url` with `headers` (one `Context` entry per pair),
 * answered with a web `Response`. The default uses `fetch`, which joins repeated headers into one
 * `Context: a=1, b=2` line; `nodeAgentRequest` from `appconfig-react/server/node` sends one line per
 * pair, as the user guide's curl calls do.
 */
export type AgentRequest = (
  url: string,
  init: { headers: readonly (readonly [string, string])[]; signal: AbortSignal },
) => Promise<Response>;

/** The `agent` upstream: an AWS AppConfig Agent (or its Lambda extension) over its HTTP API. */
export interface AgentUpstreamOptions {
  /** The Agent's base URL, e.g. `http://localhost:2772` (the Agent's and the Lambda extension's default). */
  url: string;
  /** Sent as `Authorization: Bearer …` when the Agent has `ACCESS_TOKEN` set. Default: none. */
  accessToken?: string;
  /** How requests are sent. Default: `fetch` (see `AgentRequest`). */
  request?: AgentRequest;
  /**
   * Fan-out: most Agent answers cached at once, one per allowed configuration and context; the
   * least recently used goes first. Default 1000.
   */
  cacheEntries?: number;
}

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
      operation: UpstreamOperation;
      /** `application/environment/profile` as browsers name it. */
      configuration: string;
      ok: boolean;
      durationMs: number;
      /**
       * The SDK's error name, e.g. `ThrottlingException`, `InvalidSignatureException`; for the
       * Agent, its error type (`BadGatewayException`…), `NetworkError`, `TimeoutError` or
       * `InvalidUpstreamResponse`.
       */
      error?: string;
      /** The SDK's (or the Agent's) error message (server-side log only; browsers never see it). */
      message?: string;
    }
  | { type: 'error'; at: number; requestId?: string; message: string; error?: string };

/** A call the proxy makes upstream: to AWS through the SDK, or to the Agent's HTTP API. */
export type UpstreamOperation =
  'StartConfigurationSession' | 'GetLatestConfiguration' | 'AgentGetConfiguration';

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
  /** Calls made upstream (AWS through the SDK, or the Agent), per operation. */
  upstreamCalls: Record<UpstreamOperation, number>;
  /** Failed upstream calls by error name (the SDK's, or the Agent's error type). */
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
   * Read from an AWS AppConfig Agent (e.g. the Lambda extension beside the proxy function) over
   * its HTTP API instead of from AWS through the SDK: the Agent holds the AWS session, and it
   * evaluates multi-variant flags for each caller's context (see docs/variants.md). A string is
   * the Agent's URL. With it, `region`, `endpoint`, `credentials`, `clientConfig` and `client`
   * are refused (the Agent has its own role and region). Default: none (the AWS SDK upstream).
   */
  agent?: string | AgentUpstreamOptions;
  /**
   * Context keys a browser may claim itself in the session start's `Context`, `agent` upstream
   * only (`authorize` may decide otherwise per caller). A key outside the list gets 403, unless
   * `authorize` sets it (its verified value wins). Default `[]`: browsers claim nothing; only
   * `authorize`'s verified `context` reaches the rules. `'any'` trusts every key: only for
   * variants that grant nothing. With the SDK upstream the context is ignored (AWS does not
   * evaluate variants for SDK callers).
   */
  contextAttributes?: readonly string[] | 'any';
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
