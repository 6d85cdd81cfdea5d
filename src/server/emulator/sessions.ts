/**
 * Configuration sessions and their token chain. Each token records what the client had seen when
 * it was issued (as the service's encrypted tokens do, NOTES §2) and the earliest time it may be
 * used, so a reused token (relaxed mode) is answered exactly as if it were fresh.
 */
import { DEFAULT_POLL_INTERVAL_SECONDS, TOKEN_LIFETIME_MS } from '../../core/limits.js';
import type { BadRequestException } from '../../core/errors.js';
import { createToken } from './tokens.js';
import { tokenProblem, TOKEN_MESSAGES, TOO_EARLY_MESSAGE } from './token-errors.js';
import type { Target } from './store.js';

/** One session: a client reading one profile in one environment. */
export interface Session {
  id: string;
  target: Target;
  /** `RequiredMinimumPollIntervalInSeconds` if the client set it. */
  requestedIntervalSeconds: number | undefined;
}

interface TokenRecord {
  session: Session;
  issuedAt: number;
  /** Earliest use: the previous response time plus the session's interval. */
  notBefore: number;
  /** Version number the client holds when using this token. */
  seenVersion: number | undefined;
  spent: boolean;
}

/** Session behaviour switches (see EmulatorOptions). */
export interface SessionOptions {
  now: () => number;
  newSessionId: () => string;
  strictTokenReuse: boolean;
  enforcePollInterval: 'requested' | 'always';
  /** `pollIntervalSeconds` (development): told to every session instead of its own interval. */
  announcedIntervalSeconds?: number | undefined;
}

/** Outcome of a poll: an error to answer, or the next token and whether to send a version. */
export type PollResult =
  | { ok: false; error: BadRequestException; session?: Session }
  | {
      ok: true;
      session: Session;
      nextToken: string;
      intervalSeconds: number;
      seenVersion: number | undefined;
      changed: boolean;
    };

// Records are swept once they are this old; until then an old token is still answered `Expired`.
const RETENTION_MS = 2 * TOKEN_LIFETIME_MS;
const SWEEP_EVERY = 256;

/** Creates the session table. */
export function createSessions(options: SessionOptions) {
  const tokens = new Map<string, TokenRecord>();
  let issued = 0;

  function issue(record: Omit<TokenRecord, 'spent'>): string {
    if (++issued % SWEEP_EVERY === 0) sweep(record.issuedAt);
    const token = createToken();
    tokens.set(token, { ...record, spent: false });
    return token;
  }

  function sweep(now: number): void {
    for (const [token, record] of tokens)
      if (now - record.issuedAt > RETENTION_MS) tokens.delete(token);
  }

  const intervalOf = (session: Session) =>
    options.announcedIntervalSeconds ??
    session.requestedIntervalSeconds ??
    DEFAULT_POLL_INTERVAL_SECONDS;
  const enforced = (session: Session) =>
    options.enforcePollInterval === 'always' || session.requestedIntervalSeconds !== undefined;

  return {
    /** Starts a session and returns its initial token, usable at once. */
    start(
      target: Target,
      requestedIntervalSeconds: number | undefined,
    ): { session: Session; token: string } {
      const session: Session = { id: options.newSessionId(), target, requestedIntervalSeconds };
      const now = options.now();
      return {
        session,
        token: issue({ session, issuedAt: now, notBefore: now, seenVersion: undefined }),
      };
    },

    /**
     * Spends `token` and issues the next one. `latest` is the version number now deployed for the
     * session's profile (undefined when nothing is deployed yet).
     */
    poll(token: string, latest: (session: Session) => number | undefined): PollResult {
      const record = tokens.get(token);
      if (!record) return { ok: false, error: tokenProblem('Corrupted', TOKEN_MESSAGES.unknown) };
      const { session } = record;
      const now = options.now();
      // "Valid for up to 24 hours": usable at exactly 24 h, expired one millisecond later.
      if (now - record.issuedAt > TOKEN_LIFETIME_MS) {
        return { ok: false, session, error: tokenProblem('Expired', TOKEN_MESSAGES.expired) };
      }
      if (record.spent && options.strictTokenReuse) {
        return { ok: false, session, error: tokenProblem('Corrupted', TOKEN_MESSAGES.reused) };
      }
      // Too early leaves the token unspent: clients retry it once the interval has passed.
      if (enforced(session) && now < record.notBefore) {
        return {
          ok: false,
          session,
          error: tokenProblem('PollIntervalNotSatisfied', TOO_EARLY_MESSAGE),
        };
      }
      record.spent = true;
      const deployed = latest(session);
      const changed = deployed !== undefined && deployed !== record.seenVersion;
      const seenVersion = deployed ?? record.seenVersion;
      const intervalSeconds = intervalOf(session);
      const nextToken = issue({
        session,
        issuedAt: now,
        notBefore: now + intervalSeconds * 1000,
        seenVersion,
      });
      return { ok: true, session, nextToken, intervalSeconds, seenVersion, changed };
    },
  };
}

/** The session table's type. */
export type Sessions = ReturnType<typeof createSessions>;
