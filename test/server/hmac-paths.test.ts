/**
 * The synchronous `node:crypto` HMAC and the portable Web Crypto one agree byte for byte, so a
 * proxy on Node and one on Workers or Deno verify each other's tokens; and the server bundle never
 * imports `node:crypto` statically (it is looked up at run time).
 */
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createTokenSigner } from '../../src/server/proxy/proxy-tokens.js';
import { createHmacSha256, macEqual, nodeCrypto } from '../../src/server/shared/hmac-sha256.js';

const encoder = new TextEncoder();

describe('HMAC-SHA256 on both paths', () => {
  it('finds node:crypto in Node, and both paths give the reference MAC', async () => {
    expect(nodeCrypto()).toBeDefined();
    const key = encoder.encode('key');
    const data = encoder.encode('The quick brown fox jumps over the lazy dog');
    const reference = createHmac('sha256', 'key').update(data).digest();
    const node = createHmacSha256(key);
    const web = createHmacSha256(key, 'web');
    expect([node.kind, web.kind]).toEqual(['node', 'web']);
    expect(node.sign(data)).not.toBeInstanceOf(Promise); // synchronous where it can be
    expect(Buffer.from(await node.sign(data))).toEqual(reference);
    expect(Buffer.from(await web.sign(data))).toEqual(reference);
  });

  it('compares MACs by value', () => {
    expect(macEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(macEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(macEqual(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false);
  });

  it('proxy tokens signed on one path verify on the other', async () => {
    const secrets = ['proxy-test-secret-0123456789abcdefghij'];
    const node = createTokenSigner(secrets);
    const web = createTokenSigner(secrets, 'web');
    const claims = { k: 'f' as const, a: 'A', e: 'E', p: 'P', iat: 1000, nbf: 2000 };
    const token = await node.sign(claims);
    expect(await web.sign(claims)).toBe(token);
    expect((await web.verify(token))?.claims).toEqual(claims);
    expect((await node.verify(await web.sign({ ...claims, iat: 3000 })))?.claims.iat).toBe(3000);
  });

  it('leaves node:crypto out of the module graph (looked up with process.getBuiltinModule)', async () => {
    const source = await readFile(
      new URL('../../src/server/shared/hmac-sha256.ts', import.meta.url),
      'utf8',
    );
    expect(source).not.toMatch(/^import (?!type)[^;]*node:crypto/m);
    expect(source).toContain("getBuiltinModule?.('node:crypto')");
  });
});
