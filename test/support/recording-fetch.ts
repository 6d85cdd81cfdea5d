/**
 * Wraps an in-process fetch (the emulator's) and records every request with what the client sent
 * and what it got back, so tests can check the token-chain invariants after the fact.
 */
export interface RecordedRequest {
  operation: 'StartConfigurationSession' | 'GetLatestConfiguration' | 'Other';
  token: string | undefined;
  sentAt: number;
  /** Undefined when no response came (a network failure). */
  status: number | undefined;
  answeredAt: number | undefined;
  nextToken: string | undefined;
  intervalSeconds: number | undefined;
  errorType: string | undefined;
  problem: string | undefined;
  bodyLength: number;
  /** True when the response's body broke off before its end. */
  bodyBroken?: boolean;
  /** Requests in flight when this one was sent, this one included. */
  concurrent: number;
  /**
   * A session start answered with the session's first configuration (the combined first call,
   * `?include=configuration`): a poll as well as a start.
   */
  combined: boolean;
}

// An in-process handler ignores the signal; a real fetch stops waiting when it fires. Do the same
// so that a request the client gave up on counts as never answered.
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function recordingFetch(inner: typeof fetch, now: () => number = () => Date.now()) {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  const fetchFn: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const operation = url.pathname.endsWith('/configurationsessions')
      ? 'StartConfigurationSession'
      : url.pathname.endsWith('/configuration')
        ? 'GetLatestConfiguration'
        : 'Other';
    const entry: RecordedRequest = {
      operation,
      token: url.searchParams.get('configuration_token') ?? undefined,
      sentAt: now(),
      status: undefined,
      answeredAt: undefined,
      nextToken: undefined,
      intervalSeconds: undefined,
      errorType: undefined,
      problem: undefined,
      bodyLength: 0,
      concurrent: ++inFlight,
      combined: false,
    };
    requests.push(entry);
    let response: Response;
    try {
      response = await abortable(inner(input, init), init?.signal ?? undefined);
    } finally {
      inFlight -= 1;
    }
    const copy = response.clone();
    entry.status = response.status;
    entry.answeredAt = now();
    entry.nextToken = response.headers.get('next-poll-configuration-token') ?? undefined;
    const interval = response.headers.get('next-poll-interval-in-seconds');
    entry.intervalSeconds = interval === null ? undefined : Number(interval);
    entry.errorType = response.headers.get('x-amzn-errortype') ?? undefined;
    entry.combined =
      operation === 'StartConfigurationSession' && response.status === 200 && !!entry.nextToken;
    let body = new Uint8Array();
    try {
      body = new Uint8Array(await copy.arrayBuffer());
    } catch {
      entry.bodyBroken = true; // the client reading the same stream sees the same failure
    }
    entry.bodyLength = body.byteLength;
    if (entry.errorType === 'BadRequestException') {
      try {
        const parsed = JSON.parse(new TextDecoder().decode(body)) as {
          Details?: { InvalidParameters?: Record<string, { Problem?: string }> };
        };
        entry.problem = Object.values(parsed.Details?.InvalidParameters ?? {})[0]?.Problem;
      } catch {
        // not JSON: leave problem undefined
      }
    }
    return response;
  };
  return { fetch: fetchFn, requests };
}
