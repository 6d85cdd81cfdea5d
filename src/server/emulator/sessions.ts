/**
 * Configuration sessions and their token chain, in memory bounded by the sessions alive.
 *
 * A token is self-contained, like the service's encrypted tokens (NOTES §2): it carries its
 * session, its place in the session's chain, when it was issued, the earliest time it may be used
 * and what the client had seen, under a MAC with a key of this emulator. So nothing is stored per
 * token: a session keeps only its position in the chain (a token behind it was spent) and is
 * forgotten 24 hours after it issued its last token, when every token it ever issued has expired
 * (which the token itself shows). Memory is O(sessions active in the last 24 h) and a poll costs
 * the same however many tokens were ever issued.
 */
import { DEFAULT_POLL_INTERVAL_SECONDS, TOKEN_LIFETIME_MS } from '../../core/limits.js';
import type { BadRequestException } from '../../core/errors.js';
import { base64Decode, base64Encode } from '../shared/base64.js';
import { createHmacSha256, macEqual } from '../shared/hmac-sha256.js';
import { LIVE_TOKEN_HEADER } from '../shared/tokens.js';
import { tokenProblem, TOKEN_MESSAGES, TOO_EARLY_MESSAGE } from '../shared/token-errors.js';
import type { Target } from './store.js';

/** One session: a client reading one profile in one environment. */
export interface Session {
  id: string;
  target: Target;
  /** `RequiredMinimumPollIntervalInSeconds` if the client set it. */
  requestedIntervalSeconds: number | undefined;
  /** Position of the session's unspent token in its chain; tokens behind it were spent. */
  position: number;
  /** When the session issued its last token (ms). */
  lastIssuedAt: number;
}

