import { base64UrlEncode } from '../shared/base64-url.js';

/** Size of a token's random part. 32 bytes make tokens unguessable, like the service's. */
const TOKEN_BYTES = 32;

/**
 * A new opaque configuration token: base64url of random bytes from `crypto.getRandomValues`
 * (web standard: Node 20 and browsers). 43 characters, no whitespace, so it fits `TOKEN_PATTERN`.
 */
export function createToken(): string {
  const bytes = new Uint8Array(TOKEN_BYTES);
  crypto.getRandomValues(bytes);
  return base64UrlEncode(bytes);
}
