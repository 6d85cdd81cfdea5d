/**
 * Fan-out mode. Per allowed configuration, one upstream session per proxy instance, polled lazily:
 * only when a browser asks and the cached copy is due, with every browser that asks meanwhile
 * sharing the one call in flight. So AWS sees at most one GetLatestConfiguration per upstream
 * interval per instance, however many browsers there are.
 *
 * Browsers get the proxy's own tokens (see proxy-tokens.ts), which carry everything a poll needs:
 * which configuration, the content version the browser holds, when it may poll next. Any instance
 * with the same secret answers any browser. A token is not single-use: one replayed gets the same
 * answer as the first time (read-only data; `authorize` and the allow-list run on every request).
 */
import { DEFAULT_POLL_INTERVAL_SECONDS, TOKEN_LIFETIME_MS } from '../../core/limits.js';
import { HEADER } from '../../core/wire.js';
import { tokenProblem, TOO_EARLY_MESSAGE } from '../shared/token-errors.js';
import type { AllowedEntry } from './allow-list.js';
import { contentVersion } from './content-version.js';
import type { FanOutClaims, TokenSigner } from './proxy-tokens.js';
import type { Upstream, UpstreamIds } from './upstream.js';
import {
  classifyUpstreamError,
  needsNewSession,
  toBrowserError,
  type UpstreamFailure,
} from './upstream-errors.js';

/**
 * How long a failed upstream refresh is remembered before AWS is tried again: 5 s after the first
 * failure, doubling with each failure in a row up to `UPSTREAM_MAX_BACKOFF_MS`. This is the
 * proxy's only retry policy (the SDK makes one attempt per call).
 */
export const UPSTREAM_RETRY_AFTER_FAILURE_MS = 5000;
export const UPSTREAM_MAX_BACKOFF_MS = 60_000;
/**
 * Age at which the proxy's own upstream token is replaced by a new session before use: tokens
 * live 24 hours, and an idle proxy (no browser asked for a day) must not send an expired one.
 */
export const UPSTREAM_TOKEN_RENEW_MS = TOKEN_LIFETIME_MS - 60 * 60 * 1000;
/** Clock difference tolerated between instances when checking a token's not-before time. */
export const CLOCK_TOLERANCE_MS = 1000;
const NO_CONTENT_TYPE = 'application/octet-stream';

interface Cached {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  versionLabel: string | undefined;
  version: string;
}

const EMPTY = new Uint8Array(0);

// Timestamps in claims are whole seconds, so tokens issued within one second for the same
// configuration and version are identical and their signature is cached (proxy-tokens.ts).
const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

interface Channel {
  ids: UpstreamIds;
  label: string;
  token: string | undefined;
  /** When `token` was received (it expires 24 hours later). */
  tokenAt: number;
  nextPollAt: number;
  /** Failed refreshes in a row, for the backoff. */
  failures: number;
  cached: Cached | undefined;
  inflight: Promise<{ cached: Cached; outcome: CacheOutcome }> | undefined;
  failure: { failure: UpstreamFailure; until: number } | undefined;
}

/** Where a poll's answer came from. */
export type CacheOutcome = 'hit' | 'miss' | 'stale';

export interface FanOutDeps {
  upstream: Upstream;
  signer: TokenSigner;
  now: () => number;
  /** The browser interval for a requested minimum. */
  browserInterval: (requested: number | undefined) => number;
  upstreamIntervalSeconds: number;
}

class UpstreamError extends Error {
  constructor(readonly failure: UpstreamFailure) {
    super(failure.name);
  }
}

