/**
 * The token chain: the one place that holds a configuration token and decides when a request may
 * go out. Its rules hold whoever calls `step()` and however often:
 * - a token that got a response is never sent again; concurrent callers (listeners of its own
 *   events included) share one request;
 * - nothing is sent before the time the last response or backoff allows (on a monotonic clock, so
 *   a wall-clock jump neither stops nor hurries polling); a call that comes early sends nothing;
 * - throttling, server faults and network failures back off (exponential, jitter, `Retry-After`
 *   never below the backoff floor) and retry with the same unspent token; "Request too early"
 *   waits an interval with the same token;
 * - an expired or corrupted token starts one new session at once, then backs off; a token known to
 *   be 24 hours old is not sent at all (checked after the request's headers are ready);
 * - an error retrying cannot fix stops the chain until `reset()`.
 * It knows nothing of configurations: what a body means is the client's business.
 */
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import {
  AppConfigServiceError,
  BadRequestException,
  NetworkError,
  toAppConfigError,
  type AppConfigError,
} from './errors.js';
import { isRetryable } from './is-retryable.js';
import { DEFAULT_POLL_INTERVAL_SECONDS, MAX_TIMER_MS, TOKEN_LIFETIME_MS } from './limits.js';
import type { Timers } from './effects.js';
import type { AppConfigEvent, AppConfigClientOptions, PollState, SessionReason } from './types.js';
import type {
  AppConfigTransport,
  CallOptions,
  LatestConfiguration,
  SessionRequest,
} from './transport.js';

/** What one step brought: a response (its body may be empty), or nothing was due. */
export type StepOutcome = LatestConfiguration | undefined;

export interface TokenChainOptions {
  transport: AppConfigTransport;
  session: SessionRequest;
  /** Read before every call (a function may hand out a fresh bearer token). */
  headers: () => AppConfigClientOptions['headers'];
  requestTimeoutMs: number;
  backoff: BackoffPolicy;
  random: () => number;
  timers: Timers;
  /** Wall clock (token age, event times). */
  now: () => number;
  /** Monotonic clock (the schedule). */
  monotonic: () => number;
  emit: (event: AppConfigEvent) => void;
}

export interface TokenChain {
  /**
   * One step: starts a session when needed and polls. Resolves with the response, or undefined
   * when nothing was due (or the server said it was too early). Rejects with the failure, also
   * without sending anything while in backoff after one, and at once once stopped.
   */
  step(): Promise<StepOutcome>;
  /** Milliseconds until a step may send a request: 0 when due or in flight; Infinity when stopped. */
  msUntilNextPoll(): number;
  pollState(): PollState;
  /** The error that stopped the chain, if any. */
  stoppedBy(): AppConfigError | undefined;
  /** Forgets the session, the backoff and any stop; the next step starts afresh. */
  reset(): void;
  dispose(): void;
}

