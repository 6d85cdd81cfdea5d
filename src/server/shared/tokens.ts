import { base64Encode } from './base64.js';

/** Size of a token's random part. 32 bytes make tokens unguessable, like the service's. */
const TOKEN_BYTES = 32;

/**
 * The first bytes of every live AppConfig token (an AWS Encryption SDK message header: version 1,
 * type 128, algorithm 0x03…), which base64 spells `AYAD`. Our tokens start the same way, so they
 * never start with `-` (which the AWS CLI would parse as an option) and look like live ones.
 */
export const LIVE_TOKEN_HEADER = [0x01, 0x80, 0x03] as const;

/**
 * A new opaque configuration token shaped like a live one: standard base64 (with `+`, `/` and
 * `=`, so a client that forgets to URL-encode the query fails here as it would against AWS) of
 * the live header and 32 random bytes from `crypto.getRandomValues`. 48 characters.
 */
export function createToken(): string {
  const bytes = new Uint8Array(LIVE_TOKEN_HEADER.length + TOKEN_BYTES);
  bytes.set(LIVE_TOKEN_HEADER);
  crypto.getRandomValues(bytes.subarray(LIVE_TOKEN_HEADER.length));
  return base64Encode(bytes);
}
