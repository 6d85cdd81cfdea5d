import { describe, expect, it } from 'vitest';
import { decodeConfiguration, decodingOf } from '../../src/core/decode.js';
import { ConfigurationDecodeError } from '../../src/core/errors.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('decodeConfiguration', () => {
  it.each([
    ['application/json', 'json'],
    ['application/JSON; charset=utf-8', 'json'],
    ['application/vnd.example+json', 'json'],
    ['text/json', 'json'],
    ['application/x-yaml', 'yaml'],
    ['application/yaml', 'yaml'],
    ['text/yaml', 'yaml'],
    ['text/plain', 'text'],
    ['application/octet-stream', 'bytes'],
    ['', 'bytes'],
  ])('%s decodes as %s', (contentType, kind) => {
    expect(decodingOf(contentType)).toBe(kind);
  });

  it('parses JSON, YAML and text', async () => {
    expect(await decodeConfiguration(bytes('{"a":{"enabled":true}}'), 'application/json')).toEqual({
      a: { enabled: true },
    });
    expect(
      await decodeConfiguration(bytes('banner: Hello\nlimit: 3\n'), 'application/x-yaml'),
    ).toEqual({ banner: 'Hello', limit: 3 });
    expect(await decodeConfiguration(bytes('plain words'), 'text/plain')).toBe('plain words');
  });

  it('hands other types over as the bytes themselves', async () => {
    const body = new Uint8Array([0, 1, 2]);
    expect(await decodeConfiguration(body, 'application/octet-stream')).toBe(body);
  });

  it.each([
    ['{"a":', 'application/json', /not valid JSON/],
    ['a: [1, 2', 'application/x-yaml', /not valid YAML/],
  ])(
    'refuses %j with a ConfigurationDecodeError naming the format',
    async (text, contentType, message) => {
      const error = await decodeConfiguration(bytes(text), contentType, 'v7').catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigurationDecodeError);
      expect((error as ConfigurationDecodeError).message).toMatch(message);
      expect((error as ConfigurationDecodeError).message).toContain('"v7"');
      expect((error as ConfigurationDecodeError).contentType).toBe(contentType);
      expect((error as ConfigurationDecodeError).versionLabel).toBe('v7');
    },
  );
});

describe('multi-document YAML', () => {
  it('is refused by the client, as the emulator refuses to deploy it', async () => {
    await expect(
      decodeConfiguration(bytes('a: 1\n---\nb: 2\n'), 'application/x-yaml'),
    ).rejects.toThrow(/is not valid YAML/);
  });
});
