/**
 * The session client: the token chain (token-chain.ts) plus what a configuration needs once it
 * arrives: recognising a repeat, decoding, the schema, structural sharing and persistence. It has
 * no store and no scheduler of its own: React Query is both under React, and
 * `createAppConfigClient` adds them for everything else. Each rule lives in one place: the chain
 * decides when a request goes out, this file decides what an answer means.
 */
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { checkWithSchema } from './check-with-schema.js';
import { decodeConfiguration } from './decode.js';
import { defaultMonotonicNow, defaultNow, defaultRandom, defaultTimers } from './effects.js';
import { toAppConfigError, type AppConfigError } from './errors.js';
import { callSafely, createListeners } from './event-bus.js';
import type { ErrorReader } from './read-error-response.js';
import { httpTransport } from './http-transport.js';
import { initialData } from './initial-data.js';
import { shareStructure } from './share-structure.js';
import { savePersisted, storageKey } from './storage.js';
import { createTokenChain } from './token-chain.js';
import type {
  AppConfigClientOptions,
  AppConfigEvent,
  AppConfigSessionClient,
  ConfigurationData,
  ReceivedConfiguration,
} from './types.js';
import { validateOptions } from './validate-options.js';

const DEFAULT_TIMEOUT_MS = 10_000;

/** The data of a session that answered but has nothing deployed yet. */
const NOTHING: ConfigurationData<never> = Object.freeze({
  configuration: undefined,
  versionLabel: undefined,
  contentType: undefined,
  source: undefined,
  fetchedAt: undefined,
});

/**
 * True when `a` may replace `b`: it is newer (or `b` is nothing), unless `a` is a server render's
 * (`prefetchAppConfig`, hydrated later, say on a client-side navigation) and `b` a network answer:
 * a server's session may still see an older version (a gradual deployment, a proxy not yet
 * polled), and this session, having sent its body already, would never send it again to correct
 * it. A newer version reaches this session at one of its own polls.
 */
const isNewer = (a: ConfigurationData<unknown>, b: ConfigurationData<unknown> | undefined) =>
  a.configuration !== undefined &&
  (a.fetchedAt ?? -Infinity) > (b?.fetchedAt ?? -Infinity) &&
  !(a.source === 'server' && b?.source === 'network');

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);

/**
 * Creates a session client. Throws `InvalidOptionsError` for a bad option (development builds);
 * sends nothing until `fetchLatest` is called. `readError` reads the HTTP transport's error
 * responses: `readErrorResponse`, or the React provider's `readErrorLater`. It is the caller's so
 * that this module imports neither: each bundle carries only the one it uses.
 */
