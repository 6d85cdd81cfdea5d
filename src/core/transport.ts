/**
 * How the client reaches AppConfig Data: the two calls of the token chain, whatever carries them.
 * The default transport speaks HTTP to an endpoint (our proxy or emulator, or anything that speaks
 * the API); another can carry the calls over the official AWS SDK on a server. The token chain's
 * rules (single use, intervals, backoff, renewal) live above this interface, so every transport
 * gets them.
 */

/** Context values for multi-variant flags (sent only to servers that evaluate variants). */
export type EvaluationContext = Record<string, string | number | boolean>;

/** What StartConfigurationSession is asked for. */
export interface SessionRequest {
  application: string;
  environment: string;
  profile: string;
  /** `RequiredMinimumPollIntervalInSeconds`, omitted when undefined. */
  requiredMinimumPollIntervalInSeconds?: number;
  /** Caller context for multi-variant flags; omitted when undefined. */
  context?: EvaluationContext;
}

/** A GetLatestConfiguration answer. `body` is empty when the configuration did not change. */
export interface LatestConfiguration {
  nextToken: string;
  /** `Next-Poll-Interval-In-Seconds`; undefined when the server sent none. */
  intervalSeconds: number | undefined;
  contentType: string;
  versionLabel: string | undefined;
  body: Uint8Array;
}

/** What a session start answers: a token, or (servers that combine the calls) the first configuration. */
export type SessionStart = { token: string } | { first: LatestConfiguration };

/** What the token chain hands to each call. */
export interface CallOptions {
  /** Aborts on reset, dispose and timeout. The chain stops waiting either way. */
  signal: AbortSignal;
  /** The client's `headers` option, already resolved for this call (HTTP transports send them). */
  headers: Headers;
  /**
   * Called when the response's status and headers arrive, before its body is read. A success
   * has spent the token on the server, so a timeout while its body is still arriving must not
   * send that token again. Transports that can tell should call it.
   */
  answered?: (status: number) => void;
}

/**
 * The two AppConfig Data calls. Both reject with the core's typed errors
 * (`BadRequestException`, `ResourceNotFoundException`, `ThrottlingException`,
 * `InternalServerException`, `AppConfigServiceError`, `NetworkError`), so the token chain can tell
 * a spent token from an unspent one. The chain times calls out itself, so a transport need not.
 */
export interface AppConfigTransport {
  startSession(request: SessionRequest, options: CallOptions): Promise<SessionStart>;
  getLatest(token: string, options: CallOptions): Promise<LatestConfiguration>;
}
