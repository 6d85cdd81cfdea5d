/**
 * Records a page's AppConfig Data API traffic as Chromium saw it (request and response events),
 * and follows each session's token chain: which session a poll belongs to, how long after the
 * answer that issued its token it was sent, and whether any token went out twice.
 */
import type { Page, Request } from 'playwright-core';

export interface AppConfigExchange {
  operation: 'StartConfigurationSession' | 'GetLatestConfiguration';
  /** Session start: the profile asked for. */
  profile?: string;
  /** Poll: the token sent. */
  token?: string;
  sentAt: number;
  status?: number;
  answeredAt?: number;
  /** The token the answer issued: the initial one, or the next one. */
  issuedToken?: string;
  /** Poll answers (and combined session starts): `Next-Poll-Interval-In-Seconds`. */
  intervalSeconds?: number;
  /** Poll answers: bytes of the body (0: unchanged). */
  bodyLength?: number;
  /** Set when no answer came (Chromium's error text). */
  failed?: string;
}

/** One session's chain, as followed through the tokens. */
export interface FollowedSession {
  profile: string;
  start: AppConfigExchange;
  polls: AppConfigExchange[];
  /** Per poll after the first: ms from the answer that issued its token to its sending. */
  waitsMs: number[];
}

export interface AppConfigTraffic {
  exchanges: AppConfigExchange[];
  /** Sessions in start order, with their polls; throws on a token sent twice or never issued. */
  sessions(): FollowedSession[];
  /** Resolves once every request sent so far was answered (and its answer read) or failed. */
  settled(): Promise<void>;
}

export function recordAppConfigTraffic(page: Page, basePath = '/appconfig'): AppConfigTraffic {
  const exchanges: AppConfigExchange[] = [];
  const byRequest = new Map<Request, AppConfigExchange>();
  const reading = new Set<Promise<void>>();
  const isOurs = (request: Request) => new URL(request.url()).pathname.startsWith(`${basePath}/`);

  page.on('request', (request) => {
    if (!isOurs(request)) return;
    const url = new URL(request.url());
    const exchange: AppConfigExchange = url.pathname.endsWith('/configurationsessions')
      ? {
          operation: 'StartConfigurationSession',
          profile: (request.postDataJSON() as { ConfigurationProfileIdentifier?: string })
            ?.ConfigurationProfileIdentifier,
          sentAt: Date.now(),
        }
      : {
          operation: 'GetLatestConfiguration',
          token: url.searchParams.get('configuration_token') ?? undefined,
          sentAt: Date.now(),
        };
    exchanges.push(exchange);
    byRequest.set(request, exchange);
  });

  page.on('response', (response) => {
    const exchange = byRequest.get(response.request());
    if (!exchange) return;
    exchange.answeredAt = Date.now();
    exchange.status = response.status();
    const headers = response.headers();
    const read = (async () => {
      const body = await response.body().catch(() => Buffer.alloc(0));
      // A server that combines the calls answers the session start like a poll.
      const answersLikePoll =
        exchange.operation === 'GetLatestConfiguration' ||
        headers['next-poll-configuration-token'] !== undefined;
      if (!answersLikePoll) {
        try {
          exchange.issuedToken = (
            JSON.parse(body.toString()) as { InitialConfigurationToken?: string }
          ).InitialConfigurationToken;
        } catch {
          // An error body: no token issued.
        }
      } else {
        exchange.issuedToken = headers['next-poll-configuration-token'];
        exchange.intervalSeconds = Number(headers['next-poll-interval-in-seconds']);
        exchange.bodyLength = body.length;
      }
    })();
    reading.add(read);
    void read.finally(() => reading.delete(read));
  });

  page.on('requestfailed', (request) => {
    const exchange = byRequest.get(request);
    if (exchange) exchange.failed = request.failure()?.errorText ?? 'failed';
  });

  return {
    exchanges,
    settled: async () => {
      const deadline = Date.now() + 10_000;
      const open = () => exchanges.some((e) => e.answeredAt === undefined && !e.failed);
      while (open() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      while (reading.size) await Promise.all([...reading]);
    },
    sessions() {
      const sessions: FollowedSession[] = [];
      const issuer = new Map<string, { session: FollowedSession; by: AppConfigExchange }>();
      const sent = new Set<string>();
      for (const exchange of exchanges) {
        if (exchange.operation === 'StartConfigurationSession') {
          const session: FollowedSession = {
            profile: exchange.profile ?? '?',
            start: exchange,
            polls: [],
            waitsMs: [],
          };
          sessions.push(session);
          if (exchange.issuedToken) issuer.set(exchange.issuedToken, { session, by: exchange });
          continue;
        }
        const token = exchange.token ?? '';
        if (sent.has(token)) throw new Error(`token sent twice: ${token}`);
        sent.add(token);
        const origin = issuer.get(token);
        if (!origin) throw new Error(`poll with a token no answer issued: ${token}`);
        const { session, by } = origin;
        // The initial token of a plain session start may be used at once; a token that came
        // with a configuration waits for the interval.
        if (by.intervalSeconds !== undefined) {
          session.waitsMs.push(exchange.sentAt - (by.answeredAt ?? by.sentAt));
        }
        session.polls.push(exchange);
        if (exchange.issuedToken) issuer.set(exchange.issuedToken, { session, by: exchange });
      }
      return sessions;
    },
  };
}
