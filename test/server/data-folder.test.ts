import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/server/emulator/create-emulator.js';
import type { Emulator } from '../../src/server/emulator/types.js';
import { deployDataFolder } from '../../src/server/node/deploy-data-folder.js';
import { loadDataFolder } from '../../src/server/node/load-data-folder.js';
import { watchDataFolder } from '../../src/server/node/watch-data-folder.js';
import { calls } from './emulator-harness.js';

const SAMPLE = fileURLToPath(new URL('../../data/sample', import.meta.url));
const FLAGS = {
  version: '1',
  flags: { beta: { name: 'Beta' } },
  values: { beta: { enabled: true } },
};

let dir: string;
let errors: string[];
const onError = (file: string, error: Error) => errors.push(`${file}: ${error.message}`);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'appconfig-data-'));
  errors = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(path: string, content: string) {
  const file = join(dir, path);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, content);
}

async function served(emulator: Emulator, profile: string, environment = 'Dev'): Promise<string> {
  const { startToken, poll } = calls(emulator);
  const token = await startToken({
    ApplicationIdentifier: 'App',
    EnvironmentIdentifier: environment,
    ConfigurationProfileIdentifier: profile,
  });
  return (await poll(token)).text();
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting for the watcher');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('loadDataFolder', () => {
  it('reads <App>/<Env>/<Profile>.ext, detecting feature flags and content types', async () => {
    await put('App/Dev/Flags.json', JSON.stringify(FLAGS));
    await put(
      'App/Dev/YamlFlags.yaml',
      'version: "1"\nflags:\n  beta: {}\nvalues:\n  beta:\n    enabled: false\n',
    );
    await put('App/Dev/Settings.yml', 'theme: dark\n');
    await put('App/Dev/Plain.json', '{"version":"1"}');
    await put('App/Prod/Notes.txt', 'hello');
    await put('App/Dev/readme.md', 'ignored');
    await put('App/Dev/.Hidden.json', '{}');
    await put('App/Dev/deeper/Too.json', '{}');
    await put('top.json', '{}');
    const inputs = await loadDataFolder(dir, { onError });
    expect(errors).toEqual([]);
    expect(
      inputs.map(({ file, profile, environment, contentType, type }) => ({
        file,
        profile,
        environment,
        contentType,
        type,
      })),
    ).toEqual([
      {
        file: join('App', 'Dev', 'Flags.json'),
        profile: 'Flags',
        environment: 'Dev',
        contentType: 'application/json',
        type: 'AWS.AppConfig.FeatureFlags',
      },
      {
        file: join('App', 'Dev', 'Plain.json'),
        profile: 'Plain',
        environment: 'Dev',
        contentType: 'application/json',
        type: 'AWS.Freeform',
      },
      {
        file: join('App', 'Dev', 'Settings.yml'),
        profile: 'Settings',
        environment: 'Dev',
        contentType: 'application/x-yaml',
        type: 'AWS.Freeform',
      },
      {
        file: join('App', 'Dev', 'YamlFlags.yaml'),
        profile: 'YamlFlags',
        environment: 'Dev',
        contentType: 'application/json',
        type: 'AWS.AppConfig.FeatureFlags',
      },
      {
        file: join('App', 'Prod', 'Notes.txt'),
        profile: 'Notes',
        environment: 'Prod',
        contentType: 'text/plain',
        type: 'AWS.Freeform',
      },
    ]);
    // A YAML feature-flag file is deployed as JSON.
    expect(JSON.parse(inputs[3]!.content)).toEqual({
      version: '1',
      flags: { beta: {} },
      values: { beta: { enabled: false } },
    });
  });

  it('reports unparseable files and duplicate profiles, and skips them', async () => {
    await put('App/Dev/Broken.json', '{"a":');
    await put('App/Dev/Broken2.yaml', 'a: [1');
    await put('App/Dev/Streams.yaml', 'a: 1\n---\nb: 2\n'); // one document, like deploy() and the client
    await put('App/Dev/Twice.json', '{}');
    await put('App/Dev/Twice.yaml', 'a: 1');
    const inputs = await loadDataFolder(dir, { onError });
    expect(inputs.map((i) => i.profile)).toEqual(['Twice']);
    expect(errors).toEqual([
      expect.stringMatching(/Broken\.json: not valid JSON/),
      expect.stringMatching(/Broken2\.yaml: not valid YAML/),
      expect.stringMatching(/Streams\.yaml: not valid YAML/),
      expect.stringMatching(/Twice\.yaml: profile "Twice" is already defined by .*Twice\.json/),
    ]);
  });

  it('loads the bundled sample without errors', async () => {
    const emulator = createEmulator();
    const outcomes = await deployDataFolder(emulator, SAMPLE, { onError });
    expect(errors).toEqual([]);
    expect(outcomes.every((o) => o.status === 'deployed')).toBe(true);
    const profiles = emulator
      .describe()
      .map(
        (d) => `${d.application.name}/${d.environment.name}/${d.profile.name}:${d.profile.type}`,
      );
    expect(profiles).toEqual([
      'DemoApp/Development/FeatureFlags:AWS.AppConfig.FeatureFlags',
      'DemoApp/Development/MyAccessListFlag:AWS.AppConfig.FeatureFlags',
      'DemoApp/Development/Settings:AWS.Freeform',
    ]);
  });
});

