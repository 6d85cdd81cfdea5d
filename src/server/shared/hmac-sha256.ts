/**
 * HMAC-SHA256, synchronous where the runtime has Node's `crypto` (Node, Bun, Deno, Workers with
 * Node compatibility), Web Crypto elsewhere. A Web Crypto HMAC is a thread-pool job (24–48 µs per
 * call measured against 3–4 µs for a synchronous one), the largest cost of a proxy poll.
 * `node:crypto` is looked up with `process.getBuiltinModule` at run time, never imported, so
 * bundles for browsers and edge runtimes load this file unchanged and take the portable path.
 */

// A type only: erased from the build, so nothing imports node:crypto at run time.
import type * as NodeCryptoModule from 'node:crypto';

type NodeCrypto = typeof NodeCryptoModule;

/** `node:crypto`, or undefined where the runtime has none. Exported for tests. */
export function nodeCrypto(): NodeCrypto | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  try {
    const module = process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
    return typeof module?.createHmac === 'function' ? module : undefined;
  } catch {
    return undefined;
  }
}

/** A keyed HMAC-SHA256. `sign` answers synchronously on the Node path, with a promise otherwise. */
export interface HmacSha256 {
  /** The 32-byte MAC of `data`. */
  sign(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** Which implementation runs: for tests and benchmarks. */
  readonly kind: 'node' | 'web';
}

/** Creates an HMAC for `key`. `prefer: 'web'` forces the portable path (the tests run both). */
export function createHmacSha256(key: Uint8Array, prefer: 'auto' | 'web' = 'auto'): HmacSha256 {
  const node = prefer === 'auto' ? nodeCrypto() : undefined;
  if (node) {
    // One KeyObject: createHmac with it skips re-deriving the key's pads from raw bytes.
    const secret = node.createSecretKey(key);
    return {
      kind: 'node',
      sign: (data) => node.createHmac('sha256', secret).update(data).digest(),
    };
  }
  let imported: Promise<CryptoKey> | undefined;
  return {
    kind: 'web',
    async sign(data) {
      imported ??= crypto.subtle.importKey(
        'raw',
        new Uint8Array(key),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      return new Uint8Array(await crypto.subtle.sign('HMAC', await imported, new Uint8Array(data)));
    },
  };
}

/** Constant-time comparison of two MACs (the time depends on the length only). */
export function macEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let difference = 0;
  for (let i = 0; i < a.byteLength; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
