/**
 * Standard base64 (RFC 4648 §4, with `+`, `/` and `=` padding), the alphabet of live AppConfig
 * tokens. Node's `Buffer` when the runtime has one (fast), `btoa`/`atob` anywhere else.
 */

// Read from globalThis so that runtimes without Node's Buffer (Workers, Deno, browsers) still load.
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** base64 of `bytes`, padded. */
export function base64Encode(bytes: Uint8Array): string {
  if (NodeBuffer) {
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The bytes of canonical base64 `text`, or undefined for anything else (another alphabet, bad
 * padding, or unused low bits set), so no second spelling of the same bytes decodes.
 */
export function base64Decode(text: string): Uint8Array | undefined {
  if (!CANONICAL.test(text)) return undefined;
  let bytes: Uint8Array;
  if (NodeBuffer) {
    bytes = NodeBuffer.from(text, 'base64');
  } else {
    const binary = atob(text);
    bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  }
  return base64Encode(bytes) === text ? bytes : undefined;
}
