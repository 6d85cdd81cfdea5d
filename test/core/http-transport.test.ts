/**
 * The HTTP transport's first call: the session start asks for the first configuration, across
 * origins as a CORS "simple" request (text/plain, no preflight), and any server that does not
 * combine the calls still works with no extra round trip.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpTransport } from '../../src/core/create-http-transport.js';
import { ResourceNotFoundException } from '../../src/core/errors.js';
import { httpTransport } from '../../src/core/http-transport.js';
import { readErrorLater } from '../../src/core/read-error-later.js';
import { createTestEmulator } from '../../src/testing/index.js';
import { withoutInclude } from '../support/client-harness.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const request = { application: 'app', environment: 'test', profile: 'flags' };
const call = () => ({ signal: new AbortController().signal, headers: new Headers() });

function recording(inner: typeof fetch) {
  const sent: { url: string; contentType: string | null }[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    sent.push({ url: String(input), contentType: new Headers(init?.headers).get('content-type') });
    return inner(input, init);
  };
  return { fetch, sent };
}

describe('the session start', () => {
  it('asks for the first configuration and gets it from a server that combines the calls', async () => {
    const emulator = createTestEmulator({ flags: { dark: true } });
    const { fetch, sent } = recording(emulator.fetch as typeof globalThis.fetch);
    const transport = createHttpTransport({ endpoint: 'http://emulator.test', fetch });
    const started = await transport.startSession(request, call());
    expect('first' in started && new TextDecoder().decode(started.first.body)).toBe(
      '{"dark":{"enabled":true}}',
    );
    expect(sent).toEqual([
      {
        url: 'http://emulator.test/configurationsessions?include=configuration',
        contentType: 'application/json',
      },
    ]);
  });

  it('gets the standard token from any other server, and the first poll follows', async () => {
    const emulator = createTestEmulator({ flags: { dark: true } });
    const standard: typeof fetch = (input, init) =>
      (emulator.fetch as typeof fetch)(withoutInclude(input), init);
    const transport = createHttpTransport({ endpoint: 'http://emulator.test', fetch: standard });
    const started = await transport.startSession(request, call());
    expect(started).toEqual({ token: expect.stringMatching(/^AYAD/) });
  });

  it('is text/plain across origins (no CORS preflight), JSON on the same origin', async () => {
    vi.stubGlobal('location', { origin: 'https://shop.example' });
    const emulator = createTestEmulator({ flags: { dark: true } });
    const { fetch, sent } = recording(emulator.fetch as typeof globalThis.fetch);
    await createHttpTransport({ endpoint: 'http://emulator.test', fetch }).startSession(
      request,
      call(),
    );
    await createHttpTransport({
      endpoint: '/appconfig',
      fetch: async () => new Response('{"InitialConfigurationToken":"t"}', { status: 201 }),
    }).startSession(request, call());
    const same = recording(
      async () => new Response('{"InitialConfigurationToken":"t"}', { status: 201 }),
    );
    await createHttpTransport({
      endpoint: 'https://shop.example/appconfig',
      fetch: same.fetch,
    }).startSession(request, call());
    expect(sent[0]!.contentType).toBe('text/plain;charset=UTF-8');
    expect(same.sent[0]!.contentType).toBe('application/json');
  });

  it('falls back to JSON, once and for good, when a server refuses text/plain with 415', async () => {
    vi.stubGlobal('location', { origin: 'https://shop.example' });
    const { fetch, sent } = recording(async (_input, init) =>
      new Headers(init?.headers).get('content-type') === 'application/json'
        ? new Response('{"InitialConfigurationToken":"t"}', { status: 201 })
        : new Response('', { status: 415 }),
    );
    const transport = createHttpTransport({ endpoint: 'https://flags.example', fetch });
    expect(await transport.startSession(request, call())).toEqual({ token: 't' });
    expect(await transport.startSession(request, call())).toEqual({ token: 't' });
    expect(sent.map((r) => r.contentType)).toEqual([
      'text/plain;charset=UTF-8',
      'application/json',
      'application/json',
    ]);
  });

  it('sends the JSON fallback after a 415 without reading the error (the reader may load lazily)', async () => {
    vi.stubGlobal('location', { origin: 'https://shop.example' });
    const { fetch, sent } = recording(async (_input, init) =>
      new Headers(init?.headers).get('content-type') === 'application/json'
        ? new Response('{"InitialConfigurationToken":"t"}', { status: 201 })
        : new Response('', { status: 415 }),
    );
    const readError = vi.fn(readErrorLater);
    const transport = httpTransport({ endpoint: 'https://flags.example', fetch }, readError);
    expect(await transport.startSession(request, call())).toEqual({ token: 't' });
    expect(sent.map((r) => r.contentType)).toEqual([
      'text/plain;charset=UTF-8',
      'application/json',
    ]);
    expect(readError).not.toHaveBeenCalled();
  });

  it('a second 415 is the typed error, read by the lazily loaded reader', async () => {
    const fetch = async () =>
      new Response('{"message":"no"}', {
        status: 415,
        headers: { 'x-amzn-ErrorType': 'UnsupportedMediaType' },
      });
    const transport = httpTransport({ endpoint: 'https://flags.example', fetch }, readErrorLater);
    await expect(transport.startSession(request, call())).rejects.toMatchObject({
      name: 'AppConfigServiceError',
      code: 'UnsupportedMediaType',
      status: 415,
      message: 'no',
    });
  });
});

describe('error responses read lazily', () => {
  it('are the same typed errors as errorFromResponse makes', async () => {
    const fetch = async () =>
      new Response('{"Message":"gone","ResourceType":"Application"}', {
        status: 404,
        headers: { 'x-amzn-ErrorType': 'ResourceNotFoundException', 'Retry-After': '3' },
      });
    const transport = httpTransport({ endpoint: 'https://flags.example', fetch }, readErrorLater);
    const error = await transport.getLatest('token', call()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      code: 'ResourceNotFoundException',
      status: 404,
      message: 'gone',
      resourceType: 'Application',
      retryAfterMs: 3000,
    });
  });
});
