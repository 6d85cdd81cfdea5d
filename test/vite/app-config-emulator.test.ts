/**
 * `appconfig-react/vite` in a real Vite dev server and preview server on 127.0.0.1: the emulator
 * answers under the base path on the app's own origin, serves the app's data folder (relative to
 * Vite's root), redeploys a saved file with one log line, and passes every other request on to
 * Vite. Bad options fail with a typed error naming the option.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger,
  createServer,
  preview,
  type Logger,
  type PreviewServer,
  type ViteDevServer,
} from 'vite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../src/core/index.js';
import { appConfigEmulator, type AppConfigEmulatorOptions } from '../../src/vite/index.js';

const FLAGS = {
  version: '1',
  flags: { darkMode: { name: 'Dark mode' } },
  values: { darkMode: { enabled: true } },
};

let root: string;
let servers: (ViteDevServer | PreviewServer)[];
let lines: string[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'appconfig-vite-'));
  servers = [];
  lines = [];
  await put('appconfig-data/Shop/Dev/Flags.json', JSON.stringify(FLAGS));
  await put('index.html', '<!doctype html><title>app</title><p>the app</p>');
});
afterEach(async () => {
  for (const server of servers) await server.close();
  await rm(root, { recursive: true, force: true });
});

async function put(path: string, content: string) {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), content);
}

function capturingLogger(): Logger {
  const logger = createLogger('info', { allowClearScreen: false });
  logger.info = (message) => void lines.push(message);
  logger.warn = (message) => void lines.push(`warn: ${message}`);
  return logger;
}

async function dev(options?: AppConfigEmulatorOptions): Promise<string> {
  const server = await createServer({
    root,
    configFile: false,
    customLogger: capturingLogger(),
    plugins: [appConfigEmulator(options)],
    server: { host: '127.0.0.1', port: 0, strictPort: false, ws: false },
    optimizeDeps: { noDiscovery: true },
  });
  servers.push(server);
  await server.listen();
  return server.resolvedUrls!.local[0]!.replace(/\/$/, '');
}

async function flagsAt(base: string, path = '/appconfig'): Promise<unknown> {
  const session = await fetch(`${base}${path}/configurationsessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ApplicationIdentifier: 'Shop',
      EnvironmentIdentifier: 'Dev',
      ConfigurationProfileIdentifier: 'Flags',
    }),
  });
  expect(session.status).toBe(201);
  const { InitialConfigurationToken: token } = (await session.json()) as Record<string, string>;
  const latest = await fetch(
    `${base}${path}/configuration?configuration_token=${encodeURIComponent(token!)}`,
  );
  expect(latest.status).toBe(200);
  return latest.json();
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log: ${lines}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('appConfigEmulator (Vite plugin)', () => {
  it("serves the app's data folder at /appconfig on the dev server, next to the app", async () => {
    const base = await dev();
    expect(await flagsAt(base)).toEqual({ darkMode: { enabled: true } });
    // No CORS headers: the page and the emulator share an origin.
    const preflight = await fetch(`${base}/appconfig/configurationsessions`, {
      method: 'OPTIONS',
      headers: { origin: 'http://elsewhere.test', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    // Everything else is Vite's: the app's page, and paths that only start like the base path.
    expect(await (await fetch(`${base}/`)).text()).toContain('the app');
    expect((await fetch(`${base}/appconfigx/configuration`)).headers.get('x-amzn-errortype')).toBe(
      null,
    );
  });

  it('redeploys a saved file and logs one line for it', async () => {
    const base = await dev();
    await put(
      'appconfig-data/Shop/Dev/Flags.json',
      JSON.stringify({ ...FLAGS, values: { darkMode: { enabled: false } } }),
    );
    await until('the deployment line', () => lines.some((l) => /deployed/.test(l)));
    expect(lines.filter((l) => /deployed/.test(l))).toEqual([
      `[appconfig] deployed ${join('Shop', 'Dev', 'Flags.json')} as version 2`,
    ]);
    expect(await flagsAt(base)).toEqual({ darkMode: { enabled: false } });
  });

  it('warns why a saved file was refused and keeps serving the last good version', async () => {
    const base = await dev();
    await put(
      'appconfig-data/Shop/Dev/Flags.json',
      JSON.stringify({ ...FLAGS, values: { darkMode: { enabled: 'yes' } } }),
    );
    await until('the refusal', () => lines.some((l) => l.includes('not deployed')));
    const warning = lines.find((l) => l.includes('not deployed'))!;
    const file = join('Shop', 'Dev', 'Flags.json');
    expect(warning.startsWith(`warn: [appconfig] ${file} not deployed: `), warning).toBe(true);
    expect(warning).toContain('values.darkMode.enabled');
    expect(warning).toMatch(/; version 1 stays served$/);
    expect(await flagsAt(base)).toEqual({ darkMode: { enabled: true } });
  });

  it('prints the emulator URL and the deployed profiles with the server URLs', async () => {
    const base = await dev();
    servers[0]!.printUrls();
    expect(lines.join('\n')).toContain(`AppConfig: ${base}/appconfig (emulator; data: `);
    expect(lines.join('\n')).toContain('Shop/Dev/Flags (AWS.AppConfig.FeatureFlags, version 1)');
  });

  it('takes another base path and data folder', async () => {
    await put('flags/Shop/Dev/Flags.json', JSON.stringify(FLAGS));
    const base = await dev({ basePath: '/api/flags/', data: 'flags' });
    expect(await flagsAt(base, '/api/flags')).toEqual({ darkMode: { enabled: true } });
    expect(
      (await fetch(`${base}/appconfig/configurationsessions`, { method: 'POST' })).status,
    ).not.toBe(201);
  });

  it('warns with the fix when the data folder is missing, and answers 404', async () => {
    const base = await dev({ data: 'nowhere' });
    expect(lines.join('\n')).toMatch(/warn: \[appconfig\] data folder not found: .*nowhere/);
    const session = await fetch(`${base}/appconfig/configurationsessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ApplicationIdentifier: 'Shop',
        EnvironmentIdentifier: 'Dev',
        ConfigurationProfileIdentifier: 'Flags',
      }),
    });
    expect(session.status).toBe(404);
  });

  it('announces pollIntervalSeconds to the sessions and prints it', async () => {
    const base = await dev({ pollIntervalSeconds: 2 });
    const session = await fetch(`${base}/appconfig/configurationsessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ApplicationIdentifier: 'Shop',
        EnvironmentIdentifier: 'Dev',
        ConfigurationProfileIdentifier: 'Flags',
        RequiredMinimumPollIntervalInSeconds: 15,
      }),
    });
    const { InitialConfigurationToken: token } = (await session.json()) as Record<string, string>;
    const latest = await fetch(
      `${base}/appconfig/configuration?configuration_token=${encodeURIComponent(token!)}`,
    );
    expect(latest.headers.get('next-poll-interval-in-seconds')).toBe('2');
    servers[0]!.printUrls();
    expect(lines.join('\n')).toContain('polls every 2 s (pollIntervalSeconds;');
  });

  it('serves on the preview server too', async () => {
    await put('dist/index.html', '<!doctype html><p>built</p>');
    const server = await preview({
      root,
      configFile: false,
      customLogger: capturingLogger(),
      plugins: [appConfigEmulator()],
      preview: { host: '127.0.0.1', port: 0 },
    });
    servers.push(server);
    const base = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
    expect(await flagsAt(base)).toEqual({ darkMode: { enabled: true } });
  });

  it.each([
    [{ basePath: '/' }, 'basePath'],
    [{ basePath: '' }, 'basePath'],
    [{ basePath: '/app config' }, 'basePath'],
    [{ data: '' }, 'data'],
    [{ pollIntervalSeconds: 0 }, 'pollIntervalSeconds'],
    [{ pollIntervalSeconds: 30 }, 'pollIntervalSeconds'],
  ])('refuses %j with an InvalidOptionsError naming the option', (options, field) => {
    let error: unknown;
    try {
      appConfigEmulator(options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidOptionsError);
    expect((error as InvalidOptionsError).field).toBe(field);
    expect((error as Error).message).toMatch(new RegExp(`^appConfigEmulator: ${field} must`));
  });
});
