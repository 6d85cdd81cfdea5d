/**
 * The proxy's browser tokens: self-contained claims signed with HMAC-SHA256 (synchronous
 * `node:crypto` where the runtime has it, Web Crypto elsewhere: see hmac-sha256.ts). Any instance holding the secret verifies any instance's token;
 * nothing is stored. Claims are signed, not encrypted: they hold only what the browser already
 * knows (the configuration it asked for, timing) and a content hash, never anything about AWS,
 * except the pass-through envelope's upstream token, which AWS itself made opaque.
 *
 * Format: standard base64 (every character fits the model's `\S{1,8192}`, and `+`, `/`, `=`
 * make a client that forgets to URL-encode fail here as it would live) of
 *   `01 80 03` (the live tokens' first bytes, so the text starts `AYAD`, never `-`)
 *   kind (`f` fan-out, `p` pass-through, `a` pass-through to the Agent) · MAC (32 bytes) ·
 *   claims length (2 bytes, big-endian) · claims (JSON) · the upstream token (`p` only, its
 *   UTF-8 bytes).
 * With the Agent upstream the claims also hold the context the browser claimed (`c`), the keys
 * `authorize` let it set: that is what makes each poll evaluable for that caller by any instance.
 * The MAC covers a format tag, the kind, the claims and the upstream token, and the claims name
 * their kind, so a token of one mode never passes in the other.
 */
import { base64Decode, base64Encode } from '../shared/base64.js';
import { createHmacSha256, macEqual } from '../shared/hmac-sha256.js';
import { LIVE_TOKEN_HEADER } from '../shared/tokens.js';
import type { RuleContext, RuleContextValue } from '../rules/rule-types.js';

/**
 * Claims of a self-contained session token: fan-out (`f`), or pass-through to the Agent (`a`),
 * which has no upstream session token to carry.
 */
export interface FanOutClaims {
  k: 'f' | 'a';
  /** Application, environment, profile as the browser named them. */
  a: string;
  e: string;
  p: string;
  /** Content version the browser holds (see contentVersion), absent before its first poll. */
  h?: string;
  /** Issued at, ms since the epoch: the token expires 24 hours later. */
  iat: number;
  /** Not before, ms since the epoch: an earlier poll answers "Request too early". */
  nbf: number;
  /** RequiredMinimumPollIntervalInSeconds the browser asked for, if any. */
  i?: number;
  /** Context keys the browser claimed and was allowed to (Agent upstream only). */
  c?: RuleContext;
}

/** Claims of a pass-through envelope. */
export interface PassThroughClaims {
  k: 'p';
  a: string;
  e: string;
  p: string;
  iat: number;
}

export type TokenClaims = FanOutClaims | PassThroughClaims;

/** A verified token. */
export interface VerifiedToken {
  claims: TokenClaims;
  /** The upstream token inside a pass-through envelope. */
  upstream?: string;
}

const FORMAT = 'appconfig-react-proxy-token-v2';
const MAC_BYTES = 32;
const HEAD = LIVE_TOKEN_HEADER.length; // then the kind byte
const CLAIMS_AT = HEAD + 1 + MAC_BYTES + 2;
const KIND = { f: 0x66, p: 0x70, a: 0x61 } as const;
const KIND_OF = new Map<number, TokenClaims['k']>(
  Object.entries(KIND).map(([kind, byte]) => [byte, kind as TokenClaims['k']]),
);
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** What the MAC covers: the format tag, then the token without its header and MAC. */
function macInput(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const tag = encoder.encode(`${FORMAT}\n`);
  const kind = bytes.subarray(HEAD, HEAD + 1);
  const rest = bytes.subarray(HEAD + 1 + MAC_BYTES);
  const out = new Uint8Array(tag.byteLength + 1 + rest.byteLength);
  out.set(tag);
  out.set(kind, tag.byteLength);
  out.set(rest, tag.byteLength + 1);
  return out;
}

// Bounded caches: a token's content repeats (whole-second timestamps, many browsers holding the
// same version), so the same claims are signed, and the same tokens verified, again and again.
const SIGN_CACHE_SIZE = 256;
const VERIFY_CACHE_SIZE = 4096;

function remember<K, V>(cache: Map<K, V>, limit: number, key: K, value: V): V {
  if (cache.size >= limit) cache.clear(); // cheaper than LRU bookkeeping, and as good here
  cache.set(key, value);
  return value;
}

/** The token's bytes before its MAC is set in. */
function unsigned(text: string, kind: TokenClaims['k'], upstream: string | undefined): Uint8Array {
  const json = encoder.encode(text);
  const tail = upstream === undefined ? new Uint8Array(0) : encoder.encode(upstream);
  const bytes = new Uint8Array(CLAIMS_AT + json.byteLength + tail.byteLength);
  bytes.set(LIVE_TOKEN_HEADER);
  bytes[HEAD] = KIND[kind];
  bytes[CLAIMS_AT - 2] = json.byteLength >> 8;
  bytes[CLAIMS_AT - 1] = json.byteLength & 0xff;
  bytes.set(json, CLAIMS_AT);
  bytes.set(tail, CLAIMS_AT + json.byteLength);
  return bytes;
}

/** A token's parts when its layout is right (its MAC still to check). */
interface Parsed {
  bytes: Uint8Array;
  kind: TokenClaims['k'];
  length: number;
  tail: Uint8Array;
  mac: Uint8Array;
}

