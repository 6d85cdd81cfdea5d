import { afterEach, describe, expect, it } from 'vitest';
import { serve, type ServedHandler } from '../../src/server/node/serve.js';
import { IDS, calls, setup } from './emulator-harness.js';

let servers: ServedHandler[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function listen(handler: (request: Request) => Promise<Response>) {
  const server = await serve(handler, { port: 0 });
  servers.push(server);
  return server;
}

describe('serve (Node adapter)', () => {
  it('serves the emulator on 127.0.0.1 with a free port', async () => {
    const { emulator } = setup();
    const server = await listen(emulator.handle);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    // Real sockets, through the global fetch: the same two calls as in process.
    const { startToken } = calls({ fetch: (input, init) => fetch(input, init) }, server.url);
    const token = await startToken(IDS);
    const response = await fetch(
      `${server.url}/configuration?configuration_token=${encodeURIComponent(token)}`,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"theme":"light"}');
    expect(response.headers.get('next-poll-interval-in-seconds')).toBe('60');
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
    const empty = await fetch(
      `${server.url}/configuration?configuration_token=${encodeURIComponent(response.headers.get('next-poll-configuration-token')!)}`,
    );
    expect(empty.headers.get('content-length')).toBe('0');
    expect(await empty.text()).toBe('');
  });

  it('resets the connection for a network fault instead of answering 500', async () => {
    const { emulator } = setup();
    const server = await listen(emulator.handle);
    emulator.faults.inject({ kind: 'network' });
    const error = await fetch(`${server.url}/configurationsessions`, {
      method: 'POST',
      body: JSON.stringify(IDS),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    // The server is still up for the next request.
    const ok = await fetch(`${server.url}/configurationsessions`, {
      method: 'POST',
      body: JSON.stringify(IDS),
    });
    expect(ok.status).toBe(201);
  });

  it('rejects when the port is taken', async () => {
    const { emulator } = setup();
    const first = await listen(emulator.handle);
    await expect(serve(emulator.handle, { port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
