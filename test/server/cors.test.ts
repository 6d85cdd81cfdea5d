import { describe, expect, it } from 'vitest';
import { EXPOSED_HEADERS } from '../../src/server/shared/wire-names.js';
import { ORIGIN, setup } from './emulator-harness.js';

const preflight = (headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/configuration`, {
    method: 'OPTIONS',
    headers: {
      origin: 'http://localhost:5173',
      'access-control-request-method': 'GET',
      ...headers,
    },
  });

describe('CORS', () => {
  it('answers a preflight with 204, the methods and the SDK headers', async () => {
    const { emulator } = setup();
    const response = await emulator.handle(
      preflight({ 'access-control-request-headers': 'x-amz-date, X-Custom' }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    const allowed = response.headers.get('access-control-allow-headers')!.split(', ');
    for (const header of [
      'content-type',
      'authorization',
      'x-amz-date',
      'x-amz-security-token',
      'x-amz-user-agent',
      'amz-sdk-invocation-id',
      'amz-sdk-request',
      'x-amz-content-sha256',
      'x-custom',
    ]) {
      expect(allowed).toContain(header);
    }
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(emulator.requests.at(-1)?.operation).toBe('Preflight');
  });

  it('exposes the AppConfig headers on successes and errors', async () => {
    const { emulator, startToken, poll } = setup();
    const ok = await poll(await startToken());
    const error = await poll('nope');
    const unknown = await emulator.fetch(`${ORIGIN}/x`);
    for (const response of [ok, error, unknown]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-expose-headers')).toBe(
        EXPOSED_HEADERS.join(', '),
      );
    }
  });

  it('allows only listed origins when given a list', async () => {
    const { emulator } = setup({ cors: { origins: ['http://localhost:5173'] } });
    const allowed = await emulator.handle(preflight());
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('vary')).toBe('Origin');
    const other = await emulator.handle(preflight({ origin: 'http://evil.test' }));
    expect(other.headers.has('access-control-allow-origin')).toBe(false);
    expect(other.headers.has('access-control-expose-headers')).toBe(false);
  });

  it('sends no CORS headers and refuses OPTIONS when cors is false', async () => {
    const { emulator, start } = setup({ cors: false });
    const response = await start();
    expect(response.headers.has('access-control-allow-origin')).toBe(false);
    const refused = await emulator.handle(preflight());
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET');
  });

  it('answers a preflight for an unknown path with 404', async () => {
    const { emulator } = setup();
    expect((await emulator.fetch(`${ORIGIN}/x`, { method: 'OPTIONS' })).status).toBe(404);
  });
});
