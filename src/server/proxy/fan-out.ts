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
 *
 * With the Agent upstream a channel is one configuration evaluated for one context (the claims
 * in the token under `authorize`'s verified attributes): the Agent answers each context
 * separately and cannot hand out the rules, so the proxy caches answers per configuration and
 * context, in a bounded LRU, and browsers sharing a context share one Agent call per interval.
 * Without the cache (`cache: false`, pass-through to the Agent) every poll asks the Agent, which
 * answers from its own memory: the same tokens and answers, no per-context memory here.
 */
import { DEFAULT_POLL_INTERVAL_SECONDS, TOKEN_LIFETIME_MS } from '../../core/limits.js';
import { HEADER } from '../../core/wire.js';
import { tokenProblem, TOO_EARLY_MESSAGE } from '../shared/token-errors.js';
import type { AllowedEntry } from './allow-list.js';
import { contentVersion } from './content-version.js';
import type { RuleContext } from '../rules/rule-types.js';
import type { AgentUpstream } from './agent-upstream.js';
import { contextKey, effectiveContext } from './context-policy.js';
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

/** What one refresh brought. */
interface Fetched {
  /** From AWS, empty means "unchanged since the last one"; the Agent always sends it whole. */
  body: Uint8Array;
  /** True when `body` is the whole configuration even when empty (the Agent's answers). */
  whole?: boolean;
  contentType: string | undefined;
  versionLabel: string | undefined;
  /** The upstream's own interval, if it has one (AWS's Next-Poll-Interval-In-Seconds). */
  intervalSeconds?: number;
}

interface Channel {
  label: string;
  /** One upstream call. */
  fetch: () => Promise<Fetched>;
  nextPollAt: number;
  /** Failed refreshes in a row, for the backoff. */
  failures: number;
  cached: Cached | undefined;
  inflight: Promise<{ cached: Cached; outcome: CacheOutcome }> | undefined;
  failure: { failure: UpstreamFailure; until: number } | undefined;
}

/** Where a poll's answer came from. */
export type CacheOutcome = 'hit' | 'miss' | 'stale';

/** Where channels get their configuration. */
export type FanOutSource =
  | { kind: 'sdk'; upstream: Upstream }
  | {
      kind: 'agent';
      agent: AgentUpstream;
      /** Channels kept (one per configuration and context); least recently used dropped. */
      cacheEntries: number;
      /** False: no channel is kept, every poll asks the Agent (pass-through to the Agent). */
      cache: boolean;
    };

export interface FanOutDeps {
  source: FanOutSource;
  signer: TokenSigner;
  now: () => number;
  /** The browser interval for a requested minimum. */
  browserInterval: (requested: number | undefined) => number;
  upstreamIntervalSeconds: number;
  /** The token kind: `f` (fan-out) or `a` (pass-through to the Agent). Default `f`. */
  kind?: 'f' | 'a';
}

class UpstreamError extends Error {
  constructor(readonly failure: UpstreamFailure) {
    super(failure.name);
  }
}

const newChannel = (label: string, fetch: () => Promise<Fetched>): Channel => ({
  label,
  fetch,
  nextPollAt: 0,
  failures: 0,
  cached: undefined,
  inflight: undefined,
  failure: undefined,
});

const idsOf = (entry: AllowedEntry): UpstreamIds => ({
  ApplicationIdentifier: entry.upstream.application,
  EnvironmentIdentifier: entry.upstream.environment,
  ConfigurationProfileIdentifier: entry.upstream.profile,
});

export function createFanOut(deps: FanOutDeps) {
  const { source, now } = deps;
  const kind = deps.kind ?? 'f';
  const channels = new Map<string, Channel>();
  // Per verified token's claims (the signer keeps those objects): the token that follows them.
  const successors = new WeakMap<
    FanOutClaims,
    { cached: Cached; time: number; token: string; interval: number }
  >();

  /** An AWS session of the proxy's own, through the SDK, for one configuration. */
  function sdkChannel(upstream: Upstream, entry: AllowedEntry): Channel {
    const ids = idsOf(entry);
    let token: string | undefined;
    /** When `token` was received (it expires 24 hours later). */
    let tokenAt = 0;

    async function newSession(): Promise<string> {
      token = undefined;
      token = await upstream.startSession(ids, deps.upstreamIntervalSeconds, entry.label);
      tokenAt = now();
      return token;
    }

    return newChannel(entry.label, async () => {
      const fresh = token !== undefined && now() - tokenAt <= UPSTREAM_TOKEN_RENEW_MS;
      // A failed session start is final for this refresh (only a poll's token problem retries).
      const current = fresh ? token! : await newSession();
      let latest;
      try {
        latest = await upstream.getLatest(current, entry.label);
      } catch (error) {
        // Expired, corrupted, or any other non-throttling 4xx (an expiry without `Details`
        // included): one new session, then give up until the next refresh.
        if (!needsNewSession(classifyUpstreamError(error))) throw error;
        latest = await upstream.getLatest(await newSession(), entry.label);
      }
      token = latest.nextToken; // none: a new session next time
      tokenAt = now();
      return latest;
    });
  }

  /** The channel a poll of `entry` with `context` reads. */
  function channelOf(entry: AllowedEntry, context: RuleContext): Channel {
    if (source.kind === 'sdk') {
      let channel = channels.get(entry.key);
      if (!channel) {
        channel = sdkChannel(source.upstream, entry);
        channels.set(entry.key, channel);
      }
      return channel;
    }
    const { agent } = source;
    const fetchAgent = async (): Promise<Fetched> => ({
      ...(await agent.get(idsOf(entry), context, entry.label)),
      whole: true,
    });
    if (!source.cache) return newChannel(entry.label, fetchAgent);
    const key = `${entry.key}\n${contextKey(context)}`;
    let channel = channels.get(key);
    if (channel) {
      channels.delete(key); // most recently used last
    } else {
      channel = newChannel(entry.label, fetchAgent);
      if (channels.size >= source.cacheEntries) {
        channels.delete(channels.keys().next().value!);
      }
    }
    channels.set(key, channel);
    return channel;
  }

  async function refresh(channel: Channel): Promise<{ cached: Cached; outcome: CacheOutcome }> {
    try {
      const latest = await channel.fetch();
      const interval = Math.max(latest.intervalSeconds ?? 0, deps.upstreamIntervalSeconds);
      channel.nextPollAt = now() + interval * 1000;
      channel.failure = undefined;
      channel.failures = 0;
      // An empty body means "unchanged since the last one": keep the cached copy.
      if (latest.whole || latest.body.byteLength > 0 || !channel.cached) {
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
  function sessionClaims(
    entry: AllowedEntry,
    requested: number | undefined,
    context: RuleContext | undefined,
  ): FanOutClaims {
    const time = wholeSecond(now());
    const claims: FanOutClaims = {
      k: kind,
      a: entry.browser.application,
      e: entry.browser.environment,
      p: entry.browser.profile,
      iat: time,
      nbf: time,
    };
    if (requested !== undefined) claims.i = requested;
    if (context !== undefined) claims.c = context;
    return claims;
  }

  /** The claims of the token that follows `claims` once `cached` is answered, and its interval. */
  function successor(cached: Cached, claims: FanOutClaims, time = wholeSecond(now())) {
    const interval = deps.browserInterval(claims.i);
    const next: FanOutClaims = {
      ...claims,
      h: cached.version,
      iat: time,
      nbf: time + interval * 1000,
    };
    return { next, interval };
  }

  const api = {
    /**
     * StartConfigurationSession: a token for the browser; nothing upstream is contacted.
     * `context` is what the browser may claim (Agent upstream), kept in the token.
     */
    start(
      entry: AllowedEntry,
      requested: number | undefined,
      context?: RuleContext,
    ): Promise<string> {
      return deps.signer.sign(sessionClaims(entry, requested, context));
    },

    /**
     * The combined first call: the new session's first poll, answered from what the proxy holds
     * (upstream is called only when the cached copy is due, as for any poll).
     */
    startWithConfiguration(
      entry: AllowedEntry,
      requested: number | undefined,
      extra: Record<string, string>,
      context?: RuleContext,
      verified: RuleContext = {},
    ): Promise<{ response: Response; outcome?: CacheOutcome }> {
      return api.poll(entry, sessionClaims(entry, requested, context), extra, verified);
    },

    /**
     * GetLatestConfiguration for a verified, unexpired token of an allowed configuration.
     * `verified` is `authorize`'s context for this request (Agent upstream), over the token's.
     */
    async poll(
      entry: AllowedEntry,
      claims: FanOutClaims,
      extra: Record<string, string>,
      verified: RuleContext = {},
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
        // polling faster than the interval never polls upstream faster.
        answer = await latest(channelOf(entry, effectiveContext(claims.c, verified)));
      } catch (error) {
        if (error instanceof UpstreamError) throw toBrowserError(error.failure, entry.browser);
        throw error;
      }
      const { next, interval } = successor(answer.cached, claims);
      const { headers, body } = answerOf(
        answer.cached,
        claims,
        extra,
        await deps.signer.sign(next),
        interval,
      );
      const response = new Response(body, { status: 200, headers });
      // Without a cache there is no hit or miss to report.
      return source.kind === 'agent' && !source.cache
        ? { response }
        : { response, outcome: answer.outcome };
    },

    /**
     * The Node fast path's poll: `poll`'s answer when it needs no wait, i.e. a cache hit of the
     * SDK source for a token that is not early under a minimum interval, with the next token
     * signed synchronously. Else undefined, with nothing changed (`poll` then runs as always).
     */
    pollNow(
      entry: AllowedEntry,
      claims: FanOutClaims,
    ):
      | ((extra: Record<string, string>) => { headers: Record<string, string>; body: Uint8Array })
      | undefined {
      if (source.kind !== 'sdk') return undefined;
      if (now() + CLOCK_TOLERANCE_MS < claims.nbf && claims.i !== undefined) return undefined;
      const channel = channels.get(entry.key);
      // `latest`'s hit: no refresh in flight, a cached copy, and not due.
      if (!channel || channel.inflight || !channel.cached || !(now() < channel.nextPollAt)) {
        return undefined;
      }
      const { cached } = channel;
      // The next token depends on the claims, the copy answered and the second: many polls with
      // one token (a replay, or browsers of one session) within a second share it.
      const time = wholeSecond(now());
      let next = successors.get(claims);
      if (!next || next.cached !== cached || next.time !== time) {
        const { next: claimsOfNext, interval } = successor(cached, claims, time);
        const token = deps.signer.signNow(claimsOfNext);
        if (token === null) return undefined;
        next = { cached, time, token, interval };
        successors.set(claims, next);
      }
      const { token, interval } = next;
      return (extra) => answerOf(cached, claims, extra, token, interval);
    },
  };
  return api;
}

/**
 * A poll's 200: `extra` first, then the token, the interval, the type and (when new) the label.
 * `extra` is the request's own record (built for this answer), completed in place: a spread with
 * computed names costs about 2 µs, ten times these assignments.
 */
function answerOf(
  cached: Cached,
  claims: FanOutClaims,
  extra: Record<string, string>,
  token: string,
  interval: number,
): { headers: Record<string, string>; body: Uint8Array<ArrayBuffer> } {
  const changed = cached.version !== claims.h;
  const headers = extra;
  headers[HEADER.nextToken] = token;
  headers[HEADER.nextInterval] = String(interval);
  headers[HEADER.contentType] = cached.contentType;
  if (changed && cached.versionLabel) headers[HEADER.versionLabel] = cached.versionLabel;
  return { headers, body: changed ? cached.body : EMPTY };
}

/** The browser interval: the larger of what the browser asked and the proxy's floor. */
export function browserIntervalOf(floorSeconds: number | undefined) {
  const floor = floorSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS;
  return (requested: number | undefined) => Math.max(requested ?? 0, floor);
}