function parseLayout(token: string): Parsed | undefined {
  const bytes = base64Decode(token);
  if (!bytes || bytes.byteLength < CLAIMS_AT + 2) return undefined;
  for (let i = 0; i < HEAD; i++) if (bytes[i] !== LIVE_TOKEN_HEADER[i]) return undefined;
  const kind = KIND_OF.get(bytes[HEAD]!);
  const length = (bytes[CLAIMS_AT - 2]! << 8) | bytes[CLAIMS_AT - 1]!;
  if (!kind || CLAIMS_AT + length > bytes.byteLength) return undefined;
  const tail = bytes.subarray(CLAIMS_AT + length);
  if ((kind === 'p') !== tail.byteLength > 0) return undefined;
  return { bytes, kind, length, tail, mac: bytes.subarray(HEAD + 1, HEAD + 1 + MAC_BYTES) };
}

/** The verified token of a layout whose MAC matched. */
function readVerified({ bytes, kind, length, tail }: Parsed): VerifiedToken | undefined {
  const claims = parseClaims(bytes.subarray(CLAIMS_AT, CLAIMS_AT + length));
  if (!claims || claims.k !== kind) return undefined;
  if (kind !== 'p') return { claims };
  try {
    return { claims, upstream: decoder.decode(tail) };
  } catch {
    return undefined;
  }
}

/**
 * Signs and verifies tokens with `secrets` (the first signs; each one verifies). `signNow` and
 * `verifyNow` do the same synchronously, for the Node fast path: `null` where the HMAC is Web
 * Crypto's (`sync` false).
 */
export function createTokenSigner(secrets: readonly string[], hmac: 'auto' | 'web' = 'auto') {
  const keys = secrets.map((secret) => createHmacSha256(encoder.encode(secret), hmac));
  const sync = keys.every((key) => key.kind === 'node');
  const signed = new Map<string, string>();
  const verified = new Map<string, VerifiedToken>();

  function seal(bytes: Uint8Array, mac: Uint8Array, text: string, upstream?: string): string {
    bytes.set(mac, HEAD + 1);
    const token = base64Encode(bytes);
    // Pass-through envelopes hold a new upstream token each time: nothing repeats there.
    return upstream === undefined ? remember(signed, SIGN_CACHE_SIZE, text, token) : token;
  }

  async function sign(claims: TokenClaims, upstream?: string): Promise<string> {
    const text = JSON.stringify(claims);
    const cached = upstream === undefined ? signed.get(text) : undefined;
    if (cached !== undefined) return cached;
    const bytes = unsigned(text, claims.k, upstream);
    return seal(bytes, await keys[0]!.sign(macInput(bytes)), text, upstream);
  }

  function signNow(claims: FanOutClaims): string | null {
    const text = JSON.stringify(claims);
    const cached = signed.get(text);
    if (cached !== undefined) return cached;
    if (!sync) return null;
    const bytes = unsigned(text, claims.k, undefined);
    return seal(bytes, keys[0]!.sign(macInput(bytes)) as Uint8Array, text);
  }

  function accept(token: string, parsed: Parsed, valid: boolean): VerifiedToken | undefined {
    const result = valid ? readVerified(parsed) : undefined;
    // Only tokens this proxy issued are remembered, so the cache cannot be flooded with junk.
    return result && remember(verified, VERIFY_CACHE_SIZE, token, result);
  }

  async function verify(token: string): Promise<VerifiedToken | undefined> {
    const known = verified.get(token);
    if (known) return known;
    const parsed = parseLayout(token);
    if (!parsed) return undefined;
    const data = macInput(parsed.bytes);
    let valid = false;
    // macEqual compares in constant time; every key is tried, so timing tells nothing either.
    for (const key of keys) valid = macEqual(await key.sign(data), parsed.mac) || valid;
    return accept(token, parsed, valid);
  }

  function verifyNow(token: string): VerifiedToken | undefined | null {
    const known = verified.get(token);
    if (known) return known;
    if (!sync) return null;
    const parsed = parseLayout(token);
    if (!parsed) return undefined;
    const data = macInput(parsed.bytes);
    let valid = false;
    for (const key of keys) valid = macEqual(key.sign(data) as Uint8Array, parsed.mac) || valid;
    return accept(token, parsed, valid);
  }

  return { sign, verify, signNow, verifyNow, sync };
}

export type TokenSigner = ReturnType<typeof createTokenSigner>;

const isString = (value: unknown): value is string => typeof value === 'string';
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

// The MAC already proves we wrote these claims; the shape check guards against our own old formats.
function parseClaims(bytes: Uint8Array): TokenClaims | undefined {
  let value: Record<string, unknown>;
  try {
    value = Object(JSON.parse(decoder.decode(bytes))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!isString(value.a) || !isString(value.e) || !isString(value.p) || !isTime(value.iat)) {
    return undefined;
  }
  if (value.k === 'p') return { k: 'p', a: value.a, e: value.e, p: value.p, iat: value.iat };
  if ((value.k !== 'f' && value.k !== 'a') || !isTime(value.nbf)) return undefined;
  if (value.h !== undefined && !isString(value.h)) return undefined;
  if (value.i !== undefined && !isTime(value.i)) return undefined;
  if (value.c !== undefined && !isContext(value.c)) return undefined;
  const claims: FanOutClaims = {
    k: value.k,
    a: value.a,
    e: value.e,
    p: value.p,
    iat: value.iat,
    nbf: value.nbf,
  };
  if (value.h !== undefined) claims.h = value.h;
  if (value.i !== undefined) claims.i = value.i;
  if (value.c !== undefined) claims.c = value.c;
  return claims;
}

const isContextValue = (value: unknown): value is RuleContextValue =>
  typeof value === 'string' || typeof value === 'boolean' || isTime(value);

function isContext(value: unknown): value is RuleContext {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(isContextValue)
  );
}