export function createFanOut(deps: FanOutDeps) {
  const { upstream, now } = deps;
  const channels = new Map<string, Channel>();

  const channelOf = (entry: AllowedEntry): Channel => {
    let channel = channels.get(entry.key);
    if (!channel) {
      channel = {
        ids: {
          ApplicationIdentifier: entry.upstream.application,
          EnvironmentIdentifier: entry.upstream.environment,
          ConfigurationProfileIdentifier: entry.upstream.profile,
        },
        label: entry.label,
        token: undefined,
        tokenAt: 0,
        nextPollAt: 0,
        failures: 0,
        cached: undefined,
        inflight: undefined,
        failure: undefined,
      };
      channels.set(entry.key, channel);
    }
    return channel;
  };

  async function newSession(channel: Channel): Promise<string> {
    channel.token = undefined;
    const token = await upstream.startSession(
      channel.ids,
      deps.upstreamIntervalSeconds,
      channel.label,
    );
    channel.token = token;
    channel.tokenAt = now();
    return token;
  }

  async function pollUpstream(channel: Channel) {
    const fresh = channel.token !== undefined && now() - channel.tokenAt <= UPSTREAM_TOKEN_RENEW_MS;
    const token = fresh ? channel.token! : await newSession(channel);
    try {
      return await upstream.getLatest(token, channel.label);
    } catch (error) {
      // Expired, corrupted, or any other non-throttling 4xx (an expiry without `Details`
      // included): one new session, then give up until the next refresh.
      if (!needsNewSession(classifyUpstreamError(error))) throw error;
      return await upstream.getLatest(await newSession(channel), channel.label);
    }
  }

  async function refresh(channel: Channel): Promise<{ cached: Cached; outcome: CacheOutcome }> {
    try {
      const latest = await pollUpstream(channel);
      channel.token = latest.nextToken; // none: a new session next time
      channel.tokenAt = now();
      const interval = Math.max(latest.intervalSeconds ?? 0, deps.upstreamIntervalSeconds);
      channel.nextPollAt = now() + interval * 1000;
      channel.failure = undefined;
      channel.failures = 0;
      // An empty body means "unchanged since the last one": keep the cached copy.
      if (latest.body.byteLength > 0 || !channel.cached) {
        const body = new Uint8Array(latest.body);
        const contentType = latest.contentType ?? NO_CONTENT_TYPE;
        channel.cached = {
          body,
          contentType,
          versionLabel: latest.versionLabel,
          version: await contentVersion(body, contentType),
        };
      }
      return { cached: channel.cached, outcome: 'miss' };
    } catch (error) {
      const classified = classifyUpstreamError(error);
      if (classified.kind === 'token' && classified.problem === 'PollIntervalNotSatisfied') {
        // AWS wants more time (another process shares the session?): the token is still good.
        channel.nextPollAt = now() + deps.upstreamIntervalSeconds * 1000;
        if (channel.cached) return { cached: channel.cached, outcome: 'hit' };
      }
      // The proxy's own AWS token is no business of the browser's: a token problem left over
      // here is a plain upstream failure to it.
      const failure: UpstreamFailure =
        classified.kind === 'token' ? { kind: 'failed', name: classified.name } : classified;
      // Serve the cached copy while AWS fails (as the AppConfig Agent does), and leave AWS alone
      // for a while (growing with each failure) instead of calling it for every browser that asks.
      channel.failures += 1;
      const backoff = Math.min(
        UPSTREAM_RETRY_AFTER_FAILURE_MS * 2 ** (channel.failures - 1),
        UPSTREAM_MAX_BACKOFF_MS,
      );
      channel.failure = { failure, until: now() + backoff };
      if (channel.cached) return { cached: channel.cached, outcome: 'stale' };
      throw new UpstreamError(failure);
    }
  }

  /** The configuration to answer with, and where it came from. */
  async function latest(channel: Channel): Promise<{ cached: Cached; outcome: CacheOutcome }> {
    if (channel.inflight) return channel.inflight;
    const time = now();
    if (channel.cached && time < channel.nextPollAt) {
      return { cached: channel.cached, outcome: 'hit' };
    }
    if (channel.failure && time < channel.failure.until) {
      if (channel.cached) return { cached: channel.cached, outcome: 'stale' };
      throw new UpstreamError(channel.failure.failure);
    }
    const run = refresh(channel);
    channel.inflight = run;
    try {
      return await run;
    } finally {
      channel.inflight = undefined;
    }
  }

  /** The claims of a new browser session (its initial token's). */
  function sessionClaims(entry: AllowedEntry, requested: number | undefined): FanOutClaims {
    const time = wholeSecond(now());
    const claims: FanOutClaims = {
      k: 'f',
      a: entry.browser.application,
      e: entry.browser.environment,
      p: entry.browser.profile,
      iat: time,
      nbf: time,
    };
    if (requested !== undefined) claims.i = requested;
    return claims;
  }

  const api = {
    /** StartConfigurationSession: a token for the browser; AWS is not contacted. */
    start(entry: AllowedEntry, requested: number | undefined): Promise<string> {
      return deps.signer.sign(sessionClaims(entry, requested));
    },

    /**
     * The combined first call: the new session's first poll, answered from what the proxy holds
     * (AWS is called only when the cached copy is due, as for any poll).
     */
    startWithConfiguration(
      entry: AllowedEntry,
      requested: number | undefined,
      extra: Record<string, string>,
    ): Promise<{ response: Response; outcome?: CacheOutcome }> {
      return api.poll(entry, sessionClaims(entry, requested), extra);
    },

    /** GetLatestConfiguration for a verified, unexpired token of an allowed configuration. */
    async poll(
      entry: AllowedEntry,
      claims: FanOutClaims,
      extra: Record<string, string>,
    ): Promise<{ response: Response; outcome?: CacheOutcome }> {
      const early = now() + CLOCK_TOLERANCE_MS < claims.nbf;
      // The model enforces the interval only in sessions that asked for a minimum. Nothing
      // changes then: the same token is good once the interval has passed.
      if (early && claims.i !== undefined) {
        throw tokenProblem('PollIntervalNotSatisfied', TOO_EARLY_MESSAGE);
      }
      let answer: { cached: Cached; outcome: CacheOutcome };
      try {
        // An early poll from a session without a minimum is a poll like any other: answered from
        // the cached copy, which is refreshed at most once per upstream interval whoever asks, so
        // polling faster than the interval never polls AWS faster.
        answer = await latest(channelOf(entry));
      } catch (error) {
        if (error instanceof UpstreamError) throw toBrowserError(error.failure, entry.browser);
        throw error;
      }
      const { cached, outcome } = answer;
      const changed = cached.version !== claims.h;
      const interval = deps.browserInterval(claims.i);
      const time = wholeSecond(now());
      const next: FanOutClaims = {
        ...claims,
        h: cached.version,
        iat: time,
        nbf: time + interval * 1000,
      };
      const headers: Record<string, string> = {
        ...extra,
        [HEADER.nextToken]: await deps.signer.sign(next),
        [HEADER.nextInterval]: String(interval),
        [HEADER.contentType]: cached.contentType,
      };
      if (changed && cached.versionLabel) headers[HEADER.versionLabel] = cached.versionLabel;
      const body = changed ? cached.body : EMPTY;
      return { response: new Response(body, { status: 200, headers }), outcome };
    },
  };
  return api;
}

/** The browser interval: the larger of what the browser asked and the proxy's floor. */
export function browserIntervalOf(floorSeconds: number | undefined) {
  const floor = floorSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS;
  return (requested: number | undefined) => Math.max(requested ?? 0, floor);
}
