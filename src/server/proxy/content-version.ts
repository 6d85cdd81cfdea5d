import { base64Encode } from '../shared/base64.js';

/** Bytes of SHA-256 kept: 128 bits, ample to tell versions of one configuration apart. */
const VERSION_BYTES = 16;
const encoder = new TextEncoder();

/**
 * The fan-out version of a configuration: SHA-256 of its Content-Type and bytes, truncated.
 * Derived from content alone, so instances that never talk to each other agree on it, and a
 * browser token issued by one instance says "I have this" to every other.
 */
export async function contentVersion(body: Uint8Array, contentType: string): Promise<string> {
  const head = encoder.encode(`${contentType}\n`);
  const data = new Uint8Array(head.byteLength + body.byteLength);
  data.set(head);
  data.set(body, head.byteLength);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return base64Encode(digest.subarray(0, VERSION_BYTES));
}
