/**
 * The proxy's browser tokens: self-contained claims signed with HMAC-SHA256 (Web Crypto, so the
 * handler stays runtime-neutral). Any instance holding the secret verifies any instance's token;
 * nothing is stored. Claims are signed, not encrypted: they hold only what the browser already
 * knows (the configuration it asked for, timing) and a content hash, never anything about AWS,
 * except the pass-through envelope's upstream token, which AWS itself made opaque.
 *
 * Format (every character fits the model's `\S{1,8192}`):
 * - fan-out:      `<base64url(JSON claims)>.<base64url(mac)>`
 * - pass-through: `<base64url(JSON claims)>.<base64url(mac)>.<upstream token>`
 * The MAC covers a format tag, the claims and the upstream token, and the claims name their kind,
 * so a token of one mode never passes in the other.
 */
import { base64UrlDecode, base64UrlEncode } from '../shared/base64-url.js';

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

const FORMAT = 'appconfig-react-proxy-token-v1';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

async function importKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

const macInput = (payload: string, upstream: string | undefined) =>
  encoder.encode(`${FORMAT}\n${payload}\n${upstream ?? ''}`);

/** Signs and verifies tokens with `secrets` (the first signs; each one verifies). */
export function createTokenSigner(secrets: readonly string[]) {
  const keys = Promise.all(secrets.map(importKey));

  return {
    async sign(claims: TokenClaims, upstream?: string): Promise<string> {
      const payload = base64UrlEncode(encoder.encode(JSON.stringify(claims)));
      const [key] = await keys;
      const mac = new Uint8Array(
        await crypto.subtle.sign('HMAC', key!, macInput(payload, upstream)),
      );
      const token = `${payload}.${base64UrlEncode(mac)}`;
      return upstream === undefined ? token : `${token}.${upstream}`;
    },

    /** The claims, or undefined for anything not issued with one of the secrets. */
    async verify(token: string): Promise<VerifiedToken | undefined> {
      const first = token.indexOf('.');
      const second = first < 0 ? -1 : token.indexOf('.', first + 1);
      const payload = token.slice(0, first);
      const macText = second < 0 ? token.slice(first + 1) : token.slice(first + 1, second);
      const upstream = second < 0 ? undefined : token.slice(second + 1);
      if (first <= 0 || upstream === '') return undefined;
      const mac = base64UrlDecode(macText);
      // Canonical encoding only: no second spelling of the same MAC passes.
      if (!mac || mac.byteLength !== 32 || base64UrlEncode(mac) !== macText) return undefined;
      const data = macInput(payload, upstream);
      let valid = false;
      // crypto.subtle.verify compares in constant time.
      for (const key of await keys) valid ||= await crypto.subtle.verify('HMAC', key, mac, data);
      if (!valid) return undefined;
      const claims = parseClaims(payload);
      if (!claims) return undefined;
      if ((claims.k === 'p') !== (upstream !== undefined)) return undefined;
      return upstream === undefined ? { claims } : { claims, upstream };
    },
  };
}

export type TokenSigner = ReturnType<typeof createTokenSigner>;

const isString = (value: unknown): value is string => typeof value === 'string';
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

// The MAC already proves we wrote these claims; the shape check guards against our own old formats.
function parseClaims(payload: string): TokenClaims | undefined {
  const bytes = base64UrlDecode(payload);
  if (!bytes) return undefined;
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
