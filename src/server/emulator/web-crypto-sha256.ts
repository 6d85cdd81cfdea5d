/**
 * SHA-256 and HMAC-SHA256 on Web Crypto (`crypto.subtle`), in the shape the AWS signing library
 * expects of its `sha256` option (a `Checksum` constructor: `new (secret?) → update / digest /
 * reset`). Web Crypto keeps the emulator runtime-neutral: Node 20, browsers, Workers, Deno, Bun.
 */

/** What the signing library passes in: a string (UTF-8) or bytes. */
export type SourceData = string | ArrayBuffer | ArrayBufferView;

const encoder = new TextEncoder();

/** A copy of `data` as bytes, so later changes to the caller's buffer cannot alter the digest. */
export function toBytes(data: SourceData): Uint8Array<ArrayBuffer> {
  if (typeof data === 'string') return encoder.encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  const copy = new Uint8Array(data.byteLength);
  copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return copy;
}

/** SHA-256 without a secret, HMAC-SHA256 with one. Data is buffered: signed requests are small. */
export class WebCryptoSha256 {
  private chunks: Uint8Array[] = [];
  private readonly key: Promise<CryptoKey> | undefined;

  constructor(secret?: SourceData) {
    this.key =
      secret === undefined
        ? undefined
        : crypto.subtle.importKey(
            'raw',
            toBytes(secret),
            { name: 'HMAC', hash: 'SHA-256' },
            false,
            ['sign'],
          );
  }

  update(data: SourceData): void {
    this.chunks.push(toBytes(data));
  }

  async digest(): Promise<Uint8Array> {
    const size = this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    const data = new Uint8Array(size);
    let offset = 0;
    for (const chunk of this.chunks) {
      data.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const digest = this.key
      ? await crypto.subtle.sign('HMAC', await this.key, data)
      : await crypto.subtle.digest('SHA-256', data);
    return new Uint8Array(digest);
  }

  reset(): void {
    this.chunks = [];
  }
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Compares two strings in time that depends only on their lengths (for signatures and MACs). */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
