/**
 * The client: a store over the AppConfig token chain. It keeps AppConfig's rules however it is
 * called: a token that got a response is never sent again, nothing is sent before the time the
 * last response (or backoff) allows, concurrent callers share one request, and nothing but a good
 * configuration ever replaces a good configuration.
 */
import { getLatestConfiguration, startConfigurationSession, type RequestContext } from './api.js';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff.js';
import { decodeConfiguration } from './decode.js';
import { defaultNow, defaultRandom, defaultTimers } from './effects.js';
import {
  AppConfigError,
  AppConfigServiceError,
  BadRequestException,
  NetworkError,
} from './errors.js';
import { DEFAULT_POLL_INTERVAL_SECONDS, TOKEN_LIFETIME_MS } from './limits.js';
import { checkWithSchema } from './check-with-schema.js';
import { initialSnapshot } from './initial-snapshot.js';
import { savePersisted, storageKey } from './storage.js';
import type {
  AppConfigClient,
  AppConfigClientOptions,
  AppConfigEvent,
  AppConfigSnapshot,
  PollState,
} from './types.js';
import { validateOptions } from './validate-options.js';
import { isRetryable } from './is-retryable.js';

type SessionReason = Extract<AppConfigEvent, { type: 'session-start' }>['reason'];

/** Creates a client. Throws `InvalidOptionsError` for a bad option; sends nothing until polled. */
export function createAppConfigClient<T = unknown>(
  options: AppConfigClientOptions<T>,
): AppConfigClient<T> {
  validateOptions(options as AppConfigClientOptions<unknown>);
  const now = options.now ?? defaultNow;
  const random = options.random ?? defaultRandom;
  const timers = options.timers ?? defaultTimers;
  // An option given as undefined means "the default", not NaN delays.
  const backoff: BackoffPolicy = {
    initialDelayMs: options.backoff?.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs,
    maxDelayMs: options.backoff?.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
  };
  const {
    endpoint,
    application,
    environment,
    profile,
    requiredMinimumPollIntervalInSeconds: requested,
  } = options;
  const key = storageKey(endpoint, application, environment, profile);

  const listeners = new Set<() => void>();
  const eventListeners = new Set<(event: AppConfigEvent) => void>();
  let snapshot: AppConfigSnapshot<T> = initialSnapshot(options, key);

  // The token chain. `token` is always unspent: it is replaced the moment a response arrives.
  let token: string | undefined;
  let tokenIssuedAt = 0;
  let sessionReason: SessionReason = 'first';
  let intervalSeconds = requested ?? DEFAULT_POLL_INTERVAL_SECONDS;
  let nextPollAt = 0;
  let lastResponseAt: number | undefined;
  let failures = 0;
  // The error of a refused configuration (bad body, schema). It outlives transient failures:
  // the deployed configuration is still the refused one until a new one arrives.
  let refused: AppConfigError | undefined;
  // The last configuration body decoded (accepted or refused), to recognise a repeat.
  let seen: { body: Uint8Array; type: string; label: string | undefined } | undefined;
  let inFlight: Promise<AppConfigSnapshot<T>> | undefined;
  // Bumped by reset() and dispose(): a response that belongs to an older generation is ignored.
  let generation = 0;
  let disposed = false;
  let abort = new AbortController();
  let pollers = 0;
  let timer: unknown;

  // Read at every request: `headers`, `fetch`, `credentials` (and `schema`, `storage` on arrival)
  // may be replaced on the options object between polls (the React provider does so).
  const context = (): RequestContext => ({ ...options, timers, now, signal: abort.signal });

  // A throwing listener must not cut the chain short (a configuration half-stored, poll()
  // rejecting): each one runs on its own and its error is reported, not thrown here.
  const call = <A>(listener: ((arg: A) => void) | undefined, arg: A) => {
    try {
      listener?.(arg);
    } catch (error) {
      reportListenerError(error);
    }
  };

  const emit = (event: AppConfigEvent) => {
    call(options.onEvent, event);
    for (const listener of eventListeners) call(listener, event);
  };

  const update = (patch: Partial<AppConfigSnapshot<T>>) => {
    const next = { ...snapshot, ...patch };
    next.status = next.configuration !== undefined ? 'ready' : next.error ? 'error' : 'loading';
    const keys = Object.keys(next) as (keyof AppConfigSnapshot<T>)[];
    if (keys.every((name) => Object.is(next[name], snapshot[name]))) return;
    snapshot = next;
    for (const listener of [...listeners]) call(listener, undefined);
  };

  const fail = (error: AppConfigError, gen: number) => {
    if (gen !== generation) return;
    if (!isRetryable(error)) {
      // Retrying cannot fix an unknown profile or a refused request: stop until reset().
      nextPollAt = Infinity;
      update({ error, stopped: true });
      emit({ type: 'rejected', at: now(), error });
      return;
    }
    const retryAfterMs = error instanceof AppConfigServiceError ? error.retryAfterMs : undefined;
    const delay = backoffDelay(failures, backoff, random, retryAfterMs);
    failures += 1;
    nextPollAt = now() + delay;
    update({ error });
    emit({ type: 'error', at: now(), error, retryInMs: delay });
  };

  const step = async (gen: number, renewed: boolean): Promise<void> => {
    if (token !== undefined && now() - tokenIssuedAt >= TOKEN_LIFETIME_MS) {
      // Sending a token we know has expired would only buy a 400: start afresh instead.
      token = undefined;
      sessionReason = 'token-age';
    }
    if (token === undefined) {
      emit({ type: 'session-start', at: now(), reason: sessionReason });
      const initial = await startConfigurationSession(context());
      if (gen !== generation) return;
      token = initial;
      tokenIssuedAt = now();
      emit({ type: 'session-started', at: tokenIssuedAt });
    }
    let result;
    try {
      result = await getLatestConfiguration(context(), token);
    } catch (error) {
      if (gen !== generation) return;
      if (error instanceof BadRequestException) {
        const problem = error.problem;
        if (problem === 'PollIntervalNotSatisfied') {
          // The token was not spent: wait one interval and send it again.
          const retryInMs = intervalSeconds * 1000;
          nextPollAt = now() + retryInMs;
          emit({ type: 'too-early', at: now(), retryInMs });
          return;
        }
        if (problem === 'Expired' || problem === 'Corrupted') {
          token = undefined;
          sessionReason = problem === 'Expired' ? 'expired' : 'corrupted';
          // One new session straight away; if that one's token is refused too, back off.
          if (!renewed) return step(gen, true);
        }
      } else if (error instanceof AppConfigServiceError && error.code === 'InvalidResponse') {
        // A response came, so the token is spent, but no next token came with it.
        token = undefined;
        sessionReason = 'corrupted';
      }
      throw error;
    }
    if (gen !== generation) return;
    // The response spent the old token; from here on only the new one may be sent.
    token = result.nextToken;
    tokenIssuedAt = lastResponseAt = now();
    intervalSeconds = result.intervalSeconds ?? requested ?? DEFAULT_POLL_INTERVAL_SECONDS;
    nextPollAt = lastResponseAt + intervalSeconds * 1000;
    failures = 0;
    const { body, contentType, versionLabel } = result;
    // A new session's first answer repeats the whole configuration even when it did not change:
    // compare with the last body seen, so that is no change (no decode, no notification).
    const changed =
      body.byteLength > 0 &&
      !(
        seen &&
        seen.type === contentType &&
        seen.label === versionLabel &&
        sameBytes(seen.body, body)
      );
    emit({
      type: 'poll',
      at: lastResponseAt,
      changed,
      versionLabel,
      intervalSeconds,
    });
    if (!changed) {
      // The chain works again, so a network or service failure is over; a refused configuration
      // is still the deployed one, so its error comes back.
      update({ error: refused });
      return;
    }
    seen = { body, type: contentType, label: versionLabel };
    try {
      const decoded = await decodeConfiguration(body, contentType, versionLabel);
      const configuration = await checkWithSchema(
        options.schema,
        decoded,
        contentType,
        versionLabel,
      );
      if (gen !== generation) return;
      const fetchedAt = now();
      refused = undefined;
      update({
        configuration,
        contentType,
        versionLabel,
        source: 'network',
        fetchedAt,
        error: undefined,
      });
      if (options.storage) {
        // Kept as decoded, before the schema: the next visit runs the schema again, so a
        // transforming schema gets its input, and a schema changed by a new app version is obeyed.
        savePersisted(options.storage, key, {
          configuration: decoded,
          contentType,
          versionLabel,
          savedAt: fetchedAt,
        });
      }
    } catch (cause) {
      // A configuration that does not decode or fails the schema is reported, and the last good
      // one stays. No backoff: the chain itself is healthy and the next poll is already timed.
      if (gen !== generation) return;
      const error = (refused = toAppConfigError(cause));
      update({ error });
      emit({ type: 'error', at: now(), error, retryInMs: undefined });
    }
  };

  const schedule = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (pollers === 0 || disposed || snapshot.stopped) return;
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        void client.poll().then(schedule);
      },
      Math.max(0, nextPollAt - now()),
    );
  };

  const client: AppConfigClient<T> = {
    options: {
      endpoint,
      application,
      environment,
      profile,
      requiredMinimumPollIntervalInSeconds: requested,
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    getPollState: (): PollState => ({
      nextPollAt,
      lastResponseAt,
      intervalSeconds,
      consecutiveFailures: failures,
      inFlight: inFlight !== undefined,
    }),
    msUntilNextPoll: () =>
      snapshot.stopped || disposed ? Infinity : Math.max(0, nextPollAt - now()),
    poll() {
      if (inFlight) return inFlight;
      if (disposed || snapshot.stopped || now() < nextPollAt) return Promise.resolve(snapshot);
      const gen = generation;
      const run = step(gen, false)
        .catch((error: unknown) => fail(toAppConfigError(error), gen))
        .then(() => snapshot);
      inFlight = run;
      void run.finally(() => {
        if (inFlight === run) inFlight = undefined;
        if (gen === generation) schedule();
      });
      return run;
    },
    startPolling() {
      pollers += 1;
      if (pollers === 1) schedule();
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        pollers -= 1;
        if (pollers === 0) schedule();
      };
    },
    reset() {
      if (disposed) return;
      generation += 1;
      abort.abort();
      abort = new AbortController();
      inFlight = undefined;
      token = undefined;
      sessionReason = 'reset';
      nextPollAt = 0;
      failures = 0;
      refused = undefined;
      update({ stopped: false, error: undefined });
      schedule();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      generation += 1;
      abort.abort();
      inFlight = undefined;
      schedule(); // clears the timer: nothing is scheduled once disposed
      listeners.clear();
      eventListeners.clear();
    },
    subscribeEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
  };
  return client;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/** Reports an error without throwing it: the page's `reportError`, else a later uncaught throw. */
function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (report) report(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}

function toAppConfigError(error: unknown): AppConfigError {
  if (error instanceof AppConfigError) return error;
  // A throwing fetch wrapper or headers function: treat it like the network failing.
  return new NetworkError(error instanceof Error ? error.message : String(error), { cause: error });
}
