// @vitest-environment node
/**
 * The production build behaves as the development one, only with shorter messages: the same error
 * classes, names, codes and fields, the lazily loaded error reader included. The entry is bundled
 * with esbuild as an app's bundler would (NODE_ENV=production, code splitting) and run here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Entry from './fixtures/production-entry.js';

const entry = fileURLToPath(new URL('./fixtures/production-entry.ts', import.meta.url));
const options = { endpoint: 'https://flags.example', application: 'app', environment: 'prod' };
let outdir: string;
let bundle: typeof Entry;

beforeAll(async () => {
  outdir = mkdtempSync(path.join(tmpdir(), 'appconfig-production-'));
  await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    outdir,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  bundle = (await import(pathToFileURL(path.join(outdir, 'production-entry.js')).href)) as never;
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** A server that answers every call with `response()`. */
const answering = (response: () => Response) => async () => response();

const first = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, {
    status: 201,
    headers: {
      'next-poll-configuration-token': 'next',
      'next-poll-interval-in-seconds': '60',
      'content-type': 'application/json',
      'version-label': 'v1',
      ...headers,
    },
  });

describe('the production build', () => {
  it('carries none of the development messages', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const code = readdirSync(outdir)
      .map((file) => readFileSync(path.join(outdir, file), 'utf8'))
      .join('\n');
    expect(code).not.toContain('The last good configuration is kept');
    expect(code).not.toContain('the client was reset or disposed');
    expect(code).not.toContain('must be a name or ID of');
  });

  it('reads a flag from a server that combines the first call', async () => {
    const client = bundle.createAppConfigClient({
      ...options,
      profile: 'flags',
      fetch: answering(() => first('{"dark":{"enabled":true}}')),
    });
    expect((await client.poll()).configuration).toEqual({ dark: { enabled: true } });
    client.dispose();
  });

  it('reads an error response lazily into the same typed error (the provider’s client)', async () => {
    const client = bundle.createSessionClient(
      {
        ...options,
        profile: 'missing',
        fetch: answering(
          () =>
            new Response('{"Message":"Profile not found","ResourceType":"ConfigurationProfile"}', {
              status: 404,
              headers: { 'x-amzn-ErrorType': 'ResourceNotFoundException' },
            }),
        ),
      },
      bundle.readErrorLater,
    );
    const error = await client.fetchLatest().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(bundle.errors.ResourceNotFoundException);
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      code: 'ResourceNotFoundException',
      status: 404,
      message: 'Profile not found',
      resourceType: 'ConfigurationProfile',
    });
    expect(client.stoppedBy()).toBe(error);
    client.dispose();
  });

  it('refuses a configuration that is not JSON with a ConfigurationDecodeError and a short message', async () => {
    const client = bundle.createAppConfigClient({
      ...options,
      profile: 'flags',
      fetch: answering(() => first('{not json')),
    });
    const snapshot = await client.poll();
    expect(snapshot.error).toBeInstanceOf(bundle.errors.ConfigurationDecodeError);
    expect(snapshot.error).toMatchObject({
      name: 'ConfigurationDecodeError',
      contentType: 'application/json',
      versionLabel: 'v1',
    });
    expect(snapshot.error!.message).toMatch(
      /^The configuration "v1" is not valid JSON \(Content-Type application\/json\): .+\.$/,
    );
    client.dispose();
  });

  it('cancels a request on reset with a NetworkError, and times out naming requestTimeoutMs', async () => {
    const signals: AbortSignal[] = [];
    const hanging = (_input: unknown, init?: RequestInit) => {
      signals.push(init!.signal!);
      return new Promise<Response>(() => {});
    };
    const client = bundle.createAppConfigClient({
      ...options,
      profile: 'flags',
      fetch: hanging,
      requestTimeoutMs: 20,
    });
    void client.poll();
    await new Promise((resolve) => setTimeout(resolve, 0));
    client.reset();
    expect(signals[0]!.reason).toBeInstanceOf(bundle.errors.NetworkError);
    expect(signals[0]!.reason).toMatchObject({
      name: 'NetworkError',
      message: 'Request cancelled',
    });
    // The cancelled step settles first (it is ignored: it belongs to the reset session).
    await new Promise((resolve) => setTimeout(resolve, 0));

    const snapshot = await client.poll();
    expect(snapshot.error).toBeInstanceOf(bundle.errors.NetworkError);
    expect(snapshot.error).toMatchObject({
      name: 'NetworkError',
      timedOut: true,
      message: 'No response within 20 ms (requestTimeoutMs).',
    });
    client.dispose();
  });
});

describe('the development build (the source, as vitest runs it)', () => {
  it('explains a cancelled request', async () => {
    const { createAppConfigClient, NetworkError } = await import('../../src/core/index.js');
    const signals: AbortSignal[] = [];
    const client = createAppConfigClient({
      ...options,
      profile: 'flags',
      fetch: (_input, init) => {
        signals.push(init!.signal!);
        return new Promise<Response>(() => {});
      },
    });
    void client.poll();
    await new Promise((resolve) => setTimeout(resolve, 0));
    client.reset();
    expect(signals[0]!.reason).toBeInstanceOf(NetworkError);
    expect((signals[0]!.reason as Error).message).toBe(
      'Request cancelled: the client was reset or disposed.',
    );
    client.dispose();
  });
});