/** Session behaviour switches (see EmulatorOptions). */
export interface SessionOptions {
  now: () => number;
  /** Randomness in [0, 1) for session IDs. */
  random: () => number;
  strictTokenReuse: boolean;
  enforcePollInterval: 'requested' | 'always';
  /** `pollIntervalSeconds` (development): told to every session instead of its own interval. */
  announcedIntervalSeconds?: number | undefined;
  /** Force the portable Web Crypto HMAC (the tests run both paths). */
  hmac?: 'auto' | 'web';
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

// Token layout: live header (3) · format (1) · session ID (7) · position (4) · issued at (8) ·
// not before (8) · seen version (4, 0 = none) · MAC (20). 55 bytes: 76 base64 characters.
const FORMAT = 0x65;
const ID_LENGTH = 7;
const AT = { id: 4, position: 11, issuedAt: 15, notBefore: 23, seen: 31, mac: 35 } as const;
const MAC_BYTES = 20;
const TOKEN_BYTES = AT.mac + MAC_BYTES;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A session in the list by last issue. */
interface Entry {
  session: Session;
  older: Entry | undefined;
  newer: Entry | undefined;
}

interface Claims {
  sessionId: string;
  position: number;
  issuedAt: number;
  notBefore: number;
  seenVersion: number | undefined;
}

/** The session ID in a token's bytes (a spread of the bytes into `fromCharCode` costs ~0.5 µs). */
function sessionIdAt(bytes: Uint8Array): string {
  let id = '';
  for (let i = AT.id; i < AT.id + ID_LENGTH; i++) id += String.fromCharCode(bytes[i]!);
  return id;
}

/** Creates the session table. */
export function createSessions(options: SessionOptions) {
  // The sessions by ID, and in a list by last issue, least recent first (a session moves to the
  // end when it issues), so forgetting old sessions only ever looks at the front. (Not the Map's
  // own order: moving an entry by delete and set leaves a hole at the front that every later
  // scan from the front steps over until the table is rebuilt, O(sessions) a poll.)
  const sessions = new Map<string, Entry>();
  let oldest: Entry | undefined;
  let newest: Entry | undefined;
  const key = new Uint8Array(32);
  crypto.getRandomValues(key);
  const hmac = createHmacSha256(key, options.hmac ?? 'auto');

  let counter = 0;
  function newSessionId(): string {
    for (let attempt = 0; attempt < 16; attempt++) {
      let id = '';
      for (let i = 0; i < ID_LENGTH; i++) {
        const index = Math.floor(options.random() * ID_ALPHABET.length);
        // A bad injected source (NaN, 1, negative) must not produce an invalid ID.
        id += ID_ALPHABET[Number.isFinite(index) ? Math.min(Math.max(index, 0), 35) : 0];
      }
      if (!sessions.has(id)) return id;
    }
    // A source that keeps colliding (a constant stub): a counter, so this never loops.
    let id: string;
    do id = (counter++ % 36 ** ID_LENGTH).toString(36).padStart(ID_LENGTH, '0');
    while (sessions.has(id));
    return id;
  }

  /** Forgets sessions whose every token has expired. Amortised O(1) per call. */
  function forget(now: number): void {
    while (oldest && now - oldest.session.lastIssuedAt > TOKEN_LIFETIME_MS) {
      sessions.delete(oldest.session.id);
      unlink(oldest);
    }
  }

  function unlink(entry: Entry): void {
    if (entry.older) entry.older.newer = entry.newer;
    else oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else newest = entry.older;
    entry.older = entry.newer = undefined;
  }

  /** Puts `session` at the end of the list (most recently issued), adding it if new. */
  function moveToEnd(session: Session): void {
    let entry = sessions.get(session.id);
    if (entry) unlink(entry);
    else sessions.set(session.id, (entry = { session, older: undefined, newer: undefined }));
    entry.older = newest;
    if (newest) newest.newer = entry;
    else oldest = entry;
    newest = entry;
  }

  /** The next token's bytes before its MAC (the MAC goes at `AT.mac`). */
  function unsignedToken(session: Session, claims: Omit<Claims, 'sessionId' | 'position'>) {
    const bytes = new Uint8Array(TOKEN_BYTES);
    const view = new DataView(bytes.buffer);
    bytes.set(LIVE_TOKEN_HEADER);
    bytes[LIVE_TOKEN_HEADER.length] = FORMAT;
    for (let i = 0; i < ID_LENGTH; i++) bytes[AT.id + i] = session.id.charCodeAt(i);
    view.setUint32(AT.position, session.position);
    view.setFloat64(AT.issuedAt, claims.issuedAt);
    view.setFloat64(AT.notBefore, claims.notBefore);
    view.setUint32(AT.seen, claims.seenVersion ?? 0);
    return bytes;
  }

  /** Seals `bytes` with `mac` and records the issue: the token to hand out. */
  function sealToken(session: Session, bytes: Uint8Array, mac: Uint8Array, issuedAt: number) {
    bytes.set(mac.subarray(0, MAC_BYTES), AT.mac);
    session.lastIssuedAt = issuedAt;
    moveToEnd(session);
    return base64Encode(bytes);
  }

  async function issue(session: Session, claims: Omit<Claims, 'sessionId' | 'position'>) {
    const bytes = unsignedToken(session, claims);
    const mac = await hmac.sign(bytes.subarray(0, AT.mac));
    return sealToken(session, bytes, mac, claims.issuedAt);
  }

  /** The token's bytes when it has our layout (its MAC still to check), else undefined. */
  function tokenBytes(token: string): Uint8Array | undefined {
    const bytes = base64Decode(token);
    if (!bytes || bytes.byteLength !== TOKEN_BYTES) return undefined;
    for (let i = 0; i < LIVE_TOKEN_HEADER.length; i++) {
      if (bytes[i] !== LIVE_TOKEN_HEADER[i]) return undefined;
    }
    return bytes[LIVE_TOKEN_HEADER.length] === FORMAT ? bytes : undefined;
  }

  /** The claims of `bytes` (from `tokenBytes`) if `mac` is theirs. */
  function claimsOf(bytes: Uint8Array, mac: Uint8Array): Claims | undefined {
    if (!macEqual(mac.subarray(0, MAC_BYTES), bytes.subarray(AT.mac))) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const seen = view.getUint32(AT.seen);
    return {
      sessionId: sessionIdAt(bytes),
      position: view.getUint32(AT.position),
      issuedAt: view.getFloat64(AT.issuedAt),
      notBefore: view.getFloat64(AT.notBefore),
      seenVersion: seen === 0 ? undefined : seen,
    };
  }

  const intervalOf = (session: Session) =>
    options.announcedIntervalSeconds ??
    session.requestedIntervalSeconds ??
    DEFAULT_POLL_INTERVAL_SECONDS;
  const enforced = (session: Session) =>
    options.enforcePollInterval === 'always' || session.requestedIntervalSeconds !== undefined;

  /** The rules of a poll up to the next token: a refusal, or the spent chain and next claims. */
  function spend(
    claims: Claims | undefined,
    now: number,
    latest: (session: Session) => number | undefined,
  ) {
    if (!claims) {
      return { ok: false, error: tokenProblem('Corrupted', TOKEN_MESSAGES.unknown) } as const;
    }
    const session = sessions.get(claims.sessionId)?.session;
    // "Valid for up to 24 hours": usable at exactly 24 h, expired one millisecond later. A
    // forgotten session's tokens are all past that.
    if (now - claims.issuedAt > TOKEN_LIFETIME_MS || !session) {
      const error = tokenProblem('Expired', TOKEN_MESSAGES.expired);
      return session ? ({ ok: false, session, error } as const) : ({ ok: false, error } as const);
    }
    const spent = claims.position < session.position;
    if (spent && options.strictTokenReuse) {
      return {
        ok: false,
        session,
        error: tokenProblem('Corrupted', TOKEN_MESSAGES.reused),
      } as const;
    }
    // Too early leaves the token unspent: clients retry it once the interval has passed.
    if (enforced(session) && now < claims.notBefore) {
      const error = tokenProblem('PollIntervalNotSatisfied', TOO_EARLY_MESSAGE);
      return { ok: false, session, error } as const;
    }
    // Relaxed reuse answers an old token as if it were fresh; the chain moves on from the newest.
    session.position = Math.max(session.position, claims.position) + 1;
    const deployed = latest(session);
    const changed = deployed !== undefined && deployed !== claims.seenVersion;
    const seenVersion = deployed ?? claims.seenVersion;
    const intervalSeconds = intervalOf(session);
    const next = { issuedAt: now, notBefore: now + intervalSeconds * 1000, seenVersion };
    return { ok: true, session, intervalSeconds, seenVersion, changed, next } as const;
  }

  function finish(
    step: Extract<ReturnType<typeof spend>, { ok: true }>,
    nextToken: string,
  ): PollResult {
    const { session, intervalSeconds, seenVersion, changed } = step;
    return { ok: true, session, nextToken, intervalSeconds, seenVersion, changed };
  }

  /**
   * `poll` in one synchronous step where the HMAC is Node's, else null (nothing done). A refusal
   * is returned before anything changes but the forgetting of expired sessions, which a second
   * poll repeats at the same or a later time with the same outcome.
   */
  function pollNow(
    token: string,
    latest: (session: Session) => number | undefined,
  ): PollResult | null {
    if (hmac.kind !== 'node') return null;
    const sign = hmac.sign as (data: Uint8Array) => Uint8Array;
    const now = options.now();
    forget(now);
    const bytes = tokenBytes(token);
    const claims = bytes && claimsOf(bytes, sign(bytes.subarray(0, AT.mac)));
    const step = spend(claims, now, latest);
    if (!step.ok) return step;
    const next = unsignedToken(step.session, step.next);
    return finish(step, sealToken(step.session, next, sign(next.subarray(0, AT.mac)), now));
  }

  return {
    /** Sessions held (alive in the last 24 hours): for the memory-bound tests. */
    size: () => sessions.size,

    /** Starts a session and returns its initial token, usable at once. */
    async start(
      target: Target,
      requestedIntervalSeconds: number | undefined,
    ): Promise<{ session: Session; token: string }> {
      const now = options.now();
      forget(now);
      const session: Session = {
        id: newSessionId(),
        target,
        requestedIntervalSeconds,
        position: 0,
        lastIssuedAt: now,
      };
      const token = await issue(session, { issuedAt: now, notBefore: now, seenVersion: undefined });
      return { session, token };
    },

    /**
     * Spends `token` and issues the next one. `latest` is the version number now deployed for the
     * session's profile (undefined when nothing is deployed yet).
     */
    async poll(
      token: string,
      latest: (session: Session) => number | undefined,
    ): Promise<PollResult> {
      // Node's HMAC: the fast path's very step (and no await between reading and spending).
      const done = pollNow(token, latest);
      if (done) return done;
      const now = options.now();
      forget(now);
      const bytes = tokenBytes(token);
      const claims = bytes && claimsOf(bytes, await hmac.sign(bytes.subarray(0, AT.mac)));
      const step = spend(claims, now, latest);
      if (!step.ok) return step;
      return finish(step, await issue(step.session, step.next));
    },

    /** `pollNow` for the Node fast path: the same step, synchronous; null where it cannot be. */
    pollNow,
  };
}

/** The session table's type. */
export type Sessions = ReturnType<typeof createSessions>;
