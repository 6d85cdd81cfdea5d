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
 *   kind (`f` fan-out, `p` pass-through) · MAC (32 bytes) · claims length (2 bytes, big-endian) ·
 *   claims (JSON) · the upstream token (pass-through only, its UTF-8 bytes).
 * The MAC covers a format tag, the kind, the claims and the upstream token, and the claims name
 * their kind, so a token of one mode never passes in the other.
 */
import { base64Decode, base64Encode } from '../shared/base64.js';
import { createHmacSha256, macEqual } from '../shared/hmac-sha256.js';
import { LIVE_TOKEN_HEADER } from '../shared/tokens.js';

/** Claims of a fan-out token. */
export interface FanOutClaims {
  k: 'f';
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
const KIND = { f: 0x66, p: 0x70 } as const;
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

/** Signs and verifies tokens with `secrets` (the first signs; each one verifies). */
export function createTokenSigner(secrets: readonly string[], hmac: 'auto' | 'web' = 'auto') {
  const keys = secrets.map((secret) => createHmacSha256(encoder.encode(secret), hmac));
  const signed = new Map<string, string>();
  const verified = new Map<string, VerifiedToken>();

  async function sign(claims: TokenClaims, upstream?: string): Promise<string> {
    const text = JSON.stringify(claims);
    if (upstream === undefined) {
      const cached = signed.get(text);
      if (cached !== undefined) return cached;
    }
    const json = encoder.encode(text);
    const tail = upstream === undefined ? new Uint8Array(0) : encoder.encode(upstream);
    const bytes = new Uint8Array(CLAIMS_AT + json.byteLength + tail.byteLength);
    bytes.set(LIVE_TOKEN_HEADER);
    bytes[HEAD] = KIND[claims.k];
    bytes[CLAIMS_AT - 2] = json.byteLength >> 8;
    bytes[CLAIMS_AT - 1] = json.byteLength & 0xff;
    bytes.set(json, CLAIMS_AT);
    bytes.set(tail, CLAIMS_AT + json.byteLength);
    bytes.set(await keys[0]!.sign(macInput(bytes)), HEAD + 1);
    const token = base64Encode(bytes);
    // Pass-through envelopes hold a new upstream token each time: nothing repeats there.
    return upstream === undefined ? remember(signed, SIGN_CACHE_SIZE, text, token) : token;
  }

  async function verify(token: string): Promise<VerifiedToken | undefined> {
    const known = verified.get(token);
    if (known) return known;
    const bytes = base64Decode(token);
    if (!bytes || bytes.byteLength < CLAIMS_AT + 2) return undefined;
    for (let i = 0; i < HEAD; i++) if (bytes[i] !== LIVE_TOKEN_HEADER[i]) return undefined;
    const kind = bytes[HEAD] === KIND.f ? 'f' : bytes[HEAD] === KIND.p ? 'p' : undefined;
    const length = (bytes[CLAIMS_AT - 2]! << 8) | bytes[CLAIMS_AT - 1]!;
    if (!kind || CLAIMS_AT + length > bytes.byteLength) return undefined;
    const tail = bytes.subarray(CLAIMS_AT + length);
    if ((kind === 'p') !== tail.byteLength > 0) return undefined;
    const mac = bytes.subarray(HEAD + 1, HEAD + 1 + MAC_BYTES);
    const data = macInput(bytes);
    let valid = false;
    // macEqual compares in constant time; every key is tried, so timing tells nothing either.
    for (const key of keys) valid = macEqual(await key.sign(data), mac) || valid;
    if (!valid) return undefined;
    const claims = parseClaims(bytes.subarray(CLAIMS_AT, CLAIMS_AT + length));
    if (!claims || claims.k !== kind) return undefined;
    let result: VerifiedToken;
    if (kind === 'f') {
      result = { claims };
    } else {
      try {
        result = { claims, upstream: decoder.decode(tail) };
      } catch {
        return undefined;
      }
    }
    // Only tokens this proxy issued are remembered, so the cache cannot be flooded with junk.
    return remember(verified, VERIFY_CACHE_SIZE, token, result);
  }

  return { sign, verify };
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
  if (value.k !== 'f' || !isTime(value.nbf)) return undefined;
  if (value.h !== undefined && !isString(value.h)) return undefined;
  if (value.i !== undefined && !isTime(value.i)) return undefined;
  const claims: FanOutClaims = {
    k: 'f',
    a: value.a,
    e: value.e,
    p: value.p,
    iat: value.iat,
    nbf: value.nbf,
  };
  if (value.h !== undefined) claims.h = value.h;
  if (value.i !== undefined) claims.i = value.i;
  return claims;
}