export function createTokenChain(options: TokenChainOptions): TokenChain {
  const { transport, session, timers, now, monotonic, emit } = options;
  const requested = session.requiredMinimumPollIntervalInSeconds;

  let token: string | undefined;
  let tokenIssuedAt = 0;
  let reason: SessionReason = 'first';
  let intervalSeconds = requested ?? DEFAULT_POLL_INTERVAL_SECONDS;
  let dueAt = 0;
  let lastResponseAt: number | undefined;
  let failures = 0;
  let failure: AppConfigError | undefined;
  let stopped: AppConfigError | undefined;
  let inFlight: Promise<StepOutcome> | undefined;
  // Bumped by reset() and dispose(): an answer that belongs to an older generation is ignored.
  let generation = 0;
  let disposed = false;
  let abort = new AbortController();

  const due = (delayMs: number) => {
    dueAt = monotonic() + delayMs;
  };

  /** One call under the chain's timeout, which holds even for a fetch that ignores its signal. */
  const call = <R>(send: (options: CallOptions) => Promise<R>, headers: Headers): Promise<R> => {
    const controller = new AbortController();
    const parent = abort.signal;
    // The status of a success whose headers came (its token is spent), else 0.
    let spent = 0;
    return new Promise<R>((resolve, reject) => {
      const cleanup = () => {
        timers.clearTimeout(timer);
        parent.removeEventListener('abort', onAbort);
      };
      const stop = (error: AppConfigError) => {
        cleanup();
        controller.abort(error);
        reject(error);
      };
      const onAbort = () =>
        stop(
          new NetworkError(
            process.env.NODE_ENV !== 'production'
              ? 'Request cancelled: the client was reset or disposed.'
              : 'Request cancelled',
          ),
        );
      parent.addEventListener('abort', onAbort);
      const message = `No response within ${options.requestTimeoutMs} ms (requestTimeoutMs).`;
      const timer = timers.setTimeout(
        () =>
          stop(
            // A success whose body is still arriving has spent the token: the chain drops it
            // (as for a body that broke off) rather than send it twice.
            spent
              ? new AppConfigServiceError('IncompleteResponse', message, { status: spent })
              : new NetworkError(message, { timedOut: true }),
          ),
        options.requestTimeoutMs,
      );
      const answered = (status: number) => {
        spent = status < 300 ? status : 0;
      };
      send({ signal: controller.signal, headers, answered })
        .finally(cleanup)
        .then(resolve, (error: unknown) => reject(toAppConfigError(error)));
    });
  };

  const accept = (answer: LatestConfiguration): LatestConfiguration => {
    // The answer spent the old token; from here on only the new one may be sent.
    token = answer.nextToken;
    tokenIssuedAt = now();
    lastResponseAt = tokenIssuedAt;
    intervalSeconds = answer.intervalSeconds ?? requested ?? DEFAULT_POLL_INTERVAL_SECONDS;
    due(intervalSeconds * 1000);
    failures = 0;
    failure = undefined;
    return answer;
  };

  const attempt = async (gen: number, renewed: boolean): Promise<StepOutcome> => {
    const value = options.headers();
    // Resolved before the token is chosen: an asynchronous `headers` may take long.
    const headers = new Headers(typeof value === 'function' ? await value() : value);
    if (gen !== generation) return undefined;
    if (token !== undefined && now() - tokenIssuedAt >= TOKEN_LIFETIME_MS) {
      // Sending a token we know has expired would only buy a 400: start afresh instead.
      token = undefined;
      reason = 'token-age';
    }
    if (token === undefined) {
      emit({ type: 'session-start', at: now(), reason });
      // A listener of that event may have reset or disposed the client: then nothing goes out.
      if (gen !== generation) return undefined;
      const started = await call((o) => transport.startSession(session, o), headers);
      if (gen !== generation) return undefined;
      if ('first' in started) {
        emit({ type: 'session-started', at: now() });
        return accept(started.first);
      }
      token = started.token;
      tokenIssuedAt = now();
      emit({ type: 'session-started', at: tokenIssuedAt });
      if (gen !== generation) return undefined;
    }
    const sent = token;
    try {
      const answer = await call((o) => transport.getLatest(sent, o), headers);
      return gen === generation ? accept(answer) : undefined;
    } catch (error) {
      if (gen !== generation) return undefined;
      if (error instanceof BadRequestException) {
        const problem = error.problem;
        if (problem === 'PollIntervalNotSatisfied') {
          // The token was not spent: wait one interval and send it again.
          const retryInMs = intervalSeconds * 1000;
          due(retryInMs);
          emit({ type: 'too-early', at: now(), retryInMs });
          return undefined;
        }
        if (problem === 'Expired' || problem === 'Corrupted') {
          token = undefined;
          reason = problem === 'Expired' ? 'expired' : 'corrupted';
          // One new session straight away; if that one's token is refused too, back off.
          if (!renewed) return attempt(gen, true);
        }
      } else if (error instanceof AppConfigServiceError && /Response$/.test(error.code)) {
        // A response came, so the token is spent, but no next token came with it.
        token = undefined;
        reason = error.code === 'IncompleteResponse' ? 'interrupted' : 'corrupted';
      }
      throw error;
    }
  };

  const fail = (error: AppConfigError): never => {
    if (!isRetryable(error)) {
      // Retrying cannot fix an unknown profile or a refused request: stop until reset().
      stopped = error;
      dueAt = Infinity;
      emit({ type: 'rejected', at: now(), error });
      throw error;
    }
    const retryAfterMs = error instanceof AppConfigServiceError ? error.retryAfterMs : undefined;
    const delay = backoffDelay(failures, options.backoff, options.random, retryAfterMs);
    failures += 1;
    failure = error;
    due(delay);
    emit({ type: 'error', at: now(), error, retryInMs: delay });
    throw error;
  };

  return {
    step() {
      if (inFlight) return inFlight;
      if (stopped) return Promise.reject(stopped);
      if (disposed || monotonic() < dueAt) {
        return failure && !disposed ? Promise.reject(failure) : Promise.resolve(undefined);
      }
      const gen = generation;
      // Started on a later microtask, after `inFlight` is set: a listener of the session-start
      // event that steps again shares this step instead of starting a chain of its own.
      const run: Promise<StepOutcome> = Promise.resolve()
        .then(() => attempt(gen, false))
        .catch((error: unknown) => {
          if (gen !== generation) return undefined;
          return fail(toAppConfigError(error));
        })
        .finally(() => {
          if (inFlight === run) inFlight = undefined;
        });
      inFlight = run;
      return run;
    },
    msUntilNextPoll() {
      if (stopped || disposed) return Infinity;
      if (inFlight) return 0;
      return Math.min(Math.max(0, dueAt - monotonic()), MAX_TIMER_MS);
    },
    pollState: (): PollState => ({
      nextPollAt: stopped || disposed ? Infinity : now() + Math.max(0, dueAt - monotonic()),
      lastResponseAt,
      intervalSeconds,
      consecutiveFailures: failures,
      inFlight: inFlight !== undefined,
    }),
    stoppedBy: () => stopped,
    reset() {
      if (disposed) return;
      generation += 1;
      abort.abort();
      abort = new AbortController();
      inFlight = undefined;
      token = undefined;
      reason = 'reset';
      dueAt = 0;
      failures = 0;
      failure = undefined;
      stopped = undefined;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      generation += 1;
      abort.abort();
      inFlight = undefined;
    },
  };
}
