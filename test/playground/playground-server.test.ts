/**
 * The playground's server side without a browser: its JSON API over the emulator, the data folder
 * (a file edit redeploys that file only), and the Connect middleware on a real socket.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlaygroundApi } from '../../playground/server/create-playground-api.js';
import type {
  DeployRefusal,
  DeployedProfile,
  PlaygroundState,
} from '../../playground/shared/playground-api-types.js';
import type { Emulator } from '../../src/server/index.js';
import { createFolderEmulator } from '../../src/vite/create-folder-emulator.js';
import { createNodeMiddleware } from '../../src/vite/node-middleware.js';

const SAMPLE = fileURLToPath(new URL('../../data/sample', import.meta.url));
const REF = { application: 'DemoApp', environment: 'Development' };

let dataDir: string;
let emulator: Emulator;
let api: (request: Request) => Promise<Response>;
const logs: string[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'appconfig-playground-test-'));
  await cp(SAMPLE, dataDir, { recursive: true });
  // What the playground's Vite plugin (appconfig-react/vite) creates for each server.
  emulator = await createFolderEmulator({
    dataDir,
    basePath: '/appconfig',
    logger: { info: (line) => logs.push(line), warn: (line) => logs.push(line) },
  });
  api = createPlaygroundApi(emulator);
});

afterEach(async () => {
  emulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

const call = (method: string, path: string, body?: unknown) =>
  api(
    new Request(`http://playground.test/playground-api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );

async function state(): Promise<PlaygroundState> {
  return (await (await call('GET', '/state')).json()) as PlaygroundState;
}

async function deployed(profile: string): Promise<DeployedProfile> {
  const found = (await state()).deployments.find((d) => d.profile === profile);
  if (!found) throw new Error(`${profile} is not deployed`);
  return found;
}

async function flagsWith(edit: (document: { values: Record<string, object> }) => void) {
  const document = JSON.parse((await deployed('FeatureFlags')).content);
  edit(document);
  return JSON.stringify(document);
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('playground API', () => {
  it('lists the sample data folder with its content', async () => {
    const { deployments, faults } = await state();
    expect(deployments.map((d) => [d.profile, d.type, d.versionNumber])).toEqual([
      ['FeatureFlags', 'AWS.AppConfig.FeatureFlags', 1],
      ['MyAccessListFlag', 'AWS.AppConfig.FeatureFlags', 1],
      ['Settings', 'AWS.Freeform', 1],
    ]);
    expect((await deployed('Settings')).contentType).toBe('application/x-yaml');
    expect(JSON.parse((await deployed('MyAccessListFlag')).content).values.accessList).toEqual({
      enabled: true,
      allowedUsers: ['jane.doe', 'john.smith'],
      mode: 'allow',
    });
    expect(faults).toEqual([]);
  });

  it('deploys a new version, with its label', async () => {
    const content = await flagsWith((d) => Object.assign(d.values.betaBanner!, { enabled: true }));
    const response = await call('POST', '/deploy', {
      ...REF,
      profile: 'FeatureFlags',
      content,
      versionLabel: ' beta-on ',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as DeployedProfile;
    expect(body).toMatchObject({ versionNumber: 2, versionLabel: 'beta-on' });
    expect(JSON.parse(body.content).values.betaBanner.enabled).toBe(true);
  });

  it("answers 400 with AppConfig's reason when validation refuses the document, and keeps the version", async () => {
    const content = await flagsWith((d) => Object.assign(d.values.checkoutV2!, { maxItems: 500 }));
    const response = await call('POST', '/deploy', { ...REF, profile: 'FeatureFlags', content });
    expect(response.status).toBe(400);
    const refusal = (await response.json()) as DeployRefusal;
    expect(refusal.error).toBe('FeatureFlagValidationError');
    expect(refusal.issues?.[0]?.path).toBe('values.checkoutV2.maxItems');
    expect(refusal.message).toMatch(/maxItems/);
    expect((await deployed('FeatureFlags')).versionNumber).toBe(1);
  });

  it('answers 400 for a malformed request', async () => {
    const notJson = await api(
      new Request('http://playground.test/playground-api/deploy', { method: 'POST', body: '{' }),
    );
    expect(notJson.status).toBe(400);
    const missing = await call('POST', '/deploy', { ...REF, content: 'x' });
    expect(((await missing.json()) as DeployRefusal).message).toBe('"profile" must be a string.');
  });

  it('injects and clears faults', async () => {
    const injected = await call('POST', '/faults', { kind: 'throttle', count: 3 });
    expect(((await injected.json()) as PlaygroundState).faults).toEqual([
      { kind: 'throttle', remaining: 3, delayMs: 1000, operation: 'any' },
    ]);
    const unknown = await call('POST', '/faults', { kind: 'meteor' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as DeployRefusal).message).toMatch(/Unknown fault kind/);
    await call('DELETE', '/faults');
    expect((await state()).faults).toEqual([]);
  });
});

describe('playground data folder', () => {
  it('redeploys only the file that changed, keeping what the editor deployed', async () => {
    const content = await flagsWith((d) => Object.assign(d.values.betaBanner!, { enabled: true }));
    await call('POST', '/deploy', { ...REF, profile: 'FeatureFlags', content });

    const file = join(dataDir, 'DemoApp/Development/Settings.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('theme: light', 'theme: dark'));
    await until(async () => (await deployed('Settings')).versionNumber === 2, 'Settings v2');

    expect((await deployed('Settings')).content).toContain('theme: dark');
    const flags = await deployed('FeatureFlags');
    expect(flags.versionNumber).toBe(2); // not put back to the file's version
    expect(JSON.parse(flags.content).values.betaBanner.enabled).toBe(true);
    expect(logs).toContain(
      `[appconfig] deployed ${join('DemoApp', 'Development', 'Settings.yaml')} as version 2`,
    );
  });
});

describe('playground middleware (real socket)', () => {
  let server: Server;
  let base: string;

  beforeEach(async () => {
    const middleware = createNodeMiddleware([
      { prefix: '/appconfig', handle: emulator.handle },
      { prefix: '/playground-api', handle: api },
    ]);
    server = createServer((req, res) =>
      middleware(req, res, () => {
        res.statusCode = 404;
        res.end('not mounted');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('serves the emulator and the API under their prefixes, and passes the rest on', async () => {
    const session = await fetch(`${base}/appconfig/configurationsessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ApplicationIdentifier: 'DemoApp',
        EnvironmentIdentifier: 'Development',
        ConfigurationProfileIdentifier: 'Settings',
      }),
    });
    expect(session.status).toBe(201);
    const { InitialConfigurationToken: token } = (await session.json()) as Record<string, string>;
    const latest = await fetch(
      `${base}/appconfig/configuration?configuration_token=${encodeURIComponent(token!)}`,
    );
    expect(latest.headers.get('content-type')).toBe('application/x-yaml');
    expect(await latest.text()).toContain('supportEmail: support@example.com');

    expect((await fetch(`${base}/playground-api/state`)).status).toBe(200);
    const other = await fetch(`${base}/appconfigs`);
    expect([other.status, await other.text()]).toEqual([404, 'not mounted']);
  });

  it('drops the connection in the middle of the response for a network fault', async () => {
    // Not before the response: a browser would retry that silently on another connection.
    emulator.faults.inject({ kind: 'network' });
    const response = await fetch(`${base}/appconfig/configurationsessions`, { method: 'POST' });
    await expect(response.text()).rejects.toThrow(/terminated/);
    expect(emulator.requests.at(-1)).toMatchObject({ fault: 'network', status: 0 });
  });
});