describe('deployDataFolder', () => {
  it('deploys changed files only, and keeps the last good version of a refused one', async () => {
    await put('App/Dev/Flags.json', JSON.stringify(FLAGS));
    await put('App/Dev/Settings.json', '{"a":1}');
    const emulator = createEmulator();
    expect((await deployDataFolder(emulator, dir, { onError })).map((o) => o.status)).toEqual([
      'deployed',
      'deployed',
    ]);
    expect((await deployDataFolder(emulator, dir, { onError })).map((o) => o.status)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    await put('App/Dev/Flags.json', JSON.stringify({ ...FLAGS, flags: { Beta: {} } }));
    const outcomes = await deployDataFolder(emulator, dir, { onError });
    expect(outcomes[0]).toMatchObject({ status: 'refused' });
    expect(errors[0]).toMatch(
      /Flags\.json: Feature flag document refused: flags\.Beta: flag key must match/,
    );
    expect(JSON.parse(await served(emulator, 'Flags'))).toEqual({ beta: { enabled: true } });
  });
});

describe('watchDataFolder', () => {
  it('redeploys a profile when its file changes, and picks up new folders', async () => {
    await put('App/Dev/Settings.json', '{"v":1}');
    const emulator = createEmulator();
    await deployDataFolder(emulator, dir, { onError });
    const reloads: string[][] = [];
    const watcher = watchDataFolder(emulator, dir, {
      onError,
      debounceMs: 20,
      onReload: (o) => reloads.push(o.map((x) => x.status)),
    });
    try {
      await put('App/Dev/Settings.json', '{"v":2}');
      await waitFor(
        () =>
          emulator.deployed({ application: 'App', environment: 'Dev', profile: 'Settings' })
            ?.versionNumber === 2,
      );
      expect(await served(emulator, 'Settings')).toBe('{"v":2}');

      await put('App/Dev/Settings.json', '{"v":');
      await waitFor(() => errors.length > 0);
      expect(errors[0]).toMatch(/Settings\.json: not valid JSON/);
      expect(await served(emulator, 'Settings')).toBe('{"v":2}');

      await put('App/Staging/Settings.json', '{"v":"staging"}');
      await waitFor(
        () =>
          emulator.deployed({ application: 'App', environment: 'Staging', profile: 'Settings' }) !==
          undefined,
      );
      expect(await served(emulator, 'Settings', 'Staging')).toBe('{"v":"staging"}');
      expect(reloads.length).toBeGreaterThan(0);
    } finally {
      watcher.close();
    }
  });

  it('stops when closed, or when the emulator closes', async () => {
    await put('App/Dev/Settings.json', '{"v":1}');
    const emulator = createEmulator();
    await deployDataFolder(emulator, dir, { onError });
    let reloads = 0;
    watchDataFolder(emulator, dir, { onError, debounceMs: 10, onReload: () => reloads++ });
    emulator.close();
    await put('App/Dev/Settings.json', '{"v":2}');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reloads).toBe(0);
    expect(
      emulator.deployed({ application: 'App', environment: 'Dev', profile: 'Settings' })
        ?.versionNumber,
    ).toBe(1);
  });
});