export function createSessionClient<T = unknown>(
  options: AppConfigClientOptions<T>,
  readError: ErrorReader,
): AppConfigSessionClient<T> {
  // Gated here too, so production bundles drop the call and not only the checks.
  if (process.env.NODE_ENV !== 'production') {
    validateOptions(options as AppConfigClientOptions<unknown>);
  }
  const now = options.now ?? defaultNow;
  const monotonic = options.now ?? defaultMonotonicNow;
  const timers = options.timers ?? defaultTimers;
  // An option given as undefined means "the default", not NaN delays.
  const backoff: BackoffPolicy = {
    initialDelayMs: options.backoff?.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs,
    maxDelayMs: options.backoff?.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
  };
  const { endpoint = '', application, environment, profile, context } = options;
  const requested = options.requiredMinimumPollIntervalInSeconds;
  const session = {
    application,
    environment,
    profile,
    context,
    requiredMinimumPollIntervalInSeconds: requested,
  };
  const key = storageKey(endpoint, application, environment, profile, context);

  const events = createListeners<AppConfigEvent>();
  const emit = (event: AppConfigEvent) => {
    callSafely(options.onEvent, event);
    events.notify(event);
  };
  const chain = createTokenChain({
    // Reads `fetch` and `credentials` from the options at every call (the provider may swap them).
    transport: options.transport ?? httpTransport(options as { endpoint: string }, readError),
    session,
    headers: () => options.headers,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    backoff,
    random: options.random ?? defaultRandom,
    timers,
    now,
    monotonic,
    emit,
  });

  let data = initialData(options, key);
  // The error of a refused configuration (bad body, schema). It outlives transient failures and
  // reset(): the deployed configuration is still the refused one until a new one arrives.
  let refused: AppConfigError | undefined;
  // The last configuration body received (accepted or refused), to recognise a repeat, and its
  // decoded value (before the schema; none when it did not decode), which other tabs check.
  let seen: ReceivedConfiguration | undefined;
  let disposed = false;

  /**
   * Decodes and checks a new body into `data`. True when the configuration changed; false when it
   * equals the last one (then only where it came from is updated) or was refused (then `refused`
   * says why, and the last good data stays).
   */
  const receive = async (body: Uint8Array, contentType: string, versionLabel?: string) => {
    seen = { body, contentType, versionLabel };
    let value: T;
    try {
      const decoded = (seen.value = await decodeConfiguration(body, contentType, versionLabel));
      value = await checkWithSchema(options.schema, decoded, contentType, versionLabel);
      if (options.storage) {
        // Kept as decoded, before the schema: the next visit runs the schema again, so a
        // transforming schema gets its input, and a schema changed by a new app version is obeyed.
        savePersisted(options.storage, key, {
          configuration: decoded,
          contentType,
          versionLabel,
          savedAt: now(),
        });
      }
    } catch (cause) {
      // No backoff: the chain itself is healthy and the next poll is already timed.
      const error = (refused = toAppConfigError(cause));
      emit({ type: 'error', at: now(), error, retryInMs: undefined });
      return false;
    }
    refused = undefined;
    const configuration = shareStructure(data?.configuration, value);
    const same =
      configuration === data?.configuration &&
      data.contentType === contentType &&
      data.versionLabel === versionLabel;
    // Equal content from the network is no change: same data, no notification. A value shown
    // before (persisted, server-rendered) becomes the network's own, once.
    if (!same || data!.source !== 'network') {
      data = { configuration, contentType, versionLabel, source: 'network', fetchedAt: now() };
    }
    return !same;
  };

  /** One step and what its answer means; concurrent callers share both. */
  let advancing: Promise<void> | undefined;
  const advance = async () => {
    const answer = await chain.step();
    if (!answer || disposed) return;
    const { body, contentType, versionLabel } = answer;
    // A new session's first answer repeats the whole configuration even when it did not
    // change: the same bytes as the last body seen are no change (no decode, no notification).
    const repeat =
      body.byteLength === 0 ||
      (seen?.contentType === contentType &&
        seen.versionLabel === versionLabel &&
        sameBytes(seen.body, body));
    const changed = !repeat && (await receive(body, contentType, versionLabel));
    emit({
      type: 'poll',
      at: now(),
      changed,
      versionLabel,
      intervalSeconds: chain.pollState().intervalSeconds,
    });
  };

  const fetchLatest = async (current?: ConfigurationData<T>): Promise<ConfigurationData<T>> => {
    if (current && isNewer(current, data)) data = current;
    await (advancing ??= advance().finally(() => (advancing = undefined)));
    if (refused) throw refused;
    return data ?? NOTHING;
  };

  return {
    options: { endpoint: options.endpoint, ...session },
    getData: () => data,
    getPollState: () => chain.pollState(),
    msUntilNextPoll: () => chain.msUntilNextPoll(),
    refusal: () => refused,
    seen: () => seen,
    stoppedBy: () => chain.stoppedBy(),
    fetchLatest,
    reset: () => chain.reset(),
    dispose() {
      disposed = true;
      chain.dispose();
      events.clear();
    },
    subscribeEvents: (listener) => events.add(listener),
  };
}
